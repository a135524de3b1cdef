"""The roll call at the meeting, its guests, counts and quorum, and each member's record.

`set_status` is the hot path: one small transaction per keystroke, committed durably
(the engine runs with `synchronous = FULL`), on plain SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any

from sqlalchemy import Connection

from desdesk.assembly_schemas import MemberAttendanceRow, RollCallHeader
from desdesk.db import attendance_queries as q
from desdesk.db.models import Assembly, Guest
from desdesk.db.sql import as_date, run
from desdesk.domain.assembly_rules import (
    PRESENT_STATUSES,
    AssemblyRules,
    AttendanceCount,
    QuorumState,
    proxy_problem,
    quorum_state,
)
from desdesk.domain.enums import AssemblyStatus, AttendanceStatus, Call
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.i18n import _, format_date
from desdesk.schemas import GuestRead, RollCallRow
from desdesk.services.attendance_records import flagged_member_ids, member_records
from desdesk.services.base import Service


def _assembly_missing() -> NotFound:
    return NotFound(_("L'assemblea non esiste più."))


def assembly_day(state: Sequence[Any]) -> date:
    """The day the assembly was (or will be) held: the second call's if that was held."""
    first, second = as_date(state[2]), as_date(state[3])
    if state[1] == Call.SECOND.value and second is not None:
        return second
    assert first is not None
    return first


def read_rules(connection: Connection) -> AssemblyRules:
    values = q.rules_values(connection)
    return AssemblyRules(*values) if values is not None else AssemblyRules()


def _check_editable(state: Sequence[Any] | None) -> Sequence[Any]:
    """The assembly's state, or the reason its roll call cannot change."""
    if state is None:
        raise _assembly_missing()
    if state[0] == AssemblyStatus.CANCELLED.value:
        raise Conflict(_("L'assemblea è annullata: l'appello non si può modificare."))
    if state[4]:
        raise Conflict(
            _("Il verbale dell'assemblea è approvato: l'appello non si può più modificare.")
        )
    return state


