"""Piano finanziario (C11): initial investments, the years around this one, the sources.

The multi-year table has one column per past year (its consuntivo), two for the current
year (preventivo and consuntivo so far) and one per forecast year (its preventivo), and
for each section of the rendiconto its entrate, uscite and result; then the operating
totals, taxes, investments and the overall result. The planned funding sources of the
forecast years follow, with the public share measured against H5's threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desdesk.domain.budget_rules import (
    OPERATING_SECTIONS,
    Amounts,
    Statement,
    public_share,
)
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import BudgetSection, FundingSource
from desdesk.i18n import _
from desdesk.money_schemas import InvestmentRead, MultiYearView, YearColumn
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.money_common import MISSING, bold, bold_row, money, percent_text
from desdesk.reports.money_titles import plan_title
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import DistrictProfile

PAST = "consuntivo"
CURRENT = "corrente"
FORECAST = "previsione"

Pick = Callable[[Statement], Amounts]


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric column of the multi-year table: a year and which of its amounts."""

    year: int
    planned: bool  # the preventivo (forecast, current plan) or the consuntivo

    def heading(self) -> str:
        what = _("preventivo") if self.planned else _("consuntivo")
        return f"{self.year}\n{what}"

    def of(self, amounts: Amounts) -> Decimal:
        return amounts.planned if self.planned else amounts.actual


def figures(columns: Sequence[YearColumn]) -> list[tuple[Figure, YearColumn]]:
    """The table's numeric columns: past actuals, current plan and actuals, forecast plans."""
    out: list[tuple[Figure, YearColumn]] = []
    for column in columns:
        if column.kind == CURRENT:
            out.append((Figure(column.year, planned=True), column))
        out.append((Figure(column.year, planned=column.kind == FORECAST), column))
    return out


def _row(
    label: str, pick: Pick, numbers: Sequence[tuple[Figure, YearColumn]], result: bool = False
) -> list[Cell]:
    values = [figure.of(pick(column.statement)) for figure, column in numbers]
    texts = [money(value) for value in values]
    if not result:
        return [label, *texts]
    return [
        bold(label),
        *(bold(text, value < 0) for text, value in zip(texts, values, strict=True)),
    ]


def _section_rows(
    section: BudgetSection, numbers: Sequence[tuple[Figure, YearColumn]]
) -> list[list[Cell]]:
    blanks: list[Cell] = [""] * len(numbers)
    return [
        [bold(section.label()), *blanks],
        _row(_("Entrate"), lambda s: s.sections[section].income, numbers),
        _row(_("Uscite"), lambda s: s.sections[section].expenses, numbers),
        _row(_("Risultato"), lambda s: s.sections[section].surplus, numbers, result=True),
    ]


def multi_year_table(ctx: PageContext, view: MultiYearView) -> Flowable:
    numbers = figures(view.columns)
    columns = [
        Column(_("Sezione"), 75),
        *[Column(figure.heading(), 23, align="RIGHT") for figure, _c in numbers],
    ]
    rows: list[list[Cell]] = []
    for section in OPERATING_SECTIONS:
        rows += _section_rows(section, numbers)
    rows += [
        _row(_("Totale entrate della gestione"), lambda s: s.operating.income, numbers, True),
        _row(_("Totale uscite della gestione"), lambda s: s.operating.expenses, numbers, True),
        _row(_("Risultato della gestione"), lambda s: s.operating.surplus, numbers, True),
        _row(_("Imposte"), lambda s: s.taxes, numbers),
        *_section_rows(BudgetSection.INVESTMENTS, numbers),
        _row(_("Avanzo/disavanzo complessivo"), lambda s: s.overall, numbers, True),
    ]
    return data_table(ctx, columns, rows)


def source_label(code: str | None) -> str:
    if code is None:
        return MISSING
    try:
        return FundingSource(code).label()
    except ValueError:
        return code


def investments_story(ctx: PageContext, investments: Sequence[InvestmentRead]) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, _("Investimenti iniziali"))]
    if not investments:
        story.append(para(_("Nessun investimento iniziale registrato."), ctx.styles.body))
        return story
    columns = [
        Column(_("Descrizione"), 110),
        Column(_("Anno"), 18, align="RIGHT"),
        Column(_("Importo"), 32, align="RIGHT"),
        Column(_("Fonte di finanziamento"), 45),
        Column(_("Note"), 56),
    ]
    ordered = sorted(investments, key=lambda i: (i.data.year, i.data.description, i.id))
    rows: list[list[Cell]] = [
        [
            item.data.description,
            str(item.data.year),
            money(item.data.amount),
            source_label(item.data.source),
            item.data.notes,
        ]
        for item in ordered
    ]
    total = sum((item.data.amount for item in investments), ZERO)
    rows.append(bold_row([_("Totale investimenti iniziali"), "", money(total), "", ""]))
    story.append(data_table(ctx, columns, rows))
    return story


