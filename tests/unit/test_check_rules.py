"""run_check: the rules of a phase, or of both, in order (domain, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date

from desdesk.domain.check_rules import run_check
from desdesk.domain.check_types import Level, Phase
from tests.check_facts import ready_facts, ready_members

TODAY = date(2026, 11, 26)
CONSTITUTION = [f"C{n}" for n in range(1, 13)]
HEALTH = [f"H{n}" for n in range(1, 11)]


def rule_order(findings: list) -> list[str]:
    seen: list[str] = []
    for f in findings:
        if f.rule not in seen:
            seen.append(f.rule)
    return seen


def test_constitution_phase_runs_c1_to_c12_in_order() -> None:
    findings = run_check(ready_facts(TODAY), Phase.CONSTITUTION)
    assert rule_order(findings) == CONSTITUTION
    assert {f.level for f in findings} == {Level.OK}


def test_consolidation_phase_runs_h1_to_h10_in_order() -> None:
    findings = run_check(ready_facts(TODAY), Phase.CONSOLIDATION)
    assert rule_order(findings) == HEALTH


def test_both_phases_when_none() -> None:
    findings = run_check(ready_facts(TODAY))
    assert rule_order(findings) == CONSTITUTION + HEALTH
    assert all(f.as_json()["rule"] == f.rule for f in findings)


def test_a_broken_rule_shows_among_the_others() -> None:
    facts = dataclasses.replace(ready_facts(TODAY), members=ready_members()[:2])
    findings = run_check(facts, Phase.CONSTITUTION)
    errors = [f.rule for f in findings if f.level is Level.ERROR]
    assert errors == ["C1"]
    assert rule_order(findings) == CONSTITUTION
