"""The backup on opening is skipped only when the file is provably as its closing backup
holds it; any change, restore, touch or crash left beside it means a backup."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desdesk.db.files import pending_side_file
from desdesk.services import backups
from desdesk.services.backup_freshness import RECORD, file_stamp, record_closing_state
from desdesk.services.backups import (
    Reason,
    backup_on_closing,
    backup_on_opening,
    district_backups,
    take_backup,
)
from desdesk.services.workspace import Workspace, open_workspace
from tests.migrations import district_file_at
from tests.roll_call_setup import add_members


def gui_open(path: Path, told: list[str]) -> Workspace:
    """Open as the GUI does: backup on opening, backup on closing."""
    workspace = open_workspace(path, on_opening=backup_on_opening(told.append))
    workspace.on_close = backup_on_closing(told.append)
    return workspace


def reasons(path: Path) -> list[Reason]:
    return [entry.reason for entry in district_backups(path)]


def closed_with_backup(workspace: Workspace) -> Path:
    """Close the fixture's workspace through the GUI's closing hook."""
    path = workspace.file.path
    assert path is not None
    add_members(workspace, ["Bottega Equa"])
    workspace.on_close = backup_on_closing(lambda message: None)
    workspace.close()
    assert reasons(path) == [Reason.CLOSING]
    return path


def test_closing_folds_the_wal_in_and_records_the_state(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    assert pending_side_file(path) is None
    (closing,) = district_backups(path)
    assert (closing.path.parent / RECORD).is_file()
    with sqlite3.connect(closing.path) as conn:
        assert conn.execute("SELECT name FROM member").fetchall() == [("Bottega Equa",)]


def test_an_unchanged_file_opens_without_a_new_backup(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    told: list[str] = []
    with gui_open(path, told) as reopened:
        assert reasons(path) == [Reason.CLOSING]  # no "apertura"
        assert reopened.members.count() == 1
    assert reasons(path) == [Reason.CLOSING]  # only read: the same copy would be made
    assert told == []


def test_a_change_made_in_desdesk_is_backed_up_at_closing(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    with gui_open(path, []) as reopened:
        add_members(reopened, ["Altro"])
    assert reasons(path) == [Reason.CLOSING, Reason.CLOSING]
    newest = district_backups(path)[0]
    with sqlite3.connect(newest.path) as conn:
        assert conn.execute("SELECT count(*) FROM member").fetchone() == (2,)
    conn.close()
    with gui_open(path, []) as again:  # and that state is the one recorded
        assert again.members.count() == 2
    assert reasons(path) == [Reason.CLOSING, Reason.CLOSING]


def test_a_change_by_another_program_gets_its_backup(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE member SET name = 'Bottega Equa e Solidale'")
    conn.close()
    gui_open(path, []).close()
    assert reasons(path)[:2] == [Reason.CLOSING, Reason.OPENING]
    opening = next(e for e in district_backups(path) if e.reason is Reason.OPENING)
    with sqlite3.connect(opening.path) as conn:
        assert conn.execute("SELECT name FROM member").fetchone() == ("Bottega Equa e Solidale",)


def test_a_touched_file_gets_its_backup(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same times: ctime moves
    gui_open(path, []).close()
    assert Reason.OPENING in reasons(path)


def test_a_file_replaced_by_a_copy_gets_its_backup(workspace: Workspace, tmp_path: Path) -> None:
    path = closed_with_backup(workspace)
    copy = tmp_path / "copia.des"
    shutil.copy2(path, copy)
    os.replace(copy, path)  # as a restore does: same bytes, another file
    gui_open(path, []).close()
    assert Reason.OPENING in reasons(path)


def test_a_crash_that_left_a_wal_gets_its_backup(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    crash = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "conn.execute(\"UPDATE member SET name = 'Dopo il crash'\")\n"
        "conn.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=True)
    assert pending_side_file(path) is not None
    gui_open(path, []).close()
    opening = next(e for e in district_backups(path) if e.reason is Reason.OPENING)
    with sqlite3.connect(opening.path) as conn:
        assert conn.execute("SELECT name FROM member").fetchone() == ("Dopo il crash",)


def test_a_rotated_away_closing_backup_means_a_new_one(workspace: Workspace) -> None:
    path = closed_with_backup(workspace)
    (closing,) = district_backups(path)
    closing.path.unlink()
    gui_open(path, []).close()
    assert reasons(path) == [Reason.CLOSING, Reason.OPENING]


def test_a_file_to_upgrade_is_always_backed_up_first(tmp_path: Path) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, "0007_history")
    with sqlite3.connect(old) as conn:  # a district row, every column filled
        columns = conn.execute("PRAGMA table_info(district)").fetchall()
        names = [column[1] for column in columns if column[1] != "id"]
        values = ["abc" if name == "uid" else "" for name in names]
        conn.execute(
            f"INSERT INTO district ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            values,
        )
    conn.close()
    stamp = file_stamp(old)
    assert stamp is not None
    record_closing_state(old, take_backup(old, Reason.CLOSING, locked=True), stamp)
    assert file_stamp(old) == stamp
    gui_open(old, []).close()
    assert Reason.BEFORE_UPGRADE in reasons(old)


def test_a_failed_closing_backup_leaves_the_next_opening_to_back_up(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = closed_with_backup(workspace)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    told: list[str] = []
    reopened = gui_open(path, told)
    add_members(reopened, ["Altro"])
    with monkeypatch.context() as patched:
        patched.setattr(backups, "sqlite_copy", full)
        reopened.close()
    assert len(told) == 1 and "il disco è pieno" in told[0]
    gui_open(path, told).close()
    assert reasons(path)[:2] == [Reason.CLOSING, Reason.OPENING]
