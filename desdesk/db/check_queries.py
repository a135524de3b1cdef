"""Plain-SQL reads behind the district check (`services/district_check.py`).

One query per kind of record, every row of the district: the rules look at all of
them, and on 5,000 members and 20 years the check has to stay well under a second.
Like `desdesk.db.queries` they read, never commit; dates are the ISO text SQLite
stores. A member is a member on a day it had joined (or has no join date) and had not
left before it, as in the attendance register.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from desdesk.db.sql import as_bool, as_date, required_date, run
from desdesk.domain.enums import AssemblyStatus, AttendanceStatus, Call
from desdesk.domain.money_enums import Flow

_HELD_DAY = f"""
(CASE WHEN a.call_held = '{Call.SECOND.value}' AND a.second_call_date IS NOT NULL
     THEN a.second_call_date ELSE a.first_call_date END)
"""
# A held assembly's place in time as text that sorts like (held day, id): the ISO day
# and the id as fixed-width digits (10^10 + id), written in SQL both databases speak.
_POSITION = f"CAST({_HELD_DAY} AS TEXT) || '-' || CAST(10000000000 + a.id AS TEXT)"
_HELD = AssemblyStatus.HELD.value  # only assemblies actually held count for attendance
_ATTENDED = ", ".join(
    f"'{s.value}'"
    for s in (
        AttendanceStatus.PRESENT_PRIMARY,
        AttendanceStatus.PRESENT_SUBSTITUTE,
        AttendanceStatus.PROXY,
    )
)
_ABSENT = f"'{AttendanceStatus.ABSENT.value}', '{AttendanceStatus.ABSENT_JUSTIFIED.value}'"
_MEMBER_ON_DAY = (
    f"(m.joined_on IS NULL OR m.joined_on <= {_HELD_DAY})"
    f" AND (m.left_on IS NULL OR m.left_on >= {_HELD_DAY})"
)

DISTRICT_SQL = """
SELECT name, mission, governance, business_plan, exclusion_threshold,
       participation_threshold_percent, public_share_warning_percent,
       structure_cost_target_percent, office_notice_days, office_min_years,
       report_deadline_month, report_deadline_day
FROM district ORDER BY id LIMIT 1
"""
MEMBERS_SQL = """
SELECT id, name, legal_form, nature_override, aes_subscriber, supply_chain_roles,
       joined_on, left_on
FROM member ORDER BY name, id
"""
# The referents in charge on the day: started (or no start) and not ended before it.
REFERENTS_SQL = """
SELECT id, member_id, kind, trim(first_name || ' ' || last_name), email, phone
FROM referent
WHERE (start_date IS NULL OR start_date <= :day) AND (end_date IS NULL OR end_date >= :day)
ORDER BY member_id, id
"""
OFFICES_SQL = """
SELECT id, kind, person_name, start_date, end_date, member_id FROM office
ORDER BY start_date, id
"""
OBJECTIVES_SQL = "SELECT id, title, target_value, deadline, status FROM objective ORDER BY id"
DOCUMENTS_SQL = """
SELECT id, kind, title, document_date, valid_until, approved FROM founding_document
ORDER BY CASE WHEN document_date IS NULL THEN 0 ELSE 1 END, document_date, id
"""
ASSEMBLIES_SQL = (
    f"SELECT a.id, {_HELD_DAY} AS day, a.status, a.title FROM assembly AS a ORDER BY day, a.id"
)

# Per member, over the held assemblies (not cancelled, held day in [:start, :end]) it
# was a member at: how many, and how many it attended (in person or by proxy).
PARTICIPATION_SQL = f"""
SELECT m.id, count(a.id), count(t.id)
FROM member AS m
JOIN assembly AS a
  ON a.status = '{_HELD}' AND {_HELD_DAY} BETWEEN :start AND :end AND {_MEMBER_ON_DAY}
LEFT JOIN attendance AS t
  ON t.assembly_id = a.id AND t.member_id = m.id AND t.status IN ({_ATTENDED})
