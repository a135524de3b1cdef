"""Indicatori di monitoraggio (toolkit 3.2): the indicators of a year, their trends, the
objectives linked to them.

First a table of every indicator (area, frequency, who measures it and from what, the
year's target and its latest value, marked "calcolato" when desdesk computed it), then a
chart per indicator over the last three years' periods with its targets, then the
district's objectives linked to an indicator and how far they have come.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from desdesk.i18n import _, format_date, format_number
from desdesk.money_schemas import IndicatorRead, IndicatorSeries, ObjectiveProgress, PeriodValue
from desdesk.reports import styles as st
from desdesk.reports.base import DocumentInfo, PageContext, render_pdf
from desdesk.reports.cells import Span, Stack
from desdesk.reports.common import profile_line
from desdesk.reports.flowables import facts, heading, para, title_block
from desdesk.reports.money_chart import series_chart
from desdesk.reports.money_common import MISSING, percent_text, value_text
from desdesk.reports.money_titles import indicators_title
from desdesk.reports.tables import Cell, Column, data_table
from desdesk.schemas import DistrictProfile

YEARS_CHARTED = 3

OverviewRow = tuple[IndicatorRead, Decimal | None, PeriodValue | None]


@dataclass(frozen=True, slots=True)
class IndicatorsReport:
    """What the document prints: the year's overview (indicator, target of the year,
    latest value in the year), each indicator's series over the last three years, and
    the objectives linked to indicators."""

    year: int
    overview: Sequence[OverviewRow]
    series: Mapping[int, IndicatorSeries] = field(default_factory=dict)  # by indicator id
    objectives: Sequence[ObjectiveProgress] = ()

    @property
    def first_year(self) -> int:
        return self.year - YEARS_CHARTED + 1


def latest_cell(indicator: IndicatorRead, latest: PeriodValue | None) -> Cell:
    """The latest value in bold, with its period and "calcolato" under it."""
    if latest is None or latest.value is None:
        return MISSING
    detail = latest.label
    if latest.computed or indicator.computed:
        detail += " · " + _("calcolato")
    return Stack(
        (
            Span(value_text(latest.value, indicator.unit), st.BOLD),
            Span(detail, st.ITALIC, st.MUTED),
        )
    )


def name_cell(indicator: IndicatorRead) -> Cell:
    if indicator.retired_on is None:
        return indicator.data.name
    retired = _("ritirato il {date}").format(date=format_date(indicator.retired_on))
    return Stack((Span(indicator.data.name), Span(retired, st.ITALIC, st.MUTED)))


def overview_table(ctx: PageContext, report: IndicatorsReport) -> Flowable:
    """Weights in millimetres of landscape A4's 261 mm."""
    columns = [
        Column(_("Area"), 36),
        Column(_("Indicatore"), 62),
        Column(_("Frequenza"), 21),
        Column(_("Responsabile"), 34),
        Column(_("Fonte dei dati"), 38),
        Column(_("Obiettivo {year}").format(year=report.year), 30, align="RIGHT"),
        Column(_("Ultimo valore {year}").format(year=report.year), 40, align="RIGHT"),
    ]
    rows: list[list[Cell]] = [
        [
            indicator.data.area,
            name_cell(indicator),
            indicator.frequency.label(),
            indicator.data.responsible,
            indicator.data.data_source,
            value_text(target, indicator.unit),
            latest_cell(indicator, latest),
        ]
        for indicator, target, latest in report.overview
    ]
    return data_table(ctx, columns, rows)


def chart_block(ctx: PageContext, report: IndicatorsReport, indicator: IndicatorRead) -> Flowable:
    """Heading, a line on how it is measured, and the chart (or why there is none)."""
    styles = ctx.styles
    title = f"{indicator.data.area} – {indicator.data.name}"
    how = [indicator.frequency.label(), indicator.unit.label()]
    if indicator.metric is not None:
        how.append(_("calcolato da desdesk: {what}").format(what=indicator.metric.label()))
    parts: list[Flowable] = [para(title, styles.subtitle), para(" · ".join(how), styles.muted)]
    series = report.series.get(indicator.id)
    if series is None or not any(p.value is not None for p in series.values):
        text = _("Nessun valore dal {first} al {last}.").format(
            first=report.first_year, last=report.year
        )
        parts.append(para(text, styles.body))
    else:
        parts.append(series_chart(ctx.width, series))
        targets = [
            f"{year}: {value_text(value, indicator.unit)}"
            for year, value in sorted(series.targets.items())
            if report.first_year <= year <= report.year
        ]
        if targets:
            line = _("Obiettivi: {targets}").format(targets="; ".join(targets))
            parts.append(para(line, styles.note))
    return KeepTogether(parts)


