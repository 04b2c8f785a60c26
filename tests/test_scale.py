"""At scale: synthetic benchmark data kept apart from the real record, the dashboard's aggregates equal the plain
queries, bulk ingest in parallel equals sequential ingest and resumes after a SIGKILL without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select, text
from sqlmodel import Session, col

from models import Decision, Document, Measure, make_engine
from ratsradar import aggregates, demo, profiles, queries, search
from ratsradar.bootstrap import prepare
from ratsradar.filters import Filters
from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "scale-test-password"


def cli(*args: str, env: dict[str, str], input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ratsradar.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=os.environ | env, timeout=300, input=input)


# --- seed-demo -----------------------------------------------------------------------------------------------

def test_seed_demo_refuses_a_database_with_real_records(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'real.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    assert cli("init", env=env).returncode == 0  # the real seed record
    res = cli("seed-demo", "--decisions", "50", env=env)
    assert res.returncode == 1 and "refused" in res.stderr and "real records" in res.stderr
    db = sqlite3.connect(tmp_path / "real.db")
    assert db.execute("select count(*) from decision where origin = 'synthetic'").fetchone()[0] == 0
    assert db.execute("select count(*) from decision where origin = 'seed'").fetchone()[0] > 0
    db.close()


def test_seed_demo_marks_rows_synthetic_and_keeps_the_database_synthetic_only(engine):
    assert demo.seed_demo(engine, 300, seed=1) == 300
    prepare(engine)  # what the app and the CLI do on start: must not load the real seed into this database
    with Session(engine) as s:
        rows = s.execute(select(Decision.origin, Decision.uid, Decision.title, Decision.review_status)).all()
        assert len(rows) == 300
        assert {r.origin for r in rows} == {"synthetic"} and {r.review_status for r in rows} == {"published"}
        assert all(r.uid.startswith("SYN-") and r.title.startswith("[SYNTHETIC]") for r in rows)
        assert s.execute(select(func.count(col(Measure.id)))).scalar_one() >= 300
    assert demo.real_records(engine) == 0
    demo.seed_demo(engine, 120, seed=2)  # replaces, never accumulates
    with Session(engine) as s:
        assert s.execute(select(func.count(col(Decision.id)))).scalar_one() == 120
    assert demo.remove_demo(engine) == 120
    with Session(engine) as s:
        assert s.execute(select(func.count(col(Decision.id)))).scalar_one() == 0
        assert s.execute(select(func.count(col(Measure.id)))).scalar_one() == 0


def test_seed_demo_cli_on_an_empty_database(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bench.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    res = cli("seed-demo", "--decisions", "40", env=env)
    assert res.returncode == 0, res.stderr
    assert "40 synthetic decisions" in res.stdout
    assert cli("init", env=env).returncode == 0
    db = sqlite3.connect(tmp_path / "bench.db")
    assert db.execute("select origin, count(*) from decision group by origin").fetchall() == [("synthetic", 40)]
    db.close()
    assert cli("seed-demo", "--remove", env=env).returncode == 0


# --- the dashboard's aggregates agree with the plain queries ------------------------------------------------

def _filters(opts: dict) -> list[Filters]:
    return [Filters(), Filters(year_from=2010, year_to=2020), Filters(categories=("migration", "strategy")),
            Filters(outcomes=("adopted",)), Filters(states=tuple(opts["states"][:1])),
            Filters(municipalities=tuple(opts["municipalities"][:2])), Filters(document_types=("resolution",)),
            Filters(text="Benchmark"), Filters(text="Open Source")]


def every_tab(session: Session, f: Filters) -> dict:
    """``aggregates.dashboard`` with the map, and the heatmap and timeline of its top places, as the page reads
    them when their tabs are opened."""
    d = aggregates.dashboard(session=session, f=f)
    return d | {"map_points": aggregates.map_points(session=session, f=f),
                "heatmap": aggregates.heatmap(session=session, f=f, places=d["heatmap_places"]),
                "timeline": aggregates.timeline(session=session, f=f, places=d["timeline_places"],
                                                total=d["timeline_total"])}


def _assert_dashboard_matches(session: Session) -> None:
    opts = aggregates.filter_options(session=session)
    assert opts == queries.filter_options(session=session)
    for f in _filters(opts):
        d = every_tab(session, f)
        assert d["headline"] == queries.headline(session=session, f=f), f
        full = queries.measures_by_municipality_year(session=session, f=f)
        by_year = full.groupby(["year", "category"], as_index=False)["measures"].sum()
        pd.testing.assert_frame_equal(d["measures_by_year"].reset_index(drop=True),
                                      by_year.sort_values(["year", "category"]).reset_index(drop=True),
                                      check_dtype=False)
        totals = full.groupby("municipality")["measures"].sum()
        top = d["measures_top_places"].groupby("municipality")["measures"].sum()
        assert len(top) == min(aggregates.TOP_PLACES_MEASURES, len(totals))
        assert all(totals[m] == n for m, n in top.items())
        if len(top):
            assert top.min() == totals.sort_values(ascending=False).iloc[len(top) - 1]
        heat = queries.decisions_by_municipality_year(session=session, f=f)
        hm = d["heatmap"].merge(heat, on=["municipality", "year"], suffixes=("", "_q"))
        assert len(hm) == len(d["heatmap"]) and (hm["decisions"] == hm["decisions_q"]).all()
        pd.testing.assert_frame_equal(d["map_points"].drop(columns="category").reset_index(drop=True),
                                      queries.map_points(session=session, f=f).reset_index(drop=True),
                                      check_dtype=False)
        main = profiles.top_category_by_place(session=session, f=f).set_index("municipality")["category"]
        assert {m: c for m, c in zip(d["map_points"]["municipality"], d["map_points"]["category"], strict=True)
                if c is not None} == {m: c for m, c in main.items() if m in set(d["map_points"]["municipality"])}
        table = queries.decisions(session=session, f=f)
        timeline = d["timeline"]
        assert len(timeline) <= aggregates.TIMELINE_POINTS
        assert set(timeline["municipality"]) <= set(table["municipality"])
        if len(timeline):
            newest = table.dropna(subset=["date"])
            newest = newest[newest["municipality"].isin(set(timeline["municipality"]))]
            assert max(timeline["date"]) == max(newest["date"])


def test_dashboard_aggregates_equal_queries_on_synthetic_rows(engine):
    demo.seed_demo(engine, 2100, seed=3, places=20)  # more dated decisions than the timeline shows
    with Session(engine) as s:
        _assert_dashboard_matches(s)
        d = every_tab(s, Filters())
        assert d["synthetic"] is True
        assert len(d["timeline"]) == aggregates.TIMELINE_POINTS < d["timeline"].attrs["total"]


def _frames_equal(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k, v in a.items():
        if isinstance(v, pd.DataFrame):
            pd.testing.assert_frame_equal(v, b[k])
            assert v.attrs == b[k].attrs
        else:
            assert v == b[k], k


def test_dashboard_is_the_same_whether_search_hits_are_looked_up_or_scanned(engine, monkeypatch):
    """A search with few hits reads them by id (and a place filter seeks by place), one that misses few of the
    filtered decisions reads "all but these"; the figures must be those of the plain scans."""
    demo.seed_demo(engine, 600, seed=5, places=12)
    with Session(engine) as s:
        opts = aggregates.filter_options(session=s)
        views = [Filters(text="Benchmark"), Filters(text=opts["municipalities"][3]),
                 Filters(text="Benchmark", states=tuple(opts["states"][:1])),
                 Filters(text="Benchmark", categories=tuple(opts["categories"][:1]), year_from=2012),
                 Filters(text=opts["municipalities"][2], outcomes=("adopted",), year_to=2018),
                 Filters(municipalities=tuple(opts["municipalities"][:3]), outcomes=("adopted",))]
        for f in views:
            monkeypatch.setattr(aggregates, "FEW_HITS", 10**9)
            seek = every_tab(s, f)
            monkeypatch.setattr(aggregates, "FEW_HITS", -1)
            monkeypatch.setattr(aggregates, "FEW_MISSES", -1)
            scan = every_tab(s, f)
            monkeypatch.setattr(aggregates, "FEW_MISSES", 10**9)
            all_but = every_tab(s, f)
            _frames_equal(seek, scan)
            _frames_equal(all_but, scan)
            assert seek["headline"] == queries.headline(session=s, f=f), f
            assert s.execute(text("select 1")).scalar() == 1  # the session is still usable


def test_a_word_in_every_decision_reads_all_but_none(engine, monkeypatch):
    """A word that every filtered decision contains needs no table of hits: the aggregates are those of the
    other filters alone, and they run side by side."""
    demo.seed_demo(engine, 300, seed=9, places=8)
    monkeypatch.setattr(aggregates, "FEW_HITS", 10)  # more hits than "few"
    monkeypatch.setattr(aggregates, "FEW_MISSES", 10)
    with Session(engine) as s:
        sqlite = engine.dialect.name == "sqlite"  # SQLite counts a word's decisions in its full-text index first
        assert search.nearly_everywhere(s, "Benchmark", 0) is sqlite
        assert not search.nearly_everywhere(s, aggregates.filter_options(session=s)["municipalities"][0], 10)
        hits = aggregates._text_hits(s, Filters(text="Benchmark", outcomes=("adopted",)))
        assert hits.table is None and hits.misses == ()
        some = aggregates._text_hits(s, Filters(text=aggregates.filter_options(session=s)["municipalities"][0]))
        assert some.table is not None and some.misses is None
        s.execute(text("DROP TABLE rr_text_hits"))
        _frames_equal(every_tab(s, Filters(text="Benchmark", outcomes=("adopted",))),
                      every_tab(s, Filters(outcomes=("adopted",))))


def test_words_in_every_decision_or_every_place_name_filter_nothing(engine):
    """A word in the texts of every decision, or in the name of every place, matches every decision the
    dashboard counts: it is left out of the search (counted in the full-text index), and the figures stay those
    of the full search."""
    demo.seed_demo(engine, 400, seed=11, places=9)
    with Session(engine) as s:
        place = aggregates.filter_options(session=s)["municipalities"][2]  # "Synthetic place 0003"
        words = search.terms(place)
        assert search.everywhere(s, place) == words[:2]  # "synthetic" (texts), "place" (names)
        assert search.everywhere(s, "Benchmark") == ["benchmark"]
        assert search.everywhere(s, "0003 decision 7") == ["decision"]
        assert search.everywhere(s, "nowhere") == []
        for f, same in [(Filters(text=place), Filters(text=words[2])),
                        (Filters(text=place, outcomes=("adopted",)), Filters(text=words[2], outcomes=("adopted",))),
                        (Filters(text="Benchmark synthetic"), Filters())]:
            d = every_tab(s, f)
            _frames_equal(d, every_tab(s, same))
            assert d["headline"] == queries.headline(session=s, f=f), f
            assert d["headline"]["decisions"] > 0
        s.execute(text("UPDATE decision SET title = 'Nur ein Titel' WHERE id = (SELECT min(id) FROM decision)"))
        s.commit()  # one decision without the word: it filters again
        assert search.everywhere(s, "Benchmark") == []
        assert every_tab(s, Filters(text="Benchmark"))["headline"]["decisions"] == 399


def test_search_condition_compared_to_1_made_sqlite_check_every_decision(tmp_path):
    """The search condition was written "(decision.id IN (…)) = 1" on SQLite (a Boolean inside AND, without
    native booleans), so SQLite could not read the decisions by the ids of the hits and checked every one."""
    eng = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    prepare(eng, seed=False)
    demo.seed_demo(eng, 200)
    stmt = aggregates._scoped(Filters(text="0003"), col(Decision.id))
    sql = str(stmt.compile(dialect=eng.dialect, compile_kwargs={"literal_binds": True}))
    assert ") = 1" not in sql
    with eng.connect() as c:
        plan = " ".join(r[3] for r in c.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        negated = select(col(Decision.id)).where(~search.matches("0003"))
        assert str(negated.compile(dialect=eng.dialect)).count("NOT (") == 1
        found = c.execute(stmt).scalars().all()
        assert sorted(found) == sorted(c.execute(select(col(Decision.id)).where(search.matches("0003"))).scalars())
    assert "SEARCH decision USING INTEGER PRIMARY KEY" in plan, plan
    eng.dispose()


def test_rows_packed_for_parallel_reads_come_back_unchanged(engine):
    """Side by side, SQLite's rows come back packed into one JSON text per statement: integers, floats, text
    (quotes, umlauts) and NULL must come back as they are."""
    from models import Municipality

    with Session(engine) as s:
        s.add(Municipality(name='O\'Brien "Süd" \\ 1', state=None, level="municipality", latitude=51.51361,
                           longitude=-7.465298, population=123456))
        s.add(Municipality(name="Zell", state="Bayern", level="district", latitude=None, longitude=None))
        s.commit()
        stmts = [select(col(Municipality.name), col(Municipality.state), col(Municipality.latitude),
                        col(Municipality.longitude), col(Municipality.population)).order_by(col(Municipality.name)),
                 select(func.count(), func.max(col(Municipality.latitude))),
                 select(col(Municipality.id)).where(col(Municipality.id) < 0)]
        plain = [[tuple(r) for r in rows] for rows in aggregates._fetch_all(s, stmts, parallel=False)]
        side = [[tuple(r) for r in rows] for rows in aggregates._fetch_all(s, stmts, parallel=True)]
    assert side == plain
    assert plain[0][0] == ('O\'Brien "Süd" \\ 1', None, 51.51361, -7.465298, 123456)
    assert plain[2] == []


def test_timeline_is_the_same_whether_read_by_place_or_walked_along_the_dates(engine, monkeypatch):
    """The walk along the date index starts at the year range (as dates); it must find what reading the top
    places' decisions finds."""
    demo.seed_demo(engine, 800, seed=7, places=10)
    with Session(engine) as s:
        opts = aggregates.filter_options(session=s)
        for f in [Filters(year_from=2010, year_to=2016), Filters(year_to=2012), Filters(year_from=2019),
                  Filters(year_from=2011, year_to=2011, states=tuple(opts["states"][:1])),
                  Filters(year_from=2010, text="Benchmark")]:
            monkeypatch.setattr(aggregates, "TIMELINE_BY_PLACE", 10**9)
            by_place = every_tab(s, f)["timeline"]
            monkeypatch.setattr(aggregates, "TIMELINE_BY_PLACE", -1)
            walked = every_tab(s, f)["timeline"]
            pd.testing.assert_frame_equal(by_place, walked)
            assert len(walked) and walked["date"].map(lambda d: d.year).between(f.year_from or 0,
                                                                                f.year_to or 9999).all(), f


