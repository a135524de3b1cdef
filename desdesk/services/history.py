"""The change history (Cronologia): who changed what, when, from which value to which.

The rows are written by triggers (desdesk/db/audit.py, migration 0007), not by this
service: it names the actor the triggers record, pauses them for bulk writes that are
not the user's (the demo district), and reads the log back for the view and the CSV
export. In a district file the actor is the file's one `audit_actor` row; on a server
several people write at once, so it is each desdesk's own connections' (SessionActor,
db/server.py) and the shared row is left alone.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import text
from sqlmodel import Session

from desdesk.history_schemas import FieldChange, HistoryRow
from desdesk.i18n import _, format_date
from desdesk.services.base import Service, SessionFactory
from desdesk.services.history_labels import (
    HIDDEN_FIELDS,
    action_label,
    field_label,
    is_boolean,
    record_label,
    shown_value,
    table_label,
)

# Tables whose rows belong to a member through their `member_id`: shown in its history.
MEMBER_TABLES: tuple[str, ...] = ("referent", "office", "fee_override", "movement")

if TYPE_CHECKING:
    from desdesk.db.server import SessionActor

log = logging.getLogger(__name__)

# The actor of each server district's sessions, by session factory: a HistoryService
# made from `workspace.sessions` alone names the same actor as `workspace.history`.
_SERVER_ACTORS: WeakKeyDictionary[SessionFactory, SessionActor] = WeakKeyDictionary()

_EMPTY = (None, "", "[]", "{}")
_COLUMNS = "id, at, actor, os_user, table_name, record_id, action, before, after"


def current_os_user() -> str:
    """The operating system's user name; "" where it cannot be told."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class HistoryService(Service):
    def __init__(self, sessions: SessionFactory, actor: SessionActor | None = None) -> None:
        """`actor`: a server district's actor holder (None for a district file)."""
        super().__init__(sessions)
        if actor is not None:
            _SERVER_ACTORS[sessions] = actor

    @property
    def _server_actor(self) -> SessionActor | None:
        return _SERVER_ACTORS.get(self._sessions)

    def set_actor(self, name: str, os_user: str | None = None) -> None:
        """Name who makes the next changes (the secretary; the OS user if not given)."""
        user = current_os_user() if os_user is None else os_user
        holder = self._server_actor
        if holder is not None:  # a server: this desdesk's connections, nobody else's
            holder.actor, holder.os_user = name.strip(), user
            return
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

        The switch lives in the file (on a server: the database), so it holds for every
        connection, and so for every desdesk on the server: only for a district being
        generated, which nobody else uses yet. It is put back as it was however the
        block ends.
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
        with self._reading() as session:
            sql, params = _query(_dialect(session), table, record_id, member_id, limit)
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
    replaced, so the log keeps saying which fields were there. Done in Python, the
    same on SQLite and PostgreSQL (their JSON functions differ).
    """
    if not record_ids or not fields:
        return 0
    names = [_json_key(name) for name in fields]
    marks = ", ".join(f":r{i}" for i in range(len(record_ids)))
    found = session.execute(
        text(
            "SELECT id, before, after FROM change_log"
            f" WHERE table_name = :table AND record_id IN ({marks})"
        ),
        {"table": table, **{f"r{i}": rid for i, rid in enumerate(record_ids)}},
    ).all()
    touched = 0
    for row_id, before, after in found:
        values = {"before": _blanked(before, names), "after": _blanked(after, names)}
        changed = {column: value for column, value in values.items() if value is not None}
        if not changed:
            continue
        touched += 1
        assignments = ", ".join(f"{column} = :{column}" for column in changed)
        session.execute(
            text(f"UPDATE change_log SET {assignments} WHERE id = :id"), {**changed, "id": row_id}
        )
    return touched


def _blanked(document: str | None, names: Sequence[str]) -> str | None:
    """The JSON text with these keys (those present) set to null; None if unchanged."""
    decoded = _decode(document)
    present = [name for name in names if decoded.get(name) is not None]
    if not present:
        return None
    decoded.update(dict.fromkeys(present))
    return json.dumps(decoded, ensure_ascii=False, separators=(",", ":"))


def _json_key(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not a column name: {name!r}")
    return name


def format_moment(at: datetime) -> str:
    """`26/11/2026 14:05` in the computer's time zone."""
    local = at.astimezone()
    return f"{format_date(local)} {local:%H:%M}"


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _member_id_in(column: str, dialect: str) -> str:
    """The `member_id` key of a logged JSON value, as an integer, in the dialect's SQL."""
    if dialect == "postgresql":
        return f"CAST(CAST({column} AS json) ->> 'member_id' AS INTEGER)"
    return f"json_extract({column}, '$.member_id')"


def _query(
    dialect: str,
    table: str | None,
    record_id: int | None,
    member_id: int | None,
    limit: int | None,
) -> tuple[str, dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if member_id is not None:
        tables = ", ".join(f"'{name}'" for name in MEMBER_TABLES)
        where.append(
            "((table_name = 'member' AND record_id = :member)"
            f" OR (table_name IN ({tables}) AND :member IN"
            f" ({_member_id_in('before', dialect)}, {_member_id_in('after', dialect)})))"
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
        changes=_changes(table, before, after),
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


def _changes(table: str, before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ (for an insert or a delete: those with a value)."""
    names = list(after) if after else list(before)
    changes = []
    for name in names:
        if name in HIDDEN_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (old in _EMPTY and new in _EMPTY):
            continue
        boolean = is_boolean(table, name)
        changes.append(
            FieldChange(
                name, field_label(name), shown_value(old, boolean), shown_value(new, boolean)
            )
        )
    return tuple(changes)
