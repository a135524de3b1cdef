"""Posta in uscita: every e-mail to the Centro with its state; Riprova, Salva come
bozza…, Elimina. Meant as a tab of the Documenti section."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desdesk import settings
from desdesk.document_schemas import OutboxRow
from desdesk.i18n import _
from desdesk.services.mail_text import slug
from desdesk.services.outbox import SendResult
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.compose_mail import save_eml_dialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.outbox import STATUS_COLUMN, OutboxModel
from desdesk.ui.outbox_retry import MessageSender, mail_ready, missing_settings_text
from desdesk.ui.widgets.forms import add_buttons, ask
from desdesk.ui.widgets.tables import make_table, selected_source_row


class OutboxView(QWidget):
    def __init__(
        self, workspace: Workspace, prefs: settings.Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.prefs = prefs
        self.model = OutboxModel(self)
        self.table = make_table(self.model, self, sortable=False)  # newest first
        self.table.setObjectName("outboxTable")
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.status_label = QLabel()
        self.status_label.setObjectName("outboxStatus")
        self.status_label.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons = add_buttons(
            row,
            [
                ("retry", _("Riprova"), self.retry),
                ("saveDraft", _("Salva come bozza…"), self.save_draft),
                ("delete", _("Elimina"), self.delete),
            ],
        )
        row.addStretch(1)
        self.mailer = MessageSender(self, workspace, prefs)
        self.mailer.finished.connect(self._finished)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status_label)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.model.set_rows(self.workspace.outbox.rows())
        for column in (0, STATUS_COLUMN, STATUS_COLUMN + 1):  # dates, state, attempts
            self.table.resizeColumnToContents(column)
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def select(self, message_id: int) -> None:
        for row, message in enumerate(self.model.rows()):
            if message.id == message_id:
                self.table.selectRow(row)
                return

    def selected(self) -> OutboxRow | None:
        row = selected_source_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        message = self.selected()
        unsent = message is not None and message.status != "sent"
        self.buttons["retry"].setEnabled(unsent and not self.mailer.busy)
        self.buttons["saveDraft"].setEnabled(message is not None)
        self.buttons["delete"].setEnabled(unsent and not self.mailer.busy)

    # -- actions ---------------------------------------------------------------------

    def retry(self) -> None:
        message = self.selected()
        if message is None or message.status == "sent" or self.mailer.busy:
            return
        if not mail_ready(self.prefs):
            self.status_label.setText(missing_settings_text())
            return
        if message.status == "sending" and not ask(
            self,
            _("Esito incerto"),
            _(
                "L'invio di «{subject}» è stato interrotto e non si sa se il server "
                "l'abbia ricevuto: il Centro potrebbe averlo già. Inviarlo di nuovo?"
            ).format(subject=message.subject),
        ):
            return
        if self.mailer.start(message.id):
            self.status_label.setText(_("Invio in corso…"))
            self._update_buttons()

    def _finished(self, outcome: object) -> None:
        if isinstance(outcome, SendResult):
            self.status_label.setText(_("Messaggio inviato.") if outcome.sent else outcome.error)
        elif isinstance(outcome, BaseException):
            self.status_label.setText("")
            show_error(self, outcome)
        self.refresh()

    def save_draft(self) -> None:
        message = self.selected()
        if message is None:
            return
        target = save_eml_dialog(self, slug(message.subject) + ".eml")
        if target is None:
            return
        try:
            self.workspace.outbox.save_eml(message.id, target, sender=self.prefs.sender_email)
        except Exception as exc:
            show_error(self, exc)
            return
        self.status_label.setText(_("Bozza salvata in {path}").format(path=target))

    def delete(self) -> None:
        message = self.selected()
        if message is None or message.status == "sent":
            return
        uncertain = message.status == "sending"
        if uncertain:
            question = _(
                "L'invio di «{subject}» non ha avuto un esito certo: il messaggio potrebbe "
                "essere già arrivato al Centro. Eliminandolo non ne resta traccia qui. "
                "Eliminarlo comunque?"
            )
        else:
            question = _("Eliminare «{subject}» dalla posta in uscita? Non verrà inviato.")
        if not ask(self, _("Elimina messaggio"), question.format(subject=message.subject)):
            return
        try:
            self.workspace.outbox.delete(message.id, force=uncertain)
        except Exception as exc:
            show_error(self, exc)
        self.refresh()
