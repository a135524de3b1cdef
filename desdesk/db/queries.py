"""Hot read queries written as plain SQL: they run at every start-up on thousands of rows,
where SQLAlchemy's statement compilation and per-value processing cost more than SQLite.

They read, never write, and never commit. Table and column names are those of
`desdesk.db.models`; the tests of the services that use them cover both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from desdesk.domain.enums import ReferentKind

# One row per member with the full names of its current titolare and supplente.
# Dates and JSON lists come back as stored text; the caller parses them.
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
ORDER BY m.name
"""


def member_rows(connection: Connection) -> Sequence[Sequence[Any]]:
    return connection.exec_driver_sql(MEMBER_ROWS_SQL).fetchall()
