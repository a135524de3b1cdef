"""Printing from the preview as a long job: the dialog appears, Annulla between pages
aborts the print run and nothing is printed; left alone, every page is printed."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desdesk.services.workspace import Workspace
from desdesk.ui import printing
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from tests.gui.job_dialogs import WAIT_S, cancel_then_release, when_dialog_shows


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


@pytest.fixture
def preview(qtbot: QtBot, populated: Workspace) -> PdfPreviewDialog:
    """The register followed by the contacts: two pages at least."""
    writer = PdfWriter()
    for data in (populated.documents.register_pdf(), populated.documents.contacts_pdf()):
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    dialog = PdfPreviewDialog(out.getvalue(), "Prova", populated)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def hold_first_page(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The first page's rendering waits for the event."""
    release = threading.Event()
    real = printing._render

    def render(*args: object) -> object:
        assert release.wait(WAIT_S)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(printing, "_render", render)
    return release


def test_annulla_between_pages_prints_nothing(
    preview: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert preview.view.page_count() >= 2
    release = hold_first_page(monkeypatch)
    when_dialog_shows(cancel_then_release(release))
    target = tmp_path / "stampa.pdf"
    assert preview.print_to(pdf_printer(target)) == 0
    assert not target.exists()  # no half-printed file left


def test_a_print_left_alone_prints_every_page(
    preview: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    release = hold_first_page(monkeypatch)
    when_dialog_shows(lambda _dialog: release.set())
    target = tmp_path / "stampa.pdf"
    printed = preview.print_to(pdf_printer(target))
    assert printed == preview.view.page_count()
    assert len(PdfReader(target).pages) == printed
