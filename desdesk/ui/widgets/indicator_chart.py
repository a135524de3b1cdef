"""The trend chart of one indicator (Qt Charts): its values period by period, and each
year's target as a flat dashed line across that year's periods.

Only the Indicatori section imports this module, so Qt Charts is loaded when that
section is first built, not at start-up. Values are `Decimal` up to here; they become
floats only as points of the chart.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desdesk.domain.money_enums import IndicatorUnit
from desdesk.i18n import _
from desdesk.money_schemas import IndicatorSeries

_VALUE_COLOUR = QColor("#1f5f8b")
_TARGET_COLOUR = QColor("#b35c00")


def _unit_title(unit: IndicatorUnit) -> str:
    if unit is IndicatorUnit.EURO:
        return "€"
    if unit is IndicatorUnit.PERCENT:
        return "%"
    return unit.label()


_HALF = 0.4  # a yearly target's line reaches this far beyond its first and last period


class IndicatorChart(QWidget):
    """`values` is the line of values (x = the period's position on the axis);
    `targets` holds one dashed line per year that has a target (only the first one
    in the legend): a target is per year, so it is drawn flat, never sloping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setLocale(QLocale())  # the application's language (set at start-up)
        self.chart.setLocalizeNumbers(True)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.values = QLineSeries()
        self.values.setName(_("Valore"))
        self.values.setPointsVisible(True)
        self.values.setPen(QPen(_VALUE_COLOUR, 2))
        self.targets: list[QLineSeries] = []
        self.axis_x = QBarCategoryAxis()
        self.axis_x.setTruncateLabels(False)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%.0f")
        self.axis_y.setTruncateLabels(False)
        self.chart.addSeries(self.values)
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.values.attachAxis(self.axis_x)
        self.values.attachAxis(self.axis_y)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.show_series(None)

    def show_series(self, series: IndicatorSeries | None) -> None:
        """Draw `series` (None: an empty chart that says to pick an indicator)."""
        self.values.clear()
        for line in self.targets:
            self.chart.removeSeries(line)
        self.targets.clear()
        self.axis_x.clear()
        # Nothing to draw: the title says what to do, no empty axes or legend.
        for axis in (self.axis_x, self.axis_y):
            axis.setVisible(series is not None)
        self.chart.legend().setVisible(series is not None)
        if series is None:
            self.chart.setTitle(_("Scegli un indicatore per vederne l'andamento."))
            self.axis_y.setRange(0, 1)
            return
        self.chart.setTitle(series.indicator.data.name)
        labels = [value.label for value in series.values]
        self.axis_x.append(labels or [""])
        # Many quarters do not fit side by side: slant their labels.
        self.axis_x.setLabelsAngle(-45 if len(labels) > 6 else 0)
        drawn: list[Decimal] = []
        for x, period in enumerate(series.values):
            if period.value is not None:
                self.values.append(QPointF(x, float(period.value)))
                drawn.append(period.value)
        for year, target in sorted(series.targets.items()):
            xs = [x for x, period in enumerate(series.values) if period.year == year]
            if xs:
                self._add_target(min(xs) - _HALF, max(xs) + _HALF, target)
                drawn.append(target)
        self.axis_y.setTitleText(_unit_title(series.indicator.unit))
        self._fit_y(drawn, series.indicator.unit)

    def _add_target(self, first_x: float, last_x: float, target: Decimal) -> None:
        line = QLineSeries()
        line.setName(_("Obiettivo"))
        pen = QPen(_TARGET_COLOUR, 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.append(QPointF(first_x, float(target)))
        line.append(QPointF(last_x, float(target)))
        self.chart.addSeries(line)
        line.attachAxis(self.axis_x)
        line.attachAxis(self.axis_y)
        if self.targets:  # one "Obiettivo" in the legend is enough
            for marker in self.chart.legend().markers(line):
                marker.setVisible(False)
        self.targets.append(line)

    def _fit_y(self, drawn: list[Decimal], unit: IndicatorUnit) -> None:
        """A range from zero (or the lowest value) to a little above the highest."""
        top = max(drawn, default=Decimal(0))
        bottom = min(min(drawn, default=Decimal(0)), Decimal(0))
        if unit is IndicatorUnit.PERCENT:
            top = max(top, Decimal(100)) if top > 80 else top
        span = top - bottom or Decimal(1)
        self.axis_y.setRange(float(bottom), float(top + span / 10))
        self.axis_y.applyNiceNumbers()
        self.axis_y.setLabelFormat("%.0f" if span >= 10 else "%.1f")

    # -- what tests and the section read -------------------------------------------------------
    def value_points(self) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for p in self.values.points()]

    def target_points(self) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for line in self.targets for p in line.points()]
