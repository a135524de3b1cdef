"""The tables of documents (issue 6): the archive, the agreement template, the outbox.

An archived document keeps the exact PDF bytes. A draft is the latest generated copy of
a document (one per kind and subject, replaced by the next); an approved revision is
frozen: its bytes, footer and SHA-256 never change, and a new approval of the same
document is a new revision beside it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary
from sqlmodel import Field, SQLModel

from desdesk.db.types import utc_now


class DocumentTemplate(SQLModel, table=True):
    """The user's text of an editable document (the constitution agreement)."""

    __tablename__ = "document_template"

    kind: str = Field(primary_key=True)
    body: str
    updated_at: datetime = Field(default_factory=utc_now)


class ArchivedDocument(SQLModel, table=True):
    __tablename__ = "archived_document"
    __table_args__ = (
        Index("ix_archived_document_kind_subject", "kind", "subject"),
        Index("ix_archived_document_sha256", "sha256"),
        Index("ix_archived_document_signed_sha256", "signed_sha256"),
        Index("ux_archived_document_revision", "kind", "subject", "revision", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    # What tells documents of one kind apart: "2026", "assemblea 12", a period…
    subject: str = ""
    title: str
    year: int | None = None
    # The request that built it (JSON), so that it can be generated again.
    params: str = "{}"
    created_at: datetime = Field(default_factory=utc_now)
    # None while a draft; 1, 2… for the approved revisions of (kind, subject).
    revision: int | None = None
    approved_on: date | None = None
    approved_by: str = ""
    approver_office: str = ""
    # SHA-256 of the PDF before the footer was stamped: the footer's "impronta".
    content_sha256: str = ""
    # SHA-256 of `pdf`, the bytes stored (and handed out) exactly.
    sha256: str
    size: int
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    # The same revision with PAdES signatures appended (incremental updates).
    signed_pdf: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    signed_sha256: str | None = None
    signed_at: datetime | None = None
    signers: str = ""


class SignedCopy(SQLModel, table=True):
    """Every signed copy of an approved revision, oldest first: a second signature
    appends to the first copy, and the first stays verifiable (it may have been sent).
    The archive row's `signed_*` columns mirror the latest copy."""

    __tablename__ = "signed_copy"
    __table_args__ = (Index("ix_signed_copy_sha256", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("archived_document.id", ondelete="RESTRICT"), nullable=False
        )
    )
    sha256: str
    signer: str = ""
    signed_at: datetime = Field(default_factory=utc_now)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class OutboxMessage(SQLModel, table=True):
    """An e-mail to the Centro: kept until sent, with its status and last error.

    status: "pending" (to send), "sending" (an attempt began and its end was not
    recorded: the app died mid-send; not retried without asking, so that nothing is
    sent twice), "failed" (refused or offline, retried on request and at start), "sent".
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_status", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(unique=True)  # the RFC 5322 Message-ID, the same on each try
    recipient: str
    subject: str
    body: str
    created_at: datetime = Field(default_factory=utc_now)
    status: str = "pending"
    attempts: int = 0
    last_attempt_at: datetime | None = None
    last_error: str = ""
    sent_at: datetime | None = None


class OutboxAttachment(SQLModel, table=True):
    __tablename__ = "outbox_attachment"

    message_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True
        )
    )
    document_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("archived_document.id", ondelete="RESTRICT"), primary_key=True
        )
    )
    # Whether the signed copy (not the approved bytes) was attached.
    signed: bool = False
    file_name: str
    # SHA-256 of the exact bytes attached when the message was written: what is sent,
    # whatever happens to the document later (a later signature adds a new copy).
    sha256: str = ""
