"""Schema migrations with Alembic: bring any Ratsradar database to the current schema, keeping its data.

``upgrade(engine)`` is what the app and the CLI call at start. A new database gets every migration from the
first schema on; a database made by an earlier release is upgraded in place. Add a migration for every change
to ``models/tables.py`` (``ratsradar migrate --autogenerate MESSAGE`` writes a draft to review).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables)
from models import facts

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest), in one transaction where the database
    allows it."""
    tables = set(inspect(engine).get_table_names())
    if "alembic_version" not in tables and "decision" in tables:
        # made by create_all before migrations existed: add what later versions added, then mark it
        from models.indexes import add_missing_indexes
        from models.upgrade import add_missing_columns

        SQLModel.metadata.create_all(engine)
        add_missing_columns(engine)
        add_missing_indexes(engine)
        with engine.begin() as conn:
            facts.install(conn)
            facts.rebuild(conn)
            facts.recount(conn)
            command.stamp(_config(conn), "head")
        return
    with engine.begin() as conn:
        cfg = _config(conn)
        if revision == "head" and "decision" not in tables:
            # a new database: the models' tables as they are now, marked as the newest migration
            SQLModel.metadata.create_all(conn)
            facts.install(conn)
            command.stamp(cfg, "head")
            return
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(cfg, revision)
        after = MigrationContext.configure(conn).get_current_revision()
    if before != after and engine.dialect.name == "postgresql":
        _vacuum_analyze(engine)


def _vacuum_analyze(engine: Engine) -> None:
    """After a migration that rewrote rows (such as 0006's counts): PostgreSQL's statistics and visibility map at
    once, not when autovacuum gets round to them (index-only scans need the map). Outside a transaction."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")


def autogenerate(engine: Engine, message: str) -> None:
    """Write a draft migration for the difference between the database and ``models/tables.py``."""
    with engine.begin() as conn:
        command.revision(_config(conn), message=message, autogenerate=True)
