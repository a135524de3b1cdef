"""Data tables that stay fast at thousands of rows, with the header on every page.

reportlab's `Table`, when it splits across a page, copies and re-measures every
remaining row, so a 5,000-row register costs the square of its length. Here every
cell is wrapped once (`desdesk.reports.cells`), so each row's height is known in
advance; `PagedTable` uses those heights to hand each page a small `Table` of just
the rows that fit, which keeps the work proportional to the rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from desdesk.domain.progress import report
from desdesk.reports import styles as st
from desdesk.reports.base import PageContext, clean
from desdesk.reports.cells import LEADING, Align, Span, Stack, TextBlock, text_width, wrap_lines

CELL_PADDING = 3.0  # points, left and right of every cell
ROW_PADDING = 2.5  # points, above and below

Cell = str | Stack | Flowable


@dataclass(frozen=True, slots=True)
class Column:
    """A data-table column: heading, relative width, alignment, bold text."""

    heading: str
    weight: float
    align: Align = "LEFT"
    bold: bool = False

    @classmethod
    def numbers(cls, heading: str, largest: int) -> Column:
        """A right-aligned column of row numbers, wide enough for `largest` (weight in mm)."""
        needed = text_width(str(largest), st.REGULAR) + 2 * CELL_PADDING + 2
        return cls(heading, max(7.0, needed / mm), align="RIGHT")


def _cell(value: Cell, column: Column, width: float) -> str | Flowable:
    if isinstance(value, str):
        text = clean(value)
        font = st.BOLD if column.bold else st.REGULAR
        if "\n" not in text and text_width(text, font) <= width:
            return text
        return "\n".join(wrap_lines(text, font, width))
    if isinstance(value, Stack):
        return TextBlock.of(value.spans, width, column.align)
    return value


def _row_height(cells: Sequence[str | Flowable], widths: Sequence[float]) -> tuple[float, bool]:
    """The row's height, and whether it is exact (False: a foreign flowable was measured)."""
    height, exact = 0.0, True
    for cell, width in zip(cells, widths, strict=True):
        if isinstance(cell, str):
            cell_height = (cell.count("\n") + 1) * LEADING
        elif isinstance(cell, TextBlock):
            cell_height = cell.height
        else:
            cell_height = cell.wrap(width, 1e9)[1] + cell.getSpaceBefore() + cell.getSpaceAfter()
            exact = False
        height = max(height, cell_height)
    return height + 2 * ROW_PADDING, exact


def _split_tall_row(row: list[str | Flowable], max_lines: int) -> list[list[str | Flowable]]:
    """A row too tall for a page, as consecutive rows of at most `max_lines` lines each.

    Rare (a note of a thousand words), but a row must fit on a page to be laid out.
    """
    pieces: list[list[str | Flowable]] = []
    while True:
        head: list[str | Flowable] = []
        tail: list[str | Flowable] = []
        for cell in row:
            if isinstance(cell, str):
                lines = cell.split("\n")
                head.append("\n".join(lines[:max_lines]))
                tail.append("\n".join(lines[max_lines:]))
            elif isinstance(cell, TextBlock):
                first, rest = cell.cut(max_lines)
                head.append(first)
                tail.append(rest)
            else:
                head.append(cell)
                tail.append("")
        pieces.append(head)
        if all(cell in ("", None) or (isinstance(cell, TextBlock) and not cell.line_count)
               for cell in tail):  # fmt: skip
            return pieces
        row = tail


def _table_style(columns: Sequence[Column], shaded: Sequence[bool]) -> TableStyle:
    """Style of one page's table; `shaded` tells which body rows get the zebra tint."""
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), st.REGULAR, st.TABLE_SIZE, LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), st.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING),
        ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, st.ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, st.RULE),
    ]
    commands += [
        ("BACKGROUND", (0, row), (-1, row), st.ZEBRA)
        for row, shade in enumerate(shaded, start=1)
        if shade
    ]
    for index, column in enumerate(columns):
        if column.align != "LEFT":
            commands.append(("ALIGN", (index, 0), (index, -1), column.align))
        if column.bold:
            commands.append(("FONT", (index, 1), (index, -1), st.BOLD, st.TABLE_SIZE, LEADING))
    return TableStyle(commands)


