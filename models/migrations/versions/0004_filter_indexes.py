"""Covering indexes for the dashboard's single filters: the outcome and document type indexes of ``decision``
carry the year, and ``measure_fact`` gets one index led by each of category, outcome and document type, so a
filtered view reads only the matching entries instead of every fact.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_FACT_COLS = {
    "ix_fact_category": ["category", "visible", "municipality_id", "year", "direction", "outcome", "document_type",
                         "decision_id"],
    "ix_fact_outcome": ["visible", "outcome", "municipality_id", "category", "year", "direction", "document_type",
                        "decision_id"],
    "ix_fact_type": ["visible", "document_type", "municipality_id", "category", "year", "direction", "outcome",
                     "decision_id"],
}


def upgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_outcome_published')
        batch_op.drop_index('ix_decision_type_published')
        batch_op.create_index('ix_decision_outcome_published', ['outcome', 'review_status', 'relevant', 'deleted_at',
                                                                'municipality_id', 'year'], unique=False)
        batch_op.create_index('ix_decision_type_published', ['document_type', 'review_status', 'relevant',
                                                             'deleted_at', 'municipality_id', 'year'], unique=False)
    with op.batch_alter_table('measure_fact', schema=None) as batch_op:
        batch_op.drop_index('ix_fact_category')
        for name, cols in _FACT_COLS.items():
            batch_op.create_index(name, cols, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('measure_fact', schema=None) as batch_op:
        for name in _FACT_COLS:
            batch_op.drop_index(name)
        batch_op.create_index('ix_fact_category', ['category', 'visible'], unique=False)
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_outcome_published')
        batch_op.drop_index('ix_decision_type_published')
        batch_op.create_index('ix_decision_outcome_published', ['outcome', 'review_status', 'relevant', 'deleted_at',
                                                                'municipality_id'], unique=False)
        batch_op.create_index('ix_decision_type_published', ['document_type', 'review_status', 'relevant',
                                                             'deleted_at', 'municipality_id'], unique=False)
