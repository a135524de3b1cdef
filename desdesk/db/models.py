"""The tables of a district file.

Enum columns store the domain's codes (`DistrictKind.value` etc.) as text so that a
file stays readable with any SQLite tool. Lists (sectors, supply-chain roles) are JSON.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import uuid4

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, LargeBinary, text
from sqlmodel import Field, SQLModel

# The money tables live in their own module; importing it here registers them on the
# metadata whenever the models are loaded (Objective refers to `indicator`).
from desdesk.db import document_models as _document_models  # noqa: F401
from desdesk.db import money_models as _money_models  # noqa: F401
from desdesk.db.types import DecimalText, utc_now, version_column

_DISTRICT_VERSION = version_column()


class District(SQLModel, table=True):
    __mapper_args__ = {"version_id_col": _DISTRICT_VERSION}
    version: int = Field(default=1, sa_column=_DISTRICT_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str
    territory: str | None = None
    sector: int | None = None
    founding_date: date | None = None
    # The seat: address and comune (the agreement's "sede" and the place of signatures).
    seat: str = ""
    comune: str = ""
    mission: str = ""
    description: str = ""
    notice_days: int = 10
    first_call_quorum_percent: int = 50
    second_call_quorum_minimum: int = 1
    proxies_per_member: int = 3
    exclusion_threshold: int = 3
    # How decisions are taken (C8) and the business plan by section (C10).
    governance: str = ""
    business_plan: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    # Thresholds of the district check (issue 5).
    participation_threshold_percent: int = 50
    public_share_warning_percent: int = 70
    structure_cost_target_percent: int | None = None
    office_notice_days: int = 90
    office_min_years: int = 4
    report_deadline_month: int = 6
    report_deadline_day: int = 30
    uid: str = Field(default_factory=lambda: uuid4().hex)
    updated_at: datetime = Field(default_factory=utc_now)


_MEMBER_VERSION = version_column()


class Member(SQLModel, table=True):
    __table_args__ = (
        Index("ix_member_tax_code", "tax_code", unique=True),
        Index("ix_member_name", "name"),
    )

    __mapper_args__ = {"version_id_col": _MEMBER_VERSION}
    version: int = Field(default=1, sa_column=_MEMBER_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    name: str
    legal_form: str
    nature_override: str | None = None
    nature_override_reason: str = ""
    tax_code: str | None = None
    vat_number: str | None = None
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
    disciplinari: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    supply_chain_roles: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    joined_on: date | None = None
    left_on: date | None = None
    leave_reason: str = ""
    notes: str = ""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


_REFERENT_VERSION = version_column()


class Referent(SQLModel, table=True):
    """A person who represents a member. The current one of each kind has no end date."""

    __table_args__ = (
        Index(
            "uq_referent_current",
            "member_id",
            "kind",
            unique=True,
            # Partial on PostgreSQL too (migration 0001); not said here, since naming a
            # dialect's option loads that dialect at every start-up.
            sqlite_where=text("end_date IS NULL"),
        ),
    )

    __mapper_args__ = {"version_id_col": _REFERENT_VERSION}
    version: int = Field(default=1, sa_column=_REFERENT_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    role: str = ""
    start_date: date | None = None
    end_date: date | None = None
    # GDPR: why the district holds the data (a code of desdesk.services.personal_data
    # LEGAL_BASES), the day the information notice was given, the day it was erased.
    legal_basis: str = ""
    notice_given_on: date | None = None
    erased_on: date | None = None


_OFFICE_VERSION = version_column()


class Office(SQLModel, table=True):
    """A term of a district office held by a person; history is the ended terms."""

    __mapper_args__ = {"version_id_col": _OFFICE_VERSION}
    version: int = Field(default=1, sa_column=_OFFICE_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    title: str = ""
    person_name: str
    member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True),
    )
    start_date: date
    end_date: date | None = None
    notes: str = ""


class Objective(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    tools: str = ""
    method: str = ""
    member_roles: str = ""
    target_value: Decimal | None = Field(default=None, sa_column=Column(DecimalText))
    target_unit: str = ""
    deadline: date | None = None
    status: str = "da_avviare"
    indicator_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="SET NULL"), nullable=True),
    )


class FoundingDocument(SQLModel, table=True):
    """A founding document and the file itself, so one district file carries everything.

    List queries select the other columns only; `content` is read when the file is asked for.
    """

    __tablename__ = "founding_document"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    title: str
    document_date: date | None = None
    approved: bool = False
    valid_until: date | None = None  # an agreement's end (C12: at least 3 years)
    filename: str = ""
    mime_type: str = ""
    size: int = 0
    sha256: str = ""
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


# -- assemblies (issue 3) ------------------------------------------------------------------
# Meeting times are local wall-clock times: a date and a time, no time zone.


_ASSEMBLY_VERSION = version_column()


class Assembly(SQLModel, table=True):
    __mapper_args__ = {"version_id_col": _ASSEMBLY_VERSION}
    version: int = Field(default=1, sa_column=_ASSEMBLY_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = "ordinaria"
    open_to_public: bool = False
    status: str = "pianificata"
    title: str = ""
    first_call_date: date
    first_call_time: time | None = None
    second_call_date: date | None = None
    second_call_time: time | None = None
    place: str = ""
    remote_link: str = ""
    convened_on: date | None = None
    convened_via: str | None = None
    call_held: str | None = None
    started_at: time | None = None
    ended_at: time | None = None
    notes: str = ""


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    assembly_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    title: str
    description: str = ""
    proposer: str = ""


class Attendance(SQLModel, table=True):
    """One member's status at one assembly; saved on every change of the roll call."""

    __table_args__ = (
        Index("uq_attendance", "assembly_id", "member_id", unique=True),
        Index("ix_attendance_member", "member_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    assembly_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="CASCADE"), nullable=False)
    )
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    status: str
    proxy_holder_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True),
    )


