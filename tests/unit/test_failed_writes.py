"""A change the disk refuses (full, read-only) is rolled back and explained in plain
Italian, and what was saved before it is intact: through real service calls, with
SQLite made to refuse on the workspace's own connections."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from desdesk.domain.errors import DesdeskError
from desdesk.services.base import DiskFull, ReadOnlyFile, WriteFailed, write_failure
from desdesk.services.workspace import Workspace, open_workspace
from tests.factories import member_input

Pragma = Callable[[sqlite3.Connection], None]


@contextmanager
def every_connection(workspace: Workspace, pragma: Pragma) -> Iterator[None]:
    """Run `pragma` on each connection the services check out; fresh ones afterwards."""
    engine = workspace.file.engine

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pragma(dbapi_connection)

    event.listen(engine, "checkout", on_checkout)
    try:
        yield
    finally:
        event.remove(engine, "checkout", on_checkout)
        engine.dispose()  # the pooled connections keep their pragmas: drop them


def no_room_to_grow(connection: sqlite3.Connection) -> None:
    """The file may not grow by a page: the disk is full."""
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")


def read_only(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA query_only = ON")


def integrity(workspace: Workspace) -> str:
    with sqlite3.connect(workspace.path) as conn:
        (result,) = conn.execute("PRAGMA integrity_check").fetchone()
    return str(result)


def test_a_full_disk_refuses_the_edit_in_italian_and_keeps_what_was_saved(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    saved = workspace.members.add(member_input(notes="Prima nota"))
    long_notes = "Verbale dell'assemblea. " * 4000  # ~100 KB: the file must grow

    with every_connection(workspace, no_room_to_grow), caplog.at_level(logging.WARNING):
        with pytest.raises(DiskFull) as caught:
            workspace.members.update(saved, member_input(notes=long_notes))
        # The connection is usable after the rollback: the next read works.
        assert workspace.members.get(saved).data.notes == "Prima nota"

    assert caught.value.message == (
        "Il disco è pieno: la modifica non è stata salvata; quanto salvato prima è intatto. "
        "Libera spazio e riprova."
    )
    assert "database or disk is full" in caplog.text  # the reason is in the log
    assert long_notes[:40] not in caplog.text  # but not the data being written
    assert integrity(workspace) == "ok"
    # With room again, the same edit goes through ("Libera spazio e riprova").
    workspace.members.update(saved, member_input(notes=long_notes))
    assert workspace.members.get(saved).data.notes == long_notes.strip()


def test_a_full_disk_keeps_a_new_member_out_whole(workspace: Workspace) -> None:
    first = workspace.members.add(member_input("GAS Rovereto", tax_code=""))
    with every_connection(workspace, no_room_to_grow), pytest.raises(WriteFailed):
        for n in range(200):  # until a page is needed
            workspace.members.add(member_input(f"Aderente {n}", tax_code="", notes="Nota. " * 400))
    names = [name for _id, name, _former in workspace.members.names()]
    assert "GAS Rovereto" in names
    with sqlite3.connect(workspace.path) as conn:
        rows = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        logged = conn.execute(
            "SELECT count(*) FROM change_log WHERE table_name = 'member' AND action = 'insert'"
        ).fetchone()[0]
    # Every member in the file has its history line, and no history line lacks its member.
    assert rows == logged == len(names)
    assert workspace.members.get(first).data.name == "GAS Rovereto"
    assert integrity(workspace) == "ok"


def test_a_read_only_file_refuses_the_edit_in_italian(workspace: Workspace) -> None:
    saved = workspace.members.add(member_input(email="info@larete.example.it"))
    with every_connection(workspace, read_only), pytest.raises(ReadOnlyFile) as caught:
        workspace.members.update(saved, member_input(email="nuova@larete.example.it"))
    assert caught.value.message.startswith(
        "Il file del distretto è in una posizione di sola lettura: la modifica non è stata "
        "salvata; quanto salvato prima è intatto."
    )
    assert "readonly" not in caught.value.message
    assert workspace.members.get(saved).data.email == "info@larete.example.it"
    assert [row.action for row in workspace.history.rows("member", saved)] == ["insert"]


def test_the_refusal_survives_reopening_unchanged(workspace: Workspace) -> None:
    saved = workspace.members.add(member_input(notes="Prima nota"))
    with every_connection(workspace, read_only), pytest.raises(ReadOnlyFile):
        workspace.members.update(saved, member_input(notes="Seconda nota"))
    path = workspace.path
    workspace.close()
    with open_workspace(path) as reopened:
        assert reopened.members.get(saved).data.notes == "Prima nota"


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("database or disk is full", DiskFull),
        ("attempt to write a readonly database", ReadOnlyFile),
        ("disk I/O error", WriteFailed),
    ],
)
def test_sqlite_refusals_become_desdesk_errors(reason: str, expected: type) -> None:
    failure = write_failure(sqlite3.OperationalError(reason))
    assert isinstance(failure, expected) and isinstance(failure, DesdeskError)
    assert reason not in failure.message


def test_other_errors_are_left_alone() -> None:
    assert write_failure(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert write_failure(ValueError("database or disk is full")) is None
