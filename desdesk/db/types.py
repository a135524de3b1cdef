"""Column types SQLite lacks (exact decimals stored as text) and the stored clock."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.types import String, TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text, so money and targets never pass through float."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


def utc_now() -> datetime:
    """Now in UTC to the second: what `created_at`/`updated_at` columns store."""
    return datetime.now(UTC).replace(microsecond=0)
