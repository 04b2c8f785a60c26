"""What the guarded extraction (a worker process with memory and time limits, ratsradar/sandbox.py) costs.

Prints medians of 5 runs, in milliseconds, for the text-layer samples in data/samples/ and a 30-page
generated minutes file: extraction in the calling process, guarded with a warm pooled worker (what an upload
pays), and guarded with a cold worker (the first upload after start, or after a worker was killed), and a whole
``ingest_bytes`` (SQLite) guarded vs in process.

    .venv/bin/python bench/bench_guard.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import long_council_pdf, machine  # noqa: E402
from ratsradar import sandbox  # noqa: E402
from ratsradar.extraction import extract_bytes  # noqa: E402
from ratsradar.paths import SAMPLES_DIR  # noqa: E402

RUNS = 5


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    import os

    import models
    from ratsradar.ingest import ingest_bytes

    print(f"machine: {machine()}")
    files = {p.name: p.read_bytes() for p in sorted(SAMPLES_DIR.glob("*.pdf")) if "scan" not in p.name}
    files["generated-30-pages.pdf"] = long_council_pdf(30)
    extract_bytes(next(iter(files.values())), "warm.pdf", ocr=False)  # import and warm the libraries once
    sandbox.guarded_extract(next(iter(files.values())), "warm.pdf", ocr=False)
    print(f"{'file':48} {'in-process':>11} {'guarded warm':>13} {'guarded cold':>13}  (ms, median of {RUNS})")
    for name, data in files.items():
        inproc = median_ms(lambda: extract_bytes(data, name, ocr=False))
        warm = median_ms(lambda: sandbox.guarded_extract(data, name, ocr=False))

        def cold() -> None:
            sandbox.shutdown()
            sandbox.guarded_extract(data, name, ocr=False)

        cold_ms = median_ms(cold)
        print(f"{name:48} {inproc:11.1f} {warm:13.1f} {cold_ms:13.1f}")
    sandbox.guarded_extract(next(iter(files.values())), "warm.pdf", ocr=False)

    data = files["dortmund-beschlussvorlage-koordinierungsstelle.pdf"] if (
        "dortmund-beschlussvorlage-koordinierungsstelle.pdf" in files) else next(iter(files.values()))
    for label, extract in (("in-process", lambda d, n: extract_bytes(d, n, ocr=False)),
                           ("guarded", lambda d, n: sandbox.guarded_extract(d, n, ocr=False))):
        times = []
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as home:
                os.environ["RATSRADAR_HOME"] = home
                engine = models.make_engine(f"sqlite:///{home}/b.db")
                models.init_db(engine)
                start = time.perf_counter()
                out = ingest_bytes(engine, data, "v.pdf", extract=extract)
                times.append((time.perf_counter() - start) * 1000)
                assert out.status == "created", out
                engine.dispose()
        print(f"ingest_bytes (SQLite, one proposal), {label}: {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
