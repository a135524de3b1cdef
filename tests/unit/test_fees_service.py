"""Membership fees on a real district file: who owes what for a year, overrides,
payments written as income movements, the confirmation asked for overpayments,
closed or missing years, and the reminder letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.errors import NeedsConfirmation, ValidationFailed
from desdesk.domain.money_enums import Flow, FundingSource
from desdesk.i18n import format_money
from desdesk.money_schemas import FeePaymentInput, FeeRow, FinancialYearInput
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input

TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Members:
    early: int  # joined 2024, still a member
    late: int  # joined in September 2026
    left: int  # left in February 2026
    future: int  # joins in 2027: no fee for 2026
    gone: int  # left at the end of 2025: no fee for 2026


@pytest.fixture
def members(workspace: Workspace) -> Members:
    add, codes = workspace.members.add, VALID_ORG_CODES
    ids = Members(
        early=add(member_input("Aurora APS", tax_code=codes[0], joined_on=date(2024, 3, 15))),
        late=add(member_input("Bottega Nuova", tax_code=codes[1], joined_on=date(2026, 9, 1))),
        left=add(member_input("Cantina Sociale", tax_code=codes[2], joined_on=date(2023, 1, 1))),
        future=add(member_input("Dolomiti Coop", tax_code=codes[3], joined_on=date(2027, 1, 10))),
        gone=add(member_input("Emporio Equo", tax_code=codes[4], joined_on=date(2022, 5, 1))),
    )
    workspace.members.withdraw(ids.left, date(2026, 2, 15), "Cessata attività")
    workspace.members.withdraw(ids.gone, date(2025, 12, 31), "Recesso")
    workspace.budget.open_year(FinancialYearInput(2026))
    workspace.fees.set_default_fee(2026, Decimal(50), date(2026, 3, 31))
    return ids


def _pay(
    workspace: Workspace, member: int, amount: str, confirm: bool = False, **kw: object
) -> int:
    values: dict[str, object] = {"paid_on": date(2026, 2, 10), "year": 2026}
    values.update(kw)
    data = FeePaymentInput(member_id=member, amount=Decimal(amount), **values)  # type: ignore[arg-type]
    return workspace.fees.record_payment(data, confirm=confirm)


def _row(workspace: Workspace, member: int, year: int = 2026) -> FeeRow:
    return next(r for r in workspace.fees.fees(year) if r.member_id == member)


def test_fees_list_the_members_active_during_the_year(
    workspace: Workspace, members: Members
) -> None:
    rows = workspace.fees.fees(2026)
    assert [r.member_name for r in rows] == ["Aurora APS", "Bottega Nuova", "Cantina Sociale"]
    assert all(r.due == Decimal(50) and r.due_on == date(2026, 3, 31) for r in rows)
    assert all(r.paid == 0 and r.last_paid_on is None and not r.overridden for r in rows)
    # 2025: the member that left at its end still owed it; those joining later did not.
    names_2025 = [r.member_name for r in workspace.fees.fees(2025)]
    assert names_2025 == ["Aurora APS", "Cantina Sociale", "Emporio Equo"]
    # 2025 is not open: no default fee, nothing due.
    assert all(r.due == 0 for r in workspace.fees.fees(2025))


def test_override_replaces_the_default_and_zero_is_exempt(
    workspace: Workspace, members: Members
) -> None:
    fees = workspace.fees
    fees.set_override(members.late, 2026, Decimal(25), date(2026, 10, 31), " Ingresso a settembre ")
    fees.set_override(members.left, 2026, Decimal(0), None, "Uscito a febbraio")
    late, left, early = (_row(workspace, m) for m in (members.late, members.left, members.early))
    assert (late.due, late.due_on, late.overridden, late.reason) == (
        Decimal(25), date(2026, 10, 31), True, "Ingresso a settembre",
    )  # fmt: skip
    # No due date of its own: the year's.
    assert (left.due, left.due_on, left.status(TODAY)) == (0, date(2026, 3, 31), "esente")
    assert (early.due, early.overridden, early.status(TODAY)) == (Decimal(50), False, "scaduta")
    assert late.status(date(2026, 10, 1)) == "da_pagare"
    fees.set_override(members.late, 2026, Decimal(30), None, "")
    assert _row(workspace, members.late).due == Decimal(30)
    fees.clear_override(members.late, 2026)
    assert (_row(workspace, members.late).due, _row(workspace, members.late).overridden) == (
        Decimal(50), False,
    )  # fmt: skip


def test_overrides_and_defaults_are_checked(workspace: Workspace, members: Members) -> None:
    fees = workspace.fees
    with pytest.raises(ValidationFailed, match="negativa"):
        fees.set_override(members.early, 2026, Decimal(-5), None, "")
    with pytest.raises(ValidationFailed) as refused:
        fees.set_override(members.future, 2026, Decimal(10), None, "")
    assert "Dolomiti Coop non era aderente nel 2026" in (refused.value.for_field("member_id") or "")
    with pytest.raises(ValidationFailed) as refused:
        fees.set_default_fee(2025, Decimal(40), None)
    assert "2025" in (refused.value.for_field("year") or "")
    fees.set_default_fee(2026, None, None)
    assert all(r.due == 0 and r.due_on is None for r in fees.fees(2026))


def test_a_payment_is_one_income_movement_of_the_fees_category(
    workspace: Workspace, members: Members
) -> None:
    movement_id = _pay(workspace, members.early, "30.00", document_ref="CRO 123")
    movements = workspace.budget.movements(2026)
    assert [m.id for m in movements] == [movement_id]
    movement = movements[0]
    assert movement.category_code == "EA1"
    assert movement.flow is Flow.INCOME
    assert movement.data.source == FundingSource.MEMBER_FEES.value
    assert movement.data.member_id == members.early
    assert movement.member_name == "Aurora APS"
    assert movement.fee_year == 2026
    assert movement.data.amount == Decimal("30.00")
    assert movement.data.date == date(2026, 2, 10)
    assert movement.data.description == "Quota 2026 – Aurora APS"
    assert movement.data.document_ref == "CRO 123"
    row = _row(workspace, members.early)
    assert (row.paid, row.last_paid_on, row.outstanding) == (
        Decimal(30), date(2026, 2, 10), Decimal(20),
    )  # fmt: skip
    assert row.status(date(2026, 3, 1)) == "parziale"
    statement = workspace.budget.statement(2026)
    assert statement.income_by_source[FundingSource.MEMBER_FEES] == Decimal(30)
    line = next(li for li in statement.statement.income_lines if li.code == "EA1")
    assert line.amounts.actual == Decimal(30)


def test_paying_more_than_outstanding_asks_first_and_writes_nothing(
    workspace: Workspace, members: Members
) -> None:
    _pay(workspace, members.early, "30.00")
    with pytest.raises(NeedsConfirmation) as asked:
        _pay(workspace, members.early, "30.00", paid_on=date(2026, 4, 2))
    assert format_money(Decimal(20)) in asked.value.message
    assert len(workspace.budget.movements(2026)) == 1
    assert _row(workspace, members.early).paid == Decimal(30)
    _pay(workspace, members.early, "30.00", confirm=True, paid_on=date(2026, 4, 2))
    row = _row(workspace, members.early)
    assert (row.paid, row.outstanding, row.last_paid_on) == (Decimal(60), 0, date(2026, 4, 2))
    assert row.status(TODAY) == "pagata"
    assert members.early not in [r.member_id for r in workspace.fees.outstanding(2026)]


def test_the_exact_outstanding_needs_no_confirmation_but_an_exempt_member_does(
    workspace: Workspace, members: Members
) -> None:
    _pay(workspace, members.early, "50.00")
    workspace.fees.set_override(members.left, 2026, Decimal(0), None, "Esente")
    with pytest.raises(NeedsConfirmation, match="Cantina Sociale non deve alcuna quota"):
        _pay(workspace, members.left, "10.00")
    assert len(workspace.budget.movements(2026)) == 1


def test_outstanding_lists_what_is_still_due(workspace: Workspace, members: Members) -> None:
    _pay(workspace, members.early, "20.00")
    _pay(workspace, members.late, "50.00")
    rows = workspace.fees.outstanding(2026, TODAY)
    assert [(r.member_name, r.outstanding) for r in rows] == [
        ("Aurora APS", Decimal(30)), ("Cantina Sociale", Decimal(50)),
    ]  # fmt: skip


def test_payments_into_a_closed_or_missing_year_are_refused(
    workspace: Workspace, members: Members
) -> None:
    # The fee year must exist...
    with pytest.raises(ValidationFailed) as refused:
        _pay(workspace, members.early, "10.00", year=2025, paid_on=date(2026, 1, 5))
    assert "2025" in (refused.value.for_field("year") or "")
    # ...and the payment's own year must be open.
    with pytest.raises(ValidationFailed) as refused:
        _pay(workspace, members.early, "10.00", paid_on=date(2027, 1, 5))
    assert "2027" in (refused.value.for_field("date") or "")
    workspace.budget.close_year(2026)
    with pytest.raises(ValidationFailed) as refused:
        _pay(workspace, members.early, "10.00")
    assert "chiuso" in (refused.value.for_field("date") or "")
    with pytest.raises(ValidationFailed):
        _pay(workspace, members.early, "100.00", confirm=True)
    assert workspace.budget.movements() == []


def test_a_member_not_in_the_district_that_year_cannot_pay_its_fee(
    workspace: Workspace, members: Members
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _pay(workspace, members.gone, "50.00")
    assert "Emporio Equo" in (refused.value.for_field("member_id") or "")
    with pytest.raises(ValidationFailed):
        _pay(workspace, members.early, "0.00")
    assert workspace.budget.movements() == []


def test_the_fee_follows_its_movement_when_edited_or_deleted_in_the_budget(
    workspace: Workspace, members: Members
) -> None:
    movement_id = _pay(workspace, members.early, "50.00")
    workspace.budget.delete_movement(movement_id)
    assert _row(workspace, members.early).paid == 0


def test_reminder_text(workspace: Workspace, members: Members) -> None:
    workspace.fees.set_override(members.early, 2026, Decimal(1500), date(2026, 11, 26), "")
    _pay(workspace, members.early, "265.44")
    text = workspace.fees.reminder_text(members.early, 2026, today=TODAY)
    assert "Aurora APS" in text
    assert "2026" in text
    assert format_money(Decimal("1234.56")) in text
    assert "1.234,56" in text
    assert format_money(Decimal("265.44")) in text
    assert "26/11/2026" in text
    assert "quota di adesione" in text
