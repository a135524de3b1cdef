"""What the window shows when no district is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desdesk.i18n import _

if TYPE_CHECKING:
    from desdesk.ui.main_window import MainWindow


class WelcomePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.heading = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.new_button.clicked.connect(window.new_district)
        self.open_button.clicked.connect(window.choose_and_open)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.heading, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(f"<h2>{_('Nessun distretto aperto')}</h2>")
        self.text.setText(_("Crea il file del tuo distretto oppure apri un file .des esistente."))
        self.new_button.setText(_("Nuovo distretto…"))
        self.open_button.setText(_("Apri…"))
