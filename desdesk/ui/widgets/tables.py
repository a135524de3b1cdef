"""A table view set up the way every list in desdesk wants it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desdesk.ui.models.rows import ROW_ROLE, SearchProxy


def make_table(
    model: QAbstractItemModel, parent: QWidget | None = None, sortable: bool = True
) -> QTableView:
    """Rows selected whole, read-only, sortable through a proxy, last column stretched."""
    view = QTableView(parent)
    if sortable:
        proxy = SearchProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        # Rows arrive in a meaningful order: no sort until the user clicks a header.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def selected_source_row(view: QTableView) -> int | None:
    """The row, in the source model, of the selected line (None if nothing is selected)."""
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    if not rows:
        return None
    return int(rows[0].data(ROW_ROLE))
