"""Reading the archive's rows without their bytes (the archive service's queries)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from desdesk.db.document_models import ArchivedDocument, OutboxAttachment, OutboxMessage
from desdesk.document_schemas import ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind

SENT = "sent"

# The columns a listing reads: everything but the bytes.
ROW_COLUMNS = tuple(
    getattr(ArchivedDocument, name)
    for name in (
        "id", "kind", "subject", "title", "year", "params", "created_at", "revision",
        "approved_on", "approved_by", "approver_office", "content_sha256", "sha256",
        "size", "signed_sha256", "signed_at", "signers",
    )
)  # fmt: skip


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; the archive stores UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def sent_dates(session: Session) -> dict[int, datetime]:
    """Document id → the last time an e-mail carrying it was sent."""
    query = (
        select(OutboxAttachment.document_id, func.max(OutboxMessage.sent_at))
        .join(OutboxMessage, OutboxMessage.id == OutboxAttachment.message_id)
        .where(OutboxMessage.status == SENT)
        .group_by(OutboxAttachment.document_id)
    )
    return {doc: _utc(sent) for doc, sent in session.exec(query).all() if sent is not None}


def row_of(session: Session, document_id: int | None) -> ArchivedDocumentRow:
    found = session.exec(select(*ROW_COLUMNS).where(ArchivedDocument.id == document_id)).one()
    return from_columns(found, sent_dates(session).get(found.id))


def from_columns(r: Sequence[Any], sent_at: datetime | None) -> ArchivedDocumentRow:
    (
        id_, kind, subject, title, year, params, created_at, revision, approved_on,
        approved_by, office, content_sha, sha, size, signed_sha, signed_at, signers,
    ) = r  # fmt: skip
    return ArchivedDocumentRow(
        id=id_,
        kind=DocumentKind(kind),
        subject=subject,
        title=title,
        year=year,
        request=DocumentRequest.from_json(params),
        created_at=_utc(created_at),
        revision=revision,
        approved_on=approved_on,
        approved_by=approved_by,
        approver_office=office,
        content_sha256=content_sha,
        sha256=sha,
        size=size,
        signed=signed_sha is not None,
        signed_at=_utc(signed_at) if signed_at is not None else None,
        signers=signers,
        sent_at=sent_at,
    )
