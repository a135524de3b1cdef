"""The tables of money and monitoring (issue 4).

Amounts are `DecimalText` (exact text, never float), always positive: whether money
came in or went out is the category's flow. A financial year is a calendar year.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from desdesk.db.types import DecimalText, utc_now, version_column


def _money(nullable: bool = False) -> Column[Decimal]:
    return Column(DecimalText, nullable=nullable)


class FinancialYear(SQLModel, table=True):
    """A year of accounts: opening balances, the default membership fee, and whether it
    is closed (a closed year's movements and plan can no longer change).

    With `carry_openings` the openings are the previous year's closing balances,
    computed when read (the stored ones are then ignored), so a late movement in an
    earlier year reaches every later year; without it they are the typed ones."""

    __tablename__ = "financial_year"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    opening_cash: Decimal = Field(default=Decimal("0.00"), sa_column=_money())
    opening_bank: Decimal = Field(default=Decimal("0.00"), sa_column=_money())
    default_fee: Decimal | None = Field(default=None, sa_column=_money(nullable=True))
    fee_due_on: date | None = None
    closed: bool = False
    notes: str = ""
    carry_openings: bool = True


class BudgetCategory(SQLModel, table=True):
    """A node of the category tree; roots are Modello D's section headers."""

    __tablename__ = "budget_category"
    __table_args__ = (Index("ix_budget_category_parent", "parent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("budget_category.id", ondelete="RESTRICT"), nullable=True
        ),
    )
    code: str
    name: str
    section: str
    flow: str
    position: int = 0
    structure_cost: bool = False
    default_source: str | None = None
    role: str | None = None


class PlannedAmount(SQLModel, table=True):
    """The preventivo: what is planned for a category in a year (future years: forecast)."""

    __tablename__ = "planned_amount"
    __table_args__ = (Index("uq_planned_amount", "year", "category_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    category_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("budget_category.id", ondelete="RESTRICT"), nullable=False
        )
    )
    amount: Decimal = Field(sa_column=_money())


_MOVEMENT_VERSION = version_column()


class Movement(SQLModel, table=True):
    """An actual receipt or payment. A membership fee payment is a movement with
    `fee_year` set and the member as counterparty, so nothing is typed twice."""

    __table_args__ = (
        Index("ix_movement_date", "date"),
        Index("ix_movement_category", "category_id"),
        Index("ix_movement_member_fee", "member_id", "fee_year"),
    )

    __mapper_args__ = {"version_id_col": _MOVEMENT_VERSION}
    version: int = Field(default=1, sa_column=_MOVEMENT_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    date: date
    amount: Decimal = Field(sa_column=_money())
    category_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("budget_category.id", ondelete="RESTRICT"), nullable=False
        )
    )
    description: str = ""
    source: str | None = None
    member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True),
    )
    counterparty: str = ""
    document_ref: str = ""
    account: str = "banca"
    fee_year: int | None = None
    created_at: datetime = Field(default_factory=utc_now)


class Transfer(SQLModel, table=True):
    """A giroconto between two accounts (cassa → banca or back): it moves cash and bank
    balances only, never the statement."""

    __table_args__ = (Index("ix_transfer_date", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    date: date
    amount: Decimal = Field(sa_column=_money())
    from_account: str
    to_account: str
    description: str = ""
    document_ref: str = ""
    created_at: datetime = Field(default_factory=utc_now)


class FeeOverride(SQLModel, table=True):
    """A member's fee for a year when it differs from the district's default (0 = exempt)."""

    __tablename__ = "fee_override"
    __table_args__ = (Index("uq_fee_override", "member_id", "year", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    year: int
    amount: Decimal = Field(sa_column=_money())
    due_on: date | None = None
    reason: str = ""


class Investment(SQLModel, table=True):
    """An initial investment of the financial plan (C11) and how it is to be funded."""

    id: int | None = Field(default=None, primary_key=True)
    description: str
    amount: Decimal = Field(sa_column=_money())
    year: int
    source: str | None = None
    notes: str = ""


class Indicator(SQLModel, table=True):
    """A monitoring indicator; `metric` set means desdesk computes its value."""

    id: int | None = Field(default=None, primary_key=True)
    area: str
    name: str
    frequency: str
    responsible: str = ""
    data_source: str = ""
    unit: str = "numero"
    metric: str | None = None
    description: str = ""
    position: int = 0
    retired_on: date | None = None


class IndicatorTarget(SQLModel, table=True):
    __tablename__ = "indicator_target"
    __table_args__ = (Index("uq_indicator_target", "indicator_id", "year", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="CASCADE"), nullable=False)
    )
    year: int
    value: Decimal = Field(sa_column=_money())


class Measurement(SQLModel, table=True):
    """A typed value of an indicator for one period (`period` 1..4, 1..2 or 1 in `year`)."""

    __table_args__ = (Index("uq_measurement", "indicator_id", "year", "period", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="CASCADE"), nullable=False)
    )
    year: int
    period: int = 1
    value: Decimal = Field(sa_column=_money())
    note: str = ""
    recorded_on: date | None = None
