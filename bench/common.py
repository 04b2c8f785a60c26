"""Helpers for the benchmarks: generated PDFs, timing with medians, peak memory of a child process."""

from __future__ import annotations

import platform
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

    import datetime as dt

    return (f"{cpu_model()}, {platform.machine()}, {os.cpu_count()} cores (nproc), Python "
            f"{platform.python_version()}, {dt.date.today().isoformat()}")


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
    import os

    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the maximum over all children
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return wall, usage.ru_maxrss / 1024


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
