"""Save a PDF where the secretary chooses, or hand it to the system's PDF viewer."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desdesk import paths
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.busy import busy_cursor

# Copies handed to the system viewer older than this are removed at the next hand-over.
VIEWER_COPY_DAYS = 7


def ask_pdf_target(
    parent: QWidget, workspace: Workspace, title: str, file_name: str
) -> Path | None:
    """The file the user picks (".pdf" added when missing), beside the district file at
    first; None when cancelled."""
    start = str(workspace.folder / file_name)
    name, _filter = QFileDialog.getSaveFileName(parent, title, start, "PDF (*.pdf)")
    if not name:
        return None
    return Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")


def write_pdf(parent: QWidget, workspace: Workspace, data: bytes, target: Path) -> bool:
    """Write `data` to `target` atomically (never over the district file); a failure
    is shown, and False returned."""
    try:
        workspace.documents.save_pdf(data, target)
    except Exception as exc:
        show_error(parent, exc)
        return False
    return True


def save_pdf_as(
    parent: QWidget,
    workspace: Workspace,
    title: str,
    file_name: str,
    build: Callable[[], bytes],
    *,
    target: Path | None = None,
) -> Path | None:
    """Ask where (unless `target` is given), build, write atomically, open. None if not saved."""
    if target is None:
        target = ask_pdf_target(parent, workspace, title, file_name)
        if target is None:
            return None
    try:
        with busy_cursor():
            workspace.documents.save_pdf(build(), target)
    except Exception as exc:
        show_error(parent, exc)
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


def viewer_folder() -> Path:
    """Where copies for the system viewer go: the user's cache folder."""
    base = paths.user_cache_dir()
    folder = base / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_in_system_viewer(data: bytes, file_name: str) -> Path:
    """Write a copy of `data` to the cache folder and open it with the system's viewer.

    Each hand-over gets its own file (a viewer may still hold the previous one open);
    copies older than VIEWER_COPY_DAYS are cleared on the way.
    """
    folder = viewer_folder()
    _clear_old_copies(folder)
    stem = Path(file_name).stem or "documento"
    handle, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".pdf", dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    path = Path(name)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def _clear_old_copies(folder: Path) -> None:
    limit = time.time() - VIEWER_COPY_DAYS * 86400
    for old in folder.glob("*.pdf"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # in use or already gone: next time
