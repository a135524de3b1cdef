"""Convocazione: one letter per member, addressed to its referent, and a general notice.

Both carry the same content: the first and second call (date, time, place or link), the
agenda numbered with descriptions, the notice date and the signature of whoever convenes
(coordinator or secretary). The general notice has no addressee: it is printed for the
members without e-mail, or posted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desdesk.assembly_schemas import ConvocationRecipient
from desdesk.i18n import _, format_date
from desdesk.reports.assembly_common import kind_text, place_lines, signature_block, when
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.titles import convocation_title, notice_title
from desdesk.schemas import AssemblyRead, DistrictProfile


def notice_date(assembly: AssemblyRead, generated_on: date) -> date:
    """The date the convocation is sent: the recorded one, else the day it is printed."""
    return assembly.convened_on or generated_on


def call_facts(assembly: AssemblyRead) -> list[tuple[str, str]]:
    data = assembly.data
    pairs = [(_("Prima convocazione"), when(data.first_call_date, data.first_call_time))]
    if data.second_call_date is not None:
        pairs.append(
            (_("Seconda convocazione"), when(data.second_call_date, data.second_call_time))
        )
    return pairs + place_lines(data)


def agenda(ctx: PageContext, assembly: AssemblyRead) -> list[Flowable]:
    styles = ctx.styles
    story: list[Flowable] = [*heading(ctx, _("Ordine del giorno"))]
    if not assembly.agenda:
        return [*story, para(_("L'ordine del giorno sarà comunicato a parte."), styles.body)]
    for number, item in enumerate(assembly.agenda, start=1):
        lines: list[Flowable] = [para(f"{number}. {item.title}", styles.subtitle)]
        if item.description:
            lines.append(para(item.description, styles.body))
        if item.proposer:
            lines.append(para(_("Proposto da {name}").format(name=item.proposer), styles.note))
        story.append(KeepTogether(lines))
    return story


def _opening(profile: DistrictProfile, assembly: AssemblyRead) -> str:
    text = _("È convocata l'{assembly} del distretto {name}").format(
        assembly=kind_text(assembly.data).lower(), name=profile.name
    )
    if assembly.data.title:
        text += f" ({assembly.data.title})"
    return text + _(", con il seguente calendario e ordine del giorno.")


def _closing() -> str:
    return _(
        "Se il referente titolare non può partecipare, l'aderente può essere rappresentato "
        "dal supplente o delegare per iscritto un altro aderente. Se in prima convocazione "
        "non si raggiunge il numero legale, l'assemblea si terrà in seconda convocazione."
    )


def _body(
    ctx: PageContext,
    profile: DistrictProfile,
    assembly: AssemblyRead,
    signer: str,
    sent_on: date,
) -> list[Flowable]:
    styles = ctx.styles
    return [
        para(_("Data: {date}").format(date=format_date(sent_on)), styles.body),
        Spacer(1, 3 * mm),
        para(
            _("Oggetto: convocazione dell'{assembly}").format(
                assembly=kind_text(assembly.data).lower()
            ),
            styles.subtitle,
        ),
        Spacer(1, 2 * mm),
        para(_opening(profile, assembly), styles.body),
        facts(ctx, call_facts(assembly)),
        *agenda(ctx, assembly),
        Spacer(1, 4 * mm),
        para(_closing(), styles.body),
        Spacer(1, 6 * mm),
        KeepTogether([signature_block(ctx, [(_("Per il distretto"), signer)])]),
    ]


def address_block(ctx: PageContext, recipient: ConvocationRecipient) -> list[Flowable]:
    """The addressee, set in to the right as on a window envelope."""
    lines = [_("Spett.le {name}").format(name=recipient.member_name)]
    if recipient.referent:
        lines.append(_("alla c.a. di {name}").format(name=recipient.referent))
    lines += [line for line in recipient.address.split("\n") if line]
    if recipient.email:
        lines.append(recipient.email)
    style = ParagraphStyle(
        "address", parent=ctx.styles.body, leftIndent=ctx.width * 0.5, spaceAfter=0
    )
    return [Spacer(1, 4 * mm), *[para(line, style) for line in lines], Spacer(1, 8 * mm)]


def _letterhead(ctx: PageContext, profile: DistrictProfile, title: str) -> list[Flowable]:
    return title_block(ctx, title, profile.name, [profile_line(profile)])


def convocation_letters_pdf(
    profile: DistrictProfile,
    assembly: AssemblyRead,
    recipients: Sequence[ConvocationRecipient],
    signer: str,
    generated_on: date | None = None,
) -> bytes:
    """One letter per recipient, each on its own page(s), in the order given."""
    info = DocumentInfo(
        title=convocation_title(),
        district_name=profile.name,
        subject=_("Lettere di convocazione del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
    )

    def story(ctx: PageContext) -> list[Flowable]:
        sent_on = notice_date(assembly, ctx.info.generation_date)
        flowables: list[Flowable] = []
        for recipient in recipients:
            if flowables:
                flowables.append(PageBreak())
            flowables += _letterhead(ctx, profile, convocation_title())
            flowables += address_block(ctx, recipient)
            flowables += _body(ctx, profile, assembly, signer, sent_on)
        if not flowables:
            flowables = [para(_("Nessun aderente da convocare."), ctx.styles.body)]
        return flowables

    return render_pdf(info, story)


def convocation_notice_pdf(
    profile: DistrictProfile,
    assembly: AssemblyRead,
    signer: str,
    generated_on: date | None = None,
) -> bytes:
    """The general notice: the same content as the letters, addressed to all the members."""
    info = DocumentInfo(
        title=notice_title(),
        district_name=profile.name,
        subject=_("Avviso di convocazione del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
    )

    def story(ctx: PageContext) -> list[Flowable]:
        sent_on = notice_date(assembly, ctx.info.generation_date)
        return [
            *_letterhead(ctx, profile, notice_title()),
            para(_("A tutti gli aderenti del distretto"), ctx.styles.subtitle),
            Spacer(1, 4 * mm),
            *_body(ctx, profile, assembly, signer, sent_on),
        ]

    return render_pdf(info, story)
