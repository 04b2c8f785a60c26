"""Evidence viewer: the quote located by character boxes (exact, across lines and hyphenation, partial, absent),
the page rendered with the highlight, and the viewer on the decision detail (AppTest)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import Session, select

from models import Decision, Measure, make_engine
from ratsradar import evidence_view as ev
from tests import pdfgen
from tests.test_app import ERLANGEN_PROPOSAL, app, db_file  # noqa: F401  (db_file is a fixture)

TEXT = ("Stadt Erlangen\nBeschlussvorlage\n\nDer Stadtrat beschließt die Open-Source-Strategie der Stadt Erlangen. "
        "Die Verwaltung richtet eine Koordinierungsstelle Open Source ein und speichert Dokumente künftig im Open "
        "Document Format (ODF). Weitere Sätze folgen hier, damit der Text umbricht und über mehrere Zeilen läuft.")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return pdfgen.make_pdf(tmp_path_factory.mktemp("ev") / "v.pdf", ["Erste Seite.", TEXT])


def test_exact_quote_over_several_lines(pdf):
    loc = ev.locate(pdf, 2, "Die Verwaltung richtet eine Koordinierungsstelle Open Source ein und speichert "
                            "Dokumente künftig im Open Document Format")
    assert loc.exact and len(loc.boxes) == 3
    assert all(0 <= x0 < x1 <= loc.page_width and 0 <= top < bottom <= loc.page_height
               for x0, top, x1, bottom in loc.boxes)
    assert loc.boxes[0][1] < loc.boxes[1][1] < loc.boxes[2][1]  # line by line downwards


def test_case_and_spacing_do_not_matter_and_partial_quotes_are_found(pdf):
    assert ev.locate(pdf, 2, "  open-source-STRATEGIE   der stadt ").exact
    loc = ev.locate(pdf, 2, "richtet eine Koordinierungsstelle Open Source ein, ganz anders weiter")
    assert not loc.exact and loc.boxes
    assert ev.locate(pdf, 2, "Dieser Satz steht nirgends im Dokument").boxes == ()
    assert ev.locate(pdf, 1, "Koordinierungsstelle").boxes == ()  # the other page
    with pytest.raises(ValueError):
        ev.locate(pdf, 3, "x")


def test_render_highlights_the_boxes(pdf):
    loc = ev.locate(pdf, 2, "Koordinierungsstelle Open Source")
    plain = Image.open(io.BytesIO(ev.render(pdf, 2, scale=1.0))).convert("RGB")
    marked = Image.open(io.BytesIO(ev.render(pdf, 2, loc.boxes, scale=1.0))).convert("RGB")
    assert plain.size == marked.size and abs(plain.size[0] - loc.page_width) <= 1
    x0, top, x1, bottom = loc.boxes[0]
    probe = (int(x0) + 1, int(bottom) + 1)  # just below the text, inside the padded box
    assert plain.getpixel(probe) == (255, 255, 255) and marked.getpixel(probe) != (255, 255, 255)
    assert marked.getpixel((5, 5)) == (255, 255, 255)  # nothing outside
    with pytest.raises(ValueError):
        ev.render(pdf, 9)


def test_scanned_page_is_shown_without_highlight(tmp_path):
    path = pdfgen.make_pdf(tmp_path / "scan.pdf", ["Koordinierungsstelle Open Source"], scanned=True)
    png, loc = ev.evidence_png(path, 1, "Koordinierungsstelle Open Source")
    assert loc.boxes == () and png.startswith(b"\x89PNG")


def test_decision_detail_shows_the_page(db_file):
    from ratsradar.ingest import ingest_bytes

    eng = make_engine(db_file)
    app()  # creates the database
    out = ingest_bytes(eng, pdfgen.pdf_bytes(ERLANGEN_PROPOSAL), "erlangen.pdf", publish=True)
    with Session(eng) as s:
        dec = s.exec(select(Decision).where(Decision.id.in_(out.decision_ids), Decision.relevant)).first()
        assert s.exec(select(Measure).where(Measure.decision_id == dec.id, Measure.page.is_not(None))).first()
        uid = dec.uid
    at = app("pages/decisions.py", lang="en", id=uid)
    assert any("Show the evidence in the document" in e.label for e in at.expander)
    assert at.get("image"), "the rendered page is shown"
