"""The roll call service against a real district file."""

from __future__ import annotations

from datetime import date, time

import pytest

from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.services.workspace import Workspace
from tests.roll_call_setup import add_members, approve_minutes, insert_assembly, set_rules

P, S, D, J, A = (
    AttendanceStatus.PRESENT_PRIMARY,
    AttendanceStatus.PRESENT_SUBSTITUTE,
    AttendanceStatus.PROXY,
    AttendanceStatus.ABSENT_JUSTIFIED,
    AttendanceStatus.ABSENT,
)
NAMES = ["Aderente Alfa", "Aderente Beta", "Aderente Gamma", "Aderente Delta", "Aderente Epsilon"]


@pytest.fixture
def ids(workspace: Workspace) -> list[int]:
    return add_members(workspace, NAMES)


@pytest.fixture
def assembly(workspace: Workspace, ids: list[int]) -> int:
    return insert_assembly(workspace)


def test_roll_call_lists_members_entitled_on_the_day(workspace: Workspace, ids: list[int]) -> None:
    later = add_members(workspace, ["Zeta Nuovo"], joined_on=date(2026, 5, 1))
    gone = add_members(workspace, ["Eta Uscito"], joined_on=date(2020, 1, 1))[0]
    workspace.members.withdraw(gone, date(2026, 1, 31), "Cessata attività")
    assembly = insert_assembly(workspace, date(2026, 3, 10))
    rows = workspace.attendance.roll_call(assembly)
    assert [r.member_name for r in rows] == sorted(NAMES)
    assert later[0] not in {r.member_id for r in rows}
    with pytest.raises(Conflict, match="non era aderente il 10/03/2026"):
        workspace.attendance.set_status(assembly, later[0], P)
    with pytest.raises(Conflict, match="Eta Uscito non era aderente"):
        workspace.attendance.set_status(assembly, gone, P)
    alfa = rows[0]
    assert (alfa.primary, alfa.substitute, alfa.status) == ("Referente Alfa", "", None)


def test_set_status_saves_clears_and_marks_the_assembly_held(
    workspace: Workspace, ids: list[int], assembly: int
) -> None:
    workspace.attendance.set_status(assembly, ids[0], S)
    rows = {r.member_id: r for r in workspace.attendance.roll_call(assembly)}
    assert rows[ids[0]].status == S.value
    from sqlmodel import Session

    from desdesk.db.models import Assembly

    with Session(workspace.file.engine) as session:
        held = session.get(Assembly, assembly)
        assert held is not None and held.status == "svolta"
    workspace.attendance.set_status(assembly, ids[0], None)
    assert all(r.status is None for r in workspace.attendance.roll_call(assembly))


def test_proxy_to_a_present_member_counts_as_represented(
    workspace: Workspace, ids: list[int], assembly: int
) -> None:
    workspace.attendance.set_status(assembly, ids[0], P)
    workspace.attendance.set_status(assembly, ids[1], D, ids[0])
    count, quorum = workspace.attendance.count(assembly)
    assert (count.members, count.present, count.represented) == (5, 1, 1)
    assert (quorum.required, quorum.counted, quorum.reached, quorum.missing) == (3, 2, False, 1)
    rows = {r.member_id: r for r in workspace.attendance.roll_call(assembly)}
    assert rows[ids[1]].proxy_holder_id == ids[0]


def test_proxy_refusals(workspace: Workspace, ids: list[int], assembly: int) -> None:
    set_rules(workspace, proxies_per_member=1)
    with pytest.raises(Conflict, match="non risulta ancora presente"):
        workspace.attendance.set_status(assembly, ids[1], D, ids[0])
    with pytest.raises(Conflict, match="se stesso"):
        workspace.attendance.set_status(assembly, ids[0], D, ids[0])
    with pytest.raises(Conflict, match="Indica l'aderente"):
        workspace.attendance.set_status(assembly, ids[1], D)
    workspace.attendance.set_status(assembly, ids[0], P)
    workspace.attendance.set_status(assembly, ids[1], D, ids[0])
    workspace.attendance.set_status(assembly, ids[1], D, ids[0])  # the same proxy again
    with pytest.raises(Conflict, match="limite del distretto è 1"):
        workspace.attendance.set_status(assembly, ids[2], D, ids[0])
    rows = {r.member_id: r for r in workspace.attendance.roll_call(assembly)}
    assert rows[ids[2]].status is None


