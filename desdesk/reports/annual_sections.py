"""Sections 1–4 of the annual report: profile, members, governance, assemblies.

Each function returns its section's flowables, heading first; a part with nothing to
show says so in a sentence instead of printing an empty table.
"""

from __future__ import annotations

import contextlib

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from desdesk.annual_schemas import AnnualReport, AssembliesPart, MembersPart, OfficesPart
from desdesk.domain.enums import AssemblyKind, DistrictKind, OfficeKind, Sector
from desdesk.i18n import _, format_date, format_number, ngettext
from desdesk.reports.annual_charts import attendance_chart, members_chart
from desdesk.reports.annual_titles import section_title
from desdesk.reports.base import PageContext
from desdesk.reports.flowables import facts, heading, para
from desdesk.reports.money_common import MISSING, percent_text
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import OfficeRead


def sub(ctx: PageContext, text: str) -> list[Flowable]:
    """A sub-heading inside a section, kept off the foot of a page."""
    return [Spacer(1, 2 * mm), CondPageBreak(25 * mm), para(text, ctx.styles.subtitle)]


def sentence(ctx: PageContext, text: str) -> Flowable:
    return para(text, ctx.styles.body)


# -- 1. profile -------------------------------------------------------------------------


def profile_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    profile = report.profile
    rows = [(_("Denominazione"), profile.name)]
    with contextlib.suppress(ValueError):
        rows.append((_("Tipo"), DistrictKind(profile.kind).label()))
    if profile.territory:
        rows.append((_("Territorio"), profile.territory))
    seat = ", ".join(part for part in (profile.seat, profile.comune) if part)
    if seat:
        rows.append((_("Sede"), seat))
    if profile.sector is not None:
        with contextlib.suppress(ValueError):
            rows.append((_("Filiera / settore"), Sector(profile.sector).label()))
    rows.append((_("Data di costituzione"), format_date(profile.founding_date) or MISSING))
    story: list[Flowable] = [*heading(ctx, section_title(1)), facts(ctx, rows)]
    for label, text in (
        (_("Missione"), profile.mission),
        (_("Descrizione"), profile.description),
        (_("Governance"), profile.governance),
    ):
        if text:
            story += [*sub(ctx, label), sentence(ctx, text)]
    if not profile.governance:
        story.append(
            sentence(ctx, _("Le regole di governance del distretto non sono ancora descritte."))
        )
    return story


# -- 2. members ---------------------------------------------------------------------------


def members_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    part, year = report.members, report.year
    story: list[Flowable] = [*heading(ctx, section_title(2))]
    end = format_date(report.as_of)
    if part.active == 0:
        story.append(
            sentence(ctx, _("Al {date} il distretto non ha aderenti attivi.").format(date=end))
        )
    else:
        rows = [(_("Aderenti attivi al {date}").format(date=end), format_number(part.active))]
        rows += [(n.label(), format_number(c)) for n, c in part.active_by_nature.items()]
        story += [
            facts(ctx, rows, indented=set(range(1, len(rows)))),
            Spacer(1, 3 * mm),
            KeepTogether(
                [
                    para(_("Aderenti attivi per natura"), ctx.styles.muted),
                    members_chart(ctx.width, part.active_by_nature),
                ]
            ),
        ]
    return story + _joined(ctx, part, year) + _left(ctx, part, year) + _growth(ctx, part, year)


def _joined(ctx: PageContext, part: MembersPart, year: int) -> list[Flowable]:
    story = sub(ctx, _("Nuovi aderenti nel {year}").format(year=year))
    if not part.joined:
        return [
            *story,
            sentence(ctx, _("Nel {year} non sono entrati nuovi aderenti.").format(year=year)),
        ]
    columns = [Column(_("Aderente"), 120), Column(_("Data di adesione"), 40)]
    rows: list[list[Cell]] = [[c.name, format_date(c.day)] for c in part.joined]
    return [*story, data_table(ctx, columns, rows)]


def _left(ctx: PageContext, part: MembersPart, year: int) -> list[Flowable]:
    story = sub(ctx, _("Aderenti usciti nel {year}").format(year=year))
    if not part.left:
        text = _("Nel {year} nessun aderente è uscito dal distretto.").format(year=year)
        return [*story, sentence(ctx, text)]
    columns = [Column(_("Aderente"), 70), Column(_("Data di uscita"), 28), Column(_("Motivo"), 82)]
    rows: list[list[Cell]] = [[c.name, format_date(c.day), c.reason or MISSING] for c in part.left]
    return [*story, data_table(ctx, columns, rows)]


def _growth(ctx: PageContext, part: MembersPart, year: int) -> list[Flowable]:
    story = sub(ctx, _("Azioni per nuovi aderenti"))
    if not part.growth_actions:
        text = _("Nel {year} non sono state registrate azioni per nuovi aderenti.")
        return [*story, sentence(ctx, text.format(year=year))]
    columns = [
        Column(_("Data"), 22),
        Column(_("Azione"), 70),
        Column(_("Esito"), 50),
        Column(_("Aderente entrato"), 40),
    ]
    rows: list[list[Cell]] = [
        [
            format_date(a.data.day),
            a.data.description,
            a.data.outcome or MISSING,
            a.member_name or MISSING,
        ]
        for a in part.growth_actions
    ]
    return [*story, data_table(ctx, columns, rows)]


