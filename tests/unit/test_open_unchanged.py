"""Opening a file unchanged since its last checked backup spares the integrity check;
any other opening makes it (issue 8: 75 ms of start-up on a 5,000-member district)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desdesk.db import district_file
from desdesk.services.workspace import Workspace, open_workspace


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement run on the read-only connections that inspect a file."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(seen.append)
        return connection

    monkeypatch.setattr(district_file.sqlite3, "connect", traced)
    return seen


def _closed(workspace: Workspace) -> Path:
    path = workspace.path
    assert path is not None
    workspace.close()
    return path


def test_a_file_as_its_last_backup_is_not_checked_again(
    workspace: Workspace, statements: list[str]
) -> None:
    path = _closed(workspace)
    asked: list[Path] = []

    def unchanged(candidate: Path) -> bool:
        asked.append(candidate)
        return True

    with open_workspace(path, unchanged=unchanged) as reopened:
        assert reopened.district.profile().name == "DES Vallagarina"
    assert asked == [path, path]  # before the lock, and again once it is held
    assert not any("quick_check" in statement for statement in statements)
    assert any("alembic_version" in statement for statement in statements)


def test_any_other_file_is_checked(workspace: Workspace, statements: list[str]) -> None:
    path = _closed(workspace)
    with open_workspace(path, unchanged=lambda _path: False):
        pass
    with open_workspace(path):
        pass
    assert sum("quick_check" in statement for statement in statements) == 2


def test_a_file_changed_before_the_lock_was_taken_is_checked(
    workspace: Workspace, statements: list[str]
) -> None:
    path = _closed(workspace)
    answers = iter([True, False])  # unchanged when first looked at, changed under the lock
    with open_workspace(path, unchanged=lambda _path: next(answers)):
        pass
    assert sum("quick_check" in statement for statement in statements) == 1
