"""Rows of a movement file that seem to be registered already: the same bank export
imported twice, or a month exported again with the previous one.

A row matches an existing movement (or an earlier row of the same file) with the same
date, amount and category and the same document reference or description, compared
ignoring case, accents and spacing. It is a warning, not an error: two equal payments on
one day do happen, so the user decides whether to import them anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from desdesk.domain.text import match_key
from desdesk.i18n import _, format_date, format_money
from desdesk.money_schemas import MovementInput, MovementRead
from desdesk.services.movement_rows import PreviewLine

_Key = tuple[date, Decimal, int]


def _key(data: MovementInput) -> _Key:
    return (data.date, data.amount, data.category_id)


def _words(text: str) -> str:
    return " ".join(match_key(text).split())


def _same_text(a: MovementInput, b: MovementInput) -> bool:
    """Same document reference (when both have one), else same description."""
    ref_a, ref_b = _words(a.document_ref), _words(b.document_ref)
    if ref_a and ref_b:
        return ref_a == ref_b
    return _words(a.description) == _words(b.description)


def _describe(movement: MovementRead) -> str:
    what = movement.data.description or movement.category_name
    return _("sembra già registrato: {date}, {amount}, {code} {what}").format(
        date=format_date(movement.data.date),
        amount=format_money(movement.data.amount),
        code=movement.category_code,
        what=what,
    )


def mark_duplicates(lines: Sequence[PreviewLine], existing: Iterable[MovementRead]) -> None:
    """Set `warning` on each line whose movement matches an existing one or an earlier
    line of the file."""
    known: dict[_Key, list[MovementRead]] = defaultdict(list)
    for movement in existing:
        known[_key(movement.data)].append(movement)
    seen: dict[_Key, list[PreviewLine]] = defaultdict(list)
    for line in lines:
        data = line.movement
        if data is None:
            continue
        key = _key(data)
        found = next((m for m in known.get(key, []) if _same_text(m.data, data)), None)
        if found is not None:
            line.warning = _describe(found)
        else:
            earlier = next(
                (e for e in seen.get(key, []) if e.movement and _same_text(e.movement, data)),
                None,
            )
            if earlier is not None:
                line.warning = _("sembra uguale alla riga {row} del file").format(row=earlier.row)
        seen[key].append(line)
