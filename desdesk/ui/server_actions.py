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


def connect_to_server(window: MainWindow, address: str = "", error: str = "") -> bool:
    """Ask for a server's address (filled from `address`, with `error` shown if the last
    try failed), then open or create the district; the dialog stays until one works."""
    from desdesk.ui.dialogs.connect_server import ConnectServerDialog

    dialog = ConnectServerDialog(window, address)
    dialog.error.show_message(error)
    while dialog.exec():
        full = dialog.address()
        if dialog.create_new.isChecked():
            return _create_on_server(window, full)
        failure = _try_open(window, full)
        if failure is None:
            return True
        if not isinstance(failure, DesdeskError):
            show_error(window, failure, _("Non riesco ad aprire il distretto"))
        dialog.error.show_message(getattr(failure, "message", ""))
    return False


def open_server(window: MainWindow, address: str, report_errors: bool = False) -> bool:
    """Open the district at `address`; on failure the current one stays open and, if
    `report_errors`, the connection form comes up with the reason (e.g. the password)."""
    failure = _try_open(window, address)
    if failure is None:
        return True
    if report_errors:
        if isinstance(failure, DesdeskError):
            return connect_to_server(window, address, failure.message)
        show_error(window, failure, _("Non riesco ad aprire il distretto"))
    return False


def _try_open(window: MainWindow, address: str) -> Exception | None:
    """Open the district at `address` in the window; the error if it cannot be opened."""
    try:
        with busy_cursor():
            workspace = open_workspace(address, actor=window.prefs.secretary_name)
    except Exception as exc:
        log.info("Cannot open %s: %s", display_name(address), exc)
        window.last_open_error = exc
        return exc
    try:
        name = workspace.district.profile().name
    except Exception as exc:
        workspace.close()
        window.last_open_error = exc
        return exc
    window.set_workspace(workspace, name)
    return None


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
