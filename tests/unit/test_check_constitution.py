"""Constitution rules C1–C12 at and around their thresholds (domain, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from desdesk.domain.check_constitution import (
    CONSTITUTION_RULES,
    c1,
    c2,
    c3,
    c4,
    c5,
    c6,
    c7,
    c8,
    c9,
    c10,
    c11,
    c12,
)
from desdesk.domain.check_text import name_list
from desdesk.domain.check_types import (
    BUSINESS_PLAN_SECTIONS,
    AssemblyFact,
    DistrictFacts,
    Finding,
    Level,
    MemberFact,
    ObjectiveFact,
    OfficeFact,
    PersonFact,
    Target,
)
from desdesk.domain.enums import Nature, OfficeKind, SupplyChainRole
from tests.check_facts import agreement, member, ready_facts, ready_members

TODAY = date(2026, 11, 26)


def facts(**changes: object) -> DistrictFacts:
    return dataclasses.replace(ready_facts(TODAY), **changes)  # type: ignore[arg-type]


def levels(findings: list[Finding]) -> list[Level]:
    return [f.level for f in findings]


def with_member(index: int, **changes: object) -> tuple[MemberFact, ...]:
    members = list(ready_members())
    members[index] = dataclasses.replace(members[index], **changes)  # type: ignore[arg-type]
    return tuple(members)


def test_ready_facts_satisfy_every_constitution_rule() -> None:
    ready = ready_facts(TODAY)
    for rule in CONSTITUTION_RULES:
        findings = rule(ready)
        assert findings, rule.__name__
        assert all(f.level is Level.OK for f in findings), (rule.__name__, findings)
        assert all(f.source and f.reason and f.message for f in findings)
    assert [rule.__name__ for rule in CONSTITUTION_RULES] == [f"c{n}" for n in range(1, 13)]


def test_name_list_shows_three_names_and_how_many_more() -> None:
    assert name_list(["A", "B"]) == "A, B"
    assert name_list(["A", "B", "C"]) == "A, B, C"
    assert name_list(["A", "B", "C", "D"]) == "A, B, C e un altro"
    assert name_list(["A", "B", "C", "D", "E"]) == "A, B, C e altri 2"


# -- C1, C2, C3 -------------------------------------------------------------------------


def test_c1_two_members_are_an_error_three_are_enough() -> None:
    three = c1(facts())
    assert levels(three) == [Level.OK]
    assert "3 aderenti attivi" in three[0].message
    two = c1(facts(members=ready_members()[:2]))
    assert levels(two) == [Level.ERROR]
    assert "2 aderenti attivi: ne servono almeno 3" in two[0].message
    assert two[0].target == Target("members")


def test_c1_counts_only_active_members() -> None:
    left = with_member(2, left_on=date(2026, 1, 1))
    assert levels(c1(facts(members=left))) == [Level.ERROR]
    future = with_member(2, joined_on=date(2027, 1, 1))
    assert levels(c1(facts(members=future))) == [Level.ERROR]


def test_c2_no_aes_subscriber_is_an_error_one_is_enough() -> None:
    assert levels(c2(facts())) == [Level.OK]
    assert "Bio Valle" in c2(facts())[0].message
    none = c2(facts(members=with_member(0, aes_subscriber=False)))
    assert levels(none) == [Level.ERROR]
    assert "AES" in none[0].message
    # A subscriber who left does not count.
    gone = c2(facts(members=with_member(0, left_on=date(2026, 6, 1))))
    assert levels(gone) == [Level.ERROR]


def test_c3_one_legal_form_is_an_error_two_are_enough() -> None:
    same = tuple(dataclasses.replace(m, legal_form="Associazione") for m in ready_members())
    found = c3(facts(members=same))
    assert levels(found) == [Level.ERROR]
    assert "Associazione" in found[0].message
    two = (
        *same[:2],
        dataclasses.replace(same[2], legal_form="Cooperativa"),
    )
    assert levels(c3(facts(members=two))) == [Level.OK]
    # Case and accents do not make a different form.
    spelled = (*same[:2], dataclasses.replace(same[2], legal_form=" associazione "))
    assert levels(c3(facts(members=spelled))) == [Level.ERROR]


def test_c3_all_one_nature_is_a_warning() -> None:
    one = tuple(dataclasses.replace(m, nature=Nature.PRIVATE_NON_PROFIT) for m in ready_members())
    found = c3(facts(members=one))
    assert levels(found) == [Level.WARNING]
    assert "stessa natura" in found[0].message
    assert Nature.PRIVATE_NON_PROFIT.label() in found[0].message


# -- C4 ---------------------------------------------------------------------------------


def test_c4_a_member_without_primary_is_an_error_naming_it() -> None:
    found = c4(facts(members=with_member(1, primary=None, primary_id=None)))
    assert levels(found) == [Level.ERROR]
    assert "GAS Trento (solo supplente)" in found[0].message
    assert found[0].target == Target("members", "member", 2)


def test_c4_substitute_only_and_no_referent_at_all() -> None:
    members = with_member(1, primary=None, primary_id=None, substitute=None)
    found = c4(facts(members=members))
    assert levels(found) == [Level.ERROR, Level.WARNING]
    assert "1 aderente senza referente titolare: GAS Trento." in found[0].message
    assert "supplente" in found[1].message
    # A primary with a blank name is no primary.
    blank = c4(facts(members=with_member(0, primary=PersonFact("  ", email="a@b.it"))))
    assert levels(blank) == [Level.ERROR]


def test_c4_primary_without_contact_is_a_warning_on_the_referent() -> None:
    found = c4(facts(members=with_member(2, primary=PersonFact("Anna Neri"))))
    assert levels(found) == [Level.WARNING]
    assert "Anna Neri (Comune di Arco)" in found[0].message
    assert found[0].target == Target("referents", "referent", 103)
    phone_only = c4(facts(members=with_member(2, primary=PersonFact("Anna", phone="333"))))
    assert levels(phone_only) == [Level.OK]


def test_c4_no_substitute_is_a_grouped_warning() -> None:
    members = tuple(dataclasses.replace(m, substitute=None) for m in ready_members())
    found = c4(facts(members=members))
    assert levels(found) == [Level.WARNING]
    assert "3 aderenti senza referente supplente" in found[0].message
    assert found[0].target == Target("members")
    one = c4(facts(members=with_member(0, substitute=None)))
    assert one[0].target == Target("members", "member", 1)


def test_c4_many_members_list_three_names_and_the_rest() -> None:
    many = tuple(dataclasses.replace(member(i, f"Aderente {i}"), primary=None) for i in range(1, 7))
    found = c4(facts(members=many))
    assert found[0].level is Level.ERROR
    assert "6 aderenti" in found[0].message
    assert "e altri 3" in found[0].message


# -- C5 ---------------------------------------------------------------------------------


def _offices(*offices: OfficeFact) -> DistrictFacts:
    return facts(offices=offices)


COORD = OfficeFact(1, OfficeKind.COORDINATOR, "Maria Rossi", date(2025, 3, 1), None, 1)
EXTERNAL = OfficeFact(2, OfficeKind.EXTERNAL_REFERENT, "Luca Bianchi", date(2025, 3, 1), None, 2)


def test_c5_coordinator_and_external_referent() -> None:
    found = c5(_offices(COORD, EXTERNAL))
    assert levels(found) == [Level.OK]
    assert "Maria Rossi" in found[0].message and "Luca Bianchi" in found[0].message


def test_c5_one_person_for_both_is_fine_and_said() -> None:
    same = dataclasses.replace(EXTERNAL, person_name="maria rossi")
    found = c5(_offices(COORD, same))
    assert levels(found) == [Level.OK]
    assert "sia coordinatore sia referente esterno" in found[0].message


def test_c5_missing_coordinator_or_external_is_an_error() -> None:
    no_coord = c5(_offices(EXTERNAL))
    assert levels(no_coord) == [Level.ERROR]
    assert OfficeKind.COORDINATOR.label() in no_coord[0].message
    assert no_coord[0].target == Target("offices")
    neither = c5(_offices())
    assert OfficeKind.EXTERNAL_REFERENT.label() in neither[0].message
    assert OfficeKind.COORDINATOR.label() in neither[0].message


def test_c5_an_ended_term_does_not_count() -> None:
    ended = dataclasses.replace(COORD, end_date=date(2026, 11, 25))
    assert levels(c5(_offices(ended, EXTERNAL))) == [Level.ERROR]
    last_day = dataclasses.replace(COORD, end_date=TODAY)
    assert levels(c5(_offices(last_day, EXTERNAL))) == [Level.OK]
    future = dataclasses.replace(COORD, start_date=date(2026, 12, 1))
    assert levels(c5(_offices(future, EXTERNAL))) == [Level.ERROR]


# -- C6, C7, C8 -------------------------------------------------------------------------


def test_c6_objective_without_deadline_or_target_is_not_measurable() -> None:
    vague = ObjectiveFact(4, "Più soci", Decimal("5"), None, "in_corso")
    found = c6(facts(objectives=(vague,)))
    assert levels(found) == [Level.WARNING]
    assert "«Più soci»" in found[0].message
    assert found[0].target == Target("district", "objective", 4)
    no_value = dataclasses.replace(vague, target_value=None, deadline=date(2027, 1, 1))
    assert levels(c6(facts(objectives=(no_value,)))) == [Level.WARNING]
    both = dataclasses.replace(vague, deadline=date(2027, 1, 1))
    assert levels(c6(facts(objectives=(vague, both)))) == [Level.OK]


def test_c6_no_objective_and_no_mission() -> None:
    found = c6(facts(objectives=(), mission="  "))
    assert levels(found) == [Level.WARNING, Level.WARNING]
    assert "missione" in found[0].message
    assert "Nessun obiettivo" in found[1].message


def test_c7_no_founding_document_is_a_warning() -> None:
    found = c7(facts(documents=()))
    assert levels(found) == [Level.WARNING]
    assert found[0].target == Target("district", "document")
    other = agreement(9, start=date(2025, 1, 1), end=None, kind="altro")
    assert levels(c7(facts(documents=(other,)))) == [Level.WARNING]
    statute = agreement(9, start=date(2025, 1, 1), end=None, kind="statuto")
    assert levels(c7(facts(documents=(statute,)))) == [Level.OK]


def test_c8_governance_empty_is_a_warning() -> None:
    found = c8(facts(governance=" \n"))
    assert levels(found) == [Level.WARNING]
    assert "governance" in found[0].message
    assert found[0].target == Target("district", "profile")


def test_c8_no_assembly_this_year_is_a_warning() -> None:
    last_year = AssemblyFact(1, date(2025, 12, 20), "svolta")
    found = c8(facts(assemblies=(last_year,)))
    assert levels(found) == [Level.WARNING]
    assert "2026" in found[0].message
    cancelled = AssemblyFact(2, date(2026, 12, 10), "annullata")
    assert levels(c8(facts(assemblies=(last_year, cancelled)))) == [Level.WARNING]
    planned = AssemblyFact(3, date(2026, 12, 10), "pianificata")
    ok = c8(facts(assemblies=(last_year, planned)))
    assert levels(ok) == [Level.OK]
    assert "10/12/2026" in ok[0].message


# -- C9, C10, C11 -----------------------------------------------------------------------


@pytest.mark.parametrize("stage", list(SupplyChainRole))
def test_c9_each_missing_stage_is_its_own_warning(stage: SupplyChainRole) -> None:
    members = tuple(dataclasses.replace(m, roles=m.roles - {stage}) for m in ready_members())
    found = c9(facts(members=members))
    assert levels(found) == [Level.WARNING]
    assert f"«{stage.label()}»" in found[0].message


def test_c9_stages_of_former_members_do_not_count() -> None:
    found = c9(facts(members=with_member(2, left_on=date(2026, 1, 1))))
    assert levels(found) == [Level.WARNING]
    none = c9(facts(members=()))
    assert len(none) == len(SupplyChainRole)


@pytest.mark.parametrize(("code", "label"), BUSINESS_PLAN_SECTIONS)
def test_c10_each_missing_section_is_named(code: str, label: str) -> None:
    plan = dict(ready_facts(TODAY).business_plan)
    plan[code] = "   "
    found = c10(facts(business_plan=plan))
    assert levels(found) == [Level.WARNING]
    assert f"«{label}»" in found[0].message
    del plan[code]
    assert levels(c10(facts(business_plan=plan))) == [Level.WARNING]


def test_c10_empty_plan_names_all_six() -> None:
    found = c10(facts(business_plan={}))
    assert "mancano 6 sezioni" in found[0].message


def test_c11_forecast_of_two_years_is_not_enough_three_are() -> None:
    money = ready_facts(TODAY).money
    two = c11(facts(money=dataclasses.replace(money, forecast_years=(2027, 2028))))
    assert levels(two) == [Level.WARNING]
    assert "previsione per 2 anni su 3" in two[0].message
    assert levels(c11(facts(money=money))) == [Level.OK]


def test_c11_names_each_missing_part() -> None:
    money = dataclasses.replace(
        ready_facts(TODAY).money, investments=0, planned_sources=0, forecast_years=()
    )
    found = c11(facts(money=money))
    assert levels(found) == [Level.WARNING]
    message = found[0].message
    assert "nessun investimento iniziale" in message
    assert "nessuna fonte di finanziamento" in message
    assert "previsione per 0 anni su 3" in message


# -- C12 --------------------------------------------------------------------------------


def test_c12_two_years_364_days_is_too_short_exactly_three_is_enough() -> None:
    start = date(2025, 3, 1)
    short = c12(facts(documents=(agreement(start=start, end=date(2028, 2, 29)),)))
    assert levels(short) == [Level.ERROR]
    assert "meno di 3 anni" in short[0].message
    assert "01/03/2025" in short[0].message and "29/02/2028" in short[0].message
    assert short[0].target == Target("district", "document", 7)
    exact = c12(facts(documents=(agreement(start=start, end=date(2028, 3, 1)),)))
    assert levels(exact) == [Level.OK]


def test_c12_no_agreement_no_end_date_not_approved() -> None:
    none = c12(facts(documents=()))
    assert levels(none) == [Level.ERROR]
    assert "Nessun accordo" in none[0].message
    open_ended = c12(facts(documents=(agreement(start=date(2025, 1, 1), end=None),)))
    assert levels(open_ended) == [Level.ERROR]
    assert "data di fine" in open_ended[0].message
    draft = agreement(start=date(2025, 1, 1), end=date(2030, 1, 1), approved=False)
    found = c12(facts(documents=(draft,)))
    assert levels(found) == [Level.ERROR]
    assert "non è approvato" in found[0].message
    statute = agreement(start=date(2025, 1, 1), end=date(2030, 1, 1), kind="statuto")
    assert levels(c12(facts(documents=(statute,)))) == [Level.ERROR]


def test_c12_one_good_agreement_among_others_is_enough() -> None:
    draft = agreement(8, start=date(2025, 1, 1), end=None, approved=False)
    good = agreement(9, start=date(2025, 1, 1), end=date(2028, 1, 1))
    found = c12(facts(documents=(draft, good)))
    assert levels(found) == [Level.OK]
    assert found[0].target == Target("district", "document", 9)


def test_c12_an_expired_agreement_is_not_enough() -> None:
    today = date(2026, 11, 26)
    expired = agreement(doc_id=5, start=date(2015, 1, 1), end=date(2018, 1, 1))
    found = c12(dataclasses.replace(ready_facts(today), documents=(expired,)))
    assert found[0].level is Level.ERROR
    assert "scaduto il 01/01/2018" in found[0].message
