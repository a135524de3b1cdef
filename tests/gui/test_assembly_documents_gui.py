"""Assembly PDFs from the GUI: the Assemblee menu and the Documenti attendance card."""

from __future__ import annotations

from pathlib import Path

import pytest

from desdesk.services.workspace import Workspace
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
    saved = section.assembly_pdf("Verbale", "verbale.pdf", workspace.documents.minutes_pdf, target)
    assert saved == target
    text = flat(read_pdf(target.read_bytes()).text)
    assert "Verbale" in text and "foglio presenze" in text.lower()


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
