"""Every document desdesk produces, built from a `DocumentRequest` and kept in the archive.

The GUI's "Crea" cards and the CLI's `desdesk report` both go through here, so a
document built either way has the same title and subject in the archive, and approving
it means the same thing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.i18n import _, format_date

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

_MONEY = (DocumentKind.BUDGET, DocumentKind.PLAN, DocumentKind.INDICATORS)
_ASSEMBLY = (DocumentKind.CONVOCATION, DocumentKind.NOTICE, DocumentKind.MINUTES)
_YEARLY = (*_MONEY, DocumentKind.ANNUAL)


class DocumentCatalog:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def build(self, request: DocumentRequest) -> bytes:
        """The PDF of `request`, from the data of the moment."""
        ws, kind = self._ws, request.kind
        if kind in _MONEY:
            return ws.money_documents.pdf(str(kind), self._year(request))
        if kind is DocumentKind.ANNUAL:
            return ws.annual_report.pdf(self._year(request))
        if kind is DocumentKind.AGREEMENT:
            return ws.agreement.pdf()
        if kind is DocumentKind.CHECK:
            return ws.check.pdf()
        if kind is DocumentKind.ATTENDANCE:
            return ws.documents.attendance_pdf(request.start, request.end)
        if kind in _ASSEMBLY:
            return self._assembly_pdf(request)
        return ws.documents.pdf(str(kind))

    def describe(self, request: DocumentRequest) -> tuple[str, str]:
        """(title, subject): what the archive shows, and what tells documents of one
        kind apart (revisions are counted per kind and subject)."""
        label = request.kind.label
        if request.kind in _YEARLY:
            year = self._year(request)
            return f"{label} {year}", str(year)
        if request.kind in _ASSEMBLY and request.assembly_id is not None:
            day = self._ws.assemblies.get(request.assembly_id).data.first_call_date
            return f"{label} — {format_date(day)}", f"assembly:{request.assembly_id}"
        if request.kind is DocumentKind.ATTENDANCE:
            # The subject is language-neutral: revisions are counted per subject.
            start, end = request.start, request.end
            subject = f"attendance:{start or ''}..{end or ''}"
            period = _period_text(start, end)
            return f"{label} {period}".strip(), subject
        return label, ""

    def generate(self, request: DocumentRequest) -> ArchivedDocumentRow:
        """Build the PDF and keep it in the archive as the document's latest draft."""
        pdf = self.build(request)
        title, subject = self.describe(request)
        return self._ws.archive.record(request, title, subject, pdf)

    def generate_approved(
        self, request: DocumentRequest, approval: Approval
    ) -> ArchivedDocumentRow:
        """Build the PDF and store it at once as the next approved revision."""
        pdf = self.build(request)
        title, subject = self.describe(request)
        return self._ws.archive.record_approved(request, title, subject, pdf, approval)

    def regenerate(self, document_id: int) -> ArchivedDocumentRow:
        """A new draft of an archived document, from today's data (the old stays)."""
        return self.generate(self._ws.archive.get(document_id).request)

    @staticmethod
    def _year(request: DocumentRequest) -> int:
        return request.year if request.year is not None else date.today().year

    def _assembly_pdf(self, request: DocumentRequest) -> bytes:
        documents, assembly = self._ws.documents, request.assembly_id
        if assembly is None:
            raise ValueError(f"{request.kind} needs an assembly")
        if request.kind is DocumentKind.CONVOCATION:
            return documents.convocation_letters_pdf(assembly)
        if request.kind is DocumentKind.NOTICE:
            return documents.convocation_notice_pdf(assembly)
        return documents.minutes_pdf(assembly, request.minutes_revision)


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return _("dal {start} al {end}").format(start=format_date(start), end=format_date(end))
    if start:
        return _("dal {start}").format(start=format_date(start))
    if end:
        return _("fino al {end}").format(end=format_date(end))
    return ""
