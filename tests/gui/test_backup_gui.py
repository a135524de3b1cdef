"""The GUI's backups: on open (before an upgrade) and on close, «Esegui backup ora» with
its status bar message, and a failed backup that never stops a district opening."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from desdesk import settings
from desdesk.db.schema import KNOWN_REVISIONS
from desdesk.schemas import DistrictProfile
from desdesk.services import backups
from desdesk.services.backup_summary import list_backups
from desdesk.services.backups import Reason, district_backups
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from desdesk.ui.main_window import MainWindow
from tests.migrations import district_file_at


def file_action(window: MainWindow, text: str) -> QAction:
    (menu_action,) = [a for a in window.menuBar().actions() if a.text() == "&File"]
    menu = menu_action.menu()
    for action in menu.actions():  # type: ignore[union-attr]
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in the File menu")


def second_district(tmp_path: Path) -> Path:
    path = tmp_path / "secondo.des"
    profile = DistrictProfile(name="DES Secondo", kind="territoriale", territory="Ledro")
    create_workspace(path, profile).close()
    return path


def test_back_up_now_from_the_file_menu(window: MainWindow, populated: Workspace) -> None:
    file_action(window, "Esegui backup ora").trigger()
    (entry,) = district_backups(populated.path)
    assert entry.reason is Reason.MANUAL
    assert window.statusBar().currentMessage() == f"Backup salvato: {entry.path}"


def test_opening_and_switching_districts_back_them_up(
    window: MainWindow, populated: Workspace, tmp_path: Path
) -> None:
    second = second_district(tmp_path)
    assert window.open_file(second)
    assert [e.reason for e in district_backups(second)] == [Reason.OPENING]
    assert [e.reason for e in district_backups(populated.path)] == [Reason.CLOSING]
    window.close()
    assert [e.reason for e in district_backups(second)] == [Reason.CLOSING, Reason.OPENING]


def test_an_old_file_is_backed_up_before_its_upgrade(
    window: MainWindow, tmp_path: Path, shown_messages: list[str]
) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, KNOWN_REVISIONS[1])
    window.open_file(old)  # refused later for having no profile: the backup is made first
    (summary,) = [s for s in list_backups(old) if s.path.parent != old.parent]  # not .bak
    assert summary.entry.reason is Reason.BEFORE_UPGRADE
    assert summary.facts is not None and summary.facts.revision == KNOWN_REVISIONS[1]


def test_a_failed_backup_is_told_in_the_status_bar_and_the_district_opens(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = second_district(tmp_path)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "sqlite_copy", full)
    assert window.open_file(second)
    assert window.windowTitle().startswith("DES Secondo")
    message = window.statusBar().currentMessage()
    assert message.startswith("Backup di ") and "il disco è pieno" in message
    monkeypatch.undo()  # pytest-qt closes the window before fixtures end: back up then


def test_a_failed_backup_at_exit_is_logged_and_the_window_closes(
    window: MainWindow,
    populated: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "sqlite_copy", full)
    window.close()
    assert window.workspace is None and shown_messages == []  # nothing holds the exit
    assert "il disco è pieno" in window.statusBar().currentMessage()
    assert any("il disco è pieno" in record.getMessage() for record in caplog.records)
    assert open_workspace(populated.path).close() is None  # the file was released


def test_rotation_numbers_are_preferences(window: MainWindow, populated: Workspace) -> None:
    prefs = settings.load()
    prefs.backup_keep_last, prefs.backup_keep_daily_days = 2, 0
    prefs.backup_keep_monthly_months = 0
    settings.save(prefs)
    for _round in range(4):
        file_action(window, "Esegui backup ora").trigger()
    assert len(district_backups(populated.path)) == 2
