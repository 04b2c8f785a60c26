"""One extraction per corpus file per test process, shared by the corpus tests (robustness and evaluation).

The big corpus test reads every file once and the evaluation of the labelled documents reuses those results.
"""

from __future__ import annotations

from pathlib import Path

from ratsradar.extraction import ExtractionSettings, extract_path
from ratsradar.record import ExtractionResult

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# OCR is capped at one page per file so the corpus tests stay around a minute on two cores.
SETTINGS = ExtractionSettings(max_ocr_pages=1, timeout_s=120)
_CACHE: dict[str, ExtractionResult] = {}


def extract_cached(path: Path) -> ExtractionResult:
    key = path.resolve().as_posix()
    if key not in _CACHE:
        _CACHE[key] = extract_path(path, settings=SETTINGS)
    return _CACHE[key]
