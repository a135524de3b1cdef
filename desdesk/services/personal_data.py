"""Personal data (GDPR): export all the district holds about one person, and erase
(pseudonymise) a person whose roles have ended.

The erasure removes the contacts from the person's referent records, replaces the name
with a pseudonym and blanks the same values in the change log, in one transaction.
Names written into approved minutes, the offices' history, the accounts and the
register are legal records: they are kept, and the result says where. Messages to the
Centro naming the person are records of what was sent: kept (and listed), while their
copies in the change log are scrubbed. Other free text naming the person is not
changed either (desdesk cannot tell a mention from a homonym's): listed, with where.
Records of other people with the same name are listed as possible homonyms, never
touched. Backups keep the old data until their rotation removes them: the result says
so. Freed space is overwritten (secure_delete, db/engine.py) and the WAL is folded in
and truncated afterwards, so the old values stay nowhere in the district file.

On a server neither can be done by desdesk: PostgreSQL keeps the old row versions
until it vacuums them (VACUUM cannot run inside the erasure's transaction, and only the
tables' owner may run it), its write-ahead log and the server's backups are the
administrator's. The result says so instead of speaking of desdesk's backups.

Exports are written whole or not at all, readable only by the user (they are personal
data), never over the district file.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from desdesk import settings
from desdesk.atomic import atomic_write
from desdesk.db.files import is_database_or_side_file
from desdesk.db.sql import as_date
from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import Conflict, DesdeskError, os_error_reason
from desdesk.i18n import _, format_date, ngettext
from desdesk.services import personal_data_lines as wording
from desdesk.services import personal_data_reads as reads
from desdesk.services import personal_data_traces as traces
from desdesk.services.base import Service, SessionFactory
from desdesk.services.history import HistoryService, scrub_history
from desdesk.services.history_labels import table_label
from desdesk.services.referents import legal_basis_label

log = logging.getLogger(__name__)

FORMAT = "desdesk-dati-personali"
VERSION = 2
# Referent fields the erasure blanks or replaces, in the records and in the log.
ERASED_FIELDS: tuple[str, ...] = ("first_name", "last_name", "email", "phone", "role")


class PersonalDataWriteError(DesdeskError):
    """An export could not be written (nothing was left half-written)."""


@dataclass(frozen=True, slots=True)
class ErasureResult:
    """What the erasure did, and where the person's name or e-mail stays."""

    referent_ids: tuple[int, ...]
    pseudonym: str
    erased_on: date
    legal: tuple[str, ...]  # one Italian line per legal record naming the person
    outbox: tuple[str, ...]  # one line per message to the Centro naming the person
    traces: tuple[str, ...]  # one line per other free text naming the person
    history_rows: int  # change-log rows scrubbed
    on_server: bool = False  # a district on a PostgreSQL server (see backups_notice)

    @property
    def kept(self) -> tuple[str, ...]:
        """Every place the name or e-mail remains, unchanged."""
        return self.legal + self.outbox + self.traces

    def message(self) -> str:
        count = len(self.referent_ids)
        lines = [
            ngettext(
                "Dati personali cancellati il {day}: contatti rimossi e nome sostituito con "
                "«{pseudonym}» in {count} scheda di referente; cronologia ripulita.",
                "Dati personali cancellati il {day}: contatti rimossi e nome sostituito con "
                "«{pseudonym}» in {count} schede di referente; cronologia ripulita.",
                count,
            ).format(day=format_date(self.erased_on), pseudonym=self.pseudonym, count=count)
        ]
        if self.legal:
            lines.append(_("Il nome resta, senza modifiche, in questi atti con valore legale:"))
            lines += [f"• {line}" for line in self.legal]
        else:
            lines.append(_("Il nome non compare in verbali approvati, cariche o conti."))
        if self.outbox:
            lines.append(
                _(
                    "Messaggi al Centro che nominano la persona: restano, perché registrano "
                    "ciò che è stato inviato (eliminali dalla posta in uscita se non inviati "
                    "e non più utili); le loro copie nella cronologia sono state ripulite:"
                )
            )
            lines += [f"• {line}" for line in self.outbox]
        if self.traces:
            lines.append(
                _(
                    "Il nome o l'e-mail compaiono ancora, non modificati, in questi testi "
                    "(potrebbe trattarsi di un omonimo: correggili a mano se serve):"
                )
            )
            lines += [f"• {line}" for line in self.traces]
        lines.append(backups_notice(self.on_server))
        return "\n".join(lines)


