"""What the pictures of the district (Verifica › Quadro d'insieme) show, as plain data.

Five read-models, each built with a few plain reads (`desdesk.db.check_picture_queries`)
or from the workspace's services: the mix of natures and legal forms, who covers which
stage of the supply chain, attendance at the last 12 months' assemblies, the public
share of the year's income and the terms of office around today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from desdesk.db import check_picture_queries as q
from desdesk.domain.assembly_rules import AssemblyRules
from desdesk.domain.enums import AttendanceStatus, Nature, OfficeKind, SupplyChainRole
from desdesk.domain.legal_forms import by_code, nature_of
from desdesk.domain.money import ZERO
from desdesk.domain.money_enums import FundingSource
from desdesk.services.attendance import read_rules
from desdesk.services.attendance_records import flagged_member_ids
from desdesk.services.base import Service

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

STAGES: tuple[SupplyChainRole, ...] = tuple(SupplyChainRole)
TIMELINE_YEARS_BEFORE = 4
TIMELINE_YEARS_AFTER = 2


@dataclass(frozen=True, slots=True)
class Count:
    label: str  # Italian, already translated
    count: int


@dataclass(frozen=True, slots=True)
class Heterogeneity:
    """Active members by nature (every nature, zeros included) and by legal form (the
    forms present, most common first)."""

    members: int
    by_nature: tuple[Count, ...]
    by_legal_form: tuple[Count, ...]


@dataclass(frozen=True, slots=True)
class CoverageRow:
    member_id: int
    name: str
    roles: frozenset[SupplyChainRole]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Active members × the four stages of the supply chain."""

    rows: tuple[CoverageRow, ...]

    def count(self, stage: SupplyChainRole) -> int:
        return sum(1 for row in self.rows if stage in row.roles)

    @property
    def empty_stages(self) -> tuple[SupplyChainRole, ...]:
        return tuple(stage for stage in STAGES if self.count(stage) == 0)


@dataclass(frozen=True, slots=True)
class HeldAssembly:
    id: int
    day: date
    title: str


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    member_id: int
    name: str
    flagged: bool  # its current run of absences reaches the exclusion threshold


@dataclass(frozen=True, slots=True)
class Participation:
    """Members × the assemblies held in the last 12 months. `cells` holds a key for each
    assembly the member was entitled to (value None: no status recorded); no key: it was
    not a member on that day."""

    assemblies: tuple[HeldAssembly, ...]
    members: tuple[ParticipantRow, ...]
    cells: Mapping[tuple[int, int], AttendanceStatus | None]
    exclusion_threshold: int

    def entitled(self, member_id: int, assembly_id: int) -> bool:
        return (member_id, assembly_id) in self.cells

    def status(self, member_id: int, assembly_id: int) -> AttendanceStatus | None:
        return self.cells.get((member_id, assembly_id))


@dataclass(frozen=True, slots=True)
class PublicShare:
    """The public share of one year's income (`year` None: no financial year at all)."""

    year: int | None
    income_total: Decimal
    public_income: Decimal
    share: Decimal | None  # percentage, one decimal; None with no income
    threshold: int  # the district's public_share_warning_percent

    @property
    def over_threshold(self) -> bool:
        return self.share is not None and self.share > self.threshold


class TermState(StrEnum):
    ENDED = "ended"
    EXPIRING = "expiring"  # ends within the district's office_notice_days
    CURRENT = "current"
    FUTURE = "future"


@dataclass(frozen=True, slots=True)
class Term:
    id: int
    kind: OfficeKind
    person: str
    start: date
    end: date | None

    def state(self, today: date, notice_days: int) -> TermState:
        if self.end is not None and self.end < today:
            return TermState.ENDED
        if self.start > today:
            return TermState.FUTURE
        if self.end is not None and self.end <= today + timedelta(days=notice_days):
            return TermState.EXPIRING
        return TermState.CURRENT


@dataclass(frozen=True, slots=True)
class OfficesTimeline:
    """The terms overlapping [start, end], by office kind then start."""

    today: date
    start: date
    end: date
    notice_days: int
    terms: tuple[Term, ...]

    def state(self, term: Term) -> TermState:
        return term.state(self.today, self.notice_days)


