"""Posta in uscita: e-mails to the Centro, kept until the server has accepted them.

Nothing is lost, nothing is sent twice:
1. `compose` stores the message and its attachments (status "pending") with a
   Message-ID made once, so that every attempt carries the same one;
2. each attempt FIRST commits status "sending" (attempts + 1), THEN hands the message to
   the transport, THEN commits "sent" (with `sent_at`) or "failed" (with the error);
3. a message found in "sending" means the app stopped in the middle of step 2, or the
   transport raised `DeliveryUncertain` (the message went out whole, no reply came):
   the server may or may not have it. It is shown as "esito incerto" and sent again
   only when the user asks (`include_uncertain` / `send`), never automatically; it is
   deleted only with `force` (the user confirmed it may already have left);
4. a sent message is never sent again;
5. an attachment is the exact bytes chosen at `compose` (their SHA-256 is stored), even
   if the document is signed again before the message leaves.
The transport is any callable that sends one `EmailMessage` (smtp_transport's
`send_message` bound to the settings and password), so the service needs no network.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from desdesk.atomic import atomic_write
from desdesk.db.archive_queries import SENT
from desdesk.db.document_models import OutboxAttachment, OutboxMessage
from desdesk.db.types import utc_now
from desdesk.document_schemas import OutboxRow
from desdesk.domain.errors import (
    DesdeskError,
    NotFound,
    os_error_reason,
)
from desdesk.i18n import _, format_date
from desdesk.services.archive import ArchiveService, sha256_hex
from desdesk.services.base import Service, SessionFactory
from desdesk.services.mail_text import new_email
from desdesk.services.outbox_draft import (
    Draft,
    attachment_bytes,
    attachment_names,
    check_draft,
    checked_sender,
)
from desdesk.services.smtp_transport import AuthenticationRefused, DeliveryUncertain, MailError

log = logging.getLogger(__name__)

PENDING = "pending"
SENDING = "sending"  # an attempt began and its end was not recorded: "esito incerto"
FAILED = "failed"
UNSENT = (PENDING, SENDING, FAILED)
MESSAGE_ID_DOMAIN = "desdesk.local"

Transport = Callable[[EmailMessage], None]


@dataclass(frozen=True, slots=True)
class SendResult:
    """How one attempt ended. `error` is the user's message when it did not go out."""

    message_id: int
    subject: str
    sent: bool
    error: str = ""
    retry_later: bool = False
    # The failure would repeat for every message (server unreachable, password refused).
    affects_all: bool = False
    password_refused: bool = False  # a kept password is wrong: forget it, ask next time
    uncertain: bool = False  # it went out but was not confirmed: left "sending"


class MessageNotFound(NotFound):
    """No message of the outbox has that id (deleted meanwhile)."""


class AlreadySent(DesdeskError):
    """A sent message is never sent again, nor deleted."""


class MaybeSent(DesdeskError):
    """A message in "sending" may already be at the Centro: deleting it needs `force`."""


