"""What approving the minutes freezes, and the checks made before approving.

The attendance of draft minutes is the live roll call; at approval it is written into
`minutes.snapshot` (JSON) so that deleting a member later, replacing a referent or
changing the quorum settings no longer changes what the approved minutes say.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desdesk.db import attendance_queries as q
from desdesk.db.models import Assembly, Member, Minutes, MinutesItem, Task
from desdesk.db.sql import run
from desdesk.domain.assembly_rules import (
    AssemblyRules,
    AttendanceCount,
    QuorumState,
    quorum_state,
    vote_problems,
)
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.domain.errors import FieldProblem, NotFound
from desdesk.i18n import _, format_date
from desdesk.schemas import GuestRead, MinutesSnapshot, RollCallRow, TaskInput, TaskRead
from desdesk.services.attendance import assembly_day, read_rules

_COUNT_FIELDS = (
    "members",
    "present_primary",
    "present_substitute",
    "represented",
    "absent_justified",
    "absent",
)
_GUESTS_SQL = "SELECT id, name, organisation FROM guest WHERE assembly_id = ? ORDER BY name, id"
_NAME_SQL = "SELECT name FROM member WHERE id = ?"


def _state(session: Session, assembly_id: int) -> Any:
    state = q.assembly_state(session.connection(), assembly_id)
    if state is None:
        raise NotFound(_("L'assemblea non esiste più."))
    return state


def live_attendance(session: Session, assembly_id: int) -> tuple[AttendanceCount, AssemblyRules]:
    """The roll call counted as the attendance service counts it (entitled members on
    the day held), and the district's current rules."""
    connection = session.connection()
    day = assembly_day(_state(session, assembly_id))
    tally = q.status_counts(connection, assembly_id, day)
    count = AttendanceCount(
        members=sum(tally.values()),
        present_primary=tally.get(AttendanceStatus.PRESENT_PRIMARY.value, 0),
        present_substitute=tally.get(AttendanceStatus.PRESENT_SUBSTITUTE.value, 0),
        represented=tally.get(AttendanceStatus.PROXY.value, 0),
        absent_justified=tally.get(AttendanceStatus.ABSENT_JUSTIFIED.value, 0),
        absent=tally.get(AttendanceStatus.ABSENT.value, 0),
    )
    return count, read_rules(connection)


def is_deserted(session: Session, assembly: Assembly) -> bool:
    """A first call without quorum and no second call held: "assemblea deserta"."""
    if assembly.call_held == Call.SECOND.value:
        return False
    assert assembly.id is not None
    count, rules = live_attendance(session, assembly.id)
    if count.members == count.not_recorded:
        return False  # no roll call yet: nothing says it was deserted
    return not quorum_state(count, Call.FIRST, rules).reached


def _call(value: str | None) -> Call:
    return Call(value) if value in {c.value for c in Call} else Call.FIRST


def _roll_call(session: Session, assembly_id: int) -> list[RollCallRow]:
    """The foglio presenze: entitled members with referents, status and proxy holder's name."""
    connection = session.connection()
    day = assembly_day(_state(session, assembly_id))
    rows = [RollCallRow(*row) for row in q.roll_call_rows(connection, assembly_id, day)]
    names = {row.member_id: row.member_name for row in rows}
    for index, row in enumerate(rows):
        if row.proxy_holder_id is not None:
            holder = (
                names.get(row.proxy_holder_id)
                or run(connection, _NAME_SQL, (row.proxy_holder_id,)).scalar()
            )
            rows[index] = replace(row, proxy_holder_name=str(holder or ""))
    return rows


def _tasks(session: Session, items: list[MinutesItem]) -> list[dict[str, Any]]:
    """The tasks assigned in the items, as the minutes list them."""
    ids = [item.id for item in items]
    query = (
        select(Task, Member.name)
        .join(Member, Member.id == Task.member_id)
        .where(Task.minutes_item_id.in_(ids))
        .order_by(Task.id)
    )
    return [
        {
            "id": task.id,
            "member_id": task.member_id,
            "member_name": name,
            "description": task.description,
            "due_date": task.due_date.isoformat() if task.due_date else None,
            "assembly_id": task.assembly_id,
            "minutes_item_id": task.minutes_item_id,
            "status": task.status,
        }
        for task, name in session.execute(query)
    ]