# -- 3. offices -----------------------------------------------------------------------------


def office_label(term: OfficeRead) -> str:
    if term.kind == OfficeKind.OTHER.value and term.title:
        return term.title
    try:
        return OfficeKind(term.kind).label()
    except ValueError:
        return term.title or term.kind


def _term_text(term: OfficeRead) -> str:
    if term.end_date is None:
        return _("dal {start}").format(start=format_date(term.start_date))
    return _("dal {start} al {end}").format(
        start=format_date(term.start_date), end=format_date(term.end_date)
    )


def offices_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    part, year = report.offices, report.year
    story: list[Flowable] = [*heading(ctx, section_title(3))]
    if not part.in_force:
        text = _("Nel {year} non risultano cariche in vigore.").format(year=year)
        return [*story, sentence(ctx, text)]
    columns = [
        Column(_("Carica"), 38),
        Column(_("Titolare"), 38),
        Column(_("Aderente"), 48),
        Column(_("Mandato"), 50),
    ]
    rows: list[list[Cell]] = [
        [office_label(t), t.person_name, t.member_name or MISSING, _term_text(t)]
        for t in part.in_force
    ]
    story += [
        para(_("Cariche in vigore nel {year}").format(year=year), ctx.styles.muted),
        data_table(ctx, columns, rows),
    ]
    return story + _office_changes(ctx, part, year)


def _office_changes(ctx: PageContext, part: OfficesPart, year: int) -> list[Flowable]:
    story = sub(ctx, _("Cambiamenti nel {year}").format(year=year))
    changes = [
        (t.start_date, _("{office}: {person} in carica dal {date}")
         .format(office=office_label(t), person=t.person_name, date=format_date(t.start_date)))
        for t in part.started
    ] + [
        (t.end_date, _("{office}: {person} termina il mandato il {date}")
         .format(office=office_label(t), person=t.person_name, date=format_date(t.end_date)))
        for t in part.ended
        if t.end_date is not None
    ]  # fmt: skip
    if not changes:
        text = _("Nel {year} le cariche non sono cambiate.").format(year=year)
        return [*story, sentence(ctx, text)]
    changes.sort(key=lambda change: change[0])
    return [*story, *(sentence(ctx, "• " + text) for _day, text in changes)]


# -- 4. assemblies ------------------------------------------------------------------------


def _kind_label(code: str) -> str:
    try:
        return AssemblyKind(code).label()
    except ValueError:
        return code


def assemblies_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    part, year = report.assemblies, report.year
    story: list[Flowable] = [*heading(ctx, section_title(4))]
    if not part.held:
        story.append(sentence(ctx, _("Nel {year} non si sono tenute assemblee.").format(year=year)))
        return story + _flagged(ctx, part)
    columns = [
        Column(_("Data"), 22),
        Column(_("Tipo"), 24),
        Column(_("Titolo"), 50),
        Column(_("Presenti / aventi diritto"), 32, align="RIGHT"),
        Column(_("Quorum"), 26),
        Column(_("Verbale approvato"), 24),
    ]
    rows: list[list[Cell]] = [
        [
            format_date(a.day),
            _kind_label(a.kind),
            a.title or MISSING,
            f"{format_number(a.voters)} / {format_number(a.entitled)}",
            _("raggiunto") if a.quorum_reached else _("non raggiunto"),
            _("sì") if a.minutes_approved else _("no"),
        ]
        for a in part.held
    ]
    rate = _(
        "Partecipazione nel {year}: {rate} (presenti o rappresentati per delega sugli "
        "aderenti con presenza registrata, su {n} assemblee)."
    ).format(year=year, rate=percent_text(part.rate), n=len(part.held))
    story += [
        data_table(ctx, columns, rows),
        Spacer(1, 2 * mm),
        sentence(ctx, rate),
        KeepTogether(
            [
                para(_("Partecipazione per assemblea"), ctx.styles.muted),
                attendance_chart(ctx.width, part.held),
            ]
        ),
    ]
    return story + _flagged(ctx, part)


def _flagged(ctx: PageContext, part: AssembliesPart) -> list[Flowable]:
    story = sub(ctx, _("Aderenti a rischio di esclusione"))
    n = part.exclusion_threshold
    if not part.flagged:
        text = ngettext(
            "Nessun aderente ha raggiunto {n} assenza consecutiva.",
            "Nessun aderente ha raggiunto {n} assenze consecutive.",
            n,
        )
        return [*story, sentence(ctx, text.format(n=n))]
    text = ngettext(
        "{count} aderente ha raggiunto {n} assenze consecutive: {names}.",
        "{count} aderenti hanno raggiunto {n} assenze consecutive: {names}.",
        len(part.flagged),
    ).format(count=format_number(len(part.flagged)), n=n, names=", ".join(part.flagged))
    return [*story, para(text, ctx.styles.body)]
