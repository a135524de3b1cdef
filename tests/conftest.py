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
