"""Implementation tracking: what became of a decision (status history with dates and evidence) and typed links
between decisions (follow-up, amendment, reversal).

Writes check the acting account (``auth.require(…, "edit_published", municipality=…)``: moderators within
their scope, admins) inside their transaction, validate everything first and leave an audit entry; on any
error nothing is saved. The seed rows that name an earlier decision (``related_uid``) become follow-up links,
and the ``implemented`` ones record that decision as done (``sync_related``, idempotent, run at start).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import AuditEntry, Decision, Municipality, session_scope
from models.tables import DecisionLink, ImplementationEvent, utcnow
from ratsradar import auth

STATUSES = ("planned", "in_progress", "done", "stalled", "reversed")
LINK_KINDS = ("follow_up", "amendment", "reversal")
SEED_ACTOR = "ratsradar-seed"
MAX_EVIDENCE = 4000


class TrackingError(ValueError):
    """Invalid input; ``key`` and ``params`` name the message in ``i18n``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Event:
    status: str
    since: dt.date | None
    evidence: str | None
    evidence_url: str | None
    recorded_at: dt.datetime
    recorded_by: str | None


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    direction: str  # "out": this decision is a <kind> of other; "in": other is a <kind> of this decision
    uid: str
    title: str | None
    date: dt.date | None
    municipality: str | None


def _published(session: Session, uid: str) -> Decision:
    dec = session.exec(select(Decision).where(Decision.uid == uid)).first()
    if dec is None or dec.review_status != "published" or getattr(dec, "deleted_at", None) is not None:
        raise TrackingError("track.error.unknown_decision", uid=uid)
    return dec


def _place(session: Session, dec: Decision) -> str | None:
    muni = session.get(Municipality, dec.municipality_id) if dec.municipality_id else None
    return muni.name if muni else None


def _actor_name(user: Any) -> str | None:
    if user is None:
        return None
    if isinstance(user, str):
        return user
    return getattr(user, "username", None) or str(user)


def _check(session: Session, user: Any, dec: Decision) -> Any:
    acting = auth.fresh(session, user)
    auth.require(acting, "edit_published", municipality=_place(session, dec))
    return acting


def _current_status(session: Session, decision_id: int) -> str | None:
    last = session.exec(select(ImplementationEvent).where(ImplementationEvent.decision_id == decision_id)
                        .order_by(col(ImplementationEvent.since).desc().nulls_last(),
                                  col(ImplementationEvent.id).desc())).first()
    return last.status if last else None


def record_status(engine: Engine, uid: str, status: str, *, user: Any, since: dt.date | None = None,
                  evidence: str | None = None, evidence_url: str | None = None) -> str:
    """Record a status of decision ``uid``; returns the decision's status afterwards (the latest by date)."""
    if status not in STATUSES:
        raise TrackingError("track.error.status", value=status)
    evidence = (evidence or "").strip() or None
    evidence_url = (evidence_url or "").strip() or None
    if evidence and len(evidence) > MAX_EVIDENCE:
        raise TrackingError("track.error.evidence_long", n=MAX_EVIDENCE)
    if evidence_url and not evidence_url.startswith(("http://", "https://")):
        raise TrackingError("track.error.url")
    if since is not None and since > dt.date.today() + dt.timedelta(days=366 * 10):
        raise TrackingError("track.error.date")
    with session_scope(engine) as s:
        dec = _published(s, uid)
        if since is not None and dec.decision_date is not None and since < dec.decision_date - dt.timedelta(days=31):
            raise TrackingError("track.error.before_decision")
        acting = _check(s, user, dec)
        before = dec.implementation_status
        s.add(ImplementationEvent(decision_id=dec.id, status=status, since=since, evidence=evidence,
                                  evidence_url=evidence_url, recorded_by=_actor_name(acting)))
        s.flush()
        dec.implementation_status = _current_status(s, dec.id)
        s.add(AuditEntry(actor=_actor_name(acting), action="implementation", entity="decision", entity_id=uid,
                         before=json.dumps({"implementation_status": before}),
                         after=json.dumps({"implementation_status": dec.implementation_status, "status": status,
                                           "since": since.isoformat() if since else None, "evidence": evidence,
                                           "evidence_url": evidence_url}, ensure_ascii=False)))
        return dec.implementation_status or status


def _link_row(s: Session, src: Decision, dst: Decision, kind: str) -> DecisionLink | None:
    return s.exec(select(DecisionLink).where(DecisionLink.from_decision_id == src.id,
                                             DecisionLink.to_decision_id == dst.id,
                                             DecisionLink.kind == kind)).first()


