"""The annual report of 2025 of a district built here: the read-model's counts and rates
computed by hand, and the PDF read back (every section, names, dates, totals to the
cent, the growth action, an issue found by the district check)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from desdesk.annual_schemas import AnnualReport
from desdesk.check_schemas import GrowthActionInput
from desdesk.domain.check_types import Level
from desdesk.domain.enums import AttendanceStatus, Nature, OfficeKind
from desdesk.domain.errors import ValidationFailed
from desdesk.i18n import _
from desdesk.money_schemas import FinancialYearInput, IndicatorInput, MovementInput
from desdesk.reports.annual_titles import SECTION_TITLES
from desdesk.schemas import AssemblyInput, ObjectiveInput, OfficeInput, TaskInput
from desdesk.services.annual_report import AnnualReportService
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input
from tests.pdfs import A4_POINTS, flat, read_pdf

YEAR = 2025
TODAY = date(2026, 3, 2)
GROWTH = "Serata di presentazione alla biblioteca di Mori"
REASON = "Chiusura dell'attività"


@dataclass(frozen=True)
class Built:
    ids: dict[str, int]
    april: int
    november: int


def _members(ws: Workspace) -> dict[str, int]:
    people = {
        "Cooperativa Sociale La Rete": ("cooperativa_sociale_a", date(2023, 5, 2)),
        "Azienda Agricola Il Melo": ("azienda_agricola", date(2025, 3, 10)),
        "Comune di Ala": ("comune", date(2022, 1, 10)),
        "Bottega Equa Caffè": ("cooperativa", date(2021, 9, 1)),
        "Associazione Ortinsieme": ("aps", date(2020, 2, 1)),
        "APS Più Però": ("aps", date(2026, 1, 15)),
    }
    codes = iter((*VALID_ORG_CODES, ""))
    ids = {
        name: ws.members.add(
            member_input(name, legal_form=form, tax_code=next(codes), joined_on=day)
        )
        for name, (form, day) in people.items()
    }
    ws.members.withdraw(ids["Bottega Equa Caffè"], date(2025, 9, 30), REASON)
    return ids


def _assembly(ws: Workspace, day: date, statuses: dict[int, AttendanceStatus], **kw: int) -> int:
    assembly = ws.assemblies.plan(AssemblyInput(day, title=f"Assemblea del {day:%d/%m}"), [])
    for member, status in statuses.items():
        ws.attendance.set_status(
            assembly, member, status, **kw if status is AttendanceStatus.PROXY else {}
        )
    return assembly


def build(ws: Workspace) -> Built:
    ids = _members(ws)
    rete, melo, ala = (
        ids["Cooperativa Sociale La Rete"],
        ids["Azienda Agricola Il Melo"],
        ids["Comune di Ala"],
    )
    bottega, orti = ids["Bottega Equa Caffè"], ids["Associazione Ortinsieme"]
    a = AttendanceStatus
    # 2024: Ortinsieme's first absence of a run of three.
    _assembly(ws, date(2024, 10, 5), {rete: a.PRESENT_PRIMARY, orti: a.ABSENT})
    april = _assembly(
        ws,
        date(2025, 4, 10),
        {rete: a.PRESENT_PRIMARY, melo: a.PRESENT_SUBSTITUTE, ala: a.PROXY,
         bottega: a.ABSENT, orti: a.ABSENT_JUSTIFIED},
        proxy_holder_id=rete,
    )  # fmt: skip
    november = _assembly(
        ws,
        date(2025, 11, 20),
        {rete: a.PRESENT_PRIMARY, melo: a.ABSENT, ala: a.ABSENT, orti: a.ABSENT},
    )
    ws.assemblies.plan(AssemblyInput(date(2025, 12, 18), title="Mai tenuta"), [])
    ws.minutes.approve(ws.minutes.draft(april), date(2025, 11, 20))
    ws.growth.add(GrowthActionInput(date(2025, 2, 20), GROWTH, "Ha aderito Il Melo", melo))
    ws.growth.add(GrowthActionInput(date(2024, 6, 1), "Banchetto alla fiera di Ala"))
    offices = ws.offices
    offices.assign(OfficeInput(OfficeKind.COORDINATOR.value, "Sara Valduga", date(2022, 1, 1)))
    offices.assign(OfficeInput(OfficeKind.TREASURER.value, "Bruno Leveghi", date(2022, 1, 1)))
    offices.assign(OfficeInput(OfficeKind.TREASURER.value, "Anna Tomasi", date(2025, 5, 1)))
    offices.assign(
        OfficeInput(
            OfficeKind.SECRETARY.value,
            "Luca Prosser",
            date(2020, 1, 1),
            end_date=date(2023, 12, 31),
        )
    )
    tasks = ws.tasks
    done = tasks.add(TaskInput(rete, "Prenotare la sala", date(2025, 6, 30), april))
    tasks.mark_done(done, date(2025, 6, 15))
    tasks.add(TaskInput(melo, "Preparare il volantino", date(2025, 12, 15), november))
    old = tasks.add(TaskInput(rete, "Aprire il conto", date(2024, 3, 1)))
    tasks.mark_done(old, date(2024, 2, 20))
    _money(ws)
    _objectives(ws)
    return Built(ids, april, november)


def _money(ws: Workspace) -> None:
    budget = ws.budget
    budget.open_year(FinancialYearInput(YEAR, Decimal("100.00"), Decimal("1000.00")))
    codes = {c.code: c.id for c in budget.categories()}
    for day, amount, code, source, account in (
        (date(2025, 3, 1), "1200.50", "EA8", "ente_pubblico", "banca"),
        (date(2025, 5, 1), "350.25", "EA8", "soggetti_privati", "cassa"),
        (date(2025, 6, 1), "480.10", "UA2", None, "banca"),
    ):
        budget.add_movement(
            MovementInput(day, Decimal(amount), codes[code], source=source, account=account)
        )


def _objectives(ws: Workspace) -> None:
    indicator = ws.indicators.add(IndicatorInput("Rete", "N. accordi con i GAS"))
    ws.indicators.record(indicator, YEAR, 1, Decimal(6), today=TODAY)
    ws.district.add_objective(
        ObjectiveInput("Accordi con tutti i GAS della valle", target_value=Decimal(8),
                       target_unit="accordi", indicator_id=indicator, status="in_corso")
    )  # fmt: skip
    ws.district.add_objective(ObjectiveInput("Festa dell'economia solidale"))


@pytest.fixture
def built(workspace: Workspace) -> Built:
    return build(workspace)


def service(ws: Workspace) -> AnnualReportService:
    return AnnualReportService(ws, today=lambda: TODAY)


def test_members_changes_and_growth_actions(workspace: Workspace, built: Built) -> None:
    report = service(workspace).report(YEAR)
    assert report.as_of == date(2025, 12, 31)
    members = report.members
    # Active on 31/12: La Rete, Il Melo, Comune di Ala, Ortinsieme (not Bottega: left; not
    # APS Più Però: joined in 2026).
    assert members.active == 4
    assert dict(members.active_by_nature) == {
        Nature.PUBLIC: 1, Nature.PRIVATE_PROFIT: 1, Nature.PRIVATE_NON_PROFIT: 2,
    }  # fmt: skip
    assert [(c.name, c.day) for c in members.joined] == [
        ("Azienda Agricola Il Melo", date(2025, 3, 10))
    ]
    assert [(c.name, c.day, c.reason) for c in members.left] == [
        ("Bottega Equa Caffè", date(2025, 9, 30), REASON)
    ]
    assert [(a.data.description, a.member_name) for a in members.growth_actions] == [
        (GROWTH, "Azienda Agricola Il Melo")
    ]


def test_offices_in_force_and_changes(workspace: Workspace, built: Built) -> None:
    offices = service(workspace).report(YEAR).offices
    assert sorted(t.person_name for t in offices.in_force) == [
        "Anna Tomasi", "Bruno Leveghi", "Sara Valduga",
    ]  # fmt: skip
    assert [t.person_name for t in offices.started] == ["Anna Tomasi"]
    assert [(t.person_name, t.end_date) for t in offices.ended] == [
        ("Bruno Leveghi", date(2025, 4, 30))
    ]


def test_assemblies_attendance_rate_and_exclusion(workspace: Workspace, built: Built) -> None:
    part = service(workspace).report(YEAR).assemblies
    april, november = part.held  # the planned one of December was never held
    # April: 5 on the roll call (Il Melo had joined, APS Più Però not yet), 3 took part.
    assert (april.day, april.entitled, april.voters, april.recorded) == (date(2025, 4, 10), 5, 3, 5)
    assert april.quorum_reached and april.minutes_approved
    # November: Bottega had left; 4 entitled, 1 present: the first call's half is missed.
    assert (november.entitled, november.voters, november.recorded) == (4, 1, 4)
    assert not november.quorum_reached and not november.minutes_approved
    assert part.rate == Decimal("44.4")  # (3 + 1) / (5 + 4)
    # Ortinsieme: absent in October 2024, April (justified) and November 2025.
    assert part.flagged == ("Associazione Ortinsieme",)
    assert part.exclusion_threshold == 3


def test_objectives_tasks_budget_and_indicators(workspace: Workspace, built: Built) -> None:
    report = service(workspace).report(YEAR)
    linked, plain = report.objectives
    assert (linked.indicator, linked.current, linked.progress_percent) == (
        "N. accordi con i GAS", Decimal(6), Decimal("75.0"),
    )  # fmt: skip
    assert plain.indicator == "" and plain.progress_percent is None
    tasks = report.tasks
    assert sorted(t.description for t in tasks.tasks) == [
        "Prenotare la sala",
        "Preparare il volantino",
    ]
    assert (tasks.assigned, tasks.done, tasks.still_open, tasks.overdue) == (2, 1, 1, 1)
    budget = report.budget
    assert (budget.income, budget.expenses, budget.result) == (
        Decimal("1550.75"), Decimal("480.10"), Decimal("1070.65"),
    )  # fmt: skip
    assert budget.public_share_over_limit  # 1.200,50 of 1.550,75: 77,4 % > 70 %
    names = {indicator.data.name: latest for indicator, _target, latest in report.indicators}
    assert names["N. accordi con i GAS"] is not None
    assert names["N. accordi con i GAS"].value == Decimal(6)


def test_critical_issues_come_from_the_check_on_the_last_day(
    workspace: Workspace, built: Built
) -> None:
    report = service(workspace).report(YEAR)
    expected = [
        f
        for f in workspace.check.report(today=date(2025, 12, 31)).findings
        if f.level is not Level.OK
    ]
    assert sorted(report.findings, key=str) == sorted(expected, key=str)
    assert [f.level for f in report.findings] == sorted(
        (f.level for f in report.findings), key=lambda level: level is not Level.ERROR
    )
    assert any(f.rule == "H5" for f in report.findings)


def pdf_text(ws: Workspace) -> tuple[AnnualReport, str]:
    annual = service(ws)
    pdf = read_pdf(annual.pdf(YEAR))
    assert set(pdf.page_sizes()) == {A4_POINTS}
    assert pdf.reader.metadata is not None
    assert pdf.reader.metadata.title == "Rendicontazione annuale 2025"
    return annual.report(YEAR), flat(pdf.text)


def test_the_pdf_reads_back(workspace: Workspace, built: Built) -> None:
    report, text = pdf_text(workspace)
    positions = [text.index(_(title)) for title in SECTION_TITLES]
    assert positions == sorted(positions)
    assert "Rendicontazione annuale 2025" in text
    assert "Nel 2025: 4 aderenti attivi, 2 assemblee, entrate 1.550,75 €, uscite 480,10 €" in text
    # Members: who joined, who left and why, the growth action.
    assert "Azienda Agricola Il Melo 10/03/2025" in text
    assert f"Bottega Equa Caffè 30/09/2025 {REASON}" in text
    assert GROWTH in text and "Ha aderito Il Melo" in text
    # Offices and their change.
    assert "Tesoriere: Anna Tomasi in carica dal 01/05/2025" in text
    assert "Tesoriere: Bruno Leveghi termina il mandato il 30/04/2025" in text
    assert "Luca Prosser" not in text
    # Assemblies: dates, counts, the year's rate, the member at risk.
    assert "10/04/2025" in text and "20/11/2025" in text and "18/12/2025" not in text
    assert "3 / 5" in text and "1 / 4" in text and "non raggiunto" in text
    assert "Partecipazione nel 2025: 44,4%" in text
    assert "3 assenze consecutive: Associazione Ortinsieme" in text
    # The charts' labels: members by nature, attendance by assembly, income by source.
    assert "Aderenti attivi per natura Pubblico 1 Privato profit 1 Privato non profit 2" in text
    assert (
        "Partecipazione per assemblea 10/04/2025 3 su 5 (60,0%) 20/11/2025 1 su 4 (25,0%)" in text
    )
    assert "Entrate per fonte Ente pubblico 1.200,50 € (77,4%)" in text
    # Objectives, tasks.
    assert "Accordi con tutti i GAS della valle" in text and "75,0%" in text
    assert "Preparare il volantino" in text and "in ritardo" in text
    assert "Aprire il conto" not in text
    # Budget to the cent: income, expenses, result, cash and bank on 31/12.
    for label, amount in (
        ("Entrate della gestione", "1.550,75 €"),
        ("Uscite della gestione", "480,10 €"),
        ("Avanzo/disavanzo complessivo", "1.070,65 €"),
        ("Cassa al 31/12/2025", "450,25 €"),
        ("Banca al 31/12/2025", "1.720,40 €"),
    ):
        assert f"{label} {amount}" in text
    assert "Ente pubblico 1.200,50 € 77,4%" in text
    assert "Supera la soglia" in text
    # A critical issue, with the check's own words.
    h5 = next(f for f in report.findings if f.rule == "H5")
    assert flat(h5.message) in text


def test_a_year_not_begun_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as raised:
        service(workspace).report(TODAY.year + 1)
    assert raised.value.problems[0].field == "year"
