"""Accounts, OParl provenance, implementation tracking and decision links, soft delete, the uploader's
account, and the indexes of the published-record queries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(), nullable=True),
    sa.Column('oidc_subject', sa.String(), nullable=True),
    sa.Column('email', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_app_user_oidc_subject'), ['oidc_subject'], unique=False)
        batch_op.create_index(batch_op.f('ix_app_user_username'), ['username'], unique=True)

    op.create_table('oparlobject',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('oparl_id', sa.String(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('body', sa.String(), nullable=True),
    sa.Column('paper', sa.String(), nullable=True),
    sa.Column('modified', sa.String(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('web', sa.String(), nullable=True),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('sha256', sa.String(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('synced_at', sa.DateTime(), nullable=True),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('oparlobject', schema=None) as batch_op:
        batch_op.create_index('ix_oparlobject_body_type', ['body', 'type'], unique=False)
        batch_op.create_index(batch_op.f('ix_oparlobject_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oparlobject_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oparlobject_oparl_id'), ['oparl_id'], unique=True)

    op.create_table('decision_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_decision_id', sa.Integer(), nullable=False),
    sa.Column('to_decision_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['from_decision_id'], ['decision.id'], ),
    sa.ForeignKeyConstraint(['to_decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('from_decision_id', 'to_decision_id', 'kind', name='uq_decision_link')
    )
    with op.batch_alter_table('decision_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_link_from_decision_id'), ['from_decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_link_to_decision_id'), ['to_decision_id'], unique=False)

    op.create_table('implementation_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('evidence_url', sa.String(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('implementation_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_implementation_event_decision_id'), ['decision_id'], unique=False)

    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('deleted_by', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_decision_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index('ix_decision_municipality_published', ['municipality_id', 'review_status', 'relevant', 'deleted_at', 'year'], unique=False)
        batch_op.create_index('ix_decision_origin', ['origin'], unique=False)
        batch_op.create_index('ix_decision_published', ['review_status', 'relevant', 'deleted_at', 'year', 'municipality_id', 'outcome', 'document_type'], unique=False)
        batch_op.create_index('ix_decision_published_date', ['review_status', 'relevant', 'deleted_at', 'decision_date'], unique=False)

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uploaded_by_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_document_uploaded_by_user_id'), ['uploaded_by_user_id'], unique=False)

    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index('ix_measure_decision_cover', ['decision_id', 'category', 'direction'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index('ix_measure_decision_cover')

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_uploaded_by_user_id'))
        batch_op.drop_column('uploaded_by_user_id')

    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_published_date')
        batch_op.drop_index('ix_decision_published')
        batch_op.drop_index('ix_decision_origin')
        batch_op.drop_index('ix_decision_municipality_published')
        batch_op.drop_index(batch_op.f('ix_decision_deleted_at'))
        batch_op.drop_column('deleted_by')
        batch_op.drop_column('deleted_at')

    with op.batch_alter_table('implementation_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_implementation_event_decision_id'))

    op.drop_table('implementation_event')
    with op.batch_alter_table('decision_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_link_to_decision_id'))
        batch_op.drop_index(batch_op.f('ix_decision_link_from_decision_id'))

    op.drop_table('decision_link')
    with op.batch_alter_table('oparlobject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oparlobject_oparl_id'))
        batch_op.drop_index(batch_op.f('ix_oparlobject_document_id'))
        batch_op.drop_index(batch_op.f('ix_oparlobject_decision_id'))
        batch_op.drop_index('ix_oparlobject_body_type')

    op.drop_table('oparlobject')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_username'))
        batch_op.drop_index(batch_op.f('ix_app_user_oidc_subject'))
        batch_op.drop_index(batch_op.f('ix_app_user_email'))

    op.drop_table('app_user')
