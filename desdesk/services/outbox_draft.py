"""What the user composed, checked before it enters the outbox or an .eml: a valid
address, a one-line subject, attachments that exist (with a signed copy when that is
asked), unique file names; and the sender, required to send. Also the exact bytes an
attachment carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desdesk.domain.errors import DesdeskError, FieldProblem, InvalidValue, ValidationFailed
from desdesk.domain.values import normalize_email
from desdesk.i18n import _
from desdesk.services.archive import ArchiveService, DocumentNotFound
from desdesk.services.mail_text import attachment_name, unique_names
from desdesk.services.smtp_transport import NotConfigured


@dataclass(frozen=True, slots=True)
class Draft:
    """What the compose dialog holds: an e-mail not (yet) in the outbox."""

    recipient: str
    subject: str
    body: str
    attachments: Sequence[tuple[int, bool]] = ()  # (document id, signed copy?)


def check_draft(archive: ArchiveService, draft: Draft) -> Draft:
    """The draft with a normalised address and subject; every problem at once."""
    problems: list[FieldProblem] = []
    recipient = ""
    try:
        recipient = normalize_email(draft.recipient)
    except InvalidValue as exc:
        problems.append(FieldProblem("recipient", exc.message))
    subject = " ".join(draft.subject.split())  # one line: no header injection
    if not subject:
        problems.append(FieldProblem("subject", _("Scrivi l'oggetto del messaggio.")))
    attachments: list[tuple[int, bool]] = []
    for document_id, signed in draft.attachments:
        if any(d == document_id for d, _s in attachments):
            continue
        problem = _attachment_problem(archive, document_id, signed)
        if problem:
            problems.append(FieldProblem("attachments", problem))
        attachments.append((document_id, bool(signed)))
    if problems:
        raise ValidationFailed(problems)
    return Draft(recipient, subject, draft.body, tuple(attachments))


def _attachment_problem(archive: ArchiveService, document_id: int, signed: bool) -> str | None:
    try:
        document = archive.get(document_id)
    except DocumentNotFound:
        return _("Un documento da allegare non è più nell'archivio.")
    if signed and not document.signed:
        return _("{title} non ha una copia firmata digitalmente.").format(title=document.title)
    return None


def attachment_names(archive: ArchiveService, attachments: Sequence[tuple[int, bool]]) -> list[str]:
    return unique_names(
        attachment_name(archive.get(document_id), signed) for document_id, signed in attachments
    )


def attachment_bytes(
    archive: ArchiveService, document_id: int, signed: bool, name: str, sha256: str = ""
) -> bytes:
    """The exact bytes to attach: those with `sha256` (chosen at compose, whatever was
    signed later), or the document's current ones when no SHA-256 was kept."""
    try:
        if sha256:
            return archive.pdf_with_sha(document_id, sha256)
        return archive.pdf(document_id, signed=signed)
    except DocumentNotFound:
        raise DesdeskError(
            _("Un allegato ({name}) non è più nell'archivio.").format(name=name)
        ) from None


def checked_sender(sender: str) -> str:
    """The From address, required to send (an .eml may go without)."""
    try:
        return normalize_email(sender)
    except InvalidValue:
        raise NotConfigured(
            _("Manca il mittente o non è valido ({sender}): compila Preferenze › Posta.").format(
                sender=sender.strip()
            )
        ) from None
