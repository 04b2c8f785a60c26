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

from ratsradar.extraction.pipeline import analyse, extract_bytes, extract_path
from ratsradar.extraction.settings import DEFAULT_TIMEOUT_S, MAX_BYTES, ExtractionSettings

__all__ = ["DEFAULT_TIMEOUT_S", "MAX_BYTES", "ExtractionSettings", "analyse", "extract_bytes", "extract_path"]
