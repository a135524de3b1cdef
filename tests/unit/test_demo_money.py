"""The demo district's money and monitoring, read back through the services: years of
movements, plans and forecasts, fees paid and outstanding, typed measurements, H5."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import astuple
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.budget_rules import PUBLIC_SHARE_WARNING_PERCENT
from desdesk.domain.money import CENT
from desdesk.domain.money_enums import Flow, FundingSource
from desdesk.services.demo import build_plan, create_demo
from desdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("demo") / "demo.des"
    create_demo(path, members=60, years=5, seed=4, today=TODAY)
    with open_workspace(path) as ws:
        yield ws


def _closed_years(ws: Workspace) -> list[int]:
    return sorted(y.data.year for y in ws.budget.years() if y.closed)


def _money_snapshot(path: Path) -> tuple[object, ...]:
    with open_workspace(path) as ws:
        years = sorted(y.data.year for y in ws.budget.years())
        return (
            [astuple(y) for y in ws.budget.years()],
            [astuple(m) for m in ws.budget.movements()],
            [sorted(ws.budget.plan(year).items()) for year in years],
            [astuple(f) for year in years for f in ws.fees.fees(year, today=TODAY)],
            [
                astuple(ws.indicators.series(i.id, years[0], years[-1], today=TODAY))
                for i in ws.indicators.indicators()
            ],
        )


def test_years_from_the_founding_earlier_closed_the_current_open(demo: Workspace) -> None:
    years = {y.data.year: y for y in demo.budget.years()}
    assert sorted(years) == list(range(2021, 2027))
    assert [y for y, read in years.items() if not read.closed] == [2026]
    assert all(read.data.default_fee and read.data.fee_due_on for read in years.values())
    assert years[2026].data.fee_due_on == date(2026, 3, 31)
    fees = [years[y].data.default_fee or Decimal(0) for y in sorted(years)]
    assert fees == sorted(fees) and fees[0] != fees[-1]  # the fee rises over the years


def test_every_year_has_income_and_expenses_in_its_statement(demo: Workspace) -> None:
    years = sorted(y.data.year for y in demo.budget.years())
    with_movements = [y for y in years if demo.budget.movements(y)]
    assert len(with_movements) >= 3
    for year in years:
        statement = demo.budget.statement(year).statement
        assert statement.operating.income.actual > 0, year
        assert statement.operating.expenses.actual > 0, year
        assert statement.operating.income.planned > 0, year
        assert statement.operating.expenses.planned > 0, year
    # the current year's movements stop at today, its plan is for the whole year
    current = demo.budget.movements(2026)
    assert max(m.data.date for m in current) <= TODAY
    assert demo.budget.statement(2026).statement.operating.income.actual < (
        demo.budget.statement(2026).statement.operating.income.planned
    )


def test_openings_carry_the_previous_closing_balances(demo: Workspace) -> None:
    years = sorted(y.data.year for y in demo.budget.years())
    assert demo.budget.year(years[0]).data.opening_bank == 0
    for year in years[1:]:
        previous = demo.budget.statement(year - 1).cash
        opening = demo.budget.year(year).data
        closing = {
            line.account.value: line.opening + line.income - line.expenses for line in previous
        }
        assert (opening.opening_cash, opening.opening_bank) == (closing["cassa"], closing["banca"])
        assert opening.opening_cash >= 0 and opening.opening_bank >= 0


def test_amounts_are_decimals_with_cents(demo: Workspace) -> None:
    movements = demo.budget.movements()
    assert all(isinstance(m.data.amount, Decimal) for m in movements)
    assert all(
        m.data.amount > 0 and m.data.amount == m.data.amount.quantize(CENT) for m in movements
    )
    assert all(m.data.amount.as_tuple().exponent == -2 for m in movements)
    plan = demo.budget.plan(2025)
    assert plan and all(amount.as_tuple().exponent == -2 for amount in plan.values())


def test_structure_activities_fundraising_public_money_and_members(demo: Workspace) -> None:
    movements = demo.budget.movements(2025)
    codes = {m.category_code for m in movements}
    assert {"UE2", "UE3", "UA2", "EA4", "EA8", "EC1", "UD1"} <= codes
    provincia = [m for m in movements if "Provincia autonoma di Trento" in m.data.description]
    assert provincia and all(m.data.source == FundingSource.PUBLIC.value for m in provincia)
    assert any(m.data.member_id is not None and m.fee_year is None for m in movements)
    assert all(m.data.source is None for m in movements if m.flow is Flow.EXPENSE)
    assert all(m.data.source for m in movements if m.flow is Flow.INCOME)
    assert all(m.data.description for m in movements)
    share = demo.budget.statement(2025).structure_share
    assert share is not None and Decimal(15) < share < Decimal(50)


def test_public_share_is_plausible_and_warns_in_some_years(demo: Workspace) -> None:
    shares = [demo.budget.statement(year).public_share for year in _closed_years(demo)]
    assert all(s is not None and Decimal(40) <= s <= Decimal(76) for s in shares), shares
    assert any(s is not None and s > PUBLIC_SHARE_WARNING_PERCENT for s in shares)
    assert any(s is not None and s < PUBLIC_SHARE_WARNING_PERCENT for s in shares)


def test_fees_mostly_paid_some_outstanding_a_few_overridden(demo: Workspace) -> None:
    rows = [row for year in _closed_years(demo) for row in demo.fees.fees(year, today=TODAY)]
    due = [row for row in rows if row.due > 0]
    paid = [row for row in due if row.paid >= row.due]
    assert len(paid) > 0.85 * len(due)
    assert any(row.outstanding > 0 for row in due)
    assert any(row.overridden and row.due == 0 for row in rows)  # exempt
    defaults = {y: demo.budget.year(y).data.default_fee for y in _closed_years(demo)}
    assert any(row.overridden and 0 < row.due < (defaults[row.year] or 0) for row in rows)
    assert demo.fees.outstanding(2025, today=TODAY)


def test_fee_payments_are_movements_of_the_fee_category(demo: Workspace) -> None:
    fees_category = next(c for c in demo.budget.categories() if c.role == MEMBERSHIP_FEES_ROLE)
    payments = [m for m in demo.budget.movements() if m.fee_year is not None]
    assert payments
    for payment in payments:
        assert payment.data.category_id == fees_category.id
        assert payment.data.source == FundingSource.MEMBER_FEES.value
        assert payment.data.member_id is not None
        assert payment.data.description == f"Quota {payment.fee_year} – {payment.member_name}"
        assert payment.data.date.year == payment.fee_year


def test_forecast_for_three_years_and_initial_investments(demo: Workspace) -> None:
    view = demo.budget.multi_year(2026)
    forecast = [c for c in view.columns if c.kind == "previsione"]
    assert [c.year for c in forecast] == [2027, 2028, 2029]
    assert all(c.statement.operating.income.planned > 0 for c in forecast)
    assert any(i.data.year == 2021 for i in view.investments)
    assert any(i.data.year > 2026 for i in view.investments)
    bought = demo.budget.statement(2021).statement.investments.expenses.actual
    assert bought == sum(i.data.amount for i in view.investments if i.data.year == 2021)


def test_typed_indicators_have_measurements_and_every_indicator_targets(demo: Workspace) -> None:
    indicators = demo.indicators.indicators()
    typed = [i for i in indicators if i.data.metric is None]
    assert len(typed) >= 4
    for indicator in typed:
        series = demo.indicators.series(indicator.id, 2021, 2026, today=TODAY)
        values = [p.value for p in series.values if p.value is not None]
        assert len(values) >= 3, indicator.data.name
        assert series.targets
    for indicator in indicators:
        assert demo.indicators.series(indicator.id, 2021, 2026, today=TODAY).targets


def test_measurements_follow_a_believable_trend(demo: Workspace) -> None:
    projects = next(i for i in demo.indicators.indicators() if i.data.name.startswith("N./%"))
    values = [
        p.value
        for p in demo.indicators.series(projects.id, 2021, 2026, today=TODAY).values
        if p.value is not None
    ]
    assert all(Decimal(0) <= v <= Decimal(100) for v in values)
    half = len(values) // 2
    assert sum(values[half:]) / (len(values) - half) > sum(values[:half]) / half


def test_objectives_linked_to_indicators_show_progress(demo: Workspace) -> None:
    progress = demo.indicators.objectives_progress(today=TODAY)
    assert 1 <= len(progress) <= 2
    assert all(p.target_value for p in progress)


def test_same_seed_same_money_another_seed_other_money(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.des", tmp_path / "b.des", tmp_path / "c.des"
    create_demo(first, members=25, years=3, seed=9, today=TODAY)
    create_demo(second, members=25, years=3, seed=9, today=TODAY)
    create_demo(other, members=25, years=3, seed=10, today=TODAY)
    assert _money_snapshot(first) == _money_snapshot(second)
    assert _money_snapshot(first)[1] != _money_snapshot(other)[1]


def test_the_money_plan_is_built_before_anything_is_written() -> None:
    money = build_plan(members=30, years=2, seed=2, today=TODAY).money
    assert money.movements and money.planned and money.years
    assert all(m.day <= TODAY for m in money.movements)
    assert max(year for year, _code in money.planned) == TODAY.year + 3
