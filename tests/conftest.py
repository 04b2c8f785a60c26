"""Shared fixtures of the Ratsradar tests.

Isolation (autouse, every test)
    ``_isolate_runtime``: ``RATSRADAR_HOME`` points at a fresh per-test dir, ``DATABASE_URL`` is unset (so
    the default database is a SQLite file in that dir, never a developer's real one), the
    ``models.get_engine`` cache, the Streamlit caches and the login throttle's counts are cleared before and
    after the test.

Databases
    ``pg_server`` (session)  a :class:`tests.pgserver.PgServer`: one throwaway PostgreSQL server per
                             pytest(-xdist) worker, or the server of ``RATSRADAR_TEST_PG_URL``. Without
                             PostgreSQL binaries it skips, and fails under ``CI=true``.
    ``pg_url`` (session)     SQLAlchemy URL of that server's shared test database.
    ``db_url``               parametrised ``sqlite`` / ``postgres``: a SQLite file in ``tmp_path``, or a
                             fresh empty PostgreSQL database made for this test and dropped after it
                             (the ``postgres`` case carries the ``postgres`` marker: ``-m "not postgres"``).
    ``engine``               ``models.make_engine(db_url)`` with the tables created; disposed after.

A test that takes ``engine`` (or ``db_url``) runs once per backend, e.g. ``test_x[sqlite]`` and
``test_x[postgres]``. For code that uses the default engine, ``monkeypatch.setenv("DATABASE_URL", db_url)``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

import models
from tests import pgserver

try:  # the app's caches: cleared around every test when Streamlit is installed
    import streamlit as _st
except ImportError:  # pragma: no cover - streamlit is a runtime dependency
    _st = None
else:  # clearing outside `streamlit run` warns "No runtime found" each time: noise in failure reports
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _clear_caches() -> None:
    from ratsradar import auth

    models.get_engine.cache_clear()
    auth.reset_login_failures()  # the login throttle counts per server process
    if _st is not None:
        _st.cache_data.clear()
        _st.cache_resource.clear()


# --- isolation ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_cache() -> None:
    """Build the gazetteer's index once into the project's default cache (data/runtime/cache) before any test
    isolates its runtime folder: every test process and the app servers the tests start then read it
    instead of building it again (a fresh clone has no cache; building takes ~10 s)."""
    from ratsradar import gazetteer

    saved = os.environ.pop("RATSRADAR_HOME", None)
    try:
        gazetteer.warm()
    finally:
        if saved is not None:
            os.environ["RATSRADAR_HOME"] = saved


@pytest.fixture(autouse=True)
def _isolate_runtime(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Per-test runtime state: own ``RATSRADAR_HOME``, no ``DATABASE_URL``, empty engine/Streamlit caches."""
    home = tmp_path_factory.mktemp("ratsradar-home")
    monkeypatch.setenv("RATSRADAR_HOME", str(home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("RATSRADAR_FEEDS_DIR", str(home / "feeds"))  # Atom feeds never land in the repo's static/
    _clear_caches()
    yield
    _clear_caches()


# --- databases ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.PgServer]:
    """The PostgreSQL server of this worker (started on first use, stopped and removed at the end)."""
    try:
        server = pgserver.start_server()
    except pgserver.PostgresUnavailable as exc:
        if _in_ci():
            pytest.fail(f"PostgreSQL is required in CI (CI=true) but unavailable: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server: pgserver.PgServer) -> str:
    """SQLAlchemy URL (``postgresql+psycopg://…``) of the session's shared PostgreSQL test database."""
    return pg_server.url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database of each backend: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server: pgserver.PgServer = request.getfixturevalue("pg_server")  # started only when needed
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on ``db_url`` with all tables created."""
    eng = models.make_engine(db_url)
    try:
        models.init_db(eng)
        yield eng
    finally:
        eng.dispose()
