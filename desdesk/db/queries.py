"""Hot read queries written as plain SQL: they run at every start-up on thousands of rows,
where SQLAlchemy's statement compilation and per-value processing cost more than SQLite.

They read, never write, and never commit. Table and column names are those of
`desdesk.db.models`; the tests of the services that use them cover both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from desdesk.db.sql import run
from desdesk.domain.enums import ReferentKind

# One row per member with the full names of its current titolare and supplente.
# Dates and JSON lists come back as the database gives them (text on SQLite, `date` and
# list on PostgreSQL); the caller reads them with `desdesk.db.sql`'s helpers.
MEMBER_ROWS_SQL = f"""
SELECT m.id, m.name, m.legal_form, m.nature_override, m.tax_code, m.vat_number, m.comune,
       m.provincia, m.email, m.phone, m.aes_subscriber, m.disciplinari, m.supply_chain_roles,
       m.joined_on, m.left_on, m.leave_reason,
       trim(p.first_name || ' ' || p.last_name), trim(s.first_name || ' ' || s.last_name)
FROM member AS m
LEFT JOIN referent AS p
       ON p.member_id = m.id AND p.kind = '{ReferentKind.PRIMARY.value}' AND p.end_date IS NULL
LEFT JOIN referent AS s
       ON s.member_id = m.id AND s.kind = '{ReferentKind.SUBSTITUTE.value}' AND s.end_date IS NULL
ORDER BY m.name, m.id
"""


def member_rows(connection: Connection) -> Sequence[Sequence[Any]]:
    return run(connection, MEMBER_ROWS_SQL).fetchall()


# Referents with their member's name and whether the member is active.
# The columns follow `ReferentRead`'s fields; `{where}` is built from fixed conditions only.
REFERENT_ROWS_SQL = """
SELECT r.id, r.member_id, m.name, r.kind, r.first_name, r.last_name, r.email, r.phone,
       r.role, r.start_date, r.end_date, m.left_on IS NULL, r.version
FROM referent AS r
JOIN member AS m ON m.id = r.member_id
{where}
ORDER BY m.name, m.id, r.kind = 'supplente', r.end_date IS NOT NULL, r.end_date DESC, r.id
"""


def referent_rows(
    connection: Connection,
    *,
    include_past: bool = True,
    active_members_only: bool = False,
    member_id: int | None = None,
) -> Sequence[Sequence[Any]]:
    conditions: list[str] = []
    params: list[object] = []
    if not include_past:
        conditions.append("r.end_date IS NULL")
    if active_members_only:
        conditions.append("m.left_on IS NULL")
    if member_id is not None:
        conditions.append("r.member_id = ?")
        params.append(member_id)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = REFERENT_ROWS_SQL.format(where=where)
    return run(connection, sql, params).fetchall()


# Each person who is now a referent of an active member, with the members they represent
# (by name, then id): the caller keeps the first member of each name.
CURRENT_PEOPLE_SQL = """
SELECT trim(r.first_name || ' ' || r.last_name) AS full_name, r.member_id
FROM referent AS r
JOIN member AS m ON m.id = r.member_id
WHERE r.end_date IS NULL AND m.left_on IS NULL
ORDER BY full_name, m.name, m.id
"""


def current_people(connection: Connection) -> list[tuple[str, int]]:
    """Each person once, with the first (by name) active member they represent.

    Grouped in Python: picking the member of the `min(m.name)` row in SQL relies on
    SQLite's bare columns, which PostgreSQL refuses.
    """
    people: dict[str, int] = {}
    for full_name, member_id in run(connection, CURRENT_PEOPLE_SQL):
        people.setdefault(full_name, member_id)
    return list(people.items())


def member_names(connection: Connection, include_former: bool) -> list[tuple[int, str, bool]]:
    """(id, name, active) of every member, or of the active ones, by name."""
    where = "" if include_former else "WHERE left_on IS NULL"
    sql = f"SELECT id, name, left_on IS NULL FROM member {where} ORDER BY name, id"
    return [(i, name, bool(active)) for i, name, active in run(connection, sql)]
