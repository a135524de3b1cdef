"""Text normalisation used to match what people type against codes and labels."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-._'’/]+")


def _latin_table() -> dict[int, str]:
    """À→A, ç→c, ... for the Latin-1 and Latin Extended-A letters (what Italian uses)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if base != chr(code):
            table[code] = base
    return table


_LATIN = _latin_table()


def strip_accents(text: str) -> str:
    """Remove accents. Fast paths first: search keys are built for thousands of rows."""
    if text.isascii():
        return text
    text = text.translate(_LATIN)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """A key that ignores case, accents, spaces, hyphens, dots, apostrophes and underscores.

    `"E-mail"`, `"email"` and `"E_MAIL"` give the same key, as do `"Comunità"` and
    `"comunita"`.
    """
    return _SEPARATORS.sub("", strip_accents(text).casefold())


def search_key(text: str) -> str:
    """Lower case without accents, spaces kept: what search-as-you-type compares."""
    return strip_accents(text).casefold()
