"""Plain-SQL reads behind the pictures of the district (Verifica › Quadro d'insieme).

Like `desdesk.db.queries` they read, never commit, on a district file or a server
(`db/sql.py`). Dates are compared with ISO-text parameters; a member is active on a
day if it had joined (or has no join date) and had not left by then (`left_on` is the first day it is no longer a member).
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Connection

from desdesk.db.sql import as_date, required_date, run
from desdesk.domain.enums import AssemblyStatus, AttendanceStatus, Call

_ACTIVE_MEMBERS_SQL = """
SELECT id, name, legal_form, nature_override, supply_chain_roles FROM member
WHERE (joined_on IS NULL OR joined_on <= ?) AND (left_on IS NULL OR left_on > ?)
ORDER BY name, id
"""

# The day an assembly was held: its second call's if that is the call held.
_HELD_DAY = f"""
(CASE WHEN call_held = '{Call.SECOND.value}' AND second_call_date IS NOT NULL
     THEN second_call_date ELSE first_call_date END)
"""
_HELD_ASSEMBLIES_SQL = f"""
SELECT id, {_HELD_DAY} AS day, title FROM assembly
WHERE status != '{AssemblyStatus.CANCELLED.value}' AND {_HELD_DAY} BETWEEN ? AND ?
ORDER BY day, id
"""
_MEMBERS_SQL = "SELECT id, name, joined_on, left_on FROM member ORDER BY name, id"
_STATUSES_SQL = "SELECT assembly_id, member_id, status FROM attendance WHERE assembly_id IN ({})"

_OFFICES_SQL = (
    "SELECT id, kind, person_name, start_date, end_date FROM office ORDER BY start_date, id"
)


def active_members(
    connection: Connection, today: date
) -> list[tuple[int, str, str, str | None, list[str]]]:
    """(id, name, legal form code, nature override, supply-chain role codes), by name."""
    rows = run(connection, _ACTIVE_MEMBERS_SQL, (today.isoformat(), today.isoformat()))
    return [
        (
            i,
            name,
            form,
            override,
            list(json.loads(roles) if isinstance(roles, str) else roles or []),
        )
        for i, name, form, override, roles in rows
    ]


def held_assemblies(connection: Connection, start: date, end: date) -> list[tuple[int, date, str]]:
    """(id, held day, title) of the assemblies not cancelled held between the two days."""
    rows = run(connection, _HELD_ASSEMBLIES_SQL, (start.isoformat(), end.isoformat()))
    return [(i, required_date(day), title or "") for i, day, title in rows]


def members_with_dates(connection: Connection) -> list[tuple[int, str, date | None, date | None]]:
    """(id, name, joined_on, left_on) of every member, by name."""
    return [
        (i, name, as_date(joined), as_date(left))
        for i, name, joined, left in run(connection, _MEMBERS_SQL)
    ]


def statuses(
    connection: Connection, assembly_ids: list[int]
) -> dict[tuple[int, int], AttendanceStatus]:
    """(member id, assembly id) → the status recorded at those assemblies."""
    if not assembly_ids:
        return {}
    sql = _STATUSES_SQL.format(", ".join("?" * len(assembly_ids)))
    rows = run(connection, sql, tuple(assembly_ids))
    return {(m, a): AttendanceStatus(status) for a, m, status in rows}


def offices(connection: Connection) -> list[tuple[int, str, str, date, date | None]]:
    """(id, kind code, person, start, end) of every term of office, oldest first."""
    rows = run(connection, _OFFICES_SQL)
    return [
        (i, kind, person, required_date(start), as_date(end))
        for i, kind, person, start, end in rows
    ]


def district_thresholds(connection: Connection) -> tuple[int, int, int]:
    """(public_share_warning_percent, office_notice_days, exclusion_threshold)."""
    row = run(
        connection,
        "SELECT public_share_warning_percent, office_notice_days, exclusion_threshold"
        " FROM district ORDER BY id LIMIT 1",
    ).first()
    if row is None:
        return (70, 90, 3)
    return (int(row[0]), int(row[1]), int(row[2]))
