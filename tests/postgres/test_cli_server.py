"""The command line on a district on a server: a `postgresql://` address wherever a
FILE.des goes; `new` and `demo` fill an empty database; backups are refused with the
reason (the server's administrator makes them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desdesk.domain.enums import ReferentKind
from desdesk.main import main
from desdesk.services.workspace import Workspace, open_workspace
from tests.factories import member_input, referent_input
from tests.postgres.databases import drop_database, empty_database, server_under_test
from tests.raw_sql import raw_rows


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empty_url() -> Iterator[str]:
    """An empty database on the test server, with a password in its address (the test
    server trusts loopback, so the password is never asked: it must never be printed)."""
    base = server_under_test()
    assert base is not None
    url = empty_database(base)
    yield make_url(url).set(password="segretissima").render_as_string(hide_password=False)
    drop_database(url)


def test_new_creates_the_district_in_an_empty_database(
    empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    new = ("new", empty_url, "--name", "DES Primiero", "--kind", "territoriale")
    code, out, err = run(capsys, *new, "--territory", "Primiero")

    assert (code, err) == (0, "")
    assert out.startswith("Creato postgresql://") and "segretissima" not in out
    with open_workspace(empty_url) as workspace:
        assert workspace.on_server and workspace.district.profile().name == "DES Primiero"

    code, _out, err = run(capsys, *new, "--territory", "Primiero")  # not empty any more
    assert code == 1 and "non è vuoto" in err and "segretissima" not in err


def test_demo_fills_an_empty_database(empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo", empty_url, "--members", 6, "--years", 1)

    assert (code, err) == (0, "")
    assert "distretto dimostrativo con 6 aderenti" in out and "segretissima" not in out
    with open_workspace(empty_url) as workspace:
        assert workspace.members.count() >= 6
        assert workspace.history.enabled()  # switched back on after the demo's writes
        logged = {row.table for row in workspace.history.rows()}
    assert logged <= {"district"}


def test_reading_and_writing_commands_take_the_address(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = workspace.file.url
    assert url is not None
    workspace.members.add(member_input("GAS Rovereto"))

    code, out, _err = run(capsys, "check", url, "--json")
    assert code in (0, 1) and isinstance(json.loads(out), list)

    target = tmp_path / "aderenti.csv"
    assert run(capsys, "members", "export", url, target)[0] == 0
    assert "GAS Rovereto" in target.read_text(encoding="utf-8-sig")

    code, out, _err = run(capsys, "assemblies", "list", url, "--json")
    assert (code, json.loads(out)) == (0, [])


def test_the_erasure_on_a_server_speaks_of_the_servers_copies(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    url = workspace.file.url
    member = workspace.members.add(member_input("GAS Primiero"))
    anna = workspace.referents.set_referent(
        member, ReferentKind.PRIMARY, referent_input("Anna", "Gadotti"), since=date(2024, 1, 1)
    )
    workspace.referents.set_referent(member, ReferentKind.PRIMARY, referent_input("Bruno", "Loss"))

    code, out, err = run(capsys, "person", "erase", url, anna, "--yes")

    assert (code, err) == (0, "")
    assert "i backup del server fatti prima della cancellazione" in out and "VACUUM" in out
    logged = raw_rows(workspace, "SELECT before, after FROM change_log")
    assert not any("anna.gadotti" in str(value) for row in logged for value in row)


@pytest.mark.parametrize(
    "command",
    [("backup",), ("backups",), ("backups", "--json"), ("restore", "/tmp/qualsiasi.des")],
)
def test_backups_of_a_server_are_its_administrators(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    url = workspace.file.url
    name, *rest = command
    args = (name, *rest[:1], url) if name == "restore" else (name, url, *rest)

    code, out, err = run(capsys, *args)

    assert (code, out) == (1, "")
    assert "è su un server" in err and "pg_dump" in err
