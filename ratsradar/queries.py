"""Queries: SQL aggregates over the published record, returned as pandas DataFrames.

Every function takes the session keyword-only and a ``Filters``; aggregation happens in SQL, never by
loading all rows into pandas.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import and_, case, distinct, exists, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from models import AuditEntry, Decision, DecisionSource, Document, Measure, Municipality
from ratsradar import search
from ratsradar.filters import Filters


def value_conditions(f: Filters, year: Any, outcome: Any, document_type: Any) -> list[ColumnElement[bool]]:
    """The year range, outcome and document type filters on the given columns (of ``decision``, or of a table
    that carries them, such as ``measure_fact``)."""
    conds: list[ColumnElement[bool]] = []
    if f.year_from is not None:
        conds.append(year >= f.year_from)
    if f.year_to is not None:
        conds.append(year <= f.year_to)
    if f.outcomes:
        conds.append(outcome.in_(f.outcomes))
    if f.document_types:
        conds.append(document_type.in_(f.document_types))
    return conds


def place_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The place, state and level filters, on the place table."""
    conds: list[ColumnElement[bool]] = []
    if f.municipalities:
        conds.append(col(Municipality.name).in_(f.municipalities))
    if f.states:
        conds.append(col(Municipality.state).in_(f.states))
    if f.levels:
        conds.append(col(Municipality.level).in_(f.levels))
    return conds


def _conditions(f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [col(Decision.review_status) == "published", col(Decision.relevant).is_(True),
                                        col(Decision.deleted_at).is_(None)]  # soft-deleted: hidden everywhere
    conds += place_conditions(f)
    conds += value_conditions(f, col(Decision.year), col(Decision.outcome), col(Decision.document_type))
    if f.categories:
        m = aliased(Measure)
        conds.append(exists().where(and_(m.decision_id == col(Decision.id), m.category.in_(f.categories)))
                     .correlate(Decision))
    if f.text.strip():
        # full text: decision, evidence quotes, document text, place (SQLite FTS5 / PostgreSQL German tsvector)
        conds.append(search.matches(f.text))
    return conds


def _base(*columns: Any):  # type: ignore[no-untyped-def]
    return select(*columns).select_from(Decision).join(
        Municipality, col(Decision.municipality_id) == col(Municipality.id))


def _measure_conds(f: Filters) -> list[ColumnElement[bool]]:
    return [col(Measure.category).in_(f.categories)] if f.categories else []


def headline(*, session: Session, f: Filters) -> dict[str, int | None]:
    """Numbers for the top of the dashboard."""
    conds = _conditions(f)
    n, munis, first, last = session.execute(
        _base(func.count(col(Decision.id)), func.count(distinct(col(Municipality.id))),
              func.min(col(Decision.year)), func.max(col(Decision.year))).where(*conds)).one()
    measures, reverses = session.execute(
        _base(func.count(col(Measure.id)),
              func.coalesce(func.sum(case((col(Measure.direction) == "reverses", 1), else_=0)), 0))
        .join(Measure, col(Measure.decision_id) == col(Decision.id)).where(*conds, *_measure_conds(f))).one()
    return {"decisions": int(n), "municipalities": int(munis), "measures": int(measures),
            "reverses": int(reverses or 0), "first_year": first, "last_year": last}


def measures_by_municipality_year(*, session: Session, f: Filters) -> pd.DataFrame:
    """Measures counted by municipality, year and category."""
    stmt = (_base(col(Municipality.name).label("municipality"), col(Decision.year).label("year"),
                  col(Measure.category).label("category"), func.count(col(Measure.id)).label("measures"))
            .join(Measure, col(Measure.decision_id) == col(Decision.id))
            .where(*_conditions(f), *_measure_conds(f), col(Decision.year).is_not(None))
            .group_by(col(Municipality.name), col(Decision.year), col(Measure.category))
            .order_by(col(Municipality.name), col(Decision.year), col(Measure.category)))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["municipality", "year", "category", "measures"]).astype(
        {"year": "int64", "measures": "int64"})


