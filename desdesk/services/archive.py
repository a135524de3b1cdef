"""Archivio: every document generated in the app, and the approved revisions.

Approval scheme (documented in docs/architecture.md, "As built (issue 6)"):
1. the PDF as generated is hashed: its SHA-256 is the *content footprint*;
2. the footer "Documento approvato il … da … — revisione N — impronta XXXX XXXX XXXX
   XXXX" (the first 16 hex digits of the content footprint) is stamped on every page;
3. the stamped bytes are stored with their own SHA-256; they are what the archive hands
   out, byte for byte, for ever. `verify` hashes a PDF and looks that hash up.

A draft is the latest generated copy of a document (one per kind and subject); it is
replaced by the next one and becomes a revision when approved. Approved revisions are
never changed or deleted; approving the same document again makes revision N + 1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from desdesk.db.archive_queries import ROW_COLUMNS, from_columns, row_of, sent_dates
from desdesk.db.document_models import (
    ArchivedDocument,
    OutboxAttachment,
    SignedCopy,
)
from desdesk.db.types import utc_now
from desdesk.document_schemas import (
    Approval,
    ArchivedDocumentRow,
    DocumentRequest,
    Verification,
)
from desdesk.domain.documents import FOOTPRINT_DIGITS, DocumentKind, approval_footer
from desdesk.domain.errors import DesdeskError, FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _
from desdesk.services.base import Service


class DocumentNotFound(NotFound):
    """No document of the archive has that id."""


class AlreadyApproved(DesdeskError):
    """An approved revision cannot be approved, replaced or deleted."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_approval(approval: Approval) -> Approval:
    """The approver's name is required; both are trimmed."""
    name, office = approval.name.strip(), approval.office.strip()
    problems = []
    if not name:
        problems.append(FieldProblem("approver", _("Scrivi il nome di chi approva il documento.")))
    if approval.day > date.today():
        problems.append(
            FieldProblem("day", _("La data di approvazione non può essere nel futuro."))
        )
    if problems:
        raise ValidationFailed(problems)
    return Approval(name=name, office=office, day=approval.day)


