"""Read-models and write-models of money and monitoring (issue 4), between the services
and their callers (GUI, CLI, reports). Amounts are `Decimal` euros; codes are the
domain's enum values. Frozen read-models are safe to hand to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desdesk.domain.budget_rules import PUBLIC_SHARE_WARNING_PERCENT, Statement
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import (
    Account,
    BudgetSection,
    Flow,
    Frequency,
    FundingSource,
    IndicatorUnit,
    Metric,
)

# -- financial years ------------------------------------------------------------------


@dataclass(slots=True)
class FinancialYearInput:
    year: int
    opening_cash: Decimal = ZERO
    opening_bank: Decimal = ZERO
    default_fee: Decimal | None = None
    fee_due_on: date | None = None
    notes: str = ""
    # True: the openings are the previous year's closing balances, computed when read
    # (typed values ignored); False: the typed openings. None (writing only): True when
    # both openings are zero and the previous year is on file, as before the flag.
    carry_openings: bool | None = None


@dataclass(frozen=True, slots=True)
class FinancialYearRead:
    data: FinancialYearInput
    closed: bool

    @property
    def year(self) -> int:
        return self.data.year


# -- categories -----------------------------------------------------------------------


@dataclass(slots=True)
class CategoryInput:
    """A category the user adds or edits; it inherits section and flow from its parent."""

    parent_id: int
    code: str
    name: str
    structure_cost: bool = False
    default_source: str | None = None


@dataclass(frozen=True, slots=True)
class CategoryRead:
    id: int
    parent_id: int | None
    code: str
    name: str
    section: BudgetSection
    flow: Flow
    position: int
    depth: int
    is_leaf: bool
    structure_cost: bool
    default_source: FundingSource | None
    role: str | None
    in_use: bool

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


# -- movements ------------------------------------------------------------------------


@dataclass(slots=True)
class MovementInput:
    """A receipt or payment as typed or imported; `amount` is positive, the category's
    flow says whether it came in or went out. `source` is for income only (None: the
    category's default)."""

    date: date
    amount: Decimal
    category_id: int
    description: str = ""
    source: str | None = None
    member_id: int | None = None
    counterparty: str = ""
    document_ref: str = ""
    account: str = Account.BANK.value
    # Set on a payment of `member_id`'s membership fee for that year (the category must be
    # the membership-fees one): what the Quote tab counts as paid.
    fee_year: int | None = None


@dataclass(frozen=True, slots=True)
class MovementRead:
    id: int
    data: MovementInput
    category_code: str
    category_name: str
    flow: Flow
    section: BudgetSection
    member_name: str
    fee_year: int | None
    version: int = 1  # the record's edit count: sent back with the changes

    @property
    def signed_amount(self) -> Decimal:
        """Positive for income, negative for an expense."""
        return self.data.amount if self.flow is Flow.INCOME else -self.data.amount

    @property
    def counterparty_label(self) -> str:
        """The member's name when the counterparty is a member, otherwise what was typed."""
        return self.member_name or self.data.counterparty


# -- the statement --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CashLine:
    """One line of "cassa e banca": opening balance, what came in and out, closing."""

    account: Account
    opening: Decimal
    income: Decimal
    expenses: Decimal
    transfers_in: Decimal = ZERO
    transfers_out: Decimal = ZERO

    @property
    def closing(self) -> Decimal:
        return self.opening + self.income - self.expenses + self.transfers_in - self.transfers_out


@dataclass(slots=True)
class TransferInput:
    """A giroconto: money moved between cassa and banca (not income nor expense)."""

    date: date
    amount: Decimal
    from_account: Account
    to_account: Account
    description: str = ""
    document_ref: str = ""


@dataclass(frozen=True, slots=True)
class TransferRead:
    id: int
    data: TransferInput


@dataclass(frozen=True, slots=True)
class YearStatement:
    """Everything the Rendiconto tab and the rendiconto PDF show for one year."""

    year: int
    statement: Statement
    previous: Statement | None
    cash: tuple[CashLine, ...]
    income_by_source: Mapping[FundingSource, Decimal]
    public_share: Decimal | None
    structure_share: Decimal | None
    closed: bool = False
    # The district's H5 threshold (District.public_share_warning_percent), so the tab,
    # the PDF and the check warn at the same point.
    public_share_limit: Decimal = PUBLIC_SHARE_WARNING_PERCENT


@dataclass(slots=True)
class InvestmentInput:
    description: str
    amount: Decimal
    year: int
    source: str | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class InvestmentRead:
    id: int
    data: InvestmentInput


@dataclass(frozen=True, slots=True)
class YearColumn:
    """One year of the multi-year view: actuals for past years, actuals and plan for the
    current one, plan (the forecast) for the next ones."""

    year: int
    kind: str  # "consuntivo" | "corrente" | "previsione"
    statement: Statement
    planned_sources: Mapping[FundingSource, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MultiYearView:
    current_year: int
    columns: tuple[YearColumn, ...]
    investments: tuple[InvestmentRead, ...]
    public_share_limit: Decimal = PUBLIC_SHARE_WARNING_PERCENT


# -- membership fees ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeeRow:
    """A member's fee for a year: what is due, what was paid (payments are movements)."""

    member_id: int
    member_name: str
    year: int
    due: Decimal
    due_on: date | None
    paid: Decimal
    last_paid_on: date | None
    overridden: bool
    reason: str = ""
    # False when the year has no default fee and the member no fee of its own: nothing
    # is due because nobody decided the fee yet (not an exemption).
    fee_set: bool = True

    @property
    def outstanding(self) -> Decimal:
        return max(self.due - self.paid, ZERO)

    def status(self, today: date) -> str:
        """ "non_stabilita", "esente", "pagata", "parziale", "scaduta" or "da_pagare"."""
        if not self.fee_set:
            return "non_stabilita"
        if self.due == 0:
            return "esente"
        if self.paid >= self.due:
            return "pagata"
        if self.due_on is not None and today > self.due_on:
            return "scaduta"
        return "parziale" if self.paid > 0 else "da_pagare"


@dataclass(slots=True)
class FeePaymentInput:
    member_id: int
    year: int
    amount: Decimal
    paid_on: date
    account: str = Account.BANK.value
    document_ref: str = ""
    description: str = ""


# -- indicators -----------------------------------------------------------------------


@dataclass(slots=True)
class IndicatorInput:
    area: str
    name: str
    frequency: str = Frequency.YEARLY.value
    responsible: str = ""
    data_source: str = ""
    unit: str = IndicatorUnit.NUMBER.value
    metric: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorRead:
    id: int
    data: IndicatorInput
    position: int
    retired_on: date | None

    @property
    def frequency(self) -> Frequency:
        return Frequency(self.data.frequency)

    @property
    def unit(self) -> IndicatorUnit:
        return IndicatorUnit(self.data.unit)

    @property
    def metric(self) -> Metric | None:
        return Metric(self.data.metric) if self.data.metric else None

    @property
    def computed(self) -> bool:
        return self.data.metric is not None


@dataclass(frozen=True, slots=True)
class PeriodValue:
    """An indicator's value for one period (`period` counts from 1 within `year`)."""

    year: int
    period: int
    label: str
    value: Decimal | None
    computed: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorSeries:
    indicator: IndicatorRead
    values: tuple[PeriodValue, ...]
    targets: Mapping[int, Decimal]


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    """A district objective linked to an indicator, and how far it has come."""

    objective_id: int
    title: str
    indicator_id: int
    target_value: Decimal | None
    deadline: date | None
    current: Decimal | None
    progress_percent: Decimal | None
