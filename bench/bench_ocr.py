"""Scans: OCR seconds per page, pages read one at a time against in parallel (``ExtractionSettings.ocr_workers``).

    .venv/bin/python bench/bench_ocr.py [--pages 6] [--runs 3]

A generated scanned PDF (``tests.pdfgen.scanned_pdf_bytes``: the pages as images, no text layer) is extracted
in-process with real Tesseract, once with ``ocr_workers=1`` and once with one worker per core; medians of
``--runs``. Prints seconds per page and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from common import OUT, machine


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from ratsradar.extraction import extract_bytes
    from ratsradar.extraction.ocr import tesseract_available
    from ratsradar.extraction.settings import ExtractionSettings
    from tests import pdfgen

    if not tesseract_available():
        raise SystemExit("Tesseract is not installed")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"scan-{args.pages}p.pdf"
    if not path.exists():
        pages = [p for p in pdfgen.long_minutes_pages(args.pages)][: args.pages]
        path.write_bytes(pdfgen.scanned_pdf_bytes(pages))
    data = path.read_bytes()
    cores = os.cpu_count() or 1
    times: dict[int, list[float]] = {1: [], cores: []}
    for _ in range(args.runs):
        for workers in times:  # interleaved
            t0 = time.perf_counter()
            result = extract_bytes(data, path.name, settings=ExtractionSettings(ocr_workers=workers))
            times[workers].append(time.perf_counter() - t0)
            assert result.error is None and result.text_source == "ocr", result.error
    print(f"machine: {machine()}")
    print(f"file: {path.name} ({args.pages} scanned pages, 200 dpi images; OCR at 300 dpi, deu+eng); "
          f"{args.runs} runs, medians")
    med = {w: statistics.median(ts) for w, ts in times.items()}
    for w, m in med.items():
        print(f"ocr_workers={w}: {m:.2f} s per file, {m / args.pages:.2f} s per page")
    print(f"speed-up {cores} workers / 1 worker: {med[1] / med[cores]:.2f}x")


if __name__ == "__main__":
    main()
