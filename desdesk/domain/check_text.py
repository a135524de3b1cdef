"""Small wording helpers shared by the district check's rules (C1–C12, H1–H10)."""

from __future__ import annotations

from collections.abc import Sequence

from desdesk.i18n import ngettext


def name_list(names: Sequence[str], shown: int = 3) -> str:
    """The first `shown` names and «e altri N»: "A, B, C e altri 2"."""
    head = ", ".join(names[:shown])
    rest = len(names) - shown
    if rest <= 0:
        return head
    return ngettext("{names} e un altro", "{names} e altri {n}", rest).format(names=head, n=rest)
