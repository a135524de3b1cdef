"""Personal data (GDPR): a referent's legal basis, the day the information notice was
given and the day the person's data was erased; the referent triggers recreated.

Revision ID: 0008_personal_data
Revises: 0007_history
Create Date: 2026-11-26 11:00:00.000000

The referent's change-log triggers name their columns (desdesk/db/audit.py): they are
dropped and recreated with the list frozen below, which includes the new columns.
Adding a column with ALTER TABLE keeps the table (and its other triggers), so no other
table is touched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desdesk.db.audit import drop_statements, trigger_statements

revision: str = "0008_personal_data"
down_revision: str | None = "0007_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, key, logged columns) as the schema is at this revision, for the tables whose
# triggers this migration recreates (the others keep 0007's lists).
AUDITED_TABLES: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "referent",
        "id",
        (
            "id",
            "member_id",
            "kind",
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "start_date",
            "end_date",
            "legal_basis",
            "notice_given_on",
            "erased_on",
        ),
    ),
]

_PREVIOUS_REFERENT_COLUMNS: tuple[str, ...] = (
    "id",
    "member_id",
    "kind",
    "first_name",
    "last_name",
    "email",
    "phone",
    "role",
    "start_date",
    "end_date",
)


def upgrade() -> None:
    for table, _key, _columns in AUDITED_TABLES:
        for statement in drop_statements(table, _dialect()):
            op.execute(statement)
    op.add_column(
        "referent",
        sa.Column("legal_basis", sa.String(), nullable=False, server_default=sa.text("''")),
    )
    op.add_column("referent", sa.Column("notice_given_on", sa.Date(), nullable=True))
    op.add_column("referent", sa.Column("erased_on", sa.Date(), nullable=True))
    for table, key, columns in AUDITED_TABLES:
        for statement in trigger_statements(table, columns, key, _dialect()):
            op.execute(statement)


def downgrade() -> None:
    for statement in drop_statements("referent", _dialect()):
        op.execute(statement)
    with op.batch_alter_table("referent", schema=None) as batch_op:
        batch_op.drop_column("erased_on")
        batch_op.drop_column("notice_given_on")
        batch_op.drop_column("legal_basis")
    for statement in trigger_statements("referent", _PREVIOUS_REFERENT_COLUMNS, dialect=_dialect()):
        op.execute(statement)


def _dialect() -> str:
    """sqlite for a district file, postgresql for a district on a server."""
    return op.get_bind().dialect.name
