"""Cells and texts the three money documents print alike: amounts, percentages, totals.

Every amount is written by `format_money` (`-1.234,56 €`, minus sign included) in
right-aligned columns; percentages always carry one decimal (`87,5%`). Totals and
results are bold rows; a negative result (a disavanzo) is printed in the warning colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from babel.numbers import format_decimal

from desdesk.domain.money_enums import IndicatorUnit
from desdesk.i18n import babel_locale, format_money, format_number
from desdesk.reports import styles as st
from desdesk.reports.cells import Span, Stack
from desdesk.reports.tables import Cell

MISSING = "—"  # an empty cell that reads as "none", not as a printing fault


def money(amount: Decimal | None) -> str:
    """`1.234,56 €`, or a dash for an amount that does not exist (no previous year)."""
    return MISSING if amount is None else format_money(amount)


def percent_text(value: Decimal | None) -> str:
    """`87,5%` (one decimal always), or a dash when there is nothing to divide by."""
    if value is None:
        return MISSING
    return format_decimal(value, format="#,##0.0", locale=babel_locale()) + "%"


def value_text(value: Decimal | None, unit: IndicatorUnit) -> str:
    """An indicator's value as its unit is read: `45,0%`, `1.200,00 €`, `12`."""
    if value is None:
        return MISSING
    if unit is IndicatorUnit.PERCENT:
        return percent_text(value)
    if unit is IndicatorUnit.EURO:
        return format_money(value)
    return format_number(value)


def bold(text: str, negative: bool = False) -> Stack:
    """A bold cell; `negative` prints it in the warning colour."""
    return Stack((Span(text, st.BOLD, st.WARNING if negative else st.INK),))


def bold_row(cells: Sequence[str], negative: bool = False) -> list[Cell]:
    """A total or result row: every cell bold, red when the result is negative."""
    return [bold(cell, negative) if cell else "" for cell in cells]


def indent(name: str, depth: int) -> str:
    """A category's name set in by its depth below the section's leaves (`· · name`)."""
    return "· " * max(depth - 1, 0) + name
