"""Read-/write-models of the district check (issue 5): growth actions and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desdesk.domain.check_types import CheckSettings, Finding, Level, Phase


@dataclass(slots=True)
class GrowthActionInput:
    """Something done to bring in new members: an open day, a presentation to a GAS…"""

    day: date
    description: str
    outcome: str = ""
    member_id: int | None = None  # the member it brought in, if any


@dataclass(frozen=True, slots=True)
class GrowthActionRead:
    id: int
    data: GrowthActionInput
    member_name: str = ""


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The findings of one run of the check, for the GUI, the CLI and the PDF."""

    today: date
    district_name: str
    findings: tuple[Finding, ...]
    settings: CheckSettings

    def of_phase(self, phase: Phase) -> tuple[Finding, ...]:
        prefix = "C" if phase is Phase.CONSTITUTION else "H"
        return tuple(f for f in self.findings if f.rule.startswith(prefix))

    def count(self, level: Level, phase: Phase | None = None) -> int:
        findings = self.findings if phase is None else self.of_phase(phase)
        return sum(1 for f in findings if f.level is level)

    @property
    def ready_to_constitute(self) -> bool:
        """No constitution requirement at level errore."""
        return self.count(Level.ERROR, Phase.CONSTITUTION) == 0
