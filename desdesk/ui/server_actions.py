"""Districts on a server from the GUI: File › Connetti a un server…, a recent server,
`desdesk postgresql://…`, and a new district in an empty database."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _
from desdesk.services.server_address import display_name, is_server_url
from desdesk.services.workspace import Workspace, open_workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.busy import busy_cursor

if TYPE_CHECKING:
    from desdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

__all__ = ["connect_to_server", "explain_no_file_actions", "is_server_url", "open_server"]


def connect_to_server(window: MainWindow, address: str = "") -> bool:
    """Ask for a server's address (filled from `address`), then open or create the district."""
    from desdesk.ui.dialogs.connect_server import ConnectServerDialog

    dialog = ConnectServerDialog(window, address)
    while dialog.exec():
        full = dialog.address()
        if dialog.create_new.isChecked():
            return _create_on_server(window, full)
        if open_server(window, full, report_errors=True):
            return True
        dialog.error.show_message(getattr(window.last_open_error, "message", "") or "")
    return False


def open_server(window: MainWindow, address: str, report_errors: bool = False) -> bool:
    """Open the district at `address`; on failure the current one stays open."""
    try:
        with busy_cursor():
            workspace = open_workspace(address, actor=window.prefs.secretary_name)
            name = workspace.district.profile().name
    except Exception as exc:
        log.info("Cannot open %s: %s", display_name(address), exc)
        window.last_open_error = exc
        if report_errors and not isinstance(exc, DesdeskError):
            show_error(window, exc, _("Non riesco ad aprire il distretto"))
        return False
    window.set_workspace(workspace, name)
    return True


def _create_on_server(window: MainWindow, address: str) -> bool:
    from desdesk.ui.dialogs.new_district import NewDistrictWizard

    wizard = NewDistrictWizard(window, actor=window.prefs.secretary_name, server_address=address)
    if wizard.exec() and wizard.created is not None:
        window.set_workspace(wizard.created)
        return True
    return False


def explain_no_file_actions(window: MainWindow, workspace: Workspace) -> None:
    """Backups, restores and copies of a server district are the server's administrator's."""
    QMessageBox.information(
        window,
        _("Distretto sul server"),
        _(
            "{name} è su un server: i backup e le copie li fa chi gestisce il server "
            "(per esempio con pg_dump), non desdesk."
        ).format(name=workspace.location),
    )
