"""Documenti › «Verifica del distretto»: the card's Crea PDF… keeps the checklist with
its verdict in the archive and shows it in the preview, whose Salva come… asks where and
writes it; the PDF follows the data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QPushButton

from desdesk.domain.documents import DocumentKind
from desdesk.schemas import FoundingDocumentInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.sections.documents import DocumentsSection
from tests.pdfs import flat, read_pdf


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[PdfPreviewDialog]:
    """The preview does not block: it is collected instead."""
    shown: list[PdfPreviewDialog] = []

    def collect(self: PdfPreviewDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", collect)
    return shown


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path, asked: list[str]) -> None:
    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))


def _click(qtbot, section: DocumentsSection) -> None:
    button = section.findChild(QPushButton, "checkButton")
    assert button is not None and button.text() == "Crea PDF…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_card_is_there(qtbot, populated: Workspace) -> None:
    section = DocumentsSection(populated)
    qtbot.addWidget(section)
    titles = [box.title() for box in section.findChildren(QGroupBox)]
    assert "Verifica del distretto" in titles


def test_crea_pdf_keeps_the_checklist_and_shows_it(
    qtbot, populated: Workspace, tmp_path: Path, monkeypatch, previews: list[PdfPreviewDialog]
) -> None:
    target = tmp_path / "verifica.pdf"
    asked: list[str] = []
    _choose(monkeypatch, target, asked)
    section = DocumentsSection(populated)
    qtbot.addWidget(section)
    _click(qtbot, section)
    assert [r.kind for r in populated.archive.rows()] == [DocumentKind.CHECK]
    assert previews[-1].save_as() == target
    assert Path(asked[0]).name == "verifica-distretto.pdf"
    assert target.read_bytes() == previews[-1].pdf()
    text = flat(read_pdf(target.read_bytes()).text)
    assert "Verifica del distretto" in text and "DES Vallagarina" in text
    assert "4 aderenti attivi: ne servono almeno 3." in text
    assert "Non ancora pronto per la costituzione" in text
    assert "C12" in text and "Nessun accordo di partenariato registrato" in text


def test_the_pdf_follows_the_data(
    qtbot, populated: Workspace, previews: list[PdfPreviewDialog]
) -> None:
    section = DocumentsSection(populated)
    qtbot.addWidget(section)
    populated.district.add_document(
        FoundingDocumentInput(
            "accordo",
            "Accordo di partenariato",
            date.today(),
            approved=True,
            valid_until=date(date.today().year + 4, 1, 1),
        )
    )
    _click(qtbot, section)
    text = flat(read_pdf(previews[-1].pdf()).text)
    assert "Nessun accordo di partenariato registrato" not in text
    assert "Accordo di partenariato" in text


def test_cancelling_the_dialog_writes_nothing(
    qtbot, populated: Workspace, tmp_path: Path, monkeypatch, previews: list[PdfPreviewDialog]
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: ("", "")))
    section = DocumentsSection(populated)
    qtbot.addWidget(section)
    _click(qtbot, section)
    assert previews[-1].save_as() is None
    assert list(tmp_path.glob("*.pdf")) == []
