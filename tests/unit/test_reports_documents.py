"""DocumentsService: the workspace's documents, and saving a PDF atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desdesk.services.documents import KINDS, DocumentsService, DocumentWriteError
from desdesk.services.workspace import Workspace
from tests.pdfs import flat, read_pdf
from tests.report_district import ACCENTED, populate


def test_the_workspace_builds_both_documents(workspace: Workspace) -> None:
    populate(workspace)

    for kind in KINDS:
        text = flat(read_pdf(workspace.documents.pdf(kind)).text)
        assert DocumentsService.title(kind) in text
        assert ACCENTED in text


def test_an_unknown_document_is_a_programming_error(workspace: Workspace) -> None:
    with pytest.raises(ValueError):
        workspace.documents.pdf("bilancio")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for the documents, apart from the district file."""
    folder = tmp_path / "documenti"
    folder.mkdir()
    return folder


def test_save_pdf_writes_the_bytes_and_replaces_a_previous_file(
    workspace: Workspace, out: Path
) -> None:
    target = out / "libro.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)

    workspace.documents.save_pdf(b"%PDF-new", target)

    assert target.read_bytes() == b"%PDF-new"
    assert sorted(p.name for p in out.iterdir()) == ["libro.pdf"]
    assert target.stat().st_mode & 0o777 == 0o640  # the previous file's permissions


def test_a_new_pdf_is_an_ordinary_readable_file(workspace: Workspace, out: Path) -> None:
    target = out / "nuovo.pdf"

    workspace.documents.save_pdf(b"%PDF-", target)

    assert target.stat().st_mode & 0o777 == 0o644  # not the temporary file's 0600


def test_a_failed_save_leaves_the_previous_file_and_no_temporary(
    workspace: Workspace, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "libro.pdf"
    target.write_bytes(b"%PDF-previous")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DocumentWriteError) as error:
        workspace.documents.save_pdf(b"%PDF-new", target)

    assert "il disco è pieno" in error.value.message
    assert target.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in out.iterdir()) == ["libro.pdf"]


def test_saving_into_a_missing_folder_says_so_in_italian(workspace: Workspace, out: Path) -> None:
    target = out / "manca" / "libro.pdf"

    with pytest.raises(DocumentWriteError) as error:
        workspace.documents.save_pdf(b"%PDF-", target)

    assert error.value.message == f"Non riesco a salvare {target}: il file o la cartella non esiste"


def test_saving_over_a_folder_is_refused_and_leaves_nothing(
    workspace: Workspace, out: Path
) -> None:
    target = out / "libro.pdf"
    target.mkdir()

    with pytest.raises(DocumentWriteError):
        workspace.documents.save_pdf(b"%PDF-", target)

    assert target.is_dir()
    assert [p.name for p in out.iterdir()] == ["libro.pdf"]
