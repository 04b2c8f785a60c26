"""OCR of pages without a usable text layer: pypdfium2 renders, Tesseract (via pytesseract) reads.

Pages are rendered one at a time in the calling thread (pdfium is not thread-safe) and read by a small
thread pool: each Tesseract call is its own process, so threads are enough to use several cores. Tesseract's
own OpenMP threads are limited to one per process so the pool does not oversubscribe the machine.
A page that reads like garbage is retried after Tesseract's orientation detection (rotated scans).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pypdfium2 as pdfium

from ratsradar.extraction.text import letter_count, normalise_page, word_quality


@dataclass(frozen=True, slots=True)
class OcrOutcome:
    texts: dict[int, str]  # 0-based page index -> text
    timed_out: bool
    failed: tuple[int, ...] = ()  # pages Tesseract could not read


def tesseract_available() -> bool:
    try:
        import pytesseract

        pytesseract.get_tesseract_version()
    except Exception:
        return False
    return True


def _score(text: str) -> float:
    return letter_count(text) * (0.2 + word_quality(text))


def _read(image: object, lang: str, timeout: float) -> str:
    import pytesseract

    text = pytesseract.image_to_string(image, lang=lang, config="--psm 3", timeout=timeout)
    best = normalise_page(text)
    if word_quality(best) >= 0.5 and letter_count(best) >= 40:
        return best
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout, output_type=pytesseract.Output.DICT)
        angle = int(osd.get("rotate", 0))
    except Exception:
        angle = 0
    if angle:
        rotated = image.rotate(-angle, expand=True)  # type: ignore[attr-defined]
        again = normalise_page(pytesseract.image_to_string(rotated, lang=lang, config="--psm 3", timeout=timeout))
        if _score(again) > _score(best):
            best = again
    return best


def ocr_pages(
    doc: pdfium.PdfDocument,
    indices: Iterable[int],
    *,
    lang: str,
    dpi: int,
    workers: int,
    page_timeout_s: float,
    deadline: float,
) -> OcrOutcome:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    texts: dict[int, str] = {}
    failed: list[int] = []
    timed_out = False
    pending: list[tuple[int, Future[str]]] = []

    def collect(block_until: int) -> None:
        nonlocal timed_out
        while len(pending) > block_until:
            index, fut = pending.pop(0)
            remaining = deadline - time.monotonic()
            try:
                texts[index] = fut.result(timeout=max(remaining, 0.01))
            except TimeoutError:
                timed_out = True
                fut.cancel()
            except Exception:
                failed.append(index)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ratsradar-ocr") as pool:
        for index in indices:
            if timed_out or time.monotonic() > deadline:
                timed_out = True
                break
            try:
                page = doc[index]
                try:
                    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                finally:
                    page.close()
            except Exception:
                failed.append(index)
                continue
            timeout = min(page_timeout_s, max(deadline - time.monotonic(), 1.0))
            pending.append((index, pool.submit(_read, image, lang, timeout)))
            collect(block_until=workers * 2)
        if not timed_out:
            collect(block_until=0)
        else:
            for _, fut in pending:
                fut.cancel()
    return OcrOutcome(texts=texts, timed_out=timed_out, failed=tuple(failed))
