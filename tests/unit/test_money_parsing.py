"""Money as typed and shown: parse_money and format_money round trip, bad text refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desdesk.domain.errors import InvalidValue
from desdesk.domain.money import parse_money, parse_positive_money, percent, to_cents
from desdesk.i18n import format_money, set_language

# From minus ten billion to ten billion euros, in cents.
cents = st.integers(min_value=-(10**12), max_value=10**12).map(lambda c: Decimal(c) / 100)


@given(cents)
def test_italian_round_trip(amount: Decimal) -> None:
    set_language("it")
    text = format_money(amount)
    assert parse_money(text) == amount
    assert parse_money(text, "it") == amount


@given(cents)
def test_english_round_trip(amount: Decimal) -> None:
    set_language("en")
    try:
        text = format_money(amount)
        assert parse_money(text) == amount
        assert parse_money(text, "en") == amount
    finally:
        set_language("it")


@given(st.text())
def test_any_text_is_an_amount_or_refused_with_a_reason(text: str) -> None:
    for language in ("it", "en"):
        try:
            amount = parse_money(text, language)
        except InvalidValue as refused:
            assert refused.message
        else:
            assert amount == to_cents(amount)


@given(st.text(alphabet="0123456789.,-+€ '\u00a0", max_size=40))
def test_digit_soup_is_an_amount_or_refused(text: str) -> None:
    for language in ("it", "en"):
        try:
            amount = parse_money(text, language)
        except InvalidValue as refused:
            assert text.strip() in refused.message or not text.strip()
        else:
            # Accepted: exact cents, and written back the same way it reads the same.
            assert amount == to_cents(amount)
            assert parse_money(_written(amount, language), language) == amount


def _written(amount: Decimal, language: str) -> str:
    set_language(language)
    try:
        return format_money(amount)
    finally:
        set_language("it")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,5", "1234.50"),
        ("-12,00", "-12.00"),
        ("€ 1.234,56", "1234.56"),
        ("1.234,56 €", "1234.56"),
        ("12,00-", "-12.00"),
        ("+7", "7.00"),
        ("1'234,56", "1234.56"),
        ("0,01", "0.01"),
    ],
)
def test_what_a_secretary_types(text: str, expected: str) -> None:
    assert parse_money(text, "it") == Decimal(expected)


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.23,4", "1,234", "12,345", "1.2", "--5", "€"])
def test_refused_with_the_input_quoted(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(text, "it")
    assert "non è un importo valido" in refused.value.message
    assert f"“{text.strip()}”" in refused.value.message


def test_english_separators() -> None:
    assert parse_money("1,234.56", "en") == Decimal("1234.56")
    assert parse_money("€1,234.56", "en") == Decimal("1234.56")
    with pytest.raises(InvalidValue):
        parse_money("1.234,56", "en")


def test_positive_amounts_only() -> None:
    assert parse_positive_money("0,01", "it") == Decimal("0.01")
    for text in ("0", "-5,00", "0,00"):
        with pytest.raises(InvalidValue) as refused:
            parse_positive_money(text, "it")
        assert "maggiore di zero" in refused.value.message


def test_cents_round_half_to_even_and_percent() -> None:
    assert to_cents(Decimal("0.125")) == Decimal("0.12")
    assert to_cents(Decimal("0.135")) == Decimal("0.14")
    assert percent(Decimal(1), Decimal(3)) == Decimal("33.3")
    assert percent(Decimal(5), Decimal(0)) is None


def test_absurdly_large_amounts_are_refused() -> None:
    assert parse_money("999.999.999.999,99", "it") == Decimal("999999999999.99")
    for text in ("1.000.000.000.000", "100000000000000000000000000", "9" * 40):
        with pytest.raises(InvalidValue) as refused:
            parse_money(text, "it")
        assert "troppo grande" in refused.value.message
