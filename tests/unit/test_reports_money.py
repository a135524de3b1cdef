"""The three money PDFs built from hand-made read-models and read back with pypdf: the
totals they print are the ones computed by hand here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.budget_defaults import MODELLO_D
from desdesk.domain.budget_rules import (
    CategoryNode,
    Statement,
    build_statement,
    public_share,
    structure_cost_share,
)
from desdesk.domain.money_enums import Account, FundingSource, IndicatorUnit
from desdesk.i18n import format_money
from desdesk.money_schemas import (
    CashLine,
    IndicatorInput,
    IndicatorRead,
    IndicatorSeries,
    InvestmentInput,
    InvestmentRead,
    MultiYearView,
    ObjectiveProgress,
    PeriodValue,
    YearColumn,
    YearStatement,
)
from desdesk.reports.budget import budget_pdf
from desdesk.reports.financial_plan import plan_pdf
from desdesk.reports.indicators import IndicatorsReport, indicators_pdf
from desdesk.reports.money_common import percent_text, value_text
from desdesk.schemas import DistrictProfile
from tests.pdfs import A4_POINTS, flat, read_pdf

DAY = date(2026, 11, 26)
PROFILE = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")


def modello_d() -> tuple[list[CategoryNode], dict[str, int]]:
    """The default categories as domain nodes, and their ids by code."""
    nodes: list[CategoryNode] = []
    ids: dict[str, int] = {}
    for position, section in enumerate(MODELLO_D):
        root = len(nodes) + 1
        ids[section.code] = root
        nodes.append(
            CategoryNode(root, None, section.code, section.name, section.section, section.flow,
                         position, section.structure_cost)
        )  # fmt: skip
        for index, child in enumerate(section.children):
            ids[child.code] = len(nodes) + 1
            nodes.append(
                CategoryNode(len(nodes) + 1, root, child.code, child.name, section.section,
                             section.flow, index)
            )  # fmt: skip
    return nodes, ids


NODES, IDS = modello_d()


def amounts(**by_code: str) -> dict[int, Decimal]:
    return {IDS[code]: Decimal(value) for code, value in by_code.items()}


def statement(planned: dict[int, Decimal], actual: dict[int, Decimal]) -> Statement:
    return build_statement(NODES, planned, actual)


def money(text: str) -> str:
    return format_money(Decimal(text))


def m(text: str) -> str:
    """How pypdf reads an amount back (the non-breaking space as a plain one)."""
    return flat(money(text))


# -- Rendiconto per cassa ----------------------------------------------------------------

PLANNED = amounts(UA2="1000.00", EA1="800.00", EA8="500.00", UE2="250.00")
ACTUAL = amounts(
    UA2="1200.50", EA1="750.00", EA8="600.00", UE2="300.00", IMP1="20.00", UI1="400.00",
    EI4="150.00",
)  # fmt: skip
INCOME = {FundingSource.MEMBER_FEES: Decimal("750.00"), FundingSource.PUBLIC: Decimal("600.00")}


def year_statement(
    previous: Statement | None = None, income: dict[FundingSource, Decimal] | None = None
) -> YearStatement:
    income = INCOME if income is None else income
    return YearStatement(
        year=2026,
        statement=statement(PLANNED, ACTUAL),
        previous=previous,
        cash=(
            CashLine(Account.CASH, Decimal("100.00"), Decimal("0.00"), Decimal("50.00")),
            CashLine(Account.BANK, Decimal("2000.00"), Decimal("1500.00"), Decimal("1920.50")),
        ),
        income_by_source=income,
        public_share=public_share(income),
        structure_share=structure_cost_share(NODES, ACTUAL),
    )


def budget_text(report: YearStatement) -> str:
    return flat(read_pdf(budget_pdf(PROFILE, report, generated_on=DAY)).text)


def test_the_rendiconto_prints_the_hand_computed_totals() -> None:
    previous = statement({}, amounts(UA2="900.00", EA1="700.00"))

    pdf = read_pdf(budget_pdf(PROFILE, year_statement(previous), generated_on=DAY))
    text = flat(pdf.text)

    assert pdf.page_sizes() == [A4_POINTS[::-1]] * len(pdf.pages)
    assert f"Pagina 1 di {len(pdf.pages)}" in text
    assert any("LiberationSans" in name for name in pdf.fonts())
    assert "Rendiconto per cassa 2026" in text
    assert "Esercizio 2026, aperto: dati al 26/11/2026" in text
    # A line: preventivo, consuntivo, scostamento, %, previous year.
    assert f"UA2 Servizi {m('1000')} {m('1200.50')} {m('200.50')} 120,0% {m('900')}" in text
    # Section A: uscite 1.200,50; entrate 750 + 600 = 1.350; avanzo 149,50 (planned 300).
    assert f"Totale uscite {m('1000')} {m('1200.50')} {m('200.50')} 120,0% {m('900')}" in text
    assert f"Totale entrate {m('1300')} {m('1350')} {m('50')} 103,8% {m('700')}" in text
    assert (
        f"Avanzo/disavanzo attività di interesse generale {m('300')} {m('149.50')} "
        f"{m('-150.50')} — {m('-200')}"
    ) in text
    # Section E: 300 spent against 250 planned, nothing received.
    assert f"Avanzo/disavanzo attività di supporto generale {m('-250')} {m('-300')}" in text
    # Operating: uscite 1.500,50, entrate 1.350, result -150,50; taxes 20 -> -170,50.
    assert f"Totale uscite della gestione {m('1250')} {m('1500.50')}" in text
    assert f"Totale entrate della gestione {m('1300')} {m('1350')}" in text
    assert (
        "Avanzo/disavanzo d'esercizio prima di investimenti e disinvestimenti patrimoniali "
        f"e imposte {m('50')} {m('-150.50')}"
    ) in text
    assert f"Imposte {m('0')} {m('20')}" in text
    # Investments: 150 in, 400 out -> -250; overall -170,50 - 250 = -420,50.
    assert (
        f"Avanzo/disavanzo da investimenti e disinvestimenti patrimoniali {m('0')} {m('-250')}"
    ) in text
    assert f"Avanzo/disavanzo complessivo {m('50')} {m('-420.50')}" in text
    assert f"Avanzo/disavanzo complessivo {m('-420.50')}" in text  # the summary at the top


def test_the_rendiconto_prints_cash_sources_and_shares() -> None:
    text = budget_text(year_statement())

    assert f"Cassa {m('100')} {m('0')} {m('50')} {m('50')}" in text
    assert f"Banca {m('2000')} {m('1500')} {m('1920.50')} {m('1579.50')}" in text
    assert f"Totale cassa e banca {m('2100')} {m('1500')} {m('1970.50')} {m('1629.50')}" in text
    assert "Saldo al 01/01/2026" in text
    assert "Saldo al 31/12/2026" in text
    # 600 of 1.350 from public bodies: 44,4%; 750: 55,6%.
    assert f"Ente pubblico {m('600')} 44,4%" in text
    assert f"Quote dei membri {m('750')} 55,6%" in text
    assert f"Totale entrate della gestione {m('1350')} 100,0%" in text
    assert "Quota delle entrate da enti pubblici: 44,4% (soglia di attenzione H5: 70,0%)." in text
    assert "Supera la soglia" not in text
    # Structure costs: section E's 300 of the 1.500,50 spent in A–E.
    assert "Costi di struttura (H6): 20,0% delle uscite della gestione" in text
    # No previous year: its column is a dash and the document says why.
    assert "Nessun rendiconto del 2025" in text


def test_a_public_share_above_the_threshold_is_called_out() -> None:
    income = {FundingSource.PUBLIC: Decimal("900.00"), FundingSource.PRIVATE: Decimal("100.00")}

    text = budget_text(year_statement(income=income))

    assert "Quota delle entrate da enti pubblici: 90,0%" in text
    assert "Supera la soglia: il distretto dipende dal finanziamento pubblico." in text


def test_an_empty_year_says_so_plainly() -> None:
    empty = YearStatement(
        year=2026,
        statement=statement({}, {}),
        previous=None,
        cash=(CashLine(Account.BANK, Decimal("500.00"), Decimal("0.00"), Decimal("0.00")),),
        income_by_source={},
        public_share=None,
        structure_share=None,
    )

    text = budget_text(empty)

    assert "Nessun movimento registrato nel 2026." in text
    assert "Nessun preventivo per il 2026." in text
    assert "Nessuna entrata della gestione registrata nel 2026." in text
    assert "Costi di struttura (H6): nessuna uscita della gestione nel 2026." in text
    assert "Totale uscite" not in text  # no table of zeros
    assert f"Totale cassa e banca {m('500')} {m('0')} {m('0')} {m('500')}" in text


def test_a_plan_without_movements_still_prints_the_plan() -> None:
    report = YearStatement(2026, statement(PLANNED, {}), None, (), {}, None, None)

    text = budget_text(report)

    assert "Nessun movimento registrato nel 2026." in text
    assert f"UA2 Servizi {m('1000')} {m('0')} {m('-1000')} 0,0% —" in text


# -- Piano finanziario ------------------------------------------------------------------


def plan_view(investments: tuple[InvestmentRead, ...] = ()) -> MultiYearView:
    past = statement({}, amounts(UA2="900.00", EA1="700.00"))
    current = statement(PLANNED, ACTUAL)
    forecast = statement(amounts(UA2="1500.00", EA8="2000.00", EA1="500.00", UI1="300.00"), {})
    sources = {FundingSource.PUBLIC: Decimal("2000.00"), FundingSource.MEMBER_FEES: Decimal("500.00")}  # fmt: skip
    modest = {FundingSource.PUBLIC: Decimal("100.00"), FundingSource.MEMBER_FEES: Decimal("500.00")}  # fmt: skip
    return MultiYearView(
        2026,
        (
            YearColumn(2025, "consuntivo", past),
            YearColumn(2026, "corrente", current),
            YearColumn(2027, "previsione", forecast, sources),
            YearColumn(2028, "previsione", statement({}, {})),
            YearColumn(2029, "previsione", forecast, modest),
        ),
        investments,
    )


INVESTMENTS = (
    InvestmentRead(
        1, InvestmentInput("Furgone per la logistica", Decimal("12000.00"), 2026, "ente_pubblico")
    ),
    InvestmentRead(2, InvestmentInput("Sito web", Decimal("2500.50"), 2025, None, "preventivo")),
)


def plan_text(view: MultiYearView) -> str:
    return flat(read_pdf(plan_pdf(PROFILE, view, generated_on=DAY)).text)


def test_the_plan_lists_the_initial_investments_with_their_total() -> None:
    text = plan_text(plan_view(INVESTMENTS))

    assert "Piano finanziario" in text
    assert "Consuntivi, anno 2026 e previsione: dal 2025 al 2029" in text
    assert f"Sito web 2025 {m('2500.50')} — preventivo" in text
    assert f"Furgone per la logistica 2026 {m('12000')} Ente pubblico" in text
    assert f"Totale investimenti iniziali {m('14500.50')}" in text


def test_the_plan_shows_each_year_per_section_with_results() -> None:
    text = plan_text(plan_view())

    assert "2025 consuntivo 2026 preventivo 2026 consuntivo 2027 preventivo" in text
    # Section A: 2025 actual, 2026 plan and actual, 2027 plan, 2028 nothing, 2029 plan.
    assert (
        f"A) Attività di interesse generale Entrate {m('700')} {m('1300')} {m('1350')} "
        f"{m('2500')} {m('0')} {m('2500')}"
    ) in text
    assert f"Uscite {m('900')} {m('1000')} {m('1200.50')} {m('1500')} {m('0')} {m('1500')}" in text
    assert (
        f"Risultato {m('-200')} {m('300')} {m('149.50')} {m('1000')} {m('0')} {m('1000')}"
    ) in text
    # Overall: the forecast's 1.000 of operating result less 300 of investments.
    assert (
        f"Avanzo/disavanzo complessivo {m('-200')} {m('50')} {m('-420.50')} {m('700')} "
        f"{m('0')} {m('700')}"
    ) in text
    assert f"Risultato previsto 2027 {m('700')}" in text
    assert "Nessun preventivo per: 2028." in text
    assert "Nessun investimento iniziale registrato." in text


def test_the_plan_lists_planned_sources_and_the_public_share() -> None:
    text = plan_text(plan_view())

    assert f"Ente pubblico {m('2000')} {m('0')} {m('100')}" in text
    assert f"Quote dei membri {m('500')} {m('0')} {m('500')}" in text
    assert f"Totale entrate previste {m('2500')} {m('0')} {m('600')}" in text
    assert "Quota da enti pubblici 80,0% — 16,7%" in text
    assert "supera la soglia di attenzione H5 (70,0%): 2027." in text


# -- Indicatori di monitoraggio ---------------------------------------------------------


def indicator(
    id_: int, area: str, name: str, frequency: str, unit: str, *, metric: str | None = None
) -> IndicatorRead:
    data = IndicatorInput(area, name, frequency, "Tesoriere", "Bilancio consuntivo", unit, metric)
    return IndicatorRead(id_, data, id_, None)


FUNDS = indicator(1, "Raccolta fondi", "€ raccolti vs obiettivo", "trimestrale", "euro", metric="fondi_raccolti")  # fmt: skip
SCORE = indicator(2, "Soddisfazione beneficiari", "Punteggio medio", "annuale", "punteggio")
WASTE = indicator(3, "Sostenibilità ambientale", "% rifiuti riciclati", "annuale", "percentuale")


def quarterly_values() -> tuple[PeriodValue, ...]:
    values = []
    for year in (2024, 2025, 2026):
        for period in range(1, 5 if year < 2026 else 4):
            amount = Decimal(1000 * period) if (year, period) != (2025, 2) else None
            values.append(PeriodValue(year, period, f"T{period} {year}", amount, True))
    return tuple(values)


def indicators_report(objectives: tuple[ObjectiveProgress, ...] = ()) -> IndicatorsReport:
    funds = IndicatorSeries(FUNDS, quarterly_values(), {2025: Decimal("3000"), 2026: Decimal("4500")})  # fmt: skip
    score = IndicatorSeries(
        SCORE,
        (PeriodValue(2024, 1, "2024", Decimal("3.5"), False),
         PeriodValue(2025, 1, "2025", Decimal("4.1"), False),
         PeriodValue(2026, 1, "2026", None, False)),
        {2026: Decimal("4.5")},
    )  # fmt: skip
    overview = [
        (FUNDS, Decimal("4500"), quarterly_values()[-1]),
        (SCORE, Decimal("4.5"), None),
        (WASTE, None, None),
    ]
    series = {1: funds, 2: score, 3: IndicatorSeries(WASTE, (), {})}
    return IndicatorsReport(2026, overview, series, objectives)


def indicators_text(report: IndicatorsReport) -> str:
    return flat(read_pdf(indicators_pdf(PROFILE, report, generated_on=DAY)).text)


def test_the_indicators_table_marks_computed_values() -> None:
    text = indicators_text(indicators_report())

    assert "Indicatori di monitoraggio" in text
    assert "Anno 2026" in text
    assert (
        f"Raccolta fondi € raccolti vs obiettivo Trimestrale Tesoriere Bilancio consuntivo "
        f"{m('4500')} {m('3000')} T3 2026 · calcolato"
    ) in text
    assert "Punteggio medio Annuale Tesoriere Bilancio consuntivo 4,5 —" in text
    assert "Indicatori 3 di cui calcolati da desdesk 1" in text
    assert "Con un valore nel 2026 1" in text


def test_each_indicator_has_its_chart_or_says_why_not() -> None:
    text = indicators_text(indicators_report())

    assert "Andamento dal 2024 al 2026" in text
    # The quarterly chart's category axis: every period of the three years up to T3 2026.
    assert "T1 2024 T2 2024 T3 2024 T4 2024 T1 2025" in text
    assert "T2 2026 T3 2026" in text
    assert "T4 2026" not in text
    assert f"Obiettivi: 2025: {m('3000')}; 2026: {m('4500')}" in text
    assert (
        "calcolato da desdesk: € raccolti da inizio anno (raccolta fondi, erogazioni, sponsor)"
        in text
    )
    assert "Obiettivi: 2026: 4,5" in text
    assert "Valori Obiettivo dell'anno" in text  # the legend
    assert "Sostenibilità ambientale – % rifiuti riciclati Annuale · Percentuale" in text
    assert "Nessun valore dal 2024 al 2026." in text


def test_objectives_linked_to_indicators_show_their_progress() -> None:
    progress = ObjectiveProgress(
        7, "Raccogliere 5.000 € per il mercato", 1, Decimal("5000"), date(2026, 12, 31),
        Decimal("3000"), Decimal("60.0"),
    )  # fmt: skip

    text = indicators_text(indicators_report((progress,)))

    assert (
        f"Raccogliere 5.000 € per il mercato € raccolti vs obiettivo {m('5000')} 31/12/2026 "
        f"{m('3000')} 60,0%"
    ) in text


def test_no_indicators_and_no_objectives_say_so() -> None:
    text = indicators_text(IndicatorsReport(2026, []))

    assert "Il distretto non ha indicatori attivi." in text
    assert "Nessun obiettivo del distretto è collegato a un indicatore." in text
    plain = indicators_text(indicators_report())
    assert "Nessun obiettivo del distretto è collegato a un indicatore." in plain


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("45"), IndicatorUnit.PERCENT, "45,0%"),
        (Decimal("1234.5"), IndicatorUnit.EURO, "1.234,50\xa0€"),
        (Decimal("12"), IndicatorUnit.NUMBER, "12"),
        (Decimal("4.25"), IndicatorUnit.SCORE, "4,25"),
        (None, IndicatorUnit.EURO, "—"),
    ],
)
def test_values_are_written_as_their_unit_reads(
    value: Decimal | None, unit: IndicatorUnit, expected: str
) -> None:
    assert value_text(value, unit) == expected


def test_percentages_always_carry_one_decimal() -> None:
    assert percent_text(Decimal("70")) == "70,0%"
    assert percent_text(Decimal("1234.56")) == "1.234,6%"
    assert percent_text(None) == "—"
