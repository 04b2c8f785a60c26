"""Schema migrations (Alembic) on SQLite and PostgreSQL: a database of the first schema, with data in it,
is upgraded to the current schema without losing anything, and the migrations end where the models are."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from models import Decision, Document, Measure, init_db, make_engine, schema


def _first_schema_with_data(engine) -> None:
    schema.upgrade(engine, "0001")
    now = dt.datetime(2023, 1, 1, 12, 0)
    with engine.begin() as c:
        c.execute(text("INSERT INTO municipality (id, name, level, country) VALUES (1, 'Dortmund', 'municipality', 'DE')"))
        c.execute(text("INSERT INTO document (id, sha256, file_name, size, uploaded_at) "
                       "VALUES (1, :sha, 'vorlage.pdf', 1234, :now)"), {"sha": "a" * 64, "now": now})
        c.execute(text(
            "INSERT INTO decision (id, uid, municipality_id, document_id, title, title_is_placeholder, date_precision, "
            "year, outcome, relevant, review_status, origin, created_at, decision_date) VALUES (1, 'DO-1', 1, 1, "
            "'Koordinierungsstelle', :f, 'day', 2022, 'adopted', :t, 'published', 'upload', :now, :d)"),
            {"f": False, "t": True, "now": now, "d": dt.date(2022, 12, 15)})
        c.execute(text("INSERT INTO measure (id, decision_id, category, direction, evidence, page) "
                       "VALUES (1, 1, 'coordination_office', 'advances', 'Zitat', 2)"))


def _diff(engine) -> list:
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # the full-text search tables are made by ratsradar.search, not by the models
    def made_by_search(d) -> bool:
        name = str(getattr(d[1], "name", d[1])).lower()
        return d[0] in ("remove_table", "remove_index") and ("fts" in name or "fulltext" in name)

    return [d for d in diffs if not made_by_search(d)]


def test_upgrade_from_first_schema_keeps_data(db_url):
    engine = make_engine(db_url)
    _first_schema_with_data(engine)
    assert schema.current_revision(engine) == "0001"
    assert "app_user" not in inspect(engine).get_table_names()

    init_db(engine)  # what the app and the CLI do at start

    assert schema.current_revision(engine) == schema.head_revision()
    with Session(engine) as s:
        dec = s.exec(select(Decision)).one()
        assert (dec.uid, dec.title, dec.decision_date, dec.deleted_at) == (
            "DO-1", "Koordinierungsstelle", dt.date(2022, 12, 15), None)
        assert s.exec(select(Measure)).one().evidence == "Zitat"
        assert s.exec(select(Document)).one().uploaded_by_user_id is None
    assert {"app_user", "oparlobject", "decision_link", "implementation_event"} <= set(inspect(engine).get_table_names())
    with engine.connect() as c:  # 0006 counted the measure of the decision made before the column existed
        assert c.execute(text("SELECT measure_count FROM decision")).scalar_one() == 1
        if engine.dialect.name == "postgresql":  # and PostgreSQL was vacuumed afterwards (index-only scans)
            assert c.execute(text("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                                  "WHERE relname = 'decision'")).scalar_one()
    engine.dispose()


def test_migrations_end_where_the_models_are(db_url):
    engine = make_engine(db_url)
    schema.upgrade(engine, "0001")
    schema.upgrade(engine)
    assert _diff(engine) == []
    engine.dispose()


def test_new_database_is_stamped_current(db_url):
    engine = make_engine(db_url)
    init_db(engine)
    assert schema.current_revision(engine) == schema.head_revision()
    assert _diff(engine) == []
    init_db(engine)  # idempotent
    engine.dispose()
