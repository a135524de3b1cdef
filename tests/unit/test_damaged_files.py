"""A damaged district file is refused untouched (same SHA-256), set aside only when asked,
and its newest good backup is found even though the file itself cannot be read."""

from __future__ import annotations

import errno
import hashlib
import os
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desdesk.db.district_file import DamagedFile, DistrictFileError, FileInUse, take_lock
from desdesk.services.backup_restore import RestoreFailed, restore, set_aside_damaged
from desdesk.services.backup_summary import newest_good_backup
from desdesk.services.backups import Reason, backup_on_opening, take_backup
from desdesk.services.workspace import Workspace, open_workspace
from tests.roll_call_setup import add_members

MOMENT = datetime(2026, 11, 26, 10, 30, 15)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def randomise(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))


@pytest.mark.parametrize(
    ("damage", "error"), [(truncate, DamagedFile), (randomise, DistrictFileError)]
)
def test_a_damaged_file_is_refused_untouched(
    district_path: Path, workspace: Workspace, damage: object, error: type[Exception]
) -> None:
    add_members(workspace, ["Bottega Equa"])
    workspace.close()
    damage(district_path)  # type: ignore[operator]
    before = sha256(district_path)
    listing = sorted(os.listdir(district_path.parent))
    told: list[str] = []
    with pytest.raises(error):
        open_workspace(district_path, on_opening=backup_on_opening(told.append))
    assert sha256(district_path) == before
    assert sorted(os.listdir(district_path.parent)) == listing
    assert told == []  # no backup of a damaged file was attempted


def test_the_truncated_file_message_is_plain_italian(
    district_path: Path, workspace: Workspace
) -> None:
    workspace.close()
    truncate(district_path)
    with pytest.raises(DamagedFile) as caught:
        open_workspace(district_path)
    assert caught.value.message.startswith("Il file distretto.des è danneggiato")


def test_the_newest_good_backup_of_a_damaged_file_is_found_and_restored(
    district_path: Path, workspace: Workspace
) -> None:
    add_members(workspace, ["Bottega Equa"])
    older = take_backup(district_path, Reason.OPENING, now=MOMENT - timedelta(days=2))
    add_members(workspace, ["Orto Sociale"])
    newer = take_backup(district_path, Reason.CLOSING, now=MOMENT - timedelta(days=1))
    workspace.close()
    truncate(newer)  # a backup damaged too: skipped
    truncate(district_path)
    damaged = sha256(district_path)
    found = newest_good_backup(district_path)
    assert found is not None and found.path == older
    assert sha256(district_path) == damaged  # looking did not touch it
    aside = set_aside_damaged(district_path, MOMENT)
    assert aside.name == "distretto.des.danneggiato-20261126-103015"
    assert sha256(aside) == damaged and not district_path.exists()
    result = restore(found.path, district_path, now=MOMENT)
    assert result.safety_backup is None
    with open_workspace(district_path) as reopened:
        assert [row.name for row in reopened.members.list_rows()] == ["Bottega Equa"]
    assert sha256(aside) == damaged


def test_restore_over_a_damaged_file_sets_it_aside_first(
    district_path: Path, workspace: Workspace
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    truncate(district_path)
    damaged = sha256(district_path)
    result = restore(backup, district_path, now=MOMENT)
    assert result.set_aside is not None and sha256(result.set_aside) == damaged
    with open_workspace(district_path) as reopened:
        assert reopened.district.profile().name == "DES Vallagarina"


def test_a_damaged_file_with_no_backup_has_none_to_offer(tmp_path: Path) -> None:
    lost = tmp_path / "perso.des"
    lost.write_bytes(random.Random(3).randbytes(8192))
    assert newest_good_backup(lost) is None


def refuse_writing(monkeypatch: pytest.MonkeyPatch, target: Path, also_put_back: bool) -> None:
    """The disk refuses the restored copy (and, if asked, putting the damaged file back)."""
    real_replace = os.replace

    def replace(source: object, destination: object) -> None:
        at_target = Path(str(destination)) == target
        putting_back = ".danneggiato-" in Path(str(source)).name
        if at_target and (not putting_back or also_put_back):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)


def test_a_failed_restore_over_a_damaged_file_puts_it_back(
    district_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    truncate(district_path)
    damaged = sha256(district_path)
    refuse_writing(monkeypatch, district_path, also_put_back=False)
    with pytest.raises(RestoreFailed) as caught:
        restore(backup, district_path, now=MOMENT)
    assert "il disco è pieno" in caught.value.message
    assert "non è stato modificato" in caught.value.message
    assert sha256(district_path) == damaged  # back where it was, byte for byte
    assert list(district_path.parent.glob("*.danneggiato-*")) == []


def test_a_damaged_file_that_cannot_be_put_back_is_said_where_it_is(
    district_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    truncate(district_path)
    damaged = sha256(district_path)
    refuse_writing(monkeypatch, district_path, also_put_back=True)
    with pytest.raises(RestoreFailed) as caught:
        restore(backup, district_path, now=MOMENT)
    (aside,) = district_path.parent.glob("distretto.des.danneggiato-*")
    assert sha256(aside) == damaged
    assert f"messo da parte, senza modifiche, in {aside}" in caught.value.message
    assert "non è stato modificato" not in caught.value.message


def test_a_file_that_is_not_a_district_file_is_set_aside_only_when_asked(
    district_path: Path, workspace: Workspace
) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    randomise(district_path)
    scrambled = sha256(district_path)
    with pytest.raises(RestoreFailed, match=r"distretto\.des non viene sostituito"):
        restore(backup, district_path, now=MOMENT)
    assert sha256(district_path) == scrambled
    result = restore(backup, district_path, now=MOMENT, set_aside_unreadable=True)
    assert result.set_aside is not None and sha256(result.set_aside) == scrambled
    with open_workspace(district_path) as reopened:
        assert reopened.district.profile().name == "DES Vallagarina"


def test_setting_aside_waits_for_the_lock(district_path: Path, workspace: Workspace) -> None:
    backup = take_backup(district_path, Reason.MANUAL, now=MOMENT - timedelta(hours=1))
    workspace.close()
    randomise(district_path)
    scrambled = sha256(district_path)
    lock = take_lock(district_path, "in uso")  # another window is opening it
    try:
        with pytest.raises(FileInUse):
            restore(backup, district_path, now=MOMENT, set_aside_unreadable=True)
    finally:
        lock.release()
    assert sha256(district_path) == scrambled
    assert list(district_path.parent.glob("*.danneggiato-*")) == []
