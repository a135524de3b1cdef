"""Documents are laid out as long jobs: the progress dialog appears, the window keeps
processing events, Annulla keeps nothing in the archive, errors reach the user."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desdesk.document_schemas import DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.domain.errors import DesdeskError
from desdesk.services.document_catalog import DocumentCatalog
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.pdf_preview import PdfPreviewDialog
from desdesk.ui.long_job import JobDialog
from desdesk.ui.sections.documents import DocumentsSection
from tests.gui.job_dialogs import WAIT_S, when_dialog_shows
from tests.pdfs import flat, read_pdf


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Layout waits until the event is set, then runs for real (with its progress)."""
    release = threading.Event()
    real_build = DocumentCatalog.build

    def build(self: DocumentCatalog, request: DocumentRequest) -> bytes:
        assert release.wait(WAIT_S)
        return real_build(self, request)

    monkeypatch.setattr(DocumentCatalog, "build", build)
    return release


@pytest.fixture
def section(qtbot: QtBot, populated: Workspace) -> DocumentsSection:
    widget = DocumentsSection(populated)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_annulla_keeps_no_draft_in_the_archive(
    section: DocumentsSection, populated: Workspace, held: threading.Event
) -> None:
    ticks: list[float] = []
    timer = QTimer(section)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    titles: list[str] = []

    def cancel(dialog: JobDialog) -> None:
        titles.append(dialog.windowTitle())
        dialog.cancel_button.click()
        held.set()

    when_dialog_shows(cancel)
    assert section.create_pdf(DocumentRequest(DocumentKind.REGISTER)) is None
    timer.stop()
    assert titles == ["Libro degli aderenti"]
    assert len(ticks) >= 10  # the window went on with its events meanwhile
    assert populated.archive.rows() == []
    assert section.preview_dialog is None


def test_a_document_left_to_finish_is_kept_and_written(
    section: DocumentsSection, populated: Workspace, held: threading.Event, tmp_path: Path
) -> None:
    when_dialog_shows(lambda _dialog: held.set())
    target = tmp_path / "registro.pdf"
    row = section.create_pdf(DocumentRequest(DocumentKind.REGISTER), target)
    assert row is not None
    assert [kept.id for kept in populated.archive.rows()] == [row.id]
    assert "Cooperativa Sociale La Rete" in flat(read_pdf(target.read_bytes()).text)


def test_a_failed_layout_is_told_in_italian(
    section: DocumentsSection,
    populated: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[str],
) -> None:
    def broken(_self: DocumentCatalog, _request: DocumentRequest) -> bytes:
        raise DesdeskError("Manca il carattere LiberationSans: reinstalla desdesk.")

    monkeypatch.setattr(DocumentCatalog, "build", broken)
    previews: list[PdfPreviewDialog] = []

    def collect(dialog: PdfPreviewDialog) -> int:
        previews.append(dialog)
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", collect)
    assert section.create_pdf(DocumentRequest(DocumentKind.CONTACTS)) is None
    assert shown_messages == ["Manca il carattere LiberationSans: reinstalla desdesk."]
    assert populated.archive.rows() == [] and previews == []
