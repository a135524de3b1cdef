"""What the demo will write, built in memory first: pure data, no database."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.schemas import (
    DistrictProfile,
    FoundingDocumentInput,
    MemberEntry,
    ObjectiveInput,
    ReferentInput,
)
from desdesk.services.demo.places import Territory


@dataclass(frozen=True, slots=True)
class Replacement:
    """A member names a new referent of `kind` on `referent.start_date`; the old one ends."""

    member: int  # index into DemoPlan.members
    kind: ReferentKind
    referent: ReferentInput


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    kind: OfficeKind
    person_name: str
    member: int | None  # index into DemoPlan.members
    start_date: date
    end_date: date | None
    title: str = ""


@dataclass(frozen=True, slots=True)
class DocumentPlan:
    data: FoundingDocumentInput
    filename: str
    text: str


@dataclass
class DemoPlan:
    profile: DistrictProfile
    members: list[MemberEntry]
    replacements: list[Replacement]
    offices: list[OfficeTerm] = field(default_factory=list)
    objectives: list[ObjectiveInput] = field(default_factory=list)
    documents: list[DocumentPlan] = field(default_factory=list)
    assemblies: list[Any] = field(default_factory=list)  # PlannedAssembly (assembly_plan.py)
    money: Any = None  # MoneyPlan (money.py)
    growth: list[Any] = field(default_factory=list)  # PlannedGrowth (growth.py)

    def current_referents(self) -> list[tuple[int, ReferentKind, ReferentInput]]:
        """(member index, kind, referent) of everyone still in charge, by member, primary first."""
        current: dict[tuple[int, ReferentKind], ReferentInput] = {}
        for index, entry in enumerate(self.members):
            if entry.primary is not None:
                current[index, ReferentKind.PRIMARY] = entry.primary
            if entry.substitute is not None:
                current[index, ReferentKind.SUBSTITUTE] = entry.substitute
        for replacement in self.replacements:
            current[replacement.member, replacement.kind] = replacement.referent
        ordered = sorted(
            current.items(), key=lambda item: (item[0][0], item[0][1] is not ReferentKind.PRIMARY)
        )
        return [(index, kind, referent) for (index, kind), referent in ordered]


@dataclass(frozen=True, slots=True)
class Context:
    """What every part of the generator shares: the one random source and the dates."""

    rng: random.Random
    territory: Territory
    today: date
    founded: date

    def day_between(self, start: date, end: date) -> date:
        """A random day in [start, end]; `start` if the range is empty."""
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, span)) if span > 0 else start
