"""What every navigation section is: a widget shown for an open district."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desdesk.services.workspace import Workspace


class Section(QWidget):
    """A page of the main window. `changed` tells the window that data was saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def refresh(self) -> None:
        """Reload what the section shows (called when shown and after other sections' edits)."""
