"""`desdesk check FILE.des [--phase …] [--json]`: the readable output, the JSON objects
field by field, the phase filter and the exit codes."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desdesk.domain.check_types import Level
from desdesk.main import main
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import create_workspace, open_workspace
from tests.roll_call_setup import add_members

KEYS = {"rule", "level", "message", "source", "reason", "target"}
LEVELS = {level.value for level in Level}


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, list[Any]]:
    code, out, err = run(capsys, "check", *args, "--json")
    assert err == ""
    return code, json.loads(out)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A district just created: no members, no offices, nothing."""
    path = tmp_path / "vuoto.des"
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    create_workspace(path, profile).close()
    return path


@pytest.fixture
def three_members(empty: Path) -> Path:
    with open_workspace(empty) as workspace:
        add_members(
            workspace,
            ["Cooperativa Alfa", "Cooperativa Beta", "Cooperativa Gamma"],
            date(2024, 1, 1),
        )
    return empty


def test_json_lists_every_rule_with_its_fields(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, findings = run_json(capsys, empty)
    assert code == 1
    rules = [f["rule"] for f in findings]
    assert rules[0] == "C1" and rules[-1] == "H10"
    assert set(rules) == {f"C{n}" for n in range(1, 13)} | {f"H{n}" for n in range(1, 11)}
    for finding in findings:
        assert set(finding) == KEYS
        assert finding["level"] in LEVELS
        assert isinstance(finding["message"], str) and finding["message"]
        assert isinstance(finding["source"], str)
        target = finding["target"]
        assert target is None or set(target) == {"section", "record", "id"}
    (c1,) = [f for f in findings if f["rule"] == "C1"]
    assert c1["level"] == "errore"
    assert "0 aderenti attivi" in c1["message"]
    assert "1949/2020" in c1["source"]
    assert c1["reason"]
    assert c1["target"]["section"] == "members"
    (c12,) = [f for f in findings if f["rule"] == "C12"]
    assert c12["level"] == "errore"
    assert c12["target"]["section"] == "district"


def test_json_names_the_member_to_fix(
    three_members: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, findings = run_json(capsys, three_members, "--phase", "costituzione")
    (c1,) = [f for f in findings if f["rule"] == "C1"]
    assert c1["level"] == "ok"
    assert c1["message"].startswith("3 aderenti attivi")
    c4 = [f for f in findings if f["rule"] == "C4" and f["level"] == "avviso"]
    assert any("Cooperativa Alfa" in f["message"] for f in c4)  # no substitute
    assert all(f["target"]["section"] in {"members", "referents"} for f in c4)
    c3 = next(f for f in findings if f["rule"] == "C3")
    assert c3["level"] == "errore"  # a single legal form


def test_phase_filters_the_rules(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, constitution = run_json(capsys, empty, "--phase", "costituzione")
    assert {f["rule"][0] for f in constitution} == {"C"}
    assert code == 1
    code, health = run_json(capsys, empty, "--phase", "consolidamento")
    assert {f["rule"][0] for f in health} == {"H"}
    # An empty district breaks no health rule yet: warnings only, exit 0.
    assert all(f["level"] != "errore" for f in health)
    assert code == 0


def test_readable_output_by_phase_with_the_verdict(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", empty)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Verifica del distretto «DES Vallagarina» al ")
    assert "Costituzione" in lines and "Salute del distretto" in lines
    assert lines.index("Costituzione") < lines.index("Salute del distretto")
    assert any(line.startswith("  ✗ C1  Errore: 0 aderenti attivi") for line in lines)
    assert any(line.startswith("  ! C6  Avviso:") for line in lines)
    assert any(line.startswith("  ✓ H2  In regola:") for line in lines)
    assert any("Fonte: Delibera provinciale 1949/2020" in line for line in lines)
    verdict = next(line for line in lines if line.startswith("Esito:"))
    assert "non ancora pronto" in verdict and "C1" in verdict and "C12" in verdict
    assert lines[-1].startswith("5 errori, ")


def test_readable_output_of_one_phase(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "check", empty, "--phase", "consolidamento")
    assert code == 0
    assert "Salute del distretto" in out.splitlines()
    assert "Costituzione" not in out.splitlines()
    assert "Esito:" not in out
    assert out.splitlines()[-1].startswith("0 errori, ")


def test_a_wrong_phase_is_a_usage_error(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(empty), "--phase", "salute"]) == 2
    assert "fase non valida: salute" in capsys.readouterr().err


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", tmp_path / "nessuno.des", "--json")
    assert code == 1
    assert out == ""
    assert "nessuno.des" in err


class _ClosedPipe:
    """A stdout whose reader has gone away, as `desdesk check FILE | head -1` leaves it."""

    def __init__(self, sink: Path) -> None:
        self._fd = os.open(sink, os.O_WRONLY | os.O_CREAT)

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        return None

    def fileno(self) -> int:
        return self._fd


def test_a_reader_that_stops_early_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pipe.des"
    create_workspace(
        path, DistrictProfile(name="DES Pipa", kind="territoriale", territory="Val")
    ).close()
    monkeypatch.setattr("sys.stdout", _ClosedPipe(tmp_path / "sink"))
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert "errore imprevisto" not in err and "Traceback" not in err