class OutboxService(Service):
    def __init__(self, sessions: SessionFactory, archive: ArchiveService) -> None:
        super().__init__(sessions)
        self._archive = archive

    # -- writing ---------------------------------------------------------------------

    def compose(
        self,
        recipient: str,
        subject: str,
        body: str,
        attachments: Sequence[tuple[int, bool]],
    ) -> OutboxRow:
        """Check and store a new message, status "pending"; nothing is sent yet."""
        draft = check_draft(self._archive, Draft(recipient, subject, body, attachments))
        names = attachment_names(self._archive, draft.attachments)
        shas = [  # what is attached now is what leaves, whatever is signed later
            sha256_hex(attachment_bytes(self._archive, document_id, signed, name))
            for (document_id, signed), name in zip(draft.attachments, names, strict=True)
        ]
        with self._unit_of_work() as session:
            message = OutboxMessage(
                message_id=make_msgid(domain=MESSAGE_ID_DOMAIN),
                recipient=draft.recipient,
                subject=draft.subject,
                body=draft.body,
                status=PENDING,
            )
            session.add(message)
            session.flush()
            for (document_id, signed), name, sha in zip(
                draft.attachments, names, shas, strict=True
            ):
                session.add(
                    OutboxAttachment(
                        message_id=message.id, document_id=document_id, signed=signed,
                        file_name=name, sha256=sha,
                    )
                )  # fmt: skip
            session.flush()
            return self._row_of(session, message)

    def delete(self, message_id: int, *, force: bool = False) -> None:
        """Remove a message that has not been sent (a sent one is the record of it).
        One in "sending" may have reached the Centro: only with `force`, once the user
        has confirmed it."""
        with self._unit_of_work() as session:
            message = self._get(session, message_id)
            if message.status == SENT:
                raise AlreadySent(_("Un messaggio inviato non si può eliminare."))
            if message.status == SENDING and not force:
                raise MaybeSent(
                    _(
                        "L'invio di «{subject}» è in corso o ha avuto esito incerto: "
                        "il messaggio potrebbe essere già arrivato al Centro."
                    ).format(subject=message.subject)
                )
            for attachment in session.exec(
                select(OutboxAttachment).where(OutboxAttachment.message_id == message_id)
            ).all():
                session.delete(attachment)
            session.delete(message)

    # -- sending ---------------------------------------------------------------------

    def send(self, message_id: int, transport: Transport, *, sender: str) -> SendResult:
        """One attempt at one message, also one left "sending" (the user asked for it)."""
        sender = checked_sender(sender)
        with self._reading() as session:
            message = self._get(session, message_id)
            if message.status == SENT:
                raise AlreadySent(
                    _("Il messaggio «{subject}» è già stato inviato il {day}.").format(
                        subject=message.subject,
                        day=format_date(_utc(message.sent_at or utc_now())),
                    )
                )
        result = self._attempt(message_id, transport, sender, UNSENT)
        if result is None:
            raise AlreadySent(_("Il messaggio è già stato inviato."))
        return result

    def send_pending(
        self, transport: Transport, *, sender: str, include_uncertain: bool = False
    ) -> list[SendResult]:
        """Try every pending and failed message, oldest first (and the uncertain ones
        only when asked). A failure that would repeat for all (server unreachable,
        password refused) stops the batch: the rest wait, untouched."""
        sender = checked_sender(sender)
        statuses = UNSENT if include_uncertain else (PENDING, FAILED)
        with self._reading() as session:
            ids = session.exec(
                select(OutboxMessage.id)
                .where(col(OutboxMessage.status).in_(statuses))
                .order_by(col(OutboxMessage.created_at), col(OutboxMessage.id))
            ).all()
        results: list[SendResult] = []
        for message_id in ids:
            try:
                result = self._attempt(message_id or 0, transport, sender, statuses)
            except MessageNotFound:  # deleted meanwhile
                continue
            if result is None:  # sent or taken by another attempt meanwhile
                continue
            results.append(result)
            if result.affects_all:
                break
        return results

    def _attempt(
        self, message_id: int, transport: Transport, sender: str, statuses: Sequence[str]
    ) -> SendResult | None:
        try:
            email = self.build_email(message_id, sender)
        except MessageNotFound:
            raise
        except DesdeskError as exc:  # an attachment gone: not the server's fault
            subject = self.get(message_id).subject
            self._record_end(message_id, status=FAILED, last_error=exc.message)
            return SendResult(message_id, subject, sent=False, error=exc.message)
        subject = str(email["Subject"])
        if not self._mark_sending(message_id, statuses):
            return None
        try:
            transport(email)
        except MailError as exc:
            uncertain = isinstance(exc, DeliveryUncertain)  # left "sending": not retried
            if uncertain:
                self._record_end(message_id, last_error=exc.message)
            else:
                self._record_end(message_id, status=FAILED, last_error=exc.message)
            return SendResult(
                message_id, subject, sent=False, error=exc.message,
                retry_later=exc.retry_later, affects_all=exc.affects_all,
                password_refused=isinstance(exc, AuthenticationRefused), uncertain=uncertain,
            )  # fmt: skip
        except Exception as exc:  # unexpected: logged; the message stays in the outbox
            log.exception("Sending message %s failed", message_id)
            error = _("Invio non riuscito per un errore imprevisto: {detail}").format(detail=exc)
            self._record_end(message_id, status=FAILED, last_error=error)
            return SendResult(message_id, subject, sent=False, error=error, retry_later=True)
        self._record_end(message_id, status=SENT, sent_at=utc_now(), last_error="")
        return SendResult(message_id, subject, sent=True)

    def _mark_sending(self, message_id: int, statuses: Sequence[str]) -> bool:
        """Step 1, committed before the transport is called. The status condition makes
        two attempts that overlap (a retry at start and a click) send it only once."""
        with self._unit_of_work() as session:
            done = session.exec(
                update(OutboxMessage)
                .where(
                    col(OutboxMessage.id) == message_id,
                    col(OutboxMessage.status).in_(statuses),
                )
                .values(
                    status=SENDING,
                    attempts=OutboxMessage.attempts + 1,
                    last_attempt_at=utc_now(),
                )
            )
            return bool(done.rowcount)

    def _record_end(self, message_id: int, **values: object) -> None:
        """Step 3: how the attempt ended. The message may have been deleted meanwhile
        (forced, while "sending"): that is logged, never raised (a sent e-mail did
        leave; there is just no record of it left)."""
        with self._unit_of_work() as session:
            done = session.exec(
                update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(**values)
            )
            if not done.rowcount:
                log.warning(
                    "Message %s was deleted while being sent (ended as %s)",
                    message_id, values.get("status", SENDING),
                )  # fmt: skip

    # -- the e-mail ------------------------------------------------------------------

    def build_email(self, message_id: int, sender: str) -> EmailMessage:
        """The message as it leaves: the stored Message-ID, the attachments' exact bytes."""
        with self._reading() as session:
            message = self._get(session, message_id)
            attachments = self._attachments(session, message_id)
        email = new_email(message.recipient, message.subject, message.body, sender)
        email["Message-ID"] = message.message_id
        for attachment in attachments:
            data = attachment_bytes(
                self._archive, attachment.document_id, attachment.signed,
                attachment.file_name, attachment.sha256,
            )  # fmt: skip
            _attach(email, data, attachment.file_name)
        return email

    def save_eml(self, source: int | Draft, path: Path, *, sender: str = "") -> Path:
        """An unsent copy (`X-Unsent: 1`) for the user's own mail program, written whole
        or not at all. `source` is a message of the outbox or the compose dialog's draft."""
        if isinstance(source, Draft):
            draft = check_draft(self._archive, source)
            email = new_email(draft.recipient, draft.subject, draft.body, sender)
            email["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
            names = attachment_names(self._archive, draft.attachments)
            for (document_id, signed), name in zip(draft.attachments, names, strict=True):
                _attach(email, attachment_bytes(self._archive, document_id, signed, name), name)
        else:
            email = self.build_email(source, sender)
        email["X-Unsent"] = "1"
        try:
            with atomic_write(Path(path)) as handle:
                handle.write(email.as_bytes())
        except OSError as exc:
            raise DesdeskError(
                _("Non riesco a salvare {path}: {reason}.").format(
                    path=path, reason=os_error_reason(exc)
                )
            ) from exc
        return Path(path)

    # -- reading ---------------------------------------------------------------------

    def rows(self) -> list[OutboxRow]:
        """Every message, newest first, with its attachments' file names."""
        with self._reading() as session:
            messages = session.exec(
                select(OutboxMessage).order_by(
                    col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc()
                )
            ).all()
            names = self._names_by_message(session)
            return [_to_row(m, names.get(m.id or 0, ())) for m in messages]

    def get(self, message_id: int) -> OutboxRow:
        with self._reading() as session:
            return self._row_of(session, self._get(session, message_id))

    def pending_count(self, *, include_uncertain: bool = True) -> int:
        """Messages not sent yet: pending and failed, and the uncertain ones unless
        `include_uncertain` is False (what a retry at start would try)."""
        statuses = UNSENT if include_uncertain else (PENDING, FAILED)
        query = (
            select(func.count())
            .select_from(OutboxMessage)
            .where(col(OutboxMessage.status).in_(statuses))
        )
        with self._reading() as session:
            return int(session.exec(query).one())

    # -- internals -------------------------------------------------------------------

    @staticmethod
    def _get(session: Session, message_id: int) -> OutboxMessage:
        message = session.get(OutboxMessage, message_id)
        if message is None:
            raise MessageNotFound(_("Il messaggio non è più nella posta in uscita."))
        return message

    @staticmethod
    def _attachments(session: Session, message_id: int) -> list[OutboxAttachment]:
        return list(
            session.exec(
                select(OutboxAttachment)
                .where(OutboxAttachment.message_id == message_id)
                .order_by(col(OutboxAttachment.file_name))
            ).all()
        )

    @staticmethod
    def _names_by_message(session: Session) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        for message_id, name in session.exec(
            select(OutboxAttachment.message_id, OutboxAttachment.file_name).order_by(
                col(OutboxAttachment.file_name)
            )
        ).all():
            found.setdefault(message_id, []).append(name)
        return {k: tuple(v) for k, v in found.items()}

    def _row_of(self, session: Session, message: OutboxMessage) -> OutboxRow:
        names = tuple(a.file_name for a in self._attachments(session, message.id or 0))
        return _to_row(message, names)


def _attach(email: EmailMessage, data: bytes, name: str) -> None:
    email.add_attachment(data, maintype="application", subtype="pdf", filename=name)


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; the outbox stores UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _to_row(message: OutboxMessage, names: tuple[str, ...]) -> OutboxRow:
    return OutboxRow(
        id=message.id or 0,
        message_id=message.message_id,
        recipient=message.recipient,
        subject=message.subject,
        body=message.body,
        created_at=_utc(message.created_at),
        status=message.status,
        attempts=message.attempts,
        last_attempt_at=_utc(message.last_attempt_at) if message.last_attempt_at else None,
        last_error=message.last_error,
        sent_at=_utc(message.sent_at) if message.sent_at else None,
        attachments=names,
    )