class ArchiveService(Service):
    def __init__(self, sessions: Callable[[], Session], *, stamp: Callable[..., bytes]) -> None:
        """`stamp(pdf, text, title=…)` prints the approval line on every page (the
        report layer's `stamp_every_page`, passed in so this module needs no reportlab)."""
        super().__init__(sessions)
        self._stamp = stamp

    # -- writing ---------------------------------------------------------------------

    def record(
        self, request: DocumentRequest, title: str, subject: str, pdf: bytes
    ) -> ArchivedDocumentRow:
        """Keep `pdf` as the draft of (kind, subject), replacing the previous draft."""
        with self._unit_of_work() as session:
            row = self._record(session, request, title, subject, pdf)
            session.flush()
            return row_of(session, row.id)

    def approve(self, document_id: int, approval: Approval) -> ArchivedDocumentRow:
        """Turn a draft into the next approved revision of its document, footer stamped.

        A draft already attached to an e-mail stays as it was sent: the approved revision
        is then a new entry made from its bytes."""
        approval = check_approval(approval)
        with self._unit_of_work() as session:
            row = self._get(session, document_id)
            if row.revision is not None:
                raise AlreadyApproved(
                    _("{title} è già approvato (revisione {revision}).").format(
                        title=row.title, revision=row.revision
                    )
                )
            if self._attached(session, row.id):
                row = self._copy_of(session, row)
            self._approve(session, row, approval)
            session.flush()
            return row_of(session, row.id)

    def record_approved(
        self, request: DocumentRequest, title: str, subject: str, pdf: bytes, approval: Approval
    ) -> ArchivedDocumentRow:
        """Generate-and-approve in one transaction (the CLI's `--approve`)."""
        approval = check_approval(approval)
        with self._unit_of_work() as session:
            row = self._record(session, request, title, subject, pdf)
            self._approve(session, row, approval)
            session.flush()
            return row_of(session, row.id)

    def delete_draft(self, document_id: int) -> None:
        with self._unit_of_work() as session:
            row = self._get(session, document_id)
            if row.revision is not None:
                raise AlreadyApproved(
                    _("Un documento approvato non si può eliminare: {title}.").format(
                        title=row.title
                    )
                )
            if self._attached(session, row.id):
                raise DesdeskError(
                    _(
                        "La bozza di {title} è allegata a un messaggio della posta in uscita: "
                        "resta nell'archivio."
                    ).format(title=row.title)
                )
            session.delete(row)

    def store_signed(self, document_id: int, signed_pdf: bytes, signer: str) -> ArchivedDocumentRow:
        """Keep a new signed copy of an approved revision. It must extend the latest copy
        (or the approved bytes) as an incremental update; earlier copies stay."""
        with self._unit_of_work() as session:
            row = self._get(session, document_id)
            if row.revision is None:
                raise DesdeskError(
                    _("Si firmano solo i documenti approvati: approva prima {title}.").format(
                        title=row.title
                    )
                )
            base = row.signed_pdf if row.signed_pdf is not None else row.pdf
            if len(signed_pdf) <= len(base) or not signed_pdf.startswith(base):
                raise DesdeskError(
                    _(
                        "La copia firmata non contiene, intatto, il documento approvato "
                        "{title}: non è stata conservata."
                    ).format(title=row.title)
                )
            session.add(
                SignedCopy(
                    document_id=row.id, sha256=sha256_hex(signed_pdf), signer=signer,
                    pdf=signed_pdf,
                )
            )  # fmt: skip
            row.signed_pdf = signed_pdf
            row.signed_sha256 = sha256_hex(signed_pdf)
            row.signed_at = utc_now()
            names = [n for n in row.signers.split("; ") if n]
            if signer and signer not in names:
                names.append(signer)
            row.signers = "; ".join(names)
            session.add(row)
            session.flush()
            return row_of(session, row.id)

    # -- reading ---------------------------------------------------------------------

    def get(self, document_id: int) -> ArchivedDocumentRow:
        with self._reading() as session:
            return row_of(session, self._get(session, document_id).id)

    def pdf_with_sha(self, document_id: int, sha256: str) -> bytes:
        """The bytes of the document, or of one of its signed copies, with that SHA-256
        (what an e-mail attached, whatever was signed afterwards)."""
        with self._reading() as session:
            row = self._get(session, document_id)
            if row.sha256 == sha256:
                return bytes(row.pdf)
            copy = session.exec(
                select(SignedCopy.pdf).where(
                    SignedCopy.document_id == document_id, SignedCopy.sha256 == sha256
                )
            ).first()
            if copy is None:
                raise DocumentNotFound(
                    _("La versione di {title} scelta non è più nell'archivio.").format(
                        title=row.title
                    )
                )
            return bytes(copy)

    def pdf(self, document_id: int, *, signed: bool = False) -> bytes:
        """The exact bytes stored: the approved (or draft) PDF, or its signed copy."""
        column = ArchivedDocument.signed_pdf if signed else ArchivedDocument.pdf
        with self._reading() as session:
            data = session.exec(
                select(column).where(ArchivedDocument.id == document_id)
            ).one_or_none()
        if data is None:
            raise DocumentNotFound(_("Il documento non è più nell'archivio."))
        return bytes(data)

    def rows(
        self, kind: DocumentKind | None = None, year: int | None = None
    ) -> list[ArchivedDocumentRow]:
        """The archive, newest first; `kind` and `year` filter it."""
        query = select(*ROW_COLUMNS)
        if kind is not None:
            query = query.where(ArchivedDocument.kind == str(kind))
        if year is not None:
            query = query.where(ArchivedDocument.year == year)
        query = query.order_by(
            col(ArchivedDocument.created_at).desc(), col(ArchivedDocument.id).desc()
        )
        with self._reading() as session:
            sent = sent_dates(session)
            return [from_columns(r, sent.get(r.id)) for r in session.exec(query).all()]

    def years(self) -> list[int]:
        with self._reading() as session:
            found = session.exec(
                select(ArchivedDocument.year)
                .where(col(ArchivedDocument.year).is_not(None))
                .distinct()
            ).all()
        return sorted((y for y in found if y is not None), reverse=True)

    def verify(self, data: bytes) -> Verification:
        """Whether `data` is, byte for byte, an approved revision (or its signed copy)."""
        digest = sha256_hex(data)
        signed_copies = select(SignedCopy.document_id).where(SignedCopy.sha256 == digest)
        query = select(*ROW_COLUMNS).where(
            col(ArchivedDocument.revision).is_not(None),
            or_(ArchivedDocument.sha256 == digest, col(ArchivedDocument.id).in_(signed_copies)),
        )
        with self._reading() as session:
            found = session.exec(query).first()
            if found is None:
                return Verification(None)
            sent = sent_dates(session)
            row = from_columns(found, sent.get(found.id))
        return Verification(row, signed_copy=row.sha256 != digest)

    def with_footprint(self, footprint_text: str) -> list[ArchivedDocumentRow]:
        """The approved revisions whose footer shows this footprint ("3F2A 91C0 …"):
        how a printed copy is traced back to its record."""
        digits = "".join(footprint_text.split()).lower()
        if len(digits) != FOOTPRINT_DIGITS or any(c not in "0123456789abcdef" for c in digits):
            raise ValidationFailed(
                [
                    FieldProblem(
                        "footprint",
                        _(
                            "L'impronta è di {count} cifre esadecimali (0-9, A-F), come "
                            "«3F2A 91C0 5D7E 0B44»: {value} non lo è."
                        ).format(count=FOOTPRINT_DIGITS, value=footprint_text),
                    )
                ]
            )
        query = select(*ROW_COLUMNS).where(
            col(ArchivedDocument.revision).is_not(None),
            col(ArchivedDocument.content_sha256).startswith(digits),
        )
        with self._reading() as session:
            sent = sent_dates(session)
            return [from_columns(r, sent.get(r.id)) for r in session.exec(query).all()]

    def approved_years(self, kind: DocumentKind) -> dict[int, date]:
        """Year → day of its first approval, for the documents of `kind` with a year."""
        query = (
            select(ArchivedDocument.year, func.min(ArchivedDocument.approved_on))
            .where(
                ArchivedDocument.kind == str(kind),
                col(ArchivedDocument.revision).is_not(None),
                col(ArchivedDocument.year).is_not(None),
            )
            .group_by(ArchivedDocument.year)
        )
        with self._reading() as session:
            return {
                year: approved
                for year, approved in session.exec(query).all()
                if year is not None and approved is not None
            }

    # -- internals -------------------------------------------------------------------

    def _record(
        self,
        session: Session,
        request: DocumentRequest,
        title: str,
        subject: str,
        pdf: bytes,
    ) -> ArchivedDocument:
        previous = session.exec(
            select(ArchivedDocument).where(
                ArchivedDocument.kind == str(request.kind),
                ArchivedDocument.subject == subject,
                col(ArchivedDocument.revision).is_(None),
            )
        ).all()
        for draft in previous:
            if not self._attached(session, draft.id):
                session.delete(draft)
        row = ArchivedDocument(
            kind=str(request.kind),
            subject=subject,
            title=title,
            year=request.year if request.year is not None else _year_of(request),
            params=request.to_json(),
            content_sha256=sha256_hex(pdf),
            sha256=sha256_hex(pdf),
            size=len(pdf),
            pdf=pdf,
        )
        session.add(row)
        session.flush()
        return row

    def _approve(self, session: Session, row: ArchivedDocument, approval: Approval) -> None:
        latest = session.exec(
            select(func.max(ArchivedDocument.revision)).where(
                ArchivedDocument.kind == row.kind, ArchivedDocument.subject == row.subject
            )
        ).one()
        revision = (latest or 0) + 1
        content = row.pdf
        footer = approval_footer(
            approval.day, approval.name, approval.office, revision, sha256_hex(content)
        )
        stamped = self._stamp(content, footer, title=row.title)
        row.revision = revision
        row.approved_on = approval.day
        row.approved_by = approval.name
        row.approver_office = approval.office
        row.content_sha256 = sha256_hex(content)
        row.pdf = stamped
        row.sha256 = sha256_hex(stamped)
        row.size = len(stamped)
        session.add(row)

    @staticmethod
    def _copy_of(session: Session, draft: ArchivedDocument) -> ArchivedDocument:
        copy = ArchivedDocument(
            kind=draft.kind, subject=draft.subject, title=draft.title, year=draft.year,
            params=draft.params, content_sha256=draft.content_sha256, sha256=draft.sha256,
            size=draft.size, pdf=draft.pdf,
        )  # fmt: skip
        session.add(copy)
        session.flush()
        return copy

    @staticmethod
    def _attached(session: Session, document_id: int | None) -> bool:
        return (
            session.exec(
                select(OutboxAttachment).where(OutboxAttachment.document_id == document_id)
            ).first()
            is not None
        )

    @staticmethod
    def _get(session: Session, document_id: int) -> ArchivedDocument:
        row = session.get(ArchivedDocument, document_id)
        if row is None:
            raise DocumentNotFound(
                _("Nell'archivio non c'è il documento numero {id}.").format(id=document_id)
            )
        return row


def _year_of(request: DocumentRequest) -> int | None:
    day = request.end or request.start
    return day.year if day is not None else None
