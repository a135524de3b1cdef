"""District files, their backups and their copies are readable by the user only (POSIX
0600), whatever the umask; PDFs and exports keep the umask's mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desdesk.atomic import atomic_write
from desdesk.db.district_file import backup_path
from desdesk.db.schema import KNOWN_REVISIONS
from desdesk.schemas import DistrictProfile
from desdesk.services.backup_restore import restore
from desdesk.services.backups import Reason, take_backup
from desdesk.services.workspace import create_workspace, open_workspace
from tests.migrations import district_file_at

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

MOMENT = datetime(2026, 11, 26, 10, 30, 15)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A permissive umask, as many desktops have: only the code can make files private."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_district_file_its_backups_copies_and_restores_are_0600(tmp_path: Path) -> None:
    path = tmp_path / "distretto.des"
    workspace = create_workspace(
        path, DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Trento")
    )
    assert mode(path) == 0o600
    backup = take_backup(path, Reason.MANUAL, now=MOMENT)
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700
    assert mode(backup.parent / "source.json") == 0o600
    copy = tmp_path / "copia.des"
    workspace.save_copy(copy)
    assert mode(copy) == 0o600
    workspace.close()
    target = tmp_path / "ripristinato.des"
    restore(backup, target)
    assert mode(target) == 0o600


def test_the_copy_before_an_upgrade_is_0600(tmp_path: Path) -> None:
    old = tmp_path / "vecchio.des"
    district_file_at(old, KNOWN_REVISIONS[1])
    old.chmod(0o644)  # written by an older desdesk
    open_workspace(old).close()
    assert mode(backup_path(old, KNOWN_REVISIONS[1])) == 0o600


def test_a_restore_over_a_readable_file_leaves_it_private(tmp_path: Path) -> None:
    path = tmp_path / "distretto.des"
    create_workspace(
        path, DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Trento")
    ).close()
    backup = take_backup(path, Reason.MANUAL, now=MOMENT)
    path.chmod(0o644)
    restore(backup, path)
    assert mode(path) == 0o600


def test_pdfs_and_exports_keep_the_umask_mode(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "verbale.pdf") as handle:
        handle.write(b"%PDF-1.7")
    assert mode(tmp_path / "verbale.pdf") == 0o644
    with atomic_write(tmp_path / "dati.json", private=True) as handle:
        handle.write(b"{}")
    assert mode(tmp_path / "dati.json") == 0o600