def test_dashboard_aggregates_equal_queries_on_the_seed_record(engine):
    prepare(engine)
    with Session(engine) as s:
        _assert_dashboard_matches(s)
        assert aggregates.dashboard(session=s, f=Filters())["synthetic"] is False


def test_dashboard_queries_use_the_indexes(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    prepare(eng, seed=False)
    demo.seed_demo(eng, 200)
    from sqlalchemy import event

    statements: list[tuple[str, tuple]] = []
    event.listen(eng, "before_cursor_execute", lambda c, cur, st, p, ctx, em: statements.append((st, p)))
    with Session(eng) as s:
        every_tab(s, Filters())
    raw = sqlite3.connect(tmp_path / "plan.db")
    plans = [" ".join(r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + st, p))
             for st, p in statements if st.lstrip().upper().startswith("SELECT") and "FROM decision" in st]
    raw.close()
    assert plans and all("SCAN decision" not in plan for plan in plans), plans  # never a full table scan
    assert any("COVERING INDEX ix_decision_published" in plan for plan in plans)


# --- bulk ingest -----------------------------------------------------------------------------------------------

def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for i in range(n):
        pdfgen.make_pdf(folder / f"vorlage-{i:02d}.pdf", [
            f"Stadt Dortmund\nBeschlussvorlage Drucksache {i:05d}/2024\nDer Rat beschließt am 1{i % 9}.03.2024 "
            f"die Einführung von LibreOffice und offenen Standards (ODF), Vorlage {i}.",
            "Abstimmungsergebnis: einstimmig beschlossen."])
    (folder / "kaputt.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def _snapshot(url: str) -> set[tuple]:
    eng = make_engine(url)
    with Session(eng) as s:
        rows = s.execute(select(Document.sha256, Document.pages, Decision.uid, Decision.title, Decision.outcome,
                                Decision.decision_date, Decision.relevant, Measure.category, Measure.evidence)
                         .join(Decision, col(Decision.document_id) == col(Document.id))
                         .join(Measure, col(Measure.decision_id) == col(Decision.id), isouter=True)).all()
    eng.dispose()
    return {tuple(r) for r in rows}


def test_parallel_ingest_equals_sequential_ingest(tmp_path):
    from ratsradar.bulk import ingest_many

    folder = _folder(tmp_path, 6)
    paths = sorted(folder.glob("*.pdf"))
    summaries = {}
    for workers in (1, 3):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        eng = make_engine(url)
        prepare(eng, seed=False)
        seen: list[int] = []
        summaries[workers] = ingest_many(eng, paths, workers=workers, uploaded_by="ci",
                                         progress=lambda path, outcome, done, total, pages: seen.append(done))
        assert seen == list(range(1, len(paths) + 1))
        eng.dispose()
    one, three = summaries[1], summaries[3]
    assert (one.created, one.duplicate, one.error) == (three.created, three.duplicate, three.error) == (6, 0, 1)
    assert one.pages == three.pages == 12
    assert _snapshot(f"sqlite:///{tmp_path / 'w1.db'}") == _snapshot(f"sqlite:///{tmp_path / 'w3.db'}")
    assert "6 created, 0 duplicate, 1 failed · 12 pages in" in three.line() and "pages/s)" in three.line()


def test_ingest_resumes_after_sigkill_without_duplicates_or_half_records(tmp_path):
    n = 14
    folder = _folder(tmp_path, n)
    (folder / "kaputt.pdf").unlink()
    db = tmp_path / "resume.db"
    env = {"DATABASE_URL": f"sqlite:///{db}", "RATSRADAR_HOME": str(tmp_path / "home")}
    assert cli("user", "add", "ci", "--role", "contributor", "--password-stdin", env=env,
               input=PASSWORD + "\n").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "ratsradar.cli", "ingest", str(folder), "--user", "ci",
                             "--workers", "2"], cwd=ROOT, env=os.environ | env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    assert proc.stdout is not None
    created = 0
    for line in proc.stdout:
        created += ": created" in line
        if created >= 3:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its extraction workers, mid-run
    proc.wait(timeout=60)
    raw = sqlite3.connect(db)
    stored_before = raw.execute("select count(*) from document").fetchone()[0]
    raw.close()
    assert 3 <= stored_before < n

    again = cli("ingest", str(folder), "--user", "ci", "--workers", "2", env=env)
    assert again.returncode == 0, again.stderr
    assert f"{n - stored_before} created, {stored_before} duplicate, 0 failed" in again.stdout
    assert "pages/s)" in again.stdout.splitlines()[-1]
    raw = sqlite3.connect(db)
    docs, distinct = raw.execute("select count(*), count(distinct sha256) from document").fetchone()
    half = raw.execute("select count(*) from document d where not exists "
                       "(select 1 from decision x where x.document_id = d.id)").fetchone()[0]
    paths = [r[0] for r in raw.execute("select stored_path from document")]
    raw.close()
    assert docs == distinct == n and half == 0
    assert all((tmp_path / "home" / p).is_file() for p in paths)


