"""Fictional but valid identifiers and contacts, already in their stored (normalised) form.

Codici fiscali and partite IVA of organisations: a 7-digit serial, the office code 022
(Trento) and a Luhn check digit, so `stdnum.it.iva` accepts them. Phones are written as
`desdesk.domain.values.normalize_phone` writes them; e-mail domains are subdomains of
example.it, websites too.
"""

from __future__ import annotations

import random
import re

from stdnum import luhn

from desdesk.domain.text import strip_accents
from desdesk.services.demo.archetypes import IdScheme

TRENTO_OFFICE = "022"
MOBILE_PREFIXES = (
    "320", "328", "329", "333", "335", "338", "339", "340", "342", "345", "347", "348",
    "349", "366", "371", "380", "389", "392",
)  # fmt: skip
DOMAIN = "example.it"
_NOT_IN_SLUG = frozenset((
    "di", "del", "della", "dei", "delle", "degli", "il", "la", "le", "lo", "l", "i", "e",
    "ed", "c", "sas", "snc", "srl", "spa", "sb", "onlus", "ets",
))  # fmt: skip


class Identifiers:
    """Hands out codici fiscali, partite IVA, e-mail domains: each one only once."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._serials: set[int] = set()
        self._slugs: set[str] = set()

    def codes(self, scheme: IdScheme) -> tuple[str, str]:
        """(codice fiscale, partita IVA) for an organisation; the P.IVA may be empty."""
        if scheme is IdScheme.COMPANY:
            code = self._number(100_000, 2_500_000)
            return code, code
        if scheme is IdScheme.PUBLIC:
            code = self._number(10_000, 100_000)
            return code, code if self._rng.random() < 0.7 else ""
        code = self._number(9_000_000, 10_000_000)
        vat = self._number(100_000, 2_500_000) if self._rng.random() < 0.25 else ""
        return code, vat

    def domain(self, name: str) -> str:
        """A fictional web domain for an organisation, unique in the district."""
        base = slug(name)[:40].strip("-") or "ente"
        candidate, n = base, 1
        while candidate in self._slugs:
            n += 1
            candidate = f"{base}-{n}"
        self._slugs.add(candidate)
        return f"{candidate}.{DOMAIN}"

    def _number(self, low: int, high: int) -> str:
        while True:
            serial = self._rng.randrange(low, high)
            if serial not in self._serials:
                self._serials.add(serial)
                break
        body = f"{serial:07d}{TRENTO_OFFICE}"
        return body + luhn.calc_check_digit(body)


def slug(text: str) -> str:
    """`Cooperativa Sociale L'Aquilone` -> `cooperativa-sociale-aquilone`."""
    ascii_text = strip_accents(text).casefold().replace("&", " ")
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text) if w and w not in _NOT_IN_SLUG]
    return "-".join(words)


def email_local(first: str, last: str) -> str:
    """`Marta`, `Demattè` -> `marta.dematte`."""
    return f"{slug(first).replace('-', '')}.{slug(last).replace('-', '')}"


def landline(rng: random.Random, area_code: str) -> str:
    return f"+39 {area_code} {rng.randrange(200_000, 1_000_000)}"


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(MOBILE_PREFIXES)
    return f"+39 {prefix} {rng.randrange(100, 1000)} {rng.randrange(1000, 10_000)}"
