"""File › Connetti a un server…: the address of a district shared on a PostgreSQL server.

The password is used for this connection only and never stored: with none typed, the
PostgreSQL client looks in the user's password file (~/.pgpass, %APPDATA%\\postgresql\\
pgpass.conf on Windows), where the server's administrator can put it once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.i18n import _
from desdesk.services.server_address import DEFAULT_PORT, ServerFields
from desdesk.ui.widgets.forms import ErrorLabel


class ConnectServerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, address: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connetti a un server"))
        self.host = QLineEdit()
        self.host.setPlaceholderText(_("per esempio db.centroeconomiasolidale.it"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_new = QCheckBox(_("Il database è vuoto: crea qui un nuovo distretto"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(_("&Server"), self.host)
        form.addRow(_("P&orta"), self.port)
        form.addRow(_("&Database"), self.database)
        form.addRow(_("&Utente"), self.user)
        form.addRow(_("Pass&word"), self.password)
        intro = QLabel(
            _(
                "Un distretto su un server PostgreSQL si usa in più persone insieme. "
                "Chiedi questi dati a chi gestisce il server. La password non viene salvata."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connetti"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annulla"))
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.create_new)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())
        if address:
            self._fill(ServerFields.of(address))

    def _fill(self, fields: ServerFields) -> None:
        self.host.setText(fields.host)
        self.port.setValue(fields.port)
        self.database.setText(fields.database)
        self.user.setText(fields.user)
        self.password.setFocus()

    def fields(self) -> ServerFields:
        return ServerFields(
            host=self.host.text(),
            database=self.database.text(),
            user=self.user.text(),
            password=self.password.text(),
            port=self.port.value(),
        )

    def address(self) -> str:
        return self.fields().address()

    def _accept_if_complete(self) -> None:
        if not self.host.text().strip():
            self.error.show_message(_("Indica il server."))
            self.host.setFocus()
            return
        if not self.database.text().strip():
            self.error.show_message(_("Indica il database del distretto."))
            self.database.setFocus()
            return
        self.accept()
