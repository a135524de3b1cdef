"""The demo's money: financial years, plans, movements, fees and initial investments.

Built year by year from the founding. Income first: membership fees, the other private
money, then public contributions sized to a target share of public money (H5: the first
years lean on the Provincia and warn, later years less); then the costs sized to that
income (a small surplus or deficit, never an empty bank), split between structure (H6),
activities, fundraising, bank and taxes. Each year is generated whole and cut at today,
so the current year's plan is for the whole year and its actuals run up to today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from desdesk.domain.enums import FoundingDocumentKind
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import Account, FundingSource
from desdesk.money_schemas import InvestmentInput
from desdesk.services.demo import money_words as words
from desdesk.services.demo.measures import MeasuresPlan, build_measures
from desdesk.services.demo.money_fees import (
    FEES_CODE,
    FeeYear,
    PlannedMovement,
    PlannedOverride,
    build_fees,
    fee_schedule,
)
from desdesk.services.demo.money_spending import Frame, Spender, is_income, round_to
from desdesk.services.demo.plan import Context, DemoPlan

OTHER_INCOME_BASE = 11_000  # private money other than fees, a year, at full size
FORECAST_YEARS = 3


@dataclass(frozen=True, slots=True)
class PlannedYear:
    year: int
    opening_cash: Decimal
    opening_bank: Decimal
    default_fee: Decimal
    fee_due_on: date
    closed: bool


@dataclass
class MoneyPlan:
    years: list[PlannedYear]
    movements: list[PlannedMovement]
    planned: dict[tuple[int, str], Decimal]  # (year, category code) → amount, with forecasts
    overrides: list[PlannedOverride]
    investments: list[InvestmentInput]
    measures: MeasuresPlan


@dataclass
class _Balances:
    cash: Decimal = ZERO
    bank: Decimal = ZERO
    history: list[tuple[Decimal, Decimal]] = field(default_factory=list)

    def carry(self, movements: Sequence[PlannedMovement]) -> None:
        """Add a whole year's movements (the opening of the next year)."""
        self.history.append((self.cash, self.bank))
        for movement in movements:
            signed = movement.amount if is_income(movement.code) else -movement.amount
            if movement.account == Account.CASH.value:
                self.cash += signed
            else:
                self.bank += signed


def build_money(ctx: Context, plan: DemoPlan) -> MoneyPlan:
    """Every year from the founding one (closed) to the current one (open)."""
    first, current = ctx.founded.year, ctx.today.year
    schedule = fee_schedule(ctx, first, current)
    fee_payments, overrides = build_fees(ctx, plan.members, schedule)
    paid_by_year: dict[int, list[PlannedMovement]] = defaultdict(list)
    for payment in fee_payments:
        paid_by_year[payment.day.year].append(payment)
    spender = Spender(ctx, plan.members)
    shares = _public_shares(ctx, len(schedule))
    investments = _investments(ctx, spender)
    balances = _Balances()
    years, movements, planned = [], [], {}
    for index, fees in enumerate(schedule):
        frame = spender.frame(fees.year, index)
        bought = [i for i in investments if i.year == fees.year]
        income = _income(ctx, spender, frame, paid_by_year[fees.year], shares[index], bought=bought)
        paying = [spender.investment(frame, i) for i in bought]
        available = balances.cash + balances.bank + _total(income) - _total(paying)
        income += _funding(ctx, spender, frame, available, shares[index])
        available = balances.cash + balances.bank + _total(income) - _total(paying)
        whole = income + _costs(ctx, spender, frame, income, float(available)) + paying
        whole += _assembly_rooms(plan, frame)
        whole = _within_means(balances, spender.balance_cash(balances.cash, whole), frame)
        planned.update(_plan(ctx, fees, whole, spender.active_count(fees.year)))
        balances.carry(whole)
        opening_cash, opening_bank = balances.history[-1]
        closed = index < len(schedule) - 1
        years.append(
            PlannedYear(
                fees.year, opening_cash, opening_bank, fees.default_fee, fees.due_on, closed
            )
        )
        movements += [m for m in whole if m.day <= ctx.today]
    planned.update(_forecast(ctx, current, planned, investments))
    movements.sort(key=lambda m: m.day)  # ids in the order they were typed
    agreements = [
        d.data.document_date
        for d in plan.documents
        if d.data.kind == FoundingDocumentKind.AGREEMENT
        and d.data.approved
        and d.data.document_date
    ]
    size = spender.size_at(current)
    measures = build_measures(ctx, plan.objectives, planned, size, agreements)
    return MoneyPlan(years, movements, planned, overrides, investments, measures)


