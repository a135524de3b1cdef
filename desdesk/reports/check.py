"""Verifica del distretto: the checklist of the district check with its verdict, for the
Centro when a new district applies (`desdesk report check`, Documenti › «Verifica del
distretto»).

The verdict on top (ready to constitute or not, and which requirements are in error),
the counts, then one table per phase: rule, outcome, the finding with its reason and
source. The thresholds the check used close the document.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from desdesk.check_schemas import CheckReport
from desdesk.domain.check_types import Finding, Level, Phase
from desdesk.i18n import _, format_date, format_number, ngettext
from desdesk.reports import styles as st
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.cells import Span, Stack
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import DistrictProfile

_LEVEL_COLOURS = {Level.OK: st.ACCENT, Level.WARNING: st.INK, Level.ERROR: st.WARNING}


def check_title() -> str:
    return _("Verifica del distretto")


def verdict(report: CheckReport) -> str:
    """Ready to constitute, or not and which requirements are in error."""
    errors = sorted(
        {f.rule for f in report.of_phase(Phase.CONSTITUTION) if f.level is Level.ERROR},
        key=lambda rule: int(rule[1:]),
    )
    if not errors:
        return _("Pronto per la costituzione: tutti i requisiti necessari sono soddisfatti.")
    return ngettext(
        "Non ancora pronto per la costituzione: {n} requisito non soddisfatto ({rules}).",
        "Non ancora pronto per la costituzione: {n} requisiti non soddisfatti ({rules}).",
        len(errors),
    ).format(n=len(errors), rules=", ".join(errors))


def summary(report: CheckReport) -> list[tuple[str, str]]:
    rows = []
    for phase in (Phase.CONSTITUTION, Phase.CONSOLIDATION):
        rows += [
            (
                _("{phase}: errori").format(phase=phase.label()),
                format_number(report.count(Level.ERROR, phase)),
            ),
            (
                _("{phase}: avvisi").format(phase=phase.label()),
                format_number(report.count(Level.WARNING, phase)),
            ),
        ]
    return rows


def _finding_cell(finding: Finding) -> Stack:
    spans = [Span(finding.message)]
    if finding.reason:
        spans.append(Span(finding.reason, st.ITALIC, st.MUTED))
    if finding.source:
        spans.append(Span(_("Fonte: {source}").format(source=finding.source), st.REGULAR, st.MUTED))
    return Stack(tuple(spans))


def findings_table(ctx: PageContext, findings: tuple[Finding, ...]) -> Flowable:
    columns = [
        Column(_("Regola"), 12, bold=True),
        Column(_("Esito"), 18),
        Column(_("Verifica"), 130),
    ]
    rows: list[list[Cell]] = [
        [
            f.rule,
            Stack((Span(f.level.label(), st.BOLD, _LEVEL_COLOURS[f.level]),)),
            _finding_cell(f),
        ]
        for f in findings
    ]
    return data_table(ctx, columns, rows)


def thresholds_note(report: CheckReport) -> str:
    s = report.settings
    structure = (
        _("nessun obiettivo")
        if s.structure_cost_target_percent is None
        else f"{s.structure_cost_target_percent} %"
    )
    return _(
        "Soglie usate: esclusione dopo {absences} assenze consecutive; presenza minima "
        "{participation} %; quota pubblica massima {public} %; costi di struttura: "
        "{structure}; preavviso sulle cariche {notice} giorni, durata minima {years} anni; "
        "relazione annuale entro il {day}/{month}; un'assemblea almeno ogni {gap} mesi."
    ).format(
        absences=s.exclusion_threshold,
        participation=s.participation_threshold_percent,
        public=s.public_share_warning_percent,
        structure=structure,
        notice=s.office_notice_days,
        years=s.office_min_years,
        day=f"{s.report_deadline_day:02d}",
        month=f"{s.report_deadline_month:02d}",
        gap=s.assembly_gap_months,
    )


def _story(ctx: PageContext, profile: DistrictProfile, report: CheckReport) -> list[Flowable]:
    styles = ctx.styles
    ready = report.ready_to_constitute
    story: list[Flowable] = [
        *title_block(
            ctx,
            check_title(),
            profile.name,
            [profile_line(profile), _("Verifica al {date}").format(date=format_date(report.today))],
        ),
        para(verdict(report), styles.subtitle if ready else styles.warning),
        facts(ctx, summary(report)),
    ]
    for phase in (Phase.CONSTITUTION, Phase.CONSOLIDATION):
        findings = report.of_phase(phase)
        if not findings:
            continue
        story += heading(ctx, phase.label())
        story.append(findings_table(ctx, findings))
    story.append(para(thresholds_note(report), styles.note))
    return story


def check_pdf(
    profile: DistrictProfile, report: CheckReport, generated_on: date | None = None
) -> bytes:
    """The checklist with its verdict as PDF bytes (A4 portrait)."""
    info = DocumentInfo(
        title=check_title(),
        district_name=profile.name,
        subject=_("Verifica del distretto {name}: requisiti e salute").format(name=profile.name),
        generated_on=generated_on or report.today,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, report))
