"""The demo's monitoring: a target a year for every indicator, measurements of the typed
ones for every period since the founding (a believable trend with some noise), and one
or two objectives measured by an indicator of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from desdesk.domain.budget_defaults import DEFAULT_INDICATORS, DefaultIndicator
from desdesk.domain.enums import ObjectiveStatus
from desdesk.domain.indicator_periods import period_bounds, periods_until
from desdesk.domain.money_enums import Frequency, IndicatorUnit, Metric
from desdesk.money_schemas import IndicatorInput
from desdesk.schemas import ObjectiveInput
from desdesk.services.demo.money_spending import round_to
from desdesk.services.demo.plan import Context

# Modello D codes whose plan is the year's fundraising target (as Metric.FUNDS_RAISED counts).
FUNDRAISING_CODES = ("EC1", "EC2", "EC3", "EA4")


@dataclass(frozen=True, slots=True)
class PlannedMeasurement:
    indicator: str  # the indicator's name
    year: int
    period: int
    value: Decimal
    recorded_on: date
    note: str = ""


@dataclass
class MeasuresPlan:
    indicators: list[IndicatorInput]  # the demo's own, beside the eight defaults
    targets: list[tuple[str, int, Decimal]]  # (indicator name, year, value)
    measurements: list[PlannedMeasurement]
    links: list[tuple[str, str]]  # (objective title, indicator name)


@dataclass(frozen=True, slots=True)
class _Trend:
    start: float  # at the founding
    end: float  # today
    noise: float
    places: int  # decimals kept
    first_target: float
    last_target: float
    high: float = 100.0
    note: str = ""  # "{n}" is the count `counted` names, that goes with the value
    counted: str = ""  # "progetti", "questionari" or "ore"
    scaled: bool = False  # grows with the district's size


_TRENDS: dict[str, _Trend] = {
    DEFAULT_INDICATORS[0].name: _Trend(
        52, 78, 9, 1, 65, 80, note="Progetti valutati nel trimestre: {n}", counted="progetti"
    ),
    DEFAULT_INDICATORS[1].name: _Trend(
        3.6,
        4.3,
        0.12,
        2,
        4.0,
        4.5,
        high=5.0,
        note="Questionari raccolti: {n}",
        counted="questionari",
    ),
    DEFAULT_INDICATORS[5].name: _Trend(
        10,
        34,
        3,
        0,
        15,
        40,
        high=1e9,
        note="Ore donate nel semestre: {n}",
        counted="ore",
        scaled=True,
    ),
    DEFAULT_INDICATORS[7].name: _Trend(41, 73, 4, 1, 50, 75),
}


def build_measures(
    ctx: Context,
    objectives: list[ObjectiveInput],
    planned: dict[tuple[int, str], Decimal],
    size: float,
    agreements: list[date],
) -> MeasuresPlan:
    """Targets and measurements from the founding year to today; `planned` is the money
    plan by (year, code), `size` the district's size against the demo's standard one and
    `agreements` the days the district's partnership agreements were signed."""
    measures = MeasuresPlan([], [], [], [])
    years = range(ctx.founded.year, ctx.today.year + 1)
    for default in DEFAULT_INDICATORS:
        trend = _TRENDS.get(default.name)
        if trend is not None:
            _typed(ctx, measures, default, trend, size)
        else:
            for year in years:
                value = _computed_target(default, year - ctx.founded.year, year, planned)
                if default.metric is Metric.ACTIVE_AGREEMENTS:
                    signed = sum(1 for day in agreements if day.year <= year)
                    value = Decimal(signed + 1)
                if value is not None:
                    measures.targets.append((default.name, year, value))
    for objective in _linked(ctx, objectives):
        _objective_indicator(ctx, measures, objective)
    return measures


def _typed(
    ctx: Context, measures: MeasuresPlan, default: DefaultIndicator, trend: _Trend, size: float
) -> None:
    rng = ctx.rng
    scale = size if trend.scaled else 1.0
    years = ctx.today.year - ctx.founded.year
    for year in range(ctx.founded.year, ctx.today.year + 1):
        share = (year - ctx.founded.year) / years if years else 1.0
        target = trend.first_target + (trend.last_target - trend.first_target) * share
        measures.targets.append((default.name, year, _quantize(target * scale, trend.places)))
    for year, period, end, progress in _periods(ctx, default.frequency):
        value = trend.start + (trend.end - trend.start) * progress + rng.gauss(0, trend.noise)
        value = min(max(value * scale, 0.0), trend.high)
        note = ""
        if trend.note and rng.random() < 0.6:
            note = trend.note.format(n=_count(ctx, trend.counted, value, size))
        measures.measurements.append(
            PlannedMeasurement(
                default.name,
                year,
                period,
                _quantize(value, trend.places),
                min(end + timedelta(days=rng.randint(3, 25)), ctx.today),
                note,
            )
        )


