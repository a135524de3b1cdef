"""Closed years stay closed: the category dialog cannot rewrite their statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.errors import ValidationFailed
from desdesk.money_schemas import CategoryInput, FinancialYearInput, MovementInput
from desdesk.services.workspace import Workspace

D = Decimal


def _ids(workspace: Workspace) -> dict[str, int]:
    return {c.code: c.id for c in workspace.budget.categories()}


def _setup(workspace: Workspace) -> dict[str, int]:
    """UA2 ⊃ UA2.1 (a movement in 2025, closed), UA2.2 (plan in 2026, open)."""
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2025))
    budget.open_year(FinancialYearInput(2026))
    budget.add_category(CategoryInput(ids["UA1"], "UA1.1", "Cancelleria"))
    budget.add_category(CategoryInput(ids["UA1"], "UA1.2", "Stampe"))
    ids = _ids(workspace)
    budget.add_movement(MovementInput(date(2025, 6, 1), D("80.00"), ids["UA1.1"]))
    budget.set_plan(2026, {ids["UA1.2"]: D("50.00")})
    budget.close_year(2025)
    return ids


def test_moving_or_reflagging_a_category_with_closed_amounts_is_refused(
    workspace: Workspace,
) -> None:
    ids = _setup(workspace)
    budget = workspace.budget
    before = budget.statement(2025).statement
    with pytest.raises(ValidationFailed) as moved:
        budget.update_category(ids["UA1.1"], CategoryInput(ids["UB1"], "UA1.1", "Cancelleria"))
    assert "esercizio chiuso 2025" in (moved.value.for_field("parent_id") or "")
    # The parent's structure-cost flag covers the child: refused too
    with pytest.raises(ValidationFailed) as flagged:
        budget.update_category(ids["UA1"], CategoryInput(ids["UA"], "UA1", "Materie", True))
    assert "2025" in (flagged.value.for_field("structure_cost") or "")
    assert budget.statement(2025).statement == before
    # Renaming is fine
    budget.update_category(ids["UA1.1"], CategoryInput(ids["UA1"], "UA1.1", "Carta e penne"))
    assert next(c for c in budget.categories() if c.id == ids["UA1.1"]).name == "Carta e penne"
    # Only the open year's plan: moving is allowed
    budget.update_category(ids["UA1.2"], CategoryInput(ids["UB1"], "UA1.2", "Stampe"))
    moved_row = next(c for c in budget.categories() if c.id == ids["UA1.2"])
    assert moved_row.parent_id == ids["UB1"] and moved_row.section.value == "B"
    # Reopened, the year may change
    budget.reopen_year(2025)
    budget.update_category(ids["UA1.1"], CategoryInput(ids["UA1"], "UA1.1", "Carta", True))


def test_a_default_source_change_is_refused_with_every_closed_year(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    for year in (2024, 2025):
        budget.open_year(FinancialYearInput(year))
        budget.add_movement(MovementInput(date(year, 3, 1), D("10.00"), ids["EA8"]))
        budget.close_year(year)
    ea8 = next(c for c in budget.categories() if c.code == "EA8")
    assert ea8.parent_id is not None
    with pytest.raises(ValidationFailed) as refused:
        budget.update_category(
            ea8.id, CategoryInput(ea8.parent_id, "EA8", ea8.name, False, "crowdfunding")
        )
    assert "esercizi chiusi 2024, 2025" in (refused.value.for_field("default_source") or "")
