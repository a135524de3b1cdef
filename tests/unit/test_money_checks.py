"""The years and funding sources every money service checks the same way."""

from __future__ import annotations

from datetime import date

from desdesk.domain.money_checks import (
    FIRST_YEAR,
    LAST_YEAR,
    default_day,
    source_problem,
    year_bounds,
    year_problem,
)
from desdesk.domain.money_enums import FundingSource


def test_the_accepted_years_are_one_range() -> None:
    assert year_problem(FIRST_YEAR) is None and year_problem(LAST_YEAR) is None
    problem = year_problem(FIRST_YEAR - 1, "anno")
    assert problem is not None and problem.field == "anno"
    assert problem.message == "L'anno 1989 non è valido: scrivi un anno tra 1990 e 2200."
    assert year_problem(LAST_YEAR + 1) is not None


def test_a_funding_source_is_one_of_the_enum() -> None:
    assert all(source_problem(s.value, "source") is None for s in FundingSource)
    problem = source_problem("banca", "default_source")
    assert problem is not None and problem.field == "default_source"
    assert problem.message == "“banca” non è una fonte di finanziamento."


def test_year_bounds_and_the_nearest_day() -> None:
    assert year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))
    today = date(2026, 5, 4)
    assert default_day(None, today) == today
    assert default_day(2026, today) == today
    assert default_day(2025, today) == date(2025, 12, 31)
    assert default_day(2027, today) == date(2027, 1, 1)