def _task_read(row: dict[str, Any]) -> TaskRead:
    due = date.fromisoformat(row["due_date"]) if row.get("due_date") else None
    data = TaskInput(
        row["member_id"], row["description"], due, row.get("assembly_id"), row["minutes_item_id"]
    )
    return TaskRead(row["id"], data, row["member_name"], row["status"], None, None, False)


def take_snapshot(session: Session, minutes: Minutes, items: list[MinutesItem]) -> dict[str, Any]:
    """The JSON stored in `minutes.snapshot` at approval."""
    count, rules = live_attendance(session, minutes.assembly_id)
    quorum = quorum_state(count, _call(minutes.call_held), rules)
    guests = run(session.connection(), _GUESTS_SQL, (minutes.assembly_id,))
    return {
        **{name: getattr(count, name) for name in _COUNT_FIELDS},
        "quorum_required": quorum.required,
        "quorum_reached": quorum.reached,
        "call_held": minutes.call_held,
        "deserted": minutes.deserted,
        "roll_call": [asdict(row) for row in _roll_call(session, minutes.assembly_id)],
        "guests": [asdict(GuestRead(*row)) for row in guests],
        "tasks": _tasks(session, items),
    }


def read_snapshot(data: dict[str, Any] | None) -> MinutesSnapshot | None:
    if data is None:
        return None
    return MinutesSnapshot(
        **{name: int(data[name]) for name in (*_COUNT_FIELDS, "quorum_required")},
        quorum_reached=bool(data["quorum_reached"]),
        call_held=str(data["call_held"]),
        deserted=bool(data["deserted"]),
        roll_call=tuple(RollCallRow(**row) for row in data["roll_call"]),
        guests=tuple(GuestRead(**row) for row in data["guests"]),
        tasks=tuple(_task_read(row) for row in data.get("tasks", [])),
    )


def snapshot_attendance(snapshot: MinutesSnapshot) -> tuple[AttendanceCount, QuorumState]:
    count = AttendanceCount(**{name: getattr(snapshot, name) for name in _COUNT_FIELDS})
    return count, QuorumState(required=snapshot.quorum_required, counted=count.voters)


def minutes_attendance(
    session: Session, minutes: Minutes, assembly: Assembly
) -> tuple[AttendanceCount, QuorumState]:
    """The frozen counts and quorum of approved minutes, the live ones otherwise."""
    snapshot = read_snapshot(minutes.snapshot)
    if snapshot is not None:
        return snapshot_attendance(snapshot)
    count, rules = live_attendance(session, minutes.assembly_id)
    return count, quorum_state(count, _call(assembly.call_held), rules)


def approval_problems(
    session: Session, minutes: Minutes, items: list[MinutesItem], on: date
) -> list[FieldProblem]:
    """Why the minutes cannot be approved on `on`: a date before the assembly was held, or
    votes that no longer fit the roll call (which stays editable until approval)."""
    problems = []
    held = assembly_day(_state(session, minutes.assembly_id))
    if on < held:
        message = _(
            "La data di approvazione ({date}) è precedente all'assemblea del {held}."
        ).format(date=format_date(on), held=format_date(held))
        problems.append(FieldProblem("approved_on", message))
    voters = live_attendance(session, minutes.assembly_id)[0].voters
    for index, item in enumerate(items):
        votes = (item.votes_for, item.votes_against, item.votes_abstained)
        if all(v is None for v in votes):
            continue
        in_favour, against, abstained = (v or 0 for v in votes)
        for problem in vote_problems(in_favour, against, abstained, voters):
            text = _("Punto {n} «{title}»: {reason}").format(
                n=index + 1, title=item.title, reason=problem.message
            )
            problems.append(FieldProblem(f"items.{index}.{problem.field}", text))
    return problems
