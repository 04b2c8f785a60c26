"""Helpers for the benchmarks: generated PDFs, timing with medians, peak memory of a child process."""

from __future__ import annotations

import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def long_council_pdf(pages: int) -> bytes:
    """A text PDF of council minutes with ``pages`` pages (generated; agenda items every few pages)."""
    from tests import pdfgen

    body = []
    for i in range(pages):
        top = i // 3 + 1
        text = [f"TOP {top} Tagesordnungspunkt {top}" if i % 3 == 0 else ""]
        text += [f"Die Verwaltung berichtet zu Punkt {top}. Der Rat nimmt den Bericht zur Kenntnis. " * 3] * 12
        if i % 10 == 5:
            text.append("Der Rat beschließt die Einführung von LibreOffice und offenen Standards (ODF).")
            text.append("Abstimmungsergebnis: einstimmig beschlossen.")
        body.append("\n".join(text))
    return pdfgen.pdf_bytes(body)


def median_time(fn: Callable[[], object], runs: int = 5) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def run_process(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of a whole child process."""
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024
