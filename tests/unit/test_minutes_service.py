"""MinutesService on a real district file: draft, save, approve, revisions, deserted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from desdesk.db.models import Attendance
from desdesk.domain.errors import Conflict, NotFound, ValidationFailed
from desdesk.schemas import TaskInput
from desdesk.services.minutes_tasks import ItemTask
from desdesk.services.workspace import Workspace
from tests.assembly_rows import add_assembly, add_members


@pytest.fixture
def held(workspace: Workspace) -> tuple[int, list[int]]:
    """An assembly with 4 members of 5 present: quorum reached at first call."""
    members = add_members(workspace, 5)
    return add_assembly(workspace, present=members[:4], absent=members[4:]), members


def test_draft_is_prefilled_from_the_assembly(workspace: Workspace, held) -> None:
    assembly_id, _members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    minutes = workspace.minutes.current(assembly_id)
    assert minutes is not None and minutes.id == minutes_id
    assert minutes.revision == 1 and not minutes.deserted and minutes.call_held == "prima"
    assert [item.title for item in minutes.data.items] == ["Bilancio", "Nuovi aderenti"]
    assert minutes.data.how_convened == "Convocazione inviata il 25/02/2026 tramite PEC."
    assert workspace.minutes.draft(assembly_id) == minutes_id  # no second revision 1
    count, quorum = workspace.attendance.count(assembly_id)
    assert count.voters == 4 and quorum.reached


def test_save_replaces_the_items_and_keeps_task_links(workspace: Workspace, held) -> None:
    assembly_id, members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(minutes_id).data
    data.president = "  Giulia Bertolini "
    data.items[0].resolution = "Approvato il bilancio 2025."
    data.items[0].votes_for, data.items[0].votes_against, data.items[0].votes_abstained = 3, 1, 0
    workspace.minutes.save(minutes_id, data)
    first_item = workspace.minutes.get(minutes_id).item_ids[0]
    task = workspace.tasks.add(
        TaskInput(
            members[0],
            "Depositare il bilancio",
            assembly_id=assembly_id,
            minutes_item_id=first_item,
        )
    )
    data.items = data.items[:1]
    workspace.minutes.save(minutes_id, data)
    saved = workspace.minutes.get(minutes_id)
    assert saved.data.president == "Giulia Bertolini"
    assert len(saved.data.items) == 1 and saved.item_ids == (first_item,)
    assert saved.data.items[0].votes_for == 3
    assert [t.id for t in workspace.tasks.for_minutes_item(first_item)] == [task]


def test_votes_over_the_voters_are_refused_and_nothing_is_written(
    workspace: Workspace, held
) -> None:
    assembly_id, _members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(minutes_id).data
    data.items[0].resolution = "Sì"
    data.items[1].votes_for, data.items[1].votes_against = 3, 2  # 5 votes, 4 voters
    with pytest.raises(ValidationFailed) as refused:
        workspace.minutes.save(minutes_id, data)
    message = refused.value.for_field("items.1.votes_for")
    assert message is not None and "(5)" in message and "(4)" in message
    assert workspace.minutes.get(minutes_id).data.items[0].resolution == ""


def test_an_item_needs_a_title(workspace: Workspace, held) -> None:
    minutes_id = workspace.minutes.draft(held[0])
    data = workspace.minutes.get(minutes_id).data
    data.items[0].title = " "
    with pytest.raises(ValidationFailed) as refused:
        workspace.minutes.save(minutes_id, data)
    assert refused.value.for_field("items.0.title") == "Scrivi il titolo del punto."


def test_approved_minutes_are_frozen(workspace: Workspace, held) -> None:
    assembly_id, _members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(minutes_id).data
    data.items[1].resolution = "Ammessa la cooperativa Il Melo."
    assert workspace.minutes.approval_warnings(minutes_id) == []
    workspace.minutes.save(minutes_id, data)
    assert workspace.minutes.approval_warnings(minutes_id) == [
        "Il punto 2 «Nuovi aderenti» ha una delibera ma non i voti."
    ]
    workspace.minutes.approve(minutes_id, date(2026, 4, 1))
    assert workspace.minutes.get(minutes_id).approved_on == date(2026, 4, 1)
    with pytest.raises(Conflict, match="per correggerlo crea una nuova revisione"):
        workspace.minutes.save(minutes_id, data)
    with pytest.raises(Conflict, match="già stato approvato il 01/04/2026"):
        workspace.minutes.approve(minutes_id, date(2026, 4, 2))


def test_a_future_approval_date_is_refused(workspace: Workspace, held) -> None:
    minutes_id = workspace.minutes.draft(held[0])
    with pytest.raises(ValidationFailed):
        workspace.minutes.approve(minutes_id, date(2999, 1, 1))
    assert workspace.minutes.get(minutes_id).approved_on is None


def test_new_revision_cites_the_approved_one(workspace: Workspace, held) -> None:
    assembly_id, members = held
    first = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(first).data
    data.items[0].resolution = "Approvato."
    workspace.minutes.save(first, data)
    item = workspace.minutes.get(first).item_ids[0]
    task = workspace.tasks.add(TaskInput(members[1], "Inviare", minutes_item_id=item))
    with pytest.raises(Conflict, match="non è ancora approvato"):
        workspace.minutes.new_revision(first, "Errore nel testo")
    workspace.minutes.approve(first, date(2026, 4, 1))
    with pytest.raises(ValidationFailed):
        workspace.minutes.new_revision(first, "  ")
    second = workspace.minutes.new_revision(first, "Refuso nella delibera")
    revision = workspace.minutes.get(second)
    assert revision.revision == 2 and revision.previous_id == first
    assert revision.correction_reason == "Refuso nella delibera" and not revision.approved
    assert revision.data == workspace.minutes.get(first).data
    assert [m.id for m in workspace.minutes.revisions(assembly_id)] == [first, second]
    assert workspace.minutes.current(assembly_id).id == second  # type: ignore[union-attr]
    assert [t.id for t in workspace.tasks.for_minutes_item(revision.item_ids[0])] == [task]
    changed = replace(revision.data, president="Anna Rossi")
    workspace.minutes.save(second, changed)
    assert workspace.minutes.get(first).data.president == ""  # the approved one is kept
    with pytest.raises(Conflict, match="revisione successiva"):
        workspace.minutes.new_revision(first, "Ancora")


def test_first_call_without_quorum_is_deserted(workspace: Workspace) -> None:
    members = add_members(workspace, 5)
    assembly_id = add_assembly(workspace, present=members[:2], absent=members[2:])
    minutes = workspace.minutes.get(workspace.minutes.draft(assembly_id))
    assert minutes.deserted and minutes.data.items == []
    assert not workspace.attendance.count(assembly_id)[1].reached


def test_second_call_held_is_not_deserted(workspace: Workspace) -> None:
    members = add_members(workspace, 5)
    assembly_id = add_assembly(
        workspace, present=members[:2], absent=members[2:], call_held="seconda"
    )
    minutes = workspace.minutes.get(workspace.minutes.draft(assembly_id))
    assert not minutes.deserted and minutes.call_held == "seconda"
    assert workspace.attendance.count(assembly_id)[1].reached


def test_missing_records_are_reported(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        workspace.minutes.draft(99)
    with pytest.raises(NotFound):
        workspace.minutes.get(99)
    assert workspace.minutes.current(99) is None


def test_tasks_are_saved_with_the_minutes(workspace: Workspace, held) -> None:
    assembly_id, members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(minutes_id).data
    tasks = [[ItemTask(members[0], " Depositare il bilancio ", date(2026, 4, 30))], []]
    workspace.minutes.save(minutes_id, data, tasks)
    item = workspace.minutes.get(minutes_id).item_ids[0]
    (saved,) = workspace.tasks.for_minutes_item(item)
    assert saved.data.description == "Depositare il bilancio"
    assert saved.data.assembly_id == assembly_id and saved.data.due_date == date(2026, 4, 30)
    workspace.tasks.mark_done(saved.id, date(2026, 4, 20))
    kept = ItemTask(members[1], "Depositare il bilancio in Comune", id=saved.id)
    workspace.minutes.save(minutes_id, data, [[kept, ItemTask(members[2], "Avvisare")], []])
    rows = workspace.tasks.for_minutes_item(item)
    assert (rows[0].id, rows[0].status) == (saved.id, "fatto")
    assert [r.member_name for r in rows] == ["Aderente 2", "Aderente 3"]
    workspace.minutes.save(minutes_id, data, [[], []])
    assert workspace.tasks.for_minutes_item(item) == []


def test_a_bad_task_refuses_the_whole_save(workspace: Workspace, held) -> None:
    assembly_id, members = held
    minutes_id = workspace.minutes.draft(assembly_id)
    data = workspace.minutes.get(minutes_id).data
    data.items[0].discussion = "Discussione"
    with pytest.raises(ValidationFailed) as refused:
        workspace.minutes.save(minutes_id, data, [[], [ItemTask(members[0], "  ")]])
    assert refused.value.for_field("items.1.tasks.0.description") == "Scrivi che cosa deve fare."
    assert workspace.minutes.get(minutes_id).data.items[0].discussion == ""
    assert workspace.tasks.list() == []


def test_heading_reads_the_assembly(workspace: Workspace, held) -> None:
    heading = workspace.minutes.heading(held[0])
    assert heading.first_call_date == date(2026, 3, 10) and heading.place == "Sala civica, Rovereto"


def test_no_minutes_for_a_cancelled_or_future_assembly(workspace: Workspace) -> None:
    cancelled = add_assembly(workspace, status="annullata")
    with pytest.raises(Conflict, match="annullata"):
        workspace.minutes.draft(cancelled)
    future = add_assembly(workspace, day=date.today() + timedelta(days=3), status="convocata")
    with pytest.raises(Conflict, match="si scrive dopo che si è tenuta"):
        workspace.minutes.draft(future)
    assert (
        workspace.minutes.current(cancelled) is None and workspace.minutes.current(future) is None
    )


def test_saving_follows_the_roll_call_until_approved(workspace: Workspace) -> None:
    members = add_members(workspace, 5)
    assembly_id = add_assembly(workspace, present=members[:2], absent=members[2:])
    minutes_id = workspace.minutes.draft(assembly_id)
    assert workspace.minutes.get(minutes_id).deserted
    with Session(workspace.file.engine) as session:  # the roll call corrected afterwards
        for row in session.exec(select(Attendance).where(Attendance.member_id == members[2])):
            row.status = "presente_supplente"
            session.add(row)
        session.commit()
    workspace.minutes.save(minutes_id, workspace.minutes.get(minutes_id).data)
    assert not workspace.minutes.get(minutes_id).deserted
