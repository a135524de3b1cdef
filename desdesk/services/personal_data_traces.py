"""Where a person's name or e-mail stays as free text, which the erasure does not change.

Messages to the Centro (the outbox) are records of what was sent: they are exported
and kept, and only their copies in the change log are scrubbed. Free text elsewhere
(task and growth-action descriptions, guests, office notes, agenda items, draft
minutes, …) and other tables' change-log rows naming the person are exported and
listed after an erasure, with where, so the secretary can correct them by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from desdesk.services.personal_data_reads import Person

# (table, text columns) searched for the name or e-mail; the tables' own sections of
# the export (referents, offices' holder, movements, approved minutes, the person's
# tasks) are not repeated here.
FREE_TEXT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("task", ("description",)),
    ("growth_action", ("description", "outcome")),
    ("guest", ("name", "organisation")),
    ("office", ("notes",)),
    ("agenda_item", ("title", "description", "proposer")),
    ("assembly", ("title", "notes")),
    ("minutes", ("president", "secretary", "opening_notes", "closing_notes")),
    ("member", ("notes", "leave_reason")),
    ("transfer", ("description",)),
    ("investment", ("description", "notes")),
    ("measurement", ("note",)),
    ("objective", ("description", "member_roles")),
)
# Log rows of these tables are scrubbed by the erasure, not listed.
SCRUBBED_LOGS = ("referent", "outbox_message")
# Fields of an outbox message blanked in its change-log rows by the erasure.
OUTBOX_LOGGED_FIELDS: tuple[str, ...] = ("recipient", "subject", "body", "last_error")


def _rows(session: Session, sql: str) -> Sequence[Any]:
    return session.execute(text(sql)).all()


def _moment(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def outbox_messages(session: Session, person: Person) -> list[dict[str, Any]]:
    """Messages to the Centro whose recipient, subject or body names the person."""
    found = _rows(
        session,
        "SELECT id, recipient, subject, body, status, created_at, sent_at"
        " FROM outbox_message ORDER BY id",
    )
    return [
        {
            "id": r[0], "recipient": r[1], "subject": r[2], "body": r[3], "status": r[4],
            "created_at": _moment(r[5]), "sent_at": _moment(r[6]),
        }
        for r in found
        if person.mentioned_in(r[1], r[2], r[3])
    ]  # fmt: skip


def free_text(
    session: Session, person: Person, skip: dict[str, set[int]] | None = None
) -> list[dict[str, Any]]:
    """Rows whose free text names the person or holds their e-mail: table, id, fields.

    `skip` holds ids per table already exported in their own section (the person's
    tasks, approved minutes).
    """
    skip = skip or {}
    found: list[dict[str, Any]] = []
    for table, columns in FREE_TEXT:
        rows = _rows(session, f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")
        for row in rows:
            if row[0] in skip.get(table, set()):
                continue
            fields = [
                column
                for column, value in zip(columns, row[1:], strict=True)
                if isinstance(value, str) and person.mentioned_in(value)
            ]
            if fields:
                texts = {column: row[1 + columns.index(column)] for column in fields}
                found.append({"table": table, "id": row[0], "fields": fields, "texts": texts})
    return found


def logged_mentions(session: Session, person: Person) -> dict[str, int]:
    """Change-log rows of other tables naming the person (or their e-mail), per table."""
    counts: dict[str, int] = {}
    marks = ", ".join(f"'{table}'" for table in SCRUBBED_LOGS)
    for table, before, after in _rows(
        session,
        f"SELECT table_name, before, after FROM change_log WHERE table_name NOT IN ({marks})",
    ):
        if person.mentioned_in(before, after):
            counts[table] = counts.get(table, 0) + 1
    return dict(sorted(counts.items()))
