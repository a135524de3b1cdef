"""The foglio presenze annexed to the minutes: one line per member and per guest, with
an empty column to sign in."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desdesk.assembly_schemas import MinutesDocument
from desdesk.domain.enums import AttendanceStatus
from desdesk.i18n import _
from desdesk.reports import styles as st
from desdesk.reports.assembly_common import status_of
from desdesk.reports.base import PageContext
from desdesk.reports.cells import Span, Stack
from desdesk.reports.common import name_key
from desdesk.reports.flowables import heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import RollCallRow

_SIGNING_ROOM = 7 * mm


def presence_text(row: RollCallRow, names: dict[int, str]) -> str:
    """`titolare presente`, `supplente presente`, `delega a X`, `assente`…; "" if not recorded."""
    status = status_of(row.status)
    if status is None:
        return ""
    if status is AttendanceStatus.PRESENT_PRIMARY:
        return _("titolare presente")
    if status is AttendanceStatus.PRESENT_SUBSTITUTE:
        return _("supplente presente")
    if status is AttendanceStatus.PROXY:
        holder = row.proxy_holder_name or names.get(row.proxy_holder_id or 0, "")
        return _("delega a {name}").format(name=holder) if holder else _("delega")
    if status is AttendanceStatus.ABSENT_JUSTIFIED:
        return _("assente giustificato")
    return _("assente")


def _referents(row: RollCallRow) -> Cell:
    spans = [Span(row.primary)]
    if row.substitute:
        spans.append(Span(_("supplente: {name}").format(name=row.substitute), color=st.MUTED))
    return Stack(tuple(spans))


def members_table(ctx: PageContext, rows: list[RollCallRow]) -> Flowable:
    names = {row.member_id: row.member_name for row in rows}
    columns = [
        Column.numbers(_("N."), len(rows)),
        Column(_("Aderente"), 50, bold=True),
        Column(_("Referenti"), 40),
        Column(_("Presenza"), 35),
        Column(_("Firma"), 45),
    ]
    body = [
        [
            str(number),
            row.member_name,
            _referents(row),
            presence_text(row, names),
            Spacer(1, _SIGNING_ROOM),
        ]
        for number, row in enumerate(rows, start=1)
    ]
    return data_table(ctx, columns, body)


def guests_table(ctx: PageContext, document: MinutesDocument) -> Flowable:
    columns = [
        Column.numbers(_("N."), len(document.guests)),
        Column(_("Nome"), 55, bold=True),
        Column(_("Organizzazione"), 70),
        Column(_("Firma"), 45),
    ]
    body: list[list[Cell]] = [
        [str(number), guest.name, guest.organisation or "—", Spacer(1, _SIGNING_ROOM)]
        for number, guest in enumerate(document.guests, start=1)
    ]
    return data_table(ctx, columns, body)


def attendance_sheet(ctx: PageContext, document: MinutesDocument) -> list[Flowable]:
    styles = ctx.styles
    rows = sorted(document.roll_call, key=lambda row: name_key(row.member_name))
    story: list[Flowable] = [
        *title_block(ctx, _("Allegato: foglio presenze"), ctx.info.title, [ctx.info.subject]),
        *heading(ctx, _("Aderenti")),
    ]
    if rows:
        story.append(members_table(ctx, rows))
    else:
        story.append(para(_("Nessun aderente convocato."), styles.body))
    story += heading(ctx, _("Ospiti"))
    if document.guests:
        story.append(guests_table(ctx, document))
    else:
        story.append(para(_("Nessun ospite."), styles.body))
    return story
