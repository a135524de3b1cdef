"""Monitoring indicators (toolkit 3.2): the list, yearly targets and typed measurements.

A new district starts with the toolkit's eight (migration 0004). Indicators with a
`metric` are computed from the district's own data (`indicator_metrics`) and refuse
typed values; the others take one value per period of their frequency. Series,
the yearly overview and the objectives' progress are in `indicator_series`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import Session

from desdesk.db.money_models import Indicator, IndicatorTarget, Measurement
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.indicator_periods import period_bounds, period_label
from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.domain.money_enums import Frequency, IndicatorUnit, Metric
from desdesk.i18n import _, format_date, format_number, ngettext
from desdesk.money_schemas import (
    IndicatorInput,
    IndicatorRead,
    IndicatorSeries,
    ObjectiveProgress,
    PeriodValue,
)
from desdesk.services import indicator_series
from desdesk.services.base import Service
from desdesk.services.indicator_series import read_indicator


def clean_indicator(data: IndicatorInput) -> IndicatorInput:
    """The indicator with its text trimmed; a computed one takes its metric's unit."""
    problems: list[FieldProblem] = []
    if not data.area.strip():
        problems.append(FieldProblem("area", _("Indica l'area (es. Raccolta fondi).")))
    if not data.name.strip():
        problems.append(FieldProblem("name", _("Il nome dell'indicatore è obbligatorio.")))
    if data.frequency not in {f.value for f in Frequency}:
        problems.append(
            FieldProblem("frequency", _("Scegli la frequenza: trimestrale, semestrale o annuale."))
        )
    metric = data.metric or None
    if metric is not None and metric not in {m.value for m in Metric}:
        problems.append(FieldProblem("metric", _("Calcolo automatico non riconosciuto.")))
    unit = Metric(metric).unit.value if metric in {m.value for m in Metric} else data.unit
    if unit not in {u.value for u in IndicatorUnit}:
        problems.append(FieldProblem("unit", _("Scegli l'unità di misura.")))
    if problems:
        raise ValidationFailed(problems)
    return replace(
        data,
        area=data.area.strip(),
        name=data.name.strip(),
        responsible=data.responsible.strip(),
        data_source=data.data_source.strip(),
        description=data.description.strip(),
        unit=unit,
        metric=metric,
    )


def check_value(unit: IndicatorUnit, value: Decimal, field: str) -> None:
    """Refuse a negative value, or a percentage over 100."""
    if value < 0:
        raise ValidationFailed([FieldProblem(field, _("Il valore non può essere negativo."))])
    if unit is IndicatorUnit.PERCENT and value > 100:
        raise ValidationFailed(
            [FieldProblem(field, _("Una percentuale non può superare 100 ({value}).").format(
                value=format_number(value)
            ))]
        )  # fmt: skip


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(
            [FieldProblem("year", _("Anno non valido: {year}.").format(year=year))]
        )


def load_indicator(session: Session, indicator_id: int) -> Indicator:
    row = session.get(Indicator, indicator_id)
    if row is None:
        raise NotFound(_("L'indicatore non esiste più."))
    return row


def _count(session: Session, model: type[Measurement] | type[IndicatorTarget], i: int) -> int:
    query = select(func.count()).select_from(model).where(model.indicator_id == i)
    return int(session.execute(query).scalar_one())


