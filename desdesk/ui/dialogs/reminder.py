"""A fee reminder to copy into an e-mail or a letter: the service writes it, this shows it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _


class ReminderDialog(QDialog):
    """The reminder text, read-only, with "Copia" (to the clipboard) and "Chiudi"."""

    def __init__(self, member_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Promemoria per {member}").format(member=member_name))
        hint = QLabel(_("Copia il testo e incollalo in un'e-mail o in una lettera."))
        hint.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        # Copied as written: the text box shows non-breaking spaces (1.234,56 €) as spaces.
        self._original = text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("Copia"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.copied = QLabel("")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self._original)
        self.copied.setText(_("Testo copiato negli appunti."))
