"""The change history (Cronologia): who changed what, when, from which value to which.

The rows are written by SQLite triggers (desdesk/db/audit.py, migration 0007), not by
this service: it names the actor the triggers record, pauses them for bulk writes
that are not the user's (the demo district), and reads the log back for the view and
the CSV export.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from desdesk.history_schemas import FieldChange, HistoryRow
from desdesk.i18n import _, format_date
from desdesk.services.base import Service
from desdesk.services.history_labels import (
    HIDDEN_FIELDS,
    action_label,
    field_label,
    record_label,
    shown_value,
    table_label,
)

# Tables whose rows belong to a member through their `member_id`: shown in its history.
MEMBER_TABLES: tuple[str, ...] = ("referent", "office", "fee_override", "movement")

log = logging.getLogger(__name__)

_EMPTY = (None, "", "[]", "{}")
_COLUMNS = "id, at, actor, os_user, table_name, record_id, action, before, after"


def current_os_user() -> str:
    """The operating system's user name; "" where it cannot be told."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class HistoryService(Service):
    def set_actor(self, name: str, os_user: str | None = None) -> None:
        """Name who makes the next changes (the secretary; the OS user if not given)."""
        user = current_os_user() if os_user is None else os_user
        with self._unit_of_work() as session:
            stored = session.execute(
                text("SELECT actor, os_user FROM audit_actor WHERE id = 1")
            ).first()
            if stored is not None and tuple(stored) == (name.strip(), user):
                return  # nothing to write: opening a file does not change it
            session.execute(
                text("UPDATE audit_actor SET actor = :actor, os_user = :user WHERE id = 1"),
                {"actor": name.strip(), "user": user},
            )

    def enabled(self) -> bool:
        with self._reading() as session:
            value = session.execute(text("SELECT enabled FROM audit_actor WHERE id = 1"))
            return value.scalar() == 1

    def ensure_enabled(self) -> bool:
        """Switch the history back on if a crash inside `paused()` left it off; True if
        it had to. Called at every opening: pausing is only for files being generated,
        so no file is opened for work with its history off."""
        if self.enabled():
            return False
        log.warning("The change history was switched off (a crash while paused?): back on")
        self._set_enabled(True)
        return True

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No history is written inside the block (a generated demo, not the user's work).

        The switch lives in the file, so it holds for every connection; it is put back
        as it was however the block ends.
        """
        was_enabled = self.enabled()
        self._set_enabled(False)
        try:
            yield
        finally:
            self._set_enabled(was_enabled)

    def rows(
        self,
        table: str | None = None,
        record_id: int | None = None,
        *,
        member_id: int | None = None,
        limit: int | None = None,
    ) -> list[HistoryRow]:
        """The logged changes, newest first: all, of a table, of one record, or of a
        member (its own rows and those of its referents, offices, fees and movements)."""
        sql, params = _query(table, record_id, member_id, limit)
        with self._reading() as session:
            found = session.execute(text(sql), params).all()
        return [_history_row(values) for values in found]

    def count(self) -> int:
        with self._reading() as session:
            return int(session.execute(text("SELECT count(*) FROM change_log")).scalar_one())

    @staticmethod
    def export_csv(path: Path, rows: Sequence[HistoryRow]) -> int:
        """Write `rows` to a .csv (or .xlsx) file, one line per changed field, whole or
        not at all; returns the number of lines."""
        from desdesk.services.spreadsheets import write_rows

        header = [
            _("Data"),
            _("Chi"),
            _("Utente del sistema"),
            _("Tabella"),
            _("Record"),
            _("Azione"),
            _("Campo"),
            _("Prima"),
            _("Dopo"),
        ]
        lines = [
            [format_moment(row.at), row.actor, row.os_user, row.table_label, row.record_label,
             row.action_label, change.label, change.before, change.after]
            for row in rows
            for change in (row.changes or (FieldChange("", "", "", ""),))
        ]  # fmt: skip
        # Private (0600): the log holds the members' contacts.
        write_rows(Path(path), header, lines, _("Cronologia"), private=True)
        return len(lines)

    def scrub(self, table: str, record_ids: Sequence[int], fields: Sequence[str]) -> int:
        """Blank `fields` of the records in every logged value (see `scrub_history`)."""
        with self._unit_of_work() as session:
            return scrub_history(session, table, record_ids, fields)

    def _set_enabled(self, enabled: bool) -> None:
        with self._unit_of_work() as session:
            session.execute(
                text("UPDATE audit_actor SET enabled = :on WHERE id = 1"), {"on": int(enabled)}
            )


def scrub_history(
    session: Session, table: str, record_ids: Sequence[int], fields: Sequence[str]
) -> int:
    """Set `fields` to null in the logged values of these records; returns the rows touched.

    For the erasure of a person (GDPR): the log must not keep the contacts that were
    removed from the record. Call it in the erasure's own transaction, after the
    erasing update (whose log row holds the old values too). Only existing keys are
    replaced, so the log keeps saying which fields were there.
    """
    if not record_ids or not fields:
        return 0
    paths = ", ".join(f"'$.{_json_key(name)}', NULL" for name in fields)
    total = 0
    for column in ("before", "after"):
        result = session.execute(
            text(
                f"UPDATE change_log SET {column} = json_replace({column}, {paths})"
                f" WHERE table_name = :table AND record_id IN ({_placeholders(record_ids)})"
                f" AND {column} IS NOT NULL"
            ),
            {"table": table, **{f"r{i}": rid for i, rid in enumerate(record_ids)}},
        )
        total = max(total, int(getattr(result, "rowcount", 0) or 0))
    return total


def _json_key(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not a column name: {name!r}")
    return name


def _placeholders(values: Sequence[int]) -> str:
    return ", ".join(f":r{i}" for i in range(len(values)))


def format_moment(at: datetime) -> str:
    """`26/11/2026 14:05` in the computer's time zone."""
    local = at.astimezone()
    return f"{format_date(local)} {local:%H:%M}"


def _query(
    table: str | None, record_id: int | None, member_id: int | None, limit: int | None
) -> tuple[str, dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if member_id is not None:
        tables = ", ".join(f"'{name}'" for name in MEMBER_TABLES)
        where.append(
            "((table_name = 'member' AND record_id = :member)"
            f" OR (table_name IN ({tables}) AND :member IN"
            " (json_extract(before, '$.member_id'), json_extract(after, '$.member_id'))))"
        )
        params["member"] = member_id
    if table is not None:
        where.append("table_name = :table")
        params["table"] = table
    if record_id is not None:
        where.append("record_id = :record")
        params["record"] = record_id
    sql = f"SELECT {_COLUMNS} FROM change_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return sql, params


def _history_row(values: Sequence[Any]) -> HistoryRow:
    row_id, at, actor, os_user, table, record_id, action, before_text, after_text = values
    before = _decode(before_text)
    after = _decode(after_text)
    return HistoryRow(
        id=int(row_id),
        at=datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
        actor=actor or "",
        os_user=os_user or "",
        table=table,
        table_label=table_label(table),
        record_id=record_id,
        record_label=record_label(table, record_id, after or before),
        action=action,
        action_label=action_label(_kind_of_change(table, action, before, after)),
        changes=_changes(before, after),
    )


def _decode(document: str | None) -> dict[str, Any]:
    if not document:
        return {}
    try:
        decoded = json.loads(document)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _kind_of_change(table: str, action: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """A member's update that sets or clears its leaving date is an exit or a readmission."""
    if table == "member" and action == "update":
        if before.get("left_on") is None and after.get("left_on") is not None:
            return "leave"
        if before.get("left_on") is not None and after.get("left_on") is None:
            return "readmit"
    return action


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ (for an insert or a delete: those with a value)."""
    names = list(after) if after else list(before)
    changes = []
    for name in names:
        if name in HIDDEN_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (old in _EMPTY and new in _EMPTY):
            continue
        changes.append(FieldChange(name, field_label(name), shown_value(old), shown_value(new)))
    return tuple(changes)