class Guest(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    assembly_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="CASCADE"), nullable=False)
    )
    name: str
    organisation: str = ""


_MINUTES_VERSION = version_column()


class Minutes(SQLModel, table=True):
    """A revision of an assembly's minutes; approved ones are frozen, corrections are new
    revisions that cite the previous one."""

    __mapper_args__ = {"version_id_col": _MINUTES_VERSION}
    version: int = Field(default=1, sa_column=_MINUTES_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    assembly_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="RESTRICT"), nullable=False)
    )
    revision: int = 1
    previous_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("minutes.id", ondelete="RESTRICT"), nullable=True),
    )
    correction_reason: str = ""
    call_held: str = "prima"
    deserted: bool = False
    president: str = ""
    secretary: str = ""
    how_convened: str = ""
    opening_notes: str = ""
    closing_notes: str = ""
    approved_on: date | None = None
    # What the approval froze (counts, quorum, foglio presenze): see services/minutes_snapshot.
    snapshot: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class MinutesItem(SQLModel, table=True):
    __tablename__ = "minutes_item"

    id: int | None = Field(default=None, primary_key=True)
    minutes_id: int = Field(
        sa_column=Column(Integer, ForeignKey("minutes.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    title: str
    discussion: str = ""
    resolution: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    required_majority_percent: int | None = None


_TASK_VERSION = version_column()


class Task(SQLModel, table=True):
    __mapper_args__ = {"version_id_col": _TASK_VERSION}
    version: int = Field(default=1, sa_column=_TASK_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    assembly_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="SET NULL"), nullable=True),
    )
    minutes_item_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("minutes_item.id", ondelete="SET NULL"), nullable=True
        ),
    )
    description: str
    due_date: date | None = None
    status: str = "aperto"
    done_on: date | None = None
    checked_assembly_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("assembly.id", ondelete="SET NULL"), nullable=True),
    )


class GrowthAction(SQLModel, table=True):
    """Something done to bring in new members (H10; listed in the annual report)."""

    __tablename__ = "growth_action"

    id: int | None = Field(default=None, primary_key=True)
    day: date
    description: str
    outcome: str = ""
    member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True),
    )
