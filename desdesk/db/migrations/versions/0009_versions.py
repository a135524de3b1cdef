"""Edit counts: a `version` column on the records people edit in forms, so that two
officers saving the same record (on a shared server, or in two windows) never overwrite
each other silently (db/types.py `version_column`, services/base.py).

Revision ID: 0009_versions
Revises: 0008_personal_data
Create Date: 2026-11-26 13:10:00.000000

ALTER TABLE ADD COLUMN keeps each table and its change-log triggers; the column is
bookkeeping, so the triggers (which name their columns) neither log it nor need it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009_versions'
down_revision: str | None = '0008_personal_data'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES: tuple[str, ...] = (
    'district', 'member', 'referent', 'office', 'assembly', 'minutes', 'task', 'movement',
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        op.add_column(
            table, sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )


def downgrade() -> None:
    # ALTER TABLE DROP COLUMN (SQLite 3.35+, PostgreSQL) keeps each table and its
    # change-log triggers; Alembic's batch mode would rebuild the tables without them.
    for table in VERSIONED_TABLES:
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN version')
