"""Plain-SQL reads behind the computed indicators: movements, founding agreements,
objectives and held assemblies over a span of days.

Like `desdesk.db.queries` they read, never commit, on a district file or a server
(`db/sql.py`). Dates are compared with ISO-text parameters; amounts come back as
`Decimal` from their exact text (never summed in SQL: SQLite would go through float,
PostgreSQL cannot sum text). Table and column names are those of
`desdesk.db.models` and `desdesk.db.money_models`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

# Shared with the budget: one definition, re-exported for the indicator metrics.
from desdesk.db.money_queries import category_nodes as category_nodes  # noqa: PLC0414
from desdesk.db.sql import as_bool, required_date, run
from desdesk.domain.enums import (
    AssemblyStatus,
    AttendanceStatus,
    Call,
    FoundingDocumentKind,
    ObjectiveStatus,
)
from desdesk.domain.money_enums import BudgetSection, Flow


@dataclass(frozen=True, slots=True)
class MovementFact:
    day: date
    amount: Decimal
    category_id: int
    source: str | None
    section: BudgetSection
    flow: Flow


@dataclass(frozen=True, slots=True)
class HeldAssembly:
    """A held assembly: its day, how many entitled members have a status recorded and
    how many of them took part (present or by proxy), and whether minutes are approved."""

    day: date
    recorded: int
    attended: int
    minutes_approved: bool


_MOVEMENTS_SQL = """
SELECT mv.date, mv.amount, mv.category_id, mv.source, c.section, c.flow
FROM movement AS mv JOIN budget_category AS c ON c.id = mv.category_id
WHERE mv.date BETWEEN ? AND ?
"""

_AGREEMENT_DATES_SQL = f"""
SELECT document_date FROM founding_document
WHERE kind = '{FoundingDocumentKind.AGREEMENT.value}' AND approved AND document_date IS NOT NULL
"""

_ACTIVE_OBJECTIVE_DEADLINES_SQL = f"""
SELECT deadline FROM objective WHERE status = '{ObjectiveStatus.IN_PROGRESS.value}'
"""

# The day an assembly was held: its second call's if that is the call held.
_HELD_DAY = f"""
CASE WHEN a.call_held = '{Call.SECOND.value}' AND a.second_call_date IS NOT NULL
     THEN a.second_call_date ELSE a.first_call_date END
"""
_ATTENDED = ", ".join(
    f"'{s.value}'"
    for s in (
        AttendanceStatus.PRESENT_PRIMARY,
        AttendanceStatus.PRESENT_SUBSTITUTE,
        AttendanceStatus.PROXY,
    )
)
# Only the statuses of members entitled on the day (joined and not yet left) count,
# as in the roll call.
_HELD_ASSEMBLIES_SQL = f"""
WITH held AS (
    SELECT a.id, {_HELD_DAY} AS day FROM assembly AS a
    WHERE a.status = '{AssemblyStatus.HELD.value}' AND {_HELD_DAY} BETWEEN ? AND ?
)
SELECT held.day,
       (SELECT count(*) FROM attendance AS t JOIN member AS m ON m.id = t.member_id
        WHERE t.assembly_id = held.id
          AND (m.joined_on IS NULL OR m.joined_on <= held.day)
          AND (m.left_on IS NULL OR m.left_on >= held.day)),
       (SELECT count(*) FROM attendance AS t JOIN member AS m ON m.id = t.member_id
        WHERE t.assembly_id = held.id AND t.status IN ({_ATTENDED})
          AND (m.joined_on IS NULL OR m.joined_on <= held.day)
          AND (m.left_on IS NULL OR m.left_on >= held.day)),
       EXISTS (SELECT 1 FROM minutes WHERE assembly_id = held.id AND approved_on IS NOT NULL)
FROM held ORDER BY held.day, held.id
"""


def movements_between(connection: Connection, start: date, end: date) -> list[MovementFact]:
    rows = run(connection, _MOVEMENTS_SQL, (start.isoformat(), end.isoformat()))
    return [
        MovementFact(
            required_date(day), Decimal(amount), category, source, BudgetSection(s), Flow(f)
        )
        for day, amount, category, source, s, f in rows
    ]


def approved_agreement_dates(connection: Connection) -> list[date]:
    """Dates of the approved founding documents of kind "accordo" (undated ones left out:
    nothing says since when they are in force)."""
    return [required_date(d) for (d,) in run(connection, _AGREEMENT_DATES_SQL)]


def active_objective_deadlines(connection: Connection) -> list[date | None]:
    """Deadlines of the objectives now in progress (None: no deadline)."""
    rows = run(connection, _ACTIVE_OBJECTIVE_DEADLINES_SQL)
    return [required_date(d) if d else None for (d,) in rows]


def held_assemblies(connection: Connection, start: date, end: date) -> list[HeldAssembly]:
    rows = run(connection, _HELD_ASSEMBLIES_SQL, (start.isoformat(), end.isoformat()))
    return [
        HeldAssembly(required_date(day), recorded, attended, as_bool(approved))
        for day, recorded, attended, approved in rows
    ]


def financial_years(connection: Connection) -> set[int]:
    """The years the district keeps accounts for."""
    return {int(year) for (year,) in run(connection, "SELECT year FROM financial_year")}
