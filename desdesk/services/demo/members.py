"""The demo's member organisations, their referents and the referents they replaced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desdesk.domain.enums import ReferentKind
from desdesk.domain.legal_forms import by_code
from desdesk.schemas import MemberEntry, MemberInput
from desdesk.services.demo import words
from desdesk.services.demo.archetypes import Archetype, Role
from desdesk.services.demo.catalogue import ARCHETYPES, FOUNDERS
from desdesk.services.demo.identifiers import Identifiers, landline, mobile
from desdesk.services.demo.people import People, Person
from desdesk.services.demo.places import NEIGHBOURS, STREETS, TRENTO, Comune
from desdesk.services.demo.plan import Context, Replacement

FOUNDING_NOTE = "Tra i firmatari dell'accordo di costituzione del distretto."
# Founders that always subscribe to the disciplinari, so a district of 3 meets rule C2.
_FOUNDING_SUBSCRIBERS = frozenset({"gas", "cooperativa_sociale_b", "azienda_agricola"})
_AES_SHARE = {"pubblico": 0.15, "privato_profit": 0.45, "privato_non_profit": 0.35}
_NAME_ATTEMPTS = 12  # then a common name gets its comune appended
_FINITE_ATTEMPTS = 40  # then a finite archetype (Comune di ...) counts as run out
_FIRST_NAMES = words.FEMALE_NAMES + words.MALE_NAMES
_FAMILY_BUSINESSES = frozenset({"impresa_individuale", "societa_di_persone", "azienda_agricola"})
# Bodies whose seat is not the comune in their name: the valley's main town, Trento.
_SEATS: dict[str, Callable[[Context], Comune]] = {
    "comunita_di_valle": lambda ctx: ctx.territory.main_town,
    "provincia": lambda ctx: TRENTO,
}
# A referent's role in either gender, from the title of the person being replaced.
ROLE_BY_TITLE: dict[str, Role] = {
    title: role for a in ARCHETYPES for role in a.referent_roles for title in role
}


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    comune: Comune
    owner: Person | None  # the person a family business is named after


@dataclass
class MemberFactory:
    ctx: Context
    ids: Identifiers
    people: People
    _names: set[str] = field(default_factory=set)
    _exhausted: set[Archetype] = field(default_factory=set)
    _decks: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def _deal(self, words_: tuple[str, ...]) -> str:
        """The next of `words_` in a shuffled deck: no repeats until all were used."""
        deck = self._decks.setdefault(words_, [])
        if not deck:
            deck.extend(self.ctx.rng.sample(words_, len(words_)))
        return deck.pop()

    def entry(self, archetype: Archetype, joined: date, founder: bool) -> MemberEntry:
        """A member of `archetype` (or of another, if its names ran out) and its referents."""
        name = self._named(archetype)
        while name is None:
            self._exhausted.add(archetype)
            archetype = self.random_archetype()
            name = self._named(archetype)
        member = self._member(archetype, name, joined, founder)
        domain = member.email.partition("@")[2]
        primary_role, *other_roles = archetype.referent_roles
        rng = self.ctx.rng
        if name.owner is not None and rng.random() < 0.8:
            primary = self.people.referent(domain, primary_role, joined, name.owner)
        else:
            role = primary_role if rng.random() < 0.6 else rng.choice(other_roles)
            primary = self.people.referent(domain, role, joined)
        substitute = None
        if rng.random() < 0.8:
            substitute = self.people.referent(domain, rng.choice(other_roles), joined)
        return MemberEntry(member=member, primary=primary, substitute=substitute)

    def random_archetype(self) -> Archetype:
        """Any archetype whose names have not run out, by weight."""
        available = [a for a in ARCHETYPES if a not in self._exhausted]
        return self.ctx.rng.choices(available, weights=[a.weight for a in available])[0]

    def _named(self, archetype: Archetype) -> _Name | None:
        """An unused name and the comune it is in; None if a finite archetype ran out."""
        attempts = _FINITE_ATTEMPTS if archetype.finite else _NAME_ATTEMPTS
        for _attempt in range(attempts):
            name = self._render(archetype, self._comune(local_only=archetype.finite))
            if name.text not in self._names:
                self._names.add(name.text)
                return name
        if archetype.finite:
            return None
        suffix, n = f" {name.comune.name}", 1
        while name.text + suffix in self._names:
            n += 1
            suffix = f" {name.comune.name} {n}"
        self._names.add(name.text + suffix)
        return replace(name, text=name.text + suffix)

    def _comune(self, local_only: bool) -> Comune:
        rng, comuni = self.ctx.rng, self.ctx.territory.comuni
        if not local_only and rng.random() < 0.12:
            return rng.choice(NEIGHBOURS)
        weights = [4, *([1] * (len(comuni) - 1))]
        return rng.choices(comuni, weights=weights)[0]

    def _render(self, archetype: Archetype, comune: Comune) -> _Name:
        rng = self.ctx.rng
        template = rng.choice(archetype.names)
        first = rng.choice(_FIRST_NAMES)
        surname = rng.choice(words.SURNAMES)
        text = template.format(
            core=self._deal(words.CORES) if "{core}" in template else "",
            surname=surname,
            surname2=rng.choice(words.SURNAMES),
            first=first,
            comune=comune.name,
            territory=self.ctx.territory.name,
            community=self.ctx.territory.community,
            trade=rng.choice(words.TRADES),
            company=self._deal(words.COMPANY_CORES) if "{company}" in template else "",
            quarter=rng.choice(words.QUARTERS),
        )
        owner = None
        if archetype.legal_form in _FAMILY_BUSINESSES and "{surname}" in template:
            owner = Person(first, surname, female=first in words.FEMALE_NAMES)
        seat = _SEATS.get(archetype.legal_form)
        return _Name(text, seat(self.ctx) if seat else comune, owner)

    def _member(
        self, archetype: Archetype, name: _Name, joined: date, founder: bool
    ) -> MemberInput:
        rng = self.ctx.rng
        comune = name.comune
        tax_code, vat_number = self.ids.codes(archetype.ids)
        domain = self.ids.domain(name.text)
        local = domain.removesuffix(".example.it")
        nature = by_code(archetype.legal_form).nature.value
        aes = (founder and archetype.legal_form in _FOUNDING_SUBSCRIBERS) or (
            rng.random() < _AES_SHARE[nature]
        )
        sectors = rng.sample(archetype.sectors, rng.randint(1, min(3, len(archetype.sectors))))
        roles = _roles(archetype) if founder else rng.choice(archetype.role_sets)
        has_pec = nature == "pubblico" or (bool(vat_number) and rng.random() < 0.8)
        return MemberInput(
            name=name.text,
            legal_form=archetype.legal_form,
            tax_code=tax_code,
            vat_number=vat_number,
            address=self._address(archetype),
            comune=comune.name,
            provincia="TN",
            cap=comune.cap,
            email=f"info@{domain}",
            pec=f"{local}@pec.example.it" if has_pec else "",
            phone=self._phone(archetype, comune),
            website=f"www.{domain}" if rng.random() < 0.45 else "",
            aes_subscriber=aes,
            disciplinari=sorted(sectors) if aes else [],
            supply_chain_roles=sorted(roles),
            joined_on=joined,
            notes=FOUNDING_NOTE if founder else "",
        )

    def _address(self, archetype: Archetype) -> str:
        rng = self.ctx.rng
        if archetype.legal_form == "comune":
            return f"Piazza del Municipio {rng.randint(1, 5)}"
        return f"{rng.choice(STREETS)} {rng.randint(1, 120)}"

    def _phone(self, archetype: Archetype, comune: Comune) -> str:
        rng = self.ctx.rng
        if archetype.legal_form in ("gas", "impresa_individuale", "azienda_agricola"):
            draw = rng.random()
            if draw < 0.2:
                return ""
            if draw < 0.6:
                return mobile(rng)
        return landline(rng, comune.area_code)


def _roles(archetype: Archetype) -> set[str]:
    """Every supply-chain role the archetype can have (founders take them all)."""
    return {role for role_set in archetype.role_sets for role in role_set}


def join_dates(ctx: Context, count: int) -> list[tuple[date, bool]]:
    """(joined on, founder?) for `count` members, in order: founders first, then by date."""
    founders = min(count, max(3, min(15, count // 4)))
    later = sorted(
        ctx.day_between(ctx.founded + timedelta(days=30), ctx.today)
        for _ in range(count - founders)
    )
    return [(ctx.founded, True)] * founders + [(day, False) for day in later]


def archetype_deck(ctx: Context, count: int) -> list[Archetype]:
    """`count` archetypes in proportion to their weights (largest remainder), shuffled.

    A quota rather than independent draws: even 60 members get a realistic mix.
    """
    total = sum(a.weight for a in ARCHETYPES)
    quotas = [(a, a.weight * count / total) for a in ARCHETYPES]
    deck = [a for a, quota in quotas for _ in range(int(quota))]
    by_remainder = sorted(quotas, key=lambda aq: (aq[1] - int(aq[1]), ctx.rng.random()))
    deck += [a for a, _quota in reversed(by_remainder)][: count - len(deck)]
    ctx.rng.shuffle(deck)
    return deck


def build_members(ctx: Context, count: int, people: People) -> list[MemberEntry]:
    factory = MemberFactory(ctx, Identifiers(ctx.rng), people)
    dates = join_dates(ctx, count)
    founders = [a for a, (_joined, founder) in zip(FOUNDERS, dates, strict=False) if founder]
    archetypes = founders + archetype_deck(ctx, count - len(founders))
    entries = [
        factory.entry(archetype, joined, founder)
        for archetype, (joined, founder) in zip(archetypes, dates, strict=True)
    ]
    _withdraw_some(ctx, entries)
    return entries


def _withdraw_some(ctx: Context, entries: list[MemberEntry]) -> None:
    """About 5–10% of members have left, with a date and a reason."""
    rng = ctx.rng
    share = rng.uniform(0.05, 0.10)
    wanted = max(1, round(len(entries) * share)) if len(entries) >= 10 else 0
    latest_join = ctx.today - timedelta(days=120)
    candidates = [
        i for i, e in enumerate(entries) if e.member.joined_on and e.member.joined_on <= latest_join
    ]
    for index in sorted(rng.sample(candidates, min(wanted, len(candidates)))):
        entry = entries[index]
        assert entry.member.joined_on is not None
        entry.left_on = ctx.day_between(
            entry.member.joined_on + timedelta(days=90), ctx.today - timedelta(days=1)
        )
        entry.leave_reason = rng.choice(words.LEAVE_REASONS)


def build_replacements(
    ctx: Context, entries: list[MemberEntry], people: People
) -> list[Replacement]:
    """Some referents were replaced over the years: the new ones, in date order."""
    rng = ctx.rng
    replacements: list[Replacement] = []
    for index, entry in enumerate(entries):
        for kind, current, share in (
            (ReferentKind.PRIMARY, entry.primary, 0.18),
            (ReferentKind.SUBSTITUTE, entry.substitute, 0.10),
        ):
            if current is None or current.start_date is None or rng.random() >= share:
                continue
            end = (entry.left_on or ctx.today) - timedelta(days=30)
            since = current.start_date
            for _change in range(rng.choice((1, 1, 1, 2))):
                earliest = since + timedelta(days=180)
                if earliest > end:
                    break
                since = ctx.day_between(earliest, end)
                domain = entry.member.email.partition("@")[2]
                role = ROLE_BY_TITLE.get(current.role, (current.role, current.role))
                replacements.append(Replacement(index, kind, people.referent(domain, role, since)))
    return sorted(replacements, key=lambda r: (r.referent.start_date or ctx.today, r.member))
