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
    """A codice fiscale: 16 characters (person) or 11 digits (organisation)."""
    from stdnum.exceptions import ValidationError
    from stdnum.it import codicefiscale

    text = _compact_identifier(value)
    if len(text) not in (11, 16):
        raise InvalidValue(
            _(
                "Il codice fiscale deve avere 16 caratteri (persona) o 11 cifre (ente): “{value}” ne ha {n}."
            ).format(value=value.strip(), n=len(text))
        )
    try:
        return str(codicefiscale.validate(text))
    except ValidationError:
        raise InvalidValue(
            _(
                "Codice fiscale “{value}” non valido: il carattere di controllo non corrisponde."
            ).format(value=value.strip())
        ) from None


def vat_number_warning(compact: str) -> str | None:
    """A note for a P.IVA whose office code (digits 8-10) is unusual; None if ordinary."""
    from stdnum.exceptions import ValidationError
    from stdnum.it import iva

    try:
        iva.validate(compact)
    except ValidationError:
        return _("La partita IVA {value} ha un codice ufficio insolito: controllala.").format(
            value=compact
        )
    return None


def normalize_vat_number(value: str) -> str:
    """A partita IVA: 11 digits with a check digit; an unusual office code is accepted."""
    from stdnum import luhn

    text = _compact_identifier(value)
    if not (len(text) == 11 and text.isdigit()):
        raise InvalidValue(
            _("La partita IVA deve avere 11 cifre: “{value}” non le ha.").format(
                value=value.strip()
            )
        )
    if not luhn.is_valid(text):
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
    if not re.fullmatch(r"\d{5}", text):
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
