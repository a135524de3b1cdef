"""Italian words for the change log: tables, fields, actions, and values as shown."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from desdesk.i18n import N_, _, format_date
from desdesk.services.history_fields import MORE_FIELD_LABELS

TABLE_LABELS: dict[str, str] = {
    "agenda_item": N_("Punto all'ordine del giorno"),
    "archived_document": N_("Documento archiviato"),
    "assembly": N_("Assemblea"),
    "attendance": N_("Presenza"),
    "budget_category": N_("Voce di bilancio"),
    "district": N_("Distretto"),
    "document_template": N_("Modello di documento"),
    "fee_override": N_("Quota personalizzata"),
    "financial_year": N_("Esercizio"),
    "founding_document": N_("Documento costitutivo"),
    "growth_action": N_("Azione di crescita"),
    "guest": N_("Ospite"),
    "indicator": N_("Indicatore"),
    "indicator_target": N_("Valore atteso dell'indicatore"),
    "investment": N_("Investimento"),
    "measurement": N_("Misurazione"),
    "member": N_("Aderente"),
    "minutes": N_("Verbale"),
    "minutes_item": N_("Punto del verbale"),
    "movement": N_("Movimento"),
    "objective": N_("Obiettivo"),
    "office": N_("Carica"),
    "outbox_message": N_("Messaggio in uscita"),
    "planned_amount": N_("Importo previsto"),
    "referent": N_("Referente"),
    "signed_copy": N_("Copia firmata"),
    "task": N_("Compito"),
    "transfer": N_("Giroconto"),
}

ACTION_LABELS: dict[str, str] = {
    "insert": N_("Aggiunta"),
    "update": N_("Modifica"),
    "delete": N_("Eliminazione"),
    "leave": N_("Uscita dal distretto"),
    "readmit": N_("Riammissione"),
}

FIELD_LABELS: dict[str, str] = {
    "name": N_("Nome"),
    "first_name": N_("Nome"),
    "last_name": N_("Cognome"),
    "legal_basis": N_("Base giuridica"),
    "notice_given_on": N_("Informativa consegnata il"),
    "erased_on": N_("Dati personali cancellati il"),
    "legal_form": N_("Forma giuridica"),
    "nature_override": N_("Natura"),
    "nature_override_reason": N_("Motivo della natura"),
    "tax_code": N_("Codice fiscale"),
    "vat_number": N_("Partita IVA"),
    "legal_representative": N_("Legale rappresentante"),
    "address": N_("Indirizzo"),
    "comune": N_("Comune"),
    "provincia": N_("Provincia"),
    "cap": N_("CAP"),
    "email": N_("E-mail"),
    "pec": N_("PEC"),
    "phone": N_("Telefono"),
    "website": N_("Sito web"),
    "aes_subscriber": N_("Aderente AES"),
    "disciplinari": N_("Disciplinari"),
    "supply_chain_roles": N_("Ruoli nella filiera"),
    "joined_on": N_("Data di adesione"),
    "left_on": N_("Data di uscita"),
    "leave_reason": N_("Motivo dell'uscita"),
    "notes": N_("Note"),
    "note": N_("Nota"),
    "member_id": N_("Aderente"),
    "kind": N_("Tipo"),
    "role": N_("Ruolo"),
    "title": N_("Titolo"),
    "description": N_("Descrizione"),
    "start_date": N_("Inizio"),
    "end_date": N_("Fine"),
    "person_name": N_("Persona"),
    "date": N_("Data"),
    "amount": N_("Importo"),
    "category_id": N_("Voce di bilancio"),
    "counterparty": N_("Controparte"),
    "account": N_("Conto"),
    "source": N_("Fonte"),
    "document_ref": N_("Documento"),
    "fee_year": N_("Quota dell'anno"),
    "year": N_("Anno"),
    "status": N_("Stato"),
    "due_date": N_("Scadenza"),
    "due_on": N_("Scadenza"),
    "reason": N_("Motivo"),
    "territory": N_("Territorio"),
    "mission": N_("Missione"),
    "seat": N_("Sede"),
    "place": N_("Luogo"),
    "value": N_("Valore"),
    "created_at": N_("Creato il"),
    "updated_at": N_("Aggiornato il"),
}

# Not worth a line of their own: the key, timestamps set by every save, and the edit
# count (never logged, see db/audit.py UNLOGGED_COLUMNS).
HIDDEN_FIELDS: frozenset[str] = frozenset(
    {"id", "created_at", "updated_at", "uid", "params", "snapshot", "version"}
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def table_label(table: str) -> str:
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return _(FIELD_LABELS[name])
    if name in MORE_FIELD_LABELS:
        return _(MORE_FIELD_LABELS[name])
    return name.replace("_", " ")


def action_label(action: str) -> str:
    return _(ACTION_LABELS.get(action, action))


def shown_value(value: Any, boolean: bool = False) -> str:
    """A logged value as the user reads it: dates as 26/11/2026, times as 18:30, yes/no
    for a boolean column, empty for NULL.

    The same whichever database logged it: SQLite's triggers write booleans as 0/1
    and times as 18:30:00.000000, PostgreSQL's as true/false and 18:30:00.
    """
    if value is None:
        return ""
    if isinstance(value, bool) or (boolean and value in (0, 1)):
        return _("Sì") if value else _("No")
    text = str(value)
    if _ISO_DATE.match(text):
        return format_date(date.fromisoformat(text))
    if _ISO_DATETIME.match(text):
        moment = datetime.fromisoformat(text)
        return f"{format_date(moment)} {moment:%H:%M}"
    if _ISO_TIME.match(text):
        return text[:5]
    return text


def is_boolean(table: str, field: str) -> bool:
    """Whether `table.field` is a boolean column (logged as 0/1 by SQLite)."""
    return (table, field) in _boolean_columns()


@cache
def _boolean_columns() -> frozenset[tuple[str, str]]:
    from sqlalchemy import Boolean
    from sqlmodel import SQLModel

    from desdesk.db import models  # noqa: F401  (registers every table)

    return frozenset(
        (table.name, column.name)
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Boolean)
    )


def record_label(table: str, record_id: int | None, values: dict[str, Any]) -> str:
    """What names the record: a member's name, a referent's full name, a title…"""
    if table == "referent":
        full = f"{values.get('first_name') or ''} {values.get('last_name') or ''}".strip()
        if full:
            return full
    for key in ("name", "title", "person_name", "subject", "description", "kind", "year"):
        text = values.get(key)
        if text:
            return str(text)
    return _("n. {number}").format(number=record_id) if record_id is not None else ""
