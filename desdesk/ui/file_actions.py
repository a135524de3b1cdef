"""File menu on district files: open (a backup first), choose one, a new one, a copy.

Functions of the main window, kept apart from it so that the window stays about layout
and navigation; server districts are in ui/server_actions.py, backups in
ui/backup_actions.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from desdesk.i18n import _
from desdesk.paths import DISTRICT_SUFFIX
from desdesk.ui import backup_actions
from desdesk.ui.errors import show_error

if TYPE_CHECKING:
    from desdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DISTRICT_FILTER = "desdesk (*.des)"


def open_district_file(window: MainWindow, path: Path, report_errors: bool = True) -> bool:
    """Open a district file; on failure the current one stays open and the user is told."""
    path = Path(path).resolve()
    if window.workspace is not None and window.workspace.path == path:
        return True
    try:
        workspace = backup_actions.open_backed_up(window, path)  # a backup first
    except Exception as exc:
        _open_failed(window, path, exc, report_errors)
        return False
    try:
        name = workspace.district.profile().name  # a file without its profile is refused
    except Exception as exc:
        workspace.close()
        _open_failed(window, path, exc, report_errors)
        return False
    window.set_workspace(workspace, name)
    return True


def _open_failed(window: MainWindow, path: Path, exc: Exception, report: bool) -> None:
    log.info("Cannot open %s: %s", path, exc)
    window.last_open_error = exc
    if not path.exists():
        window.prefs.forget(path)
        window.fill_recent_menu()
    if report and not backup_actions.offer_backup_of_damaged(window, path, exc):
        show_error(window, exc, _("Non riesco ad aprire il distretto"))


def choose_and_open(window: MainWindow) -> None:
    start = str(window.workspace.folder) if window.workspace else ""
    name, _filter = QFileDialog.getOpenFileName(
        window, _("Apri un distretto"), start, DISTRICT_FILTER
    )
    if name:
        window.open_file(Path(name))


def new_district(window: MainWindow) -> None:
    from desdesk.ui.dialogs.new_district import NewDistrictWizard

    wizard = NewDistrictWizard(window, actor=window.prefs.secretary_name)
    if wizard.exec() and wizard.created is not None:
        window.set_workspace(wizard.created)


def save_copy(window: MainWindow) -> None:
    """File › Salva una copia: a consistent copy of the open file, written whole."""
    workspace = window.workspace
    if workspace is None or workspace.path is None:
        return
    suggestion = workspace.path.with_name(f"{workspace.path.stem}-copia{DISTRICT_SUFFIX}")
    name, _filter = QFileDialog.getSaveFileName(
        window, _("Salva una copia del distretto"), str(suggestion), DISTRICT_FILTER
    )
    if not name:
        return
    target = Path(name) if name.endswith(DISTRICT_SUFFIX) else Path(name + DISTRICT_SUFFIX)
    try:
        workspace.save_copy(target)
    except Exception as exc:
        show_error(window, exc)
        return
    window.statusBar().showMessage(_("Copia salvata in {path}").format(path=target), 8000)
