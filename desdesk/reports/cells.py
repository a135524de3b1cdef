"""Table cell text, wrapped once to its column's width so nothing is ever cut.

reportlab lays out a plain-string cell far faster than a Paragraph, so texts are
wrapped here, once, and handed to the table as multi-line strings; a word too long
for its column (a long e-mail address) is broken before the `@` or after a dot or a
hyphen. A cell that mixes faces (a bold name over plain contact lines) is a `Stack`,
drawn by the equally cheap `TextBlock`. Heights are then known without measuring
again, which is what lets a long table be laid out a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desdesk.reports import styles as st
from desdesk.reports.base import clean

Align = Literal["LEFT", "RIGHT", "CENTER"]

LEADING = st.TABLE_SIZE * 1.22
_BREAK_AFTER = ".-/_ "
_MIN_TAIL = 5  # characters a broken word should keep on its last line


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


@lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float = st.TABLE_SIZE) -> float:
    """Width in points, remembered: registers repeat comuni, forms, dates, letters."""
    return stringWidth(text, font, size)


def _longest_fitting_prefix(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of `text` fit in `width` (at least one)."""
    total = 0.0
    for index, char in enumerate(text):
        total += text_width(char, font, size)
        if total > width:
            return max(index, 1)
    return len(text)


def _cut_point(text: str, cut: int) -> int:
    """Where to cut a word that must break within its first `cut` characters.

    Before the `@` of an e-mail address (so the domain stays whole), else after a
    dot, hyphen, slash or underscore in the second half, the last one that does not
    leave a stub such as `it` alone on the next line; else right at `cut`.
    """
    at = text.rfind("@", 0, cut)
    if at > 0:
        return at
    natural = [i + 1 for i in range(cut // 2, cut) if text[i] in _BREAK_AFTER]
    if not natural:
        return cut
    roomy = [point for point in natural if len(text) - point >= _MIN_TAIL]
    return roomy[-1] if roomy else natural[-1]


def _break_word(text: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    while text and text_width(text, font, size) > width:
        cut = _cut_point(text, _longest_fitting_prefix(text, font, size, width))
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def wrap_lines(text: str, font: str, width: float, size: float = st.TABLE_SIZE) -> list[str]:
    """`text` as lines no wider than `width` points: words wrap, long words break."""
    lines: list[str] = []
    for part in text.split("\n"):
        if text_width(part, font, size) <= width:
            lines.append(part)
            continue
        for line in simpleSplit(part, font, size, width):
            if text_width(line, font, size) <= width:
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

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def cut(self, count: int) -> tuple[TextBlock, TextBlock]:
        """The first `count` lines and the rest, as two blocks."""
        first = TextBlock(self._lines[:count], self._align, self._size, self._leading)
        rest = TextBlock(self._lines[count:], self._align, self._size, self._leading)
        return first, rest

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        """One text object for all lines: far cheaper than a drawString per line."""
        y = self.height - self._size
        text_object = self.canv.beginText(0, y)
        font, color = "", None
        for text, line_font, line_color in self._lines:
            if line_font != font:
                font = line_font
                text_object.setFont(font, self._size, self._leading)
            if line_color != color:
                color = line_color
                text_object.setFillColor(color)
            if self._align != "LEFT":
                x = self.width - text_width(text, font, self._size)
                text_object.setTextOrigin(x / 2 if self._align == "CENTER" else x, y)
            text_object.textLine(text)  # unlike textOut, does not measure the text again
            y -= self._leading
        self.canv.drawText(text_object)
