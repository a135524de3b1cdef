"""An honest empty state for a section that a later version fills."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desdesk.services.workspace import Workspace
from desdesk.ui.sections.base import Section


class ComingSection(Section):
    def __init__(
        self, workspace: Workspace, title: str, text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        heading = QLabel(f"<h2>{title}</h2>")
        body = self.body = QLabel(text)
        body.setWordWrap(True)
        body.setObjectName("emptyStateText")
        body.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (heading, body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
