"""Rendiconto per cassa: a year's plan against its actuals, laid out as Modello D.

Each operating section A–E lists its uscite and entrate categories with preventivo,
consuntivo, scostamento, percentage and the previous year's consuntivo beside, closed by
its totals and its avanzo/disavanzo; then the operating totals, taxes, investments and
divestments, the overall result, cash and bank, the funding-source mix (with H5's
public share) and the structure-cost share (H6). The arithmetic is the domain's
(`desdesk.domain.budget_rules`): this module only prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desdesk.domain.budget_rules import (
    OPERATING_SECTIONS,
    Amounts,
    Statement,
    StatementLine,
)
from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource
from desdesk.i18n import N_, _, format_date
from desdesk.money_schemas import YearStatement
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.money_common import (
    MISSING,
    bold,
    bold_row,
    indent,
    money,
    percent_text,
)
from desdesk.reports.money_titles import budget_title
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import DistrictProfile

SURPLUS_LABELS: dict[BudgetSection, str] = {
    BudgetSection.GENERAL_INTEREST: N_("Avanzo/disavanzo attività di interesse generale"),
    BudgetSection.OTHER_ACTIVITIES: N_("Avanzo/disavanzo attività diverse"),
    BudgetSection.FUNDRAISING: N_("Avanzo/disavanzo attività di raccolta fondi"),
    BudgetSection.FINANCIAL: N_("Avanzo/disavanzo attività finanziarie e patrimoniali"),
    BudgetSection.GENERAL_SUPPORT: N_("Avanzo/disavanzo attività di supporto generale"),
    BudgetSection.INVESTMENTS: N_(
        "Avanzo/disavanzo da investimenti e disinvestimenti patrimoniali"
    ),
}


Pick = Callable[[Statement], Amounts]


class _Printer:
    """Rows of the statement tables: the year's amounts with the previous year's beside."""

    def __init__(self, current: Statement, previous: Statement | None) -> None:
        self.current = current
        self.previous = previous
        self._previous_lines: Mapping[int, Amounts] = (
            {line.category_id: line.amounts for line in previous.lines()} if previous else {}
        )

    @staticmethod
    def columns(year: int) -> list[Column]:
        """Weights in millimetres of landscape A4's 261 mm."""
        return [
            Column(_("Codice"), 16),
            Column(_("Voce"), 105),
            Column(_("Preventivo {year}").format(year=year), 27, align="RIGHT"),
            Column(_("Consuntivo {year}").format(year=year), 27, align="RIGHT"),
            Column(_("Scostamento"), 27, align="RIGHT"),
            Column(_("%"), 15, align="RIGHT"),
            Column(_("Consuntivo {year}").format(year=year - 1), 27, align="RIGHT"),
        ]

    def figures(
        self, amounts: Amounts, previous: Amounts | None, result: bool = False
    ) -> list[str]:
        """Preventivo, consuntivo, scostamento, % (not of a result: a share of a
        disavanzo means nothing) and the previous year's consuntivo."""
        return [
            money(amounts.planned),
            money(amounts.actual),
            money(amounts.variance),
            MISSING if result else percent_text(amounts.percent),
            money(previous.actual) if previous is not None else MISSING,
        ]

    def line_row(self, line: StatementLine) -> list[Cell]:
        previous = self._previous_lines.get(line.category_id, Amounts()) if self.previous else None
        return [line.code, indent(line.name, line.depth), *self.figures(line.amounts, previous)]

    def total_row(self, label: str, pick: Pick, result: bool = False) -> list[Cell]:
        """A bold row of `pick`'s amounts (the same pick gives the previous year's)."""
        amounts = pick(self.current)
        previous = pick(self.previous) if self.previous else None
        negative = result and amounts.actual < 0
        return [
            "",
            bold(label, negative),
            *bold_row(self.figures(amounts, previous, result), negative),
        ]

    def flow_rows(self, section: BudgetSection, flow: Flow) -> list[list[Cell]]:
        """The section's categories of one flow: the root as a heading, then its lines."""
        lines = self.current.expense_lines if flow is Flow.EXPENSE else self.current.income_lines
        rows: list[list[Cell]] = []
        for line in (line for line in lines if line.section is section):
            if line.depth == 0 and not line.is_leaf:
                rows.append([bold(line.code), bold(line.name), "", "", "", "", ""])
            else:
                rows.append(self.line_row(line))
        return rows


