"""What belongs to a past year's annual report: not a task of unknown start, not an
objective whose term ended before the year."""

from __future__ import annotations

from datetime import date

from desdesk.schemas import ObjectiveInput, TaskInput
from desdesk.services.workspace import Workspace
from tests.factories import member_input


def test_a_past_year_leaves_out_undated_tasks_and_objectives_already_over(
    workspace: Workspace,
) -> None:
    member = workspace.members.add(member_input("GAS Primiero"))
    workspace.tasks.add(TaskInput(member_id=member, description="Aggiornare il sito"))
    workspace.district.add_objective(
        ObjectiveInput(title="Filiera del pane", deadline=date(2023, 6, 30))
    )
    workspace.district.add_objective(ObjectiveInput(title="Mercato di primavera"))
    this_year = date.today().year

    past = workspace.annual_report.report(this_year - 1)
    running = workspace.annual_report.report(this_year)

    assert [t.description for t in past.tasks.tasks] == []
    assert [t.description for t in running.tasks.tasks] == ["Aggiornare il sito"]
    assert [o.title for o in past.objectives] == ["Mercato di primavera"]
    assert [o.title for o in workspace.annual_report.report(2023).objectives] == [
        "Filiera del pane",
        "Mercato di primavera",
    ]
