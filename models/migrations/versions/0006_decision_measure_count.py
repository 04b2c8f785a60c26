"""``decision.measure_count``: how many measures each decision has, kept by triggers (``models/facts.py``) and
carried by the covering indexes of the published decisions, so that the dashboard counts measures per place in
its one pass over the decisions instead of a second pass over every measure.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from models import facts

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BASE = {
    "ix_decision_published": ["review_status", "relevant", "deleted_at", "year", "municipality_id", "outcome",
                              "document_type"],
    "ix_decision_municipality_published": ["municipality_id", "review_status", "relevant", "deleted_at", "year",
                                           "outcome", "document_type"],
    "ix_decision_outcome_published": ["outcome", "review_status", "relevant", "deleted_at", "municipality_id",
                                      "year"],
    "ix_decision_type_published": ["document_type", "review_status", "relevant", "deleted_at", "municipality_id",
                                   "year"],
}


def upgrade() -> None:
    for name in _BASE:
        op.drop_index(name, table_name="decision")
    op.add_column("decision", sa.Column("measure_count", sa.Integer(), server_default="0", nullable=False))
    conn = op.get_bind()
    facts.recount(conn)  # before the indexes that carry the count are made
    for name, cols in _BASE.items():
        op.create_index(name, "decision", [*cols, "measure_count"], unique=False)
    facts.install(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for trigger in ("trg_count_measure_insert", "trg_count_measure_delete", "trg_count_measure_move"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_count_measure ON measure")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS rr_count_measure()")
    for name, cols in _BASE.items():
        op.drop_index(name, table_name="decision")
        op.create_index(name, "decision", cols, unique=False)
    conn.exec_driver_sql("ALTER TABLE decision DROP COLUMN measure_count")  # SQLite 3.35+: in place, triggers kept
