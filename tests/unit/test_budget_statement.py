"""The statement of a year from real movements: results, cash and bank, funding mix,
previous year, multi-year columns and openings carried over, worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from desdesk.domain.budget_rules import Amounts
from desdesk.domain.money_enums import Account, BudgetSection, FundingSource
from desdesk.money_schemas import FinancialYearInput, InvestmentInput, MovementInput
from desdesk.services.workspace import Workspace

D = Decimal
CASH, BANK = Account.CASH.value, Account.BANK.value


def _two_years(workspace: Workspace) -> dict[str, int]:
    budget = workspace.budget
    ids = {c.code: c.id for c in budget.categories()}

    def move(
        day: date, amount: str, code: str, account: str = BANK, source: str | None = None
    ) -> None:
        budget.add_movement(
            MovementInput(day, D(amount), ids[code], source=source, account=account)
        )

    budget.open_year(FinancialYearInput(2025, D("100.00"), D("2000.00")))
    move(date(2025, 2, 1), "300.00", "EA1")
    move(date(2025, 3, 1), "200.00", "EA4", CASH)
    move(date(2025, 4, 1), "120.40", "UE2", CASH)
    move(date(2025, 12, 31), "50.00", "UA1")
    # 2026 opens with 2025's closing: cash 100.00 + 200.00 - 120.40 = 179.60,
    # bank 2000.00 + 300.00 - 50.00 = 2250.00
    budget.open_year(FinancialYearInput(2026))
    budget.set_plan(
        2026,
        {
            ids["UA1"]: D("1000"),
            ids["UA2"]: D("500"),
            ids["EA1"]: D("2000"),
            ids["EA8"]: D("3000"),
            ids["UE2"]: D("600"),
            ids["IMP1"]: D("100"),
            ids["UI1"]: D("1500"),
            ids["EI4"]: D("1000"),
        },
    )
    move(date(2026, 1, 1), "700.25", "UA1")
    move(date(2026, 6, 30), "500.25", "UA1")
    move(date(2026, 2, 3), "320.25", "UA2", CASH)
    move(date(2026, 3, 1), "1000.00", "EA1")
    move(date(2026, 4, 1), "850.00", "EA1")
    move(date(2026, 5, 5), "3000.00", "EA8")
    move(date(2026, 7, 7), "912.40", "EC1", CASH, source="crowdfunding")
    move(date(2026, 8, 8), "640.30", "UE2")
    move(date(2026, 9, 9), "95.55", "IMP1")
    move(date(2026, 10, 10), "1499.99", "UI1")
    move(date(2026, 12, 31), "1000.00", "EI4")
    return ids


def test_statement_of_a_year_matches_the_hand_computed_numbers(workspace: Workspace) -> None:
    ids = _two_years(workspace)
    result = workspace.budget.statement(2026)
    statement = result.statement
    lines = {line.code: line.amounts for line in statement.lines()}
    # UA1: 700.25 + 500.25 = 1200.50 against 1000.00 planned
    assert lines["UA1"] == Amounts(D("1000.00"), D("1200.50"))
    assert lines["EA1"] == Amounts(D("2000.00"), D("1850.00"))
    # A) uscite 1200.50 + 320.25 = 1520.75; entrate 1850.00 + 3000.00 = 4850.00
    a = statement.sections[BudgetSection.GENERAL_INTEREST]
    assert a.expenses == Amounts(D("1500.00"), D("1520.75"))
    assert a.surplus == Amounts(D("3500.00"), D("3329.25"))
    assert statement.sections[BudgetSection.FUNDRAISING].surplus == Amounts(D("0"), D("912.40"))
    # Operating: uscite 1520.75 + 640.30 = 2161.05 (planned 1500 + 600 = 2100);
    # entrate 4850.00 + 912.40 = 5762.40 (planned 5000); surplus 3601.35 (planned 2900)
    assert statement.operating.expenses == Amounts(D("2100.00"), D("2161.05"))
    assert statement.operating.surplus == Amounts(D("2900.00"), D("3601.35"))
    # Taxes 95.55: 3601.35 - 95.55 = 3505.80 (planned 2900 - 100 = 2800)
    assert statement.before_investments == Amounts(D("2800.00"), D("3505.80"))
    # Investments 1000.00 - 1499.99 = -499.99 (planned -500): overall 3005.81 (planned 2300)
    assert statement.investments.surplus == Amounts(D("-500.00"), D("-499.99"))
    assert statement.overall == Amounts(D("2300.00"), D("3005.81"))
    assert statement.overall.variance == D("705.81")
    # Funding mix of the operating income only (the 1000.00 of EI4 is a loan, not income
    # of the activities); EC1's source was chosen, EA1 and EA8 took their defaults
    assert result.income_by_source == {
        FundingSource.MEMBER_FEES: D("1850.00"),
        FundingSource.PUBLIC: D("3000.00"),
        FundingSource.CROWDFUNDING: D("912.40"),
    }
    # H5: 3000.00 / 5762.40 = 52.06% -> 52.1; H6: 640.30 / 2161.05 = 29.63% -> 29.6
    assert result.public_share == D("52.1")
    assert result.structure_share == D("29.6")
    assert not result.closed and result.year == 2026
    assert ids


def test_cash_lines_are_opening_plus_in_minus_out(workspace: Workspace) -> None:
    _two_years(workspace)
    cash, bank = workspace.budget.statement(2026).cash
    assert cash.account is Account.CASH and bank.account is Account.BANK
    # Cassa: 179.60 + 912.40 - 320.25 = 771.75
    assert (cash.opening, cash.income, cash.expenses) == (D("179.60"), D("912.40"), D("320.25"))
    assert cash.closing == D("771.75")
    # Banca: 2250.00 + (1000 + 850 + 3000 + 1000) - (700.25 + 500.25 + 640.30 + 95.55
    # + 1499.99) = 2250.00 + 5850.00 - 3436.34 = 4663.66
    assert (bank.opening, bank.income, bank.expenses) == (D("2250.00"), D("5850.00"), D("3436.34"))
    assert bank.closing == D("4663.66")
    # Both closings together are the openings plus the overall result: 2429.60 + 3005.81
    assert cash.closing + bank.closing == D("2429.60") + D("3005.81")


def test_previous_year_beside_and_openings_carried(workspace: Workspace) -> None:
    _two_years(workspace)
    budget = workspace.budget
    opened = budget.year(2026).data
    assert (opened.opening_cash, opened.opening_bank) == (D("179.60"), D("2250.00"))
    result = budget.statement(2026)
    assert result.previous is not None
    # 2025: entrate 300.00 + 200.00 = 500.00; uscite 50.00 + 120.40 = 170.40
    assert result.previous.operating.income.actual == D("500.00")
    assert result.previous.overall == Amounts(D("0"), D("329.60"))
    first = budget.statement(2025)
    assert first.previous is None
    assert first.structure_share == D("70.7")  # 120.40 / 170.40 = 70.66%
    # H5 with no public money is 0%, a year with no income has none
    assert first.public_share == D("0.0")
    empty = budget.statement(2024)
    assert empty.public_share is None and empty.structure_share is None
    assert [line.closing for line in empty.cash] == [D("0"), D("0")]
    # Openings given explicitly are kept
    budget.open_year(FinancialYearInput(2027, D("1"), D("0")))
    assert (budget.year(2027).data.opening_cash, budget.year(2027).data.opening_bank) == (
        D("1.00"),
        D("0.00"),
    )
    budget.close_year(2026)
    assert budget.statement(2026).closed


def test_multi_year_columns(workspace: Workspace) -> None:
    ids = _two_years(workspace)
    budget = workspace.budget
    budget.set_plan(2028, {ids["EA8"]: D("4000"), ids["EA1"]: D("2500"), ids["UE2"]: D("700")})
    investment = budget.add_investment(InvestmentInput("Furgone", D("12000"), 2027))
    view = budget.multi_year(2026)
    assert view.current_year == 2026
    assert [(c.year, c.kind) for c in view.columns] == [
        (2025, "consuntivo"),
        (2026, "corrente"),
        (2027, "previsione"),
        (2028, "previsione"),
        (2029, "previsione"),
    ]
    past, current, _next, forecast, _last = view.columns
    assert past.statement.overall.actual == D("329.60")
    assert current.statement.overall == Amounts(D("2300.00"), D("3005.81"))
    assert current.planned_sources == {
        FundingSource.MEMBER_FEES: D("2000.00"),
        FundingSource.PUBLIC: D("3000.00"),
    }
    # 2028 is a forecast: 4000.00 + 2500.00 - 700.00 planned, nothing actual
    assert forecast.statement.overall == Amounts(D("5800.00"), D("0"))
    assert forecast.planned_sources == {
        FundingSource.PUBLIC: D("4000.00"),
        FundingSource.MEMBER_FEES: D("2500.00"),
    }
    assert _next.planned_sources == {}
    assert [i.id for i in view.investments] == [investment]
    # Only the earlier years on file, at most `past` of them
    assert [c.kind for c in budget.multi_year(2026, past=0, forecast=1).columns] == [
        "corrente",
        "previsione",
    ]
    assert [c.year for c in budget.multi_year(2025).columns] == [2025, 2026, 2027, 2028]


def test_the_public_share_limit_is_the_districts_own(workspace: Workspace) -> None:
    """The Rendiconto, the plan and the check warn at the same threshold."""
    assert workspace.budget.statement(2026).public_share_limit == Decimal(70)
    settings = replace(workspace.check.settings(), public_share_warning_percent=55)
    workspace.check.update_settings(settings)
    assert workspace.budget.statement(2026).public_share_limit == Decimal(55)
    assert workspace.budget.multi_year(2026).public_share_limit == Decimal(55)