def sources_story(ctx: PageContext, view: MultiYearView) -> list[Flowable]:
    """Planned income per funding source in each forecast year, and its public share."""
    forecast = [column for column in view.columns if column.kind == FORECAST]
    story: list[Flowable] = [*heading(ctx, _("Fonti di finanziamento previste"))]
    used = [s for s in FundingSource if any(c.planned_sources.get(s, ZERO) for c in forecast)]
    if not used:
        story.append(para(_("Nessuna entrata prevista negli anni di previsione."), ctx.styles.body))
        return story
    columns = [
        Column(_("Fonte"), 75),
        *[Column(str(c.year), 30, align="RIGHT") for c in forecast],
    ]
    totals = [sum(c.planned_sources.values(), ZERO) for c in forecast]
    public = [public_share(c.planned_sources) for c in forecast]
    rows: list[list[Cell]] = [
        [source.label(), *[money(c.planned_sources.get(source, ZERO)) for c in forecast]]
        for source in used
    ]
    rows.append(bold_row([_("Totale entrate previste"), *[money(t) for t in totals]]))
    rows.append([_("Quota da enti pubblici"), *[percent_text(p) for p in public]])
    over = [
        c.year
        for c, p in zip(forecast, public, strict=True)
        if p is not None and p > view.public_share_limit
    ]
    threshold = percent_text(view.public_share_limit)
    if over:
        text = _(
            "Anni in cui la quota pubblica prevista supera la soglia di attenzione H5 "
            "({threshold}): {years}. Il piano dipende dal finanziamento pubblico."
        ).format(threshold=threshold, years=", ".join(str(y) for y in over))
        story.append(para(text, ctx.styles.warning))
    else:
        text = _("La quota pubblica prevista resta entro la soglia di attenzione H5 ({threshold}).")
        story.append(para(text.format(threshold=threshold), ctx.styles.body))
    story.append(Spacer(1, 2 * mm))
    story.append(data_table(ctx, columns, rows))
    return story


def _has_amounts(column: YearColumn) -> bool:
    return any(line.amounts.planned or line.amounts.actual for line in column.statement.lines())


def summary(view: MultiYearView) -> list[tuple[str, str]]:
    forecast = [c for c in view.columns if c.kind == FORECAST]
    pairs = [
        (_("Investimenti iniziali"), money(sum((i.data.amount for i in view.investments), ZERO)))
    ]
    pairs += [
        (_("Risultato previsto {year}").format(year=c.year), money(c.statement.overall.planned))
        for c in forecast
    ]
    return pairs


def span_line(view: MultiYearView) -> str:
    years = [c.year for c in view.columns]
    return _("Consuntivi, anno {year} e previsione: dal {first} al {last}").format(
        year=view.current_year, first=min(years), last=max(years)
    )


def multi_year_story(ctx: PageContext, view: MultiYearView) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, _("Entrate, uscite e risultati per anno"))]
    if not any(_has_amounts(c) for c in view.columns):
        text = _("Nessun movimento né preventivo registrato negli anni del piano.")
        story.append(para(text, ctx.styles.body))
        return story
    empty = [c.year for c in view.columns if c.kind == FORECAST and not _has_amounts(c)]
    if empty:
        text = _("Nessun preventivo per: {years}.").format(years=", ".join(map(str, empty)))
        story.append(para(text, ctx.styles.note))
    story.append(multi_year_table(ctx, view))
    note = _(
        "Anni passati: consuntivo. Anno {year}: preventivo e consuntivo a oggi. "
        "Anni successivi: preventivo."
    ).format(year=view.current_year)
    story.append(para(note, ctx.styles.note))
    return story


def _story(ctx: PageContext, profile: DistrictProfile, view: MultiYearView) -> list[Flowable]:
    return [
        *title_block(ctx, plan_title(), profile.name, [profile_line(profile), span_line(view)]),
        facts(ctx, summary(view)),
        *investments_story(ctx, view.investments),
        *multi_year_story(ctx, view),
        *sources_story(ctx, view),
    ]


def plan_pdf(
    profile: DistrictProfile, view: MultiYearView, *, generated_on: date | None = None
) -> bytes:
    """The Piano finanziario from `view.current_year` as PDF bytes (A4 landscape)."""
    info = DocumentInfo(
        title=f"{plan_title()} {view.current_year}",
        district_name=profile.name,
        subject=_("Piano finanziario del distretto {name}").format(name=profile.name),
        generated_on=generated_on,
        landscape=True,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, view))