class AttendanceService(Service):
    # -- roll call ----------------------------------------------------------------------
    def roll_call(self, assembly_id: int) -> list[RollCallRow]:
        """Every member entitled on the assembly's day, by name, with its status."""
        with self._reading() as session:
            connection = session.connection()
            state = q.assembly_state(connection, assembly_id)
            if state is None:
                raise _assembly_missing()
            rows = q.roll_call_rows(connection, assembly_id, assembly_day(state))
        return [RollCallRow(*row) for row in rows]

    def set_status(
        self,
        assembly_id: int,
        member_id: int,
        status: AttendanceStatus | None,
        proxy_holder_id: int | None = None,
    ) -> None:
        """Record one member's status (None clears it) in its own durable transaction."""
        with self._unit_of_work() as session:
            connection = session.connection()
            state = _check_editable(q.assembly_state(connection, assembly_id))
            current = q.member_status(connection, assembly_id, member_id)
            if current is None:
                raise NotFound(_("L'aderente non esiste più."))
            _check_entitled(current, assembly_day(state))
            if status is not None:
                _check_day_reached(assembly_day(state))
            if status not in PRESENT_STATUSES:
                _check_no_proxies_held(connection, assembly_id, member_id, current[0])
            holder = None
            if status is AttendanceStatus.PROXY:
                holder = _check_proxy(connection, assembly_id, member_id, proxy_holder_id)
            value = status.value if status is not None else None
            q.write_status(connection, assembly_id, member_id, value, holder)
            if status is not None and state[0] != AssemblyStatus.HELD.value:
                _write_assembly_status(connection, assembly_id, AssemblyStatus.HELD)
            elif status is None and state[0] == AssemblyStatus.HELD.value:
                _unhold_if_empty(connection, assembly_id)

    def set_call(self, assembly_id: int, call: Call) -> None:
        """Record the call being held (the day it decides who is entitled: reload the
        roll call after)."""
        with self._unit_of_work() as session:
            _check_editable(q.assembly_state(session.connection(), assembly_id))
            assembly = session.get(Assembly, assembly_id)
            assert assembly is not None
            if call is Call.SECOND and assembly.second_call_date is None:
                raise Conflict(_("L'assemblea non ha una seconda convocazione."))
            assembly.call_held = call.value

    def header(self, assembly_id: int) -> RollCallHeader:
        with self._reading() as session:
            assembly = session.get(Assembly, assembly_id)
            if assembly is None or assembly.id is None:
                raise _assembly_missing()
            state = q.assembly_state(session.connection(), assembly_id)
            assert state is not None
            return RollCallHeader(
                assembly_id=assembly.id,
                day=assembly_day(state),
                call_held=assembly.call_held,
                started_at=assembly.started_at,
                ended_at=assembly.ended_at,
                has_second_call=assembly.second_call_date is not None,
            )

    # -- times ----------------------------------------------------------------------------
    def start(self, assembly_id: int, call: Call, at: time) -> None:
        """Stamp the start time and the call being held."""
        with self._unit_of_work() as session:
            _check_editable(q.assembly_state(session.connection(), assembly_id))
            assembly = session.get(Assembly, assembly_id)
            assert assembly is not None
            if call is Call.SECOND and assembly.second_call_date is None:
                raise Conflict(_("L'assemblea non ha una seconda convocazione."))
            assembly.call_held = call.value
            assembly.started_at = at.replace(microsecond=0)

    def end(self, assembly_id: int, at: time) -> None:
        """Stamp the end time (after the start, if one was stamped)."""
        with self._unit_of_work() as session:
            _check_editable(q.assembly_state(session.connection(), assembly_id))
            assembly = session.get(Assembly, assembly_id)
            assert assembly is not None
            if assembly.started_at is not None and at < assembly.started_at:
                raise Conflict(
                    _("L'ora di fine ({end}) è prima dell'ora di inizio ({start}).").format(
                        end=at.strftime("%H:%M"), start=assembly.started_at.strftime("%H:%M")
                    )
                )
            assembly.ended_at = at.replace(microsecond=0)

    # -- guests ---------------------------------------------------------------------------
    def guests(self, assembly_id: int) -> list[GuestRead]:
        with self._reading() as session:
            rows = run(
                session.connection(),
                "SELECT id, name, organisation FROM guest WHERE assembly_id = ? ORDER BY name, id",
                (assembly_id,),
            )
            return [GuestRead(*row) for row in rows]

    def add_guest(self, assembly_id: int, name: str, organisation: str = "") -> int:
        name = " ".join(name.split())
        if not name:
            raise ValidationFailed([FieldProblem("name", _("Indica il nome dell'ospite."))])
        with self._unit_of_work() as session:
            _check_editable(q.assembly_state(session.connection(), assembly_id))
            guest = Guest(assembly_id=assembly_id, name=name, organisation=organisation.strip())
            session.add(guest)
            session.flush()
            assert guest.id is not None
            return guest.id

    def remove_guest(self, guest_id: int) -> None:
        with self._unit_of_work() as session:
            guest = session.get(Guest, guest_id)
            if guest is None:
                raise NotFound(_("L'ospite non è più nell'elenco."))
            _check_editable(q.assembly_state(session.connection(), guest.assembly_id))
            session.delete(guest)

    # -- counts ---------------------------------------------------------------------------
    def count(
        self, assembly_id: int, call: Call | None = None
    ) -> tuple[AttendanceCount, QuorumState]:
        """The live counter: statuses of the entitled members and the quorum of `call`
        (default: the call being held, or the first)."""
        with self._reading() as session:
            connection = session.connection()
            state = q.assembly_state(connection, assembly_id)
            if state is None:
                raise _assembly_missing()
            tally = q.status_counts(connection, assembly_id, assembly_day(state))
            rules = read_rules(connection)
        count = AttendanceCount(
            members=sum(tally.values()),
            present_primary=tally.get(AttendanceStatus.PRESENT_PRIMARY.value, 0),
            present_substitute=tally.get(AttendanceStatus.PRESENT_SUBSTITUTE.value, 0),
            represented=tally.get(AttendanceStatus.PROXY.value, 0),
            absent_justified=tally.get(AttendanceStatus.ABSENT_JUSTIFIED.value, 0),
            absent=tally.get(AttendanceStatus.ABSENT.value, 0),
        )
        held = call or (Call(state[1]) if state[1] else Call.FIRST)
        return count, quorum_state(count, held, rules)

    # -- records ----------------------------------------------------------------------------
    def member_records(
        self, start: date | None = None, end: date | None = None
    ) -> list[MemberAttendanceRow]:
        """Each member's attendance at the assemblies held (not cancelled, not in the
        future) between `start` and `end` while it was a member; by name."""
        with self._reading() as session:
            connection = session.connection()
            return member_records(connection, read_rules(connection), start, end)

    def flagged_member_ids(self) -> set[int]:
        """Members whose current run of absences (all time) reaches the exclusion threshold."""
        with self._reading() as session:
            connection = session.connection()
            return flagged_member_ids(connection, read_rules(connection), date.today())


