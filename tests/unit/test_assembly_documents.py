"""The read-models of the assembly documents, gathered from a real district file."""

from __future__ import annotations

from datetime import date, time

from desdesk.assembly_schemas import held_on
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.schemas import AssemblyInput
from desdesk.services.assembly_documents import AssemblyDocumentReads, postal_address
from desdesk.services.base import session_factory
from desdesk.services.workspace import Workspace
from tests.assembly_district import COORDINATOR, HELD, populate_assemblies
from tests.factories import member_input
from tests.report_district import ACCENTED, COOPERATIVE, FORMER, NO_REFERENT


def reads_of(workspace: Workspace) -> AssemblyDocumentReads:
    return AssemblyDocumentReads.build(session_factory(workspace.file.engine), workspace.referents)


def test_postal_address_keeps_the_parts_that_are_known() -> None:
    assert postal_address("Via Dante 3", "38068", "Rovereto", "TN") == (
        "Via Dante 3\n38068 Rovereto (TN)"
    )
    assert postal_address("", "", "Ala", "") == "Ala"
    assert postal_address("", "", "", "TN") == "TN"
    assert postal_address("", "", "", "") == ""


def test_recipients_are_the_active_members_care_of_their_primary_referent(
    workspace: Workspace,
) -> None:
    made = populate_assemblies(workspace)
    workspace.members.add(
        member_input(
            "Emporio Bio",
            tax_code="",
            address="Via Roma 1",
            cap="38068",
            comune="Rovereto",
            provincia="TN",
        )
    )
    reads = reads_of(workspace)

    recipients = {r.member_name: r for r in reads.recipients()}

    assert set(recipients) == {ACCENTED, COOPERATIVE, NO_REFERENT, "Emporio Bio"}
    assert FORMER not in recipients
    assert recipients[COOPERATIVE].referent == "Giulia Bertolini"
    assert recipients[NO_REFERENT].referent == ""
    assert recipients["Emporio Bio"].address == "Via Roma 1\n38068 Rovereto (TN)"
    assert recipients[ACCENTED].email == "nicolo@example.it"
    assert reads.signer(date(2026, 9, 25)) == f"{COORDINATOR} (coordinatore)"
    assert reads.signer(date(2023, 1, 1)) == ""  # before the coordinator's term
    assert made.held


def test_register_leaves_out_cancelled_and_future_assemblies(workspace: Workspace) -> None:
    made = populate_assemblies(workspace)
    cancelled = workspace.assemblies.plan(AssemblyInput(date(2026, 6, 1)), [])
    workspace.assemblies.cancel(cancelled)
    reads = reads_of(workspace)

    register = reads.attendance_register(None, None, today=date(2026, 11, 26))

    assert [a.id for a in register.assemblies] == [made.held]
    assert register.exclusion_threshold == 3
    statuses = {row.member_name: row.statuses for row in register.rows}
    assert statuses[COOPERATIVE] == {made.held: AttendanceStatus.PRESENT_SUBSTITUTE.value}
    assert FORMER not in statuses  # it left before the assembly
    assert reads.attendance_register(None, None, today=date(2026, 10, 1)).assemblies == ()
    assert reads.attendance_register(date(2026, 10, 9), None, date(2026, 11, 26)).assemblies == ()


def test_an_assembly_held_at_second_call_counts_on_that_day(workspace: Workspace) -> None:
    made = populate_assemblies(workspace)
    workspace.attendance.start(made.held, Call.SECOND, time(20, 40))
    reads = reads_of(workspace)

    register = reads.attendance_register(date(2026, 10, 9), None, date(2026, 11, 26))

    assert [held_on(a) for a in register.assemblies] == [date(2026, 10, 9)]
    assert held_on(workspace.assemblies.get(made.held)) != HELD
