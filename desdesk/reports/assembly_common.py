"""Texts the assembly documents share: times, the calls, the kind, the signature block."""

from __future__ import annotations

import contextlib
from datetime import date, time
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from desdesk.domain.enums import AssemblyKind, AttendanceStatus
from desdesk.i18n import _, format_date
from desdesk.reports import styles as st
from desdesk.reports.base import PageContext
from desdesk.reports.flowables import para
from desdesk.schemas import AssemblyInput


def format_time(value: time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def when(day: date | None, at: time | None) -> str:
    """`12/03/2026 alle 20:30`, or just the date when the time is not known."""
    if day is None:
        return ""
    if at is None:
        return format_date(day)
    return _("{date} alle {time}").format(date=format_date(day), time=format_time(at))


def kind_text(data: AssemblyInput) -> str:
    """`Assemblea ordinaria`, `Assemblea straordinaria aperta a esterni`."""
    label = data.kind
    with contextlib.suppress(ValueError):
        label = AssemblyKind(data.kind).label().lower()
    text = _("Assemblea {kind}").format(kind=label)
    if data.open_to_public:
        text = _("{assembly} aperta a esterni").format(assembly=text)
    return text


def place_lines(data: AssemblyInput) -> list[tuple[str, str]]:
    """The place and the link for remote participation, those that are known."""
    pairs: list[tuple[str, str]] = []
    if data.place:
        pairs.append((_("Luogo"), data.place))
    if data.remote_link:
        pairs.append((_("Collegamento a distanza"), data.remote_link))
    return pairs


def status_of(value: str | None) -> AttendanceStatus | None:
    """A stored status as the enum; unknown or missing values count as not recorded."""
    if value is None:
        return None
    try:
        return AttendanceStatus(value)
    except ValueError:
        return None


def signature_block(ctx: PageContext, signers: list[tuple[str, str]]) -> Flowable:
    """Side-by-side signature places: role above, a line to sign on, the name below."""
    styles = ctx.styles
    gap = 12 * mm
    width = min((ctx.width - gap * (len(signers) - 1)) / max(len(signers), 1), 75 * mm)
    rows: list[list[Any]] = [[], [], []]
    widths: list[float] = []
    for index, (role, name) in enumerate(signers):
        if index:
            rows[0].append("")
            rows[1].append("")
            rows[2].append("")
            widths.append(gap)
        rows[0].append(para(role, styles.muted))
        rows[1].append("")
        rows[2].append(para(name, styles.body))
        widths.append(width)
    table = Table(rows, colWidths=widths, rowHeights=[None, 14 * mm, None],
                  hAlign="RIGHT" if len(signers) == 1 else "LEFT")  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                *[("LINEBELOW", (i, 1), (i, 1), 0.6, st.INK) for i in range(0, len(widths), 2)],
            ]
        )
    )
    return table
