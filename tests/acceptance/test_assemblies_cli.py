"""`desdesk assemblies list` and `desdesk calendar`: output, exit codes 0/1/2."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, time
from pathlib import Path

import pytest
from icalendar import Calendar

from desdesk.main import main
from desdesk.schemas import AgendaItemInput, AssemblyInput, DistrictProfile
from desdesk.services.workspace import create_workspace


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "vallagarina.des"
    profile = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    with create_workspace(path, profile) as workspace:
        service = workspace.assemblies
        spring = service.plan(
            AssemblyInput(date(2026, 4, 10), title="Primavera", first_call_time=time(20, 30)),
            [AgendaItemInput("Bilancio")],
        )
        service.plan(AssemblyInput(date(2025, 11, 5), title="Autunno", kind="straordinaria"), [])
        service.cancel(spring)
    return path


def test_list_as_text(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("assemblies", "list", district) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "2\t05/11/2025\tPianificata\tStraordinaria\tAutunno",
        "1\t10/04/2026 20:30\tAnnullata\tOrdinaria\tPrimavera",
    ]


def test_list_as_json(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("assemblies", "list", district, "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["date"], r["status"], r["kind"], r["title"]) for r in rows] == [
        (2, "2025-11-05", "pianificata", "straordinaria", "Autunno"),
        (1, "2026-04-10", "annullata", "ordinaria", "Primavera"),
    ]
    assert rows[1]["time"] == "20:30"


def test_calendar_with_year(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "assemblee.ics"
    assert run("calendar", district, "-o", out, "--year", "2026") == 0
    assert "1 assemblea" in capsys.readouterr().out
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    with sqlite3.connect(district) as conn:
        (district_uid,) = conn.execute("SELECT uid FROM district").fetchone()
    assert [str(e["uid"]) for e in events] == [f"assembly-1-{district_uid}@desdesk"]
    assert str(events[0]["status"]) == "CANCELLED"
    assert run("calendar", district, "-o", out) == 0
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 2


def test_refusals_exit_1(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("assemblies", "list", tmp_path / "manca.des") == 1
    assert "manca.des" in capsys.readouterr().err
    assert run("calendar", district, "-o", tmp_path / "nessuna" / "cartella" / "a.ics") == 1
    assert "Non riesco a salvare" in capsys.readouterr().err
    assert run("calendar", district, "-o", district) == 1
    assert "file del distretto" in capsys.readouterr().err


def test_usage_errors_exit_2(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("assemblies", district) == 2
    assert run("calendar", district) == 2
    assert run("calendar", district, "-o", tmp_path / "a.ics", "--year", "duemila") == 2
    assert "anno non valido" in capsys.readouterr().err
