"""What every navigation section is: a widget shown for an open district."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import QDialog, QTableView, QWidget

from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.models.rows import RowsTableModel


class Section(QWidget):
    """A page of the main window. `changed` tells the window that data was saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # Set by the main window when another section saved something.
        self.stale = False

    def refresh(self) -> None:
        """Reload what the section shows (when created, and when shown again after edits)."""

    def focus_record(self, record: str | None, record_id: int | None) -> bool:
        """Bring a record into view and select it (a finding of the check says where to
        fix it): `record` is its kind (member, office, objective, …), `record_id` its id.
        True when the section showed it; sections that can override this."""
        return False

    def reload(self) -> None:
        """`refresh` for signal connections: a failure is shown, never raised into Qt."""
        try:
            self.refresh()
        except Exception as exc:
            show_error(self, exc)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show an editing dialog; if it saved, reload and tell the window."""
        if not dialog.exec():
            return False
        self.reload()
        self.changed.emit()
        return True

    def apply(self, action: Callable[[], object]) -> bool:
        """Run a change through a service; on success reload and tell the window."""
        try:
            action()
        except Exception as exc:
            show_error(self, exc)
            return False
        self.reload()
        self.changed.emit()
        return True


def select_where(
    view: QTableView, model: RowsTableModel[Any], wanted: Callable[[Any], bool]
) -> bool:
    """Select (and scroll to) the first row of `model` shown in `view` for which
    `wanted(row)` is true; False when there is none or it is filtered out."""
    shown = view.model()
    for source_row, row in enumerate(model.rows()):
        if not wanted(row):
            continue
        index = model.index(source_row, 0)
        if isinstance(shown, QSortFilterProxyModel):
            index = shown.mapFromSource(index)
        if index.isValid():
            view.selectRow(index.row())
            view.scrollTo(index)
            return True
    return False
