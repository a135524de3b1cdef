"""Personal data (GDPR): export all the district holds about one person, and erase
(pseudonymise) a person whose roles have ended.

The erasure removes the contacts from the person's referent records, replaces the name
with a pseudonym and blanks the same values in the change log, in one transaction.
Names written into approved minutes, the offices' history, the accounts and the
register are legal records: they are kept, and the result says where.

Exports are written whole or not at all, readable only by the user (they are personal
data), never over the district file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from desdesk.atomic import atomic_write
from desdesk.db.files import is_database_or_side_file
from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.domain.errors import Conflict, DesdeskError, os_error_reason
from desdesk.i18n import _, format_date
from desdesk.services import personal_data_reads as reads
from desdesk.services.base import Service, SessionFactory
from desdesk.services.history import HistoryService, scrub_history
from desdesk.services.referents import legal_basis_label

FORMAT = "desdesk-dati-personali"
VERSION = 1
# Referent fields the erasure blanks or replaces, in the records and in the log.
ERASED_FIELDS: tuple[str, ...] = ("first_name", "last_name", "email", "phone", "role")


class PersonalDataWriteError(DesdeskError):
    """An export could not be written (nothing was left half-written)."""


@dataclass(frozen=True, slots=True)
class ErasureResult:
    """What the erasure did, and where the person's name stays as a legal record."""

    referent_ids: tuple[int, ...]
    pseudonym: str
    erased_on: date
    kept: tuple[str, ...]  # one Italian line per place the name remains
    history_rows: int  # change-log rows scrubbed

    def message(self) -> str:
        lines = [
            _(
                "Dati personali cancellati il {day}: contatti rimossi e nome sostituito con "
                "«{pseudonym}» in {count} schede di referente; cronologia ripulita."
            ).format(
                day=format_date(self.erased_on),
                pseudonym=self.pseudonym,
                count=len(self.referent_ids),
            )
        ]
        if self.kept:
            lines.append(_("Il nome resta, perché atto con valore legale, in (non modificati):"))
            lines += [f"• {line}" for line in self.kept]
        else:
            lines.append(_("Il nome non compare in verbali approvati, cariche o conti."))
        return "\n".join(lines)


def pseudonym(referent_id: int) -> str:
    return _("Referente cessato n. {id}").format(id=referent_id)


class PersonalDataService(Service):
    def __init__(self, sessions: SessionFactory, district_path: Path | None = None) -> None:
        super().__init__(sessions)
        self._district_path = Path(district_path) if district_path is not None else None

    def export(self, referent_id: int) -> dict[str, Any]:
        """Everything about the person, JSON-ready: stable keys, ISO dates."""
        with self._reading() as session:
            person = reads.find_person(session, referent_id)
            members = reads.member_names(session)
            data: dict[str, Any] = {
                "format": FORMAT,
                "version": VERSION,
                "exported_on": date.today().isoformat(),
                "district": _district_name(session),
                "person": _identity(person),
                "referent_records": [reads.referent_record(r, members) for r in person.records],
                "legal_representative_of": reads.legal_representative_of(session, person),
                "offices": reads.offices(session, person),
                "attendance": reads.attendance(session, person),
                "tasks": reads.tasks(session, person),
                "movements": reads.movements(session, person),
                "approved_minutes": reads.approved_minutes(session, person),
            }
            logged = reads.logged_values(session, person)
        history = HistoryService(self._sessions)
        data["history"] = [
            _history_json(row, logged.get(row.id, (None, None)))
            for rid in person.ids
            for row in history.rows("referent", rid)
        ]
        return data

    def export_json(self, referent_id: int, path: Path) -> Path:
        text = json.dumps(self.export(referent_id), ensure_ascii=False, indent=2, sort_keys=True)
        self._write(path, (text + "\n").encode("utf-8"))
        return Path(path)

    def export_pdf(self, referent_id: int, path: Path) -> Path:
        from desdesk.reports.personal_data import personal_data_pdf

        self._write(path, personal_data_pdf(self.export(referent_id)))
        return Path(path)

    def refusal(self, referent_id: int) -> str | None:
        """Why the person may not be erased yet (a role still current); None if they may."""
        with self._reading() as session:
            return _still_current(session, reads.find_person(session, referent_id))

    def erase(self, referent_id: int) -> ErasureResult:
        """Pseudonymise the person's referent records and scrub the log: all or nothing."""
        today = date.today()
        with self._unit_of_work() as session:
            person = reads.find_person(session, referent_id)
            if person.first.erased_on is not None:
                raise Conflict(
                    _("I dati personali di questo referente sono già stati cancellati il {day}.")
                    .format(day=format_date(person.first.erased_on))
                )  # fmt: skip
            refused = _still_current(session, person)
            if refused is not None:
                raise Conflict(refused)
            kept = _kept_records(session, person)
            for record in person.records:
                assert record.id is not None
                record.first_name = _("Referente cessato")
                record.last_name = _("n. {id}").format(id=record.id)
                record.email = record.phone = record.role = ""
                record.erased_on = today
            session.flush()
            scrubbed = scrub_history(session, "referent", person.ids, ERASED_FIELDS)
        return ErasureResult(
            referent_ids=tuple(person.ids),
            pseudonym=pseudonym(referent_id),
            erased_on=today,
            kept=tuple(kept),
            history_rows=scrubbed,
        )

    def _write(self, path: Path, data: bytes) -> None:
        path = Path(path)
        if self._district_path is not None and is_database_or_side_file(path, self._district_path):
            raise PersonalDataWriteError(
                _("L'esportazione non può sostituire il file del distretto: scegli un altro nome.")
            )
        try:
            with atomic_write(path, private=True) as handle:
                handle.write(data)
        except OSError as exc:
            raise PersonalDataWriteError(
                _("Non riesco a salvare {path}: {reason}").format(
                    path=path, reason=os_error_reason(exc)
                )
            ) from exc


