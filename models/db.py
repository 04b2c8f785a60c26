"""Engine and session factory. ``DATABASE_URL`` (a SQLAlchemy URL) selects the database; the default is a
SQLite file in the ignored runtime folder under ``data/``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import models.tables  # noqa: F401  (registers the tables)
from ratsradar.paths import runtime_dir


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = runtime_dir() / "ratsradar.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA cache_size=-65536")  # up to 64 MB of pages per connection: the dashboard's scans stay in it
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (default: ``database_url()``)."""
    url = url or database_url()
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """The shared engine for ``url``; tables are created on first use."""
    engine = make_engine(url)
    init_db(engine)
    return engine


def init_db(engine: Engine) -> None:
    """Bring the database to the current schema: a new one is created from the models and stamped with the
    newest migration; an existing one is migrated with Alembic (``models/migrations``), keeping its data."""
    from models import schema

    schema.upgrade(engine)
    from ratsradar.search import ensure_index  # the full-text index (FTS5 / GIN), kept in step

    ensure_index(engine)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back as a whole on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
