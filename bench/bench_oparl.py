"""OParl import of the fixture city (tests/oparl_fixture.py on loopback): a full import of a few hundred papers
over several pages, then changes at the source and an incremental re-run, then a re-run with no changes.
Medians of ``--runs`` runs, each on a fresh database and a fresh city.

    .venv/bin/python bench/bench_oparl.py [--runs 3] [--papers 300] [--per-page 50] [--delay 0]

``--delay 0`` measures Ratsradar's own cost; the polite default (0.3 s between requests) adds requests × delay,
printed as an estimate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from common import machine


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--papers", type=int, default=300)
    ap.add_argument("--per-page", type=int, default=50)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--changed", type=int, default=20, help="papers modified at the source between the runs")
    ap.add_argument("--added", type=int, default=15)
    ap.add_argument("--deleted", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RATSRADAR_HOME"] = tmp
        from models import make_engine
        from ratsradar import gazetteer
        from ratsradar.bootstrap import prepare
        from ratsradar.oparl.client import ClientSettings
        from ratsradar.oparl.importer import ImportOptions, run_import
        from tests.oparl_fixture import City, serve

        gazetteer.warm()
        settings = ClientSettings(delay_s=args.delay, backoff_s=0.05)
        times: dict[str, list[float]] = {"full": [], "incremental": [], "unchanged": []}
        reports = {}
        for i in range(args.runs):
            engine = make_engine(f"sqlite:///{tmp}/bench-{i}.db")
            prepare(engine, seed=False)
            city = City(n_papers=args.papers, per_page=args.per_page)
            with serve(city) as url:
                t0 = time.perf_counter()
                reports["full"] = run_import(engine, ImportOptions(url), settings=settings)
                times["full"].append(time.perf_counter() - t0)
                step = max(1, args.papers // max(1, args.changed))
                changed = list(range(10, args.papers + 1, step))[: args.changed]  # every 10th is on the subject
                city.modify(changed)
                city.add(args.added)
                city.delete([n for n in range(3, args.papers, 37) if n not in changed][: args.deleted])
                city.repair(11)
                t0 = time.perf_counter()
                reports["incremental"] = run_import(engine, ImportOptions(url), settings=settings)
                times["incremental"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                reports["unchanged"] = run_import(engine, ImportOptions(url), settings=settings)
                times["unchanged"].append(time.perf_counter() - t0)
            engine.dispose()

    print(f"machine: {machine()}")
    print(f"fixture city: {args.papers} papers, {args.per_page} per page "
          f"({-(-args.papers // args.per_page)} pages), quirks on; delay {args.delay} s; {args.runs} runs each")
    for name, label in (("full", "full import"), ("incremental", "incremental re-run after changes"),
                        ("unchanged", "re-run without changes")):
        r = reports[name]
        t = times[name]
        print(f"{label}: median {statistics.median(t):.2f} s (runs: {', '.join(f'{x:.2f}' for x in t)})")
        print(f"  {r.summary()}")
        print(f"  with the polite default delay of 0.3 s: about +{r.requests * 0.3:.0f} s")


if __name__ == "__main__":
    main()
