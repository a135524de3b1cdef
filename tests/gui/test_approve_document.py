"""Approva documento: who is proposed, what is refused, what approving keeps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desdesk import settings
from desdesk.document_schemas import ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.schemas import OfficeInput
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.approve_document import ApproveDocumentDialog
from tests.pdfs import flat, read_pdf


@pytest.fixture
def draft(populated: Workspace) -> ArchivedDocumentRow:
    return populated.catalog.generate(DocumentRequest(DocumentKind.REGISTER))


def _coordinator(workspace: Workspace, name: str = "Giulia Bertolini") -> None:
    workspace.offices.assign(OfficeInput("coordinatore", name, date(2025, 1, 15)))


def _approve(qtbot, dialog: ApproveDocumentDialog) -> None:
    button = dialog.findChild(QPushButton, "approve")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_current_coordinator_is_proposed(qtbot, populated: Workspace, draft) -> None:
    _coordinator(populated)
    dialog = ApproveDocumentDialog(populated, draft.id, secretary_name="Paola Secchi")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Giulia Bertolini"
    assert dialog.office.text() == "Coordinatore"
    assert dialog.day.date_value() == date.today()
    assert "non cambierà più" in dialog.explanation.text()
    assert "nuova revisione" in dialog.explanation.text()


def test_without_a_coordinator_the_secretary_from_the_preferences(
    qtbot, populated: Workspace, draft
) -> None:
    prefs = settings.Preferences(secretary_name="Paola Secchi")
    settings.save(prefs)
    dialog = ApproveDocumentDialog(populated, draft.id)
    qtbot.addWidget(dialog)
    assert (dialog.name.text(), dialog.office.text()) == ("Paola Secchi", "")
    populated.offices.assign(OfficeInput("segretario", "Paola Secchi", date(2025, 1, 15)))
    again = ApproveDocumentDialog(populated, draft.id)
    qtbot.addWidget(again)
    assert (again.name.text(), again.office.text()) == ("Paola Secchi", "Segretario")


def test_a_name_is_required_and_said_under_the_field(qtbot, populated: Workspace, draft) -> None:
    dialog = ApproveDocumentDialog(populated, draft.id, secretary_name="")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == ""
    _approve(qtbot, dialog)
    assert "nome di chi approva" in dialog.form.error_text("approver")
    assert dialog.approved_row is None
    assert not populated.archive.get(draft.id).approved
    dialog.day.setText("31/02/2026")
    dialog.name.setText("Giulia Bertolini")
    _approve(qtbot, dialog)
    assert "non esiste" in dialog.form.error_text("day")
    assert dialog.approved_row is None
    dialog.day.set_date(date.today() + timedelta(days=1))
    _approve(qtbot, dialog)
    assert "nel futuro" in dialog.form.error_text("day")
    assert dialog.approved_row is None


def test_approving_stamps_every_page_and_keeps_the_revision(
    qtbot, populated: Workspace, draft
) -> None:
    dialog = ApproveDocumentDialog(populated, draft.id, secretary_name="")
    qtbot.addWidget(dialog)
    dialog.name.setText("  Giulia Bertolini ")
    dialog.office.setText("Coordinatore")
    dialog.day.setText("20/11/2026")
    _approve(qtbot, dialog)
    row = dialog.approved_row
    assert row is not None and row.id == draft.id
    assert (row.revision, row.approved_on, row.approved_by) == (
        1,
        date(2026, 11, 20),
        "Giulia Bertolini",
    )
    assert dialog.result() == ApproveDocumentDialog.DialogCode.Accepted
    pages = read_pdf(populated.archive.pdf(row.id)).pages
    assert pages and all(
        "Documento approvato il 20/11/2026 da Giulia Bertolini (Coordinatore) — revisione 1"
        in flat(page)
        for page in pages
    )


def test_an_approved_document_is_not_approved_twice(
    qtbot, populated: Workspace, draft, shown_messages: list[str]
) -> None:
    first = ApproveDocumentDialog(populated, draft.id, secretary_name="Giulia Bertolini")
    qtbot.addWidget(first)
    _approve(qtbot, first)
    second = ApproveDocumentDialog(populated, draft.id, secretary_name="Giulia Bertolini")
    qtbot.addWidget(second)
    _approve(qtbot, second)
    assert second.approved_row is None
    assert any("già approvato" in text for text in shown_messages)