def backups_notice(on_server: bool = False) -> str:
    """What the erasure cannot reach: the backups made before it (on a server, also the
    old row versions the server keeps until it vacuums them)."""
    if on_server:
        return _(
            "Il distretto è su un server: i backup del server fatti prima della "
            "cancellazione contengono ancora questi dati finché l'amministratore del server "
            "non li elimina, e il server conserva le versioni precedenti dei dati cancellati "
            "finché non le ripulisce (VACUUM, di norma automatico: chiedi all'amministratore "
            "di eseguirlo). Se viene ripristinato uno di quei backup i dati tornano: ripeti "
            "allora la cancellazione."
        )
    months = settings.DEFAULT_BACKUP_KEEP_MONTHLY_MONTHS
    return ngettext(
        "I backup fatti prima della cancellazione contengono ancora questi dati finché la rotazione "
        "non li elimina (al massimo circa {months} mese con le impostazioni predefinite). "
        "Se ripristini uno di quei backup i dati tornano: ripeti allora la cancellazione.",
        "I backup fatti prima della cancellazione contengono ancora questi dati finché la rotazione "
        "non li elimina (al massimo circa {months} mesi con le impostazioni predefinite). "
        "Se ripristini uno di quei backup i dati tornano: ripeti allora la cancellazione.",
        months,
    ).format(months=months)


def pseudonym(referent_id: int) -> str:
    return _("Referente cessato n. {id}").format(id=referent_id)


class PersonalDataService(Service):
    def __init__(self, sessions: SessionFactory, district_path: Path | None = None) -> None:
        super().__init__(sessions)
        self._district_path = Path(district_path) if district_path is not None else None

    @property
    def on_server(self) -> bool:
        """A district on a server, where the erasure cannot reach what the server keeps."""
        with self._reading() as session:
            return session.get_bind().dialect.name != "sqlite"

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
                "possible_homonyms": [reads.referent_record(r, members) for r in person.homonyms],
                "outbox_messages": traces.outbox_messages(session, person),
            }
            data["other_mentions"] = [
                {**row, "where": wording.mention_place(row)}
                for row in traces.free_text(session, person, _exported(data))
            ]
            data["logged_mentions"] = [
                {"table": table, "table_label": table_label(table), "rows": count}
                for table, count in traces.logged_mentions(session, person).items()
            ]
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

    def homonyms(self, referent_id: int) -> list[str]:
        """The other people with the same name, one Italian line each (never touched)."""
        with self._reading() as session:
            person = reads.find_person(session, referent_id)
            members = reads.member_names(session)
        return [wording.homonym_line(record, members) for record in person.homonyms]

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
            legal = wording.kept_records(session, person)
            messages = traces.outbox_messages(session, person)
            others = wording.trace_lines(session, person)
            for record in person.records:
                assert record.id is not None
                record.first_name = _("Referente cessato")
                record.last_name = _("n. {id}").format(id=record.id)
                record.email = record.phone = record.role = ""
                record.erased_on = today
            session.flush()
            scrubbed = scrub_history(session, "referent", person.ids, ERASED_FIELDS)
            scrubbed += scrub_history(
                session,
                "outbox_message",
                [m["id"] for m in messages],
                traces.OUTBOX_LOGGED_FIELDS,
            )
            engine = session.get_bind()
        on_server = isinstance(engine, Engine) and engine.dialect.name != "sqlite"
        if isinstance(engine, Engine) and not on_server:
            _fold_wal(engine)  # a server: nothing desdesk can do, see backups_notice
        return ErasureResult(
            referent_ids=tuple(person.ids),
            pseudonym=pseudonym(referent_id),
            erased_on=today,
            legal=tuple(legal),
            outbox=tuple(wording.outbox_line(m) for m in messages),
            traces=tuple(others),
            history_rows=scrubbed,
            on_server=on_server,
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
                office=wording.office_label(office),
                start=format_date(as_date(office["start_date"])),
            )
    return None


def _fold_wal(engine: Engine) -> None:
    """Copy the WAL into the file and truncate it: the erased values' old pages go.

    Outside any transaction (a checkpoint cannot run inside one). A reader elsewhere
    can keep it from completing: logged, the WAL is then folded in at the last close.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
        if busy:
            log.warning("WAL checkpoint after an erasure did not complete (a reader is open)")
    except Exception:
        log.exception("WAL checkpoint after an erasure failed")
    finally:
        raw.close()


def _exported(data: dict[str, Any]) -> dict[str, set[int]]:
    """Rows already in their own section of the export, not repeated as free text."""
    return {
        "task": {t["id"] for t in data["tasks"]},
        "minutes": {m["id"] for m in data["approved_minutes"]},
    }
