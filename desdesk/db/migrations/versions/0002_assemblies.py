"""Assemblies: calendar, agenda, roll call, guests, minutes with revisions, tasks; the
district's assembly settings.

Revision ID: 0002_assemblies
Revises: 0001_initial
Create Date: 2026-11-26 05:52:45.312156
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002_assemblies'
down_revision: str | None = '0001_initial'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('assembly',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('open_to_public', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('first_call_date', sa.Date(), nullable=False),
    sa.Column('first_call_time', sa.Time(), nullable=True),
    sa.Column('second_call_date', sa.Date(), nullable=True),
    sa.Column('second_call_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('remote_link', sa.String(), nullable=False),
    sa.Column('convened_on', sa.Date(), nullable=True),
    sa.Column('convened_via', sa.String(), nullable=True),
    sa.Column('call_held', sa.String(), nullable=True),
    sa.Column('started_at', sa.Time(), nullable=True),
    sa.Column('ended_at', sa.Time(), nullable=True),
    sa.Column('notes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('proposer', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['assembly_id'], ['assembly.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('proxy_holder_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assembly.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proxy_holder_id'], ['member.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index('uq_attendance', ['assembly_id', 'member_id'], unique=True)
        batch_op.create_index('ix_attendance_member', ['member_id'], unique=False)

    op.create_table('guest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('organisation', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['assembly_id'], ['assembly.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('correction_reason', sa.String(), nullable=False),
    sa.Column('call_held', sa.String(), nullable=False),
    sa.Column('deserted', sa.Boolean(), nullable=False),
    sa.Column('president', sa.String(), nullable=False),
    sa.Column('secretary', sa.String(), nullable=False),
    sa.Column('how_convened', sa.String(), nullable=False),
    sa.Column('opening_notes', sa.String(), nullable=False),
    sa.Column('closing_notes', sa.String(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assembly.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['previous_id'], ['minutes.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('minutes_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('discussion', sa.String(), nullable=False),
    sa.Column('resolution', sa.String(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstained', sa.Integer(), nullable=True),
    sa.Column('required_majority_percent', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=True),
    sa.Column('minutes_item_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('checked_assembly_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assembly.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['checked_assembly_id'], ['assembly.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_item_id'], ['minutes_item.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_days', sa.Integer(), nullable=False, server_default='10'))
        batch_op.add_column(sa.Column('first_call_quorum_percent', sa.Integer(), nullable=False, server_default='50'))
        batch_op.add_column(sa.Column('second_call_quorum_minimum', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('proxies_per_member', sa.Integer(), nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('exclusion_threshold', sa.Integer(), nullable=False, server_default='3'))



def downgrade() -> None:
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_column('exclusion_threshold')
        batch_op.drop_column('proxies_per_member')
        batch_op.drop_column('second_call_quorum_minimum')
        batch_op.drop_column('first_call_quorum_percent')
        batch_op.drop_column('notice_days')

    op.drop_table('task')
    op.drop_table('minutes_item')
    op.drop_table('minutes')
    op.drop_table('guest')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('uq_attendance')

    op.drop_table('attendance')
    op.drop_table('agenda_item')
    op.drop_table('assembly')
