"""Shared fixtures: every test gets its own user folder and its own district file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desdesk.i18n import set_language

# Qt tests run headless everywhere (also when pytest is called without `make test`).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.postgres.databases import database_at_head, drop_database, server_under_test

# Tests of the district *file* (its format, locks, backups, upgrades of old files, what
# SQLite does when the disk fails): they test what a server district does not have, so
# `make test-postgres` leaves them out (`-m "not district_file"`); `make test` runs them.
DISTRICT_FILE_MODULES = frozenset(
    {
        "test_atomic",
        "test_backup_cli",
        "test_backup_gui",
        "test_backup_jobs",
        "test_backup_freshness",
        "test_backup_restore",
        "test_backups",
        "test_damaged_files",
        "test_district_file",
        "test_failed_writes",
        "test_locks",
        "test_main_window",
        "test_migration_0002",
        "test_migration_0003",
        "test_migration_0004",
        "test_migration_0006",
        "test_migration_0007",
        "test_migration_0008",
        "test_migration_0009",
        "test_open_unchanged",
        "test_private_files",
        "test_restore_gui",
        "test_upgrades",
        "test_whole_files",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in DISTRICT_FILE_MODULES:
            item.add_marker(pytest.mark.district_file)


@pytest.fixture(autouse=True)
def desdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Preferences, logs and demo files go to a fresh folder; Italian is the language."""
    home = tmp_path / "home"
    monkeypatch.setenv("DESDESK_HOME", str(home))
    set_language("it")
    yield home
    set_language("it")


@pytest.fixture
def district_path(tmp_path: Path) -> Path:
    return tmp_path / "distretto.des"


VALLAGARINA = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")


@pytest.fixture
def workspace(district_path: Path) -> Iterator[Workspace]:
    """An open, empty territorial district: in a file, or in a fresh database on the
    test server under `make test-postgres` (tests/postgres/)."""
    server = server_under_test()
    url = database_at_head(server) if server is not None else None
    if url is not None:
        ws = open_workspace(url)
        ws.district.create_profile(VALLAGARINA)
    else:
        ws = create_workspace(district_path, VALLAGARINA)
    yield ws
    background = sys.modules.get("desdesk.ui.tasks")
    if background is not None:  # GUI tests: no background read outlives the file
        background.wait_for_background_work()
    ws.close()
    if url is not None:
        drop_database(url)
