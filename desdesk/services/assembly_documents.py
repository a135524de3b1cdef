"""The read-models of the assembly documents, gathered from the services that own them.

Convocation letters need each active member's postal address, which no list of the
member service carries: one plain read here. Everything else (the assembly, its roll
call, guests, minutes, tasks, the rules) comes from the assembly, attendance, minutes,
tasks and offices services; counts and quorum from the domain.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desdesk.assembly_schemas import (
    AttendanceRegister,
    AttendanceRegisterRow,
    ConvocationRecipient,
    MinutesDocument,
    held_on,
)
from desdesk.db.sql import run
from desdesk.domain.assembly_rules import quorum_required
from desdesk.domain.enums import AssemblyStatus, Call, OfficeKind, ReferentKind
from desdesk.domain.errors import NotFound
from desdesk.i18n import _
from desdesk.schemas import MinutesRead
from desdesk.services.assemblies import AssembliesService
from desdesk.services.attendance import AttendanceService
from desdesk.services.base import Service, SessionFactory
from desdesk.services.minutes import MinutesService
from desdesk.services.offices import OfficesService
from desdesk.services.referents import ReferentsService
from desdesk.services.tasks import TasksService

# `lower(name)`, not SQLite's `COLLATE NOCASE`: the same order on a server.
_ADDRESSES_SQL = """
SELECT id, name, address, cap, comune, provincia, email FROM member
WHERE left_on IS NULL ORDER BY lower(name), id
"""


def postal_address(street: str, cap: str, comune: str, provincia: str) -> str:
    """`Via Dante 3` and `38068 Rovereto (TN)` on two lines, whichever parts are known."""
    town = " ".join(part for part in (cap, comune) if part)
    if provincia:
        town = f"{town} ({provincia})" if town else provincia
    return "\n".join(line for line in (street, town) if line)


@dataclass
class AssemblySources:
    """The services the assembly documents read from."""

    assemblies: AssembliesService
    attendance: AttendanceService
    minutes: MinutesService
    tasks: TasksService
    offices: OfficesService
    referents: ReferentsService


class AssemblyDocumentReads(Service):
    def __init__(self, sessions: SessionFactory, sources: AssemblySources) -> None:
        super().__init__(sessions)
        self.sources = sources

    @classmethod
    def build(cls, sessions: SessionFactory, referents: ReferentsService) -> AssemblyDocumentReads:
        """Reads over their own instances of the (stateless) services, on `sessions`."""
        sources = AssemblySources(
            assemblies=AssembliesService(sessions),
            attendance=AttendanceService(sessions),
            minutes=MinutesService(sessions),
            tasks=TasksService(sessions),
            offices=OfficesService(sessions),
            referents=referents,
        )
        return cls(sessions, sources)

    def recipients(self) -> list[ConvocationRecipient]:
        """Every active member, care of its current primary referent, by name."""
        primaries = {
            r.member_id: r
            for r in self.sources.referents.list_all()
            if r.kind == ReferentKind.PRIMARY.value and r.end_date is None
        }
        with self._reading() as session:
            rows = list(run(session.connection(), _ADDRESSES_SQL))
        recipients = []
        for member_id, name, street, cap, comune, provincia, email in rows:
            referent = primaries.get(member_id)
            recipients.append(
                ConvocationRecipient(
                    member_id=member_id,
                    member_name=name,
                    referent=referent.full_name if referent else "",
                    address=postal_address(street or "", cap or "", comune or "", provincia or ""),
                    email=(referent.email if referent and referent.email else email) or "",
                )
            )
        return recipients

    def signer(self, on: date) -> str:
        """Who convenes: the current coordinator, else the secretary, with the office."""
        for kind in (OfficeKind.COORDINATOR, OfficeKind.SECRETARY):
            holders = self.sources.offices.current_holders(kind, on)
            if holders:
                return f"{holders[0].person_name} ({kind.label().lower()})"
        return ""

    def minutes_document(self, assembly_id: int, revision: int | None = None) -> MinutesDocument:
        """The revision's Verbale; approved minutes print their snapshot (attendance,
        quorum, foglio presenze, tasks), drafts the live roll call and rules."""
        sources = self.sources
        assembly = sources.assemblies.get(assembly_id)
        revisions = sources.minutes.revisions(assembly_id)
        minutes = _pick(revisions, revision)
        previous = next((m for m in revisions if m.id == minutes.previous_id), None)
        document = MinutesDocument(
            assembly=assembly,
            minutes=minutes,
            previous_approved_on=previous.approved_on if previous else None,
        )
        snapshot = minutes.snapshot
        if snapshot is not None:
            return replace(
                document,
                roll_call=snapshot.roll_call,
                guests=snapshot.guests,
                tasks=snapshot.tasks,
                quorum_required=snapshot.quorum_required,
            )
        roll_call = tuple(sources.attendance.roll_call(assembly_id))
        call = (
            Call(minutes.call_held) if minutes.call_held in {c.value for c in Call} else Call.FIRST
        )
        return replace(
            document,
            roll_call=roll_call,
            guests=tuple(sources.attendance.guests(assembly_id)),
            tasks=tuple(
                task
                for item_id in minutes.item_ids
                for task in sources.tasks.for_minutes_item(item_id)
            ),
            quorum_required=quorum_required(len(roll_call), call, sources.assemblies.rules()),
        )

    def attendance_register(
        self, start: date | None, end: date | None, today: date
    ) -> AttendanceRegister:
        """The assemblies held (not cancelled, not in the future) in the period, and the
        status of every member entitled at each."""
        last = min(end or today, today)
        assemblies = tuple(
            a
            for a in self.sources.assemblies.list()
            if a.status != AssemblyStatus.CANCELLED.value
            and (start is None or held_on(a) >= start)
            and held_on(a) <= last
        )
        assemblies = tuple(sorted(assemblies, key=lambda a: (held_on(a), a.id)))
        names: dict[int, str] = {}
        statuses: dict[int, dict[int, str | None]] = {}
        for assembly in assemblies:
            for row in self.sources.attendance.roll_call(assembly.id):
                names[row.member_id] = row.member_name
                statuses.setdefault(row.member_id, {})[assembly.id] = row.status
        runs = {  # over all assemblies held up to the end, as the Presenze tab and flags
            r.member_id: r.current_absence_run
            for r in self.sources.attendance.member_records(None, last)
        }
        rows = tuple(
            AttendanceRegisterRow(
                member_id, names[member_id], statuses[member_id], runs.get(member_id)
            )
            for member_id in names
        )
        threshold = self.sources.assemblies.rules().exclusion_threshold
        return AttendanceRegister(start, end, assemblies, rows, threshold)


def _pick(revisions: list[MinutesRead], revision: int | None) -> MinutesRead:
    if not revisions:
        raise NotFound(_("L'assemblea non ha ancora un verbale."))
    if revision is None:
        return revisions[-1]
    for minutes in revisions:
        if minutes.revision == revision:
            return minutes
    raise NotFound(
        _("Il verbale non ha la revisione {revision} (le revisioni sono {known}).").format(
            revision=revision, known=", ".join(str(m.revision) for m in revisions)
        )
    )