def _district_name(session: Session) -> str:
    from sqlalchemy import text

    return str(session.execute(text("SELECT name FROM district LIMIT 1")).scalar() or "")


def _identity(person: reads.Person) -> dict[str, Any]:
    first = person.first
    return {
        "first_name": first.first_name,
        "last_name": first.last_name,
        "emails": sorted({r.email for r in person.records if r.email}),
        "phones": sorted({r.phone for r in person.records if r.phone}),
        "legal_basis": first.legal_basis,
        "legal_basis_label": legal_basis_label(first.legal_basis),
        "notice_given_on": first.notice_given_on.isoformat() if first.notice_given_on else None,
        "erased_on": first.erased_on.isoformat() if first.erased_on else None,
    }


def _history_json(row: Any, values: tuple[Any, Any]) -> dict[str, Any]:
    return {
        "before": values[0],
        "after": values[1],
        "id": row.id,
        "at": row.at.isoformat(),
        "actor": row.actor,
        "os_user": row.os_user,
        "table": row.table,
        "record_id": row.record_id,
        "action": row.action,
        "changes": [asdict(change) for change in row.changes],
    }


def _still_current(session: Session, person: reads.Person) -> str | None:
    """The Italian reason the person's roles have not all ended, or None."""
    members = reads.member_names(session)
    for record in person.records:
        if record.end_date is None:
            return _(
                "{name} è ancora {kind} di «{member}»: chiudi prima il ruolo "
                "(Sostituisci o Termina) e poi cancella i dati personali."
            ).format(
                name=f"{record.first_name} {record.last_name}".strip(),
                kind=ReferentKind(record.kind).label().lower(),
                member=members.get(record.member_id, ""),
            )
    for office in reads.offices(session, person):
        if office["end_date"] is None:
            return _(
                "{name} ricopre ancora la carica di {office} dal {start}: chiudila prima "
                "e poi cancella i dati personali."
            ).format(
                name=office["person_name"],
                office=_office_label(office),
                start=format_date(date.fromisoformat(office["start_date"])),
            )
    return None


def _office_label(office: dict[str, Any]) -> str:
    try:
        label = OfficeKind(office["kind"]).label()
    except ValueError:
        label = office["kind"]
    return f"{label} ({office['title']})" if office["title"] else label


def _kept_records(session: Session, person: reads.Person) -> list[str]:
    """Where the name stays after the erasure, one line each (legal records)."""
    lines: list[str] = []
    for minutes in reads.approved_minutes(session, person):
        lines.append(
            _("verbale approvato di «{title}» (revisione {revision}, approvato il {day})").format(
                title=minutes["assembly_title"],
                revision=minutes["revision"],
                day=format_date(date.fromisoformat(minutes["approved_on"])),
            )
        )
    for office in reads.offices(session, person):
        lines.append(
            _("storico delle cariche: {office} dal {start} al {end}").format(
                office=_office_label(office),
                start=format_date(date.fromisoformat(office["start_date"])),
                end=format_date(date.fromisoformat(office["end_date"])),
            )
        )
    for movement in reads.movements(session, person):
        lines.append(
            _("contabilità: movimento del {day} ({description})").format(
                day=format_date(date.fromisoformat(movement["date"])),
                description=movement["counterparty"] or movement["description"],
            )
        )
    for member in reads.legal_representative_of(session, person):
        lines.append(
            _("registro degli aderenti: rappresentante legale di «{member}»").format(
                member=member["member_name"]
            )
        )
    return lines
