"""The database layer on real backends: every test runs on a SQLite file and on a PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

import models
from models import Decision, Document, Measure, Municipality


def _count(engine, table: type[SQLModel]) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(table)).one()


def _doc(sha: str, **kw) -> Document:
    return Document(sha256=sha * (64 // len(sha)), file_name=f"{sha}.pdf", size=100, **kw)


def test_tables_created(engine, db_url):
    names = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= names
    assert {"municipality", "document", "decision", "measure", "decisionsource", "auditentry"} <= names
    assert engine.dialect.name == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
    if engine.dialect.name == "sqlite":  # a real file, not an in-memory database
        assert engine.url.database and not engine.url.database.startswith(":memory:")
    # create_all is idempotent (get_engine calls it on every start)
    models.init_db(engine)
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("decision")}
    assert {"ix_decision_status_year", "ix_decision_published", "ix_decision_municipality_published"} <= indexes


def test_document_sha256_unique(engine):
    with models.session_scope(engine) as s:
        s.add(_doc("a"))
    with pytest.raises(IntegrityError):
        with models.session_scope(engine) as s:
            s.add(_doc("a"))
    assert _count(engine, Document) == 1
    with models.session_scope(engine) as s:  # the engine is still usable after the failure
        s.add(_doc("b"))
    assert _count(engine, Document) == 2


def test_session_scope_commits(engine):
    with models.session_scope(engine) as s:
        m = Municipality(name="Dortmund", state="NW")
        s.add(m)
        s.flush()
        s.add(Decision(uid="DE-DO-1", municipality_id=m.id, title="Open Source"))
    assert m.id is not None  # expire_on_commit=False: usable after the scope
    with Session(engine) as s:
        d = s.exec(select(Decision).where(Decision.uid == "DE-DO-1")).one()
        assert d.municipality_id == m.id


def test_session_scope_rolls_back_everything_on_exception(engine):
    with pytest.raises(RuntimeError, match="mid-way"):
        with models.session_scope(engine) as s:
            m = Municipality(name="Schleswig")
            s.add(m)
            s.flush()  # already sent to the database, inside the transaction
            s.add(Decision(uid="DE-SL-1", municipality_id=m.id))
            s.add(_doc("c"))
            s.flush()
            raise RuntimeError("mid-way")
    assert _count(engine, Municipality) == 0
    assert _count(engine, Decision) == 0
    assert _count(engine, Document) == 0


def test_session_scope_rolls_back_on_integrity_error_mid_way(engine):
    with models.session_scope(engine) as s:
        s.add(_doc("d"))
    with pytest.raises(IntegrityError):
        with models.session_scope(engine) as s:
            s.add(Municipality(name="Kiel"))
            s.flush()
            s.add(_doc("d"))  # duplicate sha256
            s.flush()
    assert _count(engine, Municipality) == 0
    assert _count(engine, Document) == 1


def test_decision_measure_foreign_keys(engine):
    # a measure must point at an existing decision
    with pytest.raises(IntegrityError):
        with models.session_scope(engine) as s:
            s.add(Measure(decision_id=999_999, category="open_source"))
    assert _count(engine, Measure) == 0

    with models.session_scope(engine) as s:
        d = Decision(uid="DE-X-1")
        s.add(d)
        s.flush()
        s.add_all([Measure(decision_id=d.id, category="open_source"),
                   Measure(decision_id=d.id, category="open_standards", direction="reverses")])
    decision_id = d.id

    # a decision with measures cannot be deleted (no silent orphans, no implicit cascade)
    with pytest.raises(IntegrityError):
        with models.session_scope(engine) as s:
            s.delete(s.get(Decision, decision_id))
    assert _count(engine, Decision) == 1
    assert _count(engine, Measure) == 2

    # nor can a measure be moved to a decision that does not exist
    with pytest.raises(IntegrityError):
        with models.session_scope(engine) as s:
            s.exec(select(Measure)).first().decision_id = decision_id + 1000

    # deleting the measures first, then the decision, works
    with models.session_scope(engine) as s:
        for m in s.exec(select(Measure).where(Measure.decision_id == decision_id)):
            s.delete(m)
        s.flush()
        s.delete(s.get(Decision, decision_id))
    assert _count(engine, Decision) == 0
    assert _count(engine, Measure) == 0


def test_date_and_boolean_round_trip(engine):
    reviewed = dt.datetime(2024, 2, 29, 23, 59, 58, 123456)
    with models.session_scope(engine) as s:
        s.add(Decision(uid="DE-RT-1", decision_date=dt.date(2024, 2, 29), year=2024, title_is_placeholder=True,
                       relevant=False, reviewed_at=reviewed))
        s.add(Decision(uid="DE-RT-2"))
    with Session(engine) as s:
        d1 = s.exec(select(Decision).where(Decision.uid == "DE-RT-1")).one()
        d2 = s.exec(select(Decision).where(Decision.uid == "DE-RT-2")).one()
        assert d1.decision_date == dt.date(2024, 2, 29) and type(d1.decision_date) is dt.date
        assert d1.title_is_placeholder is True and d1.relevant is False
        assert d1.reviewed_at == reviewed
        assert isinstance(d2.created_at, dt.datetime)
        assert d2.decision_date is None and d2.title_is_placeholder is False and d2.relevant is True
        # filters on dates and booleans behave the same on both backends
        assert s.exec(select(Decision.uid).where(col(Decision.relevant).is_(False))).all() == ["DE-RT-1"]
        assert s.exec(select(Decision.uid).where(col(Decision.title_is_placeholder).is_(True))).all() == ["DE-RT-1"]
        since_2024 = select(Decision.uid).where(col(Decision.decision_date) >= dt.date(2024, 1, 1))
        assert s.exec(since_2024).all() == ["DE-RT-1"]


def test_query_with_col_ordering(engine):
    rows = [("DE-A", dt.date(2021, 5, 1)), ("DE-B", dt.date(2023, 1, 9)), ("DE-C", None),
            ("DE-D", dt.date(2023, 1, 9)), ("DE-E", dt.date(2019, 12, 31))]
    with models.session_scope(engine) as s:
        for uid, day in rows:
            s.add(Decision(uid=uid, decision_date=day, year=day.year if day else None, review_status="published"))
        s.add(Decision(uid="DE-F", decision_date=dt.date(2030, 1, 1), review_status="draft"))
    with Session(engine) as s:
        stmt = (select(Decision)
                .where(Decision.review_status == "published")
                .order_by(col(Decision.decision_date).desc().nulls_last(), col(Decision.uid).asc()))
        assert [d.uid for d in s.exec(stmt)] == ["DE-B", "DE-D", "DE-A", "DE-E", "DE-C"]
        per_year = s.exec(select(Decision.year, func.count()).where(col(Decision.year).is_not(None))
                          .group_by(Decision.year).order_by(col(Decision.year))).all()
        assert [tuple(r) for r in per_year] == [(2019, 1), (2021, 1), (2023, 2)]
        page = s.exec(select(Decision.uid).order_by(col(Decision.uid).desc()).offset(1).limit(2)).all()
        assert page == ["DE-E", "DE-D"]


def test_concurrent_inserts_from_threads(engine):
    n_threads, per_thread = 4, 25
    start = threading.Barrier(n_threads)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            start.wait(timeout=30)
            for i in range(per_thread):
                with models.session_scope(engine) as s:  # own session and transaction per row
                    d = Decision(uid=f"T{t}-{i}")
                    s.add(d)
                    s.flush()
                    s.add(Measure(decision_id=d.id, category="open_source"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert not any(th.is_alive() for th in threads)
    assert not errors, errors
    assert _count(engine, Decision) == n_threads * per_thread
    assert _count(engine, Measure) == n_threads * per_thread
    with Session(engine) as s:
        uids = set(s.exec(select(Decision.uid)))
        assert uids == {f"T{t}-{i}" for t in range(n_threads) for i in range(per_thread)}
        orphans = s.exec(text("SELECT count(*) FROM measure m LEFT JOIN decision d ON d.id = m.decision_id "
                              "WHERE d.id IS NULL")).one()[0]
        assert orphans == 0


def test_get_engine_uses_isolated_runtime(tmp_path):
    """The autouse isolation: the default database is a SQLite file under this test's RATSRADAR_HOME."""
    from ratsradar.paths import runtime_dir

    url = models.database_url()
    assert url == f"sqlite:///{runtime_dir() / 'ratsradar.db'}"
    assert "data/runtime" not in url
    eng = models.get_engine()
    try:
        assert models.get_engine() is eng
        assert (runtime_dir() / "ratsradar.db").exists()
        assert "decision" in inspect(eng).get_table_names()
    finally:
        eng.dispose()
