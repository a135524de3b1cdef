"""Indicator periods: bounds, labels, the period of a day, the periods up to a day."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from desdesk.domain.indicator_periods import (
    period_bounds,
    period_label,
    period_of,
    periods_until,
)
from desdesk.domain.money_enums import Frequency

Q, H, Y = Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY


@pytest.mark.parametrize(
    ("frequency", "period", "first", "last"),
    [
        (Q, 1, date(2026, 1, 1), date(2026, 3, 31)),
        (Q, 2, date(2026, 4, 1), date(2026, 6, 30)),
        (Q, 3, date(2026, 7, 1), date(2026, 9, 30)),
        (Q, 4, date(2026, 10, 1), date(2026, 12, 31)),
        (H, 1, date(2026, 1, 1), date(2026, 6, 30)),
        (H, 2, date(2026, 7, 1), date(2026, 12, 31)),
        (Y, 1, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_bounds(frequency: Frequency, period: int, first: date, last: date) -> None:
    assert period_bounds(frequency, 2026, period) == (first, last)


def test_a_leap_year_first_quarter_and_half_end_on_the_right_day() -> None:
    assert period_bounds(Q, 2028, 1) == (date(2028, 1, 1), date(2028, 3, 31))
    assert period_of(Q, date(2028, 2, 29)) == (2028, 1)
    assert period_of(H, date(2028, 2, 29)) == (2028, 1)
    assert period_of(Y, date(2028, 2, 29)) == (2028, 1)


@pytest.mark.parametrize("frequency", [Q, H, Y])
@pytest.mark.parametrize("period", [0, 5, -1])
def test_a_period_the_frequency_does_not_have_is_refused(frequency: Frequency, period: int) -> None:
    with pytest.raises(ValueError):
        period_bounds(frequency, 2026, period)
    with pytest.raises(ValueError):
        period_label(frequency, 2026, period)


def test_half_year_has_no_third_period() -> None:
    with pytest.raises(ValueError):
        period_bounds(H, 2026, 3)
    with pytest.raises(ValueError):
        period_bounds(Y, 2026, 2)


@pytest.mark.parametrize(
    ("frequency", "day", "expected"),
    [
        (Q, date(2026, 12, 31), (2026, 4)),
        (Q, date(2027, 1, 1), (2027, 1)),
        (Q, date(2026, 3, 31), (2026, 1)),
        (Q, date(2026, 4, 1), (2026, 2)),
        (H, date(2026, 6, 30), (2026, 1)),
        (H, date(2026, 7, 1), (2026, 2)),
        (H, date(2026, 12, 31), (2026, 2)),
        (Y, date(2026, 12, 31), (2026, 1)),
        (Y, date(2027, 1, 1), (2027, 1)),
    ],
)
def test_period_of_a_day(frequency: Frequency, day: date, expected: tuple[int, int]) -> None:
    assert period_of(frequency, day) == expected
    first, last = period_bounds(frequency, *expected)
    assert first <= day <= last


def test_labels() -> None:
    assert period_label(Q, 2026, 3) == "T3 2026"
    assert period_label(H, 2026, 2) == "S2 2026"
    assert period_label(Y, 2026, 1) == "2026"


def test_periods_until_a_day_cross_the_year_end() -> None:
    assert periods_until(Q, 2025, date(2026, 1, 1)) == [
        (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1),
    ]  # fmt: skip
    assert periods_until(H, 2025, date(2026, 12, 31)) == [
        (2025, 1), (2025, 2), (2026, 1), (2026, 2),
    ]  # fmt: skip
    assert periods_until(Y, 2024, date(2026, 6, 1)) == [(2024, 1), (2025, 1), (2026, 1)]
    assert periods_until(Q, 2026, date(2025, 12, 31)) == []


def test_periods_tile_the_year_without_gaps() -> None:
    for frequency in Frequency:
        days = []
        for period in range(1, frequency.periods_per_year + 1):
            first, last = period_bounds(frequency, 2028, period)
            days.append((first, last))
        assert days[0][0] == date(2028, 1, 1)
        assert days[-1][1] == date(2028, 12, 31)
        for (_f, last), (first, _l) in itertools.pairwise(days):
            assert (first - last).days == 1
