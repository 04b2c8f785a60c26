"""The dashboard's fact table: each measure with its decision's filter columns, kept in step by triggers
(``models/facts.py``), filled from the existing measures; the per-place index of decisions covers the outcome
and document type filters.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from models import facts

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('measure_fact',
    sa.Column('measure_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('direction', sa.String(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('document_type', sa.String(), nullable=True),
    sa.Column('visible', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('measure_id')
    )
    with op.batch_alter_table('measure_fact', schema=None) as batch_op:
        batch_op.create_index('ix_fact_year', ['visible', 'year', 'category', 'direction', 'municipality_id',
                                               'outcome', 'document_type', 'decision_id'], unique=False)
        batch_op.create_index('ix_fact_place', ['visible', 'municipality_id', 'category', 'direction', 'year',
                                                'outcome', 'document_type', 'decision_id'], unique=False)
        batch_op.create_index('ix_fact_decision', ['decision_id', 'category'], unique=False)
        batch_op.create_index('ix_fact_category', ['category', 'visible'], unique=False)
    with op.batch_alter_table('decision', schema=None) as batch_op:
        # the per-place counts read this index alone, whatever the outcome and document type filters; the
        # (review_status, municipality_id) index misled SQLite's planner into row look-ups for them
        batch_op.drop_index('ix_decision_status_municipality')
        batch_op.drop_index('ix_decision_municipality_published')
        batch_op.create_index('ix_decision_municipality_published', ['municipality_id', 'review_status', 'relevant',
                                                                     'deleted_at', 'year', 'outcome', 'document_type'],
                              unique=False)
        batch_op.create_index('ix_decision_outcome_published', ['outcome', 'review_status', 'relevant', 'deleted_at',
                                                                'municipality_id'], unique=False)
        batch_op.create_index('ix_decision_type_published', ['document_type', 'review_status', 'relevant',
                                                             'deleted_at', 'municipality_id'], unique=False)
    conn = op.get_bind()
    facts.install(conn, counts=False)  # decision.measure_count comes with 0006
    facts.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for name in ("trg_fact_measure_insert", "trg_fact_measure_update", "trg_fact_measure_delete",
                     "trg_fact_decision_update", "trg_fact_decision_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_fact_measure ON measure")
        op.execute("DROP TRIGGER IF EXISTS trg_fact_decision ON decision")
        op.execute("DROP FUNCTION IF EXISTS rr_fact_measure()")
        op.execute("DROP FUNCTION IF EXISTS rr_fact_decision()")
    op.drop_table('measure_fact')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_type_published')
        batch_op.drop_index('ix_decision_outcome_published')
        batch_op.drop_index('ix_decision_municipality_published')
        batch_op.create_index('ix_decision_municipality_published', ['municipality_id', 'review_status', 'relevant',
                                                                     'deleted_at', 'year'], unique=False)
        batch_op.create_index('ix_decision_status_municipality', ['review_status', 'municipality_id'], unique=False)