def section_table(
    ctx: PageContext, printer: _Printer, year: int, section: BudgetSection
) -> Flowable:
    """One section: uscite, their total, entrate, their total, the section's result."""
    rows = [
        *printer.flow_rows(section, Flow.EXPENSE),
        printer.total_row(_("Totale uscite"), lambda s: s.sections[section].expenses),
        *printer.flow_rows(section, Flow.INCOME),
        printer.total_row(_("Totale entrate"), lambda s: s.sections[section].income),
        printer.total_row(
            _(SURPLUS_LABELS[section]), lambda s: s.sections[section].surplus, result=True
        ),
    ]
    return data_table(ctx, _Printer.columns(year), rows)


def totals_table(ctx: PageContext, printer: _Printer, year: int) -> Flowable:
    """Operating totals, the result before taxes and investments, taxes, and after them."""
    rows = [
        printer.total_row(_("Totale uscite della gestione"), lambda s: s.operating.expenses),
        printer.total_row(_("Totale entrate della gestione"), lambda s: s.operating.income),
        printer.total_row(
            _(
                "Avanzo/disavanzo d'esercizio prima di investimenti e disinvestimenti "
                "patrimoniali e imposte"
            ),
            lambda s: s.operating.surplus,
            result=True,
        ),
        printer.total_row(_("Imposte"), lambda s: s.taxes),
        printer.total_row(
            _("Avanzo/disavanzo d'esercizio prima di investimenti e disinvestimenti patrimoniali"),
            lambda s: s.before_investments,
            result=True,
        ),
    ]
    return data_table(ctx, _Printer.columns(year), rows)


def overall_table(ctx: PageContext, printer: _Printer, year: int) -> Flowable:
    rows = [
        printer.total_row(
            _("Avanzo/disavanzo d'esercizio prima di investimenti e disinvestimenti patrimoniali"),
            lambda s: s.before_investments,
            result=True,
        ),
        printer.total_row(
            _(SURPLUS_LABELS[BudgetSection.INVESTMENTS]),
            lambda s: s.investments.surplus,
            result=True,
        ),
        printer.total_row(_("Avanzo/disavanzo complessivo"), lambda s: s.overall, result=True),
    ]
    return data_table(ctx, _Printer.columns(year), rows)


def cash_table(ctx: PageContext, report: YearStatement) -> Flowable:
    """Cassa e banca: each account's opening, what came in and out, the giroconti
    between the accounts (a column only when there are some), closing."""
    transfers = any(line.transfers_in or line.transfers_out for line in report.cash)
    columns = [
        Column(_("Conto"), 60),
        Column(_("Saldo al {date}").format(date=format_date(date(report.year, 1, 1))), 40, "RIGHT"),
        Column(_("Entrate"), 40, align="RIGHT"),
        Column(_("Uscite"), 40, align="RIGHT"),
        *([Column(_("Giroconti"), 40, align="RIGHT")] if transfers else []),
        Column(
            _("Saldo al {date}").format(date=format_date(date(report.year, 12, 31))), 40, "RIGHT"
        ),
    ]
    rows: list[list[Cell]] = [
        [
            line.account.label(),
            money(line.opening),
            money(line.income),
            money(line.expenses),
            *([money(line.transfers_in - line.transfers_out)] if transfers else []),
            money(line.closing),
        ]
        for line in report.cash
    ]
    totals = [
        sum((getattr(line, name) for line in report.cash), ZERO)
        for name in ("opening", "income", "expenses", "closing")
    ]
    if transfers:  # what leaves one account enters the other: zero in total
        moved = sum((line.transfers_in - line.transfers_out for line in report.cash), ZERO)
        totals.insert(3, moved)
    rows.append(bold_row([_("Totale cassa e banca"), *(money(total) for total in totals)]))
    return data_table(ctx, columns, rows)


def sources_rows(income: Mapping[FundingSource, Decimal]) -> list[list[Cell]]:
    """One row per funding source that brought money, in the vocabulary's order."""
    total = sum(income.values(), ZERO)
    rows: list[list[Cell]] = [
        [source.label(), money(amount), percent_text(percent(amount, total))]
        for source in FundingSource
        if (amount := income.get(source, ZERO))
    ]
    rows.append(
        bold_row(
            [_("Totale entrate della gestione"), money(total), percent_text(percent(total, total))]
        )
    )
    return rows


def sources_story(ctx: PageContext, report: YearStatement) -> list[Flowable]:
    """The funding-source mix of the year, and the public share against H5's threshold."""
    styles = ctx.styles
    story: list[Flowable] = [
        *heading(ctx, _("Fonti di finanziamento {year}").format(year=report.year))
    ]
    if not any(report.income_by_source.values()):
        story.append(
            para(
                _("Nessuna entrata della gestione registrata nel {year}.").format(year=report.year),
                styles.body,
            )
        )
        return story
    columns = [
        Column(_("Fonte"), 120),
        Column(_("Importo"), 40, "RIGHT"),
        Column(_("%"), 25, "RIGHT"),
    ]
    story.append(data_table(ctx, columns, sources_rows(report.income_by_source)))
    story.append(Spacer(1, 3 * mm))
    story.append(public_share_paragraph(ctx, report))
    return story


