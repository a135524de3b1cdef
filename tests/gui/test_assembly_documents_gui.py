"""Assembly PDFs from the GUI: the Assemblee menu and the Documenti attendance card."""

from __future__ import annotations

from pathlib import Path

import pytest

from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.sections.assemblies import AssembliesSection
from desdesk.ui.sections.documents import DocumentsSection
from tests.assembly_district import HELD, populate_assemblies
from tests.pdfs import flat, read_pdf


@pytest.fixture(autouse=True)
def no_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved PDFs would be opened in the desktop's viewer: not in tests."""
    monkeypatch.setattr("desdesk.ui.widgets.pdf.QDesktopServices.openUrl", lambda _url: True)


def test_minutes_pdf_of_the_selected_assembly(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    district = populate_assemblies(workspace)
    section = AssembliesSection(workspace, today=HELD)
    qtbot.addWidget(section)
    section.show_assembly(district.held)
    assert section.buttons["pdf"].isEnabled()
    actions = [a.text() for a in section.buttons["pdf"].menu().actions()]
    assert actions == [
        "Lettere di convocazione…",
        "Avviso di convocazione da stampare…",
        "Verbale con foglio presenze…",
    ]
    target = tmp_path / "verbale.pdf"
    saved = section.assembly_pdf(DocumentKind.MINUTES, target)
    assert saved == target
    text = flat(read_pdf(target.read_bytes()).text)
    assert "Verbale" in text and "foglio presenze" in text.lower()
    (kept,) = workspace.archive.rows(DocumentKind.MINUTES)
    assert kept.subject == f"assembly:{district.held}" and not kept.approved
    assert workspace.archive.pdf(kept.id) == target.read_bytes()


def test_the_menu_opens_the_preview_where_the_minutes_can_be_approved(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = populate_assemblies(workspace)
    section = AssembliesSection(workspace, today=HELD)
    qtbot.addWidget(section)
    section.show_assembly(district.held)
    shown: list[PdfPreviewDialog] = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda dialog: shown.append(dialog) or 0)

    section.buttons["pdf"].menu().actions()[0].trigger()

    (preview,) = shown
    assert preview.document is not None and preview.document.kind is DocumentKind.CONVOCATION
    assert "Convocazione" in preview.windowTitle() or "Convocazione" in preview.document.title
    assert [r.kind for r in workspace.archive.rows()] == [DocumentKind.CONVOCATION]


def test_attendance_register_for_a_period(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    populate_assemblies(workspace)
    section = DocumentsSection(workspace)
    qtbot.addWidget(section)
    section.period_from.setText("31/02/2026")
    section.create_attendance_pdf(tmp_path / "presenze.pdf")
    assert "non esiste" in section.period.error_text("start")
    assert not (tmp_path / "presenze.pdf").exists()
    section.period_from.setText("01/01/2026")
    section.period_to.setText("31/12/2026")
    section.create_attendance_pdf(tmp_path / "presenze.pdf")
    assert "Registro presenze" in flat(read_pdf((tmp_path / "presenze.pdf").read_bytes()).text)
