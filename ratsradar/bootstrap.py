"""Bring a database to a usable state: tables created, the real seed decisions loaded once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from models import init_db, session_scope
from ratsradar.paths import SEED_FILE


def prepare(engine: Engine, *, seed: bool = True) -> int:
    """Create the tables and load the seed record where it is missing; returns the number of rows added."""
    init_db(engine)
    if not seed or not SEED_FILE.exists():
        return 0
    from ratsradar.seed import load_seed

    with session_scope(engine) as session:
        return load_seed(session, SEED_FILE)
