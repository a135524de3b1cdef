"""Documents: the archive of generated and approved PDFs, the agreement template and the
outbox of e-mails to the Centro.

Revision ID: 0006_documents
Revises: 0005_check
Create Date: 2026-11-26 09:55:35.392816
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006_documents'
down_revision: str | None = '0005_check'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seat', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('comune', sa.String(), nullable=False, server_default=''))
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('legal_representative', sa.String(), nullable=False, server_default='')
        )
    op.create_table('archived_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('params', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('approved_by', sa.String(), nullable=False),
    sa.Column('approver_office', sa.String(), nullable=False),
    sa.Column('content_sha256', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('signed_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('signed_sha256', sa.String(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signers', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('archived_document', schema=None) as batch_op:
        batch_op.create_index('ix_archived_document_kind_subject', ['kind', 'subject'], unique=False)
        batch_op.create_index('ix_archived_document_sha256', ['sha256'], unique=False)
        batch_op.create_index('ix_archived_document_signed_sha256', ['signed_sha256'], unique=False)
        batch_op.create_index('ux_archived_document_revision', ['kind', 'subject', 'revision'], unique=True)

    op.create_table('document_template',
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('kind')
    )
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(), nullable=False),
    sa.Column('recipient', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.String(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_id')
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_status', ['status'], unique=False)

    op.create_table('signed_copy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('signer', sa.String(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['archived_document.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signed_copy', schema=None) as batch_op:
        batch_op.create_index('ix_signed_copy_sha256', ['sha256'], unique=False)

    op.create_table('outbox_attachment',
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('file_name', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['document_id'], ['archived_document.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_id', 'document_id')
    )


def downgrade() -> None:
    op.drop_table('outbox_attachment')
    op.drop_table('signed_copy')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_status')

    op.drop_table('outbox_message')
    op.drop_table('document_template')
    with op.batch_alter_table('archived_document', schema=None) as batch_op:
        batch_op.drop_index('ux_archived_document_revision')
        batch_op.drop_index('ix_archived_document_signed_sha256')
        batch_op.drop_index('ix_archived_document_sha256')
        batch_op.drop_index('ix_archived_document_kind_subject')

    op.drop_table('archived_document')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('legal_representative')
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_column('comune')
        batch_op.drop_column('seat')
