"""End to end: PDFs the tests generate (tests/pdfgen.py) through ``extract_bytes`` / ``extract_path``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import pytest

from tests import pdfgen
from ratsradar.extraction import MAX_BYTES, ExtractionSettings, extract_bytes, extract_path
from ratsradar.extraction.ocr import tesseract_available
from ratsradar.record import ExtractionResult, Votes, result_from_contract


def categories(result: ExtractionResult, index: int = 0) -> set[str]:
    return {m.category for m in result.decisions[index].measures}


@pytest.fixture(scope="module")
def dortmund_bytes() -> bytes:
    # made once: fpdf2 stamps the creation time, so bytes made a second later differ
    return pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL)


@pytest.fixture(scope="module")
def dortmund(dortmund_bytes: bytes) -> ExtractionResult:
    return extract_bytes(dortmund_bytes, "dortmund.pdf")


def test_german_proposal_document(dortmund: ExtractionResult) -> None:
    assert dortmund.error is None
    assert (dortmund.pages, dortmund.text_source, dortmund.ocr_pages) == (2, "text_layer", ())
    doc = dortmund.document
    assert doc.municipality == "Dortmund"
    assert doc.ags == "05913000"
    assert doc.document_type == "proposal"
    assert doc.reference == "26311-22"
    assert doc.date == dt.date(2022, 11, 22)
    assert doc.title == "Einrichtung einer Koordinierungsstelle Digitale Souveränität und Open Source"
    assert doc.body == "Rat der Stadt Dortmund"


def test_german_proposal_is_one_undecided_decision(dortmund: ExtractionResult) -> None:
    assert len(dortmund.decisions) == 1
    d = dortmund.decisions[0]
    assert d.date == dt.date(2022, 12, 15)  # Beratungsfolge: the deciding meeting
    assert d.outcome == "unknown"  # a proposal is not a decision
    assert d.votes is None
    assert d.relevant
    assert categories(dortmund) == {"coordination_office", "strategy", "cooperation", "funding"}
    pages = {m.category: m.page for m in d.measures}
    assert pages == {"coordination_office": 1, "strategy": 1, "cooperation": 2, "funding": 2}
    office = next(m for m in d.measures if m.category == "coordination_office")
    assert office.evidence.startswith("Der Rat der Stadt Dortmund beschließt die Einrichtung einer Koordinierungsstelle")
    assert all(m.direction == "advances" for m in d.measures)


def test_result_has_sha_size_and_page_texts(dortmund: ExtractionResult, dortmund_bytes: bytes) -> None:
    data = dortmund_bytes
    assert dortmund.sha256 == hashlib.sha256(data).hexdigest()
    assert dortmund.size == len(data)
    assert len(dortmund.page_texts) == 2
    assert "Open Source Big 3" in " ".join(dortmund.page_texts[1].split())


def test_contract_json_round_trip(dortmund: ExtractionResult) -> None:
    obj = json.loads(dortmund.to_json_line())
    assert set(obj) == {"file", "sha256", "pages", "text_source", "error", "document", "decisions"}
    assert obj["decisions"][0]["date"] == "2022-12-15"
    assert result_from_contract(obj).to_contract() == obj


def test_german_minutes_with_several_items() -> None:
    r = extract_bytes(pdfgen.pdf_bytes(pdfgen.MINUTES_DE), "niederschrift.pdf")
    assert r.error is None
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.date, doc.body) == (
        "Musterhausen", "minutes", dt.date(2024, 3, 14), "Rat der Stadt Musterhausen")
    titles = [d.title for d in r.decisions]
    assert titles == [
        "Genehmigung der Tagesordnung",
        "Bebauungsplan Nr. 45 „Am Mühlbach“",
        "Antrag der Fraktion Grüne: Umstellung der Verwaltung auf LibreOffice und offene Standards",
        "Open-Source-Strategie der Stadt Musterhausen",
    ]
    assert all(d.date == dt.date(2024, 3, 14) for d in r.decisions)
    top1, top2, top3, top4 = r.decisions
    assert (top1.outcome, top1.relevant, top1.measures) == ("adopted", False, ())
    assert (top2.outcome, top2.votes, top2.relevant, top2.measures) == ("adopted", Votes(30, 5, 2), False, ())
    assert top2.reference == "0412/2024/BV"
    assert (top3.outcome, top3.votes, top3.reference) == ("adopted", Votes(21, 14, 2), "0415/2024/AN")
    assert top3.relevant and categories(r, 2) == {"migration", "open_standards"}
    assert {m.page for m in top3.measures} == {2}
    assert (top4.outcome, top4.votes, top4.reference) == ("deferred", None, "0420/2024/BV")
    assert categories(r, 3) == {"strategy"}


def test_english_minutes() -> None:
    r = extract_bytes(pdfgen.pdf_bytes(pdfgen.ENGLISH_MINUTES), "minutes.pdf")
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.date, doc.body) == (
        "Springfield", "minutes", dt.date(2018, 10, 26), "City Council")
    assert [d.title for d in r.decisions] == ["Approval of the agenda", "Open source software policy"]
    item1, item2 = r.decisions
    assert (item1.outcome, item1.relevant) == ("adopted", False)
    assert (item2.outcome, item2.votes, item2.reference) == ("adopted", Votes(7, 2, 0), "2018-45")
    assert categories(r, 1) == {"strategy", "public_code", "open_standards"}
    assert all(m.page == 1 for m in item2.measures)


def test_motion_request_and_unticked_options_are_not_outcomes() -> None:
    r = extract_bytes(pdfgen.pdf_bytes(pdfgen.MOTION_DE), "antrag.pdf")
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.date) == ("Erlangen", "motion", dt.date(2023, 2, 3))
    d = r.decisions[0]
    assert (d.outcome, d.votes, d.date) == ("unknown", None, dt.date(2023, 3, 23))
    assert d.relevant and "review" in categories(r)


def test_reversal_is_recorded_as_reverses() -> None:
    r = extract_bytes(pdfgen.pdf_bytes(pdfgen.REVERSAL_DE), "vorlage.pdf")
    assert (r.document.municipality, r.document.reference) == ("München", "14-20 / V 09513")
    assert r.decisions[0].date == dt.date(2017, 11, 23)
    migration = next(m for m in r.decisions[0].measures if m.category == "migration")
    assert migration.direction == "reverses"


def test_thirty_page_text_pdf_is_fast_and_drops_letterheads() -> None:
    data = pdfgen.pdf_bytes(pdfgen.long_minutes_pages(30))
    extract_bytes(pdfgen.pdf_bytes(["Stadt Dortmund\nBeschlussvorlage"]), "warm.pdf")  # gazetteer index built once
    start = time.perf_counter()
    r = extract_bytes(data, "long.pdf")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"30 pages took {elapsed:.2f} s"
    assert r.pages == 30 and len(r.decisions) == 30
    relevant = [d for d in r.decisions if d.relevant]
    assert len(relevant) == 1
    item = relevant[0]
    assert (item.outcome, item.votes, item.page) == ("adopted", Votes(25, 10, 1), 29)
    assert {m.category for m in item.measures} == {"migration", "infrastructure"}
    assert all(m.page == 29 for m in item.measures)


def test_extract_path_matches_extract_bytes(tmp_path: Path) -> None:
    path = pdfgen.make_pdf(tmp_path / "vorlage.pdf", pdfgen.DORTMUND_PROPOSAL)
    r = extract_path(path)
    assert r.file == "vorlage.pdf"
    assert r.to_contract() == extract_bytes(path.read_bytes(), "vorlage.pdf").to_contract()


# --- OCR -------------------------------------------------------------------------------------------------------
needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")


@needs_tesseract
def test_scanned_proposal_goes_through_tesseract() -> None:
    r = extract_bytes(pdfgen.scanned_pdf_bytes(pdfgen.DORTMUND_PROPOSAL), "scan.pdf")
    assert r.error is None
    assert (r.text_source, r.ocr_pages, r.pages) == ("ocr", (1, 2), 2)
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.reference, doc.date) == (
        "Dortmund", "proposal", "26311-22", dt.date(2022, 11, 22))
    d = r.decisions[0]
    assert d.date == dt.date(2022, 12, 15)
    assert d.relevant
    assert {"coordination_office", "cooperation", "funding"} <= categories(r)
    assert next(m for m in d.measures if m.category == "funding").page == 2


@needs_tesseract
def test_mixed_text_sources(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for src in (pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL[:1]), pdfgen.scanned_pdf_bytes(pdfgen.DORTMUND_PROPOSAL[1:])):
        merged.import_pages(pdfium.PdfDocument(src))
    out = tmp_path / "mixed.pdf"
    merged.save(out)
    r = extract_path(out)
    assert (r.text_source, r.ocr_pages) == ("mixed", (2,))
    assert "funding" in categories(r)


def test_ocr_can_be_switched_off() -> None:
    r = extract_bytes(pdfgen.scanned_pdf_bytes(pdfgen.DORTMUND_PROPOSAL[:1]), "scan.pdf", ocr=False)
    assert r.error is not None and r.error.code == "empty"
    assert r.pages == 1 and r.sha256


# --- bad input ---------------------------------------------------------------------------------------------------
def _bad(data: bytes, name: str = "bad.pdf", **kw: object) -> ExtractionResult:
    r = extract_bytes(data, name, **kw)  # type: ignore[arg-type]
    assert r.error is not None
    assert r.decisions == ()
    assert r.error.message and r.error.message[0].isupper()
    return r


def test_empty_bytes() -> None:
    r = _bad(b"")
    assert r.error.code == "empty" and r.sha256 is None  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [b'{"top": 1, "text": "Niederschrift"}\n', b"Hello, this is plain text.", b"\x89PNG\r\n\x1a\n" + bytes(100)])
def test_not_a_pdf(data: bytes) -> None:
    r = _bad(data)
    assert r.error.code == "not_pdf"  # type: ignore[union-attr]
    assert r.sha256 == hashlib.sha256(data).hexdigest()


def test_random_bytes_behind_a_pdf_header() -> None:
    import random

    rng = random.Random(7)
    data = b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(5000))
    r = _bad(data)
    assert r.error.code == "corrupt" and r.sha256  # type: ignore[union-attr]


def test_truncated_pdf() -> None:
    data = pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL)
    r = _bad(data[: len(data) // 2])
    assert r.error.code == "corrupt"  # type: ignore[union-attr]


def test_encrypted_pdf() -> None:
    r = _bad(pdfgen.encrypted_pdf_bytes(pdfgen.DORTMUND_PROPOSAL))
    assert r.error.code == "encrypted"  # type: ignore[union-attr]
    assert "password" in r.error.message  # type: ignore[union-attr]


def test_too_large() -> None:
    data = pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL)
    r = _bad(data, settings=ExtractionSettings(max_bytes=1000))
    assert r.error.code == "too_large" and r.sha256 == hashlib.sha256(data).hexdigest()  # type: ignore[union-attr]
    assert MAX_BYTES >= 50 * 1024 * 1024


def test_too_large_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(3000))
    r = extract_path(path, settings=ExtractionSettings(max_bytes=1000))
    assert r.error is not None and r.error.code == "too_large" and r.sha256


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    r = extract_path(tmp_path / "nope.pdf")
    assert r.error is not None and r.error.code == "corrupt" and r.sha256 is None


def test_timeout() -> None:
    data = pdfgen.pdf_bytes(pdfgen.long_minutes_pages(5))
    r = _bad(data, settings=ExtractionSettings(timeout_s=1e-9))
    assert r.error.code == "timeout"  # type: ignore[union-attr]


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        ExtractionSettings(ocr_dpi=5)
    with pytest.raises(ValueError):
        ExtractionSettings(ocr_lang="deu; rm -rf /")


def test_package_never_imports_streamlit() -> None:
    import subprocess
    import sys

    code = "import sys, ratsradar.extraction as e; e.analyse(('Stadt Dortmund',)); print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"
