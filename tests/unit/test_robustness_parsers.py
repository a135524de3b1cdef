"""Arbitrary text to every parser (issue 7, point 6): each input is accepted, and then
its stored form reads back as itself, or refused with an Italian message; nothing else
ever comes out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desdesk.domain import money, values
from desdesk.domain.errors import InvalidValue
from desdesk.i18n import format_date, format_money
from tests.durability.checks import assert_user_message, is_desdesk_text

SETTINGS = settings(max_examples=100, deadline=None)

# Arbitrary text, and text shaped like what each parser expects (so that many inputs
# get past the first check and exercise the later ones).
ANY = st.text()
SEPARATORS = st.sampled_from(["", " ", ".", "-", "/", "  "])
TAX_CODE_LIKE = st.one_of(
    st.from_regex(r"\A(IT)?[0-9 .]{9,13}\Z"),
    st.from_regex(
        r"\A[A-Za-z]{6}[0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{3}[A-Za-z]\Z"
    ),
    st.builds(lambda code, sep: sep.join(code), st.from_regex(r"\A[0-9]{11}\Z"), SEPARATORS),
)
PHONE_LIKE = st.from_regex(r"\A\+?[0-9 ()./-]{3,20}\Z")
EMAIL_LIKE = st.from_regex(r"\A[^@\s]{1,20}@[^@\s]{1,20}(\.[a-z]{2,4})?\Z")
DATE_LIKE = st.from_regex(r"\A\s*[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}\s*\Z")
MONEY_LIKE = st.from_regex(r"\A[€+\-− ]{0,2}[0-9.,' ]{1,20}[€\- ]{0,2}\Z")

Parser = Callable[[str], Any]
PARSERS: dict[str, tuple[Parser, st.SearchStrategy[str]]] = {
    "codice_fiscale": (values.normalize_tax_code, TAX_CODE_LIKE),
    "partita_iva": (values.normalize_vat_number, TAX_CODE_LIKE),
    "telefono": (values.normalize_phone, PHONE_LIKE),
    "email": (values.normalize_email, EMAIL_LIKE),
    "data": (values.parse_date, DATE_LIKE),
    "importo": (money.parse_money, MONEY_LIKE),
    "importo_positivo": (money.parse_positive_money, MONEY_LIKE),
    "sì_no": (values.parse_bool, st.sampled_from(["sì", "SI", " x ", "No", "forse"])),
    "cap": (values.normalize_postcode, st.from_regex(r"\A\s*[0-9]{4,6}\s*\Z")),
    "provincia": (values.normalize_province, st.from_regex(r"\A\s*[A-Za-z]{1,3}\s*\Z")),
    "sito_web": (values.normalize_website, st.from_regex(r"\A[a-z.: /]{1,30}\Z")),
}


def parse_or_refuse(parser: Parser, text: str) -> Any:
    """The parsed value, or None after checking the refusal is a message for the user."""
    try:
        return parser(text)
    except InvalidValue as refused:
        assert_user_message(refused)
        return None


@pytest.mark.parametrize("name", list(PARSERS))
def test_every_parser_accepts_or_refuses_with_a_message(name: str) -> None:
    parser, shaped = PARSERS[name]

    @SETTINGS
    @given(st.one_of(ANY, shaped))
    @example("")
    @example("   ")
    @example("\x00")
    @example("١٢٣٤٥")  # Arabic-Indic digits: str.isdigit() says yes, int() too
    def check(text: str) -> None:
        parse_or_refuse(parser, text)

    check()


NORMALISERS = ["codice_fiscale", "partita_iva", "telefono", "email", "cap", "provincia"]


@pytest.mark.parametrize("name", NORMALISERS)
def test_a_stored_form_is_accepted_again_unchanged(name: str) -> None:
    """What is stored must pass the same check when the record is saved again."""
    parser, shaped = PARSERS[name]

    @SETTINGS
    @given(shaped)
    def check(text: str) -> None:
        stored = parse_or_refuse(parser, text)
        if stored is not None:
            assert parser(stored) == stored

    check()


@SETTINGS
@given(st.dates())
def test_every_date_reads_back_as_it_is_written(day: date) -> None:
    assert values.parse_date(format_date(day)) == day
    assert values.parse_date(day.isoformat()) == day


@SETTINGS
@given(st.one_of(ANY, DATE_LIKE))
def test_an_accepted_date_is_written_and_read_back_the_same(text: str) -> None:
    day = parse_or_refuse(values.parse_date, text)
    if day is not None:
        assert values.parse_date(format_date(day)) == day


@SETTINGS
@given(st.decimals(min_value=-(10**12) + 1, max_value=10**12 - 1, places=2))
def test_every_amount_reads_back_as_it_is_written(amount: Decimal) -> None:
    assert money.parse_money(format_money(amount)) == amount


@SETTINGS
@given(st.one_of(ANY, MONEY_LIKE))
def test_an_accepted_amount_has_cents_and_reads_back(text: str) -> None:
    amount = parse_or_refuse(money.parse_money, text)
    if amount is not None:
        assert amount == amount.quantize(money.CENT)
        assert money.parse_money(format_money(amount)) == amount


IDENTIFIERS = ["codice_fiscale", "partita_iva", "cap", "provincia"]


@pytest.mark.parametrize("name", IDENTIFIERS)
def test_a_stored_identifier_is_plain_ascii(name: str) -> None:
    """Other scripts' digits (Arabic-Indic, full-width) pass `\\d` and `isdigit()`: an
    identifier made of them would be stored and then match nothing anywhere."""
    parser, shaped = PARSERS[name]

    @SETTINGS
    @given(st.one_of(ANY, shaped))
    @example("٣٨٠٦٨")  # a CAP in Arabic-Indic digits
    @example("３８０６８")  # and in full-width digits
    def check(text: str) -> None:
        stored = parse_or_refuse(parser, text)
        if stored is not None:
            assert stored.isascii() and stored.isalnum(), stored

    check()


def test_other_scripts_digits_are_refused_as_not_digits() -> None:
    arabic = "".join(chr(0x660 + int(c)) for c in "00743110157")
    with pytest.raises(InvalidValue, match="11 cifre, senza lettere"):
        values.normalize_tax_code(arabic)
    with pytest.raises(InvalidValue, match="non ha 11 cifre"):
        values.normalize_vat_number(arabic)
    with pytest.raises(InvalidValue, match="Il CAP deve avere 5 cifre"):
        values.normalize_postcode("٣٨٠٦٨")


def test_the_message_check_knows_desdesks_texts_from_python_ones() -> None:
    assert is_desdesk_text("Il CAP deve avere 5 cifre: “3806”.")
    assert is_desdesk_text("Il nome è obbligatorio.; Ruolo nella filiera sconosciuto.")
    assert not is_desdesk_text("invalid literal for int() with base 10: 'x'")
    assert not is_desdesk_text("[<class 'decimal.InvalidOperation'>]")