def test_a_holder_of_proxies_cannot_leave_while_holding_them(
    workspace: Workspace, ids: list[int], assembly: int
) -> None:
    workspace.attendance.set_status(assembly, ids[0], P)
    workspace.attendance.set_status(assembly, ids[1], D, ids[0])
    for status in (A, None, D):
        with pytest.raises(Conflict, match="Aderente Beta"):
            workspace.attendance.set_status(assembly, ids[0], status, ids[2])
    workspace.attendance.set_status(assembly, ids[0], S)  # still present: allowed
    workspace.attendance.set_status(assembly, ids[1], A)
    workspace.attendance.set_status(assembly, ids[0], A)


def test_cancelled_or_approved_assemblies_are_frozen(workspace: Workspace, ids: list[int]) -> None:
    cancelled = insert_assembly(workspace, status="annullata")
    with pytest.raises(Conflict, match="annullata"):
        workspace.attendance.set_status(cancelled, ids[0], P)
    approved = insert_assembly(workspace)
    workspace.attendance.set_status(approved, ids[0], P)
    approve_minutes(workspace, approved)
    with pytest.raises(Conflict, match="approvato"):
        workspace.attendance.set_status(approved, ids[0], A)
    with pytest.raises(Conflict, match="approvato"):
        workspace.attendance.add_guest(approved, "Mario Rossi", "")
    with pytest.raises(NotFound):
        workspace.attendance.set_status(9999, ids[0], P)


def test_start_and_end_stamp_times_and_call(
    workspace: Workspace, ids: list[int], assembly: int
) -> None:
    workspace.attendance.start(assembly, Call.SECOND, time(20, 45, 12, 5))
    with pytest.raises(Conflict, match="prima dell'ora di inizio"):
        workspace.attendance.end(assembly, time(20, 0))
    workspace.attendance.end(assembly, time(22, 30))
    from sqlmodel import Session

    from desdesk.db.models import Assembly

    with Session(workspace.file.engine) as session:
        held = session.get(Assembly, assembly)
        assert held is not None
        assert (held.call_held, held.started_at, held.ended_at) == (
            "seconda",
            time(20, 45, 12),
            time(22, 30),
        )
    header = workspace.attendance.header(assembly)
    assert (header.call_held, header.started_at, header.ended_at) == (
        "seconda",
        time(20, 45, 12),
        time(22, 30),
    )
    assert header.day == date(2026, 3, 11) and header.has_second_call
    # The second call's quorum applies by default once it is the call held.
    _count, quorum = workspace.attendance.count(assembly)
    assert quorum.required == 1


def test_count_follows_the_call(workspace: Workspace, ids: list[int], assembly: int) -> None:
    for member_id in ids[:3]:
        workspace.attendance.set_status(assembly, member_id, P)
    workspace.attendance.set_status(assembly, ids[3], J)
    count, first = workspace.attendance.count(assembly)
    assert (count.present_primary, count.absent_justified, count.not_recorded) == (3, 1, 1)
    assert first.reached and first.required == 3
    set_rules(workspace, second_call_quorum_minimum=4)
    _count, second = workspace.attendance.count(assembly, Call.SECOND)
    assert (second.required, second.missing) == (4, 1)


