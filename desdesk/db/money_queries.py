"""Plain queries over the money tables that would be slow row by row.

Money is stored as exact text: SQLite's SUM over it would be a float, so these queries
fetch the amounts (as Decimals, through the column type) and add them up in Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from desdesk.db.money_models import BudgetCategory, Movement, PlannedAmount
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import Flow


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
