"""Bring a database to a usable state: tables created, the real seed decisions loaded once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from models import init_db, session_scope
from ratsradar.paths import SEED_FILE


def prepare(engine: Engine, *, seed: bool = True) -> int:
    """Create the tables and load the seed record where it is missing; returns the number of rows added.
    Also opens the gazetteer, so that the first upload does not wait for it (building its cache once takes
    a few seconds; afterwards it opens in milliseconds)."""
    from ratsradar import gazetteer

    gazetteer.warm()
    init_db(engine)
    if not seed or not SEED_FILE.exists():
        return 0
    from ratsradar.demo import has_synthetic

    if has_synthetic(engine):  # a benchmark database (``ratsradar seed-demo``) stays synthetic-only
        return 0
    from ratsradar.seed import load_seed

    from ratsradar.tracking import sync_related

    with session_scope(engine) as session:
        added = load_seed(session, SEED_FILE)
        sync_related(session)  # seed follow-ups (related_uid) become links; "implemented" ones record "done"
    from ratsradar.feeds import ensure_feeds

    ensure_feeds(engine)  # the Atom feeds exist from the first start on
    return added
