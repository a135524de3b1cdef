"""Data tables that stay fast at thousands of rows and never cut a text.

reportlab lays out a plain-string cell far faster than a Paragraph, so every text is
wrapped here, once, to its column's width (a word too long for the column, such as a
long e-mail address, is broken at a dot, hyphen or before the `@`) and handed to the
table as a multi-line string. A cell that mixes faces (a bold name over plain
contact lines) is a `Stack`, drawn by the equally cheap `TextBlock`. The header row
repeats on every page the table spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from desdesk.reports import styles as st
from desdesk.reports.base import PageContext, clean

Align = Literal["LEFT", "RIGHT", "CENTER"]

CELL_PADDING = 3.0  # points, left and right of every cell
LEADING = st.TABLE_SIZE * 1.22
_BREAK_AFTER = ".-/_ "


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a `Stack`: its text starts on a new line, in its own face and colour."""

    text: str
    font: str = st.REGULAR
    color: Color = st.INK


@dataclass(frozen=True, slots=True)
class Stack:
    """A cell made of spans set one under the other (empty spans are skipped)."""

    spans: tuple[Span, ...]


Cell = str | Stack | Flowable


@dataclass(frozen=True, slots=True)
class Column:
    """A data-table column: heading, relative width, alignment, bold text."""

    heading: str
    weight: float
    align: Align = "LEFT"
    bold: bool = False


@lru_cache(maxsize=16384)
def _width(text: str, font: str, size: float) -> float:
    """Text width in points, remembered: registers repeat comuni, forms, dates."""
    return stringWidth(text, font, size)


def _break_word(text: str, font: str, size: float, width: float) -> list[str]:
    """Cut a text with no room to wrap into pieces that fit, at a natural point if any."""
    pieces: list[str] = []
    while text and stringWidth(text, font, size) > width:
        low, high = 1, len(text)  # longest prefix that fits, at least one character
        while low < high:
            middle = (low + high + 1) // 2
            if stringWidth(text[:middle], font, size) <= width:
                low = middle
            else:
                high = middle - 1
        cut = low
        natural = max(*(text.rfind(c, 0, cut) + 1 for c in _BREAK_AFTER), text.rfind("@", 0, cut))
        if natural > cut // 2:
            cut = natural
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def wrap_lines(text: str, font: str, width: float, size: float = st.TABLE_SIZE) -> list[str]:
    """`text` as lines no wider than `width` points: words wrap, long words break."""
    lines: list[str] = []
    for part in text.split("\n"):
        if _width(part, font, size) <= width:
            lines.append(part)
            continue
        for line in simpleSplit(part, font, size, width):
            if stringWidth(line, font, size) <= width:
                lines.append(line)
            else:
                lines.extend(_break_word(line, font, size, width))
    return lines


class TextBlock(Flowable):
    """Lines already wrapped, each with its own face and colour: a cheap Paragraph."""

    def __init__(
        self,
        lines: Sequence[tuple[str, str, Color]],
        align: Align = "LEFT",
        size: float = st.TABLE_SIZE,
        leading: float = LEADING,
    ) -> None:
        super().__init__()
        self._lines = tuple(lines)
        self._align = align
        self._size = size
        self._leading = leading
        self.height = len(self._lines) * leading

    @classmethod
    def of(cls, spans: Iterable[Span], width: float, align: Align = "LEFT") -> TextBlock:
        lines = [
            (line, span.font, span.color)
            for span in spans
            if span.text
            for line in wrap_lines(clean(span.text), span.font, width)
        ]
        return cls(lines, align)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        """One text object for all lines: far cheaper than a drawString per line."""
        text_object = self.canv.beginText()
        font, color = "", None
        y = self.height - self._size
        for text, line_font, line_color in self._lines:
            if line_font != font:
                font = line_font
                text_object.setFont(font, self._size, self._leading)
            if line_color != color:
                color = line_color
                text_object.setFillColor(color)
            x = 0.0
            if self._align != "LEFT":
                x = self.width - _width(text, font, self._size)
                x = x / 2 if self._align == "CENTER" else x
            text_object.setTextOrigin(x, y)
            text_object.textOut(text)
            y -= self._leading
        self.canv.drawText(text_object)


def _cell(value: Cell, column: Column, width: float) -> Cell:
    if isinstance(value, str):
        text = clean(value)
        font = st.BOLD if column.bold else st.REGULAR
        if "\n" not in text and _width(text, font, st.TABLE_SIZE) <= width:
            return text
        return "\n".join(wrap_lines(text, font, width))
    if isinstance(value, Stack):
        return TextBlock.of(value.spans, width, column.align)
    return value


def _table_style(columns: Sequence[Column], body_rows: int) -> TableStyle:
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), st.REGULAR, st.TABLE_SIZE, LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), st.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, st.ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
    ]
    if body_rows:
        commands += [
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, st.ZEBRA]),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, st.RULE),
        ]
    for index, column in enumerate(columns):
        if column.align != "LEFT":
            commands.append(("ALIGN", (index, 0), (index, -1), column.align))
        if column.bold:
            commands.append(("FONT", (index, 1), (index, -1), st.BOLD, st.TABLE_SIZE, LEADING))
    return TableStyle(commands)


def data_table(
    ctx: PageContext, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> Table:
    """A full-width table, columns sharing the frame width by weight, header repeated."""
    total = sum(column.weight for column in columns)
    widths = [ctx.width * column.weight / total for column in columns]
    inner = [width - 2 * CELL_PADDING for width in widths]
    header: list[Cell] = [
        TextBlock.of([Span(column.heading, st.BOLD)], width, column.align)
        for column, width in zip(columns, inner, strict=True)
    ]
    body = [
        [
            _cell(value, column, width)
            for value, column, width in zip(row, columns, inner, strict=True)
        ]
        for row in rows
    ]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(_table_style(columns, len(body)))
    return table