class IndicatorsService(Service):
    # -- the list -----------------------------------------------------------------------
    def indicators(self, include_retired: bool = False) -> list[IndicatorRead]:
        """By position; retired ones only when asked."""
        query = select(Indicator).order_by(Indicator.position, Indicator.id)
        if not include_retired:
            query = query.where(Indicator.retired_on.is_(None))
        with self._reading() as session:
            return [read_indicator(row) for row in session.execute(query).scalars()]

    def indicator(self, indicator_id: int) -> IndicatorRead:
        with self._reading() as session:
            return read_indicator(load_indicator(session, indicator_id))

    def choices(self) -> list[tuple[int, str]]:
        """(id, "area – name") of the indicators in use, to link an objective to one."""
        return [(i.id, f"{i.data.area} – {i.data.name}") for i in self.indicators()]

    def add(self, data: IndicatorInput) -> int:
        """A new indicator, placed after the others."""
        clean = clean_indicator(data)
        with self._unit_of_work() as session:
            last = session.execute(select(func.max(Indicator.position))).scalar()
            row = Indicator(position=(last if last is not None else -1) + 1, **_values(clean))
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update(self, indicator_id: int, data: IndicatorInput) -> None:
        """Refused when the change would strand typed values: a new frequency (their
        periods would mean something else) or a switch to a computed value."""
        clean = clean_indicator(data)
        with self._unit_of_work() as session:
            row = load_indicator(session, indicator_id)
            typed = _count(session, Measurement, indicator_id)
            if typed and clean.frequency != row.frequency:
                raise Conflict(
                    _stranded(typed, _("per cambiarne la frequenza eliminale, o aggiungi un nuovo indicatore"))
                )  # fmt: skip
            if typed and clean.metric is not None and clean.metric != row.metric:
                raise Conflict(_stranded(typed, _("per farlo calcolare a desdesk eliminale prima")))
            if clean.unit != row.unit:
                _check_unit_change(session, row, clean)
            for name, value in _values(clean).items():
                setattr(row, name, value)

    def retire(self, indicator_id: int, on: date) -> None:
        """No longer measured from `on`: it leaves the list, its history stays."""
        with self._unit_of_work() as session:
            row = load_indicator(session, indicator_id)
            if row.retired_on is not None:
                raise Conflict(
                    _("L'indicatore è già stato ritirato il {date}.").format(
                        date=format_date(row.retired_on)
                    )
                )
            row.retired_on = on

    def reactivate(self, indicator_id: int) -> None:
        with self._unit_of_work() as session:
            load_indicator(session, indicator_id).retired_on = None

    def delete(self, indicator_id: int) -> None:
        """Only an indicator with no measurements and no targets: history is retired, not
        deleted. Objectives linked to it lose the link."""
        with self._unit_of_work() as session:
            row = load_indicator(session, indicator_id)
            measurements = _count(session, Measurement, indicator_id)
            targets = _count(session, IndicatorTarget, indicator_id)
            if measurements or targets:
                raise Conflict(
                    _("«{name}» ha {what}: ritiralo invece di eliminarlo.").format(
                        name=row.name, what=_history(measurements, targets)
                    )
                )
            session.delete(row)

    # -- targets ------------------------------------------------------------------------
    def targets(self, indicator_id: int) -> dict[int, Decimal]:
        """Year → target value."""
        query = select(IndicatorTarget.year, IndicatorTarget.value).where(
            IndicatorTarget.indicator_id == indicator_id
        )
        with self._reading() as session:
            return {year: value for year, value in session.execute(query)}

    def set_target(self, indicator_id: int, year: int, value: Decimal | None) -> None:
        """The target for `year` (None removes it)."""
        _check_year(year)
        with self._unit_of_work() as session:
            row = load_indicator(session, indicator_id)
            existing = session.execute(
                select(IndicatorTarget).where(
                    IndicatorTarget.indicator_id == indicator_id, IndicatorTarget.year == year
                )
            ).scalar_one_or_none()
            if value is None:
                if existing is not None:
                    session.delete(existing)
                return
            check_value(IndicatorUnit(row.unit), value, "value")
            if existing is None:
                session.add(IndicatorTarget(indicator_id=indicator_id, year=year, value=value))
            else:
                existing.value = value

    # -- measurements ---------------------------------------------------------------------
    def record(
        self,
        indicator_id: int,
        year: int,
        period: int,
        value: Decimal,
        note: str = "",
        *,
        today: date | None = None,
    ) -> None:
        """Type the value of a period (replacing one already there). Refused for computed
        indicators, a period the frequency does not have or that has not begun, and a
        period begun after the indicator was retired."""
        today = today or date.today()
        _check_year(year)
        with self._unit_of_work() as session:
            row = load_indicator(session, indicator_id)
            if row.metric is not None:
                raise Conflict(
                    _("Il valore di «{name}» è calcolato da desdesk: non si inserisce a mano.").format(
                        name=row.name
                    )
                )  # fmt: skip
            frequency = Frequency(row.frequency)
            start = _period_start(frequency, year, period)
            label = period_label(frequency, year, period)
            if start > today:
                raise ValidationFailed(
                    [FieldProblem("period", _("Il periodo {label} non è ancora iniziato.").format(label=label))]
                )  # fmt: skip
            if row.retired_on is not None and start > row.retired_on:
                raise Conflict(
                    _("L'indicatore è stato ritirato il {date}: il periodo {label} è successivo.").format(
                        date=format_date(row.retired_on), label=label
                    )
                )  # fmt: skip
            check_value(IndicatorUnit(row.unit), value, "value")
            measurement = _measurement(session, indicator_id, year, period)
            if measurement is None:
                measurement = Measurement(
                    indicator_id=indicator_id, year=year, period=period, value=value
                )
                session.add(measurement)
            measurement.value = value
            measurement.note = note.strip()
            measurement.recorded_on = today

    def delete_measurement(self, indicator_id: int, year: int, period: int) -> None:
        with self._unit_of_work() as session:
            measurement = _measurement(session, indicator_id, year, period)
            if measurement is None:
                raise NotFound(_("La misurazione non esiste più."))
            session.delete(measurement)

    # -- reading values (indicator_series) ---------------------------------------------------
    def series(
        self, indicator_id: int, first_year: int, last_year: int, today: date | None = None
    ) -> IndicatorSeries:
        """One value per period from the first of `first_year` to today's (or the end of
        `last_year`, if earlier): typed ones, or computed from the data."""
        with self._reading() as session:
            row = load_indicator(session, indicator_id)
            return indicator_series.series(
                session, read_indicator(row), first_year, last_year, today or date.today()
            )

    def overview(
        self, year: int, today: date | None = None
    ) -> list[tuple[IndicatorRead, Decimal | None, PeriodValue | None]]:
        """Each indicator in use during `year`, with its target and latest value there."""
        today = today or date.today()
        query = select(Indicator).order_by(Indicator.position, Indicator.id)
        with self._reading() as session:
            rows = [read_indicator(r) for r in session.execute(query).scalars()]
            in_use = [r for r in rows if r.retired_on is None or r.retired_on.year >= year]
            return indicator_series.overview(session, in_use, year, today)

    def objectives_progress(self, today: date | None = None) -> list[ObjectiveProgress]:
        """The district's objectives linked to an indicator: its latest value against the
        objective's target."""
        with self._reading() as session:
            return indicator_series.objectives_progress(session, today or date.today())