def decisions_by_municipality_year(*, session: Session, f: Filters) -> pd.DataFrame:
    """Decisions counted by municipality and year (the heatmap)."""
    stmt = (_base(col(Municipality.name).label("municipality"), col(Decision.year).label("year"),
                  func.count(col(Decision.id)).label("decisions"))
            .where(*_conditions(f), col(Decision.year).is_not(None))
            .group_by(col(Municipality.name), col(Decision.year))
            .order_by(col(Municipality.name), col(Decision.year)))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["municipality", "year", "decisions"]).astype(
        {"year": "int64", "decisions": "int64"})


def map_points(*, session: Session, f: Filters) -> pd.DataFrame:
    """Places with coordinates and how many decisions and measures they have."""
    measure_count = (select(func.count(col(Measure.id))).where(col(Measure.decision_id) == col(Decision.id),
                                                               *_measure_conds(f)).scalar_subquery())
    stmt = (_base(col(Municipality.name).label("municipality"), col(Municipality.state).label("state"),
                  col(Municipality.country).label("country"), col(Municipality.level).label("level"),
                  col(Municipality.latitude).label("lat"), col(Municipality.longitude).label("lon"),
                  func.count(col(Decision.id)).label("decisions"),
                  func.coalesce(func.sum(measure_count), 0).label("measures"))
            .where(*_conditions(f), col(Municipality.latitude).is_not(None))
            .group_by(col(Municipality.id), col(Municipality.name), col(Municipality.state),
                      col(Municipality.country), col(Municipality.level), col(Municipality.latitude),
                      col(Municipality.longitude))
            .order_by(col(Municipality.name)))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["municipality", "state", "country", "level", "lat", "lon", "decisions",
                                       "measures"])


def _categories_of(session: Session, ids: list[int], f: Filters) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        rows = session.execute(select(col(Measure.decision_id), col(Measure.category), col(Measure.direction))
                               .where(col(Measure.decision_id).in_(part))
                               .order_by(col(Measure.decision_id), col(Measure.id))).all()
        for did, cat, direction in rows:
            out.setdefault(did, []).append((cat, direction))
    return out


DECISION_COLUMNS = ["uid", "date", "date_precision", "year", "municipality", "state", "level", "country", "body",
                    "title", "reference", "document_type", "outcome", "votes_yes", "votes_no", "votes_abstain",
                    "categories", "reverses", "origin", "source"]


