"""desdesk.domain.values: what people type, normalised or refused with an Italian reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from desdesk.domain import values
from desdesk.domain.errors import InvalidValue
from desdesk.i18n import format_date
from tests.factories import UNUSUAL_OFFICE_VAT, VALID_ORG_CODES, VALID_PERSON_CODE

# codice fiscale


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (VALID_PERSON_CODE, VALID_PERSON_CODE),
        (VALID_PERSON_CODE.lower(), VALID_PERSON_CODE),
        ("RSS MRA 85T10 A562S", VALID_PERSON_CODE),
        ("  rssmra85t10a562s  ", VALID_PERSON_CODE),
        (VALID_ORG_CODES[0], VALID_ORG_CODES[0]),
        (f"IT{VALID_ORG_CODES[0]}", VALID_ORG_CODES[0]),
        (f"it {VALID_ORG_CODES[1]}", VALID_ORG_CODES[1]),
        ("012 345 602 23", "01234560223"),
        ("01234.560.223", "01234560223"),
    ],
)
def test_tax_code_is_stored_compact(typed: str, stored: str) -> None:
    assert values.normalize_tax_code(typed) == stored


def test_tax_code_with_wrong_check_character_is_refused_naming_it() -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_tax_code("RSSMRA85T10A562T")
    assert "RSSMRA85T10A562T" in exc.value.message
    assert "carattere di controllo" in exc.value.message


@pytest.mark.parametrize("wrong", ["00743110158", "01234560224", "01234561503"])
def test_organisation_tax_code_with_wrong_check_digit_is_refused_naming_it(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_tax_code(wrong)
    assert exc.value.message == (
        f"Codice fiscale “{wrong}” non valido: la cifra di controllo non corrisponde."
    )


# A valid Luhn check digit, office code 150 (not one the Agenzia delle Entrate uses).
UNUSUAL_OFFICE_CODE = "01234561502"


def test_organisation_tax_code_with_an_unusual_office_code_is_accepted_with_a_warning() -> None:
    assert luhn.is_valid(UNUSUAL_OFFICE_CODE)
    assert values.normalize_tax_code(UNUSUAL_OFFICE_CODE) == UNUSUAL_OFFICE_CODE
    assert values.normalize_tax_code(f"IT {UNUSUAL_OFFICE_CODE}") == UNUSUAL_OFFICE_CODE
    assert values.vat_number_warning(UNUSUAL_OFFICE_CODE, "tax_code") == (
        f"Il codice fiscale {UNUSUAL_OFFICE_CODE} ha un codice ufficio insolito: controllalo."
    )


@pytest.mark.parametrize("code", [*VALID_ORG_CODES, VALID_PERSON_CODE])
def test_ordinary_tax_codes_have_no_warning(code: str) -> None:
    assert values.vat_number_warning(values.normalize_tax_code(code), "tax_code") is None


def test_only_identifier_fields_have_an_office_code_warning() -> None:
    assert values.vat_number_warning(UNUSUAL_OFFICE_CODE, "phone") is None
    assert values.vat_number_warning(UNUSUAL_OFFICE_CODE) is not None  # a P.IVA by default


def test_organisation_tax_code_with_letters_is_refused_saying_so() -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_tax_code("0074311015A")
    assert exc.value.message == (
        "Codice fiscale “0074311015A” non valido: quello di un ente ha 11 cifre, senza lettere."
    )


@pytest.mark.parametrize(
    ("wrong", "length"),
    [("0074311015", 10), ("007431101570", 12), ("RSSMRA85T10A562", 15), ("X", 1)],
)
def test_tax_code_of_wrong_length_is_refused_with_its_length(wrong: str, length: int) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_tax_code(wrong)
    assert f"“{wrong}” ne ha {length}" in exc.value.message
    assert "16 caratteri" in exc.value.message


def test_tax_code_message_quotes_what_was_typed_not_the_compact_form() -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_tax_code("  rssmra85t10a562t ")
    assert "“rssmra85t10a562t”" in exc.value.message


# partita IVA


@pytest.mark.parametrize("code", VALID_ORG_CODES)
def test_ordinary_vat_number_is_accepted_without_warning(code: str) -> None:
    assert values.normalize_vat_number(code) == code
    assert values.vat_number_warning(code) is None


@pytest.mark.parametrize(
    "typed", [f"IT{VALID_ORG_CODES[2]}", f"it {VALID_ORG_CODES[2]}", "024 681 302 20"]
)
def test_vat_number_accepts_prefix_and_spaces(typed: str) -> None:
    assert values.normalize_vat_number(typed) == VALID_ORG_CODES[2]


def test_unusual_office_code_is_a_warning_not_a_refusal() -> None:
    assert values.normalize_vat_number(UNUSUAL_OFFICE_VAT) == UNUSUAL_OFFICE_VAT
    warning = values.vat_number_warning(UNUSUAL_OFFICE_VAT)
    assert warning is not None
    assert UNUSUAL_OFFICE_VAT in warning
    assert "codice ufficio insolito" in warning


def test_vat_number_with_wrong_check_digit_is_refused() -> None:
    wrong = VALID_ORG_CODES[0][:-1] + str((int(VALID_ORG_CODES[0][-1]) + 1) % 10)
    with pytest.raises(InvalidValue) as exc:
        values.normalize_vat_number(wrong)
    assert wrong in exc.value.message
    assert "cifra di controllo" in exc.value.message


@pytest.mark.parametrize("wrong", ["0123456022", "012345602234", "0123456022A", VALID_PERSON_CODE])
def test_vat_number_must_have_eleven_digits(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_vat_number(wrong)
    assert exc.value.message == f"La partita IVA “{wrong}” non ha 11 cifre."


@given(
    # stdnum treats an all-zero serial as invalid, so it would (rightly) warn.
    serial=st.text(alphabet="0123456789", min_size=7, max_size=7).filter(lambda s: s != "0000000"),
    prefix=st.sampled_from(["", "IT", "it", "IT "]),
)
def test_any_luhn_valid_vat_number_with_office_022_round_trips(serial: str, prefix: str) -> None:
    body = serial + "022"
    code = body + luhn.calc_check_digit(body)
    assert values.normalize_vat_number(prefix + code) == code
    assert values.vat_number_warning(code) is None


@given(body=st.text(alphabet="0123456789", min_size=10, max_size=10), digit=st.integers(0, 9))
def test_a_vat_number_is_accepted_exactly_when_its_luhn_digit_is_right(
    body: str, digit: int
) -> None:
    code = body + str(digit)
    if luhn.is_valid(code):
        assert values.normalize_vat_number(code) == code
    else:
        with pytest.raises(InvalidValue):
            values.normalize_vat_number(code)


# e-mail


def test_email_domain_case_is_normalised_local_part_kept() -> None:
    assert values.normalize_email("  Mario.Rossi@EXAMPLE.IT ") == "Mario.Rossi@example.it"


def test_pec_address_is_an_ordinary_address() -> None:
    assert values.normalize_email("coop@PEC.Legalmail.it") == "coop@pec.legalmail.it"


@pytest.mark.parametrize(
    "wrong", ["mario.rossi", "mario@", "@example.it", "mario rossi@example.it", "a@@b.it"]
)
def test_invalid_email_is_refused_naming_it(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_email(wrong)
    assert f"“{wrong}”" in exc.value.message
    assert "non valido" in exc.value.message


# phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0464 123456", "+39 0464 123456"),
        ("0464123456", "+39 0464 123456"),
        ("0461/123456", "+39 0461 123456"),
        ("3471234567", "+39 347 123 4567"),
        ("347 123 4567", "+39 347 123 4567"),
        ("+39 347 1234567", "+39 347 123 4567"),
        ("0039 347 1234567", "+39 347 123 4567"),
    ],
)
def test_italian_phone_gets_international_format(typed: str, stored: str) -> None:
    assert values.normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("+41 44 668 18 00", "+41 44 668 18 00"), ("+4369912345678", "+43 699 12345678")],
)
def test_foreign_phone_with_plus_is_accepted(typed: str, stored: str) -> None:
    assert values.normalize_phone(typed) == stored


@pytest.mark.parametrize("wrong", ["12", "abc", "telefono", "+99 123", "0464 1"])
def test_garbage_phone_is_refused_with_a_hint_about_the_prefix(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_phone(wrong)
    assert f"“{wrong}”" in exc.value.message
    assert "prefisso +" in exc.value.message


# dates


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("26/11/2026", date(2026, 11, 26)),
        ("6/1/2026", date(2026, 1, 6)),
        ("06/01/2026", date(2026, 1, 6)),
        ("26.11.2026", date(2026, 11, 26)),
        ("26-11-2026", date(2026, 11, 26)),
        ("2026-11-26", date(2026, 11, 26)),
        ("2026-11-26 00:00:00", date(2026, 11, 26)),
        (" 29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_dates_in_italian_and_iso_forms(typed: str, expected: date) -> None:
    assert values.parse_date(typed) == expected


@pytest.mark.parametrize("impossible", ["31/02/2026", "29/02/2025", "32/01/2026", "2026-02-30"])
def test_impossible_date_does_not_exist(impossible: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.parse_date(impossible)
    assert "non esiste" in exc.value.message
    assert impossible in exc.value.message


@pytest.mark.parametrize("wrong", ["2026/13/01", "26/11/26", "ieri", "", "11-2026", "2026-1-5"])
def test_unrecognised_date_asks_for_the_italian_form(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.parse_date(wrong)
    assert "GG/MM/AAAA" in exc.value.message


@given(st.dates())
def test_any_date_round_trips_through_format_date(day: date) -> None:
    assert values.parse_date(format_date(day)) == day


@given(st.dates())
def test_any_date_round_trips_through_iso(day: date) -> None:
    assert values.parse_date(day.isoformat()) == day


# booleans


@pytest.mark.parametrize(
    "yes", ["sì", "Sì", "SÌ", "si", "SI", "x", "X", " x ", "vero", "true", "1"]
)
def test_yes_values(yes: str) -> None:
    assert values.parse_bool(yes) is True


@pytest.mark.parametrize("no", ["no", "NO", "falso", "Falso", "false", "0", "", "   "])
def test_no_values_and_empty(no: str) -> None:
    assert values.parse_bool(no) is False


@pytest.mark.parametrize("wrong", ["forse", "2", "sii", "nope"])
def test_other_booleans_are_refused(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.parse_bool(wrong)
    assert f"“{wrong}”" in exc.value.message
    assert "sì oppure no" in exc.value.message


# CAP and provincia


def test_postcode_has_five_digits() -> None:
    assert values.normalize_postcode(" 38068 ") == "38068"
    assert values.normalize_postcode("00100") == "00100"


@pytest.mark.parametrize("wrong", ["3806", "380680", "38O68", "38 068"])
def test_postcode_of_other_shape_is_refused(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_postcode(wrong)
    assert "5 cifre" in exc.value.message


def test_province_is_two_letters_upper_case() -> None:
    assert values.normalize_province(" tn ") == "TN"
    assert values.normalize_province("Bz") == "BZ"


@pytest.mark.parametrize("wrong", ["Trento", "T", "T1", "TNN"])
def test_province_of_other_shape_is_refused(wrong: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        values.normalize_province(wrong)
    assert "sigla di 2 lettere" in exc.value.message
    assert wrong in exc.value.message


def test_website_needs_a_dot_and_no_spaces() -> None:
    assert values.normalize_website(" www.example.it ") == "www.example.it"
    for wrong in ("localhost", "www.example .it"):
        with pytest.raises(InvalidValue):
            values.normalize_website(wrong)
