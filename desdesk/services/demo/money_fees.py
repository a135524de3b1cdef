"""The demo's membership fees: a default fee per year, a few overrides, the payments.

Most members pay around the due date (31 March); a few pay late, in part or not at all,
so the district always has some fees outstanding. A payment is the income movement the
app's own fee recording writes: category with the fee role, source "quote dei membri",
the member as counterparty and the fee's year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from desdesk.domain.enums import Nature
from desdesk.domain.legal_forms import nature_of
from desdesk.domain.money import ZERO, to_cents
from desdesk.domain.money_enums import Account, FundingSource
from desdesk.schemas import MemberEntry
from desdesk.services.demo.money_words import FEE_EXEMPT_REASON, FEE_REDUCED_REASONS
from desdesk.services.demo.plan import Context

FEES_CODE = "EA1"  # Modello D's quote associative; the writer uses the category's role
_UNPAID = 0.06  # share of members who never pay a year's fee
_UNPAID_LEAVING = 0.5  # the same for members who leave during the year
_PARTIAL = 0.03  # pay only half
_FEES_SOURCE = FundingSource.MEMBER_FEES.value
_CASH, _BANK = Account.CASH.value, Account.BANK.value


@dataclass(frozen=True, slots=True)
class PlannedMovement:
    """A movement to write; `code` names its Modello D leaf, `member` indexes the members."""

    day: date
    amount: Decimal
    code: str
    description: str
    source: str | None = None  # None: an expense, or the category's default source
    member: int | None = None
    counterparty: str = ""
    account: str = Account.BANK.value
    document_ref: str = ""
    fee_year: int | None = None


@dataclass(frozen=True, slots=True)
class FeeYear:
    year: int
    default_fee: Decimal
    due_on: date

    @property
    def first_day(self) -> date:
        """The earliest a fee is paid: after the holidays."""
        return date(self.year, 1, 8)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 20)


@dataclass(frozen=True, slots=True)
class PlannedOverride:
    member: int
    year: int
    amount: Decimal
    reason: str
    due_on: date | None = None


def fee_schedule(ctx: Context, first_year: int, last_year: int) -> list[FeeYear]:
    """The default fee of each year (30–50 € at first, 5–10 € more every two to four
    years), due 31/03; in the founding year two months after the founding if later."""
    rng = ctx.rng
    fee = Decimal(rng.choice((30, 40, 50)))
    rise = first_year + rng.randint(2, 3)
    schedule = []
    for year in range(first_year, last_year + 1):
        if year == rise:
            fee += Decimal(rng.choice((5, 10))) if fee < 90 else 0
            rise = year + rng.randint(2, 4)
        due = date(year, 3, 31)
        if year == ctx.founded.year:
            due = max(due, _month_end(ctx.founded + timedelta(days=61)))
            due = min(due, date(year, 12, 31))
        schedule.append(FeeYear(year, to_cents(fee), due))
    return schedule


@dataclass(frozen=True, slots=True)
class _Member:
    index: int
    name: str
    joined: date
    left: date | None
    public: bool


def build_fees(
    ctx: Context, entries: list[MemberEntry], schedule: list[FeeYear]
) -> tuple[list[PlannedMovement], list[PlannedOverride]]:
    """Every fee payment (the whole of each year, also past today) and every override.

    Written for speed (a 5,000-member demo over 20 years pays some 50,000 fees)."""
    payments: list[PlannedMovement] = []
    overrides: list[PlannedOverride] = []
    members = [
        _Member(i, e.member.name, e.member.joined_on or ctx.founded, e.left_on, _is_public(e))
        for i, e in enumerate(entries)
    ]
    for fees in schedule:
        first, last = date(fees.year, 1, 1), date(fees.year, 12, 31)
        half = to_cents((fees.default_fee / 10).quantize(Decimal(1)) * 5)  # to 5 €
        for member in members:
            if member.joined > last or (member.left is not None and member.left < first):
                continue
            due, reason = _due(ctx, fees, member, half)
            if reason:
                overrides.append(PlannedOverride(member.index, fees.year, due, reason))
            if due:
                payment = _payment(ctx, fees, member, due)
                if payment is not None:
                    payments.append(payment)
    return payments, overrides


def _due(ctx: Context, fees: FeeYear, member: _Member, half: Decimal) -> tuple[Decimal, str]:
    """The fee a member owes for the year and, if it is not the default, why."""
    rng = ctx.rng
    if member.public:
        return ZERO, FEE_EXEMPT_REASON
    joined = member.joined
    if joined.year == fees.year and joined.month > 6 and rng.random() < 0.6:
        return half, FEE_REDUCED_REASONS[0]
    if rng.random() < 0.02:
        return half, FEE_REDUCED_REASONS[1]
    return fees.default_fee, ""


def _payment(ctx: Context, fees: FeeYear, member: _Member, due: Decimal) -> PlannedMovement | None:
    rng = ctx.rng
    year, left = fees.year, member.left
    leaving = left is not None and left.year == year
    if rng.random() < (_UNPAID_LEAVING if leaving else _UNPAID):
        return None
    amount = to_cents(due / 2) if rng.random() < _PARTIAL else due
    earliest = max(fees.first_day, member.joined)
    latest = fees.last_day if left is None else min(fees.last_day, left)
    if member.joined >= fees.due_on:
        day = member.joined + timedelta(days=5 + int(rng.random() * 40))
    else:
        day = fees.due_on + timedelta(days=round(rng.triangular(-75, 80, -12)))
    day = min(max(day, earliest), latest)
    if day < earliest:  # joined and left within days: nothing paid
        return None
    cash = rng.random() < 0.12
    return PlannedMovement(
        day,
        amount,
        FEES_CODE,
        f"Quota {year} – {member.name}",
        _FEES_SOURCE,
        member.index,
        "",
        _CASH if cash else _BANK,
        f"Ric. n. {1 + int(rng.random() * 300)}/{year}" if cash else "",
        year,
    )


def _is_public(entry: MemberEntry) -> bool:
    member = entry.member
    override = Nature(member.nature_override) if member.nature_override else None
    return nature_of(member.legal_form, override) is Nature.PUBLIC


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
