"""Export of the published record with measures and sources (CSV for spreadsheets, JSON for tools)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from models import Decision, DecisionSource, Document, Measure, Municipality

CSV_COLUMNS = ["uid", "municipality", "state", "country", "level", "ags", "body", "date", "date_precision",
               "reference", "title", "document_type", "outcome", "votes_yes", "votes_no", "votes_abstain",
               "votes_text", "summary", "categories", "directions", "evidence", "source_urls", "source_file",
               "source_sha256", "extraction_method", "reviewed_by", "weak_note", "related_uid"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas: such text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: Any) -> Any:
    """A copy of a pandas DataFrame whose text cells (and column names) cannot run as spreadsheet formulas."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(_safe_cell)
    out.columns = [_safe_cell(c) for c in out.columns]
    return out


def published_records(session: Session) -> Iterator[dict[str, Any]]:
    """Each published decision as a plain dict, with its measures and sources, oldest first."""
    rows = session.exec(
        select(Decision, Municipality, Document)
        .join(Municipality, col(Decision.municipality_id) == col(Municipality.id), isouter=True)
        .join(Document, col(Decision.document_id) == col(Document.id), isouter=True)
        .where(Decision.review_status == "published", col(Decision.relevant).is_(True),
               col(Decision.deleted_at).is_(None))
        .order_by(col(Decision.decision_date), col(Decision.id))
    ).all()
    ids = [d.id for d, _, _ in rows]
    measures: dict[int, list[Measure]] = {}
    sources: dict[int, list[str]] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        for m in session.exec(select(Measure).where(col(Measure.decision_id).in_(part)).order_by(col(Measure.id))):
            measures.setdefault(m.decision_id, []).append(m)
        for s in session.exec(select(DecisionSource).where(col(DecisionSource.decision_id).in_(part))
                              .order_by(col(DecisionSource.position))):
            sources.setdefault(s.decision_id, []).append(s.url)
    for dec, muni, doc in rows:
        yield {
            "uid": dec.uid,
            "municipality": muni.name if muni else None, "state": muni.state if muni else None,
            "country": muni.country if muni else None, "level": muni.level if muni else None,
            "ags": muni.ags if muni else None,
            "body": dec.body, "date": dec.decision_date.isoformat() if dec.decision_date else None,
            "date_precision": dec.date_precision, "reference": dec.reference, "title": dec.title,
            "document_type": dec.document_type, "outcome": dec.outcome,
            "votes": ({"yes": dec.votes_yes, "no": dec.votes_no or 0, "abstain": dec.votes_abstain or 0}
                      if dec.votes_yes is not None else None),
            "votes_text": dec.votes_text, "summary": dec.summary,
            "measures": [{"category": m.category, "direction": m.direction, "evidence": m.evidence, "page": m.page,
                          "extraction_method": m.extraction_method} for m in measures.get(dec.id, [])],
            "sources": {"urls": sources.get(dec.id, []),
                        "file": doc.file_name if doc else None, "sha256": doc.sha256 if doc else None,
                        "source_url": doc.source_url if doc else None},
            "extraction_method": dec.extraction_method, "reviewed_by": dec.reviewed_by,
            "reviewed_at": dec.reviewed_at.isoformat() if dec.reviewed_at else None,
            "weak_note": dec.weak_note, "related_uid": dec.related_uid,
        }


def flat_row(r: dict[str, Any]) -> dict[str, Any]:
    """A record of ``published_records`` as one flat row of ``CSV_COLUMNS`` (lists joined)."""
    v = r["votes"] or {}
    row = {k: r.get(k) for k in CSV_COLUMNS if k in r}
    row |= {
        "votes_yes": v.get("yes"), "votes_no": v.get("no"), "votes_abstain": v.get("abstain"),
        "categories": ";".join(m["category"] for m in r["measures"]),
        "directions": ";".join(m["direction"] for m in r["measures"]),
        "evidence": " || ".join(m["evidence"] or "" for m in r["measures"]),
        "source_urls": " | ".join(r["sources"]["urls"]),
        "source_file": r["sources"]["file"], "source_sha256": r["sources"]["sha256"],
    }
    return {k: row.get(k) for k in CSV_COLUMNS}


def to_csv(records: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = flat_row(r)
        writer.writerow({k: _safe_cell(row[k]) for k in CSV_COLUMNS})
    return buf.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps({"decisions": records}, ensure_ascii=False, indent=1)
