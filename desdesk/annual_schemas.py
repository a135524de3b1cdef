"""Read-models of the annual report (Rendicontazione annuale, issue 6).

What `AnnualReportService.report(year)` gathers from the other services and the PDF
prints, one dataclass per section. Plain frozen data: counts and rates are properties
computed here, so the PDF, the tests and any other reader agree on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desdesk.check_schemas import GrowthActionRead
from desdesk.domain.check_types import Finding
from desdesk.domain.enums import Nature
from desdesk.domain.money import ZERO, percent
from desdesk.domain.money_enums import IndicatorUnit
from desdesk.money_schemas import IndicatorRead, PeriodValue, YearStatement
from desdesk.schemas import DistrictProfile, OfficeRead


@dataclass(frozen=True, slots=True)
class MemberChange:
    """A member that joined or left during the year (`reason`: why it left)."""

    member_id: int
    name: str
    day: date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MembersPart:
    """Members at the year's end by nature, who joined and left, the growth actions."""

    active_by_nature: Mapping[Nature, int]
    joined: tuple[MemberChange, ...] = ()
    left: tuple[MemberChange, ...] = ()
    growth_actions: tuple[GrowthActionRead, ...] = ()

    @property
    def active(self) -> int:
        return sum(self.active_by_nature.values())


@dataclass(frozen=True, slots=True)
class OfficesPart:
    """Terms in force on at least one day of the year; those that began or ended in it."""

    in_force: tuple[OfficeRead, ...] = ()
    started: tuple[OfficeRead, ...] = ()
    ended: tuple[OfficeRead, ...] = ()


@dataclass(frozen=True, slots=True)
class AssemblyLine:
    """One assembly held in the year: its roll call counted and its quorum."""

    assembly_id: int
    day: date
    kind: str  # AssemblyKind code
    title: str
    entitled: int  # members on the roll call
    voters: int  # present (titolare or supplente) or represented by proxy
    recorded: int  # members with a status (a roll call never taken says nothing)
    quorum_required: int
    minutes_approved: bool

    @property
    def quorum_reached(self) -> bool:
        return self.voters >= self.quorum_required


@dataclass(frozen=True, slots=True)
class AssembliesPart:
    """The assemblies held in the year and the members over the exclusion threshold at
    the year's end (by name)."""

    held: tuple[AssemblyLine, ...] = ()
    flagged: tuple[str, ...] = ()
    exclusion_threshold: int = 3

    @property
    def rate(self) -> Decimal | None:
        """Attendance over the year: members present or represented out of those with a
        recorded status, over every assembly held (None with no roll call recorded)."""
        return percent(
            Decimal(sum(a.voters for a in self.held)), Decimal(sum(a.recorded for a in self.held))
        )


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    """A district objective, its linked indicator (if any) and how far it has come."""

    objective_id: int
    title: str
    status: str  # ObjectiveStatus code
    target_value: Decimal | None
    target_unit: str
    deadline: date | None
    indicator: str = ""  # the linked indicator's name
    unit: IndicatorUnit | None = None  # the linked indicator's unit
    current: Decimal | None = None
    progress_percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A task of the year: assigned at an assembly of the year (or due in it), done in
    it, or still open at its end. `open_at_end` and `overdue` are as of the year's end
    (or today, for the current year)."""

    task_id: int
    description: str
    member_name: str
    assigned_on: date | None  # the day of the assembly that assigned it
    due_date: date | None
    done_on: date | None
    open_at_end: bool
    overdue: bool


@dataclass(frozen=True, slots=True)
class TasksPart:
    year: int
    tasks: tuple[TaskLine, ...] = ()

    def _in_year(self, day: date | None) -> bool:
        return day is not None and day.year == self.year

    @property
    def assigned(self) -> int:
        """Assigned at an assembly of the year, or (no assembly) due in the year."""
        return sum(
            1
            for t in self.tasks
            if self._in_year(t.assigned_on) or (t.assigned_on is None and self._in_year(t.due_date))
        )

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if self._in_year(t.done_on))

    @property
    def still_open(self) -> int:
        return sum(1 for t in self.tasks if t.open_at_end)

    @property
    def overdue(self) -> int:
        return sum(1 for t in self.tasks if t.overdue)


@dataclass(frozen=True, slots=True)
class BudgetPart:
    """The year's statement (None: the year has no accounts)."""

    statement: YearStatement | None = None

    @property
    def income(self) -> Decimal:
        return self.statement.statement.operating.income.actual if self.statement else ZERO

    @property
    def expenses(self) -> Decimal:
        return self.statement.statement.operating.expenses.actual if self.statement else ZERO

    @property
    def result(self) -> Decimal:
        return self.statement.statement.overall.actual if self.statement else ZERO

    @property
    def public_share_over_limit(self) -> bool:
        s = self.statement
        return (
            s is not None and s.public_share is not None and s.public_share > s.public_share_limit
        )


IndicatorLine = tuple[IndicatorRead, Decimal | None, PeriodValue | None]


@dataclass(frozen=True, slots=True)
class AnnualReport:
    """Everything the Rendicontazione annuale of `year` prints, section by section.

    `as_of` is the day the data are read at: the year's last day, or today during the
    year; the district check's `findings` (warnings and errors only) are as of that day.
    """

    year: int
    as_of: date
    profile: DistrictProfile
    members: MembersPart
    offices: OfficesPart
    assemblies: AssembliesPart
    objectives: tuple[ObjectiveLine, ...]
    tasks: TasksPart
    budget: BudgetPart
    indicators: tuple[IndicatorLine, ...] = ()
    findings: tuple[Finding, ...] = ()
