"""Rendicontazione annuale: the year of a district told to its members, the Centro and
its funders (toolkit 3.1), on desdesk's usual page.

Title block, one summary sentence a secretary can read aloud ("12 aderenti attivi,
4 assemblee, entrate 20.563,24 €…"), then the nine sections in the order of
`annual_titles.SECTION_TITLES` (`annual_sections` 1–4, `annual_results` 5–9).
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from desdesk.annual_schemas import AnnualReport
from desdesk.domain.check_types import Level
from desdesk.i18n import _, format_date, format_money, format_number, ngettext
from desdesk.reports.annual_results import (
    budget_story,
    findings_story,
    indicators_story,
    objectives_story,
    tasks_story,
)
from desdesk.reports.annual_sections import (
    assemblies_story,
    members_story,
    offices_story,
    profile_story,
)
from desdesk.reports.annual_titles import annual_title
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import para, title_block

__all__ = ["annual_pdf", "annual_title", "summary_line"]

SECTIONS = (
    profile_story,
    members_story,
    offices_story,
    assemblies_story,
    objectives_story,
    tasks_story,
    budget_story,
    indicators_story,
    findings_story,
)


def summary_line(report: AnnualReport) -> str:
    """The year in one sentence: members, assemblies, money, issues."""
    active, held = report.members.active, len(report.assemblies.held)
    parts = [
        ngettext("{n} aderente attivo", "{n} aderenti attivi", active).format(
            n=format_number(active)
        ),
        ngettext("{n} assemblea", "{n} assemblee", held).format(n=format_number(held)),
    ]
    if report.budget.statement is not None:
        parts += [
            _("entrate {amount}").format(amount=format_money(report.budget.income)),
            _("uscite {amount}").format(amount=format_money(report.budget.expenses)),
        ]
    errors = sum(1 for f in report.findings if f.level is Level.ERROR)
    warnings = len(report.findings) - errors
    if errors:
        parts.append(ngettext("{n} errore", "{n} errori", errors).format(n=format_number(errors)))
    parts.append(ngettext("{n} avviso", "{n} avvisi", warnings).format(n=format_number(warnings)))
    return _("Nel {year}: {facts}.").format(year=report.year, facts=", ".join(parts))


def _year_line(report: AnnualReport) -> str:
    if report.as_of < date(report.year, 12, 31):
        return _("Anno {year}, in corso: dati al {date}").format(
            year=report.year, date=format_date(report.as_of)
        )
    return _("Anno {year}").format(year=report.year)


def _story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    profile = report.profile
    title = f"{annual_title()} {report.year}"
    story: list[Flowable] = [
        *title_block(ctx, title, profile.name, [profile_line(profile), _year_line(report)]),
        para(summary_line(report), ctx.styles.subtitle),
    ]
    for section in SECTIONS:
        story += section(ctx, report)
    return story


def annual_pdf(report: AnnualReport, *, generated_on: date | None = None) -> bytes:
    """The Rendicontazione annuale of `report.year` as PDF bytes (A4 portrait)."""
    info = DocumentInfo(
        title=f"{annual_title()} {report.year}",
        district_name=report.profile.name,
        subject=_("Rendicontazione annuale {year} del distretto {name}").format(
            year=report.year, name=report.profile.name
        ),
        generated_on=generated_on,
    )
    return render_pdf(info, lambda ctx: _story(ctx, report))
