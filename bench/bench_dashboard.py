"""Dashboard at scale: AppTest of the entry page and of each filter change, 1,000 against 100,000 decisions.

    .venv/bin/python bench/bench_dashboard.py [--runs 3] [--sizes 1000 100000] [--pg URL]

The databases are SQLite files in bench/out/ filled by ``ratsradar seed-demo`` (synthetic rows only; built once
and reused). Each measurement is one ``AppTest`` run with the query caches cleared before it (the engine stays
cached, as in a running server): the entry page (dashboard), then one filter change after another, then the
opening of each tab but the first (the page draws only its open tab). Medians of
``--runs`` fresh sessions. Prints each step's median per size and the ratio largest/smallest.
Target: every step under 1 s at 100,000 decisions and within 1.5x of its time at 1,000.
With ``--pg postgresql+psycopg://...`` the same runs go against PostgreSQL databases (created and filled here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import warnings

from common import OUT, ROOT, machine

APP = str(ROOT / "app.py")


def build(url: str, n: int) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([str(ROOT / ".venv/bin/ratsradar"), "seed-demo", "--decisions", str(n)], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)


def count(url: str) -> int:
    """How many synthetic decisions the database holds; -1 when it is missing or also holds other decisions
    (a database made before ``init`` left synthetic ones alone may carry the seed record): then it is rebuilt."""
    from sqlalchemy import create_engine, text

    try:
        eng = create_engine(url)
        with eng.connect() as c:
            n, other = c.execute(text("select count(*) filter (where origin = 'synthetic'), "
                                      "count(*) filter (where origin <> 'synthetic') from decision")).one()
            return -1 if other else int(n)
    except Exception:
        return -1


STEPS = [  # (label, how to change the filter on an AppTest)
    ("entry page (dashboard)", None),
    ("place filter", lambda at, o: at.multiselect(key="rr_f_city").set_value(o["municipalities"][:2])),
    ("state filter", lambda at, o: at.multiselect(key="rr_f_state").set_value(o["states"][:1])),
    ("years filter", lambda at, o: at.slider(key="rr_f_years").set_value((2010, 2020))),
    ("category filter", lambda at, o: at.multiselect(key="rr_f_cat").set_value(o["categories"][:1])),
    ("outcome filter", lambda at, o: at.multiselect(key="rr_f_outcome").set_value(["adopted"])),
    ("document type filter", lambda at, o: at.multiselect(key="rr_f_type").set_value(o["document_types"][:1])),
    ("text search, every row", lambda at, o: at.text_input(key="rr_f_q").set_value("Benchmark")),
    ("text search, a place", lambda at, o: at.text_input(key="rr_f_q").set_value(o["municipalities"][5])),
    # the dashboard draws only its open tab: opening each of the others (unfiltered)
    ("heatmap tab opened", lambda at, o: at.session_state.__setitem__("tab", "Orte × Jahre")),
    ("map tab opened", lambda at, o: at.session_state.__setitem__("tab", "Karte")),
    ("timeline tab opened", lambda at, o: at.session_state.__setitem__("tab", "Zeitleiste")),
]
FIRST_TAB = "Maßnahmen"  # the tab a visitor sees first


def _check(at, label: str) -> None:  # type: ignore[no-untyped-def]
    if at.exception:
        raise SystemExit(f"{label}: {at.exception[0].message}")
    if not at.metric or not at.get("plotly_chart"):  # the headline figures and the open tab's charts were drawn
        raise SystemExit(f"{label}: the dashboard shows no figures: {[i.value for i in at.info]}")


def session_times(url: str) -> list[float]:
    """One fresh session: the entry page, then each filter change on its own (from the unfiltered page; the
    filter is reset, untimed, after each)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    from pages import _ui

    with _ui.Session(_ui._engine(url)) as s:
        opts = _ui.queries.filter_options(session=s)
    times = []
    at = AppTest.from_file(APP, default_timeout=120)
    for label, change in STEPS:
        st.cache_data.clear()
        if change is not None:
            change(at, opts)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        _check(at, label)
        if change is not None:
            at.session_state["tab"] = FIRST_TAB
            at.button(key="rr_f_reset").click().run()
    return times


def main() -> None:
    warnings.filterwarnings("ignore")
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    ap.add_argument("--pg", default=None, help="a PostgreSQL server URL (databases bench_<n> are created)")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RATSRADAR_HOME", tempfile.mkdtemp(prefix="rr-bench-"))
    urls = {}
    for n in args.sizes:
        if args.pg:
            from sqlalchemy import create_engine, text

            admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                if not c.execute(text(f"select 1 from pg_database where datname = 'bench_{n}'")).scalar():
                    c.execute(text(f"create database bench_{n}"))
            url = args.pg.rsplit("/", 1)[0] + f"/bench_{n}"
        else:
            url = f"sqlite:///{OUT / f'dashboard-{n}.db'}"
        if count(url) != n:
            t0 = time.perf_counter()
            if not args.pg:
                (OUT / f"dashboard-{n}.db").unlink(missing_ok=True)
            build(url, n)
            print(f"built {url} with {n} synthetic decisions in {time.perf_counter() - t0:.1f} s")
        urls[n] = url
    results: dict[int, list[list[float]]] = {n: [] for n in args.sizes}
    session_times(urls[args.sizes[0]])  # warm-up: imports, first engine
    for _ in range(args.runs):
        for n in args.sizes:  # interleaved
            results[n].append(session_times(urls[n]))
    print(f"machine: {machine()}")
    print(f"database: {'PostgreSQL' if args.pg else 'SQLite'}; AppTest, query caches cleared before every run; "
          f"medians of {args.runs} sessions (seconds)")
    lo, hi = args.sizes[0], args.sizes[-1]
    print(f"{'step':26s}" + "".join(f"{n:>12,d}" for n in args.sizes) + f"{'ratio':>8s}")
    worst = 0.0
    for i, (label, _) in enumerate(STEPS):
        meds = {n: statistics.median(r[i] for r in results[n]) for n in args.sizes}
        ratio = meds[hi] / meds[lo]
        if "tab opened" not in label:
            worst = max(worst, ratio)
        print(f"{label:26s}" + "".join(f"{meds[n]:12.3f}" for n in args.sizes) + f"{ratio:8.2f}")
    print(f"largest ratio {hi:,d}/{lo:,d} of the entry page and the filter changes: {worst:.2f} "
          f"(target <= 1.5; every step < 1 s at {hi:,d})")


if __name__ == "__main__":
    main()
