"""A small district with one held assembly: convened, roll call, guest, minutes, a task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from desdesk.domain.enums import AttendanceStatus, Call, OfficeKind
from desdesk.schemas import (
    AgendaItemInput,
    AssemblyInput,
    MinutesInput,
    MinutesItemInput,
    OfficeInput,
    TaskInput,
)
from desdesk.services.workspace import Workspace
from tests.report_district import ACCENTED, COOPERATIVE, NO_REFERENT, populate

HELD = date(2026, 10, 8)
FUTURE = date(2027, 1, 14)
COORDINATOR = "Sara Valduga"


@dataclass(frozen=True)
class AssemblyDistrict:
    members: dict[str, int]
    held: int
    minutes: int
    future: int


def populate_assemblies(workspace: Workspace) -> AssemblyDistrict:
    """The report district's members, a coordinator, an assembly held on HELD (two members
    present, one by proxy; a guest; minutes with two voted items and a task) and one
    planned for FUTURE without minutes."""
    members = populate(workspace)
    workspace.offices.assign(
        OfficeInput(OfficeKind.COORDINATOR.value, COORDINATOR, date(2024, 1, 1))
    )
    service = workspace.assemblies
    held = service.plan(
        AssemblyInput(
            HELD,
            title="Assemblea d'autunno",
            first_call_time=time(18, 0),
            second_call_date=date(2026, 10, 9),
            second_call_time=time(20, 30),
            place="Sala civica, Rovereto",
        ),
        [AgendaItemInput("Bilancio 2025", "Consuntivo e preventivo."), AgendaItemInput("Festa")],
    )
    service.convene(held, date(2026, 9, 25), "email")
    attendance = workspace.attendance
    attendance.start(held, Call.FIRST, time(18, 10))
    attendance.set_status(held, members[ACCENTED], AttendanceStatus.PRESENT_PRIMARY)
    attendance.set_status(held, members[COOPERATIVE], AttendanceStatus.PRESENT_SUBSTITUTE)
    attendance.set_status(
        held, members[NO_REFERENT], AttendanceStatus.PROXY, proxy_holder_id=members[ACCENTED]
    )
    attendance.add_guest(held, "Mario Verdi", "Comune di Rovereto")
    attendance.end(held, time(20, 5))
    minutes = workspace.minutes.draft(held)
    workspace.minutes.save(
        minutes,
        MinutesInput(
            president="Nicolò Dell'Antonio",
            secretary="Giulia Bertolini",
            items=[
                MinutesItemInput("Bilancio 2025", "Il tesoriere illustra.", "Si approva.", 2, 0, 1),
                MinutesItemInput("Festa", "", "La festa si terrà il 12 aprile.", 3, 0, 0),
            ],
        ),
    )
    item = workspace.minutes.get(minutes).item_ids[1]
    workspace.tasks.add(
        TaskInput(members[COOPERATIVE], "Prenotare la sala", date(2027, 3, 1), held, item)
    )
    future = service.plan(AssemblyInput(FUTURE, place="Sala civica, Rovereto"), [])
    return AssemblyDistrict(members, held, minutes, future)
