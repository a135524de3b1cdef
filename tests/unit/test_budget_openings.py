"""Openings that follow the previous year, plans of years not on file, transfers
between cassa and banca: against a real district file, worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.errors import NotFound, ValidationFailed
from desdesk.domain.money_enums import Account
from desdesk.money_schemas import FinancialYearInput, MovementInput, TransferInput
from desdesk.services.workspace import Workspace

D = Decimal
CASH, BANK = Account.CASH, Account.BANK


def _ids(workspace: Workspace) -> dict[str, int]:
    return {c.code: c.id for c in workspace.budget.categories()}


def _move(ws: Workspace, day: date, amount: str, code: str, account: Account = BANK) -> int:
    return ws.budget.add_movement(
        MovementInput(day, D(amount), _ids(ws)[code], account=account.value)
    )


def _openings(ws: Workspace, year: int) -> tuple[Decimal, Decimal]:
    data = ws.budget.year(year).data
    return data.opening_cash, data.opening_bank


def test_openings_follow_the_previous_year_also_after_a_late_movement(
    workspace: Workspace,
) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2025, D("100.00"), D("1000.00")))
    _move(workspace, date(2025, 5, 1), "200.00", "EA1")
    budget.open_year(FinancialYearInput(2026))
    budget.open_year(FinancialYearInput(2027))
    first = budget.year(2025).data
    assert first.carry_openings is False  # the first year: typed openings
    assert budget.year(2026).data.carry_openings is True
    assert _openings(workspace, 2026) == (D("100.00"), D("1200.00"))
    assert _openings(workspace, 2027) == (D("100.00"), D("1200.00"))
    budget.close_year(2025)
    budget.close_year(2026)
    # A payment of 2025 found late: reopen, record, close; 2026 and 2027 follow
    budget.reopen_year(2025)
    _move(workspace, date(2025, 12, 30), "30.50", "UA1", CASH)
    budget.close_year(2025)
    assert _openings(workspace, 2026) == (D("69.50"), D("1200.00"))
    assert _openings(workspace, 2027) == (D("69.50"), D("1200.00"))
    cash, bank = budget.statement(2027).cash
    assert (cash.opening, bank.opening) == (D("69.50"), D("1200.00"))


def test_typed_openings_are_kept_and_can_follow_again(workspace: Workspace) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2025, D("0"), D("500.00")))
    # A district that starts mid-history types what it has
    budget.open_year(FinancialYearInput(2026, D("7.00"), D("90.00"), carry_openings=False))
    assert _openings(workspace, 2026) == (D("7.00"), D("90.00"))
    _move(workspace, date(2025, 1, 2), "10.00", "EA1")
    assert _openings(workspace, 2026) == (D("7.00"), D("90.00"))
    # Back to following: the typed values give way to 2025's closing
    budget.update_year(FinancialYearInput(2026, D("7.00"), D("90.00"), carry_openings=True))
    assert _openings(workspace, 2026) == (D("0.00"), D("510.00"))
    assert budget.year(2026).data.carry_openings is True
    # Without a previous year the flag cannot hold: the typed openings count
    budget.open_year(FinancialYearInput(2030, D("3.00"), D("4.00"), carry_openings=True))
    assert budget.year(2030).data.carry_openings is False
    assert _openings(workspace, 2030) == (D("3.00"), D("4.00"))


def test_a_future_year_is_planned_without_being_opened(workspace: Workspace) -> None:
    budget = workspace.budget
    ids = _ids(workspace)
    budget.open_year(FinancialYearInput(2026, D("0"), D("300.00")))
    budget.set_plan(2028, {ids["EA1"]: D("1000"), ids["UA1"]: D("400")})
    assert [y.year for y in budget.years()] == [2026]
    with pytest.raises(NotFound):
        budget.year(2028)
    view = budget.multi_year(2026, past=0, forecast=2)
    assert [c.year for c in view.columns] == [2026, 2027, 2028]
    assert view.columns[2].statement.overall.planned == D("600.00")
    forecast = budget.statement(2028)
    assert forecast.statement.overall.planned == D("600.00")
    # Its cash starts from the last year's closing, carried through 2027
    assert [line.opening for line in forecast.cash] == [D("0.00"), D("300.00")]
    # Movements still need the year opened
    with pytest.raises(ValidationFailed) as refused:
        _move(workspace, date(2028, 1, 5), "5.00", "EA1")
    assert "2028 non è aperto" in (refused.value.for_field("date") or "")
    budget.close_year(2026)
    with pytest.raises(ValidationFailed) as closed:
        budget.set_plan(2026, {ids["EA1"]: D("1")})
    assert "2026 è chiuso" in (closed.value.for_field("year") or "")
    assert budget.plan(2026) == {}


def test_transfers_move_cash_and_bank_only(workspace: Workspace) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2026, D("50.00"), D("1000.00")))
    _move(workspace, date(2026, 2, 1), "400.00", "EA1", CASH)
    before = budget.statement(2026)
    withdrawal = budget.add_transfer(
        TransferInput(date(2026, 3, 1), D("200.004"), BANK, CASH, " prelievo ", "ric. 4")
    )
    deposit = budget.add_transfer(TransferInput(date(2026, 4, 1), D("350.00"), CASH, BANK))
    after = budget.statement(2026)
    cash, bank = after.cash
    # Cassa: 50 + 400 + 200 - 350 = 300; banca: 1000 - 200 + 350 = 1150
    assert (cash.transfers_in, cash.transfers_out) == (D("200.00"), D("350.00"))
    assert (bank.transfers_in, bank.transfers_out) == (D("350.00"), D("200.00"))
    assert (cash.closing, bank.closing) == (D("300.00"), D("1150.00"))
    # Not income nor expense: the statement, H5 and H6 are what they were
    assert after.statement == before.statement
    assert (after.public_share, after.structure_share) == (
        before.public_share,
        before.structure_share,
    )
    listed = budget.transfers(2026)
    assert [t.id for t in listed] == [deposit, withdrawal]
    assert listed[1].data == TransferInput(
        date(2026, 3, 1), D("200.00"), BANK, CASH, "prelievo", "ric. 4"
    )
    assert budget.transfers(2025) == []
    budget.update_transfer(deposit, TransferInput(date(2026, 4, 2), D("100.00"), CASH, BANK))
    assert budget.statement(2026).cash[0].closing == D("550.00")
    # The next year opens with the closing, transfers included
    budget.open_year(FinancialYearInput(2027))
    assert _openings(workspace, 2027) == (D("550.00"), D("900.00"))
    budget.delete_transfer(deposit)
    assert [t.id for t in budget.transfers()] == [withdrawal]


def test_transfers_refused(workspace: Workspace) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2026))
    with pytest.raises(ValidationFailed) as bad:
        budget.add_transfer(TransferInput(date(2026, 1, 1), D("0.004"), CASH, CASH))
    assert "maggiore di zero" in (bad.value.for_field("amount") or "")
    assert "due conti diversi" in (bad.value.for_field("to_account") or "")
    with pytest.raises(ValidationFailed) as missing:
        budget.add_transfer(TransferInput(date(2025, 1, 1), D("5"), CASH, BANK))
    assert "2025 non è aperto" in (missing.value.for_field("date") or "")
    kept = budget.add_transfer(TransferInput(date(2026, 1, 1), D("5"), CASH, BANK))
    budget.close_year(2026)
    with pytest.raises(ValidationFailed) as closed:
        budget.delete_transfer(kept)
    assert "2026 è chiuso" in (closed.value.for_field("date") or "")
    with pytest.raises(ValidationFailed):
        budget.update_transfer(kept, TransferInput(date(2026, 1, 1), D("6"), CASH, BANK))
    assert budget.transfers()[0].data.amount == D("5.00")
    with pytest.raises(NotFound):
        budget.delete_transfer(kept + 100)
    assert budget.statement(2026).cash[0].closing == D("-5.00")  # flagged by the GUI
