"""What the money code shares about years and funding sources: the years a budget may
speak of, a year's first and last day, and the checks (each returns the problem to
report, or None).
"""

from __future__ import annotations

from datetime import date

from desdesk.domain.errors import FieldProblem
from desdesk.domain.money_enums import FundingSource
from desdesk.i18n import _

# Years outside this range are typing mistakes (the law on DES is of 2010).
FIRST_YEAR = 1990
LAST_YEAR = 2200


def year_bounds(year: int) -> tuple[date, date]:
    """1 January and 31 December of `year`."""
    return date(year, 1, 1), date(year, 12, 31)


def default_day(year: int | None, today: date) -> date:
    """Today, or the nearest day of `year` when today is in another year (31 December
    of an earlier year, 1 January of a later one)."""
    if year is None or year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


def year_problem(year: int, field: str = "year") -> FieldProblem | None:
    """Why `year` cannot be a budget year, or None when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    message = _("L'anno {year} non è valido: scrivi un anno tra {first} e {last}.")
    return FieldProblem(field, message.format(year=year, first=FIRST_YEAR, last=LAST_YEAR))


def source_problem(source: str, field: str) -> FieldProblem | None:
    """Why `source` (a FundingSource value) is not a funding source, or None."""
    if source in {s.value for s in FundingSource}:
        return None
    message = _("“{source}” non è una fonte di finanziamento.")
    return FieldProblem(field, message.format(source=source))
