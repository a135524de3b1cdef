"""Each member's attendance over a period, from the statuses recorded at held assemblies.

Three plain reads (assemblies, members, statuses) and one pass in Python: the domain's
`member_attendance` does the counting, `over_exclusion_threshold` the flag.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from desdesk.assembly_schemas import MemberAttendanceRow
from desdesk.db.sql import as_date, required_date, run
from desdesk.domain.assembly_rules import (
    AssemblyRules,
    consecutive_absences,
    member_attendance,
    over_exclusion_threshold,
)
from desdesk.domain.enums import AssemblyStatus, AttendanceStatus, Call

# The day an assembly was held: its second call's if that is the call held.
_HELD_DAY = f"""
CASE WHEN call_held = '{Call.SECOND.value}' AND second_call_date IS NOT NULL
     THEN second_call_date ELSE first_call_date END
"""
_ASSEMBLIES_SQL = f"""
SELECT id, {_HELD_DAY} AS day FROM assembly
WHERE status != '{AssemblyStatus.CANCELLED.value}' AND {_HELD_DAY} BETWEEN ? AND ?
ORDER BY day, id
"""
_STATUSES_SQL = f"""
SELECT t.assembly_id, t.member_id, t.status FROM attendance AS t
JOIN assembly ON assembly.id = t.assembly_id
WHERE assembly.status != '{AssemblyStatus.CANCELLED.value}' AND {_HELD_DAY} BETWEEN ? AND ?
"""


# The members whose current run of absences (absent or absent with apology, at held
# assemblies while they were members, after the last one they attended in person or by
# proxy; assemblies ordered by held day, then id) reaches the threshold:
# `consecutive_absences` of the domain, written as one query because the register asks
# it for every member at start-up. A test keeps the two in agreement. The assemblies'
# order is a window function's row number, which SQLite and PostgreSQL both have.
_ATTENDED = "', '".join(
    s.value
    for s in (
        AttendanceStatus.PRESENT_PRIMARY,
        AttendanceStatus.PRESENT_SUBSTITUTE,
        AttendanceStatus.PROXY,
    )
)
_ABSENT = f"'{AttendanceStatus.ABSENT.value}', '{AttendanceStatus.ABSENT_JUSTIFIED.value}'"
_FLAGGED_SQL = f"""
WITH held AS (
    SELECT id, {_HELD_DAY} AS day, ROW_NUMBER() OVER (ORDER BY {_HELD_DAY}, id) AS position
    FROM assembly
    WHERE status != '{AssemblyStatus.CANCELLED.value}' AND {_HELD_DAY} <= ?
), recorded AS (
    SELECT t.member_id, h.position, t.status
    FROM attendance AS t
    JOIN held AS h ON h.id = t.assembly_id
    JOIN member AS m ON m.id = t.member_id
    WHERE (m.joined_on IS NULL OR m.joined_on <= h.day)
      AND (m.left_on IS NULL OR m.left_on >= h.day)
), last_attended AS (
    SELECT member_id, MAX(position) AS position FROM recorded
    WHERE status IN ('{_ATTENDED}') GROUP BY member_id
)
SELECT r.member_id FROM recorded AS r
LEFT JOIN last_attended AS l ON l.member_id = r.member_id
WHERE r.status IN ({_ABSENT}) AND (l.position IS NULL OR r.position > l.position)
GROUP BY r.member_id HAVING count(*) >= ?
"""


def flagged_member_ids(connection: Connection, rules: AssemblyRules, today: date) -> set[int]:
    """Members over the exclusion threshold now (all assemblies held up to `today`)."""
    rows = run(connection, _FLAGGED_SQL, (today.isoformat(), rules.exclusion_threshold))
    return {member_id for (member_id,) in rows}


def _held_assemblies(connection: Connection, start: date, end: date) -> list[tuple[int, date]]:
    rows = run(connection, _ASSEMBLIES_SQL, (start.isoformat(), end.isoformat()))
    return [(assembly_id, required_date(day)) for assembly_id, day in rows]


def _statuses(
    connection: Connection, start: date, end: date
) -> dict[tuple[int, int], AttendanceStatus]:
    rows = run(connection, _STATUSES_SQL, (start.isoformat(), end.isoformat()))
    return {(a, m): AttendanceStatus(status) for a, m, status in rows}


def _members(connection: Connection) -> list[tuple[int, str, date | None, date | None]]:
    rows = run(connection, "SELECT id, name, joined_on, left_on FROM member ORDER BY name, id")
    return [(i, name, as_date(joined), as_date(left)) for i, name, joined, left in rows]


def member_records(
    connection: Connection, rules: AssemblyRules, start: date | None, end: date | None
) -> list[MemberAttendanceRow]:
    """One row per member convened to at least one held assembly in the period, by name.

    The counts and the rate are over the period; the current run of absences (and the
    flag) over every assembly held up to the period's end, whatever its start: a run
    does not restart because the period does."""
    last = min(end or date.today(), date.today())
    first = start or date.min
    assemblies = _held_assemblies(connection, date.min, last)
    if not any(day >= first for _a, day in assemblies):
        return []
    statuses = _statuses(connection, date.min, last)
    rows = []
    for member_id, name, joined, left in _members(connection):
        convened = [
            (a, day)
            for a, day in assemblies
            if (joined is None or joined <= day) and (left is None or left >= day)
        ]
        if not any(day >= first for _a, day in convened):
            continue
        history = [statuses.get((a, member_id)) for a, _day in convened]
        rows.append(_row(member_id, name, convened, history, first=first, rules=rules))
    return rows


def _row(
    member_id: int,
    name: str,
    convened: list[tuple[int, date]],
    history: list[AttendanceStatus | None],
    *,
    first: date,
    rules: AssemblyRules,
) -> MemberAttendanceRow:
    in_period = [
        status for (_a, day), status in zip(convened, history, strict=True) if day >= first
    ]
    record = member_attendance(in_period)
    streak = consecutive_absences(history)
    # The run's assemblies: the last `streak` ones with a recorded status (None skipped).
    recorded = [held for held, status in zip(convened, history, strict=True) if status]
    in_run = recorded[len(recorded) - streak :] if streak else []
    return MemberAttendanceRow(
        member_id=member_id,
        name=name,
        convened=record.convened,
        present_primary=record.present_primary,
        present_substitute=record.present_substitute,
        represented=record.represented,
        absent_justified=record.absent_justified,
        absent=record.absent,
        current_absence_run=streak,
        flagged=over_exclusion_threshold(streak, rules),
        run_assembly_ids=tuple(a for a, _day in in_run),
        run_dates=tuple(day for _a, day in in_run),
        rate=record.rate,
    )
