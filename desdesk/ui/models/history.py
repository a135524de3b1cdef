"""The Cronologia table: one line per changed field of each logged change, newest first,
and the search proxy over it (the generic one of desdesk.ui.models.rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from desdesk.domain.text import search_key
from desdesk.history_schemas import FieldChange, HistoryRow
from desdesk.i18n import N_, format_date
from desdesk.ui.models.rows import RowsTableModel, SearchProxy, TextColumn

__all__ = [
    "HISTORY_COLUMNS",
    "HistoryLine",
    "HistoryModel",
    "SearchProxy",
    "history_lines",
    "matching_history",
]


@dataclass(frozen=True)
class HistoryLine:
    """A change and one of its fields (None for a change that shows no field)."""

    row: HistoryRow
    change: FieldChange | None

    @property
    def first(self) -> bool:
        """The change's first line: the one showing when, who and what."""
        return self.change is None or self.change is self.row.changes[0]


def history_lines(rows: Sequence[HistoryRow]) -> list[HistoryLine]:
    return [HistoryLine(row, change) for row in rows for change in (row.changes or (None,))]


def moment_text(row: HistoryRow) -> str:
    """`26/11/2026 14:05`, in the computer's time zone."""
    local = row.at.astimezone()
    return f"{format_date(local)} {local:%H:%M}"


def record_text(row: HistoryRow) -> str:
    return f"{row.table_label}: {row.record_label}" if row.record_label else row.table_label


def _actor(row: HistoryRow) -> str:
    if row.actor and row.os_user:
        return f"{row.actor} ({row.os_user})"
    return row.actor or row.os_user


def _log_order(line: HistoryLine) -> tuple[int, int]:
    """Sorting by date keeps each change's fields together (the log's ids are in time
    order); newest first (descending), a change's fields come in their order."""
    position = line.row.changes.index(line.change) if line.change is not None else 0
    return (line.row.id, -position)


HISTORY_COLUMNS: tuple[TextColumn[HistoryLine], ...] = (
    TextColumn(N_("Data"), lambda line: moment_text(line.row), _log_order),
    TextColumn(N_("Chi"), lambda line: _actor(line.row)),
    TextColumn(N_("Azione"), lambda line: line.row.action_label),
    TextColumn(N_("Tabella"), lambda line: record_text(line.row)),
    TextColumn(N_("Campo"), lambda line: line.change.label if line.change else ""),
    TextColumn(N_("Prima"), lambda line: line.change.before if line.change else ""),
    TextColumn(N_("Dopo"), lambda line: line.change.after if line.change else ""),
)
DATE, WHO, ACTION, TABLE, FIELD, BEFORE, AFTER = range(len(HISTORY_COLUMNS))


class HistoryModel(RowsTableModel[HistoryLine]):
    """Lines in the log's order (newest change first) until a header is clicked; the
    lines after a change's first are muted, so each change reads as one block."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(HISTORY_COLUMNS, muted=lambda line: not line.first, parent=parent)

    def set_history(self, rows: Sequence[HistoryRow]) -> None:
        self.set_rows(history_lines(rows))

    def history_rows(self, source_rows: Sequence[int] | None = None) -> list[HistoryRow]:
        """The changes behind the given lines (all lines if None), each once, in order."""
        lines = self.rows() if source_rows is None else [self.row_at(i) for i in source_rows]
        seen: dict[int, HistoryRow] = {}
        for line in lines:
            seen.setdefault(line.row.id, line.row)
        return list(seen.values())


def matching_history(rows: Sequence[HistoryRow], text: str) -> list[HistoryRow]:
    """The changes with a line the search proxy would show for `text` (all if blank),
    in order: the same filter as the table's, on changes that are not loaded in it."""
    words = search_key(text).split()
    if not words:
        return list(rows)
    model = HistoryModel()
    model.set_history(rows)
    shown = [i for i, hay in enumerate(model.haystacks()) if all(w in hay for w in words)]
    return model.history_rows(shown)
