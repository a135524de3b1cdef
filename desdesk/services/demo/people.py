"""Fictional people: referents of the demo's member organisations."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from desdesk.schemas import ReferentInput
from desdesk.services.demo.archetypes import Role
from desdesk.services.demo.identifiers import email_local, mobile
from desdesk.services.demo.words import FEMALE_NAMES, MALE_NAMES, SURNAMES


@dataclass(frozen=True, slots=True)
class Person:
    first_name: str
    last_name: str
    female: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class People:
    """Draws people, avoiding repeated full names while the combinations last."""

    rng: random.Random
    _used: set[str] = field(default_factory=set)

    def person(self) -> Person:
        for _attempt in range(4):
            female = self.rng.random() < 0.5
            first = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            candidate = Person(first, self.rng.choice(SURNAMES), female)
            if candidate.full_name not in self._used:
                break
        self._used.add(candidate.full_name)
        return candidate

    def referent(
        self, domain: str, role: Role, start: date, person: Person | None = None
    ) -> ReferentInput:
        """A referent with an e-mail at the organisation's domain and, mostly, a mobile."""
        if person is None:
            person = self.person()
        self._used.add(person.full_name)
        return ReferentInput(
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{email_local(person.first_name, person.last_name)}@{domain}",
            phone=mobile(self.rng) if self.rng.random() < 0.85 else "",
            role=role[1] if person.female else role[0],
            start_date=start,
            # The agreement of membership is the legal basis; the notice is handed over
            # the day the person takes up the role (no random draw: the demo stays the same).
            legal_basis="contratto",
            notice_given_on=start,
        )