def test_guests(workspace: Workspace, assembly: int) -> None:
    first = workspace.attendance.add_guest(assembly, "  Mario   Rossi ", " Comune di Ala ")
    workspace.attendance.add_guest(assembly, "Anna Bianchi", "")
    with pytest.raises(ValidationFailed, match="nome dell'ospite"):
        workspace.attendance.add_guest(assembly, "  ", "x")
    guests = workspace.attendance.guests(assembly)
    assert [(g.name, g.organisation) for g in guests] == [
        ("Anna Bianchi", ""),
        ("Mario Rossi", "Comune di Ala"),
    ]
    workspace.attendance.remove_guest(first)
    assert [g.name for g in workspace.attendance.guests(assembly)] == ["Anna Bianchi"]
    with pytest.raises(NotFound):
        workspace.attendance.remove_guest(first)


def test_member_records_runs_and_flags(workspace: Workspace, ids: list[int]) -> None:
    days = [date(2025, 3, 1), date(2025, 6, 1), date(2025, 9, 1), date(2025, 12, 1)]
    held = [insert_assembly(workspace, day) for day in days]
    cancelled = insert_assembly(workspace, date(2025, 10, 1), status="annullata")
    history: dict[int, list[AttendanceStatus | None]] = {
        ids[0]: [P, A, J, A],  # run of 3: flagged (default threshold 3)
        ids[1]: [A, A, S, A],  # a substitute present ends the run
        ids[2]: [A, A, D, A],  # so does a proxy (to Epsilon)
        ids[3]: [A, None, A, A],  # not recorded neither ends nor extends the run
    }
    for member_id, statuses in history.items():
        for assembly, status in zip(held, statuses, strict=True):
            holder = ids[4] if status is D else None
            if holder is not None:
                workspace.attendance.set_status(assembly, holder, P)
            if status is not None:
                workspace.attendance.set_status(assembly, member_id, status, holder)
    rows = {r.member_id: r for r in workspace.attendance.member_records(None, None)}
    alfa, beta, gamma, delta = (rows[i] for i in ids[:4])
    assert (alfa.convened, alfa.present_primary, alfa.absent, alfa.absent_justified) == (4, 1, 2, 1)
    assert alfa.flagged and alfa.run_assembly_ids == tuple(held[1:])
    assert alfa.run_dates == tuple(days[1:]) and alfa.rate == 0.25
    assert (beta.current_absence_run, beta.flagged) == (1, False)
    assert (gamma.represented, gamma.current_absence_run) == (1, 1)
    assert delta.flagged and delta.run_assembly_ids == (held[0], held[2], held[3])
    assert cancelled not in delta.run_assembly_ids
    assert workspace.attendance.flagged_member_ids() == {ids[0], ids[3]}
    # A period: only the last two assemblies count, but the run goes back before its start.
    recent = {r.member_id: r for r in workspace.attendance.member_records(date(2025, 8, 1), None)}
    assert (recent[ids[0]].convened, recent[ids[0]].absent, recent[ids[0]].rate) == (2, 1, 0.0)
    assert recent[ids[0]].current_absence_run == 3 and recent[ids[0]].flagged
    assert recent[ids[0]].run_assembly_ids == tuple(held[1:])
    # ... up to the period's end: a later presence does not count before it happened.
    early = {r.member_id: r for r in workspace.attendance.member_records(None, date(2025, 7, 1))}
    assert early[ids[1]].current_absence_run == 2 and early[ids[1]].convened == 2
    assert workspace.attendance.member_records(date(2027, 1, 1), None) == []


def test_member_records_follow_membership_dates(workspace: Workspace) -> None:
    early = add_members(workspace, ["Primo"], joined_on=date(2020, 1, 1))[0]
    late = add_members(workspace, ["Secondo"], joined_on=date(2025, 7, 1))[0]
    for day in (date(2025, 3, 1), date(2025, 9, 1)):
        insert_assembly(workspace, day)
    rows = {r.member_id: r for r in workspace.attendance.member_records(None, None)}
    assert (rows[early].convened, rows[late].convened) == (2, 1)
    assert rows[early].rate is None
