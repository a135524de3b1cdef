"""The periods an indicator is measured in: quarters, halves or whole calendar years.

A period is `(year, n)` with `n` counting from 1 within the year (1..4, 1..2 or 1, as
`Frequency.periods_per_year` says). Pure calendar arithmetic, no I/O.
"""

from __future__ import annotations

from datetime import date, timedelta

from desdesk.domain.money_enums import Frequency
from desdesk.i18n import _

Period = tuple[int, int]


def _months_per_period(frequency: Frequency) -> int:
    return 12 // frequency.periods_per_year


def check_period(frequency: Frequency, period: int) -> None:
    """Raise ValueError when `period` does not exist in a year of this frequency."""
    if not 1 <= period <= frequency.periods_per_year:
        raise ValueError(f"period {period} out of 1..{frequency.periods_per_year}")


def period_bounds(frequency: Frequency, year: int, period: int) -> tuple[date, date]:
    """First and last day (both included) of the period."""
    check_period(frequency, period)
    months = _months_per_period(frequency)
    first_month = (period - 1) * months + 1
    start = date(year, first_month, 1)
    if first_month + months > 12:
        return start, date(year, 12, 31)
    return start, date(year, first_month + months, 1) - timedelta(days=1)


def period_of(frequency: Frequency, day: date) -> Period:
    """The period `day` falls in."""
    return day.year, (day.month - 1) // _months_per_period(frequency) + 1


def period_label(frequency: Frequency, year: int, period: int) -> str:
    """ "T1 2026" (trimestre), "S2 2026" (semestre) or "2026"."""
    check_period(frequency, period)
    if frequency is Frequency.QUARTERLY:
        return _("T{period} {year}").format(period=period, year=year)
    if frequency is Frequency.HALF_YEARLY:
        return _("S{period} {year}").format(period=period, year=year)
    return str(year)


def periods_until(frequency: Frequency, first_year: int, last_day: date) -> list[Period]:
    """Every period from the first of `first_year` to the one holding `last_day`, in order
    (empty when `last_day` is before `first_year`)."""
    last_year, last_period = period_of(frequency, last_day)
    per_year = frequency.periods_per_year
    return [
        (year, period)
        for year in range(first_year, last_year + 1)
        for period in range(1, per_year + 1)
        if (year, period) <= (last_year, last_period)
    ]
