"""Computed indicators from real data in a district file: movements, founding agreements,
objectives, held assemblies with their roll call and minutes."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.domain.money_enums import Frequency, FundingSource, Metric
from desdesk.money_schemas import FinancialYearInput, IndicatorInput, MovementInput
from desdesk.schemas import AssemblyInput, FoundingDocumentInput, ObjectiveInput
from desdesk.services.workspace import Workspace
from tests.assembly_district import populate_assemblies
from tests.report_district import ACCENTED, COOPERATIVE, NO_REFERENT

TODAY = date(2026, 11, 26)


def _default_id(workspace: Workspace, metric: Metric) -> int:
    return next(i.id for i in workspace.indicators.indicators() if i.metric is metric)


def _values(workspace: Workspace, indicator_id: int, first: int, last: int) -> list[object]:
    found = workspace.indicators.series(indicator_id, first, last, today=TODAY)
    assert all(v.computed for v in found.values)
    return [v.value for v in found.values]


def _quarterly(workspace: Workspace, metric: Metric) -> int:
    return workspace.indicators.add(
        IndicatorInput("Prova", f"{metric.value} per trimestre", Frequency.QUARTERLY.value, metric=metric.value)
    )  # fmt: skip


def _spend(
    workspace: Workspace, codes: dict[str, int], day: date, code: str, amount: str, **kw: object
) -> None:
    workspace.budget.add_movement(
        MovementInput(day, Decimal(amount), codes[code], f"{code} {amount}", **kw)  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.fixture
def codes(workspace: Workspace) -> dict[str, int]:
    workspace.budget.open_year(FinancialYearInput(2025))
    workspace.budget.open_year(FinancialYearInput(2026))
    return {c.code: c.id for c in workspace.budget.categories()}


def test_structure_cost_share_per_year_from_the_movements(
    workspace: Workspace, codes: dict[str, int]
) -> None:
    for day, code, amount in [
        (date(2025, 2, 3), "UE2", "300.00"),  # structure (section E uscite)
        (date(2025, 5, 9), "UA2", "900.00"),
        (date(2025, 11, 30), "UB1", "300.00"),
        (date(2025, 12, 31), "IMP1", "50.00"),  # taxes: not an operating expense
        (date(2025, 7, 1), "UI1", "1000.00"),  # investment: not an operating expense
        (date(2025, 3, 1), "EA8", "5000.00"),  # income does not count
        (date(2026, 1, 1), "UE1", "250.00"),
        (date(2026, 6, 30), "UA1", "750.00"),
    ]:
        _spend(workspace, codes, day, code, amount)
    indicator = _default_id(workspace, Metric.STRUCTURE_COST_SHARE)
    # 2024: no expenses at all, so no share (not zero).
    assert _values(workspace, indicator, 2024, 2026) == [None, Decimal("20.0"), Decimal("25.0")]


def test_funds_raised_is_the_year_to_date_of_section_c_and_gift_sources(
    workspace: Workspace, codes: dict[str, int]
) -> None:
    _spend(workspace, codes, date(2025, 1, 15), "EC1", "500.00")  # section C entrate
    _spend(workspace, codes, date(2025, 4, 2), "EA4", "120.00")  # erogazioni liberali
    _spend(workspace, codes, date(2025, 5, 2), "EA8", "1000.00")  # public grant: not raised
    _spend(
        workspace, codes, date(2025, 8, 20), "EA1", "80.00", source=FundingSource.SPONSORSHIP.value
    )
    _spend(workspace, codes, date(2025, 9, 30), "UC1", "40.00")  # an expense of section C
    _spend(workspace, codes, date(2026, 3, 31), "EC2", "35.50")  # crowdfunding
    indicator = _default_id(workspace, Metric.FUNDS_RAISED)
    values = _values(workspace, indicator, 2024, 2026)
    # 2024 has no accounts (None). Each quarter counts from 1 January (year to date), so
    # it compares with the year's target: 500; 500+120; 620+80; nothing more in Q4; 2026
    # starts again from zero with the crowdfunding in Q1.
    assert values == [None] * 4 + [
        Decimal("500.00"), Decimal("620.00"), Decimal("700.00"), Decimal("700.00"),
        Decimal("35.50"), Decimal("35.50"), Decimal("35.50"), Decimal("35.50"),
    ]  # fmt: skip


def test_active_agreements_count_approved_accordi_dated_by_the_period_end(
    workspace: Workspace,
) -> None:
    district = workspace.district
    district.add_document(
        FoundingDocumentInput("accordo", "Accordo di filiera", date(2025, 3, 10), True)
    )
    district.add_document(
        FoundingDocumentInput("accordo", "Accordo con il GAS", date(2026, 2, 1), True)
    )
    district.add_document(FoundingDocumentInput("accordo", "Bozza", date(2025, 1, 1), False))
    district.add_document(FoundingDocumentInput("statuto", "Statuto", date(2024, 1, 1), True))
    indicator = _default_id(workspace, Metric.ACTIVE_AGREEMENTS)
    assert _values(workspace, indicator, 2024, 2026) == [Decimal(0), Decimal(1), Decimal(2)]
    quarterly = _quarterly(workspace, Metric.ACTIVE_AGREEMENTS)
    assert _values(workspace, quarterly, 2025, 2025) == [Decimal(1)] * 4
    assert _values(workspace, quarterly, 2026, 2026)[0] == Decimal(2)


def test_active_objectives_are_those_in_progress_with_no_passed_deadline(
    workspace: Workspace,
) -> None:
    district = workspace.district
    district.add_objective(ObjectiveInput("Filiera corta", status="in_corso"))
    district.add_objective(
        ObjectiveInput("Mercato estivo", status="in_corso", deadline=date(2025, 6, 30))
    )
    district.add_objective(ObjectiveInput("Sito web", status="raggiunto"))
    district.add_objective(ObjectiveInput("Nuovi membri", status="da_avviare"))
    indicator = workspace.indicators.add(
        IndicatorInput("Rete", "Obiettivi attivi", metric=Metric.ACTIVE_OBJECTIVES.value)
    )
    assert _values(workspace, indicator, 2025, 2026) == [Decimal(2), Decimal(1)]


def _march_assembly(workspace: Workspace, members: dict[str, int]) -> int:
    """A held assembly in March 2026 where only one of three entitled members attended."""
    assembly = workspace.assemblies.plan(AssemblyInput(date(2026, 3, 12), place="Ala"), [])
    workspace.assemblies.convene(assembly, date(2026, 2, 26), "email")
    attendance = workspace.attendance
    attendance.start(assembly, Call.FIRST, time(18, 0))
    attendance.set_status(assembly, members[ACCENTED], AttendanceStatus.PRESENT_PRIMARY)
    attendance.set_status(assembly, members[COOPERATIVE], AttendanceStatus.ABSENT)
    attendance.set_status(assembly, members[NO_REFERENT], AttendanceStatus.ABSENT_JUSTIFIED)
    return assembly


def test_attendance_rate_over_the_held_assemblies_of_each_period(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)  # 8/10/2026: 3 of 3 took part
    _march_assembly(workspace, district.members)  # 12/03/2026: 1 of 3 took part
    # The former member (left 30/06/2025) was not entitled and is not counted.
    quarterly = _quarterly(workspace, Metric.ATTENDANCE_RATE)
    assert _values(workspace, quarterly, 2026, 2026) == [
        Decimal("33.3"), None, None, Decimal("100.0"),
    ]  # fmt: skip
    yearly = workspace.indicators.add(
        IndicatorInput("Governance", "Presenza media", metric=Metric.ATTENDANCE_RATE.value)
    )
    assert _values(workspace, yearly, 2025, 2026) == [None, Decimal("66.7")]


def test_documents_approved_is_the_share_of_held_assemblies_with_approved_minutes(
    workspace: Workspace,
) -> None:
    district = populate_assemblies(workspace)
    _march_assembly(workspace, district.members)
    indicator = _default_id(workspace, Metric.DOCUMENTS_APPROVED)
    assert _values(workspace, indicator, 2025, 2026) == [None, Decimal("0.0")]
    workspace.minutes.approve(district.minutes, date(2026, 10, 20))
    assert _values(workspace, indicator, 2025, 2026) == [None, Decimal("50.0")]


def test_future_periods_are_not_in_a_computed_series(workspace: Workspace) -> None:
    indicator = _default_id(workspace, Metric.FUNDS_RAISED)
    found = workspace.indicators.series(indicator, 2026, 2027, today=TODAY)
    assert [v.label for v in found.values] == ["T1 2026", "T2 2026", "T3 2026", "T4 2026"]
