"""Review of drafts: read a draft with its evidence, correct fields and measures, publish, reject or discard;
soft-delete and restore published decisions.

Every change writes an audit entry with before and after values. Publishing and discarding are atomic.

Who may do what (``ratsradar.auth``) is checked inside the same transaction before anything is written: the
``actor`` of each write function is an account (``models.User``), ``auth.SYSTEM`` (the command line) or a
username; it is re-read from the database, so a disabled account or a changed role counts at once.

- discard: removes a draft document, its rows and stored file (a contributor withdrawing their own upload, or a
  moderator removing something that is no council document); the audit entry keeps what was removed (document
  metadata and every decision with its measures), so nothing disappears without a trace;
- reject: keeps the document and marks its draft decisions ``rejected`` (reviewed, not to be published); the
  same file uploaded again is recognised as known;
- delete (published decisions): soft delete, hidden from every query, restorable by an admin.
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
from ratsradar import auth
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
    uploaded_by_user_id: int | None = None


def _visible_to(user: Any, d: DraftSummary) -> bool:
    if auth.role_of(user) in ("moderator", "admin") and auth.in_scope(user, d.municipality):
        return True
    return d.uploaded_by_user_id is not None and d.uploaded_by_user_id == getattr(user, "id", None)


def list_drafts(session: Session, *, user: Any = auth.SYSTEM) -> list[DraftSummary]:
    """Documents that have draft decisions, newest first, as far as ``user`` may see them: a contributor their
    own uploads, a moderator those within their scope (and their own), an admin (and code: the default) all.
    Anonymous visitors are refused (``auth.PermissionDenied``)."""
    who = auth.fresh(session, user)
    auth.require(who, "view_drafts")
    rows = session.exec(
        select(Document, func.count(col(Decision.id)),
               func.sum(case((col(Decision.relevant).is_(True), 1), else_=0)), func.max(col(Municipality.name)))
        .join(Decision, col(Decision.document_id) == col(Document.id))
        .join(Municipality, col(Decision.municipality_id) == col(Municipality.id), isouter=True)
        .where(Decision.review_status == "draft")
        .group_by(col(Document.id))
        .order_by(col(Document.uploaded_at).desc(), col(Document.id).desc())
    ).all()
    out = [DraftSummary(doc.id, doc.file_name, doc.sha256, doc.uploaded_at, doc.uploaded_by, muni, n, int(rel or 0),
                        doc.uploaded_by_user_id) for doc, n, rel, muni in rows]
    return [d for d in out if _visible_to(who, d)]


def _places(session: Session, decisions: list[Decision]) -> list[str | None]:
    """The municipality names of these decisions (``None`` for a decision without a place)."""
    names: list[str | None] = []
    for d in decisions:
        muni = session.get(Municipality, d.municipality_id) if d.municipality_id else None
        names.append(muni.name if muni else None)
    return list(dict.fromkeys(names))


def _owner(session: Session, dec: Decision) -> int | None:
    doc = session.get(Document, dec.document_id) if dec.document_id else None
    return doc.uploaded_by_user_id if doc else None


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


def apply_edits(session: Session, edits: list[DecisionEdit], *, actor: Any,
                municipality: str | None = None) -> None:
    """Apply corrections to decisions (and their measures) with audit entries; no commit.

    Each decision is checked for ``actor`` first: a draft needs ``edit_draft`` (its uploader or a moderator
    of its place and of the new place), a published decision ``edit_published``."""
    who = auth.fresh(session, actor)
    name = auth.actor_name(who)
    target = municipality.strip() if municipality is not None and municipality.strip() else None
    muni_id: int | None = None
    for edit in edits:
        dec = session.get(Decision, edit.decision_id)
        if dec is None or dec.deleted_at is not None:
            raise ReviewError("review.error.missing", id=edit.decision_id)
        places = _places(session, [dec]) + ([target] if target else [])
        action = "edit_draft" if dec.review_status == "draft" else "edit_published"
        auth.require(who, action, municipality=places, owner_id=_owner(session, dec))
    if not edits and target:
        auth.require(who, "edit_draft", municipality=[target])
    if target:
        muni_id = get_or_create_municipality(session, target).id
    for edit in edits:
        dec = session.get(Decision, edit.decision_id)
        assert dec is not None
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
            session.add(AuditEntry(actor=name, action="edit", entity="decision", entity_id=dec.uid,
                                   before=json.dumps(before, default=str, ensure_ascii=False),
                                   after=json.dumps(after, default=str, ensure_ascii=False)))
    session.flush()


def publish_document(engine: Engine, document_id: int, *, actor: Any,
                     edits: list[DecisionEdit] | None = None, municipality: str | None = None) -> int:
    """Apply the corrections and publish the document's decisions, all in one transaction.

    Returns the number of relevant decisions published. Raises ``ReviewError`` (nothing saved) when the
    draft lacks what a published record needs, ``auth.PermissionDenied`` (nothing saved) unless ``actor`` is a
    moderator of the document's place (before and after the corrections) or an admin.
    """
    with session_scope(engine) as session:
        who = auth.fresh(session, actor)
        drafts = list(session.exec(select(Decision).where(Decision.document_id == document_id,
                                                          Decision.review_status == "draft")).all())
        target = [municipality.strip()] if municipality and municipality.strip() else []
        auth.require(who, "publish", municipality=_places(session, drafts) + target)
        actor = auth.actor_name(who)
        if edits or municipality:
            apply_edits(session, edits or [], actor=who, municipality=municipality)
        decs = session.exec(select(Decision).where(Decision.document_id == document_id,
                                                   Decision.review_status == "draft")).all()
        if not decs:
            raise ReviewError("review.error.nothing_to_publish")
        auth.require(who, "publish", municipality=_places(session, list(decs)))
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
                                   entity_id=d.uid, before=json.dumps({"review_status": "draft"}),
                                   after=json.dumps({"review_status": d.review_status})))
        published = len(relevant)
        published_uids = [d.uid for d in relevant]
    from ratsradar.feeds import write_feeds_safely

    write_feeds_safely(engine, published_uids)  # the Atom feeds of new decisions (after the commit)
    return published


def discard_document(engine: Engine, document_id: int, *, actor: Any) -> None:
    """Remove a draft document, its decisions, measures and stored file; the audit entry keeps what was removed
    (the document's metadata and every decision with its measures). Allowed to the uploader of the draft and to
    moderators of its place."""
    stored: str | None = None
    with session_scope(engine) as session:
        who = auth.fresh(session, actor)
        doc = session.get(Document, document_id)
        if doc is None:
            raise ReviewError("review.error.missing", id=document_id)
        decs = session.exec(select(Decision).where(Decision.document_id == document_id)).all()
        auth.require(who, "discard_draft", municipality=_places(session, list(decs)),
                     owner_id=doc.uploaded_by_user_id)
        actor = auth.actor_name(who)
        if any(d.review_status == "published" for d in decs):
            raise ReviewError("review.error.already_published")
        removed = {"file": doc.file_name, "sha256": doc.sha256, "size": doc.size, "pages": doc.pages,
                   "uploaded_at": doc.uploaded_at.isoformat(timespec="seconds") if doc.uploaded_at else None,
                   "uploaded_by": doc.uploaded_by, "decisions": len(decs),
                   "items": [_snapshot(d, list(session.exec(select(Measure).where(Measure.decision_id == d.id))))
                             | {"uid": d.uid} for d in decs]}
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
                               before=json.dumps(removed, default=str, ensure_ascii=False)))
        session.delete(doc)
    if stored:
        (runtime_dir() / stored).unlink(missing_ok=True)


def reject_document(engine: Engine, document_id: int, *, actor: Any, reason: str | None = None) -> int:
    """Mark every draft decision of the document ``rejected`` (kept, not published), audited with before/after
    and the reason. Moderators of the document's place and admins only. Returns the number rejected."""
    with session_scope(engine) as session:
        who = auth.fresh(session, actor)
        decs = list(session.exec(select(Decision).where(Decision.document_id == document_id,
                                                        Decision.review_status == "draft")).all())
        auth.require(who, "reject", municipality=_places(session, decs))
        if not decs:
            raise ReviewError("review.error.nothing_to_publish")
        now = utcnow()
        note = (reason or "").strip() or None
        for d in decs:
            d.review_status = "rejected"
            d.reviewed_by = auth.actor_name(who)
            d.reviewed_at = now
            session.add(d)
            session.add(AuditEntry(actor=auth.actor_name(who), action="reject", entity="decision", entity_id=d.uid,
                                   before=json.dumps({"review_status": "draft"}),
                                   after=json.dumps({"review_status": "rejected", "reason": note},
                                                    ensure_ascii=False)))
        return len(decs)


def _decision_by_uid(session: Session, uid: str) -> Decision:
    dec = session.exec(select(Decision).where(Decision.uid == uid)).first()
    if dec is None:
        raise ReviewError("review.error.missing", id=uid)
    return dec


def delete_decision(engine: Engine, uid: str, *, actor: Any, reason: str | None = None) -> None:
    """Soft-delete a decision: hidden from every query and page, kept with all its rows, restorable by an admin.
    Moderators of its place and admins only; audited with the decision as it was."""
    with session_scope(engine) as session:
        who = auth.fresh(session, actor)
        dec = _decision_by_uid(session, uid)
        auth.require(who, "delete", municipality=_places(session, [dec]))
        if dec.deleted_at is not None:
            raise ReviewError("review.error.already_deleted")
        measures = list(session.exec(select(Measure).where(Measure.decision_id == dec.id)).all())
        before = _snapshot(dec, measures) | {"deleted": False}
        dec.deleted_at = utcnow()
        dec.deleted_by = auth.actor_name(who)
        session.add(dec)
        session.add(AuditEntry(actor=auth.actor_name(who), action="delete", entity="decision", entity_id=dec.uid,
                               before=json.dumps(before, default=str, ensure_ascii=False),
                               after=json.dumps({"deleted": True, "reason": (reason or "").strip() or None},
                                                ensure_ascii=False)))


def restore_decision(engine: Engine, uid: str, *, actor: Any) -> None:
    """Undo a soft delete (admins only), audited."""
    with session_scope(engine) as session:
        who = auth.fresh(session, actor)
        auth.require(who, "restore")
        dec = _decision_by_uid(session, uid)
        if dec.deleted_at is None:
            raise ReviewError("review.error.not_deleted")
        before = {"deleted": True, "deleted_at": dec.deleted_at.isoformat(timespec="seconds"),
                  "deleted_by": dec.deleted_by}
        dec.deleted_at = None
        dec.deleted_by = None
        session.add(dec)
        session.add(AuditEntry(actor=auth.actor_name(who), action="restore", entity="decision", entity_id=dec.uid,
                               before=json.dumps(before, ensure_ascii=False), after=json.dumps({"deleted": False})))


@dataclass(frozen=True)
class DeletedDecision:
    uid: str
    title: str | None
    municipality: str | None
    review_status: str
    deleted_at: dt.datetime
    deleted_by: str | None


def list_deleted(session: Session, *, user: Any) -> list[DeletedDecision]:
    """Soft-deleted decisions, most recently deleted first (admins only: they may restore them)."""
    auth.require(auth.fresh(session, user), "restore")
    rows = session.exec(
        select(Decision, Municipality.name)
        .join(Municipality, col(Decision.municipality_id) == col(Municipality.id), isouter=True)
        .where(col(Decision.deleted_at).is_not(None))
        .order_by(col(Decision.deleted_at).desc(), col(Decision.id).desc())).all()
    return [DeletedDecision(d.uid, d.title, m, d.review_status, d.deleted_at, d.deleted_by)  # type: ignore[arg-type]
            for d, m in rows]


def upload(engine: Engine, data: bytes, file_name: str, *, actor: Any, publish: bool = False,
           **kwargs: Any):  # type: ignore[no-untyped-def]
    """Ingest an uploaded file as ``actor``'s draft (``ratsradar.ingest.ingest_bytes``): contributors and up.
    Publishing at once needs a moderator without a scope (the place is not known before reading) or an admin.
    Refused (``auth.PermissionDenied``) before anything is read or stored."""
    from ratsradar.ingest import ingest_bytes

    with Session(engine) as session:
        who = auth.fresh(session, actor)
        auth.require(who, "upload")
        if publish:
            auth.require(who, "publish", municipality=[None])
    return ingest_bytes(engine, data, file_name, uploaded_by=auth.actor_name(who), publish=publish,
                        uploaded_by_user_id=getattr(who, "id", None), **kwargs)


def save_edits(engine: Engine, edits: list[DecisionEdit], *, actor: Any, municipality: str | None = None) -> None:
    """Save corrections without publishing (e.g. a contributor improving their own draft), in one transaction;
    the checks of ``apply_edits`` apply."""
    with session_scope(engine) as session:
        apply_edits(session, edits, actor=actor, municipality=municipality)
