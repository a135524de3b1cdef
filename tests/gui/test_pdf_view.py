"""The in-app PDF view shows a document and keeps it when given something unreadable."""

from __future__ import annotations

from desdesk.services.workspace import Workspace
from desdesk.ui.widgets.pdf_view import PdfView


def test_shows_every_page_and_keeps_the_document_on_bad_bytes(qtbot, workspace: Workspace):
    view = PdfView()
    qtbot.addWidget(view)
    data = workspace.documents.register_pdf()
    assert view.set_pdf(data)
    assert view.page_count() >= 1
    assert "Libro degli aderenti" in view.page_text(0)
    assert not view.set_pdf(b"not a pdf")
    assert view.pdf() == data
    assert "Libro degli aderenti" in view.page_text(0)
