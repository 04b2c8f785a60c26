"""Cheap checks of uploaded bytes before a PDF library sees them, and the ``PdfProblem`` they report.

Kept apart from ``pdf`` so that a process that only forwards files to an extraction worker (``ratsradar.sandbox``)
can answer empty or non-PDF uploads without importing the PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PdfProblem:
    code: str
    message: str


def sniff(data: bytes) -> PdfProblem | None:
    """Cheap checks before pdfium sees the bytes."""
    if not data:
        return PdfProblem("empty", "The file is empty (0 bytes).")
    head = data[:1024]
    if b"%PDF-" not in head:
        stripped = data[:64].lstrip()
        kind = "a text or JSON file" if stripped[:1] in (b"{", b"[") or _looks_textual(data[:2048]) else "not a PDF"
        return PdfProblem("not_pdf", f"The file is not a PDF ({kind}); it does not start with a PDF header.")
    return None


def _looks_textual(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
