"""What every navigation section is: a widget shown for an open district."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error


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
