"""Atom feeds: written on publish (all, per place, per category), valid Atom, newest first, safe text, kept out
of the repository, linked from the decisions page."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pytest
from sqlmodel import select

from models import Decision, Document, session_scope
from ratsradar import auth, feeds, review
from tests.factories import decision, municipality, small_record
from tests.test_app import ROOT, app, db_file  # noqa: F401  (db_file is a fixture)

A = "{http://www.w3.org/2005/Atom}"


def entries(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed" and root.find(f"{A}id").text and root.find(f"{A}updated").text
    return [(e.find(f"{A}title").text, e.find(f"{A}link").get("href"), [c.get("term") for c in e.findall(f"{A}category")])
            for e in root.findall(f"{A}entry")]


def test_names_and_slugs():
    assert feeds.feed_name("all") == "all.xml"
    assert feeds.feed_name("place", "München") == "place-munchen.xml"
    assert feeds.feed_name("place", "Frankfurt am Main") == "place-frankfurt-am-main.xml"
    assert feeds.feed_name("place", "Gießen") == "place-giessen.xml"
    assert feeds.feed_name("category", "coordination_office") == "category-coordination-office.xml"
    assert feeds.feed_url("all") == "/app/static/feeds/all.xml"
    with pytest.raises(ValueError):
        feeds.feed_name("place")


def test_feeds_dir_is_isolated_in_tests():
    assert ROOT / "static" not in feeds.feeds_dir().parents


def test_write_all_place_and_category_feeds(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("RATSRADAR_PUBLIC_URL", "https://rr.example/")
    with session_scope(engine) as s:
        small_record(s)
    written = {p.name for p in feeds.write_feeds(engine, tmp_path)}
    assert {"all.xml", "place-dortmund.xml", "place-munchen.xml", "place-berlin.xml",
            "category-strategy.xml", "category-migration.xml"} <= written
    assert "category-funding.xml" not in written  # no decision of that category
    all_ = entries(tmp_path / "all.xml")
    assert len(all_) == 6  # published and relevant only
    assert all(link.startswith("https://rr.example/decisions?id=") for _, link, _ in all_)
    do = entries(tmp_path / "place-dortmund.xml")
    assert {link.rsplit("=", 1)[1] for _, link, _ in do} == {"DO-2021", "DO-2022", "DO-2022b"}
    mig = entries(tmp_path / "category-migration.xml")
    assert [link.rsplit("=", 1)[1] for _, link, _ in mig] == ["M-2017"] and mig[0][2] == ["migration"]


def test_publish_writes_the_feeds_newest_first(engine):
    with session_scope(engine) as s:
        small_record(s)
        doc = Document(sha256="b" * 64, file_name="x.pdf", size=1)
        s.add(doc)
        s.flush()
        muni = municipality(s, "Gießen", state="Hessen")
        dec = decision(s, muni, dt.date(2025, 2, 2), ["procurement"], status="draft", uid="GI-1",
                       title="Vergabe <script>alert(1)</script> & Open Source")
        dec.document_id = doc.id
        doc_id = doc.id
    assert not (feeds.feeds_dir() / "all.xml").exists()
    review.publish_document(engine, doc_id, actor=auth.SYSTEM)
    top = entries(feeds.feeds_dir() / "all.xml")[0]
    assert top[0] == "Gießen: Vergabe <script>alert(1)</script> & Open Source (2025-02-02)"  # text, escaped in XML
    assert "&lt;script&gt;" in (feeds.feeds_dir() / "all.xml").read_text(encoding="utf-8")
    assert [x[1].rsplit("=", 1)[1] for x in entries(feeds.feeds_dir() / "place-giessen.xml")] == ["GI-1"]
    assert entries(feeds.feeds_dir() / "category-procurement.xml")[0][1].endswith("GI-1")
    with session_scope(engine) as s:
        assert s.exec(select(Decision).where(Decision.uid == "GI-1")).one().review_status == "published"


def test_a_feed_failure_never_undoes_a_publication(engine, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("RATSRADAR_FEEDS_DIR", str(blocker / "feeds"))  # cannot be created
    with session_scope(engine) as s:
        small_record(s)
    assert feeds.write_feeds_safely(engine) is False


def test_gitignore_keeps_runtime_feeds_out():
    assert "static/feeds/" in (ROOT / ".gitignore").read_text().splitlines()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_decisions_page_links_the_feeds(db_file, lang):
    at = app("pages/decisions.py", lang=lang, city="Dortmund")
    captions = " ".join(c.value for c in at.caption)
    assert "/app/static/feeds/all.xml" in captions and "/app/static/feeds/place-dortmund.xml" in captions
    assert ("Atom-Feed" if lang == "de" else "Atom feed") in captions
