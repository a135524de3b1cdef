"""Reading indicators' values: a series over years, the latest value of a year, and the
progress of the objectives linked to an indicator. Run inside the caller's session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db.models import Objective
from desdesk.db.money_models import Indicator, IndicatorTarget, Measurement
from desdesk.domain.indicator_periods import period_label, periods_until
from desdesk.domain.money import percent
from desdesk.money_schemas import (
    IndicatorInput,
    IndicatorRead,
    IndicatorSeries,
    ObjectiveProgress,
    PeriodValue,
)
from desdesk.services.indicator_metrics import computed_values

# How far back an objective's current value is looked for.
PROGRESS_YEARS = 3


def read_indicator(row: Indicator) -> IndicatorRead:
    assert row.id is not None
    return IndicatorRead(
        id=row.id,
        data=IndicatorInput(
            area=row.area,
            name=row.name,
            frequency=row.frequency,
            responsible=row.responsible,
            data_source=row.data_source,
            unit=row.unit,
            metric=row.metric,
            description=row.description,
        ),
        position=row.position,
        retired_on=row.retired_on,
    )


def series(
    session: Session, indicator: IndicatorRead, first_year: int, last_year: int, today: date
) -> IndicatorSeries:
    frequency = indicator.frequency
    last_day = min(date(last_year, 12, 31), today)
    periods = periods_until(frequency, first_year, last_day) if first_year <= last_year else []
    if indicator.metric is not None:
        computed = computed_values(
            session.connection(), indicator.metric, frequency, periods, today
        )
        typed: dict[tuple[int, int], tuple[Decimal, str]] = {}
    else:
        computed = {}
        typed = _measurements(session, indicator.id, first_year, last_year)
    values = []
    for year, period in periods:
        label = period_label(frequency, year, period)
        if indicator.metric is not None:
            values.append(PeriodValue(year, period, label, computed[year, period], True))
        else:
            value, note = typed.get((year, period), (None, ""))
            values.append(PeriodValue(year, period, label, value, False, note))
    targets = _targets(session, indicator.id, first_year, last_year)
    return IndicatorSeries(indicator, tuple(values), targets)


def latest(values: Sequence[PeriodValue]) -> PeriodValue | None:
    """The last period that has a value."""
    return next((v for v in reversed(values) if v.value is not None), None)


def overview(
    session: Session, indicators: Sequence[IndicatorRead], year: int, today: date
) -> list[tuple[IndicatorRead, Decimal | None, PeriodValue | None]]:
    rows = []
    for indicator in indicators:
        found = series(session, indicator, year, year, today)
        rows.append((indicator, found.targets.get(year), latest(found.values)))
    return rows


def objectives_progress(session: Session, today: date) -> list[ObjectiveProgress]:
    query = (
        select(Objective, Indicator)
        .join(Indicator, Indicator.id == Objective.indicator_id)
        .order_by(Objective.id)
    )
    progress = []
    for objective, indicator_row in session.execute(query):
        indicator = read_indicator(indicator_row)
        found = series(session, indicator, today.year - PROGRESS_YEARS + 1, today.year, today)
        current = latest(found.values)
        value = current.value if current is not None else None
        target = objective.target_value
        progress.append(
            ObjectiveProgress(
                objective_id=objective.id,
                title=objective.title,
                indicator_id=indicator.id,
                target_value=target,
                deadline=objective.deadline,
                current=value,
                progress_percent=percent(value, target) if value is not None and target else None,
            )
        )
    return progress


def _measurements(
    session: Session, indicator_id: int, first_year: int, last_year: int
) -> dict[tuple[int, int], tuple[Decimal, str]]:
    query = select(Measurement.year, Measurement.period, Measurement.value, Measurement.note).where(
        Measurement.indicator_id == indicator_id,
        Measurement.year >= first_year,
        Measurement.year <= last_year,
    )
    return {(y, p): (value, note) for y, p, value, note in session.execute(query)}


def _targets(
    session: Session, indicator_id: int, first_year: int, last_year: int
) -> dict[int, Decimal]:
    query = select(IndicatorTarget.year, IndicatorTarget.value).where(
        IndicatorTarget.indicator_id == indicator_id,
        IndicatorTarget.year >= first_year,
        IndicatorTarget.year <= last_year,
    )
    return {year: value for year, value in session.execute(query)}