def _check_unit_change(session: Session, row: Indicator, clean: IndicatorInput) -> None:
    """A new unit must fit the values and targets already there (a percentage over 100
    would otherwise stay in the series): refused naming each period or year that does not."""
    unit = IndicatorUnit(clean.unit)
    frequency = Frequency(clean.frequency)
    wrong: list[str] = []
    measurements = select(Measurement).where(Measurement.indicator_id == row.id)
    for measurement in session.execute(
        measurements.order_by(Measurement.year, Measurement.period)
    ).scalars():
        if _refused_by(unit, measurement.value):
            wrong.append(
                _("{period}: {value}").format(
                    period=period_label(frequency, measurement.year, measurement.period),
                    value=format_number(measurement.value),
                )
            )
    targets = select(IndicatorTarget).where(IndicatorTarget.indicator_id == row.id)
    for target in session.execute(targets.order_by(IndicatorTarget.year)).scalars():
        if _refused_by(unit, target.value):
            wrong.append(
                _("obiettivo {year}: {value}").format(
                    year=target.year, value=format_number(target.value)
                )
            )
    if wrong:
        message = _(
            "Con l'unità “{unit}” questi valori non sono validi ({values}): correggili "
            "prima di cambiare l'unità."
        ).format(unit=unit.label().lower(), values="; ".join(wrong))
        raise ValidationFailed([FieldProblem("unit", message)])


def _refused_by(unit: IndicatorUnit, value: Decimal) -> bool:
    """Whether `check_value` refuses `value` in `unit`."""
    try:
        check_value(unit, value, "unit")
    except ValidationFailed:
        return True
    return False


def _values(data: IndicatorInput) -> dict[str, object]:
    return {name: getattr(data, name) for name in IndicatorInput.__dataclass_fields__}


def _history(measurements: int, targets: int) -> str:
    """ "3 misurazioni e 1 obiettivo annuale" (only the parts that are not zero)."""
    parts = []
    if measurements:
        parts.append(
            ngettext("{n} misurazione", "{n} misurazioni", measurements).format(n=measurements)
        )
    if targets:
        parts.append(
            ngettext("{n} obiettivo annuale", "{n} obiettivi annuali", targets).format(n=targets)
        )
    return _(" e ").join(parts)


def _stranded(count: int, what_instead: str) -> str:
    typed = ngettext(
        "L'indicatore ha già {n} valore inserito", "L'indicatore ha già {n} valori inseriti", count
    ).format(n=count)
    return f"{typed}: {what_instead}."


def _period_start(frequency: Frequency, year: int, period: int) -> date:
    if not 1 <= period <= frequency.periods_per_year:
        raise ValidationFailed(
            [
                FieldProblem(
                    "period",
                    _("Il periodo {period} non esiste per un indicatore {frequency}: "
                      "scegli da 1 a {last}.").format(
                        period=period, frequency=frequency.label().lower(), last=frequency.periods_per_year
                    ),
                )
            ]
        )  # fmt: skip
    return period_bounds(frequency, year, period)[0]


def _measurement(session: Session, indicator_id: int, year: int, period: int) -> Measurement | None:
    query = select(Measurement).where(
        Measurement.indicator_id == indicator_id,
        Measurement.year == year,
        Measurement.period == period,
    )
    return session.execute(query).scalar_one_or_none()
