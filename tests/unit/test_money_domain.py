"""The rendiconto's arithmetic against a statement worked out by hand, to the cent."""

from __future__ import annotations

from decimal import Decimal

from desdesk.domain.budget_rules import (
    Amounts,
    CategoryNode,
    build_statement,
    public_share,
    structure_category_ids,
    structure_cost_share,
)
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource

D = Decimal
A, C, E = BudgetSection.GENERAL_INTEREST, BudgetSection.FUNDRAISING, BudgetSection.GENERAL_SUPPORT
TAX, INV = BudgetSection.TAXES, BudgetSection.INVESTMENTS
OUT, IN = Flow.EXPENSE, Flow.INCOME


def _node(
    id: int,
    parent: int | None,
    code: str,
    section: BudgetSection,
    flow: Flow,
    *,
    position: int = 0,
    structure_cost: bool = False,
) -> CategoryNode:
    return CategoryNode(id, parent, code, code, section, flow, position, structure_cost)


NODES = [
    # Given in a shuffled order: the statement puts them in Modello D's order.
    _node(9, None, "EI", INV, IN),
    _node(91, 9, "EI4", INV, IN),
    _node(1, None, "UA", A, OUT),
    _node(12, 1, "UA2", A, OUT, position=1),
    _node(11, 1, "UA1", A, OUT, position=0),
    _node(2, None, "EA", A, IN),
    _node(21, 2, "EA1", A, IN),
    _node(22, 2, "EA8", A, IN, position=1),
    _node(3, None, "UC", C, OUT),
    _node(31, 3, "UC1", C, OUT),
    _node(4, None, "EC", C, IN),
    _node(41, 4, "EC1", C, IN),
    _node(5, None, "UE", E, OUT, structure_cost=True),
    _node(51, 5, "UE2", E, OUT),
    _node(52, 5, "UE4", E, OUT, position=1),
    _node(6, None, "EE", E, IN),
    _node(61, 6, "EE1", E, IN),
    _node(7, None, "IMP", TAX, OUT),
    _node(71, 7, "IMP1", TAX, OUT),
    _node(8, None, "UI", INV, OUT),
    _node(81, 8, "UI1", INV, OUT),
]
PLANNED = {
    11: D("1000.00"),
    12: D("500.00"),
    21: D("2000.00"),
    22: D("3000.00"),
    31: D("200.00"),
    41: D("800.00"),
    51: D("600.00"),
    52: D("400.00"),
    71: D("100.00"),
    81: D("1500.00"),
    91: D("1000.00"),
}
ACTUAL = {
    11: D("1200.50"),
    12: D("320.25"),
    21: D("1850.00"),
    22: D("3000.00"),
    31: D("150.10"),
    41: D("912.40"),
    51: D("640.30"),
    52: D("380.00"),
    61: D("50.00"),
    71: D("95.55"),
    81: D("1499.99"),
    91: D("1000.00"),
    999: D("12345.67"),  # not a category: ignored
}


def test_sections_and_results_match_the_hand_computed_statement() -> None:
    statement = build_statement(NODES, PLANNED, ACTUAL)
    a = statement.sections[A]
    # A) uscite: planned 1000.00 + 500.00 = 1500.00; actual 1200.50 + 320.25 = 1520.75
    assert a.expenses == Amounts(D("1500.00"), D("1520.75"))
    # A) entrate: planned 2000.00 + 3000.00 = 5000.00; actual 1850.00 + 3000.00 = 4850.00
    assert a.income == Amounts(D("5000.00"), D("4850.00"))
    # surplus: planned 5000.00 - 1500.00 = 3500.00; actual 4850.00 - 1520.75 = 3329.25
    assert a.surplus == Amounts(D("3500.00"), D("3329.25"))
    # C) 800.00 - 200.00 = 600.00 planned; 912.40 - 150.10 = 762.30 actual
    assert statement.sections[C].surplus == Amounts(D("600.00"), D("762.30"))
    # E) uscite 600.00 + 400.00 = 1000.00 / 640.30 + 380.00 = 1020.30; entrate 0 / 50.00
    # surplus: 0 - 1000.00 = -1000.00 planned; 50.00 - 1020.30 = -970.30 actual
    assert statement.sections[E].expenses == Amounts(D("1000.00"), D("1020.30"))
    assert statement.sections[E].surplus == Amounts(D("-1000.00"), D("-970.30"))
    # B and D hold nothing
    assert statement.sections[BudgetSection.OTHER_ACTIVITIES].surplus == Amounts()
    # Operating (A–E): uscite 1500.00 + 200.00 + 1000.00 = 2700.00 planned,
    # 1520.75 + 150.10 + 1020.30 = 2691.15 actual; entrate 5000.00 + 800.00 + 0 = 5800.00,
    # 4850.00 + 912.40 + 50.00 = 5812.40; surplus 3100.00 and 5812.40 - 2691.15 = 3121.25
    operating = statement.operating
    assert operating.expenses == Amounts(D("2700.00"), D("2691.15"))
    assert operating.income == Amounts(D("5800.00"), D("5812.40"))
    assert operating.surplus == Amounts(D("3100.00"), D("3121.25"))
    # Taxes 100.00 / 95.55: before investments 3100.00 - 100.00 = 3000.00 and
    # 3121.25 - 95.55 = 3025.70
    assert statement.taxes == Amounts(D("100.00"), D("95.55"))
    assert statement.before_investments == Amounts(D("3000.00"), D("3025.70"))
    # Investments: entrate 1000.00 / 1000.00 minus uscite 1500.00 / 1499.99
    assert statement.investments.surplus == Amounts(D("-500.00"), D("-499.99"))
    # Overall: 3000.00 - 500.00 = 2500.00 planned; 3025.70 - 499.99 = 2525.71 actual
    overall = statement.overall
    assert overall == Amounts(D("2500.00"), D("2525.71"))
    # Variance 2525.71 - 2500.00 = 25.71; percent 2525.71 / 2500.00 = 101.028..% -> 101.0
    assert overall.variance == D("25.71")
    assert overall.percent == D("101.0")


