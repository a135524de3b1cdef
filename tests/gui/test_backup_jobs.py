"""«Esegui backup ora» and «Ripristina…» as long jobs: the window keeps working, a copy
being written has no Annulla, reading the backups' summaries can be cancelled."""

from __future__ import annotations

import threading
import time
from types import ModuleType

import pytest
from PySide6.QtCore import QTimer

from desdesk.services import backup_summary
from desdesk.services.backups import Reason, district_backups, take_backup
from desdesk.services.workspace import Workspace
from desdesk.ui import backup_actions
from desdesk.ui.dialogs.restore import RestoreDialog
from desdesk.ui.long_job import JobDialog
from desdesk.ui.main_window import MainWindow
from tests.gui.job_dialogs import WAIT_S, cancel_then_release, when_dialog_shows


def held(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> threading.Event:
    """`module.name` waits for the event, then runs for real."""
    release = threading.Event()
    real = getattr(module, name)

    def wait_then_run(*args: object, **kwargs: object) -> object:
        assert release.wait(WAIT_S)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wait_then_run)
    return release


def test_back_up_now_runs_off_the_gui_thread_without_annulla(
    window: MainWindow, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = held(monkeypatch, backup_actions, "back_up_now")
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    seen: list[tuple[str, bool]] = []

    def look(dialog: JobDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.cancel_button.isVisible()))
        dialog.reject()  # Esc: ignored, the copy goes on
        release.set()

    when_dialog_shows(look)
    saved = backup_actions.back_up_now_action(window)
    timer.stop()
    assert seen == [("Esegui backup ora", False)]
    assert len(ticks) >= 10
    assert populated.path is not None
    (entry,) = district_backups(populated.path)
    assert saved == entry.path and entry.reason is Reason.MANUAL
    assert window.statusBar().currentMessage() == f"Backup salvato: {entry.path}"


def test_reading_the_backups_can_be_cancelled(
    window: MainWindow, populated: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert populated.path is not None
    take_backup(populated.path, Reason.MANUAL)
    release = held(monkeypatch, backup_summary, "list_backups")  # imported when used
    opened: list[RestoreDialog] = []

    def collect(dialog: RestoreDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(RestoreDialog, "exec", collect)
    when_dialog_shows(cancel_then_release(release))
    assert backup_actions.restore_action(window) is False
    assert opened == []
    assert window.workspace is populated  # nothing closed
