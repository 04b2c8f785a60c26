"""Upload to reviewable draft: a 30-page text PDF, from bytes to draft rows (extraction + ingest).

    .venv/bin/python bench/bench_upload.py [--runs 5] [--pages 30]
"""

from __future__ import annotations

import argparse
import os
import tempfile

from common import long_council_pdf, machine, median_time

from models import make_engine
from ratsradar.bootstrap import prepare


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RATSRADAR_HOME"] = tmp
        from ratsradar import gazetteer
        from ratsradar.ingest import ingest_bytes

        gazetteer.warm()
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        prepare(engine, seed=False)
        docs = [long_council_pdf(args.pages) + f"\n%{i}\n".encode() for i in range(args.runs)]
        it = iter(docs)
        med, times = median_time(lambda: ingest_bytes(engine, next(it), "bench.pdf"), runs=args.runs)
    print(f"machine: {machine()}")
    print(f"upload->draft, {args.pages}-page text PDF: median {med:.3f} s over {args.runs} runs "
          f"(runs: {', '.join(f'{t:.3f}' for t in times)}); target < 2 s")


if __name__ == "__main__":
    main()
