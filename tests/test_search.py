"""Full-text search on SQLite (FTS5) and PostgreSQL (German tsvector): what it finds, that it stays in step with
every write, that it combines with the filters, that no query text breaks it, and safe highlighted snippets."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

import models
from models import Decision, Document, Measure, session_scope
from ratsradar import queries, search
from ratsradar.filters import Filters
from tests.factories import decision, municipality, small_record
from tests.test_app import app, db_file, texts  # noqa: F401  (db_file is a fixture)


def found(engine, q: str, **kw) -> set[str]:
    with Session(engine) as s:
        return set(queries.decisions(session=s, f=Filters(text=q, **kw))["uid"])


@pytest.fixture()
def record(engine):
    with session_scope(engine) as s:
        small_record(s)
        doc = Document(sha256="a" * 64, file_name="protokoll.pdf", size=10,
                       text="Niederschrift der Sitzung. Der Rat beschließt die Einführung von LibreOffice in allen "
                            "Schulen.")
        s.add(doc)
        s.flush()
        dec = s.exec(select(Decision).where(Decision.uid == "M-2024")).one()
        dec.document_id = doc.id
        dec.summary = "Die Stadt richtet Koordinierungsstellen für Open Source ein."
    return engine


def test_finds_title_summary_evidence_document_and_place(record):
    assert found(record, "Koordinierungsstelle") == {"DO-2022", "M-2024"}  # title / summary
    assert found(record, "Beleg migration") == {"M-2017"}  # evidence quote of the measure
    assert found(record, "LibreOffice Schulen") == {"M-2024"}  # document text
    assert found(record, "Berlin") == {"BE-2022"}  # place name
    assert found(record, "koordinierung") == {"DO-2022", "M-2024"}  # prefix, any case
    assert found(record, "Dortmund Koordinierungsstelle") == {"DO-2022"}  # words from different fields
    assert found(record, "Koordinierungsstelle nirgendwo") == set()


def test_combines_with_every_filter(record):
    assert found(record, "Koordinierungsstelle", municipalities=("München",)) == {"M-2024"}
    assert found(record, "Koordinierungsstelle", year_from=2023) == {"M-2024"}
    assert found(record, "Beleg", categories=("review",)) == {"DO-2022b"}
    assert found(record, "Beleg", outcomes=("rejected",)) == {"BE-2022"}
    with Session(record) as s:
        h = queries.headline(session=s, f=Filters(text="Koordinierungsstelle"))
        assert h["decisions"] == 2 and h["municipalities"] == 2
        assert queries.count_decisions(session=s, f=Filters(text="LibreOffice")) == 1
        assert not queries.map_points(session=s, f=Filters(text="LibreOffice")).empty


def test_drafts_and_irrelevant_are_never_found(record):
    assert found(record, "Beschluss") == {"DO-2021", "DO-2022b", "M-2017", "M-2024", "BE-2022"}  # default titles


@pytest.mark.parametrize("q", ['"', "* OR NEAR(", "') ; DROP TABLE decision; --", "a:* & !b | <->", "\\", "%_%",
                               "title:Koordinierungsstelle", "^", "AND OR NOT"])
def test_hostile_query_text_is_harmless(record, q):
    found(record, q)  # no error, whatever it finds
    with Session(record) as s:
        assert s.exec(select(Decision)).first() is not None


def test_index_follows_inserts_updates_and_deletes(record):
    assert found(record, "Quantencomputer") == set()
    with session_scope(record) as s:
        dec = s.exec(select(Decision).where(Decision.uid == "DO-2021")).one()
        dec.title = "Quantencomputer für alle"
        m = s.exec(select(Measure).where(Measure.decision_id == dec.id)).first()
        m.evidence = "Zitat über Nextcloud"
    assert found(record, "Quantencomputer") == {"DO-2021"}
    assert found(record, "Nextcloud") == {"DO-2021"}
    assert found(record, "Memorandum") == set()
    with session_scope(record) as s:
        muni = municipality(s, "Köln", state="Nordrhein-Westfalen")
        decision(s, muni, dt.date(2025, 1, 1), ["strategy"], uid="K-1", title="Souveräner Arbeitsplatz")
    assert found(record, "Arbeitsplatz") == {"K-1"}
    with session_scope(record) as s:
        dec = s.exec(select(Decision).where(Decision.uid == "K-1")).one()
        for m in s.exec(select(Measure).where(Measure.decision_id == dec.id)):
            s.delete(m)
        s.flush()
        s.delete(dec)
    assert found(record, "Arbeitsplatz") == set()
    with session_scope(record) as s:
        doc = s.exec(select(Document)).one()
        doc.text = "Jetzt geht es um Matrix."
    assert found(record, "LibreOffice") == set() and found(record, "Matrix") == {"M-2024"}


def test_rebuild_is_idempotent_and_repairs_an_index_made_later(record):
    search.rebuild(record)
    search.rebuild(record)
    models.init_db(record)
    assert found(record, "Koordinierungsstelle") == {"DO-2022", "M-2024"}


def test_a_database_from_before_the_index_gets_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    eng = models.make_engine(url)
    models.init_db(eng)
    with session_scope(eng) as s:
        small_record(s)
    with eng.begin() as conn:  # as an earlier version left it: no full-text tables
        for fts in ("decision_fts", "measure_fts", "document_fts"):
            for suffix in ("ai", "ad", "au"):
                conn.execute(text(f"DROP TRIGGER {fts}_{suffix}"))
            conn.execute(text(f"DROP TABLE {fts}"))
    models.init_db(eng)
    assert found(eng, "Koordinierungsstelle") == {"DO-2022"}
    eng.dispose()


@pytest.mark.postgres
def test_postgres_uses_german_stemming(pg_server):
    url = pg_server.create_database()
    eng = models.make_engine(url)
    try:
        models.init_db(eng)
        with session_scope(eng) as s:
            small_record(s)
        assert found(eng, "Koordinierungsstellen") == {"DO-2022"}  # plural -> same stem
        with eng.connect() as conn:
            names = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename IN "
                                          "('decision','measure','document')")).scalars())
        assert {"ix_decision_fulltext", "ix_measure_fulltext", "ix_document_fulltext"} <= names
    finally:
        eng.dispose()
        pg_server.drop_database(url)


def test_terms():
    assert search.terms('  Open-Source "Strategie" OR  strategie ') == ["open", "source", "strategie", "or"]
    assert search.terms("') ; --") == []
    assert len(search.terms(" ".join(f"w{i}" for i in range(20)))) == 8


def test_snippet_escapes_then_marks():
    s = search.snippet(["<script>alert(1)</script> Die Stadt beschließt die Open-Source-Strategie & mehr"],
                       "strategie")
    assert "<script>" not in s and "&lt;script&gt;" in s
    assert "<mark>Strategie</mark>" in s and "&amp; mehr" in s
    assert search.snippet(["nichts"], "strategie") is None
    assert search.snippet(["x"], "") is None
    long = "Anfang " + "füllwort " * 100 + "Koordinierungsstellen " + "ende " * 100
    s = search.snippet([long], "Koordinierungsstelle", width=80)
    assert s.startswith("… ") and s.endswith(" …") and "<mark>Koordinierungsstellen</mark>" in s


def test_snippets_prefer_the_decision_then_the_document(record):
    with Session(record) as s:
        out = search.snippets(session=s, uids=["M-2024", "DO-2022", "M-2017"], query="Koordinierungsstelle")
        assert "<mark>Koordinierungsstellen</mark>" in out["M-2024"] and "M-2017" not in out
        out = search.snippets(session=s, uids=["M-2024"], query="LibreOffice")
        assert "<mark>LibreOffice</mark>" in out["M-2024"]


def test_decisions_page_shows_highlighted_hits(db_file):
    at = app("pages/decisions.py", lang="de", q="Koordinierungsstelle")
    assert not at.exception
    hits = [m.value for m in at.markdown if "<mark>" in m.value]
    assert hits and all("<mark>" in h for h in hits)
    assert any(e.label.endswith("Treffer für „Koordinierungsstelle“: " + str(len(hits))) or "Treffer" in e.label
               for e in at.expander)


def test_term_list_answers_how_many_decisions_a_word_is_in_as_counting_does(record):
    """``_in_texts`` reads the index's term list where it can (plain ASCII words); its answers must be those of
    counting the decisions that match, also for prefixes of several terms, umlauts and words it cannot tell."""
    if record.dialect.name != "sqlite":
        pytest.skip("SQLite's full-text index")
    with session_scope(record) as s:
        muni = municipality(s, "Köln", state="Nordrhein-Westfalen")
        decision(s, muni, dt.date(2025, 1, 1), ["strategy"], uid="K-1", title="Koordinierung der Münchner Stellen")
    with Session(record) as s:
        total = s.execute(text("SELECT count(*) FROM decision")).scalar_one()
        for word in ["koordinierung", "koord", "beschluss", "open", "stell", "münchner", "munchner", "nirgendwo",
                     "2022", "k"]:
            n = s.execute(text("SELECT count(*) FROM decision_fts WHERE decision_fts MATCH :q"),
                          {"q": f'"{word}"*'}).scalar_one()
            for at_least in sorted({0, 1, n - 1, n, n + 1, total}):
                assert search._in_texts(s, word, at_least) is (n >= at_least), (word, at_least, n)
