"""The values of the indicators desdesk computes from its own data (`Metric`).

Each metric reads what it needs over the whole span once and then buckets it by
period, so a series of many quarters costs a handful of queries. A period still
running is measured up to `today`. None means there is nothing to compute from
(no expenses, no held assemblies, no accounts kept that year), which is not zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

from desdesk.db import indicator_queries as q
from desdesk.domain.budget_rules import structure_cost_share
from desdesk.domain.indicator_periods import Period, period_bounds, period_of
from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import BudgetSection, Flow, Frequency, FundingSource, Metric

# Income that counts as funds raised wherever it is booked, besides section C's entrate.
RAISED_SOURCES = frozenset(
    s.value
    for s in (FundingSource.DONATIONS, FundingSource.CROWDFUNDING, FundingSource.SPONSORSHIP)
)

Values = dict[Period, Decimal | None]


class _Span:
    """The periods asked for, their bounds (the running one cut at `today`) and the
    whole span's first and last day."""

    def __init__(self, frequency: Frequency, periods: Sequence[Period], today: date) -> None:
        self.frequency = frequency
        self.periods = list(periods)
        self.bounds = {}
        for year, period in self.periods:
            start, end = period_bounds(frequency, year, period)
            self.bounds[year, period] = (start, min(end, today))
        self.start = min(start for start, _end in self.bounds.values())
        self.end = max(end for _start, end in self.bounds.values())

    def bucket(self, day: date) -> Period | None:
        period = period_of(self.frequency, day)
        return period if period in self.bounds else None


def computed_values(
    connection: Connection,
    metric: Metric,
    frequency: Frequency,
    periods: Sequence[Period],
    today: date,
) -> Values:
    """The metric's value for each of `periods` (those starting after `today` are None)."""
    started = [p for p in periods if period_bounds(frequency, *p)[0] <= today]
    values: Values = dict.fromkeys(periods)
    if started:
        values.update(_COMPUTE[metric](connection, _Span(frequency, started, today)))
    return values


def _structure_cost_share(connection: Connection, span: _Span) -> Values:
    nodes = q.category_nodes(connection)
    spent: dict[Period, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for fact in q.movements_between(connection, span.start, span.end):
        period = span.bucket(fact.day)
        if period is not None and fact.flow is Flow.EXPENSE:
            spent[period][fact.category_id] += fact.amount
    return {p: structure_cost_share(nodes, spent.get(p, {})) for p in span.periods}


def _is_raised(fact: q.MovementFact) -> bool:
    if fact.flow is not Flow.INCOME:
        return False
    return fact.section is BudgetSection.FUNDRAISING or fact.source in RAISED_SOURCES


def _funds_raised(connection: Connection, span: _Span) -> Values:
    """Raised from 1 January to the end of each period (year to date): a quarter's value
    is then comparable with the year's target, as a fundraiser reads it."""
    kept = q.financial_years(connection)
    facts = list(q.movements_between(connection, date(span.start.year, 1, 1), span.end))
    values: Values = {}
    for year, period in span.periods:
        start, end = date(year, 1, 1), span.bounds[year, period][1]
        in_span = [fact for fact in facts if start <= fact.day <= end]
        raised = sum((fact.amount for fact in in_span if _is_raised(fact)), ZERO)
        values[year, period] = raised if year in kept or in_span else None
    return values


def _active_agreements(connection: Connection, span: _Span) -> Values:
    dates = q.approved_agreement_dates(connection)
    return {p: Decimal(sum(1 for day in dates if day <= span.bounds[p][1])) for p in span.periods}


def _active_objectives(connection: Connection, span: _Span) -> Values:
    """Objectives in progress now whose deadline (if any) had not passed when the period
    began: the status is today's, the deadline keeps old periods from counting new ones
    wrongly as ended."""
    deadlines = q.active_objective_deadlines(connection)
    return {
        p: Decimal(sum(1 for d in deadlines if d is None or d >= span.bounds[p][0]))
        for p in span.periods
    }


def _by_period(connection: Connection, span: _Span) -> dict[Period, list[q.HeldAssembly]]:
    held: dict[Period, list[q.HeldAssembly]] = defaultdict(list)
    for assembly in q.held_assemblies(connection, span.start, span.end):
        period = span.bucket(assembly.day)
        if period is not None:
            held[period].append(assembly)
    return held


def _attendance_rate(connection: Connection, span: _Span) -> Values:
    """Members who took part (present, substitute or proxy) over the members with a
    status recorded, at the assemblies held in the period: as a member's rate, a roll
    call never taken says nothing and stays out of the denominator."""
    held = _by_period(connection, span)
    values: Values = {}
    for p in span.periods:
        attended = sum(a.attended for a in held.get(p, []))
        recorded = sum(a.recorded for a in held.get(p, []))
        values[p] = percent(Decimal(attended), Decimal(recorded))
    return values


def _documents_approved(connection: Connection, span: _Span) -> Values:
    held = _by_period(connection, span)
    values: Values = {}
    for p in span.periods:
        assemblies = held.get(p, [])
        approved = sum(1 for a in assemblies if a.minutes_approved)
        values[p] = percent(Decimal(approved), Decimal(len(assemblies)))
    return values


_COMPUTE: dict[Metric, Callable[[Connection, _Span], Values]] = {
    Metric.STRUCTURE_COST_SHARE: _structure_cost_share,
    Metric.FUNDS_RAISED: _funds_raised,
    Metric.ACTIVE_AGREEMENTS: _active_agreements,
    Metric.ACTIVE_OBJECTIVES: _active_objectives,
    Metric.ATTENDANCE_RATE: _attendance_rate,
    Metric.DOCUMENTS_APPROVED: _documents_approved,
}
