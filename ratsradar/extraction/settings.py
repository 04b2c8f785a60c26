"""Validated settings of one extraction run."""

from __future__ import annotations

import os
from dataclasses import dataclass

MAX_BYTES = 50 * 1024 * 1024  # larger uploads are refused with ``too_large``
DEFAULT_TIMEOUT_S = 300.0  # whole-file budget (text layer + OCR)


@dataclass(frozen=True, slots=True)
class ExtractionSettings:
    """What an extraction may do and how long it may take.

    ``max_ocr_pages`` caps how many pages of one file are OCR'd (pages beyond it keep whatever text layer
    they have); ``None`` means no cap. ``timeout_s`` is the budget of the whole file: when it runs out the
    result carries the ``timeout`` error.
    """

    ocr: bool = True
    ocr_lang: str = "deu+eng"
    ocr_dpi: int = 300
    ocr_workers: int = 2
    ocr_page_timeout_s: float = 120.0
    max_ocr_pages: int | None = None
    max_bytes: int = MAX_BYTES
    timeout_s: float = DEFAULT_TIMEOUT_S

    def __post_init__(self) -> None:
        if not 72 <= self.ocr_dpi <= 600:
            raise ValueError(f"ocr_dpi must be within 72..600, not {self.ocr_dpi}")
        if self.ocr_workers < 1:
            raise ValueError("ocr_workers must be at least 1")
        if self.max_ocr_pages is not None and self.max_ocr_pages < 0:
            raise ValueError("max_ocr_pages must be >= 0 or None")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        if self.timeout_s <= 0 or self.ocr_page_timeout_s <= 0:
            raise ValueError("timeouts must be positive")
        if not self.ocr_lang or any(not part.isalnum() and part != "_" for part in self.ocr_lang.split("+")):
            raise ValueError(f"bad Tesseract language spec {self.ocr_lang!r}")


def mib(n_bytes: int | float) -> float:
    return n_bytes / (1024 * 1024)


def too_large_message(size: int, limit: int = MAX_BYTES) -> str:
    """Sizes in MB of 1024 × 1024 bytes, as Streamlit counts ``server.maxUploadSize``."""
    return f"The file is {mib(size):.1f} MB; the limit is {mib(limit):.0f} MB per file."


def sha256_of_file(path: os.PathLike[str] | str) -> str:
    """The sha256 of a file read in chunks (for files too large to read whole)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