def _income(
    ctx: Context,
    spender: Spender,
    frame: Frame,
    fees: list[PlannedMovement],
    public_share: float,
    *,
    bought: Sequence[InvestmentInput],
) -> list[PlannedMovement]:
    """The year's receipts: fees, other private money (a crowdfunding campaign now and
    then, always when it pays for an investment), public money to the target share."""
    rng = ctx.rng
    maturity = min(1.0, 0.45 + 0.2 * frame.index) * 1.03**frame.index
    others = OTHER_INCOME_BASE * frame.size * maturity * frame.fraction * rng.uniform(0.85, 1.15)
    income = fees + spender.spread(words.OTHER_INCOME, others, frame)
    crowdfunded = sum(float(i.amount) for i in bought if i.source == FundingSource.CROWDFUNDING)
    if crowdfunded or (frame.index >= 1 and rng.random() < 0.35):
        campaign = max(others * 0.3, crowdfunded * 1.1)
        income += spender.spread((words.CROWDFUNDING,), campaign, frame)
    public = float(_total(income)) * public_share / (1 - public_share)
    return income + spender.grants(frame, public)


def _funding(
    ctx: Context, spender: Spender, frame: Frame, available: Decimal, public_share: float
) -> list[PlannedMovement]:
    """What keeps the bank above zero when the year's income cannot pay for its
    investments and a minimum of running costs: a contribution of the Provincia and, for
    the rest, the founders' contributions (founding year) or a private one."""
    floor = Decimal(round(1500 * frame.size))
    if available >= floor:
        return []
    missing = floor - available
    public = round_to(missing * Decimal(str(public_share)), 100)
    private = round_to(missing - public, 50)
    return spender.funding(frame, public, private)


def _costs(
    ctx: Context,
    spender: Spender,
    frame: Frame,
    income: list[PlannedMovement],
    available: float,
) -> list[PlannedMovement]:
    """The year's operating costs and taxes: about the income (a small surplus or deficit),
    never more than `available` (the opening plus the income less the investments)."""
    rng = ctx.rng
    received = float(_total(income))
    wanted = received * (1 - rng.uniform(-0.03, 0.08))
    spending = max(0.0, min(wanted, available - 0.04 * received))
    fundraising = 0.3 * float(_total(m for m in income if m.code == "EC1"))
    costs = spender.spread(words.FUNDRAISING_COSTS, fundraising, frame)
    crowdfunding = float(_total(m for m in income if m.code == "EC2"))
    if crowdfunding:
        costs += spender.spread((words.CROWDFUNDING_COST,), 0.06 * crowdfunding, frame)
    costs += spender.spread((words.BANK_COSTS,), 150 * frame.size**0.3 * frame.fraction, frame)
    if frame.index >= 1:
        costs += spender.spread((words.TAXES,), 0.006 * received, frame)
    rest = max(0.0, spending - float(_total(costs)))
    availability = 0.3 + 0.7 * spender.availability(words.STRUCTURE, frame)
    structure = rest * rng.uniform(0.27, 0.38) * availability
    costs += spender.spread(words.STRUCTURE, structure, frame)
    return costs + spender.spread(words.ACTIVITIES, rest - structure, frame)


def _assembly_rooms(plan: DemoPlan, frame: Frame) -> list[PlannedMovement]:
    """The hall of each assembly held in the year, paid to whoever owns it."""
    rent = round_to(70 * frame.size**0.3, 10)
    movements: list[PlannedMovement] = []
    for assembly in plan.assemblies:
        if assembly.call_held is None or assembly.day.year != frame.year:
            continue
        parts = assembly.place.split(", ")
        movements.append(
            PlannedMovement(
                assembly.day,
                rent,
                "UE3",
                f"Affitto sala assemblee – assemblea del {assembly.day:%d/%m/%Y}",
                counterparty=parts[1] if len(parts) == 3 else "",
                document_ref=f"Ricevuta n. {len(movements) + 1}/{frame.year}",
            )
        )
    return movements


