"""Synthetic decisions for benchmarks only (``ratsradar seed-demo``); never part of the real record.

- Every row is marked: decisions have ``origin="synthetic"``, a uid ``SYN-…``, a title starting with
  ``[SYNTHETIC]``, ``created_by="seed-demo"``; their places are named ``Synthetic place …``.
- ``seed_demo`` refuses a database that holds real records (any document, or any decision that is not
  synthetic) unless ``force=True``; it works on an empty database or one with synthetic rows only.
- It replaces earlier synthetic rows, so the database then holds exactly ``n`` synthetic decisions;
  ``remove_demo`` deletes them all (and their places).
- ``bootstrap.prepare`` does not load the real seed into a database that holds synthetic rows, so a benchmark
  database stays synthetic-only.
- Rows are written with bulk inserts in one transaction (100,000 decisions in seconds); deterministic for a
  given ``seed``.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from models import AuditEntry, Decision, DecisionSource, Document, Measure, Municipality, session_scope
from models.tables import utcnow
from ratsradar.vocab import taxonomy

ORIGIN = "synthetic"
ACTOR = "seed-demo"
PLACE_PREFIX = "Synthetic place"
TITLE_PREFIX = "[SYNTHETIC]"
BATCH = 5000

_STATES = ["Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
           "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
           "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"]
_OUTCOMES = ["adopted"] * 6 + ["amended", "rejected", "deferred", "referred", "noted", "withdrawn"]
_TYPES = ["resolution"] * 3 + ["minutes"] * 3 + ["proposal", "motion", "report"]
_LEVELS = ["municipality"] * 8 + ["district", "state"]


class RealRecordsPresent(RuntimeError):
    """The database holds real records; synthetic rows would be mixed into them."""


def real_records(engine: Engine) -> int:
    """How many real rows (documents, and decisions that are not synthetic) the database holds."""
    with session_scope(engine) as s:
        docs = s.execute(select(func.count(col(Document.id)))).scalar_one()
        decs = s.execute(select(func.count(col(Decision.id))).where(col(Decision.origin) != ORIGIN)).scalar_one()
    return int(docs) + int(decs)


def has_synthetic(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return bool(s.execute(select(exists().where(col(Decision.origin) == ORIGIN))).scalar())


def remove_demo(engine: Engine) -> int:
    """Delete every synthetic decision with its measures and sources, and the synthetic places; returns how many
    decisions were removed."""
    with session_scope(engine) as s:
        ids = select(col(Decision.id)).where(col(Decision.origin) == ORIGIN)
        s.execute(delete(Measure).where(col(Measure.decision_id).in_(ids)))
        s.execute(delete(DecisionSource).where(col(DecisionSource.decision_id).in_(ids)))
        n = s.execute(delete(Decision).where(col(Decision.origin) == ORIGIN)).rowcount
        used = select(col(Decision.municipality_id)).where(col(Decision.municipality_id).is_not(None))
        s.execute(delete(Municipality).where(col(Municipality.name).like(f"{PLACE_PREFIX} %"),
                                             col(Municipality.id).not_in(used)))
    return int(n or 0)


def seed_demo(engine: Engine, n: int, *, force: bool = False, seed: int = 0, places: int | None = None) -> int:
    """Fill the database with ``n`` synthetic published decisions (see the module notes); returns ``n``."""
    if n < 0:
        raise ValueError("the number of decisions must be >= 0")
    real = real_records(engine)
    if real and not force:
        raise RealRecordsPresent(
            f"The database holds {real} real records (documents or decisions that are not synthetic); synthetic "
            "benchmark rows must not be mixed into the real record. Use an empty database "
            "(DATABASE_URL=sqlite:///bench.db), or --force if you really mean it.")
    remove_demo(engine)
    rng = random.Random(seed)
    categories = list(taxonomy().ids)
    n_places = places or max(10, min(2000, n // 50))
    now = utcnow()
    with session_scope(engine) as s:
        place_rows = [{
            "name": f"{PLACE_PREFIX} {i:04d}", "level": rng.choice(_LEVELS), "state": rng.choice(_STATES),
            "country": "DE", "latitude": round(rng.uniform(47.4, 54.8), 4),
            "longitude": round(rng.uniform(6.0, 14.9), 4), "population": rng.randint(2_000, 900_000),
        } for i in range(1, n_places + 1)]
        s.execute(insert(Municipality), place_rows)
        place_ids = list(s.execute(select(col(Municipality.id)).where(
            col(Municipality.name).like(f"{PLACE_PREFIX} %")).order_by(col(Municipality.id))).scalars())
        weights = [1 / (i + 1) for i in range(len(place_ids))]  # a few places with many decisions, many with few
        first = dt.date(2002, 1, 1).toordinal()
        last = dt.date(2026, 6, 30).toordinal()
        for start in range(0, n, BATCH):
            count = min(BATCH, n - start)
            munis = rng.choices(place_ids, weights=weights, k=count)
            rows = []
            for k in range(count):
                i = start + k + 1
                day = dt.date.fromordinal(rng.randint(first, last))
                yes = rng.randint(10, 60)
                rows.append({
                    "uid": f"SYN-{i:07d}", "municipality_id": munis[k], "item_number": 1,
                    "body": "Rat (synthetic)", "reference": f"SYN/{day.year}/{i:07d}",
                    "title": f"{TITLE_PREFIX} Benchmark decision {i}", "title_is_placeholder": False,
                    "document_type": rng.choice(_TYPES), "decision_date": day, "date_precision": "day",
                    "year": day.year, "outcome": rng.choice(_OUTCOMES), "votes_yes": yes,
                    "votes_no": rng.randint(0, yes // 2), "votes_abstain": rng.randint(0, 5), "relevant": True,
                    "review_status": "published", "origin": ORIGIN, "extraction_method": "synthetic",
                    "created_at": now, "created_by": ACTOR, "reviewed_at": now, "reviewed_by": ACTOR,
                })
            s.execute(insert(Decision), rows)
            ids = list(s.execute(select(col(Decision.id)).where(
                col(Decision.uid).in_([r["uid"] for r in rows]))).scalars())
            measures = []
            for did in ids:
                for cat in rng.sample(categories, k=rng.choice((1, 1, 1, 2, 2, 3))):
                    measures.append({"decision_id": did, "category": cat,
                                     "direction": "reverses" if rng.random() < 0.04 else "advances",
                                     "evidence": f"{TITLE_PREFIX} synthetic evidence", "page": None,
                                     "extraction_method": "synthetic"})
            s.execute(insert(Measure), measures)
        s.add(AuditEntry(actor=ACTOR, action="seed", entity="synthetic", entity_id="seed-demo",
                         after=json.dumps({"decisions": n, "places": n_places, "seed": seed})))
    _vacuum_analyze(engine)
    return n


def _vacuum_analyze(engine: Engine) -> None:
    """After a bulk load PostgreSQL needs its statistics (query plans) and visibility map (index-only scans)
    at once, not when autovacuum gets round to it."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("municipality", "decision", "measure", "measure_fact"):
            conn.exec_driver_sql(f"VACUUM ANALYZE {table}")
