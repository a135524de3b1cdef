"""The demo district's offices: who held each one, term by term, since the founding."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desdesk.domain.enums import OfficeKind
from desdesk.schemas import ReferentInput
from desdesk.services.demo.plan import Context, DemoPlan, OfficeTerm

_SAME_PERSON_SHARE = 0.4  # coordinator who is also the external referent
# Coordinator and external referent should stay ideally 4 years (toolkit 2.2, H7); the
# other offices are renewed every 2 or 3 years.
_LEADERSHIP_YEARS = (4, 4, 5)
_LEADERSHIP_LATE_DAYS = 60  # a full term: the successor is elected after its anniversary
_OFFICE_YEARS = (2, 3)
_ENDING_SOON_DAYS = (20, 80)  # an office's term ends within the 90 days' notice (H7)
_PROJECTS_TITLE = "Responsabile progetti"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class Candidate:
    member: int
    referent: ReferentInput

    @property
    def name(self) -> str:
        return f"{self.referent.first_name} {self.referent.last_name}"


@dataclass
class Holders:
    """Current referents of active members, each given at most one office while they last."""

    ctx: Context
    candidates: list[Candidate]
    _given: set[str] = field(default_factory=set)

    def pick(self, start: date) -> Candidate:
        """Someone who was already a referent on `start` and has no office yet, if possible."""
        fresh = [c for c in self.candidates if c.name not in self._given]
        in_charge = [c for c in fresh if (c.referent.start_date or start) <= start]
        chosen = self.ctx.rng.choice(in_charge or fresh or self.candidates)
        self._given.add(chosen.name)
        return chosen


def term_starts(
    ctx: Context, lengths: tuple[int, ...] = _OFFICE_YEARS, late_days: int = 0
) -> list[date]:
    """Start of each term from the founding to today: terms of one of `lengths` years,
    renewed up to `late_days` after the anniversary (at the next assembly)."""
    starts = [ctx.founded]
    latest = ctx.today - timedelta(days=60)
    while True:
        following = add_years(starts[-1], ctx.rng.choice(lengths))
        if late_days:
            following += timedelta(days=ctx.rng.randint(1, late_days))
        if following > latest:
            break
        starts.append(following)
    if len(starts) == 1 and (ctx.today - ctx.founded).days >= 700:
        # A second term for the history: after a shortest full term if the district is
        # old enough, else after one year (an early change, as happens).
        earliest = add_years(ctx.founded, min(lengths)) + timedelta(days=min(late_days, 1))
        if earliest > latest:
            earliest = add_years(ctx.founded, 1)
        starts.append(ctx.day_between(earliest, latest))
    return starts


def term_ends(ctx: Context, starts: list[date], years: int = 3) -> list[date]:
    """Each term ends the day before the next; the current one, of `years` years or more,
    runs past today."""
    ends = [following - timedelta(days=1) for following in starts[1:]]
    current_end = add_years(starts[-1], years)
    while current_end <= ctx.today:
        current_end = add_years(current_end, 1)
    return [*ends, current_end]


def build_offices(ctx: Context, plan: DemoPlan) -> list[OfficeTerm]:
    candidates = [
        Candidate(index, referent)
        for index, _kind, referent in plan.current_referents()
        if plan.members[index].left_on is None
    ]
    if not candidates:
        return []
    holders = Holders(ctx, candidates)
    terms = _leadership(ctx, holders)
    others = [
        _terms_of(ctx, holders, kind)
        for kind in (OfficeKind.TREASURER, OfficeKind.SECRETARY, OfficeKind.COMMUNICATION)
    ]
    _end_soon(ctx, min(others, key=lambda kind_terms: kind_terms[-1].start_date))
    terms += [term for kind_terms in others for term in kind_terms]
    if ctx.rng.random() < 0.6:
        start = ctx.day_between(ctx.founded, ctx.today - timedelta(days=30))
        holder = holders.pick(start)
        terms.append(
            OfficeTerm(
                OfficeKind.OTHER, holder.name, holder.member, start, None, title=_PROJECTS_TITLE
            )
        )
    return terms


def _leadership(ctx: Context, holders: Holders) -> list[OfficeTerm]:
    """Coordinator and external referent share their terms; often one person holds both."""
    starts = term_starts(ctx, _LEADERSHIP_YEARS, _LEADERSHIP_LATE_DAYS)
    terms: list[OfficeTerm] = []
    for start, end in zip(starts, term_ends(ctx, starts, min(_LEADERSHIP_YEARS)), strict=True):
        coordinator = holders.pick(start)
        external = coordinator
        if ctx.rng.random() >= _SAME_PERSON_SHARE:
            external = holders.pick(start)
        for kind, holder in (
            (OfficeKind.COORDINATOR, coordinator),
            (OfficeKind.EXTERNAL_REFERENT, external),
        ):
            terms.append(OfficeTerm(kind, holder.name, holder.member, start, end))
    return terms


def _end_soon(ctx: Context, terms: list[OfficeTerm]) -> None:
    """The current one of `terms` ends within the office notice (H7 has one to show)."""
    soon = ctx.today + timedelta(days=ctx.rng.randint(*_ENDING_SOON_DAYS))
    terms[-1] = replace(terms[-1], end_date=soon)


def _terms_of(ctx: Context, holders: Holders, kind: OfficeKind) -> list[OfficeTerm]:
    starts = term_starts(ctx)
    terms = []
    for start, end in zip(starts, term_ends(ctx, starts), strict=True):
        holder = holders.pick(start)
        terms.append(OfficeTerm(kind, holder.name, holder.member, start, end))
    return terms
