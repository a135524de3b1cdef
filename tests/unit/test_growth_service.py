"""GrowthService: growth actions added, listed newest first (all or by year), updated,
deleted; a description is required and the member must exist."""

from __future__ import annotations

from datetime import date

import pytest

from desdesk.check_schemas import GrowthActionInput
from desdesk.domain.errors import NotFound, ValidationFailed
from desdesk.services.workspace import Workspace
from tests.roll_call_setup import add_members


def test_actions_newest_first_with_the_member_brought_in(workspace: Workspace) -> None:
    (member,) = add_members(workspace, ["Cooperativa Alfa"], date(2025, 5, 1))
    growth = workspace.growth
    first = growth.add(GrowthActionInput(date(2025, 3, 1), "  Porte aperte  ", " 2 contatti "))
    second = growth.add(
        GrowthActionInput(date(2025, 4, 10), "Presentazione al GAS", member_id=member)
    )
    third = growth.add(GrowthActionInput(date(2026, 2, 2), "Serata pubblica"))
    actions = growth.actions()
    assert [a.id for a in actions] == [third, second, first]
    assert actions[2].data.description == "Porte aperte"
    assert actions[2].data.outcome == "2 contatti"
    assert actions[1].member_name == "Cooperativa Alfa"
    assert actions[1].data.member_id == member
    assert actions[0].member_name == ""
    assert [a.id for a in growth.actions(2025)] == [second, first]
    assert growth.actions(2024) == []


def test_update_and_delete(workspace: Workspace) -> None:
    growth = workspace.growth
    action = growth.add(GrowthActionInput(date(2026, 3, 1), "Porte aperte"))
    growth.update(
        action,
        GrowthActionInput(date(2026, 3, 8), "Porte aperte in cooperativa", "Un nuovo aderente"),
    )
    (read,) = growth.actions()
    assert read.data == GrowthActionInput(
        date(2026, 3, 8), "Porte aperte in cooperativa", "Un nuovo aderente"
    )
    growth.delete(action)
    assert growth.actions() == []
    with pytest.raises(NotFound):
        growth.delete(action)
    with pytest.raises(NotFound):
        growth.update(action, GrowthActionInput(date(2026, 3, 8), "Altro"))


def test_a_description_is_required(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as caught:
        workspace.growth.add(GrowthActionInput(date(2026, 3, 1), "   "))
    assert caught.value.for_field("description") == "Scrivi che cosa è stato fatto."
    assert workspace.growth.actions() == []


def test_the_member_must_exist(workspace: Workspace) -> None:
    action = workspace.growth.add(GrowthActionInput(date(2026, 3, 1), "Porte aperte"))
    with pytest.raises(ValidationFailed) as caught:
        workspace.growth.update(
            action, GrowthActionInput(date(2026, 3, 1), "Porte aperte", member_id=999)
        )
    assert caught.value.for_field("member_id")
    assert workspace.growth.actions()[0].data.member_id is None


def test_an_action_keeps_its_history_when_the_member_is_deleted(workspace: Workspace) -> None:
    (member,) = add_members(workspace, ["Cooperativa Alfa"], date(2025, 5, 1))
    workspace.growth.add(GrowthActionInput(date(2025, 4, 10), "Presentazione", member_id=member))
    workspace.members.delete(member)
    (action,) = workspace.growth.actions()
    assert action.data.member_id is None
    assert action.data.description == "Presentazione"


def test_h10_reads_this_years_actions(workspace: Workspace) -> None:
    today = date(2026, 11, 26)

    def h10_levels() -> set[str]:
        return {
            f.level.value for f in workspace.check.report(today=today).findings if f.rule == "H10"
        }

    workspace.growth.add(GrowthActionInput(date(2025, 6, 1), "Porte aperte dell'anno scorso"))
    assert h10_levels() == {"avviso"}
    workspace.growth.add(GrowthActionInput(date(2026, 6, 1), "Serata pubblica"))
    assert h10_levels() == {"ok"}