def public_share_paragraph(ctx: PageContext, report: YearStatement) -> Flowable:
    threshold = percent_text(report.public_share_limit)
    share = report.public_share
    text = _(
        "Quota delle entrate da enti pubblici: {share} (soglia di attenzione H5: {threshold})."
    ).format(share=percent_text(share), threshold=threshold)
    if share is not None and share > report.public_share_limit:
        text += " " + _("Supera la soglia: il distretto dipende dal finanziamento pubblico.")
        return para(text, ctx.styles.warning)
    return para(text, ctx.styles.body)


def structure_paragraph(ctx: PageContext, report: YearStatement) -> Flowable:
    """H6: structure costs over the operating uscite actually spent."""
    if report.structure_share is None:
        text = _("Costi di struttura (H6): nessuna uscita della gestione nel {year}.")
        return para(text.format(year=report.year), ctx.styles.body)
    text = _(
        "Costi di struttura (H6): {share} delle uscite della gestione (supporto generale "
        "e voci indicate come costi di struttura)."
    ).format(share=percent_text(report.structure_share))
    return para(text, ctx.styles.body)


def summary(report: YearStatement) -> list[tuple[str, str]]:
    statement = report.statement
    closing = sum((line.closing for line in report.cash), ZERO)
    return [
        (_("Entrate della gestione"), money(statement.operating.income.actual)),
        (_("Uscite della gestione"), money(statement.operating.expenses.actual)),
        (_("Avanzo/disavanzo complessivo"), money(statement.overall.actual)),
        (
            _("Cassa e banca al {date}").format(date=format_date(date(report.year, 12, 31))),
            money(closing),
        ),
    ]


def _has_amounts(statement: Statement, attribute: str) -> bool:
    return any(getattr(line.amounts, attribute) for line in statement.lines())


def year_line(report: YearStatement, today: date) -> str:
    if report.closed:
        return _("Esercizio {year}, chiuso").format(year=report.year)
    return _("Esercizio {year}, aperto: dati al {date}").format(
        year=report.year, date=format_date(today)
    )


def statement_story(ctx: PageContext, report: YearStatement) -> list[Flowable]:
    """The Modello D tables, or a plain sentence when the year holds nothing."""
    styles, year = ctx.styles, report.year
    story: list[Flowable] = []
    if not _has_amounts(report.statement, "actual"):
        story.append(
            para(_("Nessun movimento registrato nel {year}.").format(year=year), styles.body)
        )
    if not _has_amounts(report.statement, "actual") and not _has_amounts(
        report.statement, "planned"
    ):
        story.append(para(_("Nessun preventivo per il {year}.").format(year=year), styles.body))
        return story
    if report.previous is None:
        story.append(
            para(
                _("Nessun rendiconto del {year}: la colonna resta vuota.").format(year=year - 1),
                styles.note,
            )
        )
    printer = _Printer(report.statement, report.previous)
    for section in OPERATING_SECTIONS:
        story += heading(ctx, section.label())
        story.append(section_table(ctx, printer, year, section))
    story += heading(ctx, _("Totali della gestione e imposte"))
    story.append(totals_table(ctx, printer, year))
    story += heading(ctx, BudgetSection.INVESTMENTS.label())
    story.append(section_table(ctx, printer, year, BudgetSection.INVESTMENTS))
    story += heading(ctx, _("Risultato complessivo"))
    story.append(overall_table(ctx, printer, year))
    return story


def _story(ctx: PageContext, profile: DistrictProfile, report: YearStatement) -> list[Flowable]:
    today = ctx.info.generation_date
    story: list[Flowable] = [
        *title_block(
            ctx,
            budget_title() + f" {report.year}",
            profile.name,
            [profile_line(profile), year_line(report, today)],
        ),
        facts(ctx, summary(report)),
        *statement_story(ctx, report),
        *heading(ctx, _("Cassa e banca")),
        cash_table(ctx, report),
        *sources_story(ctx, report),
        structure_paragraph(ctx, report),
    ]
    return story


def budget_pdf(
    profile: DistrictProfile, report: YearStatement, *, generated_on: date | None = None
) -> bytes:
    """The Rendiconto per cassa of `report.year` as PDF bytes (A4 landscape)."""
    info = DocumentInfo(
        title=f"{budget_title()} {report.year}",
        district_name=profile.name,
        subject=_("Rendiconto per cassa {year} del distretto {name}").format(
            year=report.year, name=profile.name
        ),
        generated_on=generated_on,
        landscape=True,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, report))
