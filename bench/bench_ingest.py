"""Bulk ingest: ``ratsradar ingest`` over a folder of generated PDFs, one worker against all cores.

    .venv/bin/python bench/bench_ingest.py [--files 1000] [--pages 3] [--runs 3]

Each run ingests the whole folder into a fresh SQLite database (whole process, medians of ``--runs``). Then an
interrupted run: the ingest is SIGKILLed midway and run again; the second run must only read what is missing
(no duplicates, no half records). Prints files/s and pages/s.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import OUT, ROOT, machine

EXE = str(ROOT / ".venv" / "bin" / "ratsradar")
LINE = re.compile(r"(\d+) created, (\d+) duplicate, (\d+) failed · (\d+) pages in ([\d.]+) s \(([\d.]+) pages/s\)")


def make_folder(n: int, pages: int) -> Path:
    from tests import pdfgen

    folder = OUT / f"ingest-{n}x{pages}p"
    folder.mkdir(parents=True, exist_ok=True)
    have = len(list(folder.glob("*.pdf")))
    for i in range(have, n):
        body = [f"Stadt Musterstadt {i}\nBeschlussvorlage Drucksache {i:05d}/2024\nDer Rat beschließt am "
                f"{1 + i % 28}.{1 + i % 12}.2024 die Einführung von LibreOffice (Vorlage {i}).\n"
                + "Die Verwaltung berichtet zum Sachstand. " * 40] + [
                f"Seite {p + 2}\n" + f"Begründung {i}/{p}: die Verwaltung prüft offene Standards. " * 30
                for p in range(pages - 1)]
        (folder / f"doc-{i:05d}.pdf").write_bytes(pdfgen.pdf_bytes(body))
    return folder


def _env(home: str) -> dict[str, str]:
    env = {**os.environ, "RATSRADAR_HOME": home, "DATABASE_URL": f"sqlite:///{home}/bench.db"}
    if not Path(home, "bench.db").exists():  # a fresh database with the account the drafts belong to
        subprocess.run([EXE, "user", "add", "bench", "--role", "contributor", "--password-stdin"], env=env,
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, input="bench-password-1234\n", text=True)
    return env


def ingest(folder: Path, home: str, workers: int) -> tuple[float, re.Match[str]]:
    env = _env(home)
    t0 = time.perf_counter()
    res = subprocess.run([EXE, "ingest", str(folder), "--quiet", "--user", "bench", "--workers", str(workers)],
                         env=env, cwd=ROOT,
                         capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    m = LINE.search(res.stdout)
    if not m:
        raise SystemExit(f"unexpected output: {res.stdout[-500:]} {res.stderr[-2000:]}")
    return wall, m


def interrupted(folder: Path, n: int, workers: int) -> str:
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        proc = subprocess.Popen([EXE, "ingest", str(folder), "--user", "bench", "--workers", str(workers)],
                                env=env, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                start_new_session=True)
        seen = 0
        assert proc.stdout is not None
        for line in proc.stdout:
            seen += ": created" in line
            if seen >= n // 3:
                break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        db = sqlite3.connect(f"{home}/bench.db")
        before = db.execute("select count(*) from document").fetchone()[0]
        db.close()
        wall, m = ingest(folder, home, workers)
        db = sqlite3.connect(f"{home}/bench.db")
        docs, dup_sha = db.execute("select count(*), count(*) - count(distinct sha256) from document").fetchone()
        half = db.execute("select count(*) from document d where not exists "
                          "(select 1 from decision x where x.document_id = d.id)").fetchone()[0]
        db.close()
        return (f"killed (SIGKILL) after {before} files stored; re-run: {m.group(1)} created, {m.group(2)} "
                f"duplicate, {m.group(3)} failed in {wall:.1f} s; documents {docs}/{n}, duplicate rows {dup_sha}, "
                f"documents without decisions {half}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    folder = make_folder(args.files, args.pages)
    results: dict[int, list[tuple[float, re.Match[str]]]] = {1: [], args.workers: []}
    for _ in range(args.runs):
        for w in results:
            with tempfile.TemporaryDirectory() as home:
                results[w].append(ingest(folder, home, w))
    print(f"machine: {machine()}")
    print(f"folder: {args.files} generated PDFs of {args.pages} pages; {args.runs} runs each, medians")
    med = {}
    for w, rs in results.items():
        wall = statistics.median(r[0] for r in rs)
        pps = statistics.median(float(r[1].group(6)) for r in rs)
        med[w] = wall
        print(f"--workers {w}: {wall:.1f} s whole process, {args.files / wall:.1f} files/s, ingest's own figure "
              f"{pps:.1f} pages/s; last line: {rs[-1][1].group(0)}")
    print(f"speed-up --workers {args.workers} / --workers 1: {med[1] / med[args.workers]:.2f}x")
    print("resume: " + interrupted(folder, args.files, args.workers))


if __name__ == "__main__":
    main()
