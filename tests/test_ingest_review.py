"""Ingest and review on SQLite and PostgreSQL: idempotent, atomic, audited."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from models import AuditEntry, Decision, Document, Measure, session_scope
from ratsradar import review
from ratsradar.ingest import ingest_bytes, sha256_of, store_path_for
from ratsradar.paths import runtime_dir
from tests import pdfgen


def count(engine, model, *where) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


@pytest.fixture(scope="module")
def minutes_pdf() -> bytes:
    return pdfgen.pdf_bytes(pdfgen.MINUTES_DE)


@pytest.fixture(autouse=True)
def reviewers(engine) -> None:
    """The accounts the tests act as: publishing, rejecting and discarding need a moderator (tests/test_roles.py
    proves who else may or may not)."""
    from ratsradar import auth

    with session_scope(engine) as s:
        for name in ("bob", "x"):
            auth.create_user(s, name, role="moderator", actor=auth.SYSTEM, email=f"{name}@example.org")


def test_ingest_creates_drafts_with_provenance(engine, minutes_pdf):
    out = ingest_bytes(engine, minutes_pdf, "niederschrift.pdf", uploaded_by="anna")
    assert out.status == "created"
    assert out.sha256 == sha256_of(minutes_pdf)
    assert store_path_for(out.sha256).read_bytes() == minutes_pdf
    with Session(engine) as s:
        doc = s.get(Document, out.document_id)
        assert (doc.file_name, doc.size, doc.pages, doc.uploaded_by) == ("niederschrift.pdf", len(minutes_pdf), 2, "anna")
        assert json.loads(doc.extraction_json)["sha256"] == out.sha256
        decs = s.exec(select(Decision).where(Decision.document_id == doc.id).order_by(Decision.item_number)).all()
        assert len(decs) == 4 and all(d.review_status == "draft" for d in decs)
        relevant = [d for d in decs if d.relevant]
        assert relevant, "the LibreOffice item concerns free software"
        ms = s.exec(select(Measure).where(Measure.decision_id == relevant[0].id)).all()
        assert ms and all(m.evidence and m.page for m in ms)
        assert all(m.extraction_method == "rules:text_layer" for m in ms)


def test_same_file_twice_is_one_document(engine, minutes_pdf):
    first = ingest_bytes(engine, minutes_pdf, "a.pdf")
    second = ingest_bytes(engine, minutes_pdf, "b.pdf")
    assert (first.status, second.status) == ("created", "duplicate")
    assert second.document_id == first.document_id
    assert second.decision_ids == first.decision_ids
    assert count(engine, Document) == 1


def test_bad_file_stores_nothing(engine):
    out = ingest_bytes(engine, b"not a pdf at all", "x.pdf")
    assert out.status == "error" and out.error.code == "not_pdf"
    assert count(engine, Document) == 0
    assert not any(runtime_dir().rglob("*.pdf"))


def test_failure_midway_leaves_nothing(engine, minutes_pdf):
    """Regression guard for atomicity: the second decision's insert fails after the document and the first
    decision were written; nothing of the file may remain."""
    sha = sha256_of(minutes_pdf)
    with session_scope(engine) as s:
        s.add(Decision(uid=f"{sha[:12]}-2", title="occupies the uid of item 2", review_status="draft"))
    with pytest.raises(Exception):
        ingest_bytes(engine, minutes_pdf, "a.pdf")
    assert count(engine, Document) == 0
    assert count(engine, Decision) == 1
    assert count(engine, Measure) == 0
    assert not store_path_for(sha).exists()
    assert not any(p for p in runtime_dir().rglob("*") if p.is_file() and "files" in p.parts)


def _draft(engine, pages, name="d.pdf"):
    out = ingest_bytes(engine, pdfgen.pdf_bytes(pages), name)
    assert out.status == "created"
    return out


def test_publish_applies_corrections_and_audits(engine):
    out = _draft(engine, pdfgen.DORTMUND_PROPOSAL)
    with Session(engine) as s:
        dec = s.get(Decision, out.decision_ids[0])
    edit = review.DecisionEdit(dec.id, changes={"title": "Koordinierungsstelle einrichten", "outcome": "adopted",
                                                "votes_yes": 60, "votes_no": "3", "votes_abstain": 0},
                               measures=[review.MeasureEdit("coordination_office", "advances", "Zitat", 1),
                                         review.MeasureEdit("funding", "advances", None, 2)])
    n = review.publish_document(engine, out.document_id, actor="bob", edits=[edit], municipality="Dortmund")
    assert n == 1
    with Session(engine) as s:
        dec = s.get(Decision, dec.id)
        assert (dec.review_status, dec.title, dec.outcome, dec.votes_no, dec.reviewed_by) == (
            "published", "Koordinierungsstelle einrichten", "adopted", 3, "bob")
        ms = s.exec(select(Measure).where(Measure.decision_id == dec.id).order_by(Measure.id)).all()
        assert [(m.category, m.extraction_method, m.reviewed_by) for m in ms] == [
            ("coordination_office", "manual", "bob"), ("funding", "manual", "bob")]
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.entity_id == dec.uid))]
        assert actions == ["edit", "publish"]
        edit_entry = s.exec(select(AuditEntry).where(AuditEntry.action == "edit")).one()
        assert json.loads(edit_entry.after)["title"] == "Koordinierungsstelle einrichten"
        assert json.loads(edit_entry.before)["title"] != "Koordinierungsstelle einrichten"


@pytest.mark.parametrize(("changes", "key"), [
    ({"outcome": "won"}, "review.error.outcome"),
    ({"votes_yes": "viele"}, "review.error.votes"),
    ({"votes_no": -1}, "review.error.votes"),
    ({"decision_date": "31.02.2022"}, "review.error.date"),
    ({"document_type": "poem"}, "review.error.document_type"),
    ({"uid": "x"}, "review.error.field"),
])
def test_invalid_corrections_are_refused_and_nothing_saved(engine, changes, key):
    out = _draft(engine, pdfgen.DORTMUND_PROPOSAL)
    with Session(engine) as s:
        title_before = s.get(Decision, out.decision_ids[0]).title
    good = {"title": "changed"}
    with pytest.raises(review.ReviewError) as err:
        review.publish_document(engine, out.document_id, actor="x",
                                edits=[review.DecisionEdit(out.decision_ids[0], changes=good | changes)])
    assert err.value.key == key
    with Session(engine) as s:
        dec = s.get(Decision, out.decision_ids[0])
        assert (dec.title, dec.review_status) == (title_before, "draft")
        assert s.exec(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "edit")).one() == 0


def test_unknown_category_refused(engine):
    out = _draft(engine, pdfgen.DORTMUND_PROPOSAL)
    with pytest.raises(review.ReviewError) as err:
        review.publish_document(engine, out.document_id, actor="x", edits=[
            review.DecisionEdit(out.decision_ids[0], measures=[review.MeasureEdit("astrology")])])
    assert err.value.key == "review.error.category"


def test_publish_needs_a_relevant_item_and_a_place(engine):
    out = _draft(engine, ["Beschlussvorlage\nBetreff: Sanierung der Turnhalle\nDer Rat beschließt die Sanierung."])
    with pytest.raises(review.ReviewError) as err:
        review.publish_document(engine, out.document_id, actor="x")
    assert err.value.key == "review.error.none_relevant"
    with pytest.raises(review.ReviewError) as err:
        review.publish_document(engine, out.document_id, actor="x",
                                edits=[review.DecisionEdit(out.decision_ids[0], changes={"relevant": True})])
    assert err.value.key == "review.error.municipality_required"
    assert count(engine, Decision, Decision.review_status == "published") == 0


def test_minutes_publish_only_relevant_items(engine, minutes_pdf):
    out = ingest_bytes(engine, minutes_pdf, "n.pdf")
    n = review.publish_document(engine, out.document_id, actor="x")
    assert n == count(engine, Decision, Decision.review_status == "published")
    assert count(engine, Decision, Decision.review_status == "rejected") == 4 - n


def test_discard_removes_rows_and_file(engine, minutes_pdf):
    out = ingest_bytes(engine, minutes_pdf, "n.pdf")
    review.discard_document(engine, out.document_id, actor="x")
    assert count(engine, Document) == count(engine, Decision) == count(engine, Measure) == 0
    assert not store_path_for(out.sha256).exists()
    assert count(engine, AuditEntry, AuditEntry.action == "discard") == 1
    # the same file can be uploaded again afterwards
    assert ingest_bytes(engine, minutes_pdf, "n.pdf").status == "created"


def test_list_drafts(engine, minutes_pdf):
    out = ingest_bytes(engine, minutes_pdf, "n.pdf", uploaded_by="anna")
    drafts = review.list_drafts(Session(engine))
    assert [(d.document_id, d.file_name, d.decisions, d.uploaded_by) for d in drafts] == [
        (out.document_id, "n.pdf", 4, "anna")]
    review.publish_document(engine, out.document_id, actor="x")
    assert review.list_drafts(Session(engine)) == []
