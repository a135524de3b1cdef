"""The English catalogue is complete and well-formed; formatting follows the language.

The completeness test extracts the messages from the source exactly as `make po` does
(same mapping file, same keywords), so a string added without its English translation
fails here with the list of what is missing: run `make po` and translate the new entries.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from desdesk import i18n
from desdesk.domain.enums import ReferentKind, Sector
from desdesk.domain.legal_forms import by_code
from desdesk.i18n import _, format_date, format_money, ngettext, parse_decimal, set_language

REPO = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO / "desdesk"
MAPPING = REPO / "babel.cfg"
PO_FILE = REPO / "resources" / "locale" / "en" / "LC_MESSAGES" / "desdesk.po"
# The same keywords as `pybabel extract -k _ -k N_ -k ngettext:1,2` in the Makefile.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}

MsgId = str | tuple[str, ...]


def _extracted() -> dict[MsgId, str]:
    """Every message id in the source, with the first place it appears."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    found: dict[MsgId, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE_DIR), method_map, options_map, keywords=KEYWORDS
    ):
        found.setdefault(message, f"desdesk/{filename}:{lineno}")
    return found


def _catalogue() -> Catalog:
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="en", domain="desdesk")


def _entries(catalogue: Catalog) -> Iterator[Message]:
    return (message for message in catalogue if message.id)


def _forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A singular text or the plural forms, as a tuple of strings."""
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value or "",)


def _is_translated(message: Message) -> bool:
    forms = _forms(message.string)
    return not message.fuzzy and all(form.strip() for form in forms)


@pytest.fixture(scope="module")
def extracted() -> dict[MsgId, str]:
    return _extracted()


@pytest.fixture(scope="module")
def catalogue() -> Catalog:
    return _catalogue()


def test_the_source_has_messages(extracted: dict[MsgId, str]) -> None:
    assert len(extracted) > 100
    assert "Aderenti" in extracted


def test_every_source_message_has_an_english_translation(
    extracted: dict[MsgId, str], catalogue: Catalog
) -> None:
    missing = []
    for msgid, where in extracted.items():
        message = catalogue.get(msgid)
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        if message is None:
            missing.append(f"{where}: not in the catalogue: {singular!r}")
        elif message.pluralizable != isinstance(msgid, tuple):
            missing.append(f"{where}: singular/plural differs from the catalogue: {singular!r}")
        elif isinstance(msgid, tuple) and message.id != msgid:
            missing.append(f"{where}: plural differs from the catalogue: {msgid[1]!r}")
        elif not _is_translated(message):
            state = "fuzzy" if message.fuzzy else "untranslated"
            missing.append(f"{where}: {state}: {singular!r}")
    assert not missing, (
        f"{len(missing)} message(s) lack an English translation; run `make po` and "
        f"translate them in {PO_FILE.relative_to(REPO)}:\n" + "\n".join(missing)
    )


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_TAG = re.compile(r"<[^>]+>")
_MNEMONIC = re.compile(r"&(?!&)\w")


def _fields(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def _shape(text: str) -> tuple[set[str], list[str], list[str], int]:
    """What a translation must keep: brace fields, %-specifiers, HTML tags, mnemonics."""
    return (
        _fields(text),
        sorted(_PERCENT.findall(text)),
        sorted(_TAG.findall(text)),
        len(_MNEMONIC.findall(text.replace("&&", ""))),
    )


def test_translations_keep_placeholders_markup_and_mnemonics(catalogue: Catalog) -> None:
    wrong = []
    for message in _entries(catalogue):
        ids = _forms(message.id)
        for index, form in enumerate(_forms(message.string)):
            if not form:
                continue  # reported by the completeness test
            source = ids[min(index, len(ids) - 1)]
            if _shape(form) != _shape(source):
                wrong.append(f"{source!r} -> {form!r}")
    assert not wrong, "translations that change placeholders or markup:\n" + "\n".join(wrong)


def test_catalogue_header_is_english_with_plural_forms(catalogue: Catalog) -> None:
    assert str(catalogue.locale) == "en"
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"


def test_switching_language_translates_messages() -> None:
    assert _("Aderenti") == "Aderenti"
    set_language("en")
    assert i18n.current_language() == "en"
    assert _("Aderenti") == "Members"
    assert _("Pagina {page} di {total}").format(page=1, total=3) == "Page 1 of 3"
    assert (
        ngettext("Importato {n} aderente.", "Importati {n} aderenti.", 1) == "Imported {n} member."
    )
    assert ngettext("Importato {n} aderente.", "Importati {n} aderenti.", 2) == (
        "Imported {n} members."
    )
    set_language("it")
    assert _("Aderenti") == "Aderenti"
    assert ngettext("Importato {n} aderente.", "Importati {n} aderenti.", 2) == (
        "Importati {n} aderenti."
    )


def test_enum_labels_follow_the_language() -> None:
    assert Sector(1).label() == "Prodotti agricoli e agroalimentari biologici e biodinamici"
    assert ReferentKind.PRIMARY.label() == "Referente titolare"
    assert by_code("aps").label == "Associazione di promozione sociale (APS)"
    set_language("en")
    assert Sector(1).label() == "Organic and biodynamic farm and food products"
    assert Sector(11).label() == "Free software"
    assert ReferentKind.PRIMARY.label() == "Primary representative"
    assert ReferentKind.SUBSTITUTE.label() == "Substitute"
    assert by_code("aps").label == "Social promotion association (APS)"
    assert by_code("societa_di_capitali").label == "Limited company (SRL, SPA)"
    assert by_code("cooperativa_sociale_a").label == "Type A social cooperative"
    set_language("it")
    assert ReferentKind.PRIMARY.label() == "Referente titolare"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        set_language("fr")
    assert i18n.current_language() == "it"


@pytest.mark.parametrize("language", ["it", "en"])
def test_dates_are_day_month_year_in_both_languages(language: str) -> None:
    set_language(language)
    assert format_date(date(2026, 11, 26)) == "26/11/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(("language", "expected"), [("it", "1.234,56\xa0€"), ("en", "€1,234.56")])
def test_money_follows_the_language(language: str, expected: str) -> None:
    set_language(language)
    assert format_money(Decimal("1234.56")) == expected
    assert format_money(None) == ""


@pytest.mark.parametrize(("language", "typed"), [("it", "1.234,5"), ("en", "1,234.5")])
def test_numbers_are_read_the_local_way(language: str, typed: str) -> None:
    set_language(language)
    assert parse_decimal(typed) == Decimal("1234.5")
    assert parse_decimal(f" {typed} ") == Decimal("1234.5")


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("garbage", ["abc", "", "1,2,3", "12 kg"])
def test_garbage_numbers_raise_value_error(language: str, garbage: str) -> None:
    set_language(language)
    with pytest.raises(ValueError):
        parse_decimal(garbage)


def test_the_other_languages_separators_are_refused() -> None:
    set_language("en")
    with pytest.raises(ValueError):
        parse_decimal("1.234,5")
