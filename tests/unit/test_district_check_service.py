"""DistrictCheckService against a real district file: the facts the rules read, the
report and its counts, the thresholds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from desdesk.check_schemas import GrowthActionInput
from desdesk.domain.check_types import CheckSettings, Level, MoneyFacts, Phase
from desdesk.domain.enums import Nature, OfficeKind, ReferentKind, SupplyChainRole
from desdesk.domain.errors import ValidationFailed
from desdesk.money_schemas import FinancialYearInput, InvestmentInput, MovementInput
from desdesk.schemas import FoundingDocumentInput, ObjectiveInput, TaskInput
from desdesk.services.attendance import read_rules
from desdesk.services.attendance_records import flagged_member_ids
from desdesk.services.workspace import Workspace
from tests import check_pictures_district as district
from tests.factories import referent_input
from tests.roll_call_setup import set_rules

TODAY = district.TODAY


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, int]:
    return district.build(workspace)


def test_members_with_their_referents_natures_and_roles(
    workspace: Workspace, ids: dict[str, int]
) -> None:
    workspace.referents.set_referent(
        ids["alfa"], ReferentKind.SUBSTITUTE, referent_input("Sara", "Tomasi"), since=TODAY
    )
    facts = workspace.check.facts(TODAY)
    by_id = {m.id: m for m in facts.members}
    assert len(facts.members) == 5
    assert {m.id for m in facts.active_members()} == {
        ids["alfa"], ids["beta"], ids["comune"], ids["maso"]
    }  # fmt: skip
    alfa = by_id[ids["alfa"]]
    assert alfa.primary is not None and alfa.primary.name == "Referente Alfa"
    assert alfa.primary.has_contact
    assert alfa.primary_id == workspace.referents.current(ids["alfa"])[ReferentKind.PRIMARY].id
    assert alfa.substitute is not None and alfa.substitute.name == "Sara Tomasi"
    assert by_id[ids["beta"]].substitute is None
    assert alfa.roles == {SupplyChainRole.PRODUCTION, SupplyChainRole.CONSUMPTION}
    assert by_id[ids["comune"]].nature is Nature.PUBLIC
    assert by_id[ids["alfa"]].aes_subscriber is True
    assert by_id[ids["gone"]].left_on == date(2026, 4, 30)


def test_participation_over_twelve_months_and_the_absence_run(
    workspace: Workspace, ids: dict[str, int]
) -> None:
    facts = workspace.check.facts(TODAY)
    part = {p.member_id: p for p in facts.participation}
    # a1, a2, a3 are within the 12 months; the 2025 one is not, the December one is future.
    assert (part[ids["alfa"]].held, part[ids["alfa"]].attended) == (3, 3)
    assert (part[ids["beta"]].held, part[ids["beta"]].attended) == (3, 1)
    assert (part[ids["comune"]].held, part[ids["comune"]].attended) == (3, 1)
    assert part[ids["comune"]].consecutive_absences == 2
    assert part[ids["comune"]].rate == Decimal("33.3")
    assert (part[ids["maso"]].held, part[ids["maso"]].attended) == (3, 0)
    assert part[ids["maso"]].consecutive_absences == 0  # nothing recorded: no run
    assert (part[ids["gone"]].held, part[ids["gone"]].attended) == (1, 0)
    assert part[ids["beta"]].consecutive_absences == 0


def test_absence_runs_agree_with_the_attendance_register(
    workspace: Workspace, ids: dict[str, int]
) -> None:
    facts = workspace.check.facts(TODAY)
    with workspace.sessions() as session:
        connection = session.connection()
        flagged = flagged_member_ids(connection, read_rules(connection), TODAY)
    threshold = facts.settings.exclusion_threshold
    assert threshold == 2
    assert {p.member_id for p in facts.participation if p.consecutive_absences >= threshold} == (
        flagged
    )
    assert flagged == {ids["comune"]}


def test_assemblies_offices_and_money(workspace: Workspace, ids: dict[str, int]) -> None:
    facts = workspace.check.facts(TODAY)
    assert [a.title for a in facts.assemblies] == ["Vecchia", "Prima", "Seconda", "Terza", "Futura"]
    assert facts.assemblies[-1].status == "convocata"
    assert facts.assemblies[1].day == date(2026, 3, 10)
    offices = {o.id: o for o in facts.offices}
    assert offices[ids["coord"]].kind is OfficeKind.COORDINATOR
    assert offices[ids["coord"]].person_name == "Anna Zeni"
    assert offices[ids["coord"]].current_on(TODAY)
    assert not offices[ids["coord_old"]].current_on(TODAY)
    statement = workspace.budget.statement(2026)
    assert facts.money.year == 2026
    assert facts.money.income_total == Decimal("4000.00")
    assert facts.money.public_share == statement.public_share
    assert facts.money.structure_share == statement.structure_share


def test_objectives_documents_tasks_and_growth_actions(
    workspace: Workspace, ids: dict[str, int]
) -> None:
    objective = workspace.district.add_objective(
        ObjectiveInput(
            "Mense a km 0", target_value=Decimal(30), target_unit="%", deadline=date(2028, 6, 30)
        )
    )
    document = workspace.district.add_document(
        FoundingDocumentInput(
            "accordo", "Accordo", date(2025, 1, 10), approved=True, valid_until=date(2028, 1, 10)
        )
    )
    task = workspace.tasks.add(TaskInput(ids["beta"], "Preparare il mercato", date(2026, 5, 1)))
    action = workspace.growth.add(GrowthActionInput(date(2026, 9, 1), "Serata pubblica"))
    facts = workspace.check.facts(TODAY)
    assert [(o.id, o.title, o.target_value, o.deadline) for o in facts.objectives] == [
        (objective, "Mense a km 0", Decimal(30), date(2028, 6, 30))
    ]
    (doc,) = facts.documents
    assert (doc.id, doc.kind, doc.approved, doc.valid_until) == (
        document, "accordo", True, date(2028, 1, 10)
    )  # fmt: skip
    (fact,) = facts.tasks
    assert (fact.id, fact.member_id, fact.done, fact.due_date) == (
        task, ids["beta"], False, date(2026, 5, 1)
    )  # fmt: skip
    assert [(g.id, g.day, g.description) for g in facts.growth_actions] == [
        (action, date(2026, 9, 1), "Serata pubblica")
    ]


def test_money_with_no_year_and_a_year_without_income(workspace: Workspace) -> None:
    assert workspace.check.facts(TODAY).money == MoneyFacts(None)
    workspace.budget.open_year(FinancialYearInput(2026))
    money = workspace.check.facts(TODAY).money
    assert money.year == 2026
    assert money.public_share is None and money.income_total == 0


def test_a_year_with_expenses_and_no_income_still_shows_its_structure_costs(
    workspace: Workspace,
) -> None:
    budget = workspace.budget
    budget.open_year(FinancialYearInput(2025))
    budget.open_year(FinancialYearInput(2026))
    leaves = {node.code: node.id for node in budget.category_nodes()}
    budget.add_movement(MovementInput(date(2025, 5, 1), Decimal("1000.00"), leaves["EA8"]))
    budget.add_movement(MovementInput(date(2026, 3, 1), Decimal("300.00"), leaves["UE3"]))
    budget.add_movement(MovementInput(date(2026, 4, 1), Decimal("100.00"), leaves["UA2"]))
    money = workspace.check.facts(TODAY).money
    assert money.year == 2025 and money.public_share == Decimal("100.0")  # H5: last income
    assert money.structure_year == 2026 and money.structure_share == Decimal("75.0")
    h6 = next(f for f in workspace.check.report(today=TODAY).findings if f.rule == "H6")
    assert "Nel 2026" in h6.message and "75" in h6.message


def test_the_financial_plan_for_c11(workspace: Workspace) -> None:
    workspace.budget.add_investment(InvestmentInput("Furgone", Decimal("9000.00"), 2026))
    leaves = {node.code: node.id for node in workspace.budget.category_nodes()}
    for year in (2027, 2028, 2029):
        workspace.budget.set_plan(
            year, {leaves["EA1"]: Decimal("100.00"), leaves["EA8"]: Decimal("500.00")}
        )
    money = workspace.check.facts(TODAY).money
    assert money.investments == 1
    assert money.forecast_years == (2027, 2028, 2029)
    assert money.planned_sources == 2


def test_report_by_phase_and_counts(workspace: Workspace, ids: dict[str, int]) -> None:
    report = workspace.check.report(today=TODAY)
    rules = [f.rule for f in report.findings]
    assert rules[0] == "C1" and rules[-1] == "H10"
    assert report.district_name == "DES Vallagarina"
    constitution = workspace.check.report(Phase.CONSTITUTION, TODAY)
    assert {f.rule[0] for f in constitution.findings} == {"C"}
    h2 = [f for f in report.findings if f.rule == "H2" and f.level is Level.ERROR]
    assert h2 and "Comune di Mori" in h2[0].message
    assert workspace.check.counts(TODAY) == (
        report.count(Level.ERROR),
        report.count(Level.WARNING),
    )


def test_fixing_the_data_clears_the_finding(workspace: Workspace, ids: dict[str, int]) -> None:
    def c12_levels() -> set[Level]:
        return {f.level for f in workspace.check.report(Phase.CONSTITUTION, TODAY).findings
                if f.rule == "C12"}  # fmt: skip

    assert c12_levels() == {Level.ERROR}
    workspace.district.add_document(
        FoundingDocumentInput(
            "accordo", "Accordo", date(2025, 1, 10), approved=True, valid_until=date(2028, 1, 10)
        )
    )
    assert c12_levels() == {Level.OK}


def test_settings_round_trip_and_shared_exclusion_threshold(workspace: Workspace) -> None:
    assert workspace.check.settings() == CheckSettings()
    new = replace(
        CheckSettings(),
        exclusion_threshold=4,
        public_share_warning_percent=60,
        structure_cost_target_percent=25,
        office_notice_days=30,
        report_deadline_month=2,
        report_deadline_day=29,
    )
    workspace.check.update_settings(new)
    assert workspace.check.settings() == new
    with workspace.sessions() as session:
        assert read_rules(session.connection()).exclusion_threshold == 4
    set_rules(workspace, exclusion_threshold=5)
    assert workspace.check.settings().exclusion_threshold == 5
    workspace.check.update_settings(replace(new, structure_cost_target_percent=None))
    assert workspace.check.settings().structure_cost_target_percent is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"participation_threshold_percent": 101}, "participation_threshold_percent"),
        ({"public_share_warning_percent": -1}, "public_share_warning_percent"),
        ({"structure_cost_target_percent": 150}, "structure_cost_target_percent"),
        ({"office_notice_days": -1}, "office_notice_days"),
        ({"office_min_years": -2}, "office_min_years"),
        ({"exclusion_threshold": 0}, "exclusion_threshold"),
        ({"report_deadline_month": 13}, "report_deadline_month"),
        ({"report_deadline_month": 4, "report_deadline_day": 31}, "report_deadline_day"),
    ],
)
def test_invalid_settings_are_refused_and_nothing_changes(
    workspace: Workspace, change: dict[str, int], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        workspace.check.update_settings(replace(CheckSettings(), **change))
    assert caught.value.for_field(field)
    assert workspace.check.settings() == CheckSettings()
