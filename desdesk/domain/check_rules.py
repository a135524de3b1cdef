"""The district check: every rule of a phase (or both) applied to the facts, in order
C1…C12 then H1…H10."""

from __future__ import annotations

from desdesk.domain.check_constitution import CONSTITUTION_RULES
from desdesk.domain.check_health import HEALTH_RULES
from desdesk.domain.check_types import DistrictFacts, Finding, Phase

__all__ = ["RULES_BY_PHASE", "run_check"]

RULES_BY_PHASE = {Phase.CONSTITUTION: CONSTITUTION_RULES, Phase.CONSOLIDATION: HEALTH_RULES}


def run_check(facts: DistrictFacts, phase: Phase | None = None) -> list[Finding]:
    """The findings of `phase`'s rules, or of both phases when None."""
    phases = [phase] if phase is not None else [Phase.CONSTITUTION, Phase.CONSOLIDATION]
    return [finding for p in phases for rule in RULES_BY_PHASE[p] for finding in rule(facts)]
