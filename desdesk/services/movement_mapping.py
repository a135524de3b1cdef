"""Which column of a movement file holds what: the fields, a guess from the headers, and
why a mapping cannot be used.

Bank exports differ, so the user maps columns to fields instead of the file following a
fixed format. The fields are Italian words because they are typed on the command line
(`--map "Data valuta=data"`). An amount is either one signed column (`importo`,
negative = uscita) or the two columns many banks write (`entrata`, `uscita`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from desdesk.domain.text import match_key
from desdesk.i18n import N_, _

FIELDS: tuple[str, ...] = (
    "data", "importo", "entrata", "uscita", "categoria",
    "descrizione", "fonte", "controparte", "documento", "conto", "quota_anno",
)  # fmt: skip
AMOUNT_FIELDS: tuple[str, ...] = ("importo", "entrata", "uscita")

_FIELD_LABELS: dict[str, str] = {
    "data": N_("Data"),
    "importo": N_("Importo (con segno: negativo = uscita)"),
    "entrata": N_("Entrata"),
    "uscita": N_("Uscita"),
    "categoria": N_("Categoria (codice o nome)"),
    "descrizione": N_("Descrizione"),
    "fonte": N_("Fonte di finanziamento"),
    "controparte": N_("Controparte"),
    "documento": N_("Documento"),
    "conto": N_("Conto (cassa o banca)"),
    "quota_anno": N_("Quota dell'anno (pagamento della quota di un aderente)"),
}

# Header keys (see `_header_key`) that suggest a field, best first.
_GUESSES: dict[str, tuple[str, ...]] = {
    "data": (
        "data", "dataoperazione", "datacontabile", "datamovimento", "datavaluta",
        "valuta", "date", "bookingdate", "transactiondate", "valuedate",
    ),
    "importo": ("importo", "importoeuro", "importoeur", "ammontare", "valore", "amount"),
    "entrata": ("entrata", "entrate", "accrediti", "accredito", "avere", "credit", "income"),
    "uscita": ("uscita", "uscite", "addebiti", "addebito", "dare", "debit", "expense"),
    "categoria": ("categoria", "codicecategoria", "voce", "category"),
    "descrizione": (
        "descrizione", "causale", "descrizioneoperazione", "dettagli", "description", "memo",
    ),
    "fonte": ("fonte", "fontedifinanziamento", "fontefinanziamento", "source"),
    "controparte": (
        "controparte", "beneficiario", "ordinante", "aderente", "socio", "counterparty", "payee",
    ),
    "documento": (
        "documento", "riferimento", "numerodocumento", "ndocumento", "ricevuta", "document",
        "reference",
    ),
    "conto": ("conto", "cassabanca", "account"),
    "quota_anno": ("quotaanno", "annoquota", "quotadellanno", "feeyear"),
}  # fmt: skip


def field_label(name: str) -> str:
    return _(_FIELD_LABELS[name])


def _header_key(header: str) -> str:
    """`Importo (€)`, `IMPORTO` and `importo` alike: letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", match_key(header))


def suggest_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Field → column guessed from the headers (Italian bank exports, English ones, and
    what `export` writes). Each column is suggested for one field at most."""
    keys = [(_header_key(header), header) for header in headers if header.strip()]
    mapping: dict[str, str] = {}
    for name in FIELDS:
        if name in ("entrata", "uscita") and "importo" in mapping:
            continue
        taken = set(mapping.values())
        for guess in _GUESSES[name]:
            header = next((h for key, h in keys if key == guess and h not in taken), None)
            if header is not None:
                mapping[name] = header
                break
    return mapping


def resolve_columns(headers: Sequence[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping with each column spelt as the file spells it (`data valuta` typed on
    the command line finds `Data valuta`); a column not found is left as given."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(match_key(header), header)
    return {
        name: column if column in headers else by_key.get(match_key(column), column)
        for name, column in mapping.items()
    }


def mapping_problems(headers: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    """Why a mapping cannot be used to read the file (empty when it can)."""
    problems: list[str] = []
    used: dict[str, str] = {}
    for name, column in mapping.items():
        if name not in FIELDS:
            problems.append(
                _("“{field}” non è un campo dei movimenti: usa {fields}.").format(
                    field=name, fields=", ".join(FIELDS)
                )
            )
        elif column not in headers:
            problems.append(_("Nel file non c'è la colonna “{column}”.").format(column=column))
        elif column in used:
            problems.append(
                _("La colonna “{column}” è scelta per due campi: {first} e {second}.").format(
                    column=column, first=used[column], second=name
                )
            )
        else:
            used[column] = name
    if "data" not in mapping:
        problems.append(_("Scegli la colonna della data."))
    if "categoria" not in mapping:
        problems.append(_("Scegli la colonna della categoria."))
    if "importo" in mapping and ("entrata" in mapping or "uscita" in mapping):
        problems.append(
            _(
                "Usa la colonna dell'importo con segno oppure quelle di entrate e uscite, non entrambe."
            )
        )
    elif not any(name in mapping for name in AMOUNT_FIELDS):
        problems.append(_("Scegli la colonna dell'importo (oppure quelle di entrate e uscite)."))
    return problems
