"""A measured figure (samples, median/min/max), its ratio and the issue's aim for it."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

# How a unit's samples (seconds, or bytes for memory) are shown.
_SCALES = {"ms": 1000.0, "s": 1.0, "MB": 1.0 / (1024 * 1024)}


@dataclass
class Figure:
    """Samples in seconds (unit "ms" or "s") or bytes (unit "MB").

    `aim` is the issue's target as text; `met` is None when the figure has no aim (a
    floor, a comparison) or could not be judged (a line skipped on this machine).
    """

    name: str
    samples: list[float]
    unit: str = "ms"
    ratio: str = ""
    aim: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def judge(self, aim: str, *checks: bool) -> None:
        """Set the aim, met when every check holds."""
        self.aim = aim
        self.met = all(checks)

    def cells(self) -> list[str]:
        if not self.samples:
            return [self.name, "—", "—", "—", self.unit, self.ratio, self.aim, "skipped"]
        scale = _SCALES[self.unit]
        digits = 2 if self.unit == "s" else 1
        values = (self.median, min(self.samples), max(self.samples))
        median, low, high = (f"{value * scale:.{digits}f}" for value in values)
        met = {None: "not judged" if self.aim else "", True: "yes", False: "**no**"}[self.met]
        return [self.name, median, low, high, self.unit, self.ratio, self.aim, met]


HEADINGS = ["measure", "median", "min", "max", "unit", "ratio", "aim", "met?"]


def markdown_table(figures: list[Figure]) -> list[str]:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(figure.cells()) + " |" for figure in figures]
    return lines


def text_table(figures: list[Figure]) -> list[str]:
    """The same table aligned in columns, for the terminal."""
    rows = [HEADINGS, *(figure.cells() for figure in figures)]
    rows = [[cell.replace("**", "") for cell in row] for row in rows]
    widths = [max(len(row[index]) for row in rows) for index in range(len(HEADINGS))]
    right = {1, 2, 3}
    return [
        "  ".join(
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
