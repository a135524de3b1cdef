"""The two halves of desdesk's fast lists, shared by the member register and the rest.

- `SelfSortingModel`: the model reorders its own rows on keys computed in Python once
  (Qt never calls back per comparison), keeping selections in place, and counts its
  `generation` so that a proxy knows when its answers are stale.
- `PrecomputedFilterProxy`: the filter is evaluated in one Python pass over the rows
  (`mask`), and `filterAcceptsRow` only looks the answer up; sorting is forwarded to
  the source model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class SelfSortingModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0

    def _permute(self, order_of: list[int], new_position: dict[int, int]) -> None:
        """Reorder the subclass's per-row data: row `order_of[i]` becomes row `i`."""
        raise NotImplementedError

    def _reorder(self, order_of: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        new_position = {old: new for new, old in enumerate(order_of)}
        self._permute(order_of, new_position)
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(new_position[i.row()], i.column()) for i in old_indexes]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.generation += 1
        self.layoutChanged.emit()


class PrecomputedFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted: list[bool] = []
        self._generation = -1

    def mask(self, source: Any) -> list[bool]:
        """Which source rows pass the current filter."""
        raise NotImplementedError

    def _evaluate(self) -> None:
        source = self.sourceModel()
        self._accepted = self.mask(source) if source is not None else []
        self._generation = getattr(source, "generation", 0)

    def refilter(self) -> None:
        """Apply a changed filter: one Python pass, then Qt updates the view."""
        self.beginFilterChange()
        self._evaluate()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._generation != getattr(self.sourceModel(), "generation", self._generation):
            self._evaluate()  # the rows changed since the last pass
        return self._accepted[source_row] if source_row < len(self._accepted) else True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
