"""History: a change log filled by triggers on every table holding the district's data,
and the one row naming who is making the changes.

Revision ID: 0007_history
Revises: 0006_documents
Create Date: 2026-11-26 10:45:00.000000

The column lists below are frozen (as 0004 freezes its seed rows): a later migration
that adds a column to one of these tables must drop and recreate that table's triggers
with the new list (tests/unit/test_migration_0007.py compares them with the schema).
Binary columns (PDFs, attached files) are left out. `record_id` is the table's integer
`id`, except financial_year (its `year`) and document_template (keyed by its kind, a
text: its SQLite rowid; the JSON names the kind). outbox_attachment, a mere link of a
message to archived documents, is not logged (its message is).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desdesk.db.audit import drop_statements, trigger_statements

revision: str = '0007_history'
down_revision: str | None = '0006_documents'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, key, logged columns) as the schema is at this revision.
AUDITED_TABLES: list[tuple[str, str, tuple[str, ...]]] = [
    ('agenda_item', 'id', (
        'id', 'assembly_id', 'position', 'title', 'description', 'proposer',
    )),
    ('archived_document', 'id', (
        'id', 'kind', 'subject', 'title', 'year', 'params', 'created_at', 'revision',
        'approved_on', 'approved_by', 'approver_office', 'content_sha256', 'sha256', 'size',
        'signed_sha256', 'signed_at', 'signers',
    )),
    ('assembly', 'id', (
        'id', 'kind', 'open_to_public', 'status', 'title', 'first_call_date',
        'first_call_time', 'second_call_date', 'second_call_time', 'place', 'remote_link',
        'convened_on', 'convened_via', 'call_held', 'started_at', 'ended_at', 'notes',
    )),
    ('attendance', 'id', (
        'id', 'assembly_id', 'member_id', 'status', 'proxy_holder_id',
    )),
    ('budget_category', 'id', (
        'id', 'parent_id', 'code', 'name', 'section', 'flow', 'position', 'structure_cost',
        'default_source', 'role',
    )),
    ('district', 'id', (
        'id', 'name', 'kind', 'territory', 'sector', 'founding_date', 'mission', 'description',
        'updated_at', 'notice_days', 'first_call_quorum_percent', 'second_call_quorum_minimum',
        'proxies_per_member', 'exclusion_threshold', 'uid', 'governance', 'business_plan',
        'participation_threshold_percent', 'public_share_warning_percent',
        'structure_cost_target_percent', 'office_notice_days', 'office_min_years',
        'report_deadline_month', 'report_deadline_day', 'seat', 'comune',
    )),
    ('document_template', 'rowid', (
        'kind', 'body', 'updated_at',
    )),
    ('fee_override', 'id', (
        'id', 'member_id', 'year', 'amount', 'due_on', 'reason',
    )),
    ('financial_year', 'year', (
        'year', 'opening_cash', 'opening_bank', 'default_fee', 'fee_due_on', 'closed', 'notes',
        'carry_openings',
    )),
    ('founding_document', 'id', (
        'id', 'kind', 'title', 'document_date', 'approved', 'filename', 'mime_type', 'size',
        'sha256', 'valid_until',
    )),
    ('growth_action', 'id', (
        'id', 'day', 'description', 'outcome', 'member_id',
    )),
    ('guest', 'id', (
        'id', 'assembly_id', 'name', 'organisation',
    )),
    ('indicator', 'id', (
        'id', 'area', 'name', 'frequency', 'responsible', 'data_source', 'unit', 'metric',
        'description', 'position', 'retired_on',
    )),
    ('indicator_target', 'id', (
        'id', 'indicator_id', 'year', 'value',
    )),
    ('investment', 'id', (
        'id', 'description', 'amount', 'year', 'source', 'notes',
    )),
    ('measurement', 'id', (
        'id', 'indicator_id', 'year', 'period', 'value', 'note', 'recorded_on',
    )),
    ('member', 'id', (
        'id', 'name', 'legal_form', 'nature_override', 'nature_override_reason', 'tax_code',
        'vat_number', 'address', 'comune', 'provincia', 'cap', 'email', 'pec', 'phone',
        'website', 'aes_subscriber', 'disciplinari', 'supply_chain_roles', 'joined_on',
        'left_on', 'leave_reason', 'notes', 'created_at', 'updated_at', 'legal_representative',
    )),
    ('minutes', 'id', (
        'id', 'assembly_id', 'revision', 'previous_id', 'correction_reason', 'call_held',
        'deserted', 'president', 'secretary', 'how_convened', 'opening_notes', 'closing_notes',
        'approved_on', 'snapshot',
    )),
    ('minutes_item', 'id', (
        'id', 'minutes_id', 'position', 'title', 'discussion', 'resolution', 'votes_for',
        'votes_against', 'votes_abstained', 'required_majority_percent',
    )),
    ('movement', 'id', (
        'id', 'date', 'amount', 'category_id', 'description', 'source', 'member_id',
        'counterparty', 'document_ref', 'account', 'fee_year', 'created_at',
    )),
    ('objective', 'id', (
        'id', 'title', 'description', 'tools', 'method', 'member_roles', 'target_value',
        'target_unit', 'deadline', 'status', 'indicator_id',
    )),
    ('office', 'id', (
        'id', 'kind', 'title', 'person_name', 'member_id', 'start_date', 'end_date', 'notes',
    )),
    ('outbox_message', 'id', (
        'id', 'message_id', 'recipient', 'subject', 'body', 'created_at', 'status', 'attempts',
        'last_attempt_at', 'last_error', 'sent_at',
    )),
    ('planned_amount', 'id', (
        'id', 'year', 'category_id', 'amount',
    )),
    ('referent', 'id', (
        'id', 'member_id', 'kind', 'first_name', 'last_name', 'email', 'phone', 'role',
        'start_date', 'end_date',
    )),
    ('signed_copy', 'id', (
        'id', 'document_id', 'sha256', 'signer', 'signed_at',
    )),
    ('task', 'id', (
        'id', 'member_id', 'assembly_id', 'minutes_item_id', 'description', 'due_date',
        'status', 'done_on', 'checked_assembly_id',
    )),
    ('transfer', 'id', (
        'id', 'date', 'amount', 'from_account', 'to_account', 'description', 'document_ref',
        'created_at',
    )),
]


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('actor', sa.String(), nullable=False, server_default=''),
    sa.Column('os_user', sa.String(), nullable=False, server_default=''),
    sa.Column('table_name', sa.String(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('before', sa.String(), nullable=True),
    sa.Column('after', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_record', ['table_name', 'record_id'], unique=False)
        batch_op.create_index('ix_change_log_at', ['at'], unique=False)

    op.create_table('audit_actor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(), nullable=False, server_default=''),
    sa.Column('os_user', sa.String(), nullable=False, server_default=''),
    sa.Column('enabled', sa.Integer(), nullable=False, server_default='1'),
    sa.CheckConstraint('id = 1', name='ck_audit_actor_one_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute("INSERT INTO audit_actor (id, actor, os_user, enabled) VALUES (1, '', '', 1)")
    for table, key, columns in AUDITED_TABLES:
        for statement in trigger_statements(table, columns, key, _dialect()):
            op.execute(statement)


def downgrade() -> None:
    for table, _key, _columns in AUDITED_TABLES:
        for statement in drop_statements(table, _dialect()):
            op.execute(statement)
    op.drop_table('audit_actor')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_at')
        batch_op.drop_index('ix_change_log_record')

    op.drop_table('change_log')


def _dialect() -> str:
    """sqlite for a district file, postgresql for a district on a server."""
    return op.get_bind().dialect.name
