"""A read-only table model over a list of read-models, described by its columns, and the
proxy that searches it.

The same design as the member register, generalised: texts, search keys and sort keys
are computed once per load, the model sorts itself, and the proxy only looks up an
answer computed in one Python pass. Referents reach 10,000 rows at 5,000 members.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desdesk.domain.text import search_key
from desdesk.i18n import _
from desdesk.ui.models.precomputed import PrecomputedFilterProxy, SelfSortingModel

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_MUTED = QBrush(QColor("#6b6b6b"))


@dataclass(frozen=True)
class TextColumn(Generic[T]):
    header: str  # an N_() msgid, translated when shown
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # default: the text, accents ignored


class RowsTableModel(SelfSortingModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[TextColumn[T]],
        muted: Callable[[T], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._texts: list[tuple[str, ...]] = []
        self._muted = muted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._haystacks: list[str] = []
        self._haystacks_generation = -1

    # -- content ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (kept in the order last asked for by `sort`)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = [self._rows[i] for i in self._order(*self._sort)]
        self._texts = [tuple(c.text(row) for c in self._columns) for row in self._rows]
        self.generation += 1
        self.endResetModel()

    def rows(self) -> list[T]:
        return self._rows

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def haystacks(self) -> list[str]:
        """The search text of each row, computed once per load or sort."""
        if self._haystacks_generation != self.generation:
            self._haystacks = [search_key(" ".join(texts)) for texts in self._texts]
            self._haystacks_generation = self.generation
        return self._haystacks

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        if role == ROW_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.ForegroundRole and self._muted is not None:
            return _MUTED if self._muted(self._rows[index.row()]) else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _(self._columns[section].header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sort = (column, order)
        self._reorder(self._order(column, order))

    def _permute(self, order_of: list[int], new_position: dict[int, int]) -> None:
        self._rows = [self._rows[i] for i in order_of]
        self._texts = [self._texts[i] for i in order_of]

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        spec = self._columns[column]
        key = spec.sort_key or (lambda row: search_key(spec.text(row)))
        keys = [key(row) for row in self._rows]
        return sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )


class SearchProxy(PrecomputedFilterProxy):
    """Shows the rows containing every typed word (accents and case ignored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def mask(self, source: Any) -> list[bool]:
        if not isinstance(source, RowsTableModel):
            return []
        words = self._words
        return [all(w in hay for w in words) for hay in source.haystacks()]

    def set_text(self, text: str) -> None:
        self._words = search_key(text).split()
        self.refilter()
