"""Contatti dei referenti: who to call for each active member.

For every active member, its current primary referent (titolare) and substitute
(supplente) with role, e-mail and phone; a member without a primary referent is
flagged, since the district cannot reach it (rule C4). The document carries personal
data, and says so on every page and at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Spacer

from desdesk.domain.enums import ReferentKind
from desdesk.i18n import _, format_date, format_number
from desdesk.reports import styles as st
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.cells import Span, Stack
from desdesk.reports.common import name_key, profile_line, seat
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.reports.titles import contacts_title
from desdesk.schemas import DistrictProfile, MemberRow, ReferentRead

Contacts = dict[int, dict[ReferentKind, ReferentRead]]


def missing_primary_text() -> str:
    return _("manca il referente titolare")


def current_contacts(referents: Sequence[ReferentRead]) -> Contacts:
    """Each member's current referents by kind (past terms are ignored)."""
    by_member: Contacts = {}
    for referent in referents:
        if referent.end_date is not None:
            continue
        try:
            kind = ReferentKind(referent.kind)
        except ValueError:
            continue
        by_member.setdefault(referent.member_id, {})[kind] = referent
    return by_member


def referent_cell(referent: ReferentRead | None, kind: ReferentKind) -> Cell:
    """The name in bold, then role, e-mail and phone, one per line; a flag if missing."""
    if referent is None:
        if kind is ReferentKind.PRIMARY:
            return Stack((Span(missing_primary_text(), st.BOLD_ITALIC, st.WARNING),))
        return "—"
    return Stack(
        (
            Span(referent.full_name, st.BOLD),
            Span(referent.role, st.ITALIC),
            Span(referent.email),
            Span(referent.phone),
        )
    )


def member_cell(row: MemberRow) -> Cell:
    return Stack((Span(row.name, st.BOLD), Span(seat(row.comune, row.provincia), color=st.MUTED)))


def contacts_table(ctx: PageContext, members: Sequence[MemberRow], contacts: Contacts) -> Flowable:
    columns = [
        Column.numbers(_("N."), len(members)),
        Column(_("Aderente"), 42),
        Column(_("Referente titolare"), 62),
        Column(_("Supplente"), 62),
    ]
    body: list[list[Cell]] = []
    for number, row in enumerate(members, start=1):
        current = contacts.get(row.id, {})
        body.append(
            [
                str(number),
                member_cell(row),
                referent_cell(current.get(ReferentKind.PRIMARY), ReferentKind.PRIMARY),
                referent_cell(current.get(ReferentKind.SUBSTITUTE), ReferentKind.SUBSTITUTE),
            ]
        )
    return data_table(ctx, columns, body)


def summary(members: Sequence[MemberRow], contacts: Contacts) -> list[tuple[str, str]]:
    with_primary = sum(1 for row in members if ReferentKind.PRIMARY in contacts.get(row.id, {}))
    with_substitute = sum(
        1 for row in members if ReferentKind.SUBSTITUTE in contacts.get(row.id, {})
    )
    return [
        (_("Aderenti attivi"), format_number(len(members))),
        (_("con referente titolare"), format_number(with_primary)),
        (_("con supplente"), format_number(with_substitute)),
        (_("senza referente titolare"), format_number(len(members) - with_primary)),
    ]


def privacy_notice() -> str:
    return _(
        "Questo documento contiene dati personali dei referenti degli aderenti "
        "(Regolamento UE 2016/679, GDPR). È destinato esclusivamente all'uso interno "
        "del distretto per le comunicazioni tra aderenti: non va diffuso né pubblicato, "
        "e va distrutto quando non serve più."
    )


def _story(
    ctx: PageContext,
    profile: DistrictProfile,
    members: Sequence[MemberRow],
    referents: Sequence[ReferentRead],
) -> list[Flowable]:
    active = sorted((row for row in members if row.active), key=lambda row: name_key(row.name))
    contacts = current_contacts(referents)
    styles = ctx.styles
    as_of = _("Situazione al {date}").format(date=format_date(ctx.info.generation_date))
    story: list[Flowable] = [
        *title_block(ctx, contacts_title(), profile.name, [profile_line(profile), as_of])
    ]
    if not active:
        story.append(para(_("Il distretto non ha aderenti attivi."), styles.body))
    else:
        story.append(facts(ctx, summary(active, contacts), indented={1, 2, 3}))
        story += heading(ctx, _("Referenti degli aderenti attivi"))
        story.append(para(_("In ordine alfabetico di aderente."), styles.note))
        story.append(contacts_table(ctx, active, contacts))
    story += [Spacer(1, 12), para(privacy_notice(), styles.note)]
    return story


def contacts_pdf(
    profile: DistrictProfile,
    members: Sequence[MemberRow],
    referents: Sequence[ReferentRead],
    *,
    generated_on: date | None = None,
) -> bytes:
    """The Contatti dei referenti as PDF bytes (A4 portrait).

    `members` may include former members (they are left out); `referents` may include
    past terms and other members' referents (only current ones of active members show).
    """
    info = DocumentInfo(
        title=contacts_title(),
        district_name=profile.name,
        subject=_("Referenti degli aderenti del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
        footer_note=_("Contiene dati personali: uso interno del distretto"),
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, members, referents))
