"""Write the demo's money and monitoring in one transaction with bulk inserts (a
5,000-member district over 20 years holds about 100,000 fee payments).

Categories and indicators are the district file's own (seeded by migration 0004), found
by code and by name; the fee payments go to the category with the fee role, as the
fees service writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlmodel import Session

from desdesk.db.models import Objective
from desdesk.db.money_models import (
    BudgetCategory,
    FeeOverride,
    FinancialYear,
    Indicator,
    IndicatorTarget,
    Investment,
    Measurement,
    Movement,
    PlannedAmount,
)
from desdesk.db.sql import format_placeholders
from desdesk.domain.budget_defaults import MEMBERSHIP_FEES_ROLE
from desdesk.domain.money_enums import Flow
from desdesk.services.base import Service
from desdesk.services.demo.measures import MeasuresPlan
from desdesk.services.demo.money import MoneyPlan


class _Leaf:
    __slots__ = ("id", "income", "source")

    def __init__(self, id_: int, flow: str, source: str | None) -> None:
        self.id = id_
        self.income = flow == Flow.INCOME.value
        self.source = source


class MoneyHistory(Service):
    def write(self, money: MoneyPlan, member_ids: Sequence[int]) -> None:
        with self._unit_of_work() as session:
            connection = session.connection()
            leaves, fees = _leaves(connection)
            _write_years(connection, money)
            plan = [
                {"year": year, "category_id": leaves[code].id, "amount": amount}
                for (year, code), amount in sorted(money.planned.items())
                if code in leaves
            ]
            _insert(connection, PlannedAmount, plan)
            _write_movements(connection, money, leaves, fees, member_ids)
            overrides = [
                {
                    "member_id": member_ids[o.member],
                    "year": o.year,
                    "amount": o.amount,
                    "due_on": o.due_on,
                    "reason": o.reason,
                }
                for o in money.overrides
            ]
            _insert(connection, FeeOverride, overrides)
            investments = [
                {
                    "description": i.description,
                    "amount": i.amount,
                    "year": i.year,
                    "source": i.source,
                    "notes": i.notes,
                }
                for i in money.investments
            ]
            _insert(connection, Investment, investments)
            _write_measures(session, money.measures)


def _leaves(connection: Connection) -> tuple[dict[str, _Leaf], _Leaf]:
    """Leaf categories by code, and the one fee payments go to."""
    rows = connection.execute(
        select(
            BudgetCategory.id,
            BudgetCategory.code,
            BudgetCategory.flow,
            BudgetCategory.default_source,
            BudgetCategory.role,
        ).where(BudgetCategory.parent_id.is_not(None))
    ).all()
    leaves = {code: _Leaf(id_, flow, source) for id_, code, flow, source, _role in rows}
    fees = next(_Leaf(i, f, s) for i, _c, f, s, role in rows if role == MEMBERSHIP_FEES_ROLE)
    return leaves, fees


def _write_years(connection: Connection, money: MoneyPlan) -> None:
    rows = [
        {
            "year": y.year,
            "opening_cash": y.opening_cash,
            "opening_bank": y.opening_bank,
            "default_fee": y.default_fee,
            "fee_due_on": y.fee_due_on,
            "closed": y.closed,
            "notes": "",
        }
        for y in money.years
    ]
    _insert(connection, FinancialYear, rows)


def _write_movements(
    connection: Connection,
    money: MoneyPlan,
    leaves: dict[str, _Leaf],
    fees: _Leaf,
    member_ids: Sequence[int],
) -> None:
    """Straight to the driver: the ORM's per-row conversions cost a second at 50,000 rows."""
    rows = []
    for m in money.movements:
        leaf = fees if m.fee_year is not None else leaves.get(m.code)
        if leaf is None:
            continue
        day = m.day.isoformat()
        rows.append(
            (
                day,
                str(m.amount),
                leaf.id,
                m.description,
                (m.source or leaf.source or "altro") if leaf.income else None,
                None if m.member is None else member_ids[m.member],
                m.counterparty,
                m.document_ref,
                m.account,
                m.fee_year,
                f"{day} 18:00:00.000000",  # as SQLAlchemy stores a DateTime in SQLite
            )
        )
    columns = (
        "date, amount, category_id, description, source, member_id, counterparty, "
        "document_ref, account, fee_year, created_at"
    )
    _insert_raw(connection, Movement, columns, rows)


def _write_measures(session: Session, measures: MeasuresPlan) -> None:
    connection = session.connection()
    last = connection.execute(select(func.max(Indicator.position))).scalar() or 0
    _insert(
        connection,
        Indicator,
        [
            {**asdict(data), "position": last + offset, "retired_on": None}
            for offset, data in enumerate(measures.indicators, start=1)
        ],
    )
    ids: dict[str, int] = {
        name: id_ for name, id_ in connection.execute(select(Indicator.name, Indicator.id))
    }
    targets = [
        {"indicator_id": ids[name], "year": year, "value": value}
        for name, year, value in measures.targets
        if name in ids
    ]
    _insert(connection, IndicatorTarget, targets)
    values = [
        {
            "indicator_id": ids[m.indicator],
            "year": m.year,
            "period": m.period,
            "value": m.value,
            "note": m.note,
            "recorded_on": m.recorded_on,
        }
        for m in measures.measurements
        if m.indicator in ids
    ]
    _insert(connection, Measurement, values)
    for title, name in measures.links:
        connection.execute(
            update(Objective).where(Objective.title == title).values(indicator_id=ids[name])
        )


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), rows)


def _insert_raw(
    connection: Connection, table: Any, columns: str, rows: list[tuple[Any, ...]]
) -> None:
    """Rows as ISO text dates and decimal text in one executemany.

    A server takes the same text (psycopg sends it untyped, PostgreSQL reads it as the
    column's date, timestamp or text); only the placeholders are the driver's own.
    """
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        sql = f"INSERT INTO {table.__tablename__} ({columns}) VALUES ({marks})"
        if connection.dialect.paramstyle != "qmark":
            sql = format_placeholders(sql)
        connection.exec_driver_sql(sql, rows)
