"""The SMTP password: taken from the system keyring, or asked (and kept there if the
user ticks "Ricorda nel portachiavi", once the server has accepted it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.services import mail_secrets
from desdesk.services.smtp_transport import SmtpSettings


@dataclass(frozen=True, slots=True)
class Password:
    value: str
    remember: bool = False  # keep it in the keyring after a successful send
    kept: bool = False  # it came from the keyring


class PasswordDialog(QDialog):
    def __init__(self, settings: SmtpSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password della posta"))
        label = QLabel(
            _("Password di {user} sul server {host}:").format(
                user=settings.user, host=settings.host
            )
        )
        label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(_("Ricorda nel portachiavi"))
        self.remember_box.setObjectName("remember")
        self.remember_box.setVisible(mail_secrets.keyring_available())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.remember_box)
        layout.addWidget(buttons)

    def password(self) -> Password:
        remember = self.remember_box.isVisible() and self.remember_box.isChecked()
        return Password(self.password_edit.text(), remember)


def ask_password(parent: QWidget | None, settings: SmtpSettings) -> Password | None:
    """None when the user cancels."""
    dialog = PasswordDialog(settings, parent)
    if not dialog.exec():
        return None
    return dialog.password()


def password_for(parent: QWidget | None, settings: SmtpSettings) -> Password | None:
    """The password to log in with: none needed without a user, the keyring's, or
    asked. None when the user cancels the question."""
    if not settings.user:
        return Password("")
    kept = mail_secrets.stored_password(settings.host, settings.user)
    if kept is not None:
        return Password(kept, kept=True)
    return ask_password(parent, settings)


def remember_if_asked(settings: SmtpSettings, password: Password) -> None:
    if password.remember:
        mail_secrets.store_password(settings.host, settings.user, password.value)
