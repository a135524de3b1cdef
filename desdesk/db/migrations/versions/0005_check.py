"""District check: governance and business plan texts, the check's thresholds, an
agreement's end date, and the actions taken to bring in new members.

Revision ID: 0005_check
Revises: 0004_money
Create Date: 2026-11-26 08:21:19.034408
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005_check'
down_revision: str | None = '0004_money'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('growth_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.add_column(sa.Column('governance', sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('business_plan', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('participation_threshold_percent', sa.Integer(), nullable=False, server_default=sa.text("'50'")))
        batch_op.add_column(sa.Column('public_share_warning_percent', sa.Integer(), nullable=False, server_default=sa.text("'70'")))
        batch_op.add_column(sa.Column('structure_cost_target_percent', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('office_notice_days', sa.Integer(), nullable=False, server_default=sa.text("'90'")))
        batch_op.add_column(sa.Column('office_min_years', sa.Integer(), nullable=False, server_default=sa.text("'4'")))
        batch_op.add_column(sa.Column('report_deadline_month', sa.Integer(), nullable=False, server_default=sa.text("'6'")))
        batch_op.add_column(sa.Column('report_deadline_day', sa.Integer(), nullable=False, server_default=sa.text("'30'")))

    with op.batch_alter_table('founding_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('valid_until', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('founding_document', schema=None) as batch_op:
        batch_op.drop_column('valid_until')

    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_column('report_deadline_day')
        batch_op.drop_column('report_deadline_month')
        batch_op.drop_column('office_min_years')
        batch_op.drop_column('office_notice_days')
        batch_op.drop_column('structure_cost_target_percent')
        batch_op.drop_column('public_share_warning_percent')
        batch_op.drop_column('participation_threshold_percent')
        batch_op.drop_column('business_plan')
        batch_op.drop_column('governance')

    op.drop_table('growth_action')
