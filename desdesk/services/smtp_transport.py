"""Sending one e-mail through the user's SMTP server (smtplib), with Italian errors.

Every failure becomes a `MailError` whose message can be shown as it is and whose
`retry_later` says whether trying again later may help (an unreachable server: yes; a
refused password: not until the user changes it). `affects_all` marks the failures that
would repeat for every other message of the outbox (the server, the password), so that
a batch stops at the first one instead of waiting for each.

Once the whole message (up to the final "." line) has gone out, a failure without a
reply from the server (connection closed, time out) does not mean "not sent": the
server may have kept it. That is `DeliveryUncertain`, never retried automatically.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import N_, _

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

STARTTLS = "starttls"
SSL = "ssl"
PLAIN = "none"
SECURITY_CHOICES = (STARTTLS, SSL, PLAIN)
SECURITY_LABELS = {
    STARTTLS: N_("STARTTLS (di solito porta 587)"),
    SSL: N_("SSL/TLS (di solito porta 465)"),
    PLAIN: N_("Nessuna (sconsigliato)"),
}
DEFAULT_PORT = 587
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = DEFAULT_PORT
    security: str = STARTTLS
    user: str = ""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def complete(self) -> bool:
        """Enough to try: a server and a port (the user is optional)."""
        return bool(self.host.strip()) and 0 < self.port < 65536


class MailError(DesdeskError):
    """An e-mail could not be sent; the message says why, in the user's language."""

    retry_later = True
    affects_all = False


class ServerUnreachable(MailError):
    affects_all = True


class AuthenticationRefused(MailError):
    retry_later = False
    affects_all = True


class PasswordMissing(MailError):
    retry_later = False
    affects_all = True


class ConnectionDropped(MailError):
    affects_all = True


class SecureConnectionFailed(MailError):
    retry_later = False
    affects_all = True


class MessageRefused(MailError):
    """The server refused the sender, a recipient or the message itself."""

    retry_later = False


class NotConfigured(MailError):
    retry_later = False
    affects_all = True


class DeliveryUncertain(MailError):
    """The message went out whole but the server did not confirm it: it may have
    arrived. Sending it again may give the Centro two copies, so only the user decides."""

    retry_later = False
    affects_all = True  # the server misbehaves: the next messages would end the same


_END_OF_DATA = b"\r\n.\r\n"


class _Smtp(smtplib.SMTP):
    """Notes when the end of the DATA payload ("\\r\\n.\\r\\n") has been written:
    from then on the server may have the message, whatever happens next."""

    payload_sent = False

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)
        data = s.encode("ascii") if isinstance(s, str) else memoryview(s)
        if bytes(data[-len(_END_OF_DATA) :]) == _END_OF_DATA:
            self.payload_sent = True


class _SmtpSsl(_Smtp, smtplib.SMTP_SSL):
    pass


def send_message(message: EmailMessage, settings: SmtpSettings, password: str | None) -> None:
    """Hand `message` to the SMTP server; raises a `MailError` if it was not accepted.

    STARTTLS and SSL verify the server's certificate with the system's trust store. The
    client logs in only when a user is set. Once the server has accepted the message, a
    failure while saying goodbye (QUIT) does not make the sending fail.
    """
    if not settings.complete:
        raise NotConfigured(_("Il server di posta non è impostato: compila Preferenze › Posta."))
    if settings.user and password is None:
        raise PasswordMissing(
            _("Manca la password di {user} per il server {host}.").format(
                user=settings.user, host=settings.host
            )
        )
    try:
        client = _connect(settings)
    except Exception as exc:
        raise _mail_error(exc, settings) from exc
    try:
        _deliver(client, message, settings, password or "")
    except Exception as exc:
        client.close()
        if client.payload_sent and not isinstance(exc, smtplib.SMTPResponseException):
            raise _uncertain(settings) from exc
        raise _mail_error(exc, settings) from exc
    try:
        client.quit()
    except (smtplib.SMTPException, OSError) as exc:  # the message was accepted already
        log.info("QUIT after a delivered message failed: %s", exc)
        client.close()


def client_context() -> ssl.SSLContext:
    """TLS as a client: the system's trusted authorities, host names checked."""
    return ssl.create_default_context()


