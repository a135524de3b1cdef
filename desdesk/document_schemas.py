"""Read- and write-models of documents (issue 6): requests, the archive, the outbox."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from desdesk.domain.documents import DocumentKind


@dataclass(frozen=True, slots=True)
class DocumentRequest:
    """Which document to build: its kind and what it needs (a year, an assembly, a
    period). The same request builds the same document from the data of the moment."""

    kind: DocumentKind
    year: int | None = None
    assembly_id: int | None = None
    minutes_revision: int | None = None
    start: date | None = None
    end: date | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {k: v for k, v in asdict(self).items() if v is not None}
        for key in ("start", "end"):
            if key in data:
                data[key] = data[key].isoformat()
        data["kind"] = str(self.kind)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DocumentRequest:
        data = json.loads(text)
        for key in ("start", "end"):
            if data.get(key):
                data[key] = date.fromisoformat(data[key])
        data["kind"] = DocumentKind(data["kind"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Approval:
    """Who approves a document, with which office, and on which day."""

    name: str
    office: str
    day: date


@dataclass(frozen=True, slots=True)
class ArchivedDocumentRow:
    """One document of the archive, without its bytes."""

    id: int
    kind: DocumentKind
    subject: str
    title: str
    year: int | None
    request: DocumentRequest
    created_at: datetime  # UTC
    revision: int | None  # None: a draft
    approved_on: date | None
    approved_by: str
    approver_office: str
    content_sha256: str
    sha256: str
    size: int
    signed: bool
    signed_at: datetime | None
    signers: str
    sent_at: datetime | None = None  # the last time it left in an e-mail

    @property
    def approved(self) -> bool:
        return self.revision is not None


@dataclass(frozen=True, slots=True)
class Verification:
    """What `verify` found out about a PDF: the archived revision it is, if any."""

    document: ArchivedDocumentRow | None
    signed_copy: bool = False  # the bytes are the signed copy of that revision

    @property
    def matches(self) -> bool:
        return self.document is not None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    message_id: str
    recipient: str
    subject: str
    body: str
    created_at: datetime
    status: str
    attempts: int
    last_attempt_at: datetime | None
    last_error: str
    sent_at: datetime | None
    attachments: tuple[str, ...] = field(default_factory=tuple)  # file names
