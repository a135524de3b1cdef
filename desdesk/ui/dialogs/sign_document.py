"""Sign an approved document with the user's PKCS#12 certificate (Firma digitale).

The password is typed for this signature only: the field is emptied after every
attempt and nothing of it is kept. Errors (wrong password, expired certificate, a file
that is not a certificate) appear inside the dialog, under the field to correct, and
the dialog stays open for another try.
"""

from __future__ import annotations

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
    QVBoxLayout,
    QWidget,
)

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import N_, _
from desdesk.services.signing import CERTIFICATE_FIELD, PASSWORD_FIELD, SigningService
from desdesk.services.workspace import Workspace
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
        self.reason = self.form.add("reason", _("Motivo"), QLineEdit(_("Approvazione")))
        self.location = self.form.add("location", _("Luogo"), QLineEdit())
        self.location.setText(self.service.default_location())
        self.note = QLabel(
            _(
                "La password serve solo per questa firma: desdesk non la conserva. "
                "La firma si aggiunge al documento approvato senza cambiarlo."
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
        layout.addWidget(self.form)
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
        """Sign with what was typed; the password is cleared whatever happens."""
        self.form.show_problems([])
        self.error.show_message(None)
        path = self.certificate.text().strip()
        password = self.password.text()
        self.password.clear()
        if not path:
            self.form.show_problem(CERTIFICATE_FIELD, _("Scegli il file del certificato."))
            self.certificate.setFocus()
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.signed_row = self.service.sign_document(
                self.document_id,
                path,
                password,
                reason=self.reason.text(),
                location=self.location.text(),
            )
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
        else:
            self.error.show_message(exc.message)
