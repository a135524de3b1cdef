"""Health rules H1–H10 at and around their thresholds (domain, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from desdesk.domain.check_health import HEALTH_RULES, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
from desdesk.domain.check_types import (
    AssemblyFact,
    CheckSettings,
    DistrictFacts,
    Finding,
    GrowthActionFact,
    Level,
    MemberFact,
    MoneyFacts,
    OfficeFact,
    ParticipationFact,
    PersonFact,
    Target,
    TaskFact,
)
from desdesk.domain.enums import Nature, OfficeKind
from tests import check_facts

TODAY = date(2026, 11, 26)


def member(
    mid: int,
    name: str,
    *,
    nature: Nature = Nature.PRIVATE_NON_PROFIT,
    legal_form: str = "Cooperativa sociale",
    primary: str = "",
    left_on: date | None = None,
) -> MemberFact:
    """The shared builder's member, with the primary referent named when asked."""
    made = check_facts.member(mid, name, nature=nature, legal_form=legal_form, left_on=left_on)
    return dataclasses.replace(made, primary=PersonFact(primary)) if primary else made


def facts(**changes: object) -> DistrictFacts:
    """A district ready to constitute, with three members and no offices, assemblies or
    accounts: each test adds what its rule reads."""
    base = dataclasses.replace(
        check_facts.ready_facts(TODAY),
        members=(
            member(1, "Alfa", nature=Nature.PUBLIC, legal_form="Comune"),
            member(2, "Beta"),
            member(3, "Gamma", nature=Nature.PRIVATE_PROFIT, legal_form="Srl"),
        ),
        offices=(),
        assemblies=(),
        money=MoneyFacts(None),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def settings(**changes: object) -> CheckSettings:
    return dataclasses.replace(CheckSettings(), **changes)  # type: ignore[arg-type]


def levels(findings: list[Finding]) -> list[Level]:
    return [f.level for f in findings]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def held(aid: int, day: date) -> AssemblyFact:
    return AssemblyFact(aid, day, "svolta")


def planned(aid: int, day: date) -> AssemblyFact:
    return AssemblyFact(aid, day, "pianificata")


def part(mid: int, held_: int = 4, attended: int = 4, run: int = 0) -> ParticipationFact:
    return ParticipationFact(mid, held_, attended, run)


# -- every rule ------------------------------------------------------------------------


def test_every_rule_says_something_with_its_id_source_and_reason() -> None:
    district = facts()
    for index, rule in enumerate(HEALTH_RULES, start=1):
        findings = rule(district)
        assert findings
        for finding in findings:
            assert finding.rule == f"H{index}"
            assert finding.message and finding.source and finding.reason
            assert finding.target is not None


# -- H1 --------------------------------------------------------------------------------


def test_h1_no_assemblies_yet() -> None:
    finding = only(h1(facts()))
    assert finding.level is Level.WARNING
    assert "Nessuna assemblea ancora svolta" in finding.message


def test_h1_only_planned_names_the_first_day() -> None:
    finding = only(h1(facts(assemblies=(planned(7, date(2026, 12, 10)),))))
    assert finding.level is Level.WARNING
    assert "10/12/2026" in finding.message
    assert finding.target == Target("assemblies", "assembly", 7)


def test_h1_exactly_six_months_since_the_last_held_is_fine_with_one_planned() -> None:
    district = facts(
        assemblies=(held(1, date(2026, 5, 26)), planned(2, date(2026, 11, 26))),
    )
    finding = only(h1(district))
    assert finding.level is Level.OK
    assert "26/05/2026" in finding.message and "26/11/2026" in finding.message


def test_h1_six_months_and_a_day_is_a_warning() -> None:
    district = facts(assemblies=(held(1, date(2026, 5, 25)), planned(2, date(2026, 12, 1))))
    finding = only(h1(district))
    assert finding.level is Level.WARNING
    assert "25/05/2026" in finding.message and "25/11/2026" in finding.message


def test_h1_recent_assembly_but_none_planned_within_the_gap() -> None:
    district = facts(assemblies=(held(1, date(2026, 10, 1)), planned(2, date(2027, 4, 2))))
    finding = only(h1(district))
    assert finding.level is Level.WARNING
    assert "01/04/2027" in finding.message


def test_h1_planned_within_the_gap_is_ok_and_cancelled_ones_do_not_count() -> None:
    district = facts(
        assemblies=(
            held(1, date(2026, 10, 1)),
            AssemblyFact(3, date(2026, 12, 1), "annullata"),
            AssemblyFact(2, date(2027, 4, 1), "convocata"),
        )
    )
    finding = only(h1(district))
    assert finding.level is Level.OK
    assert finding.target == Target("assemblies", "assembly", 2)


def test_h1_uses_the_districts_gap() -> None:
    district = facts(
        assemblies=(held(1, date(2026, 7, 1)), planned(2, date(2026, 12, 1))),
        settings=settings(assembly_gap_months=3),
    )
    assert levels(h1(district)) == [Level.WARNING]


# -- H2 --------------------------------------------------------------------------------


def test_h2_threshold_minus_one_threshold_and_above() -> None:
    district = facts(participation=(part(1, run=2), part(2, run=3), part(3, run=5)))
    findings = h2(district)
    assert levels(findings) == [Level.ERROR, Level.WARNING]
    error, warning = findings
    assert "Beta" in error.message and "Gamma" in error.message and "Alfa" not in error.message
    assert "Alfa" in warning.message
    assert warning.target == Target("members", "member", 1)
    assert error.target == Target("members", "member", 2)  # the first named


def test_h2_below_threshold_minus_one_is_ok() -> None:
    district = facts(participation=(part(1, run=1), part(2, run=0)))
    assert levels(h2(district)) == [Level.OK]


def test_h2_reads_only_consecutive_absences() -> None:
    # A substitute present is already counted as present in the run: a member with a
    # poor rate but no current run is not flagged, one with a perfect rate but a run is.
    district = facts(participation=(part(1, held_=4, attended=0, run=0), part(2, run=3)))
    finding = only(h2(district))
    assert finding.level is Level.ERROR
    assert "Beta" in finding.message and "Alfa" not in finding.message


def test_h2_threshold_from_settings_and_members_who_left_are_ignored() -> None:
    members = (member(1, "Alfa"), member(2, "Beta", left_on=date(2026, 1, 1)))
    district = facts(
        members=members,
        participation=(part(1, run=5), part(2, run=9)),
        settings=settings(exclusion_threshold=5),
    )
    finding = only(h2(district))
    assert finding.level is Level.ERROR
    assert "Alfa" in finding.message and "Beta" not in finding.message


# -- H3 --------------------------------------------------------------------------------


def test_h3_rate_exactly_at_threshold_is_ok_below_is_named_with_rate() -> None:
    district = facts(participation=(part(1, 4, 2), part(2, 3, 1), part(3, 4, 4)))
    finding = only(h3(district))
    assert finding.level is Level.WARNING
    assert "Beta (33,3 %)" in finding.message
    assert "Alfa" not in finding.message
    assert finding.target == Target("members", "member", 2)


def test_h3_all_at_or_above() -> None:
    district = facts(participation=(part(1, 4, 2), part(2, 4, 3)))
    assert levels(h3(district)) == [Level.OK]


def test_h3_no_held_assembly_in_twelve_months() -> None:
    district = facts(participation=(part(1, 0, 0), part(2, 0, 0)))
    finding = only(h3(district))
    assert finding.level is Level.OK
    assert "Nessuna assemblea svolta" in finding.message


def test_h3_long_lists_name_the_first_three() -> None:
    members = tuple(member(i, f"M{i}") for i in range(1, 7))
    district = facts(members=members, participation=tuple(part(i, 4, 0) for i in range(1, 7)))
    finding = only(h3(district))
    assert "6 aderenti" in finding.message
    assert "altri 3" in finding.message


# -- H4 --------------------------------------------------------------------------------


def busy_everyone() -> tuple[ParticipationFact, ...]:
    return (part(1), part(2), part(3))


def test_h4_overdue_vs_due_today() -> None:
    tasks = (
        TaskFact(10, 1, "Preparare il bilancio", date(2026, 11, 25), done=False),
        TaskFact(11, 2, "Sito web", TODAY, done=False),
        TaskFact(12, 3, "Volantino", date(2026, 1, 1), done=True),
    )
    finding = only(h4(facts(tasks=tasks, participation=busy_everyone())))
    assert finding.level is Level.WARNING
    assert "Preparare il bilancio (Alfa, entro il 25/11/2026)" in finding.message
    assert "Sito web" not in finding.message and "Volantino" not in finding.message
    assert finding.target == Target("assemblies", "task", 10)


def test_h4_nothing_overdue_everyone_active_is_ok() -> None:
    tasks = (TaskFact(11, 2, "Sito web", TODAY, done=False),)
    assert levels(h4(facts(tasks=tasks, participation=busy_everyone()))) == [Level.OK]


def test_h4_member_with_only_attendance_or_only_a_task_is_not_flagged() -> None:
    tasks = (TaskFact(11, 2, "Sito web", date(2027, 1, 10), False, date(2027, 1, 10)),)
    district = facts(tasks=tasks, participation=(part(1), part(2, 4, 0), part(3, 4, 0)))
    finding = only(h4(district))
    assert finding.level is Level.WARNING
    assert "Gamma" in finding.message
    assert "Alfa" not in finding.message and "Beta" not in finding.message
    assert finding.target == Target("members", "member", 3)


def test_h4_a_task_older_than_a_year_is_no_activity() -> None:
    old = TaskFact(11, 2, "Vecchio", date(2025, 1, 10), True, date(2025, 1, 10))
    district = facts(tasks=(old,), participation=(part(1), part(3)))
    finding = only(h4(district))
    assert "Beta" in finding.message


def test_h4_both_problems_give_two_findings() -> None:
    tasks = (TaskFact(10, 1, "Bilancio", date(2026, 11, 1), False, date(2026, 11, 1)),)
    findings = h4(facts(tasks=tasks))
    assert levels(findings) == [Level.WARNING, Level.WARNING]
    assert "Beta" in findings[1].message and "Gamma" in findings[1].message


# -- H5, H6 ----------------------------------------------------------------------------


def money(**changes: object) -> MoneyFacts:
    base = MoneyFacts(2025, income_total=Decimal("1000.00"))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_h5_year_with_no_income_is_ok() -> None:
    finding = only(h5(facts(money=MoneyFacts(2026))))
    assert finding.level is Level.OK
    assert "Nessuna entrata" in finding.message
    assert only(h5(facts())).level is Level.OK


def test_h5_exactly_seventy_is_ok_above_is_a_warning() -> None:
    at = only(h5(facts(money=money(public_share=Decimal("70.0")))))
    assert at.level is Level.OK and "70 %" in at.message
    above = only(h5(facts(money=money(public_share=Decimal("70.1")))))
    assert above.level is Level.WARNING
    assert "70,1 %" in above.message and "2025" in above.message
    assert above.target == Target("budget", "year", 2025)


def test_h5_threshold_from_settings() -> None:
    district = facts(
        money=money(public_share=Decimal(55)), settings=settings(public_share_warning_percent=50)
    )
    assert only(h5(district)).level is Level.WARNING


def test_h6_without_a_target_shows_the_figure() -> None:
    finding = only(h6(facts(money=money(structure_share=Decimal("42.5")))))
    assert finding.level is Level.OK
    assert "42,5 %" in finding.message


def test_h6_with_a_target() -> None:
    at = facts(
        money=money(structure_share=Decimal(30)),
        settings=settings(structure_cost_target_percent=30),
    )
    assert only(h6(at)).level is Level.OK
    above = facts(
        money=money(structure_share=Decimal("30.5")),
        settings=settings(structure_cost_target_percent=30),
    )
    finding = only(h6(above))
    assert finding.level is Level.WARNING and "30,5 %" in finding.message


def test_h6_no_expenses() -> None:
    assert only(h6(facts(money=money()))).level is Level.OK


# -- H7 --------------------------------------------------------------------------------


def office(
    oid: int,
    kind: OfficeKind,
    person: str,
    start: date,
    end: date | None,
    *,
    member_id: int | None = None,
) -> OfficeFact:
    return OfficeFact(oid, kind, person, start, end, member_id)


def test_h7_ending_in_ninety_days_vs_ninety_one() -> None:
    in_90 = office(1, OfficeKind.TREASURER, "Anna Rossi", date(2024, 1, 1), date(2027, 2, 24))
    in_91 = office(2, OfficeKind.SECRETARY, "Bruno Verdi", date(2024, 1, 1), date(2027, 2, 25))
    finding = only(h7(facts(offices=(in_90, in_91))))
    assert finding.level is Level.WARNING
    assert "Anna Rossi" in finding.message and "24/02/2027" in finding.message
    assert "Bruno Verdi" not in finding.message
    assert finding.target == Target("offices", "office", 1)


def test_h7_holder_no_longer_referent_of_the_member() -> None:
    members = (member(1, "Alfa", primary="Carla Bianchi"), member(2, "Beta", primary="Dario Neri"))
    offices = (
        office(1, OfficeKind.COORDINATOR, "carla bianchi", date(2025, 1, 1), None, member_id=1),
        office(2, OfficeKind.TREASURER, "Elena Gallo", date(2025, 1, 1), None, member_id=2),
    )
    finding = only(h7(facts(members=members, offices=offices)))
    assert finding.level is Level.WARNING
    assert "Elena Gallo" in finding.message and "Carla" not in finding.message
    assert finding.target == Target("offices", "office", 2)


def test_h7_coordinator_term_three_years_eleven_months_vs_four_years() -> None:
    short = office(1, OfficeKind.COORDINATOR, "Anna", date(2020, 1, 1), date(2023, 11, 30))
    full = office(2, OfficeKind.EXTERNAL_REFERENT, "Bruno", date(2020, 1, 1), date(2024, 1, 1))
    finding = only(h7(facts(offices=(short, full))))
    assert finding.level is Level.WARNING
    assert "Anna" in finding.message and "Bruno" not in finding.message


def test_h7_a_short_term_renewed_by_the_same_person_is_no_change() -> None:
    first = office(1, OfficeKind.COORDINATOR, "Anna", date(2020, 1, 1), date(2021, 12, 31))
    again = office(2, OfficeKind.COORDINATOR, "Anna", date(2022, 1, 1), date(2030, 1, 1))
    treasurer = office(3, OfficeKind.TREASURER, "Bruno", date(2020, 1, 1), date(2020, 6, 1))
    finding = only(h7(facts(offices=(first, again, treasurer))))
    assert finding.level is Level.OK
    assert "1 carica in corso" in finding.message


# -- H8 --------------------------------------------------------------------------------


def test_h8_before_and_on_the_deadline_is_ok() -> None:
    for day in (date(2026, 3, 1), date(2026, 6, 30)):
        finding = only(h8(facts(today=day, annual_reports={})))
        assert finding.level is Level.OK
        assert "entro il 30/06/2026" in finding.message


def test_h8_after_the_deadline_without_a_report() -> None:
    finding = only(h8(facts(today=date(2026, 7, 1), annual_reports={})))
    assert finding.level is Level.WARNING
    assert "2025" in finding.message and "30/06/2026" in finding.message


def test_h8_reminds_without_judging_while_reports_are_not_kept() -> None:
    finding = only(h8(facts(today=date(2026, 7, 1), annual_reports=None)))
    assert finding.level is Level.OK
    assert "va approvata e inviata al Centro entro il 30/06/2026" in finding.message


def test_h8_with_the_report_approved() -> None:
    district = facts(annual_reports={2025: date(2026, 5, 10)})
    finding = only(h8(district))
    assert finding.level is Level.OK and "10/05/2026" in finding.message


def test_h8_deadline_from_settings() -> None:
    district = facts(
        today=date(2026, 4, 1),
        settings=settings(report_deadline_month=3, report_deadline_day=31),
        annual_reports={},
    )
    assert only(h8(district)).level is Level.WARNING


def test_h8_a_district_whose_members_all_joined_this_year_owes_no_report() -> None:
    young = tuple(dataclasses.replace(m, joined_on=date(2026, 2, 1)) for m in facts().members)
    finding = only(h8(facts(today=date(2026, 7, 1), members=young, annual_reports={})))
    assert finding.level is Level.OK
    assert "nessuna relazione annuale dovuta" in finding.message
    one_older = (dataclasses.replace(young[0], joined_on=date(2025, 12, 1)), *young[1:])
    assert (
        only(h8(facts(today=date(2026, 7, 1), members=one_older, annual_reports={}))).level
        is Level.WARNING
    )


# -- H9 --------------------------------------------------------------------------------


def test_h9_mixed_is_ok() -> None:
    assert levels(h9(facts())) == [Level.OK]


def test_h9_single_nature() -> None:
    members = (member(1, "Alfa", legal_form="Srl"), member(2, "Beta"))
    finding = only(h9(facts(members=members)))
    assert finding.level is Level.WARNING
    assert Nature.PRIVATE_NON_PROFIT.label() in finding.message


def test_h9_single_legal_form_ignoring_case() -> None:
    members = (
        member(1, "Alfa", nature=Nature.PUBLIC),
        member(2, "Beta", legal_form="cooperativa sociale"),
    )
    finding = only(h9(facts(members=members)))
    assert finding.level is Level.WARNING
    assert "forma giuridica" in finding.message


def test_h9_both_and_members_who_left_do_not_count() -> None:
    members = (
        member(1, "Alfa"),
        member(2, "Beta"),
        member(3, "Gamma", nature=Nature.PUBLIC, legal_form="Comune", left_on=date(2026, 1, 1)),
    )
    assert levels(h9(facts(members=members))) == [Level.WARNING, Level.WARNING]


# -- H10 -------------------------------------------------------------------------------


def test_h10_no_action_this_year_last_years_do_not_count() -> None:
    district = facts(growth_actions=(GrowthActionFact(1, date(2025, 12, 31), "Fiera"),))
    finding = only(h10(district))
    assert finding.level is Level.WARNING
    assert "2026" in finding.message


def test_h10_actions_this_year_are_listed() -> None:
    actions = (
        GrowthActionFact(1, date(2025, 12, 31), "Fiera vecchia"),
        GrowthActionFact(2, date(2026, 3, 5), "Serata aperta"),
        GrowthActionFact(3, date(2026, 9, 1), "Incontro con le cooperative"),
    )
    finding = only(h10(facts(growth_actions=actions)))
    assert finding.level is Level.OK
    assert finding.target == Target("district", "growth_action", 2)
    assert "2 azioni" in finding.message
    assert "Serata aperta (05/03/2026)" in finding.message
    assert "Fiera vecchia" not in finding.message


def test_h7_a_four_year_term_ending_the_day_before_its_anniversary_is_complete() -> None:
    # 01/01/2020 – 31/12/2023, both days in office: four whole years.
    term = office(1, OfficeKind.COORDINATOR, "Anna", date(2020, 1, 1), date(2023, 12, 31))
    assert levels(h7(facts(offices=(term,)))) == [Level.OK]
    shorter = office(1, OfficeKind.COORDINATOR, "Anna", date(2020, 1, 1), date(2023, 12, 30))
    assert "Anna" in only(h7(facts(offices=(shorter,)))).message


def test_h4_a_member_who_joined_less_than_a_year_ago_is_not_idle() -> None:
    newcomer = dataclasses.replace(member(4, "Delta"), joined_on=date(2026, 3, 1))
    veteran = dataclasses.replace(member(5, "Epsilon"), joined_on=date(2024, 1, 1))
    district = facts(members=(*facts().members, newcomer, veteran), participation=busy_everyone())
    finding = only(h4(district))
    assert "Epsilon" in finding.message and "Delta" not in finding.message


def test_h7_a_term_already_renewed_is_not_ending() -> None:
    ending = office(1, OfficeKind.COORDINATOR, "Anna", date(2022, 12, 23), date(2026, 12, 22))
    assert "Anna" in only(h7(facts(offices=(ending,)))).message
    renewed = office(2, OfficeKind.COORDINATOR, "Anna", date(2026, 12, 23), None)
    assert levels(h7(facts(offices=(ending, renewed)))) == [Level.OK]


def test_h7_an_early_change_long_ago_is_history() -> None:
    old = office(1, OfficeKind.EXTERNAL_REFERENT, "Bruno", date(2015, 1, 1), date(2016, 1, 1))
    later = office(2, OfficeKind.EXTERNAL_REFERENT, "Carla", date(2016, 1, 2), None)
    assert levels(h7(facts(offices=(old, later)))) == [Level.OK]


def test_h1_a_planned_day_already_past_is_not_the_next_assembly() -> None:
    district = facts(assemblies=(held(1, date(2026, 9, 2)), planned(2, date(2026, 11, 20))))
    finding = only(h1(district))
    assert finding.level is Level.WARNING
    assert "nessuna in programma" in finding.message
