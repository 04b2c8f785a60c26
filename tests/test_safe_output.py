"""Safe output: user text never renders as HTML, script or links; CSV cells never run as formulas; uploaded file
names are never paths; the upload limit is stated."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from sqlmodel import Session, select

from models import Document, make_engine, init_db, session_scope
from ratsradar import charts
from ratsradar.ingest import ingest_bytes, store_path_for
from ratsradar.paths import files_dir, runtime_dir
from tests import factories, hostile, pdfgen

HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(1))"
ROOT = Path(__file__).resolve().parents[1]


def rendered_texts(at) -> list[str]:
    """Every text the page sends through Markdown."""
    out = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "success", "error", "warning", "info"):
        for el in getattr(at, kind):
            out.append(str(el.value))
    return out


def assert_escaped(texts: list[str]) -> None:
    hits = [t for t in texts if "alert" in t]
    assert hits, "the hostile text is not shown at all"
    for text in hits:
        plain = text.replace("\\<", "").replace("\\>", "").replace("\\[", "").replace("\\]", "").replace(
            "\\(", "").replace("\\)", "").replace("\\*", "")
        assert "<script" not in plain and "</script" not in plain, text
        assert "**bold**" not in plain, text
        assert "](javascript" not in plain, text


@pytest.fixture()
def db_file(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_hostile_title_and_file_name_render_escaped_in_the_decision_view(db_file):
    from streamlit.testing.v1 import AppTest

    eng = make_engine(db_file)
    init_db(eng)
    with session_scope(eng) as s:
        muni = factories.municipality(s, "Dortmund")
        doc = Document(sha256="a" * 64, file_name=HOSTILE + ".pdf", size=10, pages=1)
        s.add(doc)
        s.flush()
        first = factories.decision(s, muni, dt.date(2023, 5, 4), ["strategy"], title=HOSTILE, uid="XSS-1")
        first.document_id = doc.id
        first.summary = HOSTILE
        later = factories.decision(s, muni, dt.date(2024, 5, 4), ["migration"], title=HOSTILE, uid="XSS-2")
        later.related_uid = "XSS-1"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.query_params["id"] = "XSS-1"
    at.switch_page("pages/decisions.py").run()
    assert not at.exception, at.exception
    texts = rendered_texts(at)
    assert any("alert" in t for t in (el.value for el in at.subheader))  # the title is shown, escaped
    assert_escaped(texts)


def test_hostile_id_in_the_url_renders_escaped(db_file):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.query_params["id"] = HOSTILE
    at.switch_page("pages/decisions.py").run()
    assert not at.exception, at.exception
    assert_escaped(rendered_texts(at))


def test_hostile_upload_name_renders_escaped_and_too_large_is_explained(db_file):
    from tests.test_app import app

    at = app("pages/upload.py", user="anna", role="contributor")
    at.file_uploader(key="rr_up_files").set_value([
        (HOSTILE + ".pdf", b"just text, no PDF", "application/pdf"),
        ("gross.pdf", hostile.oversized(50 * 1024 * 1024), "application/pdf"),
    ])
    next(b for b in at.button if b.label in ("Dateien lesen", "Read files")).click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert_escaped(errors)
    assert any("höchstens 50 MB je Datei" in e for e in errors), errors  # German by default
    with Session(make_engine(db_file)) as s:
        assert s.exec(select(Document)).all() == []


def test_charts_escape_user_text_in_hover_labels():
    table = pd.DataFrame({"municipality": [HOSTILE], "date": [dt.date(2023, 1, 1)], "title": [HOSTILE],
                          "categories": ["strategy"], "reverses": [False], "uid": ["X"], "outcome": ["adopted"],
                          "state": ["NRW"], "date_precision": ["day"]})
    fig = charts.timeline(table, "de")
    hover = " ".join(str(h) for trace in fig.data for h in (trace.hovertext or ()))
    assert "alert" in hover and "<script>" not in hover and "&lt;script&gt;" in hover


def test_map_escapes_place_names_and_a_click_reads_the_name_back():
    df = pd.DataFrame({"municipality": [HOSTILE, "Köln & Umland"], "lat": [50.9, 51.0], "lon": [6.9, 7.0],
                       "decisions": [3, 2], "measures": [1, 1], "state": ["NRW"] * 2, "country": ["DE"] * 2,
                       "level": ["municipality"] * 2, "category": ["strategy", "migration"]})
    fig = charts.decision_map_coloured(df, "de")
    shown = [c[0] for tr in fig.data for c in tr.customdata] + [x for tr in fig.data for x in tr.text]
    assert "&lt;script&gt;" in " ".join(shown) and not any("<script>" in x for x in shown)
    assert sorted(charts.place_of_point(list(c)) for tr in fig.data for c in tr.customdata) == sorted(
        [HOSTILE, "Köln & Umland"])


def test_csv_downloads_neutralise_formulas():
    from pages._ui import csv_bytes

    df = pd.DataFrame({"title": ["=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "normal"], "n": [1, 2, 3, 4, 5]})
    back = pd.read_csv(io.BytesIO(csv_bytes(df)))
    assert list(back["title"]) == ["'=HYPERLINK(\"http://evil\")", "'+1", "'-2", "'@SUM(A1)", "normal"]
    assert list(back["n"]) == [1, 2, 3, 4, 5]  # numbers stay numbers


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\windows\\system32.pdf", "/etc/shadow.pdf",
                                  "a/../../b.pdf", ".hidden.pdf", "x" * 400 + ".pdf"])
def test_uploaded_file_names_are_never_paths(engine, name):
    data = pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL + [f"Anlage zu {name[:20]}"])
    out = ingest_bytes(engine, data, name)
    assert out.status == "created"
    final = store_path_for(out.sha256)
    assert final.exists() and final.parent.parent == files_dir()
    assert final.name == f"{out.sha256}.pdf"
    everything = [p for p in runtime_dir().rglob("*") if p.is_file()]
    assert all(p.is_relative_to(runtime_dir()) for p in everything)
    assert [p for p in everything if p.suffix == ".pdf"] == [final]
    with Session(engine) as s:
        doc = s.exec(select(Document)).one()
    assert "/" not in doc.file_name and len(doc.file_name) <= 255
    assert doc.stored_path == str(final.relative_to(runtime_dir()))
    assert not Path("/etc/passwd.pdf").exists()
