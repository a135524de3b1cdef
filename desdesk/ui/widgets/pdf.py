"""Save a generated PDF where the secretary chooses, then open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.busy import busy_cursor


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
        start = str(workspace.path.parent / file_name)
        name, _filter = QFileDialog.getSaveFileName(parent, title, start, "PDF (*.pdf)")
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
    try:
        with busy_cursor():
            workspace.documents.save_pdf(build(), target)
    except Exception as exc:
        show_error(parent, exc)
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target
