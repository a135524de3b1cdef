"""An indicator's trend as a reportlab drawing: its values per period, its targets beside.

The values are a solid line with a dot per measured period (a period with no value is
skipped, the line joins its neighbours); each year's target is a dashed segment across
that year's periods, so a reader sees at once which periods reached it. Decimals become
floats only here, to be drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.units import mm

from desdesk.domain.money_enums import IndicatorUnit
from desdesk.i18n import _, format_number
from desdesk.money_schemas import IndicatorSeries
from desdesk.reports import styles as st
from desdesk.reports.base import clean

CHART_HEIGHT = 62 * mm
_LEFT = 16 * mm  # room for the value axis' labels
_BOTTOM = 16 * mm  # room for the period labels and the legend
_LABEL_SIZE = 7


def _axis_text(unit: IndicatorUnit) -> Callable[[float], str]:
    suffix = {IndicatorUnit.PERCENT: "%", IndicatorUnit.EURO: " €"}.get(unit, "")

    def text(value: float) -> str:
        return format_number(Decimal(str(round(value, 2))).normalize()) + suffix

    return text


def target_segments(series: IndicatorSeries) -> list[list[tuple[float, float]]]:
    """One horizontal segment per year that has a target, across that year's periods."""
    segments: list[list[tuple[float, float]]] = []
    years = sorted({point.year for point in series.values})
    for year in years:
        if year not in series.targets:
            continue
        indices = [i for i, point in enumerate(series.values) if point.year == year]
        target = float(series.targets[year])
        segments.append([(indices[0] - 0.3, target), (indices[-1] + 0.3, target)])
    return segments


def _value_range(numbers: Sequence[float]) -> tuple[float, float]:
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    if high == low:
        high = low + 1
    return low, high + (high - low) * 0.12


def _legend(drawing: Drawing, y: float) -> None:
    x = _LEFT
    for label, color, dash in (
        (_("Valori"), st.ACCENT, []),
        (_("Obiettivo dell'anno"), st.WARNING, [3.0, 2.0]),
    ):
        drawing.add(
            Line(
                x,
                y + 2.5,
                x + 16,
                y + 2.5,
                strokeColor=color,
                strokeWidth=1.4,
                strokeDashArray=dash or [],
            )
        )
        drawing.add(
            String(
                x + 20, y, clean(label), fontName=st.REGULAR, fontSize=_LABEL_SIZE, fillColor=st.INK
            )
        )
        x += 40 * mm


def series_chart(width: float, series: IndicatorSeries) -> Drawing:
    """The chart of `series` (it must have at least one period), `width` points wide."""
    points = [
        (float(i), float(p.value)) for i, p in enumerate(series.values) if p.value is not None
    ]
    targets = target_segments(series)
    drawing = Drawing(width, CHART_HEIGHT)
    plot = LinePlot()
    plot.x, plot.y = round(_LEFT), round(_BOTTOM)  # whole points are precise enough
    plot.width = round(width - _LEFT - 4 * mm)
    plot.height = round(CHART_HEIGHT - _BOTTOM - 4 * mm)
    plot.data = [points or [(0.0, 0.0)], *targets]
    plot.lines[0].strokeColor = st.ACCENT if points else None
    plot.lines[0].strokeWidth = 1.4
    plot.lines[0].symbol = (
        makeMarker("FilledCircle", size=4, fillColor=st.ACCENT) if points else None
    )
    for index in range(1, len(targets) + 1):
        plot.lines[index].strokeColor = st.WARNING
        plot.lines[index].strokeWidth = 1.2
        plot.lines[index].strokeDashArray = (3, 2)
    labels = [clean(p.label) for p in series.values]
    x_axis = plot.xValueAxis
    x_axis.valueMin, x_axis.valueMax = -0.5, len(labels) - 0.5
    x_axis.valueSteps = list(range(len(labels)))
    x_axis.labelTextFormat = lambda value: (
        labels[round(value)] if 0 <= round(value) < len(labels) else ""
    )
    x_axis.labels.fontName, x_axis.labels.fontSize = st.REGULAR, _LABEL_SIZE
    x_axis.strokeColor = st.RULE
    y_axis = plot.yValueAxis
    y_axis.valueMin, y_axis.valueMax = _value_range(
        [y for _x, y in points] + [s[0][1] for s in targets]
    )
    y_axis.labelTextFormat = _axis_text(series.indicator.unit)
    y_axis.labels.fontName, y_axis.labels.fontSize = st.REGULAR, _LABEL_SIZE
    y_axis.strokeColor = st.RULE
    y_axis.visibleGrid, y_axis.gridStrokeColor, y_axis.gridStrokeWidth = True, st.HAIRLINE, 0.4
    drawing.add(plot)
    _legend(drawing, 1 * mm)
    return drawing
