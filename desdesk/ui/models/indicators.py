"""The tables of the Indicatori section: the indicators of a year, one indicator's values
per period and targets per year, and the district's objectives linked to indicators.

Values are shown in the indicator's unit (`12,5 %`, `1.234,56 €`, `42`); a value
desdesk computes says so, and its tooltip names what it is computed from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt

from desdesk.domain.money_enums import IndicatorUnit, Metric
from desdesk.i18n import N_, _, format_date, format_money, format_number
from desdesk.money_schemas import IndicatorRead, ObjectiveProgress, PeriodValue
from desdesk.ui.models.rows import Index, RowsTableModel, TextColumn

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def format_value(unit: IndicatorUnit, value: Decimal | None) -> str:
    """A value in the indicator's unit; empty when there is none."""
    if value is None:
        return ""
    if unit is IndicatorUnit.EURO:
        return format_money(value)
    if unit is IndicatorUnit.PERCENT:
        return f"{format_number(value)} %"
    return format_number(value)


def computed_tooltip(metric: Metric | None) -> str:
    """What a computed value is computed from (empty for a value typed by hand)."""
    if metric is None:
        return ""
    return _("Calcolato da desdesk: {what}.").format(what=metric.label())


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator as listed for a year: its target for that year and latest value."""

    indicator: IndicatorRead
    target: Decimal | None
    latest: PeriodValue | None

    @property
    def id(self) -> int:
        return self.indicator.id


def _latest(row: IndicatorRow) -> str:
    latest = row.latest
    if latest is None or latest.value is None:
        return ""
    return f"{format_value(row.indicator.unit, latest.value)} ({latest.label})"


def _value_key(value: Decimal | None) -> tuple[bool, Decimal]:
    return (value is None, value if value is not None else Decimal(0))


INDICATOR_COLUMNS: tuple[TextColumn[IndicatorRow], ...] = (
    TextColumn(N_("Area"), lambda r: r.indicator.data.area),
    TextColumn(N_("Indicatore"), lambda r: r.indicator.data.name),
    TextColumn(N_("Frequenza"), lambda r: r.indicator.frequency.label()),
    TextColumn(N_("Responsabile"), lambda r: r.indicator.data.responsible),
    TextColumn(N_("Fonte dei dati"), lambda r: r.indicator.data.data_source),
    TextColumn(
        N_("Obiettivo"),  # the header says which year (see IndicatorsModel.headerData)
        lambda r: format_value(r.indicator.unit, r.target),
        lambda r: _value_key(r.target),
    ),
    TextColumn(
        N_("Ultimo valore"),
        _latest,
        lambda r: _value_key(r.latest.value if r.latest else None),
    ),
    TextColumn(N_("Calcolo"), lambda r: _("calcolato") if r.indicator.computed else ""),
)
TARGET_COLUMN = 5
COMPUTED_COLUMN = 7


class IndicatorsModel(RowsTableModel[IndicatorRow]):
    """The indicators with the target of `year`; retired ones are greyed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            INDICATOR_COLUMNS, muted=lambda r: r.indicator.retired_on is not None, parent=parent
        )
        self.year = date.today().year

    def set_year_rows(self, year: int, rows: list[IndicatorRow]) -> None:
        self.year = year
        self.set_rows(rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, TARGET_COLUMN, TARGET_COLUMN)

    def row_of(self, indicator_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows()) if r.id == indicator_id), None)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _TOOLTIP and index.isValid():
            row = self.row_at(index.row())
            if index.column() == COMPUTED_COLUMN or (
                row.indicator.computed and index.column() == TARGET_COLUMN + 1
            ):
                return computed_tooltip(row.indicator.metric) or None
            if row.indicator.retired_on is not None:
                return _("Ritirato il {date}").format(date=format_date(row.indicator.retired_on))
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            role == _DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and section == TARGET_COLUMN
        ):
            return _("Obiettivo {year}").format(year=self.year)
        return super().headerData(section, orientation, role)


# -- one indicator: values per period, targets per year ---------------------------------------


