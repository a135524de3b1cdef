"""The annual report's charts: members by nature, attendance by assembly, income by source.

All three are horizontal bars drawn with reportlab graphics shapes: the label on the
left (long funding-source names stay readable), the bar, and the figure written after
it, so the chart reads without an axis. An attendance bar is drawn over a pale bar as
long as the roll call: the filled part is who took part. Decimals become floats only
here, to be drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desdesk.annual_schemas import AssemblyLine
from desdesk.domain.enums import Nature
from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import FundingSource
from desdesk.i18n import _, format_date, format_money, format_number
from desdesk.reports import styles as st
from desdesk.reports.base import clean
from desdesk.reports.money_common import percent_text

_ROW = 6.5 * mm
_BAR = 4.2 * mm
_SIZE = 8
_GAP = 3 * mm
_MAX_BAR_ROWS = 40  # a longer list is not a picture any more


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a bar chart: `value` filled, over a pale bar of `whole` if given."""

    label: str
    value: float
    text: str
    whole: float | None = None


def _box(x: float, y: float, length: float, colour: Color) -> Rect:
    """A bar without outline."""
    box = Rect(x, y, length, _BAR)
    box.fillColor = colour
    box.strokeColor = None
    box.strokeWidth = 0
    return box


def bar_chart(width: float, bars: Sequence[Bar]) -> Drawing:
    """Horizontal bars, `width` points wide, the first bar on top."""
    bars = list(bars)[:_MAX_BAR_ROWS]
    label_width = min(
        max((stringWidth(clean(b.label), st.REGULAR, _SIZE) for b in bars), default=0) + _GAP,
        width * 0.4,
    )
    text_width = max((stringWidth(clean(b.text), st.BOLD, _SIZE) for b in bars), default=0)
    room = max(width - label_width - text_width - 2 * _GAP, 10 * mm)
    largest = max((max(b.value, b.whole or 0.0) for b in bars), default=0.0) or 1.0
    height = _ROW * len(bars) + 2 * mm
    drawing = Drawing(width, height)
    for index, bar in enumerate(bars):
        y = height - (index + 1) * _ROW
        drawing.add(
            String(
                label_width - _GAP,
                y + (_BAR - _SIZE) / 2 + 1.5,
                clean(bar.label),
                fontName=st.REGULAR,
                fontSize=_SIZE,
                fillColor=st.INK,
                textAnchor="end",
            )
        )
        end = label_width
        if bar.whole is not None:
            whole = room * bar.whole / largest
            drawing.add(_box(label_width, y, whole, st.HAIRLINE))
            end += whole
        filled = room * bar.value / largest
        if filled > 0:
            drawing.add(_box(label_width, y, filled, st.ACCENT))
        end = max(end, label_width + filled)
        drawing.add(
            String(
                end + _GAP,
                y + (_BAR - _SIZE) / 2 + 1.5,
                clean(bar.text),
                fontName=st.BOLD,
                fontSize=_SIZE,
                fillColor=st.INK,
            )
        )
    return drawing


def members_chart(width: float, by_nature: Mapping[Nature, int]) -> Drawing:
    return bar_chart(
        width,
        [Bar(nature.label(), float(n), format_number(n)) for nature, n in by_nature.items()],
    )


def attendance_chart(width: float, held: Sequence[AssemblyLine]) -> Drawing:
    """Per assembly: who took part (present or by proxy) out of the roll call."""
    bars = []
    for line in held:
        share = percent(Decimal(line.voters), Decimal(line.entitled))
        text = _("{voters} su {entitled} ({share})").format(
            voters=format_number(line.voters),
            entitled=format_number(line.entitled),
            share=percent_text(share),
        )
        bars.append(Bar(format_date(line.day), float(line.voters), text, float(line.entitled)))
    return bar_chart(width, bars)


def income_chart(width: float, by_source: Mapping[FundingSource, Decimal]) -> Drawing:
    """The funding sources that brought money, in the vocabulary's order."""
    total = sum(by_source.values(), ZERO)
    bars = [
        Bar(
            source.label(),
            float(amount),
            f"{format_money(amount)} ({percent_text(percent(amount, total))})",
        )
        for source in FundingSource
        if (amount := by_source.get(source, ZERO))
    ]
    return bar_chart(width, bars)
