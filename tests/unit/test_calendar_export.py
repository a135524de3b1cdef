"""The .ics export read back with icalendar: events, stable UIDs, cancelled, year filter."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from desdesk.schemas import AgendaItemInput, AssemblyInput, DistrictProfile
from desdesk.services.calendar_export import event_uid
from desdesk.services.workspace import Workspace, create_workspace
from tests.raw_sql import raw_rows


def uid(workspace: Workspace, assembly_id: int) -> str:
    """The UID the export gives an assembly of this district."""
    ((district_uid,),) = raw_rows(workspace, "SELECT uid FROM district")
    return event_uid(assembly_id, district_uid)


def events(path: Path) -> dict[str, Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def plan_three(workspace: Workspace) -> tuple[int, int, int]:
    service = workspace.assemblies
    spring = service.plan(
        AssemblyInput(
            first_call_date=date(2026, 4, 10),
            first_call_time=time(20, 30),
            title="Assemblea di primavera",
            place="Sala civica, Rovereto",
            remote_link="https://meet.example.it/des",
        ),
        [AgendaItemInput("Bilancio", "Approvazione del bilancio"), AgendaItemInput("Varie")],
    )
    autumn = service.plan(AssemblyInput(first_call_date=date(2026, 10, 3)), [])
    old = service.plan(AssemblyInput(first_call_date=date(2025, 11, 5), title="Vecchia"), [])
    return spring, autumn, old


def test_one_event_per_assembly_with_time_place_agenda(
    workspace: Workspace, tmp_path: Path
) -> None:
    spring, autumn, old = plan_three(workspace)
    out = tmp_path / "assemblee.ics"
    assert workspace.assemblies.export_calendar(out) == 3
    calendar = Calendar.from_ical(out.read_bytes())
    assert str(calendar["x-wr-calname"]) == "Assemblee – DES Vallagarina"
    found = events(out)
    assert set(found) == {uid(workspace, i) for i in (spring, autumn, old)}
    event = found[uid(workspace, spring)]
    assert event.decoded("dtstart") == datetime(2026, 4, 10, 20, 30)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=2)
    assert str(event["location"]) == "Sala civica, Rovereto"
    description = str(event["description"])
    assert "https://meet.example.it/des" in description
    assert "1. Bilancio" in description and "2. Varie" in description
    assert "DES Vallagarina" in str(event["organizer"].params["cn"])
    assert str(event["status"]) == "CONFIRMED"
    all_day = found[uid(workspace, autumn)]
    assert all_day.decoded("dtstart") == date(2026, 10, 3)


def test_uids_stable_across_exports_and_cancelled(workspace: Workspace, tmp_path: Path) -> None:
    spring, autumn, _old = plan_three(workspace)
    first = events_of(workspace, tmp_path / "a.ics")
    workspace.district.update_profile(
        DistrictProfile(name="DES Lagarina", kind="territoriale", territory="Vallagarina")
    )
    workspace.assemblies.update(
        spring, AssemblyInput(first_call_date=date(2026, 4, 17), title="Spostata"), []
    )
    workspace.assemblies.cancel(autumn)
    second = events_of(workspace, tmp_path / "b.ics")
    assert set(first) == set(second)
    assert str(second[uid(workspace, autumn)]["status"]) == "CANCELLED"
    assert "Spostata" in str(second[uid(workspace, spring)]["summary"])


def events_of(workspace: Workspace, path: Path) -> dict[str, Any]:
    workspace.assemblies.export_calendar(path)
    return events(path)


def test_year_filter(workspace: Workspace, tmp_path: Path) -> None:
    spring, autumn, old = plan_three(workspace)
    out = tmp_path / "2025.ics"
    assert workspace.assemblies.export_calendar(out, year=2025) == 1
    assert set(events(out)) == {uid(workspace, old)}
    workspace.assemblies.export_calendar(out, year=2026)
    assert set(events(out)) == {uid(workspace, i) for i in (spring, autumn)}


def test_two_districts_never_share_a_uid(tmp_path: Path) -> None:
    uids = []
    for name in ("uno", "due"):
        path = tmp_path / f"{name}.des"
        with create_workspace(
            path, DistrictProfile(name=f"DES {name}", kind="tematico", sector=11)
        ) as ws:
            ws.assemblies.plan(
                AssemblyInput(first_call_date=date(2027, 3, 1), place="Sala"),
                [AgendaItemInput("Bilancio")],
            )
            out = tmp_path / f"{name}.ics"
            ws.assemblies.export_calendar(out)
            uids.append(set(events(out)))
    assert len(uids[0]) == len(uids[1]) == 1
    assert uids[0].isdisjoint(uids[1])
