"""Parsing and normalising what people type: identifiers, contacts, dates, booleans.

Each function returns the stored (normalised) form or raises `InvalidValue` with an
Italian message that says what is wrong. Empty input is the caller's business.
"""

from __future__ import annotations

import re
from datetime import date

from desdesk.domain.errors import InvalidValue
from desdesk.i18n import _

_DATE_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_TRUE = {"si", "sì", "s", "x", "vero", "true", "yes", "y", "1"}
_FALSE = {"", "no", "n", "falso", "false", "0"}


def _compact_identifier(value: str) -> str:
    text = re.sub(r"[\s.\-/]", "", value).upper()
    return text[2:] if text.startswith("IT") and len(text) in (13, 18) else text


def normalize_tax_code(value: str) -> str:
    """A codice fiscale: 16 characters (person) or 11 digits (organisation).

    An organisation's code is checked like a partita IVA (check digit only): an unusual
    office code is for `vat_number_warning`, not a reason to refuse it.
    """
    text = _compact_identifier(value)
    if len(text) not in (11, 16):
        raise InvalidValue(
            _(
                "Il codice fiscale deve avere 16 caratteri (persona) o 11 cifre (ente): “{value}” ne ha {n}."
            ).format(value=value.strip(), n=len(text))
        )
    if len(text) == 11:
        if not _ascii_digits(text):
            raise InvalidValue(
                _(
                    "Codice fiscale “{value}” non valido: quello di un ente ha 11 cifre, senza lettere."
                ).format(value=value.strip())
            )
        if not _check_digit_matches(text):
            raise InvalidValue(
                _(
                    "Codice fiscale “{value}” non valido: la cifra di controllo non corrisponde."
                ).format(value=value.strip())
            )
        return text
    from stdnum.exceptions import ValidationError
    from stdnum.it import codicefiscale

    try:
        return str(codicefiscale.validate(text))
    except ValidationError:
        raise InvalidValue(
            _(
                "Codice fiscale “{value}” non valido: il carattere di controllo non corrisponde."
            ).format(value=value.strip())
        ) from None


def _ascii_digits(text: str) -> bool:
    """Only 0-9: `isdigit()` also says yes to other scripts' digits (and to `²`)."""
    return text.isascii() and text.isdigit()


def _check_digit_matches(digits: str) -> bool:
    """The last of 11 digits is the Luhn check digit of the others (P.IVA, CF of an ente)."""
    from stdnum import luhn

    return bool(luhn.is_valid(digits))


def vat_number_warning(compact: str, field: str = "vat_number") -> str | None:
    """A note for 11 digits whose office code (digits 8-10) is unusual; None if ordinary.

    `field` is where the number was typed: "vat_number" (partita IVA) or "tax_code" (the
    codice fiscale of an ente, 11 digits like a P.IVA); any other field has no such note.
    """
    if field not in ("vat_number", "tax_code") or not (len(compact) == 11 and compact.isdigit()):
        return None
    from stdnum.exceptions import ValidationError
    from stdnum.it import iva

    try:
        iva.validate(compact)
    except ValidationError:
        if field == "tax_code":
            return _(
                "Il codice fiscale {value} ha un codice ufficio insolito: controllalo."
            ).format(value=compact)
        return _("La partita IVA {value} ha un codice ufficio insolito: controllala.").format(
            value=compact
        )
    return None


def normalize_vat_number(value: str) -> str:
    """A partita IVA: 11 digits with a check digit; an unusual office code is accepted."""
    text = _compact_identifier(value)
    if not (len(text) == 11 and _ascii_digits(text)):
        raise InvalidValue(
            _("La partita IVA “{value}” non ha 11 cifre.").format(value=value.strip())
        )
    if not _check_digit_matches(text):
        raise InvalidValue(
            _("Partita IVA “{value}” non valida: la cifra di controllo non corrisponde.").format(
                value=value.strip()
            )
        )
    return text


def normalize_email(value: str) -> str:
    """Syntax check only (no network): returns the normalised address."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidValue(
            _("Indirizzo e-mail “{value}” non valido.").format(value=value.strip())
        ) from None


def normalize_phone(value: str) -> str:
    """Italian numbers without prefix are accepted; foreign ones need `+` and country code."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "IT")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidValue(
            _("Numero di telefono “{value}” non valido (per l'estero usa il prefisso +).").format(
                value=value.strip()
            )
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_date(value: str) -> date:
    """`26/11/2026`, `6/1/2026`, `26.11.2026` or ISO `2026-11-26`."""
    match = _DATE_DMY.match(value)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        match = _DATE_ISO.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        raise InvalidValue(_("La data “{value}” non esiste.").format(value=value.strip())) from None
    raise InvalidValue(
        _("Data “{value}” non riconosciuta: scrivila come GG/MM/AAAA.").format(value=value.strip())
    )


def parse_bool(value: str) -> bool:
    """sì/si/x/vero/true/1 and no/falso/false/0; empty means no."""
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise InvalidValue(
        _("Valore “{value}” non riconosciuto: scrivi sì oppure no.").format(value=value.strip())
    )


def normalize_postcode(value: str) -> str:
    text = value.strip()
    # [0-9], not \d: Arabic-Indic or full-width digits match \d but are no CAP.
    if not re.fullmatch(r"[0-9]{5}", text):
        raise InvalidValue(_("Il CAP deve avere 5 cifre: “{value}”.").format(value=text))
    return text


def normalize_province(value: str) -> str:
    text = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise InvalidValue(
            _("La provincia va scritta con la sigla di 2 lettere (es. TN): “{value}”.").format(
                value=value.strip()
            )
        )
    return text


def normalize_website(value: str) -> str:
    text = value.strip()
    if " " in text or "." not in text:
        raise InvalidValue(_("Indirizzo web “{value}” non valido.").format(value=text))
    return text