def _within_means(
    balances: _Balances, whole: list[PlannedMovement], frame: Frame
) -> list[PlannedMovement]:
    """The year without its last activity costs paid by bank, as many as it takes for the
    bank to end the year with a small reserve (the amounts are drawn, so they can add up
    to more than the income allowed)."""
    floor = Decimal(round(200 * frame.size))
    bank = balances.bank
    for movement in whole:
        if movement.account != Account.CASH.value:
            bank += movement.amount if is_income(movement.code) else -movement.amount
    dropped: set[int] = set()
    latest_first = sorted(range(len(whole)), key=lambda i: whole[i].day, reverse=True)
    for index in latest_first:
        if bank >= floor:
            break
        movement = whole[index]
        if movement.code.startswith("UA") and movement.account != Account.CASH.value:
            dropped.add(index)
            bank += movement.amount
    return [m for i, m in enumerate(whole) if i not in dropped]


def _public_shares(ctx: Context, years: int) -> list[float]:
    """Target share of public money per year: the start-up years (the first two) above
    the 70% warning, then lower."""
    rng = ctx.rng
    shares = []
    for index in range(years):
        if index < 2:
            shares.append(rng.uniform(0.715, 0.75))
        else:
            shares.append(rng.uniform(0.42, 0.64))
    return shares


def _plan(
    ctx: Context, fees: FeeYear, whole: Sequence[PlannedMovement], payers: int
) -> dict[tuple[int, str], Decimal]:
    """The preventivo of a year: what was spent and received give or take a tenth, fees as
    the default fee times the members, now and then a line that did not happen."""
    rng = ctx.rng
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for movement in whole:
        totals[movement.code] += movement.amount
    plan = {}
    for code, total in sorted(totals.items()):
        if code == FEES_CODE:
            amount = fees.default_fee * payers
        elif code.startswith("UI"):
            amount = total
        else:
            amount = total * Decimal(str(round(rng.uniform(0.88, 1.12), 3)))
        plan[fees.year, code] = round_to(amount, 50 if amount >= 500 else 10)
    if "EC2" not in totals and rng.random() < 0.2:
        plan[fees.year, "EC2"] = round_to(Decimal(2500 * rng.uniform(0.8, 1.2)), 100)
    return plan


def _forecast(
    ctx: Context,
    current: int,
    planned: dict[tuple[int, str], Decimal],
    investments: Sequence[InvestmentInput],
) -> dict[tuple[int, str], Decimal]:
    """The next years' plan: this year's, growing a little, with the planned investment."""
    rng = ctx.rng
    base = {code: amount for (year, code), amount in planned.items() if year == current}
    forecast: dict[tuple[int, str], Decimal] = {}
    for ahead in range(1, FORECAST_YEARS + 1):
        for code, amount in sorted(base.items()):
            if code.startswith("UI"):
                continue
            growth = Decimal(str(round(1.03**ahead * rng.uniform(0.96, 1.06), 3)))
            grown = amount * growth
            forecast[current + ahead, code] = round_to(grown, 100 if grown >= 1000 else 10)
    for investment in investments:
        if investment.year > current:
            key = (investment.year, "UI1")
            forecast[key] = forecast.get(key, ZERO) + investment.amount
            grant = (investment.year, "EA8")
            forecast[grant] = forecast.get(grant, ZERO) + round_to(
                investment.amount * Decimal("0.7"), 100
            )
    return forecast


def _investments(ctx: Context, spender: Spender) -> list[InvestmentInput]:
    """The initial investments (founding year and the next) and one planned for next year."""
    first, current = ctx.founded.year, ctx.today.year
    scale = Decimal(str(round(spender.size_at(first) ** 0.5, 2)))
    result = []
    for index, (description, _text, amount, source) in enumerate(words.INVESTMENTS):
        year = first if index < 2 else first + 1
        if year <= current:
            result.append(InvestmentInput(description, round_to(amount * scale, 10), year, source))
    description, _text, amount, source = words.FUTURE_INVESTMENT
    future = round_to(amount * scale, 100)
    result.append(InvestmentInput(description, future, current + 1, source, words.INVESTMENT_NOTE))
    return result


def _total(movements: Any) -> Decimal:
    return sum((m.amount for m in movements), ZERO)
