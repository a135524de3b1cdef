"""Approved minutes keep a snapshot of the attendance; districts get a stable uid.

Revision ID: 0003_minutes_snapshot
Revises: 0002_assemblies
Create Date: 2026-11-26 06:40:00
"""

from collections.abc import Sequence
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "0003_minutes_snapshot"
down_revision: str | None = "0002_assemblies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snapshot", sa.JSON(), nullable=True))
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(), nullable=True))
    bind = op.get_bind()
    district = sa.table("district", sa.column("id", sa.Integer()), sa.column("uid", sa.String()))
    ids = [row[0] for row in bind.execute(sa.select(district.c.id))]
    for district_id in ids:
        bind.execute(
            district.update().where(district.c.id == district_id).values(uid=uuid4().hex)
        )
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.drop_column("uid")
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.drop_column("snapshot")