def test_ingest_workers_option_is_validated(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    res = cli("ingest", str(tmp_path), "--user", "ci", "--workers", "0", env=env)
    assert res.returncode == 2 and "--workers" in res.stderr


# --- the dashboard with synthetic data ---------------------------------------------------------------------

def test_dashboard_marks_synthetic_data_and_limits_the_timeline(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'dash.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    eng = make_engine(url)
    prepare(eng, seed=False)
    demo.seed_demo(eng, 2100, places=20)
    eng.dispose()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert any("synthetic test decisions" in w.value for w in at.warning)
    at.session_state["tab"] = "Timeline"
    at.run()
    assert not at.exception
    assert any(f"The timeline shows the newest {aggregates.TIMELINE_POINTS:,} of" in c.value for c in at.caption)
    assert [m.value for m in at.metric][0] == "2,100"
    assert at.get("download_button")  # the CSV is made when clicked


def test_map_main_category_equals_the_profile_also_for_categories_outside_the_taxonomy(engine):
    import datetime as dt

    from tests import factories

    with Session(engine) as s:
        do = factories.municipality(s, "Dortmund")
        bo = factories.municipality(s, "Bochum")
        factories.decision(s, do, dt.date(2022, 1, 1), ["legacy_a", "legacy_b", "strategy"])
        factories.decision(s, do, dt.date(2023, 1, 1), ["legacy_a", "legacy_b"])
        factories.decision(s, bo, dt.date(2023, 1, 1), ["procurement", "strategy"])  # a tie: taxonomy order
        s.commit()
        points = aggregates.map_points(session=s, f=Filters())
        main = dict(zip(points["municipality"], points["category"], strict=True))
        expected = profiles.top_category_by_place(session=s, f=Filters()).set_index("municipality")["category"]
        assert main == expected.to_dict()
        assert main["Dortmund"] == "legacy_b" and main["Bochum"] == expected["Bochum"]
