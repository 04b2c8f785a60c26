"""``measure_fact`` (the dashboard's measures with their decisions' filter columns) and ``decision.measure_count``
stay in step with ``measure`` and ``decision`` through every kind of write, on SQLite and PostgreSQL: the
database triggers of ``models/facts.py`` keep them equal to what ``facts.rebuild`` and ``facts.recount`` would
compute from scratch."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, text, update
from sqlmodel import Session, select

from models import Decision, Measure, facts, schema
from models.db import make_engine
from tests import factories

EXPECTED = (f"SELECT {facts.COLUMNS} FROM (SELECT m.id AS measure_id, m.decision_id, m.category, m.direction, "
            "d.municipality_id, d.year, d.outcome, d.document_type, (d.review_status = 'published' AND "
            "d.relevant = {true} AND d.deleted_at IS NULL AND d.municipality_id IS NOT NULL) AS visible "
            "FROM measure m JOIN decision d ON d.id = m.decision_id) x ORDER BY measure_id")


def _state(engine) -> tuple[list[tuple], list[tuple]]:
    true = "1" if engine.dialect.name == "sqlite" else "true"
    with engine.connect() as c:
        got = [tuple(r) for r in c.execute(text(f"SELECT {facts.COLUMNS} FROM measure_fact ORDER BY measure_id"))]
        want = [tuple(r) for r in c.execute(text(EXPECTED.format(true=true)))]
    return [_norm(r) for r in got], [_norm(r) for r in want]


def _norm(row: tuple) -> tuple:
    return (*row[:-1], bool(row[-1]))


def _assert_in_step(engine) -> list[tuple]:
    got, want = _state(engine)
    assert got == want
    with engine.connect() as c:
        counts = c.execute(text("SELECT id, measure_count FROM decision ORDER BY id")).all()
        measures = c.execute(text("SELECT d.id, (SELECT count(*) FROM measure m WHERE m.decision_id = d.id) "
                                  "FROM decision d ORDER BY d.id")).all()
    assert [tuple(r) for r in counts] == [tuple(r) for r in measures]
    return got


def test_facts_follow_every_write_to_decisions_and_measures(engine):
    with Session(engine) as s:
        factories.small_record(s)
        s.commit()
    rows = _assert_in_step(engine)
    assert len(rows) == 10 and sum(r[-1] for r in rows) == 9  # one measure belongs to a draft

    with Session(engine) as s:
        dec = s.exec(select(Decision).where(Decision.uid == "DO-2022")).one()
        dec.year, dec.outcome, dec.document_type = 2020, "amended", "minutes"  # an edit in review
        s.add(Measure(decision_id=dec.id, category="procurement", direction="advances"))
        s.commit()
    _assert_in_step(engine)

    with Session(engine) as s:  # unpublish, mark irrelevant, soft-delete, move to another place
        s.execute(update(Decision).where(Decision.uid == "DO-2021").values(review_status="draft"))
        s.execute(update(Decision).where(Decision.uid == "M-2017").values(relevant=False))
        s.execute(update(Decision).where(Decision.uid == "M-2024").values(deleted_at=dt.datetime(2026, 1, 1)))
        be = s.exec(select(Decision).where(Decision.uid == "BE-2022")).one()
        do = s.exec(select(Decision).where(Decision.uid == "DO-2022b")).one()
        be.municipality_id = do.municipality_id
        s.commit()
    rows = _assert_in_step(engine)
    assert len(rows) == 11 and sum(r[-1] for r in rows) == 6  # the draft's and 4 more no longer visible

    with Session(engine) as s:  # a measure re-categorised, one deleted, a decision deleted with its measures
        s.execute(update(Measure).where(Measure.category == "review").values(category="training",
                                                                              direction="reverses"))
        s.execute(delete(Measure).where(Measure.category == "public_code"))
        gone = s.exec(select(Decision).where(Decision.uid == "M-2024")).one()
        s.execute(delete(Measure).where(Measure.decision_id == gone.id))
        s.execute(delete(Decision).where(Decision.id == gone.id))
        s.commit()
    rows = _assert_in_step(engine)
    assert ("training", "reverses") in {(r[2], r[3]) for r in rows}

    with Session(engine) as s:  # a measure moved to another decision (its count and the other's follow)
        one = s.exec(select(Measure).where(Measure.category == "training")).first()
        other = s.exec(select(Decision).where(Decision.uid == "DO-2021")).one()
        assert one.decision_id != other.id
        one.decision_id = other.id
        s.commit()
    _assert_in_step(engine)

    with Session(engine) as s:  # bulk insert (as ratsradar seed-demo does)
        muni = factories.municipality(s, "Bonn")
        s.execute(insert(Decision), [{"uid": f"B-{i}", "municipality_id": muni.id, "year": 2020 + i,
                                      "outcome": "adopted", "review_status": "published", "relevant": True,
                                      "origin": "synthetic", "date_precision": "day", "title_is_placeholder": False,
                                      "created_at": dt.datetime(2026, 1, 1)} for i in range(3)])
        ids = s.exec(select(Decision.id).where(Decision.uid.like("B-%"))).all()
        s.execute(insert(Measure), [{"decision_id": i, "category": "strategy", "direction": "advances"} for i in ids])
        s.commit()
    _assert_in_step(engine)


def test_facts_follow_review_publish_and_delete(engine):
    with Session(engine) as s:
        muni = factories.municipality(s, "Dortmund")
        dec = factories.decision(s, muni, dt.date(2024, 5, 1), ["strategy", "migration"], status="draft")
        s.commit()
        uid = dec.uid
    assert [r[-1] for r in _assert_in_step(engine)] == [False, False]
    with Session(engine) as s:
        dec = s.exec(select(Decision).where(Decision.uid == uid)).one()
        dec.review_status = "published"
        s.commit()
    assert [r[-1] for r in _assert_in_step(engine)] == [True, True]
    with Session(engine) as s:
        dec = s.exec(select(Decision).where(Decision.uid == uid)).one()
        for m in s.exec(select(Measure).where(Measure.decision_id == dec.id)).all():
            s.delete(m)
        s.flush()
        s.delete(dec)
        s.commit()
    assert _assert_in_step(engine) == []


def test_rebuild_equals_the_triggers_and_upgrade_fills_the_table(db_url):
    engine = make_engine(db_url)
    schema.upgrade(engine, "0002")
    with Session(engine) as s:  # measures made before the fact table existed
        factories.small_record(s)
        s.commit()
    schema.upgrade(engine)
    rows = _assert_in_step(engine)
    assert len(rows) == 10
    with engine.begin() as c:
        assert facts.rebuild(c) == 10
    assert _assert_in_step(engine) == rows
    engine.dispose()