def test_lines_in_layout_order_with_parents_summing_their_leaves() -> None:
    statement = build_statement(NODES, PLANNED, ACTUAL)
    codes = [line.code for line in statement.expense_lines]
    assert codes == [
        "UA",
        "UA1",
        "UA2",
        "UC",
        "UC1",
        "UE",
        "UE2",
        "UE4",
        "IMP",
        "IMP1",
        "UI",
        "UI1",
    ]
    assert [line.code for line in statement.income_lines][:3] == ["EA", "EA1", "EA8"]
    lines = {line.code: line for line in statement.lines()}
    assert lines["UA"].amounts == Amounts(D("1500.00"), D("1520.75"))
    assert not lines["UA"].is_leaf and lines["UA1"].is_leaf
    assert (lines["UA"].depth, lines["UA1"].depth) == (0, 1)
    ua1 = lines["UA1"].amounts
    # 1200.50 - 1000.00 = 200.50; 1200.50 / 1000.00 = 120.05% -> 120.0 (half to even)
    assert ua1.variance == D("200.50") and ua1.percent == D("120.0")
    # 320.25 - 500.00 = -179.75; 320.25 / 500.00 = 64.05% -> 64.0 (half to even)
    assert lines["UA2"].amounts.variance == D("-179.75")
    assert lines["UA2"].amounts.percent == D("64.0")
    # 50.00 on nothing planned: no percentage
    assert lines["EE1"].amounts.variance == D("50.00") and lines["EE1"].amounts.percent is None


def test_structure_cost_share() -> None:
    # Flagged root UE and everything under it, expenses only
    assert structure_category_ids(NODES) == {5, 51, 52}
    # (640.30 + 380.00) / 2691.15 = 1020.30 / 2691.15 = 37.913...% -> 37.9
    assert structure_cost_share(NODES, ACTUAL) == D("37.9")
    # Taxes and investments are not operating uscite: the share ignores them
    only_support = {51: D("250.00"), 71: D("1000.00"), 81: D("1000.00"), 11: D("750.00")}
    assert structure_cost_share(NODES, only_support) == D("25.0")
    # Nothing spent (an income only year): no share
    assert structure_cost_share(NODES, {21: D("10.00")}) is None
    assert structure_cost_share(NODES, {}) is None


def test_public_share() -> None:
    mix = {
        FundingSource.PUBLIC: D("3000.00"),
        FundingSource.MEMBER_FEES: D("1850.00"),
        FundingSource.DONATIONS: D("912.40"),
        FundingSource.OTHER: D("50.00"),
    }
    # 3000.00 / (3000.00 + 1850.00 + 912.40 + 50.00) = 3000.00 / 5812.40 = 51.613...% -> 51.6
    assert public_share(mix) == D("51.6")
    assert public_share({FundingSource.PUBLIC: D("70.00"), FundingSource.PRIVATE: D("30.00")}) == D(
        "70.0"
    )
    assert public_share({FundingSource.PRIVATE: D("30.00")}) == D("0.0")
    # No income: no share
    assert public_share({}) is None
    assert public_share({FundingSource.PUBLIC: D("0.00")}) is None
