"""Keep ``measure_fact`` (``models.tables.MeasureFact``) in step with ``measure`` and ``decision``.

The table is derived: every measure with the filter columns of its decision and whether that decision is
visible on the public pages (published, relevant, not deleted, with a place). Triggers in the database do the
work, so every writer is covered (the app's ORM, bulk inserts of ``seed-demo``, restores, migrations):

- a measure inserted, changed or deleted -> its fact row is written again or removed;
- a decision's place, year, outcome, document type, review state, relevance or deletion changed -> the fact
  rows of its measures take the new values; a decision deleted -> its fact rows go.

Likewise ``decision.measure_count``, the number of measures of each decision (a measure inserted, deleted or
moved to another decision -> the counts of its decisions follow), so that the dashboard counts measures per
place in the same pass as the decisions.

``install(conn)`` creates the triggers (idempotent); ``rebuild(conn)`` fills the table from scratch (for a
database that had measures before the table existed), ``recount(conn)`` the counts. SQLite and PostgreSQL
(PL/pgSQL) are supported.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

COLUMNS = ("measure_id, decision_id, category, direction, municipality_id, year, outcome, document_type, "
           "visible")


def _visible(d: str, true: str) -> str:
    return (f"({d}.review_status = 'published' AND {d}.relevant = {true} AND {d}.deleted_at IS NULL "
            f"AND {d}.municipality_id IS NOT NULL)")


def _select(m: str, true: str) -> str:
    """The fact row of measure ``m`` (a row alias such as NEW), read from its decision."""
    return (f"SELECT {m}.id, {m}.decision_id, {m}.category, {m}.direction, d.municipality_id, d.year, d.outcome, "
            f"d.document_type, {_visible('d', true)} FROM decision d WHERE d.id = {m}.decision_id")


DECISION_COLUMNS = "municipality_id, year, outcome, document_type, review_status, relevant, deleted_at"


def _update_from(new: str, true: str) -> str:
    return (f"UPDATE measure_fact SET municipality_id = {new}.municipality_id, year = {new}.year, "
            f"outcome = {new}.outcome, document_type = {new}.document_type, visible = {_visible(new, true)} "
            f"WHERE decision_id = {new}.id")


SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS trg_fact_measure_insert AFTER INSERT ON measure BEGIN "
    f"INSERT INTO measure_fact ({COLUMNS}) {_select('NEW', '1')}; END",
    "CREATE TRIGGER IF NOT EXISTS trg_fact_measure_update AFTER UPDATE OF decision_id, category, direction, id "
    "ON measure BEGIN DELETE FROM measure_fact WHERE measure_id = OLD.id; "
    f"INSERT INTO measure_fact ({COLUMNS}) {_select('NEW', '1')}; END",
    "CREATE TRIGGER IF NOT EXISTS trg_fact_measure_delete AFTER DELETE ON measure BEGIN "
    "DELETE FROM measure_fact WHERE measure_id = OLD.id; END",
    f"CREATE TRIGGER IF NOT EXISTS trg_fact_decision_update AFTER UPDATE OF {DECISION_COLUMNS} ON decision "
    f"BEGIN {_update_from('NEW', '1')}; END",
    "CREATE TRIGGER IF NOT EXISTS trg_fact_decision_delete AFTER DELETE ON decision BEGIN "
    "DELETE FROM measure_fact WHERE decision_id = OLD.id; END",
]

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION rr_fact_measure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM measure_fact WHERE measure_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO measure_fact ({COLUMNS}) {_select('NEW', 'true')};
  END IF;
  RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION rr_fact_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM measure_fact WHERE decision_id = OLD.id;
  ELSE
    {_update_from('NEW', 'true')};
  END IF;
  RETURN NULL;
END $$""",
    "DROP TRIGGER IF EXISTS trg_fact_measure ON measure",
    "CREATE TRIGGER trg_fact_measure AFTER INSERT OR DELETE OR UPDATE OF decision_id, category, direction, id "
    "ON measure FOR EACH ROW EXECUTE FUNCTION rr_fact_measure()",
    "DROP TRIGGER IF EXISTS trg_fact_decision ON decision",
    f"CREATE TRIGGER trg_fact_decision AFTER DELETE OR UPDATE OF {DECISION_COLUMNS} ON decision "
    "FOR EACH ROW EXECUTE FUNCTION rr_fact_decision()",
]


COUNTS_SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS trg_count_measure_insert AFTER INSERT ON measure BEGIN "
    "UPDATE decision SET measure_count = measure_count + 1 WHERE id = NEW.decision_id; END",
    "CREATE TRIGGER IF NOT EXISTS trg_count_measure_delete AFTER DELETE ON measure BEGIN "
    "UPDATE decision SET measure_count = measure_count - 1 WHERE id = OLD.decision_id; END",
    "CREATE TRIGGER IF NOT EXISTS trg_count_measure_move AFTER UPDATE OF decision_id ON measure "
    "WHEN OLD.decision_id IS NOT NEW.decision_id BEGIN "
    "UPDATE decision SET measure_count = measure_count - 1 WHERE id = OLD.decision_id; "
    "UPDATE decision SET measure_count = measure_count + 1 WHERE id = NEW.decision_id; END",
]

COUNTS_POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION rr_count_measure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.decision_id IS NOT DISTINCT FROM NEW.decision_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE decision SET measure_count = measure_count - 1 WHERE id = OLD.decision_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE decision SET measure_count = measure_count + 1 WHERE id = NEW.decision_id;
  END IF;
  RETURN NULL;
END $$""",
    "DROP TRIGGER IF EXISTS trg_count_measure ON measure",
    "CREATE TRIGGER trg_count_measure AFTER INSERT OR DELETE OR UPDATE OF decision_id ON measure "
    "FOR EACH ROW EXECUTE FUNCTION rr_count_measure()",
]


def _statements(conn: Connection, counts: bool) -> list[str]:
    name = conn.dialect.name
    if name == "sqlite":
        return SQLITE + (COUNTS_SQLITE if counts else [])
    if name == "postgresql":
        return POSTGRESQL + (COUNTS_POSTGRESQL if counts else [])
    raise NotImplementedError(f"measure_fact triggers for {name}")


def install(conn: Connection, *, counts: bool = True) -> None:
    """Create the triggers that keep ``measure_fact`` and (``counts``) ``decision.measure_count`` in step
    (idempotent). ``counts=False`` for a database from before the column (migration 0003)."""
    for statement in _statements(conn, counts):
        conn.execute(text(statement))


def recount(conn: Connection) -> None:
    """Set every decision's ``measure_count`` from its measures."""
    conn.execute(text("UPDATE decision SET measure_count = "
                      "(SELECT count(*) FROM measure WHERE measure.decision_id = decision.id)"))


def rebuild(conn: Connection) -> int:
    """Fill ``measure_fact`` from ``measure`` and ``decision`` anew; returns the number of rows."""
    true = "1" if conn.dialect.name == "sqlite" else "true"
    conn.execute(text("DELETE FROM measure_fact"))
    conn.execute(text(f"INSERT INTO measure_fact ({COLUMNS}) "
                      f"SELECT m.id, m.decision_id, m.category, m.direction, d.municipality_id, d.year, d.outcome, "
                      f"d.document_type, {_visible('d', true)} FROM measure m JOIN decision d ON d.id = m.decision_id"))
    return int(conn.execute(text("SELECT count(*) FROM measure_fact")).scalar_one())
