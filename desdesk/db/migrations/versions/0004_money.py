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

revision: str = '0004_money'
down_revision: str | None = '0003_minutes_snapshot'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of Modello D as this revision seeds it (desdesk.domain.budget_defaults
# at the time): a later change of the defaults must not change what an upgrade writes.
# (code, name, section, flow, structure_cost, [(code, name, default_source, role)])
SEED_CATEGORIES: list[tuple[str, str, str, str, bool, list[tuple[str, str, str | None, str | None]]]] = [
    ('UA', 'A) Uscite da attività di interesse generale', 'A', 'uscita', False, [
        ('UA1', 'Materie prime, sussidiarie, di consumo e di merci', None, None),
        ('UA2', 'Servizi', None, None),
        ('UA3', 'Godimento beni di terzi', None, None),
        ('UA4', 'Personale', None, None),
        ('UA5', 'Uscite diverse di gestione', None, None),
    ]),
    ('UB', 'B) Uscite da attività diverse', 'B', 'uscita', False, [
        ('UB1', 'Materie prime, sussidiarie, di consumo e di merci', None, None),
        ('UB2', 'Servizi', None, None),
        ('UB3', 'Godimento beni di terzi', None, None),
        ('UB4', 'Personale', None, None),
        ('UB5', 'Uscite diverse di gestione', None, None),
    ]),
    ('UC', 'C) Uscite da attività di raccolta fondi', 'C', 'uscita', False, [
        ('UC1', 'Uscite per raccolte fondi abituali', None, None),
        ('UC2', 'Uscite per raccolte fondi occasionali', None, None),
        ('UC3', 'Altre uscite', None, None),
    ]),
    ('UD', 'D) Uscite da attività finanziarie e patrimoniali', 'D', 'uscita', False, [
        ('UD1', 'Su rapporti bancari', None, None),
        ('UD2', 'Su investimenti finanziari', None, None),
        ('UD3', 'Su patrimonio edilizio', None, None),
        ('UD4', 'Su altri beni patrimoniali', None, None),
        ('UD5', 'Altre uscite', None, None),
    ]),
    ('UE', 'E) Uscite di supporto generale', 'E', 'uscita', True, [
        ('UE1', 'Materie prime, sussidiarie, di consumo e di merci', None, None),
        ('UE2', 'Servizi', None, None),
        ('UE3', 'Godimento beni di terzi', None, None),
        ('UE4', 'Personale', None, None),
        ('UE5', 'Altre uscite', None, None),
    ]),
    ('EA', 'A) Entrate da attività di interesse generale', 'A', 'entrata', False, [
        ('EA1', 'Entrate da quote associative e apporti dei fondatori', 'quote_membri', 'quote_associative'),
        ('EA2', 'Entrate dagli associati per attività mutuali', 'quote_membri', None),
        ('EA3', 'Entrate per prestazioni e cessioni ad associati e fondatori', 'ricavi_vendite', None),
        ('EA4', 'Erogazioni liberali', 'erogazioni_liberali', None),
        ('EA5', 'Entrate del 5 per mille', 'ente_pubblico', None),
        ('EA6', 'Contributi da soggetti privati', 'soggetti_privati', None),
        ('EA7', 'Entrate per prestazioni e cessioni a terzi', 'ricavi_vendite', None),
        ('EA8', 'Contributi da enti pubblici', 'ente_pubblico', None),
        ('EA9', 'Entrate da contratti con enti pubblici', 'ente_pubblico', None),
        ('EA10', 'Altre entrate', 'altro', None),
    ]),
    ('EB', 'B) Entrate da attività diverse', 'B', 'entrata', False, [
        ('EB1', 'Entrate per prestazioni e cessioni ad associati e fondatori', 'ricavi_vendite', None),
        ('EB2', 'Contributi da soggetti privati', 'soggetti_privati', None),
        ('EB3', 'Entrate per prestazioni e cessioni a terzi', 'ricavi_vendite', None),
        ('EB4', 'Contributi da enti pubblici', 'ente_pubblico', None),
        ('EB5', 'Entrate da contratti con enti pubblici', 'ente_pubblico', None),
        ('EB6', 'Altre entrate', 'altro', None),
    ]),
    ('EC', 'C) Entrate da attività di raccolta fondi', 'C', 'entrata', False, [
        ('EC1', 'Entrate da raccolte fondi abituali', 'erogazioni_liberali', None),
        ('EC2', 'Entrate da raccolte fondi occasionali', 'crowdfunding', None),
        ('EC3', 'Altre entrate', 'altro', None),
    ]),
    ('ED', 'D) Entrate da attività finanziarie e patrimoniali', 'D', 'entrata', False, [
        ('ED1', 'Da rapporti bancari', 'altro', None),
        ('ED2', 'Da altri investimenti finanziari', 'altro', None),
        ('ED3', 'Da patrimonio edilizio', 'altro', None),
        ('ED4', 'Da altri beni patrimoniali', 'altro', None),
        ('ED5', 'Altre entrate', 'altro', None),
    ]),
    ('EE', 'E) Entrate di supporto generale', 'E', 'entrata', False, [
        ('EE1', 'Entrate da distacco del personale', 'altro', None),
        ('EE2', 'Altre entrate di supporto generale', 'altro', None),
    ]),
    ('IMP', 'Imposte', 'IMP', 'uscita', False, [
        ('IMP1', 'Imposte', None, None),
    ]),
    ('UI', 'Uscite da investimenti in immobilizzazioni o da deflussi di capitale di terzi', 'INV', 'uscita', False, [
        ('UI1', 'Investimenti in immobilizzazioni inerenti alle attività di interesse generale', None, None),
        ('UI2', 'Investimenti in immobilizzazioni inerenti alle attività diverse', None, None),
        ('UI3', 'Investimenti in attività finanziarie e patrimoniali', None, None),
        ('UI4', 'Rimborso di finanziamenti per quota capitale e di prestiti', None, None),
    ]),
    ('EI', 'Entrate da disinvestimenti in immobilizzazioni o da flussi di capitale di terzi', 'INV', 'entrata', False, [
        ('EI1', 'Disinvestimenti di immobilizzazioni inerenti alle attività di interesse generale', 'altro', None),
        ('EI2', 'Disinvestimenti di immobilizzazioni inerenti alle attività diverse', 'altro', None),
        ('EI3', 'Disinvestimenti di attività finanziarie e patrimoniali', 'altro', None),
        ('EI4', 'Ricevimento di finanziamenti e di prestiti', 'altro', None),
    ]),
]
# (area, name, frequency, responsible, data_source, unit, metric)
SEED_INDICATORS: list[tuple[str, str, str, str, str, str, str | None]] = [
    ('Efficacia delle attività', 'N./% progetti conclusi con obiettivi raggiunti', 'trimestrale', 'Responsabile progetti', 'Report di progetto', 'percentuale', None),
    ('Soddisfazione beneficiari', 'Punteggio medio questionari di gradimento', 'annuale', 'Ufficio monitoraggio', 'Questionari/interviste', 'punteggio', None),
    ('Efficienza economica', '% costi di struttura sul totale spese', 'annuale', 'Tesoriere', 'Bilancio consuntivo', 'percentuale', 'costi_struttura'),
    ('Raccolta fondi', '€ raccolti vs obiettivo', 'trimestrale', 'Responsabile fundraising', 'Report campagne', 'euro', 'fondi_raccolti'),
    ('Trasparenza e governance', '% documenti pubblicati (bilanci, statuti, verbali)', 'annuale', 'Segretario', 'Sito web / archivio', 'percentuale', 'documenti_approvati'),
    ('Coinvolgimento volontari', 'N. volontari attivi e ore donate', 'semestrale', 'Coordinatore volontari', 'Registro presenze', 'numero', None),
    ('Partnership e rete', 'N. accordi attivi con altre realtà', 'annuale', 'Direzione', 'Archivio convenzioni', 'numero', 'accordi_attivi'),
    ('Sostenibilità ambientale', '% rifiuti riciclati / CO2 risparmiata', 'annuale', 'Responsabile logistica', 'Report fornitori / rilevazioni interne', 'percentuale', None),
]


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
    sa.Column('carry_openings', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount', sa.String(), nullable=False),
    sa.Column('from_account', sa.String(), nullable=False),
    sa.Column('to_account', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('document_ref', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.create_index('ix_transfer_date', ['date'], unique=False)

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
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.drop_index('ix_transfer_date')

    op.drop_table('transfer')
    op.drop_table('investment')
    op.drop_table('indicator')
    op.drop_table('financial_year')
    with op.batch_alter_table('budget_category', schema=None) as batch_op:
        batch_op.drop_index('ix_budget_category_parent')

    op.drop_table('budget_category')


def _seed_defaults() -> None:
    """Every district starts with Modello D's categories and the toolkit's indicators,
    as frozen above (a new file and an upgraded one get the same rows)."""
    bind = op.get_bind()
    category = sa.table(
        'budget_category',
        *(sa.column(name) for name in (
            'id', 'parent_id', 'code', 'name', 'section', 'flow', 'position',
            'structure_cost', 'default_source', 'role',
        )),
    )
    for position, (code, name, section, flow, structure, children) in enumerate(
        SEED_CATEGORIES
    ):
        root = category.insert().values(
            code=code, name=name, section=section, flow=flow, position=position,
            structure_cost=structure, default_source=None, role=None,
        )
        if bind.dialect.name == 'postgresql':  # no lastrowid there
            root_id = bind.execute(root.returning(category.c.id)).scalar_one()
        else:
            root_id = bind.execute(root).lastrowid
        for child_position, (child_code, child_name, source, role) in enumerate(children):
            bind.execute(
                category.insert().values(
                    parent_id=root_id, code=child_code, name=child_name, section=section,
                    flow=flow, position=child_position, structure_cost=False,
                    default_source=source, role=role,
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
            'area': area, 'name': name, 'frequency': frequency, 'responsible': responsible,
            'data_source': data_source, 'unit': unit, 'metric': metric, 'description': '',
            'position': position,
        }
        for position, (area, name, frequency, responsible, data_source, unit, metric)
        in enumerate(SEED_INDICATORS)
    ])
