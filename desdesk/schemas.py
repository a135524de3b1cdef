"""Read-models and write-models passed between services and their callers.

Plain frozen dataclasses: cheap to build by the thousand, safe to hand to the GUI thread,
never attached to a database session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import NamedTuple

from desdesk.i18n import _


@dataclass(frozen=True, slots=True)
class DistrictProfile:
    name: str
    kind: str
    territory: str | None = None
    sector: int | None = None
    founding_date: date | None = None
    mission: str = ""
    description: str = ""
    governance: str = ""
    seat: str = ""  # address of the seat
    comune: str = ""  # comune of the seat
    # Business plan sections (C10): code in domain.check_types.BUSINESS_PLAN_SECTIONS → text.
    business_plan: dict[str, str] = field(default_factory=dict)
    # The record's edit count as read (None: not read from the file, e.g. a new district);
    # sent back with the changes, and not part of what the profile says (equality).
    version: int | None = field(default=None, compare=False)


@dataclass(slots=True)
class MemberInput:
    """What the user typed for a member; the service validates and normalises it."""

    name: str
    legal_form: str
    tax_code: str = ""
    vat_number: str = ""
    nature_override: str | None = None
    nature_override_reason: str = ""
    address: str = ""
    comune: str = ""
    provincia: str = ""
    cap: str = ""
    email: str = ""
    pec: str = ""
    phone: str = ""
    website: str = ""
    # Who signs for the organisation (the constitution agreement's parties).
    legal_representative: str = ""
    aes_subscriber: bool = False
    disciplinari: list[int] = field(default_factory=list)
    supply_chain_roles: list[str] = field(default_factory=list)
    joined_on: date | None = None
    notes: str = ""


class MemberRow(NamedTuple):
    """One line of the member register, with its current referents' names.

    A NamedTuple rather than a dataclass: start-up builds one per member, and a tuple is
    several times cheaper to create.
    """

    id: int
    name: str
    legal_form: str
    nature: str
    tax_code: str
    vat_number: str
    comune: str
    provincia: str
    email: str
    phone: str
    aes_subscriber: bool
    disciplinari: tuple[int, ...]
    supply_chain_roles: tuple[str, ...]
    joined_on: date | None
    left_on: date | None
    primary_referent: str
    substitute: str
    leave_reason: str = ""

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True, slots=True)
class MemberDetail:
    id: int
    data: MemberInput
    nature: str
    left_on: date | None
    leave_reason: str
    version: int = 1  # the record's edit count: sent back with the changes


@dataclass(slots=True)
class ReferentInput:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    role: str = ""
    start_date: date | None = None
    # GDPR: a code of desdesk.services.personal_data.LEGAL_BASES ("" not recorded) and
    # the day the information notice was given.
    legal_basis: str = ""
    notice_given_on: date | None = None


@dataclass(frozen=True, slots=True)
class ReferentRead:
    id: int
    member_id: int
    member_name: str
    kind: str
    first_name: str
    last_name: str
    email: str
    phone: str
    role: str
    start_date: date | None
    end_date: date | None
    member_active: bool = True
    legal_basis: str = ""
    notice_given_on: date | None = None
    erased_on: date | None = None
    version: int = 1  # the record's edit count: sent back with a correction

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def current(self) -> bool:
        return self.end_date is None


@dataclass(slots=True)
class OfficeInput:
    kind: str
    person_name: str
    start_date: date
    member_id: int | None = None
    title: str = ""
    end_date: date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class OfficeRead:
    id: int
    kind: str
    title: str
    person_name: str
    member_id: int | None
    member_name: str
    start_date: date
    end_date: date | None
    notes: str
    version: int = 1  # the record's edit count: sent back with the changes

    @property
    def current(self) -> bool:
        return self.end_date is None or self.end_date >= date.today()


@dataclass(slots=True)
class ObjectiveInput:
    title: str
    description: str = ""
    tools: str = ""
    method: str = ""
    member_roles: str = ""
    target_value: Decimal | None = None
    target_unit: str = ""
    deadline: date | None = None
    status: str = "da_avviare"
    indicator_id: int | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveRead:
    id: int
    data: ObjectiveInput


@dataclass(slots=True)
class FoundingDocumentInput:
    kind: str
    title: str
    document_date: date | None = None
    approved: bool = False
    valid_until: date | None = None


@dataclass(frozen=True, slots=True)
class FoundingDocumentRead:
    id: int
    kind: str
    title: str
    document_date: date | None
    approved: bool
    filename: str
    size: int
    sha256: str
    valid_until: date | None = None


@dataclass(slots=True)
class MemberEntry:
    """A whole member to write at once (import, demo): record, referents and leave data."""

    member: MemberInput
    primary: ReferentInput | None = None
    substitute: ReferentInput | None = None
    left_on: date | None = None
    leave_reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """What is wrong in a member file, where a spreadsheet shows it (header = row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("riga {row}, colonna {column}: {message}").format(
            row=self.row, column=self.column, message=self.message
        )


@dataclass(slots=True)
class ImportPlan:
    """A member file read and checked, nothing written yet: apply it only when `ok`.

    `entries` are the valid rows, in file order; `extra_columns` the headers that the
    format does not know (ignored).
    """

    entries: list[MemberEntry] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- assemblies (issue 3) ---------------------------------------------------------------------


@dataclass(slots=True)
class AgendaItemInput:
    title: str
    description: str = ""
    proposer: str = ""


@dataclass(slots=True)
class AssemblyInput:
    """What the secretary types when planning or convening an assembly."""

    first_call_date: date
    kind: str = "ordinaria"
    title: str = ""
    open_to_public: bool = False
    first_call_time: time | None = None
    second_call_date: date | None = None
    second_call_time: time | None = None
    place: str = ""
    remote_link: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AssemblyRead:
    id: int
    data: AssemblyInput
    status: str
    convened_on: date | None
    convened_via: str | None
    call_held: str | None
    started_at: time | None
    ended_at: time | None
    minutes_approved: bool
    agenda: tuple[AgendaItemInput, ...] = ()
    version: int = 1  # the record's edit count: sent back with the changes


@dataclass(frozen=True, slots=True)
class RollCallRow:
    """One member in the roll call, with the people who may answer for it."""

    member_id: int
    member_name: str
    primary: str
    substitute: str
    status: str | None
    proxy_holder_id: int | None
    proxy_holder_name: str = ""  # filled in approved minutes' snapshots


@dataclass(frozen=True, slots=True)
class GuestRead:
    id: int
    name: str
    organisation: str


@dataclass(slots=True)
class MinutesItemInput:
    title: str
    discussion: str = ""
    resolution: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    required_majority_percent: int | None = None


@dataclass(slots=True)
class MinutesInput:
    president: str = ""
    secretary: str = ""
    how_convened: str = ""
    opening_notes: str = ""
    closing_notes: str = ""
    items: list[MinutesItemInput] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MinutesRead:
    id: int
    assembly_id: int
    revision: int
    previous_id: int | None
    correction_reason: str
    call_held: str
    deserted: bool
    approved_on: date | None
    data: MinutesInput
    item_ids: tuple[int, ...] = ()
    snapshot: MinutesSnapshot | None = None  # set once approved
    version: int = 1  # the record's edit count: sent back with the changes

    @property
    def approved(self) -> bool:
        return self.approved_on is not None


@dataclass(slots=True)
class TaskInput:
    member_id: int
    description: str
    due_date: date | None = None
    assembly_id: int | None = None
    minutes_item_id: int | None = None


@dataclass(frozen=True, slots=True)
class TaskRead:
    id: int
    data: TaskInput
    member_name: str
    status: str
    done_on: date | None
    checked_assembly_id: int | None
    overdue: bool
    version: int = 1  # the record's edit count: sent back with the changes


@dataclass(frozen=True, slots=True)
class MinutesSnapshot:
    """What was true when the minutes were approved: the counts, the quorum, the call held
    and the foglio presenze (each entitled member with its referents, status and proxy
    holder; the guests). Approved minutes show this, never the live roll call."""

    members: int
    present_primary: int
    present_substitute: int
    represented: int
    absent_justified: int
    absent: int
    quorum_required: int
    quorum_reached: bool
    call_held: str
    deserted: bool
    roll_call: tuple[RollCallRow, ...] = ()
    guests: tuple[GuestRead, ...] = ()
    tasks: tuple[TaskRead, ...] = ()  # assigned in the items, as they stood (status then)
