"""The first schema of Ratsradar: municipalities, documents, decisions, measures, sources, audit entries.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditentry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_entity_id'), ['entity_id'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('text_source', sa.String(), nullable=True),
    sa.Column('stored_path', sa.String(), nullable=True),
    sa.Column('source_url', sa.String(), nullable=True),
    sa.Column('licence', sa.String(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by', sa.String(), nullable=True),
    sa.Column('extraction_json', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_sha256'), ['sha256'], unique=True)

    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('level', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('ags', sa.String(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'country', 'level', name='uq_municipality_name_country_level')
    )
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_state'), ['state'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('item_number', sa.Integer(), nullable=True),
    sa.Column('body', sa.String(), nullable=True),
    sa.Column('reference', sa.String(), nullable=True),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('title_is_placeholder', sa.Boolean(), nullable=False),
    sa.Column('document_type', sa.String(), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('votes_yes', sa.Integer(), nullable=True),
    sa.Column('votes_no', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.Column('votes_text', sa.String(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('relevant', sa.Boolean(), nullable=False),
    sa.Column('review_status', sa.String(), nullable=False),
    sa.Column('implementation_status', sa.String(), nullable=True),
    sa.Column('related_uid', sa.String(), nullable=True),
    sa.Column('origin', sa.String(), nullable=False),
    sa.Column('extraction_method', sa.String(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('weak_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_decision_date'), ['decision_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_document_type'), ['document_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_review_status'), ['review_status'], unique=False)
        batch_op.create_index('ix_decision_status_municipality', ['review_status', 'municipality_id'], unique=False)
        batch_op.create_index('ix_decision_status_year', ['review_status', 'year'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_uid'), ['uid'], unique=True)
        batch_op.create_index(batch_op.f('ix_decision_year'), ['year'], unique=False)

    op.create_table('decisionsource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decisionsource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisionsource_decision_id'), ['decision_id'], unique=False)

    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('direction', sa.String(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('extraction_method', sa.String(), nullable=True),
    sa.Column('reviewed_by', sa.String(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_category'), ['category'], unique=False)
        batch_op.create_index('ix_measure_category_decision', ['category', 'decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_decision_id'), ['decision_id'], unique=False)



def downgrade() -> None:
    for table in ("auditentry", "decisionsource", "measure", "decision", "document", "municipality"):
        op.drop_table(table)
