"""Text normalisation used to match what people type against codes and labels."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-._'’/]+")


def strip_accents(text: str) -> str:
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
