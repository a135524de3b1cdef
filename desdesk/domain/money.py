"""Money as people type and read it: `Decimal` euros with cents, never a float.

`parse_money` accepts what an Italian secretary types or a bank exports (`1.234,56`,
`1234,5`, `-12,00`, `€ 1.234,56`, `1.234,56 €`) and refuses anything else with a
message that quotes the input; `format_money` (from `desdesk.i18n`) writes
`1.234,56 €`. The two round-trip for every amount in cents.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from desdesk.domain.errors import InvalidValue
from desdesk.i18n import _, current_language

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Digits of the euros at most: a district's accounts stay far below a thousand billion,
# and Decimal's 28-digit context must be able to round the amount to the cent.
MAX_DIGITS = 12

# Grouped thousands need exactly three digits per group, so "1.23,4" is refused.
_IT = re.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d{1,2}))?$")
_EN = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d{1,2}))?$")
_SIGNS = {"-": -1, "−": -1, "+": 1}


def to_cents(amount: Decimal) -> Decimal:
    """`amount` rounded to the cent (half to even, as accounts do)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def parse_money(text: str, language: str | None = None) -> Decimal:
    """An amount in euros with at most two decimals; raises InvalidValue saying why.

    `language` picks the separators (`it`: `1.234,56`; `en`: `1,234.56`); by default the
    current language's.
    """
    raw = text.strip()
    body = raw.replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "")
    body = body.replace("'", "")  # a Swiss-style thousands mark some exports use
    sign = 1
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:]
    elif body[-1:] in ("-", "−"):
        sign, body = -1, body[:-1]
    pattern = _EN if (language or current_language()) == "en" else _IT
    match = pattern.match(body)
    if not raw or match is None:
        raise InvalidValue(
            _("“{value}” non è un importo valido: scrivi ad esempio 1.234,56.").format(value=raw)
        )
    whole = match["int"].replace("." if pattern is _IT else ",", "")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise InvalidValue(_("“{value}” è un importo troppo grande.").format(value=raw))
    try:
        amount = Decimal(f"{whole}.{match['dec'] or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern only lets digits by
        raise InvalidValue(_("“{value}” non è un importo valido.").format(value=raw)) from exc
    return to_cents(sign * amount)


def parse_positive_money(text: str, language: str | None = None) -> Decimal:
    """An amount greater than zero (a movement, a fee, a payment)."""
    amount = parse_money(text, language)
    if amount <= 0:
        raise InvalidValue(
            _("L'importo deve essere maggiore di zero: “{value}”.").format(value=text.strip())
        )
    return amount


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` with one decimal, or None when `whole` is zero."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
