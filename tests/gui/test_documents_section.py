"""Documenti: the Crea cards keep every document they create in the archive and show it
in the preview; the Archivio tab follows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton

from desdesk.document_schemas import Approval, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.sections.documents import ARCHIVE_TAB, OUTBOX_TAB, DocumentsSection
from tests.pdfs import flat, read_pdf


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[PdfPreviewDialog]:
    shown: list[PdfPreviewDialog] = []

    def collect(self: PdfPreviewDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", collect)
    return shown


def _section(qtbot, workspace: Workspace) -> DocumentsSection:
    section = DocumentsSection(workspace)
    qtbot.addWidget(section)
    return section


def _click(qtbot, section: DocumentsSection, name: str) -> None:
    button = section.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_two_tabs_and_every_card(qtbot, populated: Workspace) -> None:
    section = _section(qtbot, populated)
    tabs = section.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Crea",
        "Archivio",
        "Posta in uscita",
    ]
    titles = [box.title() for box in section.findChildren(QGroupBox)]
    assert titles == [
        "Libro degli aderenti",
        "Contatti dei referenti",
        "Registro presenze",
        "Bilancio e monitoraggio",
        "Rendicontazione annuale",
        "Accordo volontario di costituzione",
        "Verifica del distretto",
    ]
    texts = " ".join(label.text() for label in section.findChildren(QLabel))
    assert "prossime versioni" not in texts
    assert section.annual_year.value() == date.today().year - 1


def test_crea_pdf_keeps_a_draft_and_shows_it(
    qtbot, populated: Workspace, previews: list[PdfPreviewDialog]
) -> None:
    section = _section(qtbot, populated)
    assert section.archive.model.rowCount() == 0
    with qtbot.waitSignal(section.changed):
        _click(qtbot, section, "registerButton")
    rows = populated.archive.rows()
    assert [(r.kind, r.approved) for r in rows] == [(DocumentKind.REGISTER, False)]
    assert [r.id for r in section.archive.shown_rows()] == [rows[0].id]
    assert section.archive.current() == rows[0]  # selected, ready in the Archivio tab
    preview = previews[-1]
    assert preview.document == rows[0]
    assert preview.pdf() == populated.archive.pdf(rows[0].id)
    assert "Libro degli aderenti" in preview.view.page_text(0)
    assert not preview.buttons["approve"].isHidden()
    _click(qtbot, section, "registerButton")  # the new draft replaces the old one
    assert len(populated.archive.rows()) == 1
    assert section.archive.model.rowCount() == 1


def test_approving_in_the_preview_updates_the_archive_tab(
    qtbot, populated: Workspace, previews: list[PdfPreviewDialog]
) -> None:
    section = _section(qtbot, populated)
    _click(qtbot, section, "contactsButton")
    row = previews[-1].document
    assert row is not None
    approved = populated.archive.approve(row.id, Approval("Giulia Bertolini", "", date.today()))
    previews[-1].take_approved(approved)  # what the preview does after its dialog
    assert section.archive.current() == approved
    assert section.archive.model.index(0, 3).data() == "Approvato"


def test_money_pdf_written_to_a_target_is_kept_too(
    qtbot, populated: Workspace, tmp_path: Path
) -> None:
    section = _section(qtbot, populated)
    section.money_year.setValue(2025)
    target = tmp_path / "piano.pdf"
    section.create_money_pdf("plan", target)
    rows = populated.archive.rows()
    assert [(r.kind, r.year) for r in rows] == [(DocumentKind.PLAN, 2025)]
    assert target.read_bytes() == populated.archive.pdf(rows[0].id)
    assert "Piano finanziario" in flat(read_pdf(target.read_bytes()).text)


@pytest.mark.district_file  # a server district has no file to protect
def test_the_district_file_is_refused_before_anything_is_kept(
    qtbot, populated: Workspace, shown_messages: list[str]
) -> None:
    section = _section(qtbot, populated)
    section.create_money_pdf("budget", populated.path)
    assert shown_messages and "file del distretto" in shown_messages[0]
    assert populated.archive.rows() == []


def test_annual_report_of_the_chosen_year(
    qtbot, populated: Workspace, previews: list[PdfPreviewDialog]
) -> None:
    section = _section(qtbot, populated)
    section.annual_year.setValue(2025)
    _click(qtbot, section, "annualButton")
    rows = populated.archive.rows()
    assert [(r.kind, r.year, r.title) for r in rows] == [
        (DocumentKind.ANNUAL, 2025, "Rendicontazione annuale 2025")
    ]
    assert "2025" in flat(read_pdf(previews[-1].pdf()).text)


def test_agreement_card_creates_and_edits(
    qtbot, populated: Workspace, previews: list[PdfPreviewDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.ui.dialogs.agreement_template import AgreementTemplateDialog

    section = _section(qtbot, populated)
    _click(qtbot, section, "agreementButton")
    rows = populated.archive.rows()
    assert [r.kind for r in rows] == [DocumentKind.AGREEMENT]
    text = flat(read_pdf(previews[-1].pdf()).text)
    assert "Cooperativa Sociale La Rete" in text
    opened: list[AgreementTemplateDialog] = []

    def run(self: AgreementTemplateDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(AgreementTemplateDialog, "exec", run)
    _click(qtbot, section, "agreementTemplateButton")
    assert len(opened) == 1


def test_focus_record_opens_the_archive_on_the_document(
    qtbot, populated: Workspace, tmp_path: Path
) -> None:
    section = _section(qtbot, populated)
    section.create_money_pdf("budget", tmp_path / "rendiconto.pdf")
    document = populated.archive.rows()[0]
    section.archive.table.clearSelection()
    assert section.focus_record("document", document.id)
    assert section.tabs.currentIndex() == ARCHIVE_TAB
    assert section.archive.current() == document
    assert not section.focus_record("member", 1)


def test_the_outbox_tab_is_built_when_shown_and_lists_the_messages(
    qtbot, populated: Workspace
) -> None:
    row = populated.catalog.generate_approved(
        DocumentRequest(DocumentKind.REGISTER), Approval("Anna Bianchi", "", date(2026, 11, 26))
    )
    populated.outbox.compose(
        "centro@example.org", "DES — Libro degli aderenti", "In allegato.", [(row.id, False)]
    )
    section = _section(qtbot, populated)
    assert section.outbox is None

    section.tabs.setCurrentIndex(OUTBOX_TAB)

    outbox = section.outbox
    assert outbox is not None and section.tabs.currentWidget() is outbox
    assert outbox.model.rowCount() == 1
    assert section.tabs.tabText(OUTBOX_TAB) == "Posta in uscita"
