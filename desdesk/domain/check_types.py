"""What the district check (issue 5) reads and what it says.

The rules (`check_constitution.py` C1–C12, `check_health.py` H1–H10) are pure
functions of `DistrictFacts` — plain data gathered by `services/district_check.py` —
and return `Finding`s: the rule, a level, an Italian message with the concrete facts,
the reason with its source, and where to fix it (`Target`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desdesk.domain.enums import _LABELS, Nature, OfficeKind, SupplyChainRole, _Labelled
from desdesk.i18n import N_


class Level(_Labelled):
    OK = "ok"
    WARNING = "avviso"
    ERROR = "errore"


class Phase(_Labelled):
    CONSTITUTION = "costituzione"
    CONSOLIDATION = "consolidamento"


_LABELS.update(
    {
        Level.OK: N_("In regola"),
        Level.WARNING: N_("Avviso"),
        Level.ERROR: N_("Errore"),
        Phase.CONSTITUTION: N_("Costituzione"),
        Phase.CONSOLIDATION: N_("Salute del distretto"),
    }
)


@dataclass(frozen=True, slots=True)
class Target:
    """Where to fix a finding: a section of the main window (its registry key) and,
    when there is one, the record (`record` names its kind: member, referent, office,
    objective, document, assembly, task, indicator, year, growth_action, profile)."""

    section: str
    record: str | None = None
    id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {"section": self.section, "record": self.record, "id": self.id}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # "C1" … "C12", "H1" … "H10"
    level: Level
    message: str  # Italian (current language), with the facts
    source: str  # where the rule comes from: "Delibera 1949/2020; toolkit 2.1"
    reason: str = ""  # why it matters, one sentence
    target: Target | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message,
            "source": self.source,
            "reason": self.reason,
            "target": self.target.as_json() if self.target else None,
        }


# -- the facts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFact:
    name: str
    email: str = ""
    phone: str = ""

    @property
    def has_contact(self) -> bool:
        return bool(self.email.strip() or self.phone.strip())


@dataclass(frozen=True, slots=True)
class MemberFact:
    id: int
    name: str
    legal_form: str
    nature: Nature
    aes_subscriber: bool
    roles: frozenset[SupplyChainRole]
    joined_on: date | None
    left_on: date | None
    primary: PersonFact | None = None
    primary_id: int | None = None  # the referent record, for the target
    substitute: PersonFact | None = None

    def active_on(self, day: date) -> bool:
        joined = self.joined_on is None or self.joined_on <= day
        return joined and (self.left_on is None or self.left_on > day)


@dataclass(frozen=True, slots=True)
class OfficeFact:
    id: int
    kind: OfficeKind
    person_name: str
    start_date: date
    end_date: date | None
    member_id: int | None = None

    def current_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


@dataclass(frozen=True, slots=True)
class ObjectiveFact:
    id: int
    title: str
    target_value: Decimal | None
    deadline: date | None
    status: str


@dataclass(frozen=True, slots=True)
class DocumentFact:
    id: int
    kind: str  # FoundingDocumentKind code
    title: str
    document_date: date | None
    valid_until: date | None
    approved: bool


@dataclass(frozen=True, slots=True)
class AssemblyFact:
    id: int
    day: date  # the day of the call held, or the first call when not held yet
    status: str  # AssemblyStatus code
    title: str = ""


@dataclass(frozen=True, slots=True)
class ParticipationFact:
    """A member's attendance over the last 12 months and its current absence run."""

    member_id: int
    held: int  # held assemblies the member was expected at, last 12 months
    attended: int  # present (titolare or supplente) or by proxy
    consecutive_absences: int

    @property
    def rate(self) -> Decimal | None:
        if self.held == 0:
            return None
        return (Decimal(100) * self.attended / self.held).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class TaskFact:
    id: int
    member_id: int
    description: str
    due_date: date | None
    done: bool
    created_or_due: date | None = None  # for "activity in the year": the due date or the day done


@dataclass(frozen=True, slots=True)
class MoneyFacts:
    """What C11, H5 and H6 need: the last complete year's (or this year's) accounts and
    the financial plan."""

    year: int | None  # the year the shares are about (None: no accounts at all)
    income_total: Decimal = Decimal("0.00")
    public_share: Decimal | None = None
    structure_share: Decimal | None = None
    # The year H6 is about when it differs from `year` (this year spent but received
    # nothing: H5 looks back to the last income, H6 stays on this year's expenses).
    structure_year: int | None = None
    investments: int = 0  # initial investments recorded
    forecast_years: tuple[int, ...] = ()  # future years with a plan
    planned_sources: int = 0  # distinct funding sources in the forecast


@dataclass(frozen=True, slots=True)
class GrowthActionFact:
    id: int
    day: date
    description: str


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """The district's thresholds (District columns; defaults are the domain's)."""

    exclusion_threshold: int = 3
    participation_threshold_percent: int = 50
    public_share_warning_percent: int = 70
    structure_cost_target_percent: int | None = None
    office_notice_days: int = 90
    office_min_years: int = 4
    assembly_gap_months: int = 6
    report_deadline_month: int = 6
    report_deadline_day: int = 30


# The sections of a business plan (C10), in order: code → Italian label msgid.
BUSINESS_PLAN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("model", N_("Modello di business")),
    ("alliances", N_("Alleanze e partner")),
    ("target", N_("Destinatari e mercato")),
    ("communication", N_("Comunicazione")),
    ("channels", N_("Canali di vendita")),
    ("sustainability", N_("Sostenibilità economica")),
)


@dataclass(frozen=True, slots=True)
class DistrictFacts:
    today: date
    name: str
    mission: str
    governance: str
    business_plan: Mapping[str, str]
    settings: CheckSettings
    members: tuple[MemberFact, ...] = ()
    offices: tuple[OfficeFact, ...] = ()
    objectives: tuple[ObjectiveFact, ...] = ()
    documents: tuple[DocumentFact, ...] = ()
    assemblies: tuple[AssemblyFact, ...] = ()
    participation: tuple[ParticipationFact, ...] = ()
    tasks: tuple[TaskFact, ...] = ()
    money: MoneyFacts = field(default_factory=lambda: MoneyFacts(None))
    growth_actions: tuple[GrowthActionFact, ...] = ()
    # Year → the day its annual report was first approved in the archive (Documenti).
    # None: not known (a caller without an archive), so H8 can only remind, not judge.
    annual_reports: Mapping[int, date] | None = None

    def active_members(self) -> tuple[MemberFact, ...]:
        return tuple(m for m in self.members if m.active_on(self.today))
