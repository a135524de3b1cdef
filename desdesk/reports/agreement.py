"""Accordo volontario di costituzione: the filled template, the parties, the signatures.

The text comes already filled (`desdesk.domain.agreement_template.fill`): this module
prints its headings, paragraphs and bullets, then "Le parti" (every active member with
legal form, codice fiscale / P.IVA, seat and legal representative) and one signature
block per party, each kept whole on a page so nobody signs across a page break.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desdesk.domain.agreement_template import BLANK, AgreementParty, Block, BlockKind
from desdesk.i18n import _
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import legal_form_label, profile_line, seat
from desdesk.reports.flowables import heading, markup, para, title_block
from desdesk.reports.register import tax_ids
from desdesk.reports.tables import Column, data_table
from desdesk.schemas import DistrictProfile

SIGNATURE_LINE = "_" * 34
SHORT_LINE = "_" * 18


def agreement_title() -> str:
    return _("Accordo volontario di costituzione")


def _bullet_style(ctx: PageContext) -> ParagraphStyle:
    return ParagraphStyle(
        "agreement_bullet", parent=ctx.styles.body, leftIndent=6 * mm, bulletIndent=2 * mm
    )


def text_flowables(ctx: PageContext, blocks: Sequence[Block]) -> list[Flowable]:
    bullet = _bullet_style(ctx)
    story: list[Flowable] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            story += heading(ctx, block.text)
        elif block.kind is BlockKind.BULLET:
            story.append(Paragraph(markup(block.text), bullet, bulletText="•"))
        else:
            story.append(para(block.text, ctx.styles.body))
    return story


def seat_text(party: AgreementParty) -> str:
    """`Via Roma 3, 38068 Rovereto (TN)`, whichever parts are known."""
    place = " ".join(part for part in (party.cap, seat(party.comune, party.provincia)) if part)
    return ", ".join(part for part in (party.address, place) if part)


def parties_table(ctx: PageContext, parties: Sequence[AgreementParty]) -> Flowable:
    """Weights in millimetres of portrait A4's 174 mm."""
    columns = [
        Column.numbers(_("N."), len(parties)),
        Column(_("Denominazione"), 38, bold=True),
        Column(_("Forma giuridica"), 28),
        Column(_("Codice fiscale / P.IVA"), 28),
        Column(_("Sede"), 40),
        Column(_("Legale rappresentante"), 32),
    ]
    rows = [
        [
            str(number),
            party.name,
            legal_form_label(party.legal_form),
            tax_ids(party.tax_code, party.vat_number) or BLANK,
            seat_text(party) or BLANK,
            party.legal_representative or BLANK,
        ]
        for number, party in enumerate(parties, start=1)
    ]
    return data_table(ctx, columns, rows)


def signature_block(ctx: PageContext, party: AgreementParty) -> Flowable:
    """Party name, legal representative, place and date, signature: never split."""
    styles = ctx.styles
    representative = party.legal_representative or SIGNATURE_LINE
    lines = [
        [_("Il legale rappresentante"), representative],
        [_("Luogo"), f"{SHORT_LINE}   {_('Data')} {SHORT_LINE}"],
        [_("Firma"), SIGNATURE_LINE],
    ]
    table = Table(
        [[para(label, styles.body), para(value, styles.body)] for label, value in lines],
        colWidths=[45 * mm, ctx.width - 45 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return KeepTogether(
        [para(party.name, styles.subtitle), table, Spacer(1, 6 * mm)],
    )


def _story(
    ctx: PageContext,
    profile: DistrictProfile,
    blocks: Sequence[Block],
    parties: Sequence[AgreementParty],
) -> list[Flowable]:
    styles = ctx.styles
    subtitle = _("Distretto di Economia Solidale «{name}»").format(name=profile.name)
    story: list[Flowable] = [
        *title_block(ctx, agreement_title(), subtitle, [profile_line(profile)]),
        *text_flowables(ctx, blocks),
        *heading(ctx, _("Le parti")),
    ]
    if parties:
        story.append(parties_table(ctx, parties))
    else:
        story.append(para(_("Il distretto non ha aderenti attivi."), styles.body))
    story += heading(ctx, _("Firme delle parti"))
    story += [signature_block(ctx, party) for party in parties]
    return story


def agreement_pdf(
    profile: DistrictProfile,
    blocks: Sequence[Block],
    parties: Sequence[AgreementParty],
    *,
    generated_on: date | None = None,
) -> bytes:
    """The agreement as PDF bytes (A4 portrait)."""
    info = DocumentInfo(
        title=agreement_title(),
        district_name=profile.name,
        subject=_("Accordo volontario di costituzione del distretto {name}").format(
            name=profile.name
        ),
        generated_on=generated_on,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, blocks, parties))
