"""Plain queries over the money tables that would be slow row by row.

Money is stored as exact text: SQLite's SUM over it would be a float, so these queries
fetch the amounts (as Decimals, through the column type) and add them up in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Connection, func, select
from sqlmodel import Session

from desdesk.db.money_models import (
    BudgetCategory,
    FinancialYear,
    Movement,
    PlannedAmount,
    Transfer,
)
from desdesk.domain.budget_rules import CategoryNode
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import BudgetSection, Flow


def _in_period(first: date, last: date) -> ColumnElement[bool]:
    return Movement.date.between(first, last)  # type: ignore[attr-defined]


def actual_by_category(session: Session, first: date, last: date) -> dict[int, Decimal]:
    """Sum of the movements per category id between `first` and `last` (inclusive)."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    query = select(Movement.category_id, Movement.amount).where(_in_period(first, last))
    for category_id, amount in session.execute(query):
        totals[category_id] += amount
    return dict(totals)


def income_by_category_source(
    session: Session, first: date, last: date
) -> dict[tuple[int, str | None], Decimal]:
    """Income movements summed per (category id, funding source code)."""
    totals: dict[tuple[int, str | None], Decimal] = defaultdict(lambda: ZERO)
    query = (
        select(Movement.category_id, Movement.source, Movement.amount)
        .join(BudgetCategory, BudgetCategory.id == Movement.category_id)
        .where(_in_period(first, last), BudgetCategory.flow == Flow.INCOME.value)
    )
    for category_id, source, amount in session.execute(query):
        totals[category_id, source] += amount
    return dict(totals)


def cash_totals(session: Session, first: date, last: date) -> dict[tuple[str, bool], Decimal]:
    """Movements summed per (account code, is income)."""
    totals: dict[tuple[str, bool], Decimal] = defaultdict(lambda: ZERO)
    query = (
        select(Movement.account, BudgetCategory.flow, Movement.amount)
        .join(BudgetCategory, BudgetCategory.id == Movement.category_id)
        .where(_in_period(first, last))
    )
    for account, flow, amount in session.execute(query):
        totals[account, flow == Flow.INCOME.value] += amount
    return dict(totals)


def planned_by_category(session: Session, year: int) -> dict[int, Decimal]:
    query = select(PlannedAmount.category_id, PlannedAmount.amount).where(
        PlannedAmount.year == year
    )
    return {category_id: amount for category_id, amount in session.execute(query)}


def movement_counts(session: Session) -> dict[int, int]:
    """How many movements use each category id (only ids that have some)."""
    query = select(Movement.category_id, func.count()).group_by(Movement.category_id)
    return {category_id: count for category_id, count in session.execute(query)}


def plan_year_counts(session: Session) -> dict[int, int]:
    """In how many years' plans each category id appears."""
    query = select(PlannedAmount.category_id, func.count()).group_by(PlannedAmount.category_id)
    return {category_id: count for category_id, count in session.execute(query)}


def has_movements(session: Session, first: date, last: date) -> bool:
    query = select(Movement.id).where(_in_period(first, last)).limit(1)
    return session.execute(query).first() is not None


def category_nodes(db: Session | Connection) -> list[CategoryNode]:
    """The category tree as the domain's nodes (for build_statement and the indicators)."""
    query = select(
        BudgetCategory.id,
        BudgetCategory.parent_id,
        BudgetCategory.code,
        BudgetCategory.name,
        BudgetCategory.section,
        BudgetCategory.flow,
        BudgetCategory.position,
        BudgetCategory.structure_cost,
    )
    return [
        CategoryNode(
            id=i,
            parent_id=parent,
            code=code,
            name=name,
            section=BudgetSection(section),
            flow=Flow(flow),
            position=position,
            structure_cost=bool(structure),
        )
        for i, parent, code, name, section, flow, position, structure in db.execute(query)
    ]


def cash_totals_by_year(session: Session) -> dict[tuple[int, str, bool], Decimal]:
    """Movements summed per (year, account code, is income), every year at once."""
    totals: dict[tuple[int, str, bool], Decimal] = defaultdict(lambda: ZERO)
    query = select(Movement.date, Movement.account, BudgetCategory.flow, Movement.amount).join(
        BudgetCategory, BudgetCategory.id == Movement.category_id
    )
    for day, account, flow, amount in session.execute(query):
        totals[day.year, account, flow == Flow.INCOME.value] += amount
    return dict(totals)


def transfer_totals_by_year(session: Session) -> dict[tuple[int, str, bool], Decimal]:
    """Transfers summed per (year, account code, is into the account)."""
    totals: dict[tuple[int, str, bool], Decimal] = defaultdict(lambda: ZERO)
    query = select(Transfer.date, Transfer.from_account, Transfer.to_account, Transfer.amount)
    for day, source, target, amount in session.execute(query):
        totals[day.year, source, False] += amount
        totals[day.year, target, True] += amount
    return dict(totals)


def closed_years_using(session: Session, category_ids: Collection[int]) -> list[int]:
    """The closed years in which any of `category_ids` has movements or a plan."""
    closed = set(session.scalars(select(FinancialYear.year).where(FinancialYear.closed)))
    if not closed or not category_ids:
        return []
    ids = list(category_ids)
    days = select(Movement.date).where(Movement.category_id.in_(ids))  # type: ignore[attr-defined]
    used = {day.year for (day,) in session.execute(days)}
    plans = select(PlannedAmount.year).where(PlannedAmount.category_id.in_(ids))  # type: ignore[attr-defined]
    used |= set(session.scalars(plans))
    return sorted(used & closed)
