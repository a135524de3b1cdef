"""Restoring a backup: checked first, the current file backed up, replaced whole, under
the file's lock; a backup from before a migration is upgraded at the next open."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desdesk.db.district_file import FileInUse, inspect_file
from desdesk.db.schema import HEAD_REVISION, KNOWN_REVISIONS
from desdesk.services.backup_restore import RestoreFailed, restore
from desdesk.services.backup_summary import list_backups
from desdesk.services.backups import Reason, district_backups, take_backup
from desdesk.services.workspace import Workspace, open_workspace
from tests.migrations import district_file_at
from tests.roll_call_setup import add_members

MOMENT = datetime(2026, 11, 26, 10, 30, 15)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def member_names(path: Path) -> list[str]:
    with open_workspace(path) as workspace:
        return sorted(row.name for row in workspace.members.list_rows())


def test_restore_brings_back_the_backup_and_backs_up_what_it_replaces(
    district_path: Path, workspace: Workspace
) -> None:
    add_members(workspace, ["Bottega Equa"])
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    add_members(workspace, ["Orto Sociale"])
    workspace.close()
    result = restore(backup, district_path, now=MOMENT)
    assert member_names(district_path) == ["Bottega Equa"]
    assert result.safety_backup is not None and result.set_aside is None
    assert result.safety_backup.name == "distretto-20261126-103015-prima-del-ripristino.des"
    assert member_names(result.safety_backup) == ["Bottega Equa", "Orto Sociale"]
    assert [e.reason for e in district_backups(district_path)] == [
        Reason.BEFORE_RESTORE,
        Reason.MANUAL,
    ]
    assert sorted(p.name for p in district_path.parent.iterdir() if p.name != "home") == [
        ".distretto.des.lock",
        "distretto.des",
    ]  # no temporary, WAL or index file left beside it


def test_restore_refuses_a_district_open_elsewhere_and_changes_nothing(
    district_path: Path, workspace: Workspace
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT)
    add_members(workspace, ["Orto Sociale"])
    with pytest.raises(FileInUse, match="è aperto in un'altra finestra"):
        restore(backup, district_path, now=MOMENT)
    assert [row.name for row in workspace.members.list_rows()] == ["Orto Sociale"]
    assert len(district_backups(district_path)) == 1


def test_restore_refuses_a_damaged_backup_or_a_file_that_is_not_one(
    district_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()
    before = sha256(district_path)
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT)
    data = backup.read_bytes()
    truncated = tmp_path / "troncato.des"
    truncated.write_bytes(data[: len(data) // 2])
    not_one = tmp_path / "lettera.des"
    not_one.write_bytes(b"Gentile segretaria, " * 500)
    with pytest.raises(RestoreFailed, match=r"troncato\.des non si può ripristinare.*danneggiato"):
        restore(truncated, district_path)
    with pytest.raises(RestoreFailed, match="non è un file di distretto"):
        restore(not_one, district_path)
    assert sha256(district_path) == before
    assert len(district_backups(district_path)) == 1


def test_a_backup_taken_before_a_migration_is_upgraded_at_the_next_open(
    tmp_path: Path,
) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, KNOWN_REVISIONS[1])
    backup = take_backup(old, Reason.BEFORE_UPGRADE, now=MOMENT - timedelta(days=1))
    open_workspace(old).close()  # upgraded to the head
    assert inspect_file(old).revision == HEAD_REVISION
    restore(backup, old, now=MOMENT)
    assert inspect_file(old).revision == KNOWN_REVISIONS[1]
    with open_workspace(old) as reopened:
        assert reopened.members.count() == 0
    assert inspect_file(old).revision == HEAD_REVISION
    listed = list_backups(old)
    newest = next(item for item in listed if item.entry.reason is Reason.BEFORE_RESTORE)
    assert newest.facts is not None and newest.facts.revision == HEAD_REVISION
    # The copies made beside the file before each upgrade are offered too.
    beside = [item for item in listed if item.path.parent == old.parent]
    assert [item.path.name for item in beside] == [f"vecchio.des.pre-{KNOWN_REVISIONS[1]}.bak"]
    assert beside[0].entry.reason is Reason.BEFORE_UPGRADE
    assert beside[0].facts is not None and beside[0].facts.revision == KNOWN_REVISIONS[1]


def test_restore_into_a_missing_file_just_puts_the_backup_there(
    district_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    add_members(workspace, ["Bottega Equa"])
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT)
    workspace.close()
    elsewhere = tmp_path / "ripristinato.des"
    result = restore(backup, elsewhere)
    assert result.safety_backup is None and result.set_aside is None
    assert member_names(elsewhere) == ["Bottega Equa"]


def test_restore_folds_in_a_wal_left_by_a_crash_before_backing_up(
    district_path: Path, workspace: Workspace
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    add_members(workspace, ["Orto Sociale"])
    # A crash: the file as it was on disk, the last change only in the WAL beside it.
    wal = district_path.with_name(district_path.name + "-wal")
    crashed = district_path.read_bytes(), wal.read_bytes()
    assert crashed[1]  # the change is in the WAL
    workspace.close()
    district_path.write_bytes(crashed[0])
    wal.write_bytes(crashed[1])
    result = restore(backup, district_path, now=MOMENT)
    assert result.safety_backup is not None
    assert member_names(result.safety_backup) == ["Orto Sociale"]
    assert member_names(district_path) == []
    assert not wal.exists()


def test_a_read_only_location_loses_nothing(
    district_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_members(workspace, ["Bottega Equa"])
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    add_members(workspace, ["Orto Sociale"])
    workspace.close()
    before = sha256(district_path)
    real_replace = __import__("os").replace

    def refuse_district(source: object, target: object) -> None:
        if Path(str(target)) == district_path:  # the backup before it may be written
            raise OSError(errno.EROFS, "Read-only file system")
        real_replace(source, target)

    monkeypatch.setattr("desdesk.atomic.os.replace", refuse_district)
    with pytest.raises(RestoreFailed) as caught:
        restore(backup, district_path, now=MOMENT)
    assert "il disco è in sola lettura" in caught.value.message
    assert "non è stato modificato" in caught.value.message
    assert sha256(district_path) == before
    assert member_names(district_path) == ["Bottega Equa", "Orto Sociale"]


def test_a_target_under_a_file_is_refused_clearly(
    district_path: Path, workspace: Workspace, tmp_path: Path
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT)
    workspace.close()
    blocker = tmp_path / "documento.txt"
    blocker.write_text("non una cartella")
    with pytest.raises(RestoreFailed, match=r"la cartella .* non esiste"):
        restore(backup, blocker / "distretto.des")
    assert blocker.read_text() == "non una cartella"


def test_restoring_a_backup_onto_itself_is_refused(
    district_path: Path, workspace: Workspace
) -> None:
    workspace.close()
    with pytest.raises(RestoreFailed, match="stesso file"):
        restore(district_path, district_path)
    with sqlite3.connect(district_path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_the_rotation_before_a_restore_spares_the_backup_being_restored(
    district_path: Path, workspace: Workspace
) -> None:
    from desdesk import settings

    add_members(workspace, ["Bottega Equa"])
    oldest = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=3))
    add_members(workspace, ["Orto Sociale"])
    take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=2))
    take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    prefs = settings.load()  # from now on only the newest two are kept
    prefs.backup_keep_last, prefs.backup_keep_daily_days = 2, 0
    prefs.backup_keep_monthly_months = 0
    settings.save(prefs)
    restore(oldest, district_path, now=MOMENT)
    assert member_names(district_path) == ["Bottega Equa"]
    assert oldest.exists()  # spared this time; the next rotation may let it go


def test_a_clock_set_back_never_costs_the_new_backup(
    district_path: Path, workspace: Workspace
) -> None:
    from desdesk.domain.backup_policy import RetentionPolicy

    policy = RetentionPolicy(keep_last=1, daily_days=0, monthly_months=0)
    take_backup(district_path, Reason.MANUAL, now=MOMENT, policy=policy)
    made = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(days=9), policy=policy)
    assert made.exists()


def test_a_backup_of_another_district_is_restored_only_when_allowed(tmp_path: Path) -> None:
    from desdesk.schemas import DistrictProfile
    from desdesk.services.backup_restore import OtherDistrict, is_other_district
    from desdesk.services.workspace import create_workspace

    path = tmp_path / "distretto.des"
    profile = DistrictProfile(name="DES Alto Garda", kind="territoriale", territory="Arco")
    create_workspace(path, profile).close()
    other = take_backup(path, Reason.MANUAL, now=MOMENT - timedelta(days=30))
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Rovereto")
    with create_workspace(path, profile) as workspace:
        add_members(workspace, ["Bottega Equa"])
    before = sha256(path)
    assert other in [e.path for e in district_backups(path)]  # offered, the path held it
    assert is_other_district(other, path)
    with pytest.raises(OtherDistrict, match="è di un altro distretto") as caught:
        restore(other, path, now=MOMENT)
    assert "non è stato modificato" in caught.value.message
    assert sha256(path) == before
    result = restore(other, path, now=MOMENT, allow_other_district=True)
    with open_workspace(path) as reopened:
        assert reopened.district.profile().name == "DES Alto Garda"
    assert result.safety_backup is not None
    assert member_names(result.safety_backup) == ["Bottega Equa"]
    assert not is_other_district(result.safety_backup, result.safety_backup.parent / "nessuno.des")


def test_sqlite_failures_are_told_in_italian_and_logged(
    district_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    from desdesk.db import files

    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    before = sha256(district_path)
    calls: list[int] = []
    real_check = files._check_copy

    def failing_second_check(conn: sqlite3.Connection) -> None:
        calls.append(1)
        if len(calls) == 2:  # the safety backup passes, the restored copy does not
            raise sqlite3.DatabaseError("database disk image is malformed")
        real_check(conn)

    monkeypatch.setattr(files, "_check_copy", failing_second_check)
    with pytest.raises(RestoreFailed) as caught:
        restore(backup, district_path, now=MOMENT)
    assert "non è risultata integra" in caught.value.message
    assert "malformed" not in caught.value.message
    assert "database disk image is malformed" in caplog.text
    assert sha256(district_path) == before
