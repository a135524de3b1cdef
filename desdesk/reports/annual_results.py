"""Sections 5–9 of the annual report: objectives, tasks, budget, indicators, critical
issues. Like `annual_sections`, a part with nothing to show says so in a sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desdesk.annual_schemas import AnnualReport, ObjectiveLine, TaskLine
from desdesk.domain.check_types import Finding, Level
from desdesk.domain.enums import ObjectiveStatus
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import Account
from desdesk.i18n import N_, _, format_date, format_number
from desdesk.money_schemas import IndicatorRead, PeriodValue
from desdesk.reports import styles as st
from desdesk.reports.annual_charts import income_chart
from desdesk.reports.annual_sections import sentence, sub
from desdesk.reports.annual_titles import section_title
from desdesk.reports.base import PageContext
from desdesk.reports.budget import public_share_paragraph, sources_rows
from desdesk.reports.cells import Span, Stack
from desdesk.reports.flowables import facts, heading, para
from desdesk.reports.indicators import latest_cell, name_cell
from desdesk.reports.money_common import MISSING, money, percent_text, value_text
from desdesk.reports.tables import Cell, Column, data_table

# Where a finding is fixed: the main window's sections (ui/sections/registry.py labels).
_SECTIONS = {
    "district": N_("Distretto"),
    "members": N_("Aderenti"),
    "referents": N_("Referenti"),
    "offices": N_("Cariche"),
    "assemblies": N_("Assemblee"),
    "budget": N_("Bilancio"),
    "indicators": N_("Indicatori"),
    "documents": N_("Documenti"),
}
_LEVEL_COLOURS = {Level.WARNING: st.INK, Level.ERROR: st.WARNING}


# -- 5. objectives -------------------------------------------------------------------------


def _status_label(code: str) -> str:
    try:
        return ObjectiveStatus(code).label()
    except ValueError:
        return code


def _objective_value(line: ObjectiveLine, value: Decimal | None) -> str:
    if value is None:
        return MISSING
    if line.unit is not None:
        return value_text(value, line.unit)
    return f"{format_number(value)} {line.target_unit}".strip()


def objectives_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, section_title(5))]
    if not report.objectives:
        return [*story, sentence(ctx, _("Il distretto non ha obiettivi registrati."))]
    columns = [  # millimetres of portrait A4's 174
        Column(_("Obiettivo"), 40),
        Column(_("Stato"), 18),
        Column(_("Indicatore collegato"), 33),
        Column(_("Valore obiettivo"), 21, align="RIGHT"),
        Column(_("Scadenza"), 20),
        Column(_("Valore attuale"), 20, align="RIGHT"),
        Column(_("Avanzamento"), 22, align="RIGHT"),
    ]
    rows: list[list[Cell]] = [
        [
            line.title,
            _status_label(line.status),
            line.indicator or MISSING,
            _objective_value(line, line.target_value),
            format_date(line.deadline) or MISSING,
            _objective_value(line, line.current) if line.indicator else MISSING,
            percent_text(line.progress_percent),
        ]
        for line in report.objectives
    ]
    note = _(
        "Valore attuale: l'ultimo valore dell'indicatore collegato al {date}; avanzamento: "
        "il valore attuale sul valore obiettivo."
    ).format(date=format_date(report.as_of))
    return [*story, data_table(ctx, columns, rows), para(note, ctx.styles.note)]


# -- 6. tasks -------------------------------------------------------------------------------


def _task_status(line: TaskLine, year: int) -> Cell:
    if line.done_on is not None and line.done_on.year <= year and not line.open_at_end:
        return _("fatto il {date}").format(date=format_date(line.done_on))
    if line.overdue:
        return Stack((Span(_("in ritardo"), st.BOLD, st.WARNING),))
    return _("aperto")


def tasks_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    part, year = report.tasks, report.year
    story: list[Flowable] = [*heading(ctx, section_title(6))]
    if not part.tasks:
        text = _("Nel {year} non risultano compiti assegnati.").format(year=year)
        return [*story, sentence(ctx, text)]
    end = format_date(report.as_of)
    rows = [
        (_("Assegnati nel {year}").format(year=year), format_number(part.assigned)),
        (_("Fatti nel {year}").format(year=year), format_number(part.done)),
        (_("Ancora aperti al {date}").format(date=end), format_number(part.still_open)),
        (_("di cui in ritardo"), format_number(part.overdue)),
    ]
    columns = [
        Column(_("Compito"), 70),
        Column(_("Aderente"), 45),
        Column(_("Assegnato"), 22),
        Column(_("Scadenza"), 22),
        Column(_("Stato"), 28),
    ]
    lines = sorted(part.tasks, key=lambda t: (t.due_date or date.max, t.task_id))
    table: list[list[Cell]] = [
        [
            t.description,
            t.member_name,
            format_date(t.assigned_on) or MISSING,
            format_date(t.due_date) or MISSING,
            _task_status(t, year),
        ]
        for t in lines
    ]
    return [
        *story,
        facts(ctx, rows, indented={3}),
        Spacer(1, 3 * mm),
        data_table(ctx, columns, table),
    ]


# -- 7. budget -------------------------------------------------------------------------------


def budget_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    part, year = report.budget, report.year
    story: list[Flowable] = [*heading(ctx, section_title(7))]
    statement = part.statement
    if statement is None:
        text = _("Per il {year} non ci sono conti registrati.").format(year=year)
        return [*story, sentence(ctx, text)]
    end = format_date(date(year, 12, 31))
    closing = {line.account: line.closing for line in statement.cash}
    rows = [
        (_("Entrate della gestione"), money(part.income)),
        (_("Uscite della gestione"), money(part.expenses)),
        (_("Avanzo/disavanzo complessivo"), money(part.result)),
        (_("Cassa al {date}").format(date=end), money(closing.get(Account.CASH, ZERO))),
        (_("Banca al {date}").format(date=end), money(closing.get(Account.BANK, ZERO))),
    ]
    story += [facts(ctx, rows), *sub(ctx, _("Fonti di finanziamento {year}").format(year=year))]
    if not any(statement.income_by_source.values()):
        text = _("Nessuna entrata della gestione registrata nel {year}.").format(year=year)
        return [*story, sentence(ctx, text)]
    columns = [
        Column(_("Fonte"), 120),
        Column(_("Importo"), 40, "RIGHT"),
        Column(_("%"), 25, "RIGHT"),
    ]
    story += [
        data_table(ctx, columns, sources_rows(statement.income_by_source)),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                para(_("Entrate per fonte"), ctx.styles.muted),
                income_chart(ctx.width, statement.income_by_source),
            ]
        ),
        Spacer(1, 2 * mm),
        public_share_paragraph(ctx, statement),
    ]
    return story


# -- 8. indicators ----------------------------------------------------------------------------


def _has_data(indicator: IndicatorRead, target: Decimal | None, latest: PeriodValue | None) -> bool:
    """A target, a value typed in, or a value desdesk computed from some data (a computed
    zero of a district with no data yet says nothing)."""
    if target is not None:
        return True
    if latest is None or latest.value is None:
        return False
    return not (latest.computed or indicator.computed) or latest.value != 0


def indicators_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    year = report.year
    story: list[Flowable] = [*heading(ctx, section_title(8))]
    if not report.indicators:
        text = _("Il distretto non ha indicatori attivi nel {year}.").format(year=year)
        return [*story, sentence(ctx, text)]
    measured = [row for row in report.indicators if _has_data(*row)]
    if not measured:
        text = _("Nel {year} gli indicatori non hanno né valori né obiettivi.").format(year=year)
        return [*story, sentence(ctx, text)]
    columns = [
        Column(_("Area"), 36),
        Column(_("Indicatore"), 60),
        Column(_("Obiettivo {year}").format(year=year), 30, align="RIGHT"),
        Column(_("Valore {year}").format(year=year), 40, align="RIGHT"),
    ]
    rows: list[list[Cell]] = [
        [
            indicator.data.area,
            name_cell(indicator),
            value_text(target, indicator.unit),
            latest_cell(indicator, latest),
        ]
        for indicator, target, latest in report.indicators
    ]
    note = _(
        "Valore: l'ultimo del {year} («calcolato»: ricavato da desdesk dai dati del "
        "distretto). I grafici sono nel documento «Indicatori di monitoraggio»."
    ).format(year=year)
    return [*story, data_table(ctx, columns, rows), para(note, ctx.styles.note)]


# -- 9. critical issues -------------------------------------------------------------------------


def _finding_cell(finding: Finding) -> Stack:
    spans = [Span(finding.message)]
    if finding.reason:
        spans.append(Span(finding.reason, st.ITALIC, st.MUTED))
    if finding.target is not None and finding.target.section in _SECTIONS:
        where = _(_SECTIONS[finding.target.section])
        spans.append(Span(_("Dove intervenire in desdesk: {section}.").format(section=where)))
    return Stack(tuple(spans))


def findings_story(ctx: PageContext, report: AnnualReport) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, section_title(9))]
    if not report.findings:
        return [*story, sentence(ctx, _("Il controllo del distretto non ha trovato criticità."))]
    intro = _(
        "Dal controllo del distretto al {date}: errori (requisiti non soddisfatti) e avvisi."
    ).format(date=format_date(report.as_of))
    columns = [
        Column(_("Regola"), 14, bold=True),
        Column(_("Esito"), 18),
        Column(_("Criticità e rimedio"), 148),
    ]
    rows: list[list[Cell]] = [
        [
            f.rule,
            Stack((Span(f.level.label(), st.BOLD, _LEVEL_COLOURS.get(f.level, st.INK)),)),
            _finding_cell(f),
        ]
        for f in report.findings
    ]
    return [*story, para(intro, ctx.styles.muted), data_table(ctx, columns, rows)]
