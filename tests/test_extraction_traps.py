"""Regression tests for extraction traps of real council documents, one per bug (each test is named after it).

Each trap is shown on a document the tests generate themselves (tests/pdfgen.py) and read through the whole
pipeline; where a labelled corpus document shows the same trap, a second test reads it from ../shared/corpus
(skipped when that folder is absent).
"""

from __future__ import annotations

import datetime as dt

import pytest

from ratsradar.extraction import extract_bytes
from ratsradar.record import ExtractionResult

from tests import pdfgen
from tests.corpus_cache import CORPUS, extract_cached


def read(pages: list[str], name: str = "doc.pdf") -> ExtractionResult:
    result = extract_bytes(pdfgen.pdf_bytes(pages), name, ocr=False)
    assert result.error is None
    return result


def corpus(rel: str) -> ExtractionResult:
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"{rel} not in the corpus (../shared/corpus)")
    return extract_cached(path)


corpus_test = pytest.mark.corpus


# --- titles ---------------------------------------------------------------------------------------------------------
def test_letter_without_betreff_label_takes_the_subject_line_not_the_letterhead() -> None:
    # the subject sits between the date line and the salutation; an addressee block and a receipt stamp come between
    inquiry = read(["""SPD-Fraktion in der Bezirksvertretung Lindenthal
Aachener Str. 220, 50931 Köln
Herrn Oberbürgermeister
Max Mustermann
Köln, den 23. Januar 2012
Sanierung des Spielplatzes im Beethovenpark
Eingang 24. Jan. 2012
Frau Bezirksbürgermeisterin
Erika Musterfrau
Sehr geehrte Frau Bezirksbürgermeisterin,
wir bitten Sie, folgende Anfrage auf die Tagesordnung der nächsten Sitzung der Bezirksvertretung Lindenthal
am 30.01.2012 zu setzen: Wann wird der Spielplatz saniert?"""])
    assert inquiry.document.title == "Sanierung des Spielplatzes im Beethovenpark"
    assert inquiry.decisions[0].title == inquiry.document.title
    # a subject over two lines and a "hier:" line, no salutation
    letter = read(["""14
141/4
67
Kauf eines Kehrfahrzeugs mit Schneepflug (voraussichtliche
Kosten ca. 90.000,00 €)
hier: Bedarfsprüfung (141/12/08)
Mit Schreiben vom 05.06.2008 übersandten Sie mir das Ergebnis Ihrer Bedarfsprüfung für die Beschaffung
eines Kehrfahrzeugs. Ich erkenne daher den Bedarf an."""])
    assert letter.document.title == ("Kauf eines Kehrfahrzeugs mit Schneepflug (voraussichtliche Kosten ca. 90.000,00 €)"
                                     " – Bedarfsprüfung (141/12/08)")


@corpus_test
@pytest.mark.parametrize(("name", "title"), [
    ("344624", "Abschaltung von Straßenlaternen in Köln-Sülz"),
    ("345458", "Bauvorhaben Räuberwäldchen, Köln-Klettenberg"),
    ("359812", "Co-Finanzierung des Forschungsprojekts"),
    ("119482", "Kauf eines Schleppers"),
])
def test_letter_without_betreff_label_takes_the_subject_line_in_cologne_scans(name: str, title: str) -> None:
    r = corpus(f"koeln-ris-ocr-test/ocr-test__orig__{name}.pdf")
    assert r.document.title is not None and r.document.title.startswith(title)
