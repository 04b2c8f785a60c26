"""Real documents written by others (../shared/corpus, see its MANIFEST.md): every file yields a result.

Skipped when the corpus is absent (a fresh clone has none); corpus files are never copied into the project.
Expected values below were read off the documents by hand (labelled per test).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ratsradar.extraction.ocr import tesseract_available
from ratsradar.record import ERROR_CODES, ExtractionResult

from tests.corpus_cache import CORPUS, extract_cached

# one worker reads the corpus once for all corpus tests (see tests/corpus_cache.py)
pytestmark = [pytest.mark.corpus, pytest.mark.xdist_group("corpus")]

KNOWN_BAD = {
    "duisburg-retrieval-gen/corpus__chunks__20250224_duisburg_ratssitzung__ffentlich__all_tops.pdf": {"not_pdf"},
    "pdfplumber-tests/tests__pdfs__empty.pdf": {"empty"},
    "pdfplumber-tests/tests__pdfs__password-example.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__aes-128-m.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__aes-128.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__aes-256-m.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__aes-256-r6.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__aes-256.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__rc4-128.pdf": {"encrypted"},
    "pdfminer-samples/samples__encryption__rc4-40.pdf": {"encrypted"},
}


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.rglob("*.pdf"))


LIBRARY_SAMPLES = ("pdfplumber-tests/", "pdfminer-samples/")  # papers, forms, tables, statistics, test pages


def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")


def extract(rel: str) -> ExtractionResult:
    need_corpus()
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"{rel} not in this corpus")
    return extract_cached(path)


def test_every_corpus_pdf_yields_a_result() -> None:
    need_corpus()
    files = corpus_files()
    assert len(files) > 100
    problems = []
    for path in files:
        rel = path.relative_to(CORPUS).as_posix()
        result = extract_cached(path)  # must not raise
        assert result.file == path.name
        if result.error is not None:
            assert result.error.code in ERROR_CODES
            assert result.error.message
            assert result.sha256 is not None or path.stat().st_size == 0
            assert result.decisions == ()
        else:
            assert result.pages and len(result.page_texts) == result.pages
            assert result.text_source in ("text_layer", "ocr", "mixed")
            assert result.decisions, rel
            for d in result.decisions:
                assert d.outcome in ("adopted", "amended", "rejected", "deferred", "referred", "noted", "withdrawn", "unknown")
                assert d.relevant or not d.measures
                if rel.startswith(LIBRARY_SAMPLES):  # test files of PDF libraries: none is a council decision
                    assert not d.relevant, rel
                for m in d.measures:
                    assert 1 <= m.page <= result.pages and 0 < len(m.evidence) <= 300
        expected = KNOWN_BAD.get(rel)
        if expected is not None and (result.error is None or result.error.code not in expected):
            problems.append((rel, result.error))
    assert not problems
    # speed is measured in bench/, not here; a hang would be caught by the extraction's own time budget
    # the labelled documents among them read as labelled (data/labels/corpus_labels.json; figures in test_evaluate)
    from tests.test_evaluate import check_corpus_figures, corpus_evaluation

    check_corpus_figures(*corpus_evaluation())


def test_identical_files_get_identical_sha256() -> None:
    need_corpus()
    import hashlib

    groups: dict[str, list[Path]] = {}
    for path in corpus_files():
        groups.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(path)
    twins = [paths for paths in groups.values() if len(paths) > 1]
    assert twins
    for paths in twins:
        shas = {extract(p.relative_to(CORPUS).as_posix()).sha256 for p in paths}
        assert len(shas) == 1


def test_muenchen_budget_proposal() -> None:
    # read by hand: Direktorium HA II/BA, "Sitzungsvorlagen Nr.: 20-26 / V 02284", Datum 22.12.2020,
    # "Beschluss des Bezirksausschusses des 12. Stadtbezirkes vom 19.01.2021"; the printed
    # "einstimmig mehrheitlich" is an unticked option, not an outcome.
    r = extract("muenchen-riski/riski-extractor__src__docling__test_files__6409809.pdf")
    doc = r.document
    assert (doc.municipality, doc.ags, doc.document_type) == ("München", "09162000", "proposal")
    assert doc.reference == "20-26 / V 02284"
    assert doc.date == dt.date(2020, 12, 22)
    assert doc.title is not None and doc.title.startswith("Entscheidung über die Gewährung eines Zuschusses")
    d = r.decisions[0]
    assert (d.date, d.outcome, d.votes, d.relevant) == (dt.date(2021, 1, 19), "unknown", None, False)
    assert d.body is not None and d.body.startswith("Bezirksausschuss")


@pytest.mark.parametrize("name", ["6409813", "6409816", "6409922", "6413493", "6449329"])
def test_muenchen_budget_forms_are_never_decided(name: str) -> None:
    r = extract(f"muenchen-riski/riski-extractor__src__docling__test_files__{name}.pdf")
    assert r.document.municipality == "München"
    assert r.document.reference is not None and r.document.reference.startswith("20-26 / V ")
    assert [d.outcome for d in r.decisions] == ["unknown"]


def test_erlangen_niederschrift() -> None:
    # read by hand: Stadt Erlangen, Niederschrift of 06. April 2022, Besprechung am 05. April 2022,
    # "1. Sitzung des Stadtteilbeirates Büchenbach", TOP 1-3 and "4. Sonstiges"; nothing about free software.
    r = extract("erlangen-sbr-buechenbach/SBR__2022-04-05_Niederschrift_Niederschrift_1_Sitzung_Buechenbach.pdf")
    doc = r.document
    assert (doc.municipality, doc.document_type, doc.body) == ("Erlangen", "minutes", "Stadtteilbeirat Büchenbach")
    assert doc.date == dt.date(2022, 4, 6)
    assert [d.title for d in r.decisions] == ["Sperrungen, Müll, Infrastuktur", "Offene Anträge", "Klimabudget", "Sonstiges"]
    assert all(d.date == dt.date(2022, 4, 5) for d in r.decisions)
    assert not any(d.relevant for d in r.decisions)


def test_erlangen_invitation() -> None:
    r = extract("erlangen-sbr-buechenbach/SBR__2022-04-05_Einladung_Einladung_1_Sitzung_Buechenbach.pdf")
    assert (r.document.municipality, r.document.document_type) == ("Erlangen", "invitation")
    assert all(d.outcome == "unknown" for d in r.decisions)


def test_thurgau_protocol_votes() -> None:
    # read by hand: "Der Rechenschaftsbericht 2022 des Obergerichts wird mit 108:0 Stimmen genehmigt."
    r = extract("ch-thurgau-grosser-rat/pdf__20230816.pdf")
    assert r.document.document_type == "minutes" and r.document.date == dt.date(2023, 8, 16)
    decided = {d.title.split(" (")[0]: (d.outcome, d.votes) for d in r.decisions if d.title}
    outcome, votes = decided["Rechenschaftsbericht 2022 des Obergerichts"]
    assert outcome == "adopted" and votes is not None and (votes.yes, votes.no) == (108, 0)


def test_east_palo_alto_minutes() -> None:
    r = extract("en-us-civic-scraper/civic_scraper__test__eastpaloalto_ca_minutes_2020-01-27.pdf")
    assert (r.document.document_type, r.document.date) == ("minutes", dt.date(2020, 1, 27))
    assert len(r.decisions) >= 5
    assert "adopted" in {d.outcome for d in r.decisions}


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_koeln_scan_is_read_by_ocr() -> None:
    # read by hand (and in _referenz_texts/129244.txt): CDU-Fraktion in der Bezirksvertretung Köln-Porz,
    # "Köln, den 08.09.2008", "Betreff: Anfrage zur nächsten Sitzung der Bezirksvertretung am 23.09.2008".
    r = extract("koeln-ris-ocr-test/ocr-test__orig__129244.pdf")
    assert r.error is None and r.text_source == "ocr" and r.ocr_pages == (1,)
    doc = r.document
    assert (doc.municipality, doc.document_type) == ("Köln", "inquiry")
    assert doc.date == dt.date(2008, 9, 8)
    assert r.decisions[0].date == dt.date(2008, 9, 23)
