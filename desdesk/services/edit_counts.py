"""A form's save checked against the edit count it was opened with (optimistic locking).

The count is SQLAlchemy's `version_id_col`: it goes up with every ORM update of the row.
A record whose children (agenda, minutes items) are replaced with it must count that as
an edit of its own, or a stale form would not notice the other officer's agenda.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import text
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session

from desdesk.services.base import check_version, last_editor

# Records saved with their child rows: (child table, its key to the record). The change
# log does not record the edit count, so an edit of the children alone logs no row for
# the record itself: who made it is read from the children's rows.
_CHILDREN = {"assembly": ("agenda_item", "assembly_id"), "minutes": ("minutes_item", "minutes_id")}


class _Versioned(Protocol):
    id: int | None
    version: int


def refuse_stale(
    session: Session, row: _Versioned, table: str, expected: int | None, what: str
) -> None:
    """ConcurrentEdit (naming who last saved the row) if its count is not `expected`;
    `expected=None` (the CLI, imports) saves without the check."""
    if expected is not None and row.version != expected:
        check_version(row.version, expected, what, _editor(session, table, row.id or 0))


def _editor(session: Session, table: str, record_id: int) -> str:
    """Who the change log says last changed the record or one of its child rows."""
    if table not in _CHILDREN:
        return last_editor(session, table, record_id)
    child, key = _CHILDREN[table]
    row = session.execute(
        text(
            "SELECT actor, os_user FROM change_log WHERE (table_name = :table"
            " AND record_id = :id) OR (table_name = :child AND record_id IN"
            f" (SELECT id FROM {child} WHERE {key} = :id)) ORDER BY id DESC LIMIT 1"
        ),
        {"table": table, "id": record_id, "child": child},
    ).first()
    if row is None:
        return ""
    actor, os_user = row
    return str(actor or os_user or "")


def count_edit(row: object, attribute: str) -> None:
    """Make the row's next flush an UPDATE (so its count goes up) even if none of its
    own fields changed: only its child rows did."""
    flag_modified(row, attribute)