def link(engine: Engine, from_uid: str, to_uid: str, kind: str, *, user: Any, note: str | None = None) -> None:
    """Record that ``from_uid`` is a ``kind`` (follow_up, amendment, reversal) of ``to_uid``."""
    if kind not in LINK_KINDS:
        raise TrackingError("track.error.kind", value=kind)
    if from_uid == to_uid:
        raise TrackingError("track.error.self")
    with session_scope(engine) as s:
        src, dst = _published(s, from_uid), _published(s, to_uid)
        acting = _check(s, user, src)
        if _link_row(s, src, dst, kind) is not None:
            raise TrackingError("track.error.duplicate")
        s.add(DecisionLink(from_decision_id=src.id, to_decision_id=dst.id, kind=kind,
                           note=(note or "").strip() or None, created_by=_actor_name(acting)))
        s.add(AuditEntry(actor=_actor_name(acting), action="link", entity="decision", entity_id=from_uid,
                         after=json.dumps({"kind": kind, "to": to_uid})))


def unlink(engine: Engine, from_uid: str, to_uid: str, kind: str, *, user: Any) -> None:
    """Remove a link recorded by ``link`` (nothing happens when there is none)."""
    with session_scope(engine) as s:
        src, dst = _published(s, from_uid), _published(s, to_uid)
        acting = _check(s, user, src)
        row = _link_row(s, src, dst, kind)
        if row is not None:
            s.delete(row)
            s.add(AuditEntry(actor=_actor_name(acting), action="unlink", entity="decision", entity_id=from_uid,
                             before=json.dumps({"kind": kind, "to": to_uid})))


def history(*, session: Session, uid: str) -> list[Event]:
    """The recorded statuses of a decision, oldest first (by date, then by when they were recorded)."""
    dec = session.exec(select(Decision).where(Decision.uid == uid)).first()
    if dec is None:
        return []
    rows = session.exec(select(ImplementationEvent).where(ImplementationEvent.decision_id == dec.id)
                        .order_by(col(ImplementationEvent.since).asc().nulls_first(),
                                  col(ImplementationEvent.id))).all()
    return [Event(r.status, r.since, r.evidence, r.evidence_url, r.recorded_at, r.recorded_by) for r in rows]


def links(*, session: Session, uid: str) -> list[Link]:
    """The links of a decision in both directions, to published decisions only, by the other's date."""
    dec = session.exec(select(Decision).where(Decision.uid == uid)).first()
    if dec is None:
        return []
    out: list[Link] = []
    for direction, mine, other in (("out", DecisionLink.from_decision_id, DecisionLink.to_decision_id),
                                   ("in", DecisionLink.to_decision_id, DecisionLink.from_decision_id)):
        rows = session.exec(select(DecisionLink.kind, Decision, Municipality)
                            .join(Decision, col(Decision.id) == other)
                            .join(Municipality, col(Municipality.id) == col(Decision.municipality_id), isouter=True)
                            .where(mine == dec.id, Decision.review_status == "published")).all()
        for kind, d, m in rows:
            out.append(Link(kind, direction, d.uid, d.title, d.decision_date, m.name if m else None))
    return sorted(out, key=lambda x: (x.date or dt.date.min, x.uid))


def candidates(*, session: Session, uid: str) -> list[tuple[str, str]]:
    """Published decisions another decision may link to: (uid, "place · date · title"), same place first."""
    dec = session.exec(select(Decision).where(Decision.uid == uid)).first()
    rows = session.exec(select(Decision.uid, Decision.decision_date, Decision.title, Municipality.name,
                               Decision.municipality_id)
                        .join(Municipality, col(Municipality.id) == col(Decision.municipality_id), isouter=True)
                        .where(Decision.review_status == "published", Decision.uid != uid)
                        .order_by(col(Municipality.name), col(Decision.decision_date))).all()
    same = dec.municipality_id if dec else None
    rows = sorted(rows, key=lambda r: (r[4] != same,))
    return [(r[0], f"{r[3] or '–'} · {r[1].isoformat() if r[1] else '–'} · {(r[2] or r[0])[:80]}") for r in rows]


def sync_related(session: Session) -> int:
    """Turn ``related_uid`` into follow-up links (idempotent); a decision followed up by an ``implemented``
    row that has no recorded status yet is recorded as done from that row's date, with it as evidence.
    Returns the number of links added."""
    rows = session.exec(select(Decision).where(col(Decision.related_uid).is_not(None))).all()
    added = 0
    for dec in rows:
        target = session.exec(select(Decision).where(Decision.uid == dec.related_uid)).first()
        if target is None or target.id == dec.id:
            continue
        exists = session.exec(select(DecisionLink).where(DecisionLink.from_decision_id == dec.id,
                                                         DecisionLink.to_decision_id == target.id,
                                                         DecisionLink.kind == "follow_up")).first()
        if exists is None:
            session.add(DecisionLink(from_decision_id=dec.id, to_decision_id=target.id, kind="follow_up",
                                     created_by=SEED_ACTOR, created_at=utcnow()))
            added += 1
        if dec.outcome == "implemented" and dec.review_status == "published":
            has_event = session.exec(select(ImplementationEvent.id)
                                     .where(ImplementationEvent.decision_id == target.id)).first()
            if has_event is None:
                session.add(ImplementationEvent(
                    decision_id=target.id, status="done", since=dec.decision_date,
                    evidence=f"{dec.uid}: {dec.title or ''}".strip(), recorded_by=SEED_ACTOR))
                target.implementation_status = "done"
    session.flush()
    return added
