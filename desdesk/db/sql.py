"""Hand-written SQL that runs on a district file (SQLite) and on a server (PostgreSQL).

The queries in db/*_queries.py are written once, with `?` placeholders and in the SQL
both databases speak (no SQLite-only functions, `TRUE`/`FALSE` for booleans, CASE for
conditions). `run` hands them to the driver in its own placeholder style; the `as_*`
helpers read values back the same way whichever database returned them (SQLite gives
dates as text and booleans as 0/1, PostgreSQL gives `date` and `bool`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, CursorResult


def run(
    connection: Connection, sql: str, params: Sequence[Any] = ()
) -> CursorResult[*tuple[Any, ...]]:
    """Execute `sql` (with `?` placeholders) with positional `params` on either database."""
    if connection.dialect.paramstyle == "qmark":
        return connection.exec_driver_sql(sql, tuple(params))
    return connection.exec_driver_sql(format_placeholders(sql), tuple(params))


@lru_cache(maxsize=512)
def format_placeholders(sql: str) -> str:
    """`?` → `%s` and `%` → `%%` outside quoted strings and identifiers (psycopg's style)."""
    out: list[str] = []
    quote = ""
    for char in sql:
        if quote:
            if char == "%":
                out.append("%%")
                continue
            if char == quote:
                quote = ""
        elif char in ("'", '"'):
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        elif char == "%":
            out.append("%%")
            continue
        out.append(char)
    return "".join(out)


def as_date(value: object) -> date | None:
    """A date column's value: `date` from PostgreSQL, ISO text from SQLite, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def required_date(value: object) -> date:
    """A date column that is never empty (NOT NULL in the schema)."""
    day = as_date(value)
    if day is None:
        raise ValueError("a required date is missing")
    return day


def as_bool(value: object) -> bool:
    """A boolean column's or condition's value: bool from PostgreSQL, 0/1 from SQLite."""
    return bool(value)