def charts_story(ctx: PageContext, report: IndicatorsReport) -> list[Flowable]:
    heading_text = _("Andamento dal {first} al {last}").format(
        first=report.first_year, last=report.year
    )
    # The charts are large: they start on a page of their own, heading included.
    story: list[Flowable] = [PageBreak(), para(heading_text, ctx.styles.heading)]
    for indicator, _target, _latest in report.overview:
        story.append(chart_block(ctx, report, indicator))
    return story


def objectives_story(ctx: PageContext, report: IndicatorsReport) -> list[Flowable]:
    story: list[Flowable] = [*heading(ctx, _("Obiettivi collegati agli indicatori"))]
    if not report.objectives:
        text = _("Nessun obiettivo del distretto è collegato a un indicatore.")
        story.append(para(text, ctx.styles.body))
        return story
    indicators = {indicator.id: indicator for indicator, _t, _l in report.overview}
    indicators |= {s.indicator.id: s.indicator for s in report.series.values()}
    columns = [
        Column(_("Obiettivo"), 70),
        Column(_("Indicatore"), 62),
        Column(_("Valore obiettivo"), 30, align="RIGHT"),
        Column(_("Scadenza"), 22),
        Column(_("Valore attuale"), 30, align="RIGHT"),
        Column(_("Avanzamento"), 26, align="RIGHT"),
    ]
    rows: list[list[Cell]] = []
    for objective in report.objectives:
        indicator = indicators.get(objective.indicator_id)
        unit = indicator.unit if indicator else None
        rows.append(
            [
                objective.title,
                indicator.data.name if indicator else MISSING,
                value_text(objective.target_value, unit)
                if unit
                else _plain(objective.target_value),
                format_date(objective.deadline) or MISSING,
                value_text(objective.current, unit) if unit else _plain(objective.current),
                percent_text(objective.progress_percent),
            ]
        )
    story.append(data_table(ctx, columns, rows))
    return story


def _plain(value: Decimal | None) -> str:
    return MISSING if value is None else format_number(value)


def summary(report: IndicatorsReport) -> list[tuple[str, str]]:
    overview = report.overview
    return [
        (_("Indicatori"), format_number(len(overview))),
        (
            _("di cui calcolati da desdesk"),
            format_number(sum(1 for i, _t, _l in overview if i.computed)),
        ),
        (
            _("Con un obiettivo per il {year}").format(year=report.year),
            format_number(sum(1 for _i, t, _l in overview if t is not None)),
        ),
        (
            _("Con un valore nel {year}").format(year=report.year),
            format_number(
                sum(1 for _i, _t, v in overview if v is not None and v.value is not None)
            ),
        ),
    ]


def _story(ctx: PageContext, profile: DistrictProfile, report: IndicatorsReport) -> list[Flowable]:
    year_line = _("Anno {year}").format(year=report.year)
    story: list[Flowable] = [
        *title_block(ctx, indicators_title(), profile.name, [profile_line(profile), year_line]),
    ]
    if not report.overview:
        story.append(para(_("Il distretto non ha indicatori attivi."), ctx.styles.body))
        return [*story, *objectives_story(ctx, report)]
    return [
        *story,
        facts(ctx, summary(report), indented={1}),
        *heading(
            ctx, _("Indicatori, obiettivi e ultimi valori del {year}").format(year=report.year)
        ),
        overview_table(ctx, report),
        para(
            _(
                "“calcolato”: valore ricavato da desdesk dai dati del distretto, non inserito a mano."
            ),
            ctx.styles.note,
        ),
        *charts_story(ctx, report),
        *objectives_story(ctx, report),
    ]


def indicators_pdf(
    profile: DistrictProfile, report: IndicatorsReport, *, generated_on: date | None = None
) -> bytes:
    """The Indicatori di monitoraggio of `report.year` as PDF bytes (A4 landscape)."""
    info = DocumentInfo(
        title=f"{indicators_title()} {report.year}",
        district_name=profile.name,
        subject=_("Indicatori di monitoraggio {year} del distretto {name}").format(
            year=report.year, name=profile.name
        ),
        generated_on=generated_on,
        landscape=True,
    )
    return render_pdf(info, lambda ctx: _story(ctx, profile, report))