class _PageTable(Table):
    """One page of a data table. Consecutive plain-text cells share one PDF text object,
    where reportlab opens and closes one per line (a third of a 5,000-row register's
    time); any other cell is drawn by reportlab, after the text so far, so the page
    reads in the same order."""

    def draw(self) -> None:
        self._text: Any = None
        self._text_state: tuple[Any, ...] = ()
        super().draw()
        self._flush_text()

    def _flush_text(self) -> None:
        if self._text is not None:
            self.canv.saveState()  # the text's font and colour stay inside
            self.canv.drawText(self._text)
            self.canv.restoreState()
            self._text = None

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        plain = isinstance(cellval, str) and cellstyle.alignment in ("LEFT", "RIGHT")
        if not plain or cellstyle.valign != "TOP" or _decorated(cellstyle):
            self._flush_text()
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # not in the stubs
            return
        (left, bottom), (width, height) = pos, size
        font, font_size, leading = cellstyle.fontname, cellstyle.fontsize, cellstyle.leading
        state = (font, font_size, leading, cellstyle.color)
        if self._text is None:
            self._text, self._text_state = self.canv.beginText(), ()
        if state != self._text_state:
            self._text.setFont(font, font_size, leading)
            self._text.setFillColor(cellstyle.color)
            self._text_state = state
        y = bottom + height - cellstyle.topPadding - font_size
        for line in cellval.split("\n"):
            if cellstyle.alignment == "LEFT":
                x = left + cellstyle.leftPadding
            else:
                x = left + width - cellstyle.rightPadding - stringWidth(line, font, font_size)
            self._text.setTextOrigin(x, y)
            self._text.textOut(line)
            y -= leading


def _decorated(cellstyle: Any) -> bool:
    """Links, bidirectional text or shaping: reportlab's own drawing handles those."""
    return bool(cellstyle.href or cellstyle.destination or cellstyle.direction or cellstyle.shaping)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Everything about a table that its pages share; rows are never copied."""

    columns: Sequence[Column]
    widths: Sequence[float]
    header: list[str | Flowable]
    header_height: float
    rows: list[list[str | Flowable]]
    heights: list[float | None]  # None: let reportlab measure that row
    shaded: list[bool]  # zebra tint; the pieces of a split tall row share it
    tops: list[float]  # tops[i]: height of rows[:i]
    page_height: float

    def table(self, start: int, end: int, split_in_row: bool = False) -> Table:
        table = _PageTable(
            [self.header, *self.rows[start:end]],
            colWidths=list(self.widths),
            # reportlab measures the rows itself when it has to split inside one.
            rowHeights=None if split_in_row else [self.header_height, *self.heights[start:end]],
            repeatRows=1,
            splitInRow=1 if split_in_row else 0,
            hAlign="LEFT",
        )
        table.setStyle(_table_style(self.columns, self.shaded[start:end]))
        return table


class PagedTable(Flowable):
    """The rows of a long table from `start` on; each page gets a Table of what fits."""

    def __init__(self, layout: _Layout, start: int = 0) -> None:
        super().__init__()
        self._layout = layout
        self._start = start
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        layout = self._layout
        self.width = sum(layout.widths)
        self.height = layout.header_height + layout.tops[-1] - layout.tops[self._start]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        layout, start = self._layout, self._start
        count = len(layout.rows)
        room = avail_height - layout.header_height
        end = min(bisect_right(layout.tops, layout.tops[start] + room + 1e-6) - 1, count)
        if end <= start:
            row_height = layout.tops[start + 1] - layout.tops[start]
            if layout.header_height + row_height <= layout.page_height:
                return []  # the row fits on the next page
            return self._split_inside_row(avail_width, avail_height)
        report(max(end, start), count)  # a long job's progress; raises if cancelled
        if end >= count:
            return [layout.table(start, count)]
        return [layout.table(start, end), PagedTable(layout, end)]

    def _split_inside_row(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A row taller than a whole page: reportlab's Table splits it between its lines."""
        layout, start = self._layout, self._start
        pieces: list[Flowable] = list(
            layout.table(start, start + 1, split_in_row=True).split(avail_width, avail_height)
        )
        if pieces and start + 1 < len(layout.rows):
            pieces.append(PagedTable(layout, start + 1))
        return pieces

    def draw(self) -> None:
        report(len(self._layout.rows), len(self._layout.rows))  # the rest fits: the last rows
        table = self._layout.table(self._start, len(self._layout.rows))
        height = table.wrapOn(self.canv, self.width, self.height)[1]
        table.drawOn(self.canv, 0, self.height - height)


def data_table(
    ctx: PageContext, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> Flowable:
    """A full-width table, columns sharing the frame width by weight, header repeated.

    Texts wrap inside their cells, never overflow or get cut.
    """
    total = sum(column.weight for column in columns)
    widths = [ctx.width * column.weight / total for column in columns]
    inner = [width - 2 * CELL_PADDING for width in widths]
    header: list[str | Flowable] = [
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
    header_height = _row_height(header, inner)[0]
    tallest = 0.25 * (ctx.height - header_height)  # pieces of a taller row fill pages well
    max_lines = max(1, int((tallest - 2 * ROW_PADDING) // LEADING))
    pieces = [
        (number % 2 == 1, piece)
        for number, row in enumerate(body)
        for piece in (
            _split_tall_row(row, max_lines) if _row_height(row, inner)[0] > tallest else [row]
        )
    ]
    body = [piece for _shade, piece in pieces]
    measured = [_row_height(row, inner) for row in body]
    return PagedTable(
        _Layout(
            columns=columns,
            widths=widths,
            header=header,
            header_height=header_height,
            rows=body,
            heights=[height if exact else None for height, exact in measured],
            shaded=[shade for shade, _piece in pieces],
            tops=[0.0, *accumulate(height for height, _exact in measured)],
            page_height=ctx.height,
        )
    )
