"""Extraction: PDF -> the frozen ``ExtractionResult`` of ``ratsradar.record`` (the extraction contract).

Public API (stable):
- ``extract_path(path, *, ocr=True, settings=None) -> ExtractionResult``
- ``extract_bytes(data, file_name, *, ocr=True, settings=None) -> ExtractionResult``
- ``analyse(page_texts, file_name="") -> (DocumentMeta, decisions)``: the text analysis alone
- ``ExtractionSettings``, ``MAX_BYTES``

Neither function raises for bad input: a bad file yields a result whose ``error`` has one of the codes
``not_pdf``, ``encrypted``, ``empty``, ``corrupt``, ``too_large``, ``timeout`` and an English message; ``sha256``
is set whenever the bytes could be read.

Modules, in the order the data flows: ``pdf`` (open, text layer; pdfplumber only for table layout), ``ocr``
(Tesseract for pages without usable text), ``text`` (hyphenation, letterheads, sentences), ``metadata``
(type, municipality, reference, dates, title, body), ``agenda`` (items of minutes), ``outcomes`` (outcome and
votes), ``measures`` (taxonomy cues), ``dates`` and ``references`` (formats). This package never imports Streamlit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ratsradar.extraction.settings import (
    DEFAULT_TIMEOUT_S,
    MAX_BYTES,
    ExtractionSettings,
)

if TYPE_CHECKING:
    from ratsradar.extraction.pipeline import analyse, extract_bytes, extract_path

__all__ = ["DEFAULT_TIMEOUT_S", "MAX_BYTES", "ExtractionSettings", "analyse", "extract_bytes", "extract_path"]

_PIPELINE = frozenset({"analyse", "extract_bytes", "extract_path"})


def __getattr__(name: str) -> Any:
    # The pipeline (PDF library, rules, taxonomy) is imported on first use: a process that only hands files to
    # an extraction worker (``ratsradar.sandbox``, the CLI's parent) needs the settings and never pays for it.
    if name in _PIPELINE:
        from ratsradar.extraction import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