def _connect(settings: SmtpSettings) -> _Smtp | _SmtpSsl:
    if settings.security == SSL:
        return _SmtpSsl(
            settings.host,
            settings.port,
            timeout=settings.timeout,
            context=client_context(),
        )
    return _Smtp(settings.host, settings.port, timeout=settings.timeout)


def _deliver(
    client: smtplib.SMTP, message: EmailMessage, settings: SmtpSettings, password: str
) -> None:
    client.ehlo()
    if settings.security == STARTTLS:
        client.starttls(context=client_context())
        client.ehlo()
    if settings.user:
        client.login(settings.user, password)
    client.send_message(message)


def _uncertain(settings: SmtpSettings) -> DeliveryUncertain:
    """A reply to the DATA payload is an answer (accepted or refused); no reply is not."""
    log.warning("No reply from %s after the message data was sent", settings.host)
    return DeliveryUncertain(
        _(
            "Il server non ha confermato la ricezione: il messaggio potrebbe essere già "
            "arrivato. Controlla con il Centro prima di inviarlo di nuovo."
        )
    )


def _unreachable(settings: SmtpSettings, reason: str) -> ServerUnreachable:
    return ServerUnreachable(
        _(
            "Non riesco a raggiungere {host}:{port}: {reason}. "
            "Il messaggio resta nella posta in uscita."
        ).format(host=settings.host, port=settings.port, reason=reason)
    )


def _mail_error(exc: Exception, settings: SmtpSettings) -> MailError:
    """The `MailError` that explains `exc` (smtplib's and the socket's errors)."""
    host = settings.host
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return AuthenticationRefused(
            _("Il server {host} ha rifiutato nome utente o password.").format(host=host)
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SecureConnectionFailed(
            _(
                "Il server {host} non offre ciò che le impostazioni chiedono ({detail}): "
                "controlla la sicurezza e l'utente in Preferenze › Posta."
            ).format(host=host, detail=str(exc))
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(sorted(exc.recipients))
        return MessageRefused(
            _("Il server {host} ha rifiutato il destinatario {recipient}.").format(
                host=host, recipient=refused
            )
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return MessageRefused(
            _(
                "Il server {host} ha rifiutato il mittente {sender}: controlla il mittente "
                "in Preferenze › Posta."
            ).format(host=host, sender=exc.sender)
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return ConnectionDropped(
            _(
                "Il server {host} ha chiuso la connessione durante l'invio. "
                "Il messaggio resta nella posta in uscita: riprova più tardi."
            ).format(host=host)
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = MessageRefused(
            _("Il server {host} ha rifiutato il messaggio ({code} {text}).").format(
                host=host, code=exc.smtp_code, text=_reply_text(exc.smtp_error)
            )
        )
        error.retry_later = 400 <= exc.smtp_code < 500  # 4xx: a temporary refusal
        return error
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return SecureConnectionFailed(
            _(
                "La connessione sicura con {host} non è riuscita ({detail}): controlla "
                "la sicurezza e la porta in Preferenze › Posta."
            ).format(host=host, detail=getattr(exc, "reason", None) or str(exc))
        )
    return _network_error(exc, settings)


def _network_error(exc: Exception, settings: SmtpSettings) -> MailError:
    if isinstance(exc, socket.gaierror):
        return _unreachable(settings, _("il nome del server è sconosciuto o manca la rete"))
    if isinstance(exc, TimeoutError):
        return _unreachable(settings, _("il server non risponde (tempo scaduto)"))
    if isinstance(exc, ConnectionRefusedError):
        return _unreachable(settings, _("la connessione è stata rifiutata"))
    if isinstance(exc, ConnectionError):
        return ConnectionDropped(
            _(
                "Il server {host} ha chiuso la connessione durante l'invio. "
                "Il messaggio resta nella posta in uscita: riprova più tardi."
            ).format(host=settings.host)
        )
    if isinstance(exc, OSError):
        return _unreachable(settings, exc.strerror or str(exc))
    if isinstance(exc, smtplib.SMTPException):
        return MailError(
            _("L'invio tramite {host} non è riuscito: {detail}.").format(
                host=settings.host, detail=str(exc)
            )
        )
    raise exc


def _reply_text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
