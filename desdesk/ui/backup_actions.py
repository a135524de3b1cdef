"""Backups from the GUI: automatic on open and on close, «Esegui backup ora»,
«Ripristina…», and the offer of the newest good backup when a file is damaged.

A failed automatic backup never stops a district from opening or closing: it is logged
and the status bar says so (at exit only the log keeps it: a dialog there would hold
the window open, and `--quit-after-startup` must never wait on one). The main window
only calls in here; the work is in services/backups.py and services/backup_restore.py
(imported when first needed: only the backup on open is on the start path).
Backups, restores and the reading of the backups' summaries run as long jobs
(`desdesk.ui.long_job`): the window stays alive; a copy being written cannot be stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desdesk.i18n import _
from desdesk.services.backup_freshness import unchanged_since_closing
from desdesk.services.backups import (
    back_up_now,
    backup_folder,
    backup_on_closing,
    backup_on_opening,
)
from desdesk.services.workspace import Workspace, open_workspace
from desdesk.ui.errors import show_error

if TYPE_CHECKING:
    from desdesk.services.backup_summary import BackupSummary
    from desdesk.ui.main_window import MainWindow

STATUS_MS = 15000
log = logging.getLogger(__name__)


def _to_status_bar(window: MainWindow) -> Callable[[str], None]:
    return lambda message: window.statusBar().showMessage(message, STATUS_MS)


def open_backed_up(window: MainWindow, path: Path) -> Workspace:
    """Open `path` with a backup taken first (before any upgrade); failures to the status bar.
    The history names the secretary of the preferences for what follows."""
    return open_workspace(
        path,
        on_opening=backup_on_opening(_to_status_bar(window)),
        actor=window.prefs.secretary_name,
        unchanged=unchanged_since_last_backup,
    )


def unchanged_since_last_backup(path: Path) -> bool:
    """The file is exactly as its closing backup holds it (see services/backup_freshness)."""
    return unchanged_since_closing(path, backup_folder)


def back_up_on_close(window: MainWindow, workspace: Workspace) -> None:
    """Back the district up when it is closed (another file opened, the window closed)."""
    workspace.on_close = backup_on_closing(_to_status_bar(window))


def back_up_now_action(window: MainWindow) -> Path | None:
    """File › Esegui backup ora."""
    if window.workspace is None or window.workspace.path is None:  # none, or on a server
        window.statusBar().showMessage(_("Apri prima un distretto."), STATUS_MS)
        return None
    from desdesk.ui.long_job import run_long_job

    path = window.workspace.path
    try:
        saved = run_long_job(
            window,
            lambda: back_up_now(path),
            title=_("Esegui backup ora"),
            label=_("Backup di {name} in corso…").format(name=path.name),
            cancellable=False,  # a copy is written whole or not at all, and quickly
        )
    except Exception as exc:
        show_error(window, exc, _("Backup non riuscito"))
        return None
    window.statusBar().showMessage(_("Backup salvato: {path}").format(path=saved), STATUS_MS)
    return saved


def restore_action(window: MainWindow) -> bool:
    """File › Ripristina…: pick a backup, confirm, close, restore, reopen."""
    from desdesk.services.backup_restore import is_other_district
    from desdesk.services.backup_summary import list_backups
    from desdesk.ui.dialogs.restore import RestoreDialog
    from desdesk.ui.long_job import Cancelled, run_long_job

    workspace = window.workspace
    if workspace is None or workspace.path is None:  # none, or on a server
        window.statusBar().showMessage(_("Apri prima un distretto."), STATUS_MS)
        return False
    path = workspace.path
    try:  # each backup is opened to read its summary
        backups = run_long_job(
            window,
            lambda: list_backups(path),
            title=_("Ripristina"),
            label=_("Lettura dei backup di {name}…").format(name=path.name),
        )
    except Cancelled:
        return False
    if not backups:
        QMessageBox.information(
            window,
            _("Ripristina"),
            _("Non ci sono ancora backup di {name}.").format(name=path.name),
        )
        return False
    dialog = RestoreDialog(path, backups, window)
    chosen = dialog.chosen() if dialog.exec() else None
    if chosen is None or not _confirm(window, path, chosen):
        return False
    other = is_other_district(chosen.path, path)
    if other and not _confirm_other_district(window, path, chosen):
        return False
    return restore_and_reopen(window, chosen.path, allow_other_district=other)


def _confirm_other_district(window: MainWindow, path: Path, chosen: BackupSummary) -> bool:
    """A backup of another district (the path once held it): replace this one with it?"""
    name = chosen.facts.district_name if chosen.facts is not None else ""
    answer = QMessageBox.warning(
        window,
        _("Backup di un altro distretto"),
        _(
            "Questo backup non è di {name}: è di un altro distretto ({other}), che in "
            "passato era salvato con lo stesso nome di file. Ripristinandolo, {name} "
            "sarà sostituito dall'altro distretto (lo stato attuale resta salvato in un "
            "backup). Vuoi davvero continuare?"
        ).format(name=path.name, other=name or _("senza nome")),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _confirm(window: MainWindow, path: Path, chosen: BackupSummary) -> bool:
    from desdesk.services.backup_summary import format_date_time

    answer = QMessageBox.question(
        window,
        _("Ripristina un backup"),
        _(
            "Ripristinare {name} com'era il {when} ({reason}: {summary})?\n\n"
            "Prima del ripristino desdesk salva un backup dello stato attuale del "
            "distretto («prima di un ripristino»): potrai tornare indietro ripristinando "
            "quello. Il distretto viene chiuso e riaperto."
        ).format(
            name=path.name,
            when=format_date_time(chosen.entry.taken_at),
            reason=chosen.entry.reason.label(),
            summary=chosen.describe(),
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


def restore_and_reopen(
    window: MainWindow, backup: Path, *, allow_other_district: bool = False
) -> bool:
    """Close the open district, restore `backup` over it, open it again (also on failure)."""
    from desdesk.services.backup_restore import restore
    from desdesk.ui.long_job import run_long_job

    workspace = window.workspace
    assert workspace is not None and workspace.path is not None
    path = workspace.path
    window._drop_sections()
    workspace.on_close = None  # the backup "prima del ripristino" is the one that counts
    workspace.close()
    window.workspace = None
    try:
        result = run_long_job(
            window,
            lambda: restore(backup, path, allow_other_district=allow_other_district),
            title=_("Ripristina"),
            label=_("Ripristino di {name} in corso…").format(name=path.name),
            cancellable=False,  # a restore never stops halfway
        )
    except Exception as exc:
        window.open_file(path)
        show_error(window, exc, _("Ripristino non riuscito"))
        return False
    opened = window.open_file(path)
    if opened and result.safety_backup is not None:
        window.statusBar().showMessage(
            _("Backup ripristinato. Lo stato precedente è salvato in {path}").format(
                path=result.safety_backup
            ),
            STATUS_MS,
        )
    return opened


def offer_backup_of_damaged(window: MainWindow, path: Path, error: Exception) -> bool:
    """When `path` cannot be opened because it is damaged: say so in plain words and offer
    its newest good backup. True if the user was told here (nothing else to show).

    The damaged file is renamed aside only if the user accepts the restore, by `restore`
    under the file's lock (another window cannot be opening it meanwhile); otherwise it
    stays exactly where it is, untouched. If the restore fails it is put back.
    """
    from desdesk.services.backup_restore import is_damaged, restore
    from desdesk.services.backup_summary import format_date_time, newest_good_backup, summarize
    from desdesk.ui.long_job import run_long_job

    try:
        if not is_damaged(error, path):
            return False
        found = newest_good_backup(path)
    except Exception:  # looking for backups must not hide why the file did not open
        log.exception("Backups of %s not looked up", path)
        return False
    told = _(
        "Il file {name} è danneggiato e non può essere aperto. desdesk non lo ha "
        "modificato in alcun modo."
    ).format(name=path.name)
    if found is None:
        QMessageBox.warning(
            window,
            _("File danneggiato"),
            told + "\n\n" + _("Non ci sono backup di questo distretto da ripristinare."),
        )
        return True
    summary = summarize(found)
    answer = QMessageBox.question(
        window,
        _("File danneggiato"),
        told
        + "\n\n"
        + _(
            "C'è un backup integro del {when} ({summary}). Vuoi ripristinarlo? Il file "
            "danneggiato sarà messo da parte così com'è, con il nome {name}.danneggiato-…"
        ).format(when=format_date_time(found.taken_at), summary=summary.describe(), name=path.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return True
    try:
        result = run_long_job(
            window,
            lambda: restore(found.path, path, set_aside_unreadable=True),
            title=_("File danneggiato"),
            label=_("Ripristino di {name} in corso…").format(name=path.name),
            cancellable=False,
        )
    except Exception as exc:
        show_error(window, exc, _("Ripristino non riuscito"))
        return True
    if window.open_file(path) and result.set_aside is not None:
        window.statusBar().showMessage(
            _("Backup ripristinato. Il file danneggiato è in {path}").format(path=result.set_aside),
            STATUS_MS,
        )
    return True
