"""The call being held is a saved fact; statuses wait for the day; clearing them all
undoes "svolta"."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlmodel import Session

from desdesk.db.models import Assembly
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.domain.errors import Conflict
from desdesk.i18n import format_date
from desdesk.services.workspace import Workspace
from tests.roll_call_setup import add_members, approve_minutes, insert_assembly

P = AttendanceStatus.PRESENT_PRIMARY


def _assembly(workspace: Workspace, assembly_id: int) -> Assembly:
    with Session(workspace.file.engine) as session:
        assembly = session.get(Assembly, assembly_id)
        assert assembly is not None
        return assembly


def test_set_call_is_saved_and_decides_the_roll_call_day(workspace: Workspace) -> None:
    first = date(2026, 3, 10)
    early = add_members(workspace, ["Aderente Alfa"])[0]
    late = add_members(workspace, ["Aderente Beta"], joined_on=first + timedelta(days=1))[0]
    assembly = insert_assembly(workspace, first)
    assert [r.member_id for r in workspace.attendance.roll_call(assembly)] == [early]
    workspace.attendance.set_call(assembly, Call.SECOND)
    assert _assembly(workspace, assembly).call_held == "seconda"
    assert workspace.attendance.header(assembly).call_held == "seconda"
    assert [r.member_id for r in workspace.attendance.roll_call(assembly)] == [early, late]
    workspace.attendance.set_call(assembly, Call.FIRST)
    assert _assembly(workspace, assembly).call_held == "prima"


def test_set_call_refusals(workspace: Workspace) -> None:
    add_members(workspace, ["Aderente Alfa"])
    single = insert_assembly(workspace, date(2026, 3, 10), second_call_date=None)
    with pytest.raises(Conflict, match="non ha una seconda convocazione"):
        workspace.attendance.set_call(single, Call.SECOND)
    cancelled = insert_assembly(workspace, date(2026, 3, 10), status="annullata")
    with pytest.raises(Conflict, match="annullata"):
        workspace.attendance.set_call(cancelled, Call.SECOND)
    approved = insert_assembly(workspace, date(2026, 3, 10))
    approve_minutes(workspace, approved)
    with pytest.raises(Conflict, match="approvato"):
        workspace.attendance.set_call(approved, Call.SECOND)
    assert _assembly(workspace, approved).call_held is None


def test_no_status_before_the_day_of_the_call_held(workspace: Workspace) -> None:
    member = add_members(workspace, ["Aderente Alfa"])[0]
    day = date.today() + timedelta(days=3)
    assembly = insert_assembly(workspace, day)
    message = f"L'appello si fa il giorno dell'assemblea \\({format_date(day)}\\)"
    with pytest.raises(Conflict, match=message):
        workspace.attendance.set_status(assembly, member, P)
    assert _assembly(workspace, assembly).status == "convocata"
    assert workspace.attendance.roll_call(assembly)[0].status is None


def test_today_is_the_day(workspace: Workspace) -> None:
    member = add_members(workspace, ["Aderente Alfa"])[0]
    assembly = insert_assembly(workspace, date.today())
    workspace.attendance.set_status(assembly, member, P)
    assert _assembly(workspace, assembly).status == "svolta"


def test_second_call_day_decides_when_the_roll_call_opens(workspace: Workspace) -> None:
    member = add_members(workspace, ["Aderente Alfa"])[0]
    assembly = insert_assembly(workspace, date.today())  # second call tomorrow
    workspace.attendance.set_call(assembly, Call.SECOND)
    with pytest.raises(Conflict, match="L'appello si fa il giorno dell'assemblea"):
        workspace.attendance.set_status(assembly, member, P)


@pytest.mark.parametrize(
    ("convened_on", "back_to"), [(date(2026, 3, 1), "convocata"), (None, "pianificata")]
)
def test_clearing_the_last_status_undoes_held(
    workspace: Workspace, convened_on: date | None, back_to: str
) -> None:
    alfa, beta = add_members(workspace, ["Aderente Alfa", "Aderente Beta"])
    assembly = insert_assembly(workspace, date(2026, 3, 10), convened_on=convened_on)
    workspace.attendance.set_status(assembly, alfa, P)
    workspace.attendance.set_status(assembly, beta, P)
    workspace.attendance.set_status(assembly, alfa, None)
    assert _assembly(workspace, assembly).status == "svolta"
    workspace.attendance.set_status(assembly, beta, None)
    assert _assembly(workspace, assembly).status == back_to


def test_a_started_assembly_stays_held_without_statuses(workspace: Workspace) -> None:
    alfa = add_members(workspace, ["Aderente Alfa"])[0]
    assembly = insert_assembly(workspace, date(2026, 3, 10), convened_on=date(2026, 3, 1))
    workspace.attendance.start(assembly, Call.FIRST, time(18, 5))
    workspace.attendance.set_status(assembly, alfa, P)
    workspace.attendance.set_status(assembly, alfa, None)
    assert _assembly(workspace, assembly).status == "svolta"
