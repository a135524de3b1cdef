"""Approved minutes are frozen: later changes to members, referents, rules, roll call and
tasks no longer change what they say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desdesk.domain.enums import AttendanceStatus, ReferentKind
from desdesk.domain.errors import Conflict, ValidationFailed
from desdesk.schemas import TaskInput
from desdesk.services.workspace import Workspace
from tests.assembly_district import HELD, populate_assemblies
from tests.factories import member_input, referent_input
from tests.pdfs import read_pdf
from tests.report_district import ACCENTED, COOPERATIVE

APPROVED_ON = date(2026, 11, 20)


def _silent_member(workspace: Workspace) -> int:
    """A member entitled at HELD whose attendance was never recorded."""
    return workspace.members.add(
        member_input("Gruppo Silenzioso", tax_code=None, joined_on=date(2020, 1, 1))
    )


def _pdf_text(workspace: Workspace, assembly_id: int) -> str:
    return read_pdf(workspace.documents.minutes_pdf(assembly_id)).text


def test_approved_minutes_keep_attendance_quorum_and_foglio_presenze(
    workspace: Workspace,
) -> None:
    silent = _silent_member(workspace)
    district = populate_assemblies(workspace)
    minutes = workspace.minutes
    minutes.approve(district.minutes, APPROVED_ON)
    before_read = minutes.get(district.minutes)
    before_counts = minutes.attendance(district.minutes)
    before_pdf = _pdf_text(workspace, district.held)
    assert "Nicolò Dell'Antonio" in before_pdf and "Prenotare la sala" in before_pdf
    assert before_read.snapshot is not None and before_read.snapshot.members == 4

    with pytest.raises(Conflict, match="compare nel verbale approvato"):
        workspace.members.delete(district.members[ACCENTED])
    workspace.members.delete(silent)  # never in the roll call: may go
    workspace.referents.set_referent(
        district.members[ACCENTED], ReferentKind.PRIMARY, referent_input("Nuova", "Referente")
    )
    workspace.assemblies.update_rules(
        replace(workspace.assemblies.rules(), first_call_quorum_percent=90)
    )
    live_count, live_quorum = workspace.attendance.count(district.held)
    assert live_count.members == 3 and live_quorum.required == 3  # the live data did move

    assert minutes.get(district.minutes) == before_read
    assert minutes.attendance(district.minutes) == before_counts
    after_pdf = _pdf_text(workspace, district.held)
    assert after_pdf == before_pdf
    assert "Nuova Referente" not in after_pdf


def test_the_proxy_holders_name_is_kept_in_the_foglio_presenze(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    workspace.minutes.approve(district.minutes, APPROVED_ON)
    snapshot = workspace.minutes.get(district.minutes).snapshot
    assert snapshot is not None
    proxies = [row for row in snapshot.roll_call if row.status == AttendanceStatus.PROXY.value]
    assert [row.proxy_holder_name for row in proxies] == [ACCENTED]
    assert [guest.name for guest in snapshot.guests] == ["Mario Verdi"]
    assert f"delega a {ACCENTED}" in _pdf_text(workspace, district.held).replace("\n", " ")


def test_draft_minutes_follow_the_live_roll_call(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    assert workspace.minutes.get(district.minutes).snapshot is None
    before = workspace.minutes.attendance(district.minutes)
    workspace.attendance.set_status(
        district.held, district.members[COOPERATIVE], AttendanceStatus.ABSENT
    )
    after = workspace.minutes.attendance(district.minutes)
    assert after[0].voters == before[0].voters - 1


def test_a_new_revision_leaves_the_approved_one_its_tasks(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    minutes = workspace.minutes
    minutes.approve(district.minutes, APPROVED_ON)
    revision = minutes.new_revision(district.minutes, "Refuso nel titolo")
    pdf = read_pdf(workspace.documents.minutes_pdf(district.held, revision=1)).text
    assert "Compiti assegnati" in pdf and "Prenotare la sala" in pdf
    second = minutes.get(revision)
    moved = workspace.tasks.for_minutes_item(second.item_ids[1])
    assert [task.data.description for task in moved] == ["Prenotare la sala"]
    assert workspace.tasks.for_minutes_item(minutes.get(district.minutes).item_ids[1]) == []
    assert len(workspace.tasks.list()) == 1  # moved, not copied
    workspace.tasks.update(
        moved[0].id, replace(moved[0].data, description="Prenotare la sala grande")
    )
    pdf = read_pdf(workspace.documents.minutes_pdf(district.held, revision=1)).text
    assert "Prenotare la sala grande" not in pdf


def test_a_task_of_approved_minutes_cannot_be_edited_or_deleted(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    workspace.minutes.approve(district.minutes, APPROVED_ON)
    (task,) = workspace.tasks.list()
    with pytest.raises(Conflict, match="Il compito fa parte di un verbale approvato"):
        workspace.tasks.update(task.id, replace(task.data, description="Altro"))
    with pytest.raises(Conflict, match="Il compito fa parte di un verbale approvato"):
        workspace.tasks.delete(task.id)
    workspace.tasks.mark_done(task.id, APPROVED_ON)
    workspace.tasks.reopen(task.id)
    assert workspace.tasks.get(task.id).data.description == "Prenotare la sala"
    free = workspace.tasks.add(TaskInput(district.members[COOPERATIVE], "Fuori dal verbale"))
    workspace.tasks.delete(free)


def test_approval_rechecks_the_votes_against_the_current_roll_call(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    workspace.attendance.set_status(
        district.held, district.members[COOPERATIVE], AttendanceStatus.ABSENT
    )
    with pytest.raises(ValidationFailed) as refused:
        workspace.minutes.approve(district.minutes, APPROVED_ON)
    messages = " ".join(p.message for p in refused.value.problems)
    assert "Punto 1 «Bilancio 2025»" in messages and "Punto 2 «Festa»" in messages
    assert workspace.minutes.get(district.minutes).approved_on is None


def test_approval_before_the_assembly_is_refused(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    with pytest.raises(ValidationFailed) as refused:
        workspace.minutes.approve(district.minutes, date(2026, 10, 1))
    assert refused.value.problems[0].field == "approved_on"
    assert "08/10/2026" in refused.value.problems[0].message
    workspace.minutes.approve(district.minutes, HELD)  # the same day is fine


def test_a_member_only_in_draft_minutes_can_still_be_deleted(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    workspace.members.delete(district.members[COOPERATIVE])
    assert district.members[COOPERATIVE] not in {
        row.member_id for row in workspace.attendance.roll_call(district.held)
    }
