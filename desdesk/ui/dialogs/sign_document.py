"""Sign an approved document (Firma digitale) with the user's PKCS#12 certificate or
with a smart card (CNS) and its PIN (the card half is sign_card_panel.CardPanel).

The password or PIN is typed for this signature only: the field is emptied after every
attempt and nothing of it is kept. Errors (wrong password or PIN, expired certificate,
a file that is not a certificate, a card library that does not load) appear inside the
dialog, under the field to correct, and the dialog stays open for another try.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import N_, _
from desdesk.services.signing import CERTIFICATE_FIELD, PASSWORD_FIELD, SigningService
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.sign_card_panel import CardPanel
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.forms import ErrorLabel, Form

P12_FILTER = N_("Certificati PKCS#12 (*.p12 *.pfx)")


class SignDocumentDialog(QDialog):
    def __init__(
        self, workspace: Workspace, document_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_id = document_id
        self.service = SigningService(workspace)
        self.document = workspace.archive.get(document_id)
        self.signed_row: ArchivedDocumentRow | None = None
        self.setWindowTitle(_("Firma digitale"))
        self.setMinimumWidth(520)

        self.heading = QLabel(self._heading_text())
        self.heading.setWordWrap(True)
        self.heading.setObjectName("documentHeading")
        self._build_file_form()
        self._build_choice()
        self.details = Form()
        self.reason = self.details.add("reason", _("Motivo"), QLineEdit(_("Approvazione")))
        self.location = self.details.add("location", _("Luogo"), QLineEdit())
        self.location.setText(self.service.default_location())
        self.note = QLabel(
            _(
                "La password o il PIN servono solo per questa firma: desdesk non li "
                "conserva. La firma si aggiunge al documento approvato senza cambiarlo."
            )
        )
        self.note.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setObjectName("signError")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(
            _("Firma"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_button.setObjectName("signButton")
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.choice)
        layout.addWidget(self.pages)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if not self.document.approved:
            self.error.show_message(
                _("Si firmano solo i documenti approvati: approva prima {title}.").format(
                    title=self.document.title
                )
            )
            self.sign_button.setEnabled(False)

    def _build_file_form(self) -> None:
        self.form = Form()
        self.certificate = QLineEdit()
        self.certificate.setObjectName("certificatePath")
        self.browse_button = QPushButton(_("Sfoglia…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        self.form.add(CERTIFICATE_FIELD, _("Certificato (.p12, .pfx) *"), self._file_row())
        self.form.editors[CERTIFICATE_FIELD] = self.certificate  # focus goes to the path
        self.password = self.form.add(PASSWORD_FIELD, _("Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

    def _build_choice(self) -> None:
        """File or card: two radio buttons over the two pages of fields."""
        self.card = CardPanel()
        self.use_file = QRadioButton(_("Certificato su file (.p12/.pfx)"))
        self.use_file.setChecked(True)
        self.use_card = QRadioButton(_("Smart card o token (CNS)"))
        self.use_card.setObjectName("useCard")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.card)
        self.use_card.toggled.connect(self.pages.setCurrentIndex)
        self.choice = QHBoxLayout()
        self.choice.addWidget(self.use_file)
        self.choice.addWidget(self.use_card)
        self.choice.addStretch(1)

    def _heading_text(self) -> str:
        row = self.document
        if row.revision is None:
            text = _("{title} (bozza)").format(title=row.title)
        else:
            text = _("{title} — revisione {revision}").format(
                title=row.title, revision=row.revision
            )
        if row.signers:
            text += "\n" + _("Già firmato da: {names}").format(names=row.signers)
        return text

    def _file_row(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.certificate, 1)
        row.addWidget(self.browse_button)
        return holder

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Scegli il certificato di firma"), self.certificate.text(), _(P12_FILTER)
        )
        if name:
            self.certificate.setText(name)

    def sign(self) -> bool:
        """Sign with what was typed; the password or PIN is cleared whatever happens."""
        self.error.show_message(None)
        if self.use_card.isChecked():
            return self._sign_with_card()
        self.form.show_problems([])
        path = self.certificate.text().strip()
        password = self.password.text()
        self.password.clear()
        if not path:
            self.form.show_problem(CERTIFICATE_FIELD, _("Scegli il file del certificato."))
            self.certificate.setFocus()
            return False
        return self._run(
            lambda: self.service.sign_document(
                self.document_id,
                path,
                password,
                reason=self.reason.text(),
                location=self.location.text(),
            )
        )

    def _sign_with_card(self) -> bool:
        """The card may take seconds to sign: a busy cursor meanwhile."""
        if self.card.missing():
            self.card.pin.clear()
            return False
        library, token, pin = (
            self.card.library_path(),
            self.card.token_label(),
            self.card.take_pin(),
        )
        return self._run(
            lambda: self.service.sign_document_with_card(
                self.document_id,
                library,
                token,
                pin,
                reason=self.reason.text(),
                location=self.location.text(),
            )
        )

    def _run(self, sign: Callable[[], ArchivedDocumentRow]) -> bool:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.signed_row = sign()
        except DesdeskError as exc:
            self._show_failure(exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()
        return True

    def _show_failure(self, exc: DesdeskError) -> None:
        field = getattr(exc, "field", "")
        if field in (CERTIFICATE_FIELD, PASSWORD_FIELD):
            self.form.show_problem(field, exc.message)
            editor = self.certificate if field == CERTIFICATE_FIELD else self.password
            editor.setFocus()
        elif not self.card.show_failure(exc):
            self.error.show_message(exc.message)
