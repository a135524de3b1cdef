"""TasksService on a real district file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desdesk.domain.errors import NotFound, ValidationFailed
from desdesk.schemas import TaskInput
from desdesk.services.workspace import Workspace
from tests.assembly_rows import add_assembly, add_members

TODAY = date(2026, 6, 1)


def test_add_list_and_filters(workspace: Workspace) -> None:
    first, second = add_members(workspace, 2)
    late = workspace.tasks.add(TaskInput(first, "  Preparare il bilancio ", date(2026, 5, 1)))
    later = workspace.tasks.add(TaskInput(second, "Aggiornare il sito", date(2026, 7, 1)))
    undated = workspace.tasks.add(TaskInput(first, "Cercare una sala"))
    rows = workspace.tasks.list(today=TODAY)
    assert [r.id for r in rows] == [late, later, undated]
    assert rows[0].data.description == "Preparare il bilancio"
    assert rows[0].member_name == "Aderente 1" and rows[0].overdue and not rows[1].overdue
    assert [r.id for r in workspace.tasks.list(member_id=first, today=TODAY)] == [late, undated]
    assert [r.id for r in workspace.tasks.list(status="in_ritardo", today=TODAY)] == [late]
    assert len(workspace.tasks.list(status="aperto", today=TODAY)) == 3
    assert workspace.tasks.list(status="fatto", today=TODAY) == []


def test_member_and_description_are_required(workspace: Workspace) -> None:
    (member,) = add_members(workspace, 1)
    with pytest.raises(ValidationFailed) as refused:
        workspace.tasks.add(TaskInput(0, " "))
    assert refused.value.for_field("member_id") == "Scegli l'aderente a cui è assegnato."
    assert refused.value.for_field("description") == "Scrivi che cosa deve fare."
    workspace.members.withdraw(member, date(2026, 1, 31), "Chiusura")
    with pytest.raises(ValidationFailed) as former:
        workspace.tasks.add(TaskInput(member, "Inviare"))
    assert "uscito dal distretto il 31/01/2026" in (former.value.for_field("member_id") or "")
    assert workspace.tasks.list() == []


def test_update_mark_done_reopen_delete(workspace: Workspace) -> None:
    first, second = add_members(workspace, 2)
    assembly_id = add_assembly(workspace)
    task = workspace.tasks.add(TaskInput(first, "Inviare il verbale", date(2026, 5, 1)))
    workspace.tasks.update(task, TaskInput(second, "Inviare il verbale a tutti", date(2026, 5, 2)))
    row = workspace.tasks.get(task, today=TODAY)
    assert row.data.member_id == second and row.data.due_date == date(2026, 5, 2)
    workspace.tasks.mark_done(task, date(2026, 5, 20), checked_assembly_id=assembly_id)
    done = workspace.tasks.get(task, today=TODAY)
    assert done.status == "fatto" and done.done_on == date(2026, 5, 20) and not done.overdue
    assert done.checked_assembly_id == assembly_id
    assert [r.id for r in workspace.tasks.list(status="fatto", today=TODAY)] == [task]
    with pytest.raises(ValidationFailed):
        workspace.tasks.mark_done(task, date.today() + timedelta(days=1))
    with pytest.raises(NotFound):
        workspace.tasks.mark_done(task, date(2026, 5, 20), checked_assembly_id=999)
    workspace.tasks.reopen(task)
    reopened = workspace.tasks.get(task, today=TODAY)
    assert reopened.status == "aperto" and reopened.done_on is None and reopened.overdue
    workspace.tasks.delete(task)
    with pytest.raises(NotFound):
        workspace.tasks.get(task)


def test_a_former_members_task_can_still_be_edited(workspace: Workspace) -> None:
    (member,) = add_members(workspace, 1)
    task = workspace.tasks.add(TaskInput(member, "Restituire le chiavi"))
    workspace.members.withdraw(member, date(2026, 1, 31), "Chiusura")
    workspace.tasks.update(task, TaskInput(member, "Restituire le chiavi della sala"))
    assert workspace.tasks.get(task).data.description == "Restituire le chiavi della sala"
    with pytest.raises(ValidationFailed):
        workspace.tasks.update(task, TaskInput(member, ""))


def test_assembly_choices_latest_first(workspace: Workspace) -> None:
    older = add_assembly(workspace, day=date(2026, 3, 10))
    newer = add_assembly(workspace, day=date(2026, 9, 10))
    assert workspace.tasks.assembly_choices() == [(newer, "10/09/2026"), (older, "10/03/2026")]