def _count(ctx: Context, counted: str, value: float, size: float) -> int:
    """How many projects, questionnaires or hours a measurement's note speaks of."""
    rng = ctx.rng
    if counted == "ore":
        return round(value * rng.uniform(12, 25))
    if counted == "questionari":
        return max(5, round(rng.randint(25, 90) * size))
    return rng.randint(2, 6)


def _periods(ctx: Context, frequency: Frequency) -> list[tuple[int, int, date, float]]:
    """(year, period, last day, progress 0..1 from the founding to today) of every period
    that ended after the founding and before today."""
    span = max(1, (ctx.today - ctx.founded).days)
    result = []
    for year, period in periods_until(frequency, ctx.founded.year, ctx.today):
        _start, end = period_bounds(frequency, year, period)
        if ctx.founded < end < ctx.today:
            result.append((year, period, end, (end - ctx.founded).days / span))
    return result


def _computed_target(
    default: DefaultIndicator, index: int, year: int, planned: dict[tuple[int, str], Decimal]
) -> Decimal | None:
    if default.metric is Metric.STRUCTURE_COST_SHARE:
        return Decimal(max(30, 36 - index))
    if default.metric is Metric.FUNDS_RAISED:
        total = sum(
            (planned.get((year, code), Decimal(0)) for code in FUNDRAISING_CODES), Decimal(0)
        )
        return round_to(total, 500) if total else None
    if default.metric is Metric.DOCUMENTS_APPROVED:
        return Decimal(100)
    return None


def _linked(ctx: Context, objectives: list[ObjectiveInput]) -> list[ObjectiveInput]:
    """One or two objectives with a target: in progress first, then reached, then any."""
    order = (ObjectiveStatus.IN_PROGRESS.value, ObjectiveStatus.ACHIEVED.value)
    candidates = [o for o in objectives if o.target_value]
    candidates.sort(key=lambda o: order.index(o.status) if o.status in order else len(order))
    return candidates[: ctx.rng.choice((1, 2))]


def _objective_indicator(ctx: Context, measures: MeasuresPlan, objective: ObjectiveInput) -> None:
    """An indicator named after the objective's unit, measured every half year, heading
    for its target (reached by the deadline if the objective was reached)."""
    rng = ctx.rng
    assert objective.target_value is not None
    target = float(objective.target_value)
    unit_text = objective.target_unit
    if unit_text.startswith("%"):
        unit, name, places = IndicatorUnit.PERCENT, unit_text, 1
    elif unit_text.startswith("€"):
        unit, name, places = IndicatorUnit.EURO, unit_text, -1
    else:
        unit, name, places = IndicatorUnit.NUMBER, f"N. {unit_text}", 0
    measures.indicators.append(
        IndicatorInput(
            area=objective.title,
            name=name,
            frequency=Frequency.HALF_YEARLY.value,
            responsible="Coordinamento del distretto",
            data_source="Rilevazioni del gruppo di lavoro",
            unit=unit.value,
            description=f"Misura l'avanzamento dell'obiettivo «{objective.title}».",
        )
    )
    measures.links.append((objective.title, name))
    deadline = objective.deadline or ctx.today
    reached = objective.status == ObjectiveStatus.ACHIEVED.value
    finish = rng.uniform(1.0, 1.1) if reached else rng.uniform(0.5, 0.85)
    first = rng.uniform(0.1, 0.25)
    horizon = max(1, ((min(deadline, ctx.today) if reached else ctx.today) - ctx.founded).days)
    for year, period, end, _progress in _periods(ctx, Frequency.HALF_YEARLY):
        progress = min(1.0, (end - ctx.founded).days / horizon)
        value = target * (first + (finish - first) * progress**1.2) * rng.uniform(0.96, 1.04)
        measures.measurements.append(
            PlannedMeasurement(
                name,
                year,
                period,
                _quantize(max(value, 0.0), places),
                min(end + timedelta(days=rng.randint(5, 30)), ctx.today),
            )
        )
    last_year = max(ctx.today.year, deadline.year)
    for year in range(ctx.founded.year, last_year + 1):
        share = min(
            1.0, 0.4 + 0.6 * (year - ctx.founded.year) / max(1, deadline.year - ctx.founded.year)
        )
        measures.targets.append((name, year, _quantize(target * share, places)))


def _quantize(value: float, places: int) -> Decimal:
    """`value` with `places` decimals; -1 means euros to the hundred, with cents."""
    if places < 0:
        return round_to(value, 100)
    return Decimal(str(round(value, places))).quantize(Decimal(1).scaleb(-places))