def decisions(*, session: Session, f: Filters, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """The filtered decisions, newest first, with their categories (`;`-joined ids)."""
    first_source = (select(col(DecisionSource.url)).where(col(DecisionSource.decision_id) == col(Decision.id))
                    .order_by(col(DecisionSource.position)).limit(1).scalar_subquery())
    stmt = (_base(col(Decision.id), col(Decision.uid), col(Decision.decision_date), col(Decision.date_precision),
                  col(Decision.year), col(Municipality.name), col(Municipality.state), col(Municipality.level),
                  col(Municipality.country), col(Decision.body), col(Decision.title), col(Decision.reference),
                  col(Decision.document_type), col(Decision.outcome), col(Decision.votes_yes),
                  col(Decision.votes_no), col(Decision.votes_abstain), col(Decision.origin),
                  first_source, col(Document.file_name))
            .join(Document, col(Decision.document_id) == col(Document.id), isouter=True)
            .where(*_conditions(f))
            .order_by(col(Decision.decision_date).desc(), col(Decision.id).desc()))
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = session.execute(stmt).all()
    cats = _categories_of(session, [r[0] for r in rows], f)
    records = []
    for r in rows:
        c = cats.get(r[0], [])
        records.append({
            "uid": r[1], "date": r[2], "date_precision": r[3], "year": r[4], "municipality": r[5], "state": r[6],
            "level": r[7], "country": r[8], "body": r[9], "title": r[10], "reference": r[11],
            "document_type": r[12], "outcome": r[13], "votes_yes": r[14], "votes_no": r[15],
            "votes_abstain": r[16], "categories": ";".join(dict.fromkeys(x for x, _ in c)),
            "reverses": any(d == "reverses" for _, d in c), "origin": r[17], "source": r[18] or r[19],
        })
    return pd.DataFrame.from_records(records, columns=DECISION_COLUMNS)


def count_decisions(*, session: Session, f: Filters) -> int:
    return int(session.execute(_base(func.count(col(Decision.id))).where(*_conditions(f))).scalar_one())


def filter_options(*, session: Session) -> dict[str, Any]:
    """What the filter widgets offer: only values that occur in the published record."""
    pub = [col(Decision.review_status) == "published", col(Decision.relevant).is_(True),
           col(Decision.deleted_at).is_(None)]
    munis = session.execute(_base(col(Municipality.name)).where(*pub).distinct()
                            .order_by(col(Municipality.name))).scalars().all()
    states = session.execute(_base(col(Municipality.state)).where(*pub, col(Municipality.state).is_not(None))
                             .distinct().order_by(col(Municipality.state))).scalars().all()
    levels = session.execute(_base(col(Municipality.level)).where(*pub).distinct()).scalars().all()
    first, last = session.execute(_base(func.min(col(Decision.year)), func.max(col(Decision.year)))
                                  .where(*pub)).one()
    outcomes = session.execute(_base(col(Decision.outcome)).where(*pub).distinct()).scalars().all()
    doc_types = session.execute(_base(col(Decision.document_type))
                                .where(*pub, col(Decision.document_type).is_not(None)).distinct()).scalars().all()
    cats = session.execute(_base(col(Measure.category)).join(
        Measure, col(Measure.decision_id) == col(Decision.id)).where(*pub).distinct()).scalars().all()
    return {"municipalities": list(munis), "states": list(states), "levels": sorted(levels),
            "first_year": first, "last_year": last, "outcomes": sorted(outcomes),
            "document_types": sorted(doc_types), "categories": sorted(cats)}


def decision_detail(*, session: Session, uid: str) -> dict[str, Any] | None:
    """Everything about one decision: fields, place, document, measures with evidence, sources, history."""
    dec = session.execute(select(Decision).where(col(Decision.uid) == uid)).scalar_one_or_none()
    if dec is None or dec.deleted_at is not None:  # a soft-deleted decision is not shown (admins restore it)
        return None
    muni = session.get(Municipality, dec.municipality_id) if dec.municipality_id else None
    doc = session.get(Document, dec.document_id) if dec.document_id else None
    measures = session.execute(select(Measure).where(col(Measure.decision_id) == dec.id)
                               .order_by(col(Measure.id))).scalars().all()
    sources = session.execute(select(col(DecisionSource.url)).where(col(DecisionSource.decision_id) == dec.id)
                              .order_by(col(DecisionSource.position))).scalars().all()
    keys = [dec.uid] + ([doc.sha256] if doc else [])
    history = session.execute(select(AuditEntry).where(col(AuditEntry.entity_id).in_(keys))
                              .order_by(col(AuditEntry.at), col(AuditEntry.id))).scalars().all()
    related = []
    links = [("follows_up", col(Decision.uid) == dec.related_uid)] if dec.related_uid else []
    links.append(("followed_by", col(Decision.related_uid) == dec.uid))
    for kind, cond in links:
        for uid, title, date, precision in session.execute(
                select(col(Decision.uid), col(Decision.title), col(Decision.decision_date), col(Decision.date_precision))
                .where(cond, col(Decision.review_status) == "published").order_by(col(Decision.decision_date))):
            related.append({"kind": kind, "uid": uid, "title": title, "date": date, "date_precision": precision})
    return {"decision": dec, "municipality": muni, "document": doc, "measures": list(measures),
            "sources": list(sources), "history": list(history), "related": related}
