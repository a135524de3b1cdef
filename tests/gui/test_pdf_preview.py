"""The preview dialog: the document's pages and state, Salva come, Stampa (to a PDF
file), the system viewer, zoom, and approving a draft from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desdesk.document_schemas import ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_document import ApproveDocumentDialog
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from tests.pdfs import read_pdf


@pytest.fixture
def draft(populated: Workspace) -> ArchivedDocumentRow:
    return populated.catalog.generate(DocumentRequest(DocumentKind.CONTACTS))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr("desdesk.ui.widgets.pdf.QDesktopServices.openUrl", open_url)
    return urls


def _preview(qtbot, workspace: Workspace, row: ArchivedDocumentRow) -> PdfPreviewDialog:
    data = workspace.archive.pdf(row.id)
    dialog = PdfPreviewDialog(data, row.title, workspace, document=row)
    qtbot.addWidget(dialog)
    return dialog


def test_pages_and_state_of_a_draft(qtbot, populated: Workspace, draft) -> None:
    dialog = _preview(qtbot, populated, draft)
    pages = len(read_pdf(populated.archive.pdf(draft.id)).pages)
    assert dialog.view.page_count() == pages
    assert dialog.pages.text() == (f"{pages} pagine" if pages > 1 else "1 pagina")
    assert "Contatti dei referenti" in dialog.view.page_text(0)
    assert dialog.state.text() == "Bozza: non ancora approvato"
    assert not dialog.buttons["approve"].isHidden()
    assert dialog.windowTitle() == "Anteprima — Contatti dei referenti"
    assert dialog.width() <= 900 and dialog.height() <= 1000


def test_without_an_archived_document_there_is_nothing_to_approve(
    qtbot, populated: Workspace
) -> None:
    data = populated.documents.register_pdf()
    dialog = PdfPreviewDialog(data, "Libro degli aderenti", populated)
    qtbot.addWidget(dialog)
    assert dialog.buttons["approve"].isHidden()
    assert dialog.state.isHidden()
    assert dialog.default_file_name() == "libro-degli-aderenti.pdf"


def test_save_as_writes_the_very_bytes_shown(
    qtbot, populated: Workspace, draft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _preview(qtbot, populated, draft)
    target = tmp_path / "copia.pdf"
    assert dialog.save_as(target) == target
    assert target.read_bytes() == populated.archive.pdf(draft.id)
    asked: list[str] = []

    def choose(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "scelto"), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    assert dialog.save_as() == tmp_path / "scelto.pdf"
    assert Path(asked[0]).name == "contatti-referenti.pdf"
    assert (tmp_path / "scelto.pdf").read_bytes() == target.read_bytes()


@pytest.mark.district_file  # a server district has no file to protect
def test_save_as_never_over_the_district_file(
    qtbot, populated: Workspace, draft, shown_messages: list[str]
) -> None:
    dialog = _preview(qtbot, populated, draft)
    before = populated.path.read_bytes()
    assert dialog.save_as(populated.path) is None
    assert shown_messages and "file del distretto" in shown_messages[0]
    assert populated.path.read_bytes() == before


def test_print_to_a_pdf_file(qtbot, populated: Workspace, draft, tmp_path: Path) -> None:
    dialog = _preview(qtbot, populated, draft)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "stampa.pdf"))
    printed = dialog.print_to(printer)
    assert printed == dialog.view.page_count()
    assert len(PdfReader(tmp_path / "stampa.pdf").pages) == printed


def test_the_system_viewer_gets_a_copy_in_the_cache(
    qtbot, populated: Workspace, draft, opened: list[QUrl], desdesk_home: Path
) -> None:
    dialog = _preview(qtbot, populated, draft)
    copy = dialog.open_externally()
    assert copy is not None and copy.is_relative_to(desdesk_home / "cache")
    assert copy.name.startswith("contatti-referenti-") and copy.suffix == ".pdf"
    assert copy.read_bytes() == dialog.pdf()
    assert [url.toLocalFile() for url in opened] == [str(copy)]
    again = dialog.open_externally()
    assert again is not None and again != copy  # a viewer may hold the first one open


def test_zoom_in_out_and_fit_width(qtbot, populated: Workspace, draft) -> None:
    dialog = _preview(qtbot, populated, draft)
    dialog.show()
    qtbot.waitExposed(dialog)
    fitted = dialog.zoom_factor()
    assert fitted > 0
    dialog.buttons["zoomIn"].click()
    assert dialog.zoom_factor() == pytest.approx(fitted * 1.25)
    dialog.buttons["zoomOut"].click()
    dialog.buttons["zoomOut"].click()
    assert dialog.zoom_factor() == pytest.approx(fitted / 1.25)
    dialog.buttons["fitWidth"].click()
    assert dialog.zoom_factor() == pytest.approx(fitted)


def test_approving_from_the_preview_shows_the_approved_copy(
    qtbot, populated: Workspace, draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    def approve_as_giulia(self: ApproveDocumentDialog) -> int:
        self.name.setText("Giulia Bertolini")
        self.office.setText("Coordinatore")
        self.save()
        return int(self.result())

    monkeypatch.setattr(ApproveDocumentDialog, "exec", approve_as_giulia)
    dialog = _preview(qtbot, populated, draft)
    draft_bytes = dialog.pdf()
    with qtbot.waitSignal(dialog.approved) as signal:
        dialog.buttons["approve"].click()
    approved = signal.args[0]
    assert approved.revision == 1
    assert dialog.pdf() == populated.archive.pdf(draft.id) != draft_bytes
    assert "Documento approvato il" in dialog.view.page_text(0)
    assert dialog.state.text().startswith("Approvato — revisione 1, il ")
    assert "Giulia Bertolini (Coordinatore)" in dialog.state.text()
    assert dialog.buttons["approve"].isHidden()
    assert dialog.default_file_name() == "contatti-referenti-rev1.pdf"
