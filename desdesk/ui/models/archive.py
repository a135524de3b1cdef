"""The Archivio list: every document kept in the district file, drafts and approved
revisions, without their bytes (ArchiveService.rows() never reads them, so a long
archive lists quickly); and the proxy that filters it by kind and year."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.documents import DocumentKind
from desdesk.domain.text import strip_accents
from desdesk.i18n import N_, _, format_date, format_number
from desdesk.ui.models.precomputed import PrecomputedFilterProxy
from desdesk.ui.models.rows import RowsTableModel, TextColumn

NONE = "—"

# The file name a document is saved under (before year, revision, "firmato").
FILE_STEMS: dict[DocumentKind, str] = {
    DocumentKind.REGISTER: "libro-aderenti",
    DocumentKind.CONTACTS: "contatti-referenti",
    DocumentKind.CONVOCATION: "convocazione",
    DocumentKind.NOTICE: "avviso-convocazione",
    DocumentKind.MINUTES: "verbale",
    DocumentKind.ATTENDANCE: "registro-presenze",
    DocumentKind.BUDGET: "rendiconto",
    DocumentKind.PLAN: "piano-finanziario",
    DocumentKind.INDICATORS: "indicatori",
    DocumentKind.CHECK: "verifica-distretto",
    DocumentKind.ANNUAL: "rendicontazione-annuale",
    DocumentKind.AGREEMENT: "accordo-costituzione",
}


def status_text(row: ArchivedDocumentRow) -> str:
    return _("Approvato") if row.approved else _("Bozza")


def approver_text(row: ArchivedDocumentRow) -> str:
    if not row.approved_by:
        return ""
    if row.approver_office:
        return f"{row.approved_by} ({row.approver_office})"
    return row.approved_by


def state_text(row: ArchivedDocumentRow) -> str:
    """One line for the preview: "Bozza", or the approval with its revision, and the
    signature when there is one."""
    if not row.approved:
        text = _("Bozza: non ancora approvato")
    else:
        text = _("Approvato — revisione {revision}, il {day}, da {who}").format(
            revision=row.revision, day=format_date(row.approved_on), who=approver_text(row)
        )
    if row.signed:
        text += " — " + _("Firmato digitalmente da {signers}").format(signers=row.signers or NONE)
    return text


def size_text(size: int) -> str:
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def _local_day(value: datetime | None) -> str:
    return format_date(value.astimezone()) if value is not None else NONE


def slug(text: str) -> str:
    """A file-name-safe form of a title: lower case, no accents, words joined by '-'."""
    plain = strip_accents(text).lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words) or "documento"


def file_name(row: ArchivedDocumentRow, signed: bool = False) -> str:
    """e.g. `rendiconto-2025-rev2-firmato.pdf`, `verbale-2026-03-14.pdf`."""
    parts = [FILE_STEMS.get(row.kind, slug(row.kind.label))]
    if row.kind in (DocumentKind.CONVOCATION, DocumentKind.NOTICE, DocumentKind.MINUTES):
        parts.append(slug(row.title.removeprefix(row.kind.label)))
    elif row.year is not None:
        parts.append(str(row.year))
    if row.revision is not None:
        parts.append(f"rev{row.revision}")
    if signed:
        parts.append("firmato")
    return "-".join(p for p in parts if p and p != "documento") + ".pdf"


def _date_key(value: Any) -> Any:
    return (value is not None, value.isoformat() if value is not None else "")


ARCHIVE_COLUMNS: tuple[TextColumn[ArchivedDocumentRow], ...] = (
    TextColumn(N_("Documento"), lambda r: r.title),
    TextColumn(N_("Tipo"), lambda r: r.kind.label),
    TextColumn(N_("Anno"), lambda r: str(r.year) if r.year is not None else "",
               lambda r: r.year if r.year is not None else -1),
    TextColumn(N_("Stato"), status_text),
    TextColumn(N_("Revisione"), lambda r: str(r.revision) if r.revision else NONE,
               lambda r: r.revision or 0),
    TextColumn(N_("Approvato il"), lambda r: format_date(r.approved_on),
               lambda r: _date_key(r.approved_on)),
    TextColumn(N_("Approvato da"), approver_text),
    TextColumn(N_("Firmato"), lambda r: r.signers if r.signed and r.signers else NONE),
    TextColumn(N_("Inviato il"), lambda r: _local_day(r.sent_at),
               lambda r: _date_key(r.sent_at)),
    TextColumn(N_("Dimensione"), lambda r: size_text(r.size), lambda r: r.size),
)  # fmt: skip
TITLE = 0


class ArchiveModel(RowsTableModel[ArchivedDocumentRow]):
    """Rows in the archive's order (newest first) until a header is clicked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ARCHIVE_COLUMNS, parent=parent)

    def source_row_of(self, document_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows()) if r.id == document_id), None)


class ArchiveProxy(PrecomputedFilterProxy):
    """Rows of one kind (None: every kind) and of one year (None: every year)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind: DocumentKind | None = None
        self._year: int | None = None

    def set_kind(self, kind: DocumentKind | None) -> None:
        self._kind = kind
        self.refilter()

    def set_year(self, year: int | None) -> None:
        self._year = year
        self.refilter()

    def mask(self, source: Any) -> list[bool]:
        if not isinstance(source, RowsTableModel):
            return []
        kind, year = self._kind, self._year
        return [
            (kind is None or r.kind == kind) and (year is None or r.year == year)
            for r in source.rows()
        ]
