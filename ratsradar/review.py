"""Review of drafts: read a draft with its evidence, correct fields and measures, publish or discard.

Every change writes an audit entry with before and after values. Publishing and discarding are atomic.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy import case
from sqlmodel import Session, col, func, select

from models import AuditEntry, Decision, DecisionSource, Document, Measure, Municipality, session_scope
from models.tables import utcnow
from ratsradar.ingest import get_or_create_municipality
from ratsradar.paths import runtime_dir
from ratsradar.vocab import DIRECTIONS, DOCUMENT_TYPES, OUTCOMES, taxonomy

EDITABLE_FIELDS = ("title", "reference", "body", "document_type", "decision_date", "outcome",
                   "votes_yes", "votes_no", "votes_abstain", "relevant", "summary")


class ReviewError(ValueError):
    """A correction or publication that cannot be accepted; ``key`` names the i18n message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class MeasureEdit:
    category: str
    direction: str = "advances"
    evidence: str | None = None
    page: int | None = None


@dataclass
class DecisionEdit:
    decision_id: int
    changes: dict[str, Any] = field(default_factory=dict)
    measures: list[MeasureEdit] | None = None  # None: leave measures as they are


@dataclass(frozen=True)
class DraftSummary:
    document_id: int
    file_name: str
    sha256: str
    uploaded_at: dt.datetime
    uploaded_by: str | None
    municipality: str | None
    decisions: int
    relevant: int


def list_drafts(session: Session) -> list[DraftSummary]:
    """Documents that have draft decisions, newest first."""
    rows = session.exec(
        select(Document, func.count(col(Decision.id)),
               func.sum(case((col(Decision.relevant).is_(True), 1), else_=0)), func.max(col(Municipality.name)))
        .join(Decision, col(Decision.document_id) == col(Document.id))
        .join(Municipality, col(Decision.municipality_id) == col(Municipality.id), isouter=True)
        .where(Decision.review_status == "draft")
        .group_by(col(Document.id))
        .order_by(col(Document.uploaded_at).desc(), col(Document.id).desc())
    ).all()
    return [DraftSummary(doc.id, doc.file_name, doc.sha256, doc.uploaded_at, doc.uploaded_by, muni, n, int(rel or 0))
            for doc, n, rel, muni in rows]


def document_decisions(session: Session, document_id: int) -> list[tuple[Decision, list[Measure]]]:
    decs = session.exec(select(Decision).where(Decision.document_id == document_id)
                        .order_by(col(Decision.item_number))).all()
    out = []
    for d in decs:
        ms = session.exec(select(Measure).where(Measure.decision_id == d.id).order_by(col(Measure.id))).all()
        out.append((d, list(ms)))
    return out


def _snapshot(dec: Decision, measures: list[Measure] | None = None) -> dict[str, Any]:
    snap = {f: getattr(dec, f) for f in EDITABLE_FIELDS + ("municipality_id", "review_status")}
    if isinstance(snap.get("decision_date"), dt.date):
        snap["decision_date"] = snap["decision_date"].isoformat()
    if measures is not None:
        snap["measures"] = [{"category": m.category, "direction": m.direction, "evidence": m.evidence,
                             "page": m.page} for m in measures]
    return snap


def _validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE_FIELDS:
            raise ReviewError("review.error.field", field=key)
        if isinstance(value, str):
            value = value.strip() or None
        if key == "document_type" and value is not None and value not in DOCUMENT_TYPES:
            raise ReviewError("review.error.document_type", value=value)
        if key == "outcome" and value not in OUTCOMES:
            raise ReviewError("review.error.outcome", value=value)
        if key.startswith("votes_") and value is not None:
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ReviewError("review.error.votes", value=value) from None
            if value < 0:
                raise ReviewError("review.error.votes", value=value)
        if key == "decision_date" and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise ReviewError("review.error.date", value=value) from None
        if key == "relevant":
            value = bool(value)
        clean[key] = value
    return clean


def _validate_measures(measures: list[MeasureEdit]) -> list[MeasureEdit]:
    ids = set(taxonomy().ids)
    out = []
    for m in measures:
        if m.category not in ids:
            raise ReviewError("review.error.category", value=m.category)
        if m.direction not in DIRECTIONS:
            raise ReviewError("review.error.direction", value=m.direction)
        page = m.page
        if page is not None:
            try:
                page = int(page)
            except (TypeError, ValueError):
                raise ReviewError("review.error.page", value=m.page) from None
        out.append(MeasureEdit(m.category, m.direction, (m.evidence or "").strip() or None, page))
    return out


