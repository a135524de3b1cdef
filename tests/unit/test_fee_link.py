"""The fee link on a real district file: a movement of the membership-fees category with
a member is a fee payment wherever it was typed, moving it elsewhere ends the link, a
larger amount is confirmed first, late fees of a closed year, "no fee set" versus an
exemption, and members named in the accounts cannot be deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from desdesk.db.money_models import Movement
from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.errors import Conflict, NeedsConfirmation, ValidationFailed
from desdesk.money_schemas import FeePaymentInput, FeeRow, FinancialYearInput, MovementInput
from desdesk.services.movements import RowsRefused
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input

D = Decimal


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, int]:
    """Category ids by code, plus "fees" and the members "aurora" and "bottega"."""
    categories = workspace.budget.categories()
    found = {c.code: c.id for c in categories}
    found["fees"] = next(c.id for c in categories if c.role == MEMBERSHIP_FEES_ROLE)
    add = workspace.members.add
    joined = date(2024, 1, 10)
    found["aurora"] = add(member_input("Aurora APS", tax_code=VALID_ORG_CODES[0], joined_on=joined))
    found["bottega"] = add(
        member_input("Bottega Nuova", tax_code=VALID_ORG_CODES[1], joined_on=joined)
    )
    workspace.budget.open_year(FinancialYearInput(2025, default_fee=D(40)))
    workspace.budget.open_year(FinancialYearInput(2026, default_fee=D(50)))
    return found


def _fee(workspace: Workspace, member: int, year: int = 2026) -> FeeRow:
    return next(r for r in workspace.fees.fees(year) if r.member_id == member)


def _income(ids: dict[str, int], amount: str = "50", **kw: object) -> MovementInput:
    values: dict[str, object] = {"date": date(2026, 3, 5), "category_id": ids["fees"]}
    values.update(kw)
    return MovementInput(amount=D(amount), **values)  # type: ignore[arg-type]


def test_a_fee_typed_in_movimenti_is_paid_in_quote(workspace: Workspace, ids: dict) -> None:
    budget = workspace.budget
    typed = budget.add_movement(_income(ids, member_id=ids["aurora"]))
    assert budget.movement(typed).fee_year == 2026
    assert budget.movement(typed).data.fee_year == 2026
    paid = _fee(workspace, ids["aurora"])
    assert paid.paid == D(50) and paid.status(date(2026, 3, 6)) == "pagata"
    # Without a member it is a lump sum, not anybody's fee.
    lump = budget.add_movement(_income(ids, "120", counterparty="Cena sociale"))
    assert budget.movement(lump).fee_year is None
    assert _fee(workspace, ids["bottega"]).paid == 0
    # Another year's fee is said explicitly, and counts there.
    late = budget.add_movement(_income(ids, "40", member_id=ids["bottega"], fee_year=2025))
    assert budget.movement(late).fee_year == 2025
    assert _fee(workspace, ids["bottega"], 2025).paid == D(40)
    assert _fee(workspace, ids["bottega"]).paid == 0


def test_a_fee_year_needs_the_fees_category_a_member_and_an_existing_year(
    workspace: Workspace, ids: dict
) -> None:
    budget = workspace.budget
    with pytest.raises(ValidationFailed) as other_category:
        budget.add_movement(
            _income(ids, category_id=ids["EA2"], member_id=ids["aurora"], fee_year=2026)
        )
    assert [p.field for p in other_category.value.problems] == ["fee_year"]
    assert "quote associative" in other_category.value.problems[0].message
    with pytest.raises(ValidationFailed) as no_member:
        budget.add_movement(_income(ids, fee_year=2026))
    assert [p.field for p in no_member.value.problems] == ["member_id"]
    assert "2026" in no_member.value.problems[0].message
    with pytest.raises(ValidationFailed) as no_year:
        budget.add_movement(_income(ids, member_id=ids["aurora"], fee_year=2019))
    assert [p.field for p in no_year.value.problems] == ["fee_year"]
    assert "2019" in no_year.value.problems[0].message
    with pytest.raises(RowsRefused) as batch:
        budget.add_movements([_income(ids, member_id=ids["aurora"]), _income(ids, fee_year=2026)])
    assert [row for row, _problem in batch.value.problems] == [2]
    assert budget.movements(2026) == []


def test_an_import_keeps_the_fee_link(workspace: Workspace, ids: dict) -> None:
    rows = [
        _income(ids, member_id=ids["aurora"]),
        _income(ids, "40", member_id=ids["bottega"], fee_year=2025),
        _income(ids, "10", category_id=ids["EA2"], member_id=ids["bottega"]),
    ]
    assert workspace.budget.add_movements(rows) == 3
    years = sorted((m.fee_year or 0) for m in workspace.budget.movements(2026))
    assert years == [0, 2025, 2026]
    assert _fee(workspace, ids["aurora"]).paid == D(50)
    assert _fee(workspace, ids["bottega"], 2025).paid == D(40)


def test_moving_a_payment_out_of_the_fees_or_clearing_its_member_ends_the_link(
    workspace: Workspace, ids: dict
) -> None:
    budget = workspace.budget
    first = workspace.fees.record_payment(
        FeePaymentInput(member_id=ids["aurora"], year=2026, amount=D(50), paid_on=date(2026, 2, 1))
    )
    second = workspace.fees.record_payment(
        FeePaymentInput(member_id=ids["bottega"], year=2026, amount=D(50), paid_on=date(2026, 2, 1))
    )
    moved = budget.movement(first).data
    budget.update_movement(first, replace(moved, category_id=ids["EA2"]))
    assert budget.movement(first).fee_year is None
    assert _fee(workspace, ids["aurora"]).paid == 0
    cleared = budget.movement(second).data
    budget.update_movement(second, replace(cleared, member_id=None, counterparty="Anonimo"))
    assert budget.movement(second).fee_year is None
    assert _fee(workspace, ids["bottega"]).paid == 0
    # Back into the fees with a member: a fee payment again, of the date's year.
    budget.update_movement(first, replace(moved, fee_year=None))
    assert budget.movement(first).fee_year == 2026
    assert _fee(workspace, ids["aurora"]).paid == D(50)


def test_an_edit_without_a_fee_year_keeps_the_one_it_had(workspace: Workspace, ids: dict) -> None:
    budget = workspace.budget
    late = workspace.fees.record_payment(
        FeePaymentInput(member_id=ids["aurora"], year=2025, amount=D(40), paid_on=date(2026, 1, 20))
    )
    data = budget.movement(late).data
    budget.update_movement(late, replace(data, description="Quota 2025 in ritardo", fee_year=None))
    assert budget.movement(late).fee_year == 2025
    budget.update_movement(late, replace(data, fee_year=2026))
    assert budget.movement(late).fee_year == 2026


def test_only_payments_in_the_fees_category_count(workspace: Workspace, ids: dict) -> None:
    typed = workspace.budget.add_movement(_income(ids, member_id=ids["aurora"]))
    # A row written behind the services' back (an old file, a bug): still not a fee.
    with workspace.sessions() as session:
        moved = update(Movement).where(Movement.id == typed)  # type: ignore[arg-type]
        session.execute(moved.values(category_id=ids["EA2"]))
        session.commit()
    assert workspace.budget.movement(typed).fee_year == 2026
    assert _fee(workspace, ids["aurora"]).paid == 0


def test_adding_or_raising_beyond_the_fee_asks_first(workspace: Workspace, ids: dict) -> None:
    budget = workspace.budget
    with pytest.raises(NeedsConfirmation) as asked:
        budget.add_movement(_income(ids, "80", member_id=ids["aurora"]))
    assert "80,00" in asked.value.message and "50,00" in asked.value.message
    assert budget.movements(2026) == []
    paid = budget.add_movement(_income(ids, "30", member_id=ids["aurora"]))
    data = budget.movement(paid).data
    with pytest.raises(NeedsConfirmation) as raised:
        budget.update_movement(paid, replace(data, amount=D(60)))
    assert "60,00" in raised.value.message and "50,00" in raised.value.message
    assert budget.movement(paid).data.amount == D(30)
    budget.update_movement(paid, replace(data, amount=D(60)), confirm=True)
    assert _fee(workspace, ids["aurora"]).paid == D(60)
    # Already above: editing the description does not ask again; lowering never does.
    data = budget.movement(paid).data
    budget.update_movement(paid, replace(data, description="Quota e contributo"))
    budget.update_movement(paid, replace(data, amount=D(55)))
    # Becoming somebody else's payment is paying their fee: asked when too much.
    other = budget.add_movement(
        _income(ids, "20", category_id=ids["EA2"], member_id=ids["bottega"])
    )
    moved = replace(budget.movement(other).data, category_id=ids["fees"], member_id=ids["aurora"])
    with pytest.raises(NeedsConfirmation):
        budget.update_movement(other, moved)
    assert budget.movement(other).fee_year is None
    assert budget.add_movement(_income(ids, "5", member_id=ids["aurora"]), confirm=True) > 0


def test_no_fee_set_is_not_an_exemption(workspace: Workspace, ids: dict) -> None:
    workspace.budget.open_year(FinancialYearInput(2027))
    workspace.fees.set_override(ids["bottega"], 2027, D(0), None, "Socio fondatore")
    today = date(2027, 2, 1)
    not_set, exempt = _fee(workspace, ids["aurora"], 2027), _fee(workspace, ids["bottega"], 2027)
    assert not not_set.fee_set and not_set.status(today) == "non_stabilita"
    assert exempt.fee_set and exempt.status(today) == "esente"
    assert _fee(workspace, ids["aurora"]).status(date(2026, 1, 2)) == "da_pagare"
    with pytest.raises(NeedsConfirmation) as asked:
        workspace.fees.record_payment(
            FeePaymentInput(member_id=ids["aurora"], year=2027, amount=D(10), paid_on=today)
        )
    assert "non è stabilita" in asked.value.message


def test_a_closed_years_fee_is_paid_late_into_an_open_year(workspace: Workspace, ids: dict) -> None:
    workspace.budget.close_year(2025)
    late = FeePaymentInput(
        member_id=ids["aurora"], year=2025, amount=D(40), paid_on=date(2026, 4, 2)
    )
    movement = workspace.fees.record_payment(late)
    assert workspace.budget.movement(movement).fee_year == 2025
    assert _fee(workspace, ids["aurora"], 2025).status(date(2026, 5, 1)) == "pagata"
    with pytest.raises(ValidationFailed) as closed:
        workspace.fees.record_payment(
            replace(late, member_id=ids["bottega"], paid_on=date(2025, 12, 1))
        )
    assert [p.field for p in closed.value.problems] == ["date"]
    assert _fee(workspace, ids["bottega"], 2025).paid == 0


def test_a_member_named_in_the_accounts_cannot_be_deleted(workspace: Workspace, ids: dict) -> None:
    budget = workspace.budget
    for amount in ("20", "30"):
        budget.add_movement(_income(ids, amount, member_id=ids["aurora"]))
    budget.add_movement(_income(ids, "10", category_id=ids["EA2"], member_id=ids["bottega"]))
    with pytest.raises(Conflict) as refused:
        workspace.members.delete(ids["aurora"])
    assert "Aurora APS" in refused.value.message and "2 movimenti" in refused.value.message
    assert "uscita" in refused.value.message
    with pytest.raises(Conflict) as one:
        workspace.members.delete(ids["bottega"])
    assert "1 movimento " in one.value.message
    assert len(budget.movements(2026)) == 3
    for movement in budget.movements(2026):
        if movement.data.member_id == ids["bottega"]:
            budget.delete_movement(movement.id)
    workspace.members.delete(ids["bottega"])
    assert [m for m, _name in budget.member_choices()] == [ids["aurora"]]
