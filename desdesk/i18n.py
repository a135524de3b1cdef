"""Languages: Italian first, English second.

Message ids in the source are the Italian texts, so Italian needs no catalogue and can
never show a missing translation; `resources/locale/en/LC_MESSAGES/desdesk.po` holds the
English ones. The catalogue is compiled in memory with Babel when English is chosen, so
no generated `.mo` file is kept in the repository.

Dates and money are formatted with Babel for the current language.
"""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from desdesk import paths

log = logging.getLogger(__name__)

DOMAIN = "desdesk"
DEFAULT_LANGUAGE = "it"
LANGUAGE_NAMES = {"it": "Italiano", "en": "English"}
_LOCALES = {"it": "it_IT", "en": "en_GB"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it now (module-level tables)."""
    return message


def current_language() -> str:
    return _language


def babel_locale() -> str:
    return _LOCALES[_language]


def _load_catalogue(language: str) -> gettext.NullTranslations:
    po_file = paths.locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    except (OSError, ValueError) as exc:
        log.warning("Catalogue for %s not loaded: %s", language, exc)
        return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch the language of every message from now on, and tell the listeners."""
    global _translations, _language
    if language not in LANGUAGE_NAMES:
        raise ValueError(f"unsupported language: {language}")
    _translations = (
        gettext.NullTranslations() if language == DEFAULT_LANGUAGE else _load_catalogue(language)
    )
    _language = language
    for listener in list(_listeners):
        listener(language)


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def format_date(value: date | datetime | None) -> str:
    """`26/11/2026` in Italian, `26/11/2026` in British English too; empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    # Not strftime("%Y"): it does not pad years before 1000 on every platform, and
    # `parse_date` needs four digits to read the text back.
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_money(amount: Decimal | int | None) -> str:
    """`1.234,56 €` in Italian, `€1,234.56` in English."""
    if amount is None:
        return ""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=babel_locale())


def format_number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale())


def parse_decimal(text: str) -> Decimal:
    """A number typed the local way (`1.234,5` in Italian); raises ValueError."""
    from babel.numbers import NumberFormatError
    from babel.numbers import parse_decimal as babel_parse

    try:
        return babel_parse(text.strip().replace(" ", ""), locale=babel_locale(), strict=True)
    except NumberFormatError as exc:
        raise ValueError(text) from exc