def apply_edits(session: Session, edits: list[DecisionEdit], *, actor: str | None,
                municipality: str | None = None) -> None:
    """Apply corrections to decisions (and their measures) with audit entries; no commit."""
    muni_id: int | None = None
    if municipality is not None and municipality.strip():
        muni_id = get_or_create_municipality(session, municipality.strip()).id
    for edit in edits:
        dec = session.get(Decision, edit.decision_id)
        if dec is None:
            raise ReviewError("review.error.missing", id=edit.decision_id)
        old_measures = list(session.exec(select(Measure).where(Measure.decision_id == dec.id)).all())
        before = _snapshot(dec, old_measures)
        changes = _validate_changes(edit.changes)
        for key, value in changes.items():
            setattr(dec, key, value)
        if "decision_date" in changes:
            dec.year = dec.decision_date.year if dec.decision_date else None
        if muni_id is not None:
            dec.municipality_id = muni_id
        new_measures = old_measures
        if edit.measures is not None:
            wanted = _validate_measures(edit.measures)
            old_keys = [(m.category, m.direction, m.evidence, m.page) for m in old_measures]
            new_keys = [(m.category, m.direction, m.evidence, m.page) for m in wanted]
            if old_keys != new_keys:
                for m in old_measures:
                    session.delete(m)
                session.flush()
                new_measures = []
                for w in wanted:
                    kept = next((m for m in old_measures if (m.category, m.direction, m.evidence, m.page)
                                 == (w.category, w.direction, w.evidence, w.page)), None)
                    method = kept.extraction_method if kept else "manual"
                    nm = Measure(decision_id=dec.id, category=w.category, direction=w.direction,
                                 evidence=w.evidence, page=w.page, extraction_method=method)
                    session.add(nm)
                    new_measures.append(nm)
        session.add(dec)
        after = _snapshot(dec, new_measures)
        if after != before:
            session.add(AuditEntry(actor=actor, action="edit", entity="decision", entity_id=dec.uid,
                                   before=json.dumps(before, default=str, ensure_ascii=False),
                                   after=json.dumps(after, default=str, ensure_ascii=False)))
    session.flush()


def publish_document(engine: Engine, document_id: int, *, actor: str | None,
                     edits: list[DecisionEdit] | None = None, municipality: str | None = None) -> int:
    """Apply the corrections and publish the document's decisions, all in one transaction.

    Returns the number of relevant decisions published. Raises ``ReviewError`` (nothing saved) when the
    draft lacks what a published record needs.
    """
    with session_scope(engine) as session:
        if edits or municipality:
            apply_edits(session, edits or [], actor=actor, municipality=municipality)
        decs = session.exec(select(Decision).where(Decision.document_id == document_id,
                                                   Decision.review_status == "draft")).all()
        if not decs:
            raise ReviewError("review.error.nothing_to_publish")
        relevant = [d for d in decs if d.relevant]
        if not relevant:
            raise ReviewError("review.error.none_relevant")
        for d in relevant:
            if d.municipality_id is None:
                raise ReviewError("review.error.municipality_required")
            if not d.title:
                raise ReviewError("review.error.title_required", item=d.item_number)
        now = utcnow()
        for d in decs:
            d.review_status = "published" if d.relevant else "rejected"
            d.reviewed_by = actor
            d.reviewed_at = now
            session.add(d)
            for m in session.exec(select(Measure).where(Measure.decision_id == d.id)).all():
                m.reviewed_by = actor
                m.reviewed_at = now
                session.add(m)
            session.add(AuditEntry(actor=actor, action="publish" if d.relevant else "reject", entity="decision",
                                   entity_id=d.uid, after=json.dumps({"review_status": d.review_status})))
        return len(relevant)


def discard_document(engine: Engine, document_id: int, *, actor: str | None) -> None:
    """Remove a draft document, its decisions, measures and stored file; an audit entry records the discard."""
    stored: str | None = None
    with session_scope(engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise ReviewError("review.error.missing", id=document_id)
        decs = session.exec(select(Decision).where(Decision.document_id == document_id)).all()
        if any(d.review_status == "published" for d in decs):
            raise ReviewError("review.error.already_published")
        for d in decs:
            for m in session.exec(select(Measure).where(Measure.decision_id == d.id)).all():
                session.delete(m)
            for s in session.exec(select(DecisionSource).where(DecisionSource.decision_id == d.id)).all():
                session.delete(s)
            session.flush()
            session.delete(d)
        session.flush()
        stored = doc.stored_path
        session.add(AuditEntry(actor=actor, action="discard", entity="document", entity_id=doc.sha256,
                               before=json.dumps({"file": doc.file_name, "decisions": len(decs)})))
        session.delete(doc)
    if stored:
        (runtime_dir() / stored).unlink(missing_ok=True)
