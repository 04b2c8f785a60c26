"""Measures by year and category under an outcome or document type filter: ``measure_fact`` gets an index led
by each of outcome and document type and then ordered by year, category and direction, so the dashboard's
"measures by year" reads the matching facts in its grouping order (before: every fact, in year order).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COLS = {
    "ix_fact_outcome_year": ["visible", "outcome", "year", "category", "direction"],
    "ix_fact_type_year": ["visible", "document_type", "year", "category", "direction"],
}


def upgrade() -> None:
    with op.batch_alter_table('measure_fact', schema=None) as batch_op:
        for name, cols in _COLS.items():
            batch_op.create_index(name, cols, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('measure_fact', schema=None) as batch_op:
        for name in _COLS:
            batch_op.drop_index(name)
