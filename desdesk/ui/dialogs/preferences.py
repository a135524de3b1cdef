"""Preferenze: language and the secretary's name (Generale); the Centro's address and the
mail server (Posta). The password is never here: it is asked when sending and kept, if
the user wants, in the system keyring; this dialog can only forget it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk import settings
from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.values import normalize_email
from desdesk.i18n import LANGUAGE_NAMES, _
from desdesk.services import mail_secrets
from desdesk.services.smtp_transport import SECURITY_CHOICES, SECURITY_LABELS
from desdesk.ui.widgets.forms import Form, combo_with, select_data


class PreferencesDialog(QDialog):
    """On OK the mail fields are written into `prefs` (the caller saves the file); the
    language and the name are read by the caller with `language()`/`secretary_name()`."""

    def __init__(self, prefs: settings.Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(_("Preferenze"))
        self.form = Form()
        self.language_combo = self.form.add(
            "language",
            _("Lingua / Language"),
            combo_with(list((name, code) for code, name in LANGUAGE_NAMES.items())),
        )
        select_data(self.language_combo, prefs.language)
        self.name_edit = self.form.add(
            "secretary_name", _("Nome del segretario o della segretaria"), QLineEdit()
        )
        self.name_edit.setText(prefs.secretary_name)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, _("Generale"))
        self.tabs.addTab(self._mail_page(prefs), _("Posta"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _mail_page(self, prefs: settings.Preferences) -> QWidget:
        page = QWidget()
        self.mail_form = form = Form()
        self.centro_edit = form.add("centro_email", _("Indirizzo del Centro"), QLineEdit())
        self.centro_edit.setText(prefs.centro_email)
        self.sender_edit = form.add("sender_email", _("Mittente (il tuo indirizzo)"), QLineEdit())
        self.sender_edit.setText(prefs.sender_email)
        self.host_edit = form.add("smtp_host", _("Server SMTP"), QLineEdit())
        self.host_edit.setPlaceholderText("smtp.esempio.it")
        self.host_edit.setText(prefs.smtp_host)
        self.port_spin = form.add("smtp_port", _("Porta"), QSpinBox())
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(prefs.smtp_port)
        self.security_combo = form.add(
            "smtp_security",
            _("Sicurezza"),
            combo_with([(_(SECURITY_LABELS[code]), code) for code in SECURITY_CHOICES]),
        )
        select_data(self.security_combo, prefs.smtp_security)
        self.security_combo.currentIndexChanged.connect(self._usual_port)
        self.user_edit = form.add("smtp_user", _("Nome utente"), QLineEdit())
        self.user_edit.setText(prefs.smtp_user)
        note = QLabel(
            _(
                "La password non è mai scritta nelle preferenze: desdesk la chiede al "
                "momento dell'invio e, se vuoi, la conserva nel portachiavi del sistema."
            )
        )
        note.setWordWrap(True)
        self.forget_button = QPushButton(_("Dimentica la password salvata"))
        self.forget_button.setObjectName("forgetPasswordButton")
        self.forget_button.clicked.connect(self.forget_password)
        self.forget_button.setEnabled(
            mail_secrets.stored_password(prefs.smtp_host, prefs.smtp_user) is not None
        )
        column = QVBoxLayout(page)
        column.addWidget(form)
        column.addWidget(note)
        column.addWidget(self.forget_button)
        column.addStretch(1)
        return page

    def _usual_port(self) -> None:
        """SSL usually listens on 465, STARTTLS on 587: follow the choice unless the
        user typed another port."""
        usual = {"ssl": 465, "starttls": 587}
        if self.port_spin.value() in usual.values():
            security = str(self.security_combo.currentData())
            self.port_spin.setValue(usual.get(security, self.port_spin.value()))

    def forget_password(self) -> None:
        mail_secrets.forget_password(self.prefs.smtp_host, self.prefs.smtp_user)
        self.forget_button.setEnabled(False)

    def accept(self) -> None:
        """Only well-formed addresses are kept; problems appear under their fields."""
        problems: list[FieldProblem] = []
        addresses: dict[str, str] = {}
        for field, edit in (("centro_email", self.centro_edit), ("sender_email", self.sender_edit)):
            text = edit.text().strip()
            try:
                addresses[field] = normalize_email(text) if text else ""
            except InvalidValue as exc:
                problems.append(FieldProblem(field, exc.message))
        self.mail_form.show_problems(problems)
        if problems:
            self.tabs.setCurrentIndex(1)
            return
        self.prefs.centro_email = addresses["centro_email"]
        self.prefs.sender_email = addresses["sender_email"]
        self.prefs.smtp_host = self.host_edit.text().strip()
        self.prefs.smtp_port = self.port_spin.value()
        self.prefs.smtp_security = str(self.security_combo.currentData())
        self.prefs.smtp_user = self.user_edit.text().strip()
        super().accept()

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def secretary_name(self) -> str:
        return self.name_edit.text().strip()