GROUP BY m.id
"""
# Each member's current run of absences: the absences recorded at held assemblies after
# the last one it attended — `services/attendance_records._FLAGGED_SQL` without the
# threshold (and the domain's `consecutive_absences`: no record neither ends nor
# extends a run).
ABSENCE_RUNS_SQL = f"""
WITH recorded AS (
    SELECT t.member_id, {_POSITION} AS position, t.status
    FROM attendance AS t
    JOIN assembly AS a ON a.id = t.assembly_id
    JOIN member AS m ON m.id = t.member_id
    WHERE a.status = '{_HELD}' AND {_HELD_DAY} <= :end AND {_MEMBER_ON_DAY}
), last_attended AS (
    SELECT member_id, MAX(position) AS position FROM recorded
    WHERE status IN ({_ATTENDED}) GROUP BY member_id
)
SELECT r.member_id, count(*) FROM recorded AS r
LEFT JOIN last_attended AS l ON l.member_id = r.member_id
WHERE r.status IN ({_ABSENT}) AND (l.position IS NULL OR r.position > l.position)
GROUP BY r.member_id
"""
TASKS_SQL = """
SELECT id, member_id, description, due_date, status, done_on FROM task
ORDER BY CASE WHEN due_date IS NULL THEN 0 ELSE 1 END, due_date, id
"""
GROWTH_SQL = "SELECT id, day, description FROM growth_action ORDER BY day, id"
INVESTMENTS_SQL = "SELECT count(*) FROM investment"
# The years after :year with a plan, and the funding sources of their planned income.
FORECAST_SQL = f"""
SELECT p.year, p.amount, c.flow = '{Flow.INCOME.value}', c.default_source
FROM planned_amount AS p JOIN budget_category AS c ON c.id = p.category_id
WHERE p.year > :year
"""


def district(connection: Connection) -> tuple[Any, ...] | None:
    row = run(connection, DISTRICT_SQL).first()
    if row is None:
        return None
    values = list(row)
    plan = values[3]
    values[3] = json.loads(plan) if isinstance(plan, str) else dict(plan or {})
    return tuple(values)


def members(connection: Connection) -> list[tuple[Any, ...]]:
    """(id, name, form, nature override, AES, role codes, joined, left), by name."""
    return [
        (
            i,
            name,
            form,
            override,
            as_bool(aes),
            list(json.loads(roles) if isinstance(roles, str) else roles or []),
            as_date(joined),
            as_date(left),
        )
        for i, name, form, override, aes, roles, joined, left in run(connection, MEMBERS_SQL)
    ]


def referents(connection: Connection, day: date) -> list[tuple[int, int, str, str, str, str]]:
    """(id, member id, kind, full name, email, phone) of the referents in charge."""
    rows = run(connection, REFERENTS_SQL.replace(":day", "?"), (day.isoformat(),) * 2)
    return [(i, m, k, n or "", e or "", p or "") for i, m, k, n, e, p in rows]


def offices(connection: Connection) -> list[tuple[int, str, str, date, date | None, int | None]]:
    return [
        (i, kind, person, required_date(start), as_date(end), member)
        for i, kind, person, start, end, member in run(connection, OFFICES_SQL)
    ]


def objectives(
    connection: Connection,
) -> list[tuple[int, str, Decimal | None, date | None, str]]:
    return [
        (i, title, Decimal(str(value)) if value is not None else None, as_date(deadline), status)
        for i, title, value, deadline, status in run(connection, OBJECTIVES_SQL)
    ]


def documents(
    connection: Connection,
) -> list[tuple[int, str, str, date | None, date | None, bool]]:
    return [
        (i, kind, title, as_date(day), as_date(until), as_bool(approved))
        for i, kind, title, day, until, approved in run(connection, DOCUMENTS_SQL)
    ]


def assemblies(connection: Connection) -> list[tuple[int, date, str, str]]:
    """(id, held day or first call, status, title) of every assembly, oldest first."""
    return [
        (i, required_date(day), status, title or "")
        for i, day, status, title in run(connection, ASSEMBLIES_SQL)
    ]


def participation(connection: Connection, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Member id → (held assemblies it was a member at, attended) in [start, end]."""
    sql = PARTICIPATION_SQL.replace(":start", "?").replace(":end", "?")
    # _MEMBER_ON_DAY has no parameters; the two are the window's bounds.
    rows = run(connection, sql, (start.isoformat(), end.isoformat()))
    return {m: (held, attended) for m, held, attended in rows}


def absence_runs(connection: Connection, end: date) -> dict[int, int]:
    """Member id → its current run of absences at the assemblies held up to `end`."""
    rows = run(connection, ABSENCE_RUNS_SQL.replace(":end", "?"), (end.isoformat(),))
    return dict(rows.all())


def tasks(
    connection: Connection,
) -> list[tuple[int, int, str, date | None, str, date | None]]:
    return [
        (i, member, text, as_date(due), status, as_date(done))
        for i, member, text, due, status, done in run(connection, TASKS_SQL)
    ]


def growth_actions(connection: Connection) -> list[tuple[int, date, str]]:
    return [(i, required_date(day), text) for i, day, text in run(connection, GROWTH_SQL)]


def financial_years(connection: Connection) -> list[int]:
    """The financial years recorded, newest first."""
    rows = run(connection, "SELECT year FROM financial_year ORDER BY year DESC")
    return [int(year) for (year,) in rows]


def investments(connection: Connection) -> int:
    return int(run(connection, INVESTMENTS_SQL).scalar_one())


def forecast(connection: Connection, year: int) -> tuple[tuple[int, ...], int]:
    """The years after `year` with a plan, and how many distinct funding sources their
    planned income names."""
    rows = [
        (int(y), income, source)
        for y, amount, income, source in run(
            connection, FORECAST_SQL.replace(":year", "?"), (year,)
        )
        if amount is not None and Decimal(str(amount)) != 0
    ]
    years = tuple(sorted({y for y, _i, _s in rows}))
    sources = {s for _y, income, s in rows if income and s}
    return years, len(sources)
