"""Plain-SQL queries of the roll call: the hot path at the meeting, on thousands of members.

Like `desdesk.db.queries` they read, never commit; `set_status`'s writes are in
`write_status`, run inside the caller's transaction. Dates are compared as the ISO text
SQLite stores (PostgreSQL compares its dates with the same ISO text). Table and column names are those of `desdesk.db.models`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection

from desdesk.db.sql import run
from desdesk.domain.enums import AttendanceStatus, ReferentKind

# A member is entitled at an assembly held on a day if it had joined (or has no join date)
# and had not left before that day: two `?`, both the day (see `_entitled_params`).
_ENTITLED = "(m.joined_on IS NULL OR m.joined_on <= ?) AND (m.left_on IS NULL OR m.left_on >= ?)"

ROLL_CALL_SQL = f"""
SELECT m.id, m.name,
       coalesce(trim(p.first_name || ' ' || p.last_name), ''),
       coalesce(trim(s.first_name || ' ' || s.last_name), ''),
       a.status, a.proxy_holder_id
FROM member AS m
LEFT JOIN referent AS p
       ON p.member_id = m.id AND p.kind = '{ReferentKind.PRIMARY.value}' AND p.end_date IS NULL
LEFT JOIN referent AS s
       ON s.member_id = m.id AND s.kind = '{ReferentKind.SUBSTITUTE.value}' AND s.end_date IS NULL
LEFT JOIN attendance AS a ON a.member_id = m.id AND a.assembly_id = ?
WHERE {_ENTITLED}
ORDER BY m.name, m.id
"""

COUNT_SQL = f"""
SELECT a.status, count(*)
FROM member AS m
LEFT JOIN attendance AS a ON a.member_id = m.id AND a.assembly_id = ?
WHERE {_ENTITLED}
GROUP BY a.status
"""

ASSEMBLY_SQL = """
SELECT a.status, a.call_held, a.first_call_date, a.second_call_date,
       EXISTS (SELECT 1 FROM minutes WHERE assembly_id = a.id AND approved_on IS NOT NULL)
FROM assembly AS a WHERE a.id = ?
"""

RULES_SQL = """
SELECT notice_days, first_call_quorum_percent, second_call_quorum_minimum,
       proxies_per_member, exclusion_threshold
FROM district ORDER BY id LIMIT 1
"""

PROXIES_HELD_SQL = f"""
SELECT a.member_id, m.name FROM attendance AS a JOIN member AS m ON m.id = a.member_id
WHERE a.assembly_id = ? AND a.proxy_holder_id = ? AND a.status = '{AttendanceStatus.PROXY.value}'
ORDER BY m.name
"""

MEMBER_STATUS_SQL = """
SELECT m.name, a.status, m.joined_on, m.left_on FROM member AS m
LEFT JOIN attendance AS a ON a.member_id = m.id AND a.assembly_id = ?
WHERE m.id = ?
"""

UPSERT_SQL = """
INSERT INTO attendance (assembly_id, member_id, status, proxy_holder_id) VALUES (?, ?, ?, ?)
ON CONFLICT (assembly_id, member_id)
DO UPDATE SET status = excluded.status, proxy_holder_id = excluded.proxy_holder_id
"""


def _entitled_params(assembly_id: int, day: date) -> tuple[int, str, str]:
    """The assembly (joined to its attendance) and twice the day of `_ENTITLED`."""
    return (assembly_id, day.isoformat(), day.isoformat())


def roll_call_rows(connection: Connection, assembly_id: int, day: date) -> Sequence[Any]:
    return run(connection, ROLL_CALL_SQL, _entitled_params(assembly_id, day)).fetchall()


def status_counts(connection: Connection, assembly_id: int, day: date) -> dict[str | None, int]:
    """How many entitled members have each status (None: not recorded yet)."""
    rows = run(connection, COUNT_SQL, _entitled_params(assembly_id, day))
    return {status: n for status, n in rows}


def assembly_state(connection: Connection, assembly_id: int) -> Sequence[Any] | None:
    """(status, call_held, first_call_date, second_call_date, minutes approved) or None."""
    return run(connection, ASSEMBLY_SQL, (assembly_id,)).first()


def rules_values(connection: Connection) -> Sequence[Any] | None:
    return run(connection, RULES_SQL).first()


def proxies_held(connection: Connection, assembly_id: int, holder_id: int) -> list[tuple[int, str]]:
    """(id, name) of the members whose proxy `holder_id` holds at the assembly."""
    rows = run(connection, PROXIES_HELD_SQL, (assembly_id, holder_id)).fetchall()
    return [(member_id, name) for member_id, name in rows]


def member_status(connection: Connection, assembly_id: int, member_id: int) -> Sequence[Any] | None:
    """(name, status or None, joined_on, left_on) of a member at the assembly; None if the
    member does not exist."""
    return run(connection, MEMBER_STATUS_SQL, (assembly_id, member_id)).first()


def write_status(
    connection: Connection,
    assembly_id: int,
    member_id: int,
    status: str | None,
    proxy_holder_id: int | None,
) -> None:
    """Record (or, with None, clear) a status, in the caller's transaction."""
    if status is None:
        run(
            connection,
            "DELETE FROM attendance WHERE assembly_id = ? AND member_id = ?",
            (assembly_id, member_id),
        )
    else:
        run(connection, UPSERT_SQL, (assembly_id, member_id, status, proxy_holder_id))
