"""Money and monitoring: financial years, the category tree (seeded with Modello D),
plan, movements, fee overrides, initial investments, indicators (seeded with the
toolkit's eight) with targets and measurements; objectives can point to an indicator.

Revision ID: 0004_money
Revises: 0003_minutes_snapshot
Create Date: 2026-11-26 07:11:42.417161
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desdesk.domain.budget_defaults import DEFAULT_INDICATORS, MODELLO_D


revision: str = '0004_money'
down_revision: str | None = '0003_minutes_snapshot'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('budget_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('section', sa.String(), nullable=False),
    sa.Column('flow', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('structure_cost', sa.Boolean(), nullable=False),
    sa.Column('default_source', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['budget_category.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('budget_category', schema=None) as batch_op:
        batch_op.create_index('ix_budget_category_parent', ['parent_id'], unique=False)

    op.create_table('financial_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('opening_cash', sa.String(), nullable=False),
    sa.Column('opening_bank', sa.String(), nullable=False),
    sa.Column('default_fee', sa.String(), nullable=True),
    sa.Column('fee_due_on', sa.Date(), nullable=True),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('frequency', sa.String(), nullable=False),
    sa.Column('responsible', sa.String(), nullable=False),
    sa.Column('data_source', sa.String(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('metric', sa.String(), nullable=True),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('investment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('amount', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('notes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('fee_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.String(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fee_override', schema=None) as batch_op:
        batch_op.create_index('uq_fee_override', ['member_id', 'year'], unique=True)

    op.create_table('indicator_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.create_index('uq_indicator_target', ['indicator_id', 'year'], unique=True)

    op.create_table('measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.create_index('uq_measurement', ['indicator_id', 'year', 'period'], unique=True)

    op.create_table('movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount', sa.String(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('counterparty', sa.String(), nullable=False),
    sa.Column('document_ref', sa.String(), nullable=False),
    sa.Column('account', sa.String(), nullable=False),
    sa.Column('fee_year', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['budget_category.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.create_index('ix_movement_category', ['category_id'], unique=False)
        batch_op.create_index('ix_movement_date', ['date'], unique=False)
        batch_op.create_index('ix_movement_member_fee', ['member_id', 'fee_year'], unique=False)

    op.create_table('planned_amount',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['budget_category.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('planned_amount', schema=None) as batch_op:
        batch_op.create_index('uq_planned_amount', ['year', 'category_id'], unique=True)

    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicator_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_objective_indicator', 'indicator', ['indicator_id'], ['id'], ondelete='SET NULL')
    _seed_defaults()



def downgrade() -> None:
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.drop_constraint('fk_objective_indicator', type_='foreignkey')
        batch_op.drop_column('indicator_id')

    with op.batch_alter_table('planned_amount', schema=None) as batch_op:
        batch_op.drop_index('uq_planned_amount')

    op.drop_table('planned_amount')
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.drop_index('ix_movement_member_fee')
        batch_op.drop_index('ix_movement_date')
        batch_op.drop_index('ix_movement_category')

    op.drop_table('movement')
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_index('uq_measurement')

    op.drop_table('measurement')
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.drop_index('uq_indicator_target')

    op.drop_table('indicator_target')
    with op.batch_alter_table('fee_override', schema=None) as batch_op:
        batch_op.drop_index('uq_fee_override')

    op.drop_table('fee_override')
    op.drop_table('investment')
    op.drop_table('indicator')
    op.drop_table('financial_year')
    with op.batch_alter_table('budget_category', schema=None) as batch_op:
        batch_op.drop_index('ix_budget_category_parent')

    op.drop_table('budget_category')


def _seed_defaults() -> None:
    """Every district starts with Modello D's categories and the toolkit's indicators.

    The defaults come from `desdesk.domain.budget_defaults` as they are when the file
    reaches this revision: a new file gets the current ones, an older file the same.
    """
    bind = op.get_bind()
    category = sa.table(
        'budget_category',
        *(sa.column(name) for name in (
            'id', 'parent_id', 'code', 'name', 'section', 'flow', 'position',
            'structure_cost', 'default_source', 'role',
        )),
    )
    for position, section in enumerate(MODELLO_D):
        root_id = bind.execute(
            category.insert().values(
                code=section.code, name=section.name, section=section.section.value,
                flow=section.flow.value, position=position,
                structure_cost=section.structure_cost, default_source=None, role=None,
            )
        ).lastrowid
        for child_position, child in enumerate(section.children):
            bind.execute(
                category.insert().values(
                    parent_id=root_id, code=child.code, name=child.name,
                    section=section.section.value, flow=section.flow.value,
                    position=child_position, structure_cost=False,
                    default_source=child.source.value if child.source else None,
                    role=child.role,
                )
            )
    indicator = sa.table(
        'indicator',
        *(sa.column(name) for name in (
            'area', 'name', 'frequency', 'responsible', 'data_source', 'unit', 'metric',
            'description', 'position',
        )),
    )
    bind.execute(indicator.insert(), [
        {
            'area': d.area, 'name': d.name, 'frequency': d.frequency.value,
            'responsible': d.responsible, 'data_source': d.data_source, 'unit': d.unit.value,
            'metric': d.metric.value if d.metric else None, 'description': '',
            'position': position,
        }
        for position, d in enumerate(DEFAULT_INDICATORS)
    ])
