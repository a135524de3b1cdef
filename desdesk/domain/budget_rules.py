"""The rendiconto per cassa computed from categories, plan and actuals: pure arithmetic.

A category's amounts are its own plus its descendants'; a section's result is its
entrate minus its uscite, as in Modello D: sections A–E give the operating result
("avanzo/disavanzo d'esercizio"), taxes come off it, and investments/divestments give
their own result before the overall one. Shares for H5 and H6 are here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource

OPERATING_SECTIONS: tuple[BudgetSection, ...] = tuple(s for s in BudgetSection if s.is_operating)


@dataclass(frozen=True, slots=True)
class CategoryNode:
    """A category as the statement needs it; roots are the Modello D section headers."""

    id: int
    parent_id: int | None
    code: str
    name: str
    section: BudgetSection
    flow: Flow
    position: int = 0
    structure_cost: bool = False


@dataclass(frozen=True, slots=True)
class Amounts:
    planned: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def variance(self) -> Decimal:
        """Actual minus planned: positive means more than planned."""
        return self.actual - self.planned

    @property
    def percent(self) -> Decimal | None:
        """Actual as a percentage of planned (None when nothing was planned)."""
        return percent(self.actual, self.planned)

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.planned + other.planned, self.actual + other.actual)

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.planned - other.planned, self.actual - other.actual)


@dataclass(frozen=True, slots=True)
class StatementLine:
    category_id: int
    code: str
    name: str
    depth: int
    section: BudgetSection
    flow: Flow
    amounts: Amounts
    is_leaf: bool


@dataclass(frozen=True, slots=True)
class SectionResult:
    section: BudgetSection
    expenses: Amounts
    income: Amounts

    @property
    def surplus(self) -> Amounts:
        """Entrate minus uscite (negative: disavanzo)."""
        return self.income - self.expenses


@dataclass(frozen=True, slots=True)
class Statement:
    """Plan vs actual for one year, in the order and with the totals of Modello D."""

    expense_lines: tuple[StatementLine, ...]
    income_lines: tuple[StatementLine, ...]
    sections: Mapping[BudgetSection, SectionResult]

    @property
    def operating(self) -> SectionResult:
        """Totale uscite / entrate della gestione (sections A–E)."""
        results = [self.sections[s] for s in OPERATING_SECTIONS]
        return SectionResult(
            BudgetSection.GENERAL_INTEREST,
            sum((r.expenses for r in results), Amounts()),
            sum((r.income for r in results), Amounts()),
        )

    @property
    def taxes(self) -> Amounts:
        return self.sections[BudgetSection.TAXES].expenses

    @property
    def before_investments(self) -> Amounts:
        """Avanzo/disavanzo prima di investimenti e disinvestimenti patrimoniali (after taxes)."""
        return self.operating.surplus - self.taxes

    @property
    def investments(self) -> SectionResult:
        return self.sections[BudgetSection.INVESTMENTS]

    @property
    def overall(self) -> Amounts:
        """Avanzo/disavanzo complessivo."""
        return self.before_investments + self.investments.surplus

    def lines(self) -> tuple[StatementLine, ...]:
        return self.expense_lines + self.income_lines


def build_statement(
    categories: Sequence[CategoryNode],
    planned: Mapping[int, Decimal],
    actual: Mapping[int, Decimal],
) -> Statement:
    """The statement for the amounts planned and spent/received per category id.

    Amounts may sit on any category (normally leaves); parents show the sum of their
    own amount and their descendants'. Amounts on ids not among `categories` are ignored.
    """
    children: dict[int | None, list[CategoryNode]] = defaultdict(list)
    for node in sorted(categories, key=lambda c: (c.position, c.code, c.id)):
        children[node.parent_id].append(node)
    lines: list[StatementLine] = []

    def walk(node: CategoryNode, depth: int) -> Amounts:
        index = len(lines)
        lines.append(
            StatementLine(
                node.id,
                node.code,
                node.name,
                depth,
                node.section,
                node.flow,
                Amounts(),
                not children[node.id],
            )
        )
        total = Amounts(planned.get(node.id, ZERO), actual.get(node.id, ZERO))
        for child in children[node.id]:
            total = total + walk(child, depth + 1)
        lines[index] = _with_amounts(lines[index], total)
        return total

    totals: dict[tuple[BudgetSection, Flow], Amounts] = defaultdict(Amounts)
    for root in _roots_in_layout_order(children[None]):
        totals[root.section, root.flow] = totals[root.section, root.flow] + walk(root, 0)
    sections = {
        s: SectionResult(s, totals[s, Flow.EXPENSE], totals[s, Flow.INCOME]) for s in BudgetSection
    }
    return Statement(
        tuple(line for line in lines if line.flow is Flow.EXPENSE),
        tuple(line for line in lines if line.flow is Flow.INCOME),
        sections,
    )


def _with_amounts(line: StatementLine, amounts: Amounts) -> StatementLine:
    return StatementLine(
        line.category_id,
        line.code,
        line.name,
        line.depth,
        line.section,
        line.flow,
        amounts,
        line.is_leaf,
    )


def _roots_in_layout_order(roots: Iterable[CategoryNode]) -> list[CategoryNode]:
    order = {s: i for i, s in enumerate(BudgetSection)}
    return sorted(roots, key=lambda r: (order[r.section], r.position, r.code, r.id))


def structure_category_ids(categories: Sequence[CategoryNode]) -> set[int]:
    """Expense categories that count as structure costs: flagged, or under a flagged one."""
    by_id = {c.id: c for c in categories}

    def flagged(node: CategoryNode) -> bool:
        while True:
            if node.structure_cost:
                return True
            if node.parent_id is None or node.parent_id not in by_id:
                return False
            node = by_id[node.parent_id]

    return {c.id for c in categories if c.flow is Flow.EXPENSE and flagged(c)}


def structure_cost_share(
    categories: Sequence[CategoryNode], actual: Mapping[int, Decimal]
) -> Decimal | None:
    """H6: structure costs as a percentage of the operating uscite (A–E) actually spent.

    None when nothing was spent (a share of nothing is not zero).
    """
    structure = structure_category_ids(categories)
    operating = {c.id for c in categories if c.flow is Flow.EXPENSE and c.section.is_operating}
    total = sum((actual.get(i, ZERO) for i in operating), ZERO)
    part = sum((actual.get(i, ZERO) for i in operating & structure), ZERO)
    return percent(part, total)


def public_share(income_by_source: Mapping[FundingSource, Decimal]) -> Decimal | None:
    """H5: income from public bodies as a percentage of all income (None with no income)."""
    total = sum(income_by_source.values(), ZERO)
    return percent(income_by_source.get(FundingSource.PUBLIC, ZERO), total)


PUBLIC_SHARE_WARNING_PERCENT = Decimal(70)
