"""`desdesk demo FILE.des [--members N] [--years Y] [--seed S]`: exit codes and the file made."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desdesk.domain.enums import OfficeKind
from desdesk.main import main
from desdesk.services.workspace import open_workspace


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


def test_creates_a_district_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.des"
    assert run("demo", path, "--members", 25, "--years", 3, "--seed", 4) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"Creato {path}: distretto dimostrativo con 25 aderenti."
    assert err == ""
    with open_workspace(path) as ws:
        profile = ws.district.profile()
        assert profile.name.startswith("DES ")
        assert profile.founding_date is not None
        assert date.today().year - profile.founding_date.year == 3
        assert ws.members.count() == 25
        assert ws.offices.current_holders(OfficeKind.COORDINATOR)
        assert ws.district.objectives() and ws.district.documents()


def test_defaults_are_60_members(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.des"
    assert run("demo", path) == 0
    assert "60 aderenti" in capsys.readouterr().out
    with open_workspace(path) as ws:
        assert ws.members.count() == 60


def test_an_existing_file_exits_1_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.des"
    assert run("demo", path, "--members", 5) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert run("demo", path) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("desdesk: errore: ") and "esiste già" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "options",
    [
        ["--members", "0"],
        ["--members", "-4"],
        ["--members", "molti"],
        ["--years", "0"],
        ["--seed", "x"],
        [],
    ],
    ids=["zero-members", "negative-members", "not-a-number", "zero-years", "bad-seed", "no-file"],
)
def test_bad_arguments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    path = tmp_path / "demo.des"
    file_argument = [str(path)] if options else []
    assert run("demo", *file_argument, *options) == 2
    err = capsys.readouterr().err
    assert "uso: desdesk demo" in err and "errore" in err
    assert not path.exists()


def test_python_dash_m_desdesk_demo(tmp_path: Path) -> None:
    """The installed entry point end to end, in a process of its own."""
    path = tmp_path / "processo.des"
    env = {**os.environ, "DESDESK_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "desdesk", "demo", str(path), "--members", "12"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "12 aderenti" in result.stdout
    with open_workspace(path) as ws:
        assert ws.members.count() == 12
