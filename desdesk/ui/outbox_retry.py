"""Sending the outbox from the GUI: the settings from the preferences, a background job
per batch, the result in words; and the retry when a district is opened.

At start nothing is asked: the outbox is sent only when the server is set and its
password (if it needs one) is in the keyring. Otherwise the status bar just says how
many messages wait. Messages with an uncertain outcome are never sent at start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from desdesk import settings
from desdesk.i18n import _, ngettext
from desdesk.services import mail_secrets
from desdesk.services.outbox import SendResult, Transport
from desdesk.services.smtp_transport import SmtpSettings, send_message
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.mail_password import Password, password_for, remember_if_asked
from desdesk.ui.tasks import run_in_background

STATUS_MS = 15000
log = logging.getLogger(__name__)


def smtp_settings(prefs: settings.Preferences) -> SmtpSettings:
    return SmtpSettings(
        host=prefs.smtp_host.strip(),
        port=prefs.smtp_port,
        security=prefs.smtp_security,
        user=prefs.smtp_user.strip(),
    )


def mail_ready(prefs: settings.Preferences) -> bool:
    """A server and a sender: enough to try sending."""
    return smtp_settings(prefs).complete and bool(prefs.sender_email.strip())


def missing_settings_text() -> str:
    return _(
        "Per inviare la posta compila Preferenze › Posta: server SMTP, porta, sicurezza, "
        "nome utente e mittente."
    )


def transport_for(prefs: settings.Preferences, password: str | None) -> Transport:
    return partial(send_message, settings=smtp_settings(prefs), password=password)


def waiting_text(count: int) -> str:
    return ngettext(
        "{count} messaggio nella posta in uscita",
        "{count} messaggi nella posta in uscita",
        count,
    ).format(count=count)


def results_text(results: Sequence[SendResult]) -> str:
    """`Posta in uscita: 2 inviati, 1 non inviato (…)`: the first error, if any. One
    that went out unconfirmed is "esito incerto", not "non inviato": it may be there."""
    sent = sum(1 for r in results if r.sent)
    failed = sum(1 for r in results if not r.sent and not r.uncertain)
    uncertain = sum(1 for r in results if r.uncertain)
    parts = [ngettext("{n} inviato", "{n} inviati", sent).format(n=sent)]
    if failed:
        parts.append(ngettext("{n} non inviato", "{n} non inviati", failed).format(n=failed))
    if uncertain:
        parts.append(
            ngettext("{n} con esito incerto", "{n} con esito incerto", uncertain).format(
                n=uncertain
            )
        )
    text = _("Posta in uscita: {parts}").format(parts=", ".join(parts))
    errors = [r.error for r in results if not r.sent]
    if errors:
        text += f" ({errors[0]})"
    return text


def send_all_pending(
    workspace: Workspace,
    prefs: settings.Preferences,
    password: str | None,
    include_uncertain: bool = False,
) -> Callable[[], list[SendResult]]:
    """The background work that sends the outbox (no Qt inside)."""
    transport = transport_for(prefs, password)
    sender = prefs.sender_email.strip()
    return lambda: workspace.outbox.send_pending(
        transport, sender=sender, include_uncertain=include_uncertain
    )


class MessageSender(QObject):
    """Sends one message of the outbox in the background, the password asked first if
    the keyring has none. `finished` carries the `SendResult`, or the exception when
    the attempt could not even begin (the message was sent or deleted meanwhile)."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, workspace: Workspace, prefs: settings.Preferences):
        super().__init__(parent)
        self._parent = parent
        self._workspace = workspace
        self._prefs = prefs
        self._password: Password | None = None
        self.busy = False

    def start(self, message_id: int) -> bool:
        """False when nothing started: the user cancelled the password question."""
        mail = smtp_settings(self._prefs)
        password = password_for(self._parent, mail)
        if password is None:
            return False
        self._password = password
        transport = transport_for(self._prefs, password.value if mail.user else None)
        sender = self._prefs.sender_email.strip()
        outbox = self._workspace.outbox
        self.busy = True
        run_in_background(
            lambda: outbox.send(message_id, transport, sender=sender), self._done, self._failed
        )
        return True

    def _done(self, result: SendResult) -> None:
        self.busy = False
        mail = smtp_settings(self._prefs)
        if result.sent and self._password is not None:
            remember_if_asked(mail, self._password)
        elif result.password_refused and self._password is not None and self._password.kept:
            mail_secrets.forget_password(mail.host, mail.user)  # asked again next time
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.finished.emit(error)


class _StartRetry(QObject):
    """Carries the result to the window; gone with the window, so a late result is
    dropped by Qt instead of reaching a deleted status bar."""

    def __init__(self, window: QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace

    def done(self, results: list[SendResult] | None) -> None:
        if getattr(self._window, "workspace", self._workspace) is not self._workspace:
            return  # another district was opened meanwhile
        if results:
            text = results_text(results)
        else:
            text = waiting_text(self._workspace.outbox.pending_count())
        self._window.statusBar().showMessage(text, STATUS_MS)
        self.deleteLater()

    def failed(self, error: BaseException) -> None:
        self.done(None)


def retry_outbox_at_start(
    window: QMainWindow, workspace: Workspace, prefs: settings.Preferences
) -> None:
    """Send the pending and failed messages if that needs no question; say how many
    messages wait otherwise. Nothing at all when the outbox is empty."""
    try:
        waiting = workspace.outbox.pending_count()
    except Exception:  # never in the way of opening a district
        log.exception("Outbox not readable at start")
        return
    if not waiting:
        return
    retryable = workspace.outbox.pending_count(include_uncertain=False)
    mail = smtp_settings(prefs)
    if not retryable or not mail_ready(prefs):
        window.statusBar().showMessage(waiting_text(waiting), STATUS_MS)
        return

    def work() -> list[SendResult] | None:
        password = None
        if mail.user:  # the keyring may be slow (D-Bus): asked off the GUI thread too
            password = mail_secrets.stored_password(mail.host, mail.user)
            if password is None:
                return None
        return send_all_pending(workspace, prefs, password)()

    carrier = _StartRetry(window, workspace)
    run_in_background(work, carrier.done, carrier.failed)