def _check_entitled(member: Sequence[Any], day: date) -> None:
    """Only a member on the assembly's day has a place in its roll call."""
    name, _status, joined_value, left_value = member
    joined, left = as_date(joined_value), as_date(left_value)
    if (joined is not None and joined > day) or (left is not None and left < day):
        raise Conflict(
            _("{name} non era aderente il {date}: non fa parte dell'appello.").format(
                name=name, date=format_date(day)
            )
        )


def _check_day_reached(day: date) -> None:
    if day > date.today():
        raise Conflict(
            _("L'appello si fa il giorno dell'assemblea ({date}).").format(date=format_date(day))
        )


def _write_assembly_status(
    connection: Connection, assembly_id: int, status: AssemblyStatus
) -> None:
    """A raw update, so the edit count is raised by hand: a form open on the assembly
    then learns that its status changed (the roll call began or was emptied)."""
    run(
        connection,
        "UPDATE assembly SET status = ?, version = version + 1 WHERE id = ?",
        (status.value, assembly_id),
    )


def _unhold_if_empty(connection: Connection, assembly_id: int) -> None:
    """With no status left and no start time, the assembly was not held after all."""
    row = run(
        connection,
        "SELECT started_at IS NULL, convened_on IS NOT NULL, "
        "NOT EXISTS (SELECT 1 FROM attendance WHERE assembly_id = assembly.id) "
        "FROM assembly WHERE id = ?",
        (assembly_id,),
    ).one()
    not_started, convened, empty = row
    if not_started and empty:
        status = AssemblyStatus.CONVENED if convened else AssemblyStatus.PLANNED
        _write_assembly_status(connection, assembly_id, status)


def _check_no_proxies_held(
    connection: Connection, assembly_id: int, member_id: int, name: str
) -> None:
    held = q.proxies_held(connection, assembly_id, member_id)
    if held:
        names = ", ".join(n for _id, n in held)
        raise Conflict(
            _(
                "{name} ha le deleghe di {names}: registra prima un'altra scelta per "
                "questi aderenti."
            ).format(name=name, names=names)
        )


def _check_proxy(
    connection: Connection, assembly_id: int, giver_id: int, holder_id: int | None
) -> int:
    if holder_id is None:
        raise Conflict(_("Indica l'aderente che riceve la delega."))
    holder = q.member_status(connection, assembly_id, holder_id)
    if holder is None:
        raise NotFound(_("L'aderente delegato non esiste più."))
    holder_status = AttendanceStatus(holder[1]) if holder[1] else None
    held = [i for i, _name in q.proxies_held(connection, assembly_id, holder_id) if i != giver_id]
    problem = proxy_problem(holder_status, len(held), read_rules(connection), giver_id, holder_id)
    if problem is not None:
        raise Conflict(problem)
    return holder_id
