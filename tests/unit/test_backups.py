"""Backups in the user data folder: made checked, found again, rotated, summarised, and
never in the way of opening or closing a district."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desdesk import paths, settings
from desdesk.db.schema import HEAD_REVISION, KNOWN_REVISIONS
from desdesk.domain.backup_policy import RetentionPolicy
from desdesk.schemas import DistrictProfile
from desdesk.services import backups
from desdesk.services.backup_summary import list_backups
from desdesk.services.backups import (
    BackupFailed,
    Reason,
    backup_folder,
    backup_on_closing,
    backup_on_opening,
    district_backups,
    parse_backup_name,
    take_backup,
)
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.migrations import district_file_at
from tests.roll_call_setup import add_members, insert_assembly

MOMENT = datetime(2026, 11, 26, 10, 30, 15)


def district_uid(workspace: Workspace) -> str:
    with sqlite3.connect(workspace.path) as conn:
        return str(conn.execute("SELECT uid FROM district").fetchone()[0])


def quick_check(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_goes_to_the_district_folder_with_its_reason_in_the_name(
    workspace: Workspace,
) -> None:
    add_members(workspace, ["Bottega Equa"])
    made = take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    folder = made.parent
    assert folder.parent == paths.user_data_dir() / "backups"
    assert folder.name.startswith(f"distretto-{district_uid(workspace)}-")  # + path hash
    assert made == folder / "distretto-20261126-103015-manuale.des"
    assert quick_check(made) == "ok"
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT name FROM member").fetchall() == [("Bottega Equa",)]
    assert parse_backup_name(made.name) == (MOMENT, Reason.MANUAL)
    assert [entry.path for entry in district_backups(workspace.path)] == [made]


def test_two_backups_in_the_same_second_both_count(workspace: Workspace) -> None:
    first = take_backup(workspace.path, Reason.OPENING, now=MOMENT)
    second = take_backup(workspace.path, Reason.OPENING, now=MOMENT)
    assert first != second and second.name.endswith("-apertura-2.des")
    assert {e.path for e in district_backups(workspace.path)} == {first, second}


def test_every_reason_round_trips_through_the_file_name() -> None:
    for reason in Reason:
        name = f"mio-distretto-20260102-030405-{reason.value}.des"
        assert parse_backup_name(name) == (datetime(2026, 1, 2, 3, 4, 5), reason)
    assert parse_backup_name("distretto-20260102-030405-altro.des") is None
    assert parse_backup_name("source.json") is None


def test_a_copy_that_fails_its_check_does_not_count(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.db import files

    def failing_check(_conn: sqlite3.Connection) -> None:
        raise sqlite3.DatabaseError("the copy failed its integrity check: row 3 missing")

    monkeypatch.setattr(files, "_check_copy", failing_check)
    with pytest.raises(BackupFailed) as caught:
        take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    assert "non è risultata integra" in caught.value.message
    assert "integrity" not in caught.value.message  # SQLite's English only in the log
    assert district_backups(workspace.path) == []
    folder = backup_folder(workspace.path, district_uid(workspace))
    assert [p.name for p in folder.iterdir()] == []  # not even a temporary file


def test_a_full_disk_gives_an_italian_message_and_no_backup(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("desdesk.atomic.os.replace", full)
    with pytest.raises(BackupFailed) as caught:
        take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    assert "il disco è pieno" in caught.value.message
    assert district_backups(workspace.path) == []


def test_a_data_folder_that_cannot_hold_folders_is_reported(
    workspace: Workspace, desdesk_home: Path
) -> None:
    # Running as root, chmod cannot make a folder read-only: a file where the backups
    # folder should be refuses it the same way for everyone.
    root = paths.user_data_dir() / "backups"
    root.write_bytes(b"not a folder")
    with pytest.raises(BackupFailed, match=r"Backup di distretto\.des non riuscito"):
        take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    assert root.read_bytes() == b"not a folder"


def test_rotation_deletes_only_what_the_policy_lets_go_and_only_this_district(
    workspace: Workspace, tmp_path: Path
) -> None:
    other = create_workspace(
        tmp_path / "altro.des",
        DistrictProfile(name="DES Alto Garda", kind="territoriale", territory="Alto Garda"),
    )
    other_backup = take_backup(other.path, Reason.MANUAL, now=MOMENT - timedelta(days=300))
    other.close()
    policy = RetentionPolicy(keep_last=2, daily_days=2, monthly_months=0)
    for hours in range(6, 0, -1):  # six backups over the last six hours
        take_backup(
            workspace.path, Reason.MANUAL, now=MOMENT - timedelta(hours=hours), policy=policy
        )
    take_backup(workspace.path, Reason.CLOSING, now=MOMENT, policy=policy)
    kept = [entry.taken_at for entry in district_backups(workspace.path)]
    assert kept == [MOMENT, MOMENT - timedelta(hours=1)]
    assert other_backup.exists()


def test_rotation_follows_the_preferences(workspace: Workspace) -> None:
    prefs = settings.load()
    assert (prefs.backup_keep_last, prefs.backup_keep_daily_days) == (10, 30)
    assert prefs.backup_keep_monthly_months == 12
    prefs.backup_keep_last, prefs.backup_keep_daily_days = 3, 0
    prefs.backup_keep_monthly_months = 0
    settings.save(prefs)
    for minute in range(5):
        take_backup(workspace.path, Reason.MANUAL, now=MOMENT + timedelta(minutes=minute))
    assert len(district_backups(workspace.path)) == 3


def test_wrong_rotation_preferences_fall_back_to_the_defaults() -> None:
    settings.preferences_file().write_text(
        '{"backup_keep_last": 0, "backup_keep_daily_days": "tanti", '
        '"backup_keep_monthly_months": 24}',
        encoding="utf-8",
    )
    prefs = settings.load()
    assert (prefs.backup_keep_last, prefs.backup_keep_daily_days) == (10, 30)
    assert prefs.backup_keep_monthly_months == 24


def test_the_listing_summarises_each_backup_from_the_backup_itself(
    workspace: Workspace,
) -> None:
    ids = add_members(workspace, ["Bottega Equa", "Orto Sociale", "Forno Bio"])
    workspace.members.withdraw(ids[2], date(2026, 6, 30), "trasferita")
    insert_assembly(workspace)
    older = take_backup(workspace.path, Reason.OPENING, now=MOMENT - timedelta(days=1))
    add_members(workspace, ["Cantina Sociale"])
    take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    before = older.read_bytes()
    listed = list_backups(workspace.path)
    assert [s.entry.reason for s in listed] == [Reason.MANUAL, Reason.OPENING]
    newest, oldest = listed
    assert newest.facts is not None and oldest.facts is not None
    assert (newest.facts.active_members, oldest.facts.active_members) == (3, 2)
    assert oldest.facts.assemblies == 1
    assert oldest.facts.revision == HEAD_REVISION
    assert oldest.facts.district_name == "DES Vallagarina"
    assert oldest.last_change is not None
    assert abs(oldest.last_change - datetime.now()) < timedelta(minutes=5)
    assert oldest.describe().startswith("2 aderenti attivi, 1 assemblea, ultima modifica ")
    assert oldest.entry.size == older.stat().st_size
    assert oldest.as_json()["reason"] == "apertura"
    assert older.read_bytes() == before  # read-only
    assert sorted(p.name for p in older.parent.iterdir() if "-journal" in p.name) == []


def test_opening_backs_up_before_the_upgrade_and_closing_after(tmp_path: Path) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, KNOWN_REVISIONS[1])
    told: list[str] = []
    workspace = open_workspace(old, on_opening=backup_on_opening(told.append))
    workspace.on_close = backup_on_closing(told.append)
    workspace.close()
    listed = [s for s in list_backups(old) if s.path.parent != old.parent]  # not .pre-*.bak
    assert [s.entry.reason for s in listed] == [Reason.CLOSING, Reason.BEFORE_UPGRADE]
    closing, opening = listed
    assert opening.facts is not None and opening.facts.revision == KNOWN_REVISIONS[1]
    assert closing.facts is not None and closing.facts.revision == HEAD_REVISION
    assert told == []


def test_a_failed_backup_never_blocks_opening_or_closing(
    district_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.close()

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "sqlite_copy", full)
    told: list[str] = []
    with open_workspace(district_path, on_opening=backup_on_opening(told.append)) as reopened:
        reopened.on_close = backup_on_closing(told.append)
        assert reopened.district.profile().name == "DES Vallagarina"
    assert len(told) == 2
    assert all("il disco è pieno" in message for message in told)
    assert open_workspace(district_path).close() is None  # the lock was released


def test_the_cli_way_of_opening_makes_no_backup(district_path: Path, workspace: Workspace) -> None:
    workspace.close()
    with open_workspace(district_path) as reopened:
        reopened.members.count()
    assert district_backups(district_path) == []


def test_a_read_only_backup_folder_gives_a_clear_message_and_loses_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = take_backup(workspace.path, Reason.MANUAL, now=MOMENT - timedelta(days=1))
    folder = earlier.parent
    folder.chmod(0o500)
    probe = folder / ".probe"
    try:
        probe.touch()  # root ignores the mode: refuse the write the way the OS would
    except PermissionError:
        pass
    else:
        probe.unlink()

        def refused(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("desdesk.atomic.tempfile.mkstemp", refused)
    try:
        with pytest.raises(BackupFailed) as caught:
            take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    finally:
        folder.chmod(0o700)
    assert "non hai il permesso di accedervi" in caught.value.message
    assert [e.path for e in district_backups(workspace.path)] == [earlier]
    assert quick_check(earlier) == "ok"


def make_district(path: Path, name: str) -> Workspace:
    return create_workspace(
        path, DistrictProfile(name=name, kind="territoriale", territory="Vallagarina")
    )


def test_two_copies_of_one_district_keep_their_own_backups(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_members(workspace, ["Bottega Equa"])
    workspace.close()
    usb = tmp_path / "chiavetta" / "distretto.des"  # same stem, same uid, another place
    usb.parent.mkdir()
    usb.write_bytes(workspace.path.read_bytes())
    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=0)
    mine = take_backup(workspace.path, Reason.MANUAL, now=MOMENT - timedelta(days=1))
    with open_workspace(usb) as copy:
        add_members(copy, ["Orto Sociale"])
    theirs = take_backup(usb, Reason.MANUAL, now=MOMENT, policy=policy)
    assert mine.exists()  # the copy's rotation did not take the original's only backup
    assert mine.parent != theirs.parent
    assert [e.path for e in district_backups(workspace.path)] == [mine]
    assert [e.path for e in district_backups(usb)] == [theirs]
    usb.write_bytes(b"\0" * 4096)  # the copy damaged: only its own state is offered
    from desdesk.services.backup_summary import newest_good_backup

    found = newest_good_backup(usb)
    assert found is not None and found.path == theirs


def test_a_path_that_once_held_another_district_never_rotates_that_ones_backups(
    tmp_path: Path,
) -> None:
    path = tmp_path / "distretto.des"
    with make_district(path, "DES Alto Garda"):
        pass
    old = take_backup(path, Reason.MANUAL, now=MOMENT - timedelta(days=400))
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with make_district(path, "DES Vallagarina"):
        pass
    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=0)
    for hours in (2, 1, 0):
        newest = take_backup(
            path, Reason.MANUAL, now=MOMENT - timedelta(hours=hours), policy=policy
        )
    assert old.exists()  # another district's folder: not this rotation's to thin
    assert [e.path for e in district_backups(path)] == [newest, old]  # both listed


def test_a_backup_reserves_its_name_so_one_in_the_same_second_cannot_overwrite_it(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = backups.sqlite_copy
    nested: list[Path] = []

    def copy_while_another_backs_up(source: Path, target: Path, **kwargs: bool) -> None:
        if not nested:  # another window backs up in the same second, meanwhile
            nested.append(Path("placeholder"))
            nested[0] = take_backup(workspace.path, Reason.OPENING, now=MOMENT)
        real_copy(source, target, **kwargs)

    monkeypatch.setattr(backups, "sqlite_copy", copy_while_another_backs_up)
    first = take_backup(workspace.path, Reason.OPENING, now=MOMENT)
    assert first != nested[0]
    assert {e.path for e in district_backups(workspace.path)} == {first, nested[0]}
    assert all(quick_check(path) == "ok" for path in (first, nested[0]))


def test_a_failed_copy_leaves_no_reserved_name(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "sqlite_copy", full)
    with pytest.raises(BackupFailed):
        take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    folder = backup_folder(workspace.path, district_uid(workspace))
    assert [p.name for p in folder.iterdir()] == []


def test_the_backup_before_each_upgrade_survives_the_rotation(tmp_path: Path) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, KNOWN_REVISIONS[1])
    upgrade = take_backup(old, Reason.BEFORE_UPGRADE, now=MOMENT - timedelta(days=500))
    open_workspace(old).close()
    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=0)
    for minute in range(3):
        take_backup(old, Reason.MANUAL, now=MOMENT + timedelta(minutes=minute), policy=policy)
    kept = [e.path for e in district_backups(old) if e.path.parent != old.parent]
    assert upgrade in kept and len(kept) == 2


def test_a_name_left_reserved_by_a_killed_backup_is_cleared_later(workspace: Workspace) -> None:
    import os

    made = take_backup(workspace.path, Reason.MANUAL, now=MOMENT)
    stale = made.parent / "distretto-20261125-090000-apertura.des"
    fresh = made.parent / "distretto-20261126-103016-apertura.des"
    stale.touch()
    fresh.touch()  # another backup is being written right now
    os.utime(stale, (0, 0))
    assert [e.path for e in district_backups(workspace.path)] == [made]  # never listed
    take_backup(workspace.path, Reason.MANUAL, now=MOMENT + timedelta(seconds=5))
    assert not stale.exists() and fresh.exists()
