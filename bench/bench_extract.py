"""Extract: ``ratsradar extract`` of a 200-page text PDF (whole process) against a bare pypdfium2 extraction.

    .venv/bin/python bench/bench_extract.py [--runs 3] [--pages 200] [--plumber]

Prints medians of whole-process wall time and peak memory for
  * ``ratsradar extract --json FILE`` (the real command, Python start-up and imports included),
  * a bare pypdfium2 text extraction of the same file, as a process and in-process (the reference),
  * optionally (``--plumber``) pdfplumber's plain ``extract_text`` over every page, once (slow: ~1 min).
Target: ratsradar extract <= 3x the bare pypdfium2 extraction; peak memory <= 400 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from common import OUT, ROOT, long_council_pdf, machine, run_process

BARE = """
import sys, pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1])
n = 0
for i in range(len(doc)):
    page = doc[i]
    tp = page.get_textpage()
    n += len(tp.get_text_bounded())
    tp.close(); page.close()
print(n)
"""


def bare_inprocess(path: str) -> float:
    import pypdfium2 as pdfium

    t0 = time.perf_counter()
    doc = pdfium.PdfDocument(path)
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        tp.get_text_bounded()
        tp.close()
        page.close()
    doc.close()
    return time.perf_counter() - t0


def plumber(path: str) -> float:
    import pdfplumber

    t0 = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--plumber", action="store_true", help="also time pdfplumber extract_text (once)")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = OUT / f"council-{args.pages}p.pdf"
    if not pdf.exists():
        pdf.write_bytes(long_council_pdf(args.pages))
    exe = str(ROOT / ".venv" / "bin" / "ratsradar")
    py = sys.executable
    rr, bare_proc, bare_in = [], [], []
    for _ in range(args.runs):  # interleaved, so that both see the same machine state
        rr.append(run_process([exe, "extract", "--json", str(pdf)]))
        bare_proc.append(run_process([py, "-c", BARE, str(pdf)]))
        bare_in.append(bare_inprocess(str(pdf)))
    med = lambda xs: statistics.median(xs)  # noqa: E731
    rr_wall, rr_mem = med([w for w, _ in rr]), max(m for _, m in rr)
    bp_wall = med([w for w, _ in bare_proc])
    bi = med(bare_in)
    print(f"machine: {machine()}")
    print(f"file: {pdf.name} ({args.pages} pages, {pdf.stat().st_size / 1e6:.1f} MB), {args.runs} runs, medians")
    print(f"ratsradar extract --json (whole process): {rr_wall:.3f} s, peak RSS {rr_mem:.0f} MB "
          f"(runs: {', '.join(f'{w:.3f}' for w, _ in rr)})")
    print(f"bare pypdfium2, whole process:            {bp_wall:.3f} s")
    print(f"bare pypdfium2, in-process:               {bi:.3f} s")
    print(f"ratio ratsradar/bare process: {rr_wall / bp_wall:.2f}x; ratsradar/bare in-process: {rr_wall / bi:.2f}x "
          f"(target <= 3x; peak <= 400 MB)")
    if args.plumber:
        p = plumber(str(pdf))
        print(f"pdfplumber extract_text, every page, once: {p:.2f} s ({p / bi:.0f}x bare in-process)")


if __name__ == "__main__":
    main()
