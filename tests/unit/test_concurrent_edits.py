"""Two officers saving the same record: the second save is refused, nothing is lost.

In a district file the two forms are two windows of one desdesk (the file admits one
process); under `make test-postgres` they are two desdesks connected to one server, each
with its own actor. The same tests run on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from desdesk.db.models import Member
from desdesk.domain.enums import AssemblyStatus, AttendanceStatus
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.schemas import (
    AgendaItemInput,
    AssemblyInput,
    MinutesItemInput,
    OfficeInput,
    TaskInput,
)
from desdesk.services.base import ConcurrentEdit, Service
from desdesk.services.workspace import Workspace, open_workspace
from tests.assembly_rows import add_assembly, add_members
from tests.factories import member_input, referent_input


@pytest.fixture
def second_officer(workspace: Workspace) -> Iterator[Workspace]:
    """The other officer: a second connection to the server, or the same file."""
    if workspace.on_server:
        assert workspace.file.url is not None
        other = open_workspace(workspace.file.url, actor="Bruno Zeni")
        yield other
        other.close()
    else:
        yield workspace


def _act_as(workspace: Workspace, name: str) -> None:
    if workspace.file.actor is not None:
        workspace.file.actor.actor = name
    else:
        workspace.history.set_actor(name)


def test_a_member_saved_by_another_officer_is_not_overwritten(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    mine = workspace.members.get(member_id)  # Anna opens the form

    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.members.get(member_id)
    second_officer.members.update(
        member_id, replace(theirs.data, phone="0464 123456"), expected_version=theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.members.update(
            member_id, replace(mine.data, notes="appunto di Anna"), expected_version=mine.version
        )
    assert "Bruno Zeni" in refused.value.message
    assert "non sono state salvate" in refused.value.message
    saved = workspace.members.get(member_id)
    assert saved.data.phone == "+39 0464 123456" or "123456" in saved.data.phone
    assert saved.data.notes == ""  # Anna's change was not written over Bruno's
    assert saved.version == mine.version + 1

    # Reloaded, her change goes through on top of his.
    workspace.members.update(
        member_id, replace(saved.data, notes="appunto di Anna"), expected_version=saved.version
    )
    final = second_officer.members.get(member_id)
    assert final.data.notes == "appunto di Anna" and "123456" in final.data.phone


def test_withdraw_from_a_stale_form_is_refused(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    stale = workspace.members.get(member_id).version
    second_officer.members.update(member_id, member_input("Bottega Equa e Solidale"))
    with pytest.raises(ConcurrentEdit):
        workspace.members.withdraw(member_id, date(2026, 6, 30), "trasferita", stale)
    assert workspace.members.get(member_id).left_on is None


def test_a_referent_corrected_twice_keeps_the_first_correction(
    workspace: Workspace, second_officer: Workspace
) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"), referent_input())
    (mine,) = workspace.referents.history(member_id)
    (theirs,) = second_officer.referents.history(member_id)
    second_officer.referents.correct(
        theirs.id, referent_input(email="giulia@bottega.example"), theirs.version
    )
    with pytest.raises(ConcurrentEdit):
        workspace.referents.correct(mine.id, referent_input(role="Tesoriera"), mine.version)
    (saved,) = workspace.referents.history(member_id)
    assert saved.email == "giulia@bottega.example" and saved.role != "Tesoriera"


def test_an_office_term_edited_twice_keeps_the_first_edit(
    workspace: Workspace, second_officer: Workspace
) -> None:
    term = OfficeInput(
        kind="coordinatore", person_name="Maria Zanella", start_date=date(2025, 1, 1)
    )
    office_id = workspace.offices.assign(term)
    (mine,) = workspace.offices.terms()
    second_officer.offices.update(office_id, replace(term, notes="rieletta"), mine.version)
    with pytest.raises(ConcurrentEdit):
        workspace.offices.update(office_id, replace(term, title="Coordinatrice"), mine.version)
    (saved,) = workspace.offices.terms()
    assert saved.notes == "rieletta" and saved.title == ""


def _refused_by_bruno(refused: pytest.ExceptionInfo[ConcurrentEdit], what: str) -> None:
    message = refused.value.message
    assert "Bruno Zeni" in message and what in message and "non sono state salvate" in message


def test_withdraw_with_the_form_version_goes_through(workspace: Workspace) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    version = workspace.members.get(member_id).version
    workspace.members.withdraw(member_id, date(2026, 6, 30), "trasferita", version)
    assert workspace.members.get(member_id).left_on == date(2026, 6, 30)


def test_a_district_profile_saved_twice_keeps_the_first_save(
    workspace: Workspace, second_officer: Workspace
) -> None:
    mine = workspace.district.profile()  # Anna opens the Distretto section
    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.district.profile()
    second_officer.district.update_profile(
        replace(theirs, mission="Missione di Bruno"), theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.district.update_profile(replace(mine, seat="Via Roma 1"), mine.version)
    _refused_by_bruno(refused, "il profilo del distretto")
    saved = workspace.district.profile()
    assert saved.mission == "Missione di Bruno" and saved.seat != "Via Roma 1"
    assert saved.version == (mine.version or 0) + 1

    new_version = workspace.district.update_profile(
        replace(saved, seat="Via Roma 1"), saved.version
    )
    final = second_officer.district.profile()
    assert final.seat == "Via Roma 1" and final.mission == "Missione di Bruno"
    assert final.version == new_version == (saved.version or 0) + 1
    assert final == replace(final, version=None)  # the count is not what the profile says


def _plan(workspace: Workspace, day: date) -> int:
    agenda = [AgendaItemInput("Bilancio"), AgendaItemInput("Nuovi aderenti")]
    return workspace.assemblies.plan(AssemblyInput(first_call_date=day, title="Primavera"), agenda)


def test_an_assembly_whose_agenda_was_changed_refuses_a_stale_save(
    workspace: Workspace, second_officer: Workspace
) -> None:
    assembly_id = _plan(workspace, date.today() + timedelta(days=30))
    mine = workspace.assemblies.get(assembly_id)
    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.assemblies.get(assembly_id)
    # Only the agenda changes: still an edit of the assembly.
    second_officer.assemblies.update(
        assembly_id, theirs.data, [*theirs.agenda, AgendaItemInput("Varie")], theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.assemblies.update(
            assembly_id, replace(mine.data, place="Sala civica"), list(mine.agenda), mine.version
        )
    _refused_by_bruno(refused, "questa assemblea")
    saved = workspace.assemblies.get(assembly_id)
    assert [i.title for i in saved.agenda] == ["Bilancio", "Nuovi aderenti", "Varie"]
    assert saved.data.place == "" and saved.version == mine.version + 1

    workspace.assemblies.update(
        assembly_id, replace(saved.data, place="Sala civica"), list(saved.agenda), saved.version
    )
    final = second_officer.assemblies.get(assembly_id)
    assert final.data.place == "Sala civica" and len(final.agenda) == 3


def test_a_roll_call_begun_meanwhile_refuses_a_stale_assembly_form(
    workspace: Workspace, second_officer: Workspace
) -> None:
    (member_id,) = add_members(workspace, 1)
    assembly_id = _plan(workspace, date.today() - timedelta(days=1))
    mine = workspace.assemblies.get(assembly_id)
    second_officer.attendance.set_status(assembly_id, member_id, AttendanceStatus.PRESENT_PRIMARY)
    with pytest.raises(ConcurrentEdit, match="questa assemblea"):
        workspace.assemblies.update(
            assembly_id, replace(mine.data, notes="nota"), list(mine.agenda), mine.version
        )
    saved = workspace.assemblies.get(assembly_id)
    assert saved.status == AssemblyStatus.HELD.value and saved.version == mine.version + 1
    assert saved.data.notes == ""


def test_minutes_saved_twice_keep_the_first_save(
    workspace: Workspace, second_officer: Workspace
) -> None:
    assembly_id = add_assembly(workspace, present=add_members(workspace, 3))
    minutes_id = workspace.minutes.draft(assembly_id)
    mine = workspace.minutes.get(minutes_id)
    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.minutes.get(minutes_id)
    items = [*theirs.data.items, MinutesItemInput(title="Varie")]  # only the items change
    second_officer.minutes.save(
        minutes_id, replace(theirs.data, items=items), expected_version=theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.minutes.save(
            minutes_id, replace(mine.data, president="Anna Rossi"), expected_version=mine.version
        )
    _refused_by_bruno(refused, "questo verbale")
    saved = workspace.minutes.get(minutes_id)
    assert saved.data.president == "" and saved.data.items[-1].title == "Varie"

    workspace.minutes.save(
        minutes_id, replace(saved.data, president="Anna Rossi"), expected_version=saved.version
    )
    final = second_officer.minutes.get(minutes_id)
    assert final.data.president == "Anna Rossi" and len(final.data.items) == 3


def test_a_task_edited_twice_keeps_the_first_edit(
    workspace: Workspace, second_officer: Workspace
) -> None:
    (member_id,) = add_members(workspace, 1)
    task_id = workspace.tasks.add(TaskInput(member_id, "Prenotare la sala"))
    mine = workspace.tasks.get(task_id)
    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.tasks.get(task_id)
    second_officer.tasks.update(
        task_id, replace(theirs.data, due_date=date(2027, 3, 1)), theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        workspace.tasks.update(
            task_id, replace(mine.data, description="Prenotare la sala grande"), mine.version
        )
    _refused_by_bruno(refused, "questo compito")
    saved = workspace.tasks.get(task_id)
    assert saved.data.description == "Prenotare la sala"
    assert saved.data.due_date == date(2027, 3, 1)

    workspace.tasks.update(
        task_id, replace(saved.data, description="Prenotare la sala grande"), saved.version
    )
    final = second_officer.tasks.get(task_id)
    assert final.data.description == "Prenotare la sala grande"
    assert final.data.due_date == date(2027, 3, 1)


def test_a_movement_edited_twice_keeps_the_first_edit(
    workspace: Workspace, second_officer: Workspace
) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2026))
    category = next(c.id for c in budget.categories() if c.code == "UA1")
    movement_id = budget.add_movement(MovementInput(date(2026, 4, 2), Decimal("120"), category))
    mine = budget.movement(movement_id)
    _act_as(second_officer, "Bruno Zeni")
    theirs = second_officer.budget.movement(movement_id)
    second_officer.budget.update_movement(
        movement_id, replace(theirs.data, document_ref="Fattura 7"), expected_version=theirs.version
    )

    _act_as(workspace, "Anna Rossi")
    with pytest.raises(ConcurrentEdit) as refused:
        budget.update_movement(
            movement_id, replace(mine.data, amount=Decimal("150")), expected_version=mine.version
        )
    _refused_by_bruno(refused, "questo movimento")
    saved = budget.movement(movement_id)
    assert saved.data.amount == Decimal("120") and saved.data.document_ref == "Fattura 7"

    budget.update_movement(
        movement_id, replace(saved.data, amount=Decimal("150")), expected_version=saved.version
    )
    final = second_officer.budget.movement(movement_id)
    assert final.data.amount == Decimal("150") and final.data.document_ref == "Fattura 7"


class _RawMembers(Service):
    """Two transactions interleaved by hand: the window a form's check cannot close."""

    def rename_in_two_transactions(self, member_id: int) -> None:
        with self._sessions() as first, self._unit_of_work() as second:
            early = first.get(Member, member_id)
            late = second.get(Member, member_id)
            assert early is not None and late is not None
            early.name = "Prima"
            first.commit()  # the first transaction wins
            late.name = "Seconda"  # flushed at the end of the unit of work: no row matches


def test_a_race_between_two_transactions_is_a_concurrent_edit(workspace: Workspace) -> None:
    member_id = workspace.members.add(member_input("Bottega Equa"))
    with pytest.raises(ConcurrentEdit):
        _RawMembers(workspace.sessions).rename_in_two_transactions(member_id)
    with workspace.sessions() as session:
        names = session.exec(select(Member.name)).all()
    assert names == ["Prima"]
