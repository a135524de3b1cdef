"""Scrivi al Centro: recipient, subject and body from a template, attachments from the
archive; "Invia" puts the message in the outbox and sends it in the background, "Salva
come bozza…" writes an .eml for the user's own mail program.

The message is stored before any attempt, so a refusal or a missing network loses
nothing: it stays in the outbox with its error and is retried later.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desdesk import settings
from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.errors import ValidationFailed
from desdesk.i18n import _
from desdesk.services.mail_text import default_body, default_subject, slug
from desdesk.services.outbox import Draft, SendResult
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.outbox_retry import MessageSender, mail_ready, missing_settings_text
from desdesk.ui.widgets.forms import Form

EML_FILTER = "E-mail (*.eml)"
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def document_label(document: ArchivedDocumentRow) -> str:
    if document.revision is None:
        state = _("bozza")
    else:
        state = _("revisione {revision}").format(revision=document.revision)
        if document.signed:
            state += ", " + _("firmato digitalmente")
    return f"{document.title} — {state}"


def save_eml_dialog(parent: QWidget, suggestion: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Salva come bozza"), suggestion, EML_FILTER
    )
    if not name:
        return None
    return Path(name) if name.lower().endswith(".eml") else Path(name + ".eml")


class ComposeMailDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        prefs: settings.Preferences,
        document_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.prefs = prefs
        self.outbox_id: int | None = None  # the message, once in the outbox
        self.send_result: SendResult | None = None
        self.setWindowTitle(_("Scrivi al Centro"))
        self._district = workspace.district.profile().name
        self._documents = self._archive_documents()
        self.form = Form()
        self.recipient_edit = self.form.add("recipient", _("Destinatario"), QLineEdit())
        self.recipient_edit.setText(prefs.centro_email)
        self.subject_edit = self.form.add("subject", _("Oggetto"), QLineEdit())
        self.body_edit = self.form.add("body", _("Testo"), QPlainTextEdit())
        self.attachment_list = self.form.add("attachments", _("Allegati"), QListWidget())
        self._fill_attachments(set(document_ids))
        self._templated = True  # subject and body follow the attachments until edited
        self._apply_template()
        self.subject_edit.textEdited.connect(self._stop_template)
        self.body_edit.textChanged.connect(self._body_changed)
        self.attachment_list.itemChanged.connect(lambda _item: self._apply_template())
        self.status_label = QLabel()
        self.status_label.setObjectName("sendStatus")
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(_("Invia"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_button = buttons.addButton(
            _("Salva come bozza…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = buttons.addButton(_("Annulla"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self.send)
        self.draft_button.clicked.connect(self.save_draft)
        self.cancel_button.clicked.connect(self.reject)
        self.mailer = MessageSender(self, workspace, prefs)
        self.mailer.finished.connect(self._finished)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.resize(640, 620)

    # -- contents --------------------------------------------------------------------

    def _archive_documents(self) -> list[ArchivedDocumentRow]:
        """Approved revisions first (newest first), then the drafts."""
        rows = self.workspace.archive.rows()
        return [r for r in rows if r.approved] + [r for r in rows if not r.approved]

    def _fill_attachments(self, checked: set[int]) -> None:
        for document in self._documents:
            item = QListWidgetItem(document_label(document))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if document.id in checked else Qt.CheckState.Unchecked
            )
            item.setData(DOCUMENT_ROLE, document.id)
            self.attachment_list.addItem(item)

    def checked_documents(self) -> list[ArchivedDocumentRow]:
        return [
            document
            for i, document in enumerate(self._documents)
            if self.attachment_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def attachments(self) -> list[tuple[int, bool]]:
        """(document id, signed copy?): the signed copy whenever there is one."""
        return [(d.id, d.signed) for d in self.checked_documents()]

    def draft(self) -> Draft:
        return Draft(
            self.recipient_edit.text(),
            self.subject_edit.text(),
            self.body_edit.toPlainText(),
            self.attachments(),
        )

    def _apply_template(self) -> None:
        if not self._templated:
            return
        documents = self.checked_documents()
        self.subject_edit.setText(default_subject(self._district, documents))
        self.body_edit.blockSignals(True)
        self.body_edit.setPlainText(
            default_body(self._district, documents, self.prefs.secretary_name)
        )
        self.body_edit.blockSignals(False)

    def _stop_template(self) -> None:
        self._templated = False

    def _body_changed(self) -> None:
        self._templated = False

    # -- actions ---------------------------------------------------------------------

    def send(self) -> None:
        """Store in the outbox, then send in the background (the window never waits)."""
        if self.mailer.busy:
            return
        if not mail_ready(self.prefs):
            self._offer_draft(missing_settings_text())
            return
        if self.outbox_id is None and not self._store():
            return
        assert self.outbox_id is not None
        if not self.mailer.start(self.outbox_id):
            self._tell(
                _("Il messaggio è nella posta in uscita: potrai inviarlo più tardi con Riprova.")
            )
            self.accept()
            return
        self._set_busy(True)

    def _store(self) -> bool:
        draft = self.draft()
        try:
            row = self.workspace.outbox.compose(
                draft.recipient, draft.subject, draft.body, draft.attachments
            )
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self.form.show_problems([])
        self.outbox_id = row.id
        return True

    def _finished(self, outcome: object) -> None:
        self._set_busy(False)
        if isinstance(outcome, SendResult):
            self.send_result = outcome
            if outcome.sent:
                self._tell(_("Messaggio inviato a {recipient}.").format(
                    recipient=self.recipient_edit.text().strip()
                ))  # fmt: skip
            elif outcome.uncertain:
                QMessageBox.warning(
                    self,
                    _("Esito incerto"),
                    outcome.error
                    + "\n\n"
                    + _(
                        "Il messaggio resta nella posta in uscita (Documenti › Posta in "
                        "uscita) con esito incerto: non verrà inviato di nuovo da solo."
                    ),
                )
            else:
                QMessageBox.warning(
                    self,
                    _("Messaggio non inviato"),
                    outcome.error
                    + "\n\n"
                    + _(
                        "Il messaggio resta nella posta in uscita (Documenti › Posta in "
                        "uscita): puoi riprovare più tardi o salvarlo come bozza."
                    ),
                )
        elif isinstance(outcome, BaseException):
            show_error(self, outcome)
        self.accept()

    def save_draft(self) -> None:
        """An .eml for the user's own mail program; the outbox is not touched."""
        suggestion = slug(self.subject_edit.text() or self._district) + ".eml"
        target = save_eml_dialog(self, suggestion)
        if target is None:
            return
        try:
            self.workspace.outbox.save_eml(self.draft(), target, sender=self.prefs.sender_email)
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self._tell(_("Bozza salvata in {path}").format(path=target))

    def _offer_draft(self, reason: str) -> None:
        answer = QMessageBox.question(
            self,
            _("Posta non impostata"),
            reason + "\n\n" + _("Vuoi intanto salvare il messaggio come bozza (.eml)?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.save_draft()

    def _set_busy(self, busy: bool) -> None:
        self.status_label.setText(_("Invio in corso…") if busy else "")
        for button in (self.send_button, self.draft_button):
            button.setEnabled(not busy)

    def _tell(self, text: str) -> None:
        QMessageBox.information(self, _("Posta"), text)

    def reject(self) -> None:
        if self.mailer.busy:  # the job goes on: closing now would hide its outcome
            return
        super().reject()
