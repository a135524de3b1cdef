"""Column types SQLite lacks (exact decimals stored as text) and the stored clock."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Integer
from sqlalchemy.types import String, TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text, so money and targets never pass through float."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):
            # 0.1 + 0.2 stored as 0.30000000000000004: a float here is a bug upstream.
            raise TypeError(f"DecimalText takes a Decimal, int or str, not float ({value!r})")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


def utc_now() -> datetime:
    """Now in UTC to the second: what `created_at`/`updated_at` columns store."""
    return datetime.now(UTC).replace(microsecond=0)


def version_column() -> Column[int]:
    """A row's edit count, for optimistic concurrency (SQLAlchemy's `version_id_col`).

    Every ORM update adds one and is made only if the row still has the count it was
    read with; a form also sends back the count it was opened with (services/base.py
    `check_version`). Two officers editing the same record on a shared server, or in
    two windows, never overwrite each other silently.
    """
    return Column("version", Integer, nullable=False, server_default="1")
