"""Documenti: the budget, plan and indicators PDFs of the year chosen in the card."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.services.money_documents import KINDS
from desdesk.services.workspace import Workspace
from desdesk.ui.sections.documents import MONEY_FILE_NAMES, DocumentsSection
from tests.pdfs import flat, read_pdf


def _leaf(workspace: Workspace, code: str) -> int:
    return next(c.id for c in workspace.budget.categories() if c.code == code)


def test_the_card_offers_every_money_document(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = DocumentsSection(workspace)
    qtbot.addWidget(section)
    assert set(MONEY_FILE_NAMES) == set(KINDS)
    titles = {kind: workspace.money_documents.title(kind) for kind in KINDS}
    for kind in KINDS:
        button = section.findChild(QPushButton, f"{kind}Button")
        assert button is not None
        assert button.text() == titles[kind] + "…"


def test_budget_pdf_of_the_chosen_year(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace.budget.open_year(FinancialYearInput(2025))
    workspace.budget.add_movement(
        MovementInput(date(2025, 3, 1), Decimal("1234.56"), _leaf(workspace, "EA8"))
    )
    section = DocumentsSection(workspace)
    qtbot.addWidget(section)
    section.money_year.setValue(2025)
    target = tmp_path / "rendiconto.pdf"
    section.create_money_pdf("budget", target)
    text = flat(read_pdf(target.read_bytes()).text)
    assert "Rendiconto per cassa" in text
    assert "2025" in text
    assert "1.234,56" in text