class PeriodValuesModel(RowsTableModel[PeriodValue]):
    """One indicator's values, newest period first; computed ones are marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: tuple[TextColumn[PeriodValue], ...] = (
            TextColumn(N_("Periodo"), lambda v: v.label, lambda v: (v.year, v.period)),
            TextColumn(
                N_("Valore"),
                lambda v: format_value(self.unit, v.value),
                lambda v: _value_key(v.value),
            ),
            TextColumn(N_("Origine"), _origin),
            TextColumn(N_("Nota"), lambda v: v.note),
        )
        super().__init__(columns, parent=parent)
        self.unit = IndicatorUnit.NUMBER
        self.metric: Metric | None = None

    def set_values(
        self, unit: IndicatorUnit, metric: Metric | None, values: list[PeriodValue]
    ) -> None:
        self.unit, self.metric = unit, metric
        self.set_rows(sorted(values, key=lambda v: (v.year, v.period), reverse=True))

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _TOOLTIP and index.isValid() and self.row_at(index.row()).computed:
            return computed_tooltip(self.metric) or None
        return super().data(index, role)


def _origin(value: PeriodValue) -> str:
    if value.computed:
        return _("calcolato da desdesk")
    return _("inserito") if value.value is not None else _("non rilevato")


@dataclass(frozen=True, slots=True)
class TargetRow:
    year: int
    value: Decimal


class TargetsModel(RowsTableModel[TargetRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        columns: tuple[TextColumn[TargetRow], ...] = (
            TextColumn(N_("Anno"), lambda t: str(t.year), lambda t: t.year),
            TextColumn(N_("Obiettivo"), lambda t: format_value(self.unit, t.value)),
        )
        super().__init__(columns, parent=parent)
        self.unit = IndicatorUnit.NUMBER

    def set_targets(self, unit: IndicatorUnit, targets: Mapping[int, Decimal]) -> None:
        self.unit = unit
        self.set_rows([TargetRow(y, v) for y, v in sorted(targets.items(), reverse=True)])


# -- the district's objectives linked to indicators ----------------------------------------------


def progress_columns(
    indicator_of: Callable[[int], IndicatorRead | None],
) -> tuple[TextColumn[ObjectiveProgress], ...]:
    """Columns of the objectives' progress; `indicator_of` finds the linked indicator."""

    def unit(p: ObjectiveProgress) -> IndicatorUnit:
        indicator = indicator_of(p.indicator_id)
        return indicator.unit if indicator is not None else IndicatorUnit.NUMBER

    def name(p: ObjectiveProgress) -> str:
        indicator = indicator_of(p.indicator_id)
        return indicator.data.name if indicator is not None else ""

    def progress(p: ObjectiveProgress) -> str:
        if p.progress_percent is None:
            return ""
        return f"{format_number(p.progress_percent)} %"

    return (
        TextColumn(N_("Obiettivo"), lambda p: p.title),
        TextColumn(N_("Indicatore"), name),
        TextColumn(
            N_("Valore obiettivo"),
            lambda p: format_value(unit(p), p.target_value),
            lambda p: _value_key(p.target_value),
        ),
        TextColumn(
            N_("Valore attuale"),
            lambda p: format_value(unit(p), p.current),
            lambda p: _value_key(p.current),
        ),
        TextColumn(N_("Avanzamento"), progress, lambda p: _value_key(p.progress_percent)),
        TextColumn(
            N_("Scadenza"), lambda p: format_date(p.deadline), lambda p: p.deadline or date.max
        ),
    )


class ObjectivesProgressModel(RowsTableModel[ObjectiveProgress]):
    """Objectives with a linked indicator, their target and how far they have come."""

    def __init__(self, parent: QObject | None = None) -> None:
        indicators: dict[int, IndicatorRead] = {}
        super().__init__(progress_columns(indicators.get), parent=parent)
        self._indicators = indicators

    def set_progress(
        self, indicators: list[IndicatorRead], progress: list[ObjectiveProgress]
    ) -> None:
        self._indicators.clear()
        self._indicators.update((i.id, i) for i in indicators)
        self.set_rows(progress)