def _year_ago(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class CheckPicturesService(Service):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.sessions)
        self._workspace = workspace

    def heterogeneity(self, today: date | None = None) -> Heterogeneity:
        day = today or date.today()
        with self._reading() as session:
            members = q.active_members(session.connection(), day)
        natures = Counter(
            nature_of(form, Nature(override) if override else None)
            for _i, _n, form, override, _r in members
        )
        forms = Counter(form for _i, _n, form, _o, _r in members)
        by_form = sorted(
            (Count(by_code(code).label, count) for code, count in forms.items()),
            key=lambda c: (-c.count, c.label.casefold()),
        )
        return Heterogeneity(
            members=len(members),
            by_nature=tuple(Count(n.label(), natures[n]) for n in Nature),
            by_legal_form=tuple(by_form),
        )

    def coverage(self, today: date | None = None) -> Coverage:
        day = today or date.today()
        with self._reading() as session:
            members = q.active_members(session.connection(), day)
        known = {role.value for role in SupplyChainRole}
        return Coverage(
            tuple(
                CoverageRow(i, name, frozenset(SupplyChainRole(r) for r in roles if r in known))
                for i, name, _f, _o, roles in members
            )
        )

    def participation(self, today: date | None = None) -> Participation:
        """Attendance at the assemblies (not cancelled) held in the 12 months up to today."""
        day = today or date.today()
        with self._reading() as session:
            connection = session.connection()
            rules: AssemblyRules = read_rules(connection)
            held = q.held_assemblies(connection, _year_ago(day), day)
            recorded = q.statuses(connection, [a for a, _d, _t in held])
            members = q.members_with_dates(connection)
            flagged = flagged_member_ids(connection, rules, day)
        cells: dict[tuple[int, int], AttendanceStatus | None] = {}
        rows = []
        for member_id, name, joined, left in members:
            entitled = [
                a
                for a, held_day, _t in held
                if (joined is None or joined <= held_day) and (left is None or left >= held_day)
            ]
            if not entitled:
                continue
            rows.append(ParticipantRow(member_id, name, member_id in flagged))
            for assembly_id in entitled:
                cells[(member_id, assembly_id)] = recorded.get((member_id, assembly_id))
        return Participation(
            assemblies=tuple(HeldAssembly(*row) for row in held),
            members=tuple(rows),
            cells=cells,
            exclusion_threshold=rules.exclusion_threshold,
        )

    def public_share(self, today: date | None = None) -> PublicShare:
        """This year's public share if it has income, else the last year's that had any."""
        day = today or date.today()
        with self._reading() as session:
            threshold = q.district_thresholds(session.connection())[0]
        budget = self._workspace.budget
        years = [y.year for y in budget.years() if y.year <= day.year]
        for year in years:
            statement = budget.statement(year)
            total = sum(statement.income_by_source.values(), ZERO)
            if total:
                public = statement.income_by_source.get(FundingSource.PUBLIC, ZERO)
                return PublicShare(year, total, public, statement.public_share, threshold)
        first = years[0] if years else None
        return PublicShare(first, ZERO, ZERO, None, threshold)

    def offices(self, today: date | None = None) -> OfficesTimeline:
        day = today or date.today()
        start = date(day.year - TIMELINE_YEARS_BEFORE, 1, 1)
        end = date(day.year + TIMELINE_YEARS_AFTER, 12, 31)
        with self._reading() as session:
            connection = session.connection()
            notice_days = q.district_thresholds(connection)[1]
            rows = q.offices(connection)
        order = {kind: n for n, kind in enumerate(OfficeKind)}
        terms = sorted(
            (
                Term(i, OfficeKind(kind), person, first, last)
                for i, kind, person, first, last in rows
                if first <= end and (last is None or last >= start)
            ),
            key=lambda t: (order[t.kind], t.start, t.id),
        )
        return OfficesTimeline(day, start, end, notice_days, tuple(terms))
