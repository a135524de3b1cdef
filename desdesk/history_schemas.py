"""Read-models of the change history (issue 7): what the Cronologia view and its CSV show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FieldChange:
    """One field of a record as a change left it: texts ready to show ("" for empty)."""

    name: str  # the column, e.g. "email"
    label: str  # its Italian label, e.g. "E-mail"
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """One insert, update or delete of one record, as the triggers logged it."""

    id: int
    at: datetime  # UTC, timezone-aware
    actor: str  # the secretary's name from the preferences ("" if none was set)
    os_user: str
    table: str  # e.g. "member"
    table_label: str  # e.g. "Aderente"
    record_id: int | None
    record_label: str  # e.g. the member's name; "n. 12" when the record has none
    action: str  # "insert" | "update" | "delete"
    action_label: str  # "Aggiunta", "Modifica", "Eliminazione", "Uscita", "Riammissione"
    changes: tuple[FieldChange, ...]
