"""Read-models of the assembly documents and records (issue 3), beside `desdesk.schemas`.

Plain frozen dataclasses, like the rest of the read-models: what the attendance record,
the roll call header, the approved minutes' snapshot and the PDFs of an assembly need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from desdesk.schemas import (
    AssemblyRead,
    GuestRead,
    MinutesRead,
    RollCallRow,
    TaskRead,
)

# -- assembly documents (issue 3) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConvocationRecipient:
    """Who a convocation letter is addressed to: the member, care of its referent."""

    member_id: int
    member_name: str
    referent: str = ""
    address: str = ""  # street on the first line, "CAP Comune (PR)" on the second
    email: str = ""


@dataclass(frozen=True, slots=True)
class MinutesDocument:
    """Everything the Verbale prints: the assembly, one revision of its minutes, the roll
    call, the guests and the tasks assigned; `quorum_required` for the call held."""

    assembly: AssemblyRead
    minutes: MinutesRead
    roll_call: tuple[RollCallRow, ...] = ()
    guests: tuple[GuestRead, ...] = ()
    tasks: tuple[TaskRead, ...] = ()
    quorum_required: int = 1
    previous_approved_on: date | None = None


@dataclass(frozen=True, slots=True)
class AttendanceRegisterRow:
    """One member of the Registro presenze: its status at each assembly it was convened to
    (by assembly id; an assembly missing from `statuses` was before it joined or after it
    left; a `None` status was not recorded)."""

    member_id: int
    member_name: str
    statuses: dict[int, str | None] = field(default_factory=dict)
    # The current run of absences over every assembly held up to the period's end (None:
    # count it over the register's assemblies only).
    current_absence_run: int | None = None


@dataclass(frozen=True, slots=True)
class AttendanceRegister:
    """The assemblies held in a period, oldest first, and the members convened to them."""

    start: date | None
    end: date | None
    assemblies: tuple[AssemblyRead, ...] = ()
    rows: tuple[AttendanceRegisterRow, ...] = ()
    exclusion_threshold: int = 3


@dataclass(frozen=True, slots=True)
class MemberAttendanceRow:
    """One member's attendance record over a period (the fields of `MemberAttendance`),
    flagged when its current run of absences reaches the exclusion threshold; `run_*` name
    the assemblies of that run, oldest first."""

    member_id: int
    name: str
    convened: int
    present_primary: int
    present_substitute: int
    represented: int
    absent_justified: int
    absent: int
    current_absence_run: int
    flagged: bool = False
    run_assembly_ids: tuple[int, ...] = ()
    run_dates: tuple[date, ...] = ()
    rate: float | None = None


@dataclass(frozen=True, slots=True)
class RollCallHeader:
    """What the roll call shows above the list: the day, the call held and the times."""

    assembly_id: int
    day: date
    call_held: str | None
    started_at: time | None
    ended_at: time | None
    has_second_call: bool


def held_on(assembly: AssemblyRead) -> date:
    """The day an assembly met: its second call's date if that is the call held."""
    data = assembly.data
    if assembly.call_held == "seconda" and data.second_call_date is not None:
        return data.second_call_date
    return data.first_call_date
