"""Ingest: a PDF's frozen extraction record becomes draft (or published) rows, atomically and once.

Steps, each its own function: hash -> recognise duplicates -> extract -> store the file -> write the rows.
The file is written to a temporary name first and moved into place only inside the database transaction;
if anything fails, the transaction is rolled back and the file removed, so nothing is half-saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models import AuditEntry, Decision, Document, Measure, Municipality, session_scope
from models.tables import utcnow
from ratsradar import gazetteer
from ratsradar.paths import files_dir, runtime_dir
from ratsradar.record import ExtractionError, ExtractionResult

Status = Literal["created", "duplicate", "error"]


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    file_name: str
    status: Status
    sha256: str | None = None
    document_id: int | None = None
    decision_ids: tuple[int, ...] = ()
    error: ExtractionError | None = None
    pages: int | None = None
    relevant: int = 0  # how many of the decisions concern the subject


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_document(session: Session, sha256: str) -> Document | None:
    return session.exec(select(Document).where(Document.sha256 == sha256)).first()


def get_or_create_municipality(session: Session, name: str, *, country: str | None = None,
                               level: str = "municipality") -> Municipality:
    """The municipality row for a plain name, created from the gazetteer when new."""
    place = gazetteer.lookup(name, country)
    plain = gazetteer.plain_name(name)
    display = place.name if place else plain
    ctry = (place.country if place else country) or "DE"
    if place is not None:  # the same place under another spelling (e.g. the seed's "Freiburg im Breisgau")
        row = session.exec(select(Municipality).where(Municipality.geonameid == place.geonameid)).first()
        if row is not None:
            return row
        if place.ags:
            row = session.exec(select(Municipality).where(Municipality.ags == place.ags)).first()
            if row is not None:
                return row
    row = session.exec(select(Municipality).where(
        Municipality.name.in_((display, plain)), Municipality.country == ctry,  # type: ignore[attr-defined]
        Municipality.level == level)).first()
    if row is not None:
        return row
    row = Municipality(
        name=display, level=level if ctry == "DE" or level != "municipality" else "foreign_city",
        state=place.state if place else None, country=ctry, ags=place.ags if place else None,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        population=place.population if place else None, geonameid=place.geonameid if place else None,
    )
    if row.level != level:
        existing = session.exec(select(Municipality).where(
            Municipality.name == display, Municipality.country == ctry, Municipality.level == row.level)).first()
        if existing is not None:
            return existing
    session.add(row)
    session.flush()
    return row


def _method(result: ExtractionResult) -> str:
    return f"rules:{result.text_source or 'text_layer'}"


def add_rows(session: Session, result: ExtractionResult, *, stored_path: str | None, uploaded_by: str | None,
             publish: bool = False, source_url: str | None = None) -> tuple[Document, list[Decision]]:
    """Write the document and its decisions and measures into the session (no commit)."""
    assert result.sha256 is not None
    doc = Document(
        sha256=result.sha256, file_name=Path(result.file).name[:255], size=result.size or 0, pages=result.pages,
        text=result.text, text_source=result.text_source, stored_path=stored_path, source_url=source_url,
        uploaded_by=uploaded_by, extraction_json=json.dumps(result.to_contract(), ensure_ascii=False),
    )
    session.add(doc)
    session.flush()
    meta = result.document
    muni = get_or_create_municipality(session, meta.municipality) if meta.municipality else None
    status = "published" if publish else "draft"
    now = utcnow()
    decisions: list[Decision] = []
    for n, rec in enumerate(result.decisions, start=1):
        date = rec.date or meta.date
        dec = Decision(
            uid=f"{result.sha256[:12]}-{n}", municipality_id=muni.id if muni else None, document_id=doc.id,
            item_number=n, body=rec.body or meta.body, reference=rec.reference or meta.reference,
            title=rec.title or meta.title, document_type=meta.document_type,
            decision_date=date, date_precision="day", year=date.year if date else None,
            outcome=rec.outcome, votes_yes=rec.votes.yes if rec.votes else None,
            votes_no=rec.votes.no if rec.votes else None, votes_abstain=rec.votes.abstain if rec.votes else None,
            relevant=rec.relevant, review_status=status, origin="upload", extraction_method=_method(result),
            page=rec.page, created_by=uploaded_by,
            reviewed_by=uploaded_by if publish else None, reviewed_at=now if publish else None,
        )
        session.add(dec)
        session.flush()
        for m in rec.measures:
            session.add(Measure(decision_id=dec.id, category=m.category, direction=m.direction,
                                evidence=m.evidence, page=m.page, extraction_method=_method(result)))
        decisions.append(dec)
    session.add(AuditEntry(actor=uploaded_by, action="publish" if publish else "create", entity="document",
                           entity_id=result.sha256, after=json.dumps({"file": doc.file_name,
                                                                       "decisions": len(decisions)})))
    session.flush()
    return doc, decisions


def store_path_for(sha256: str) -> Path:
    return files_dir() / sha256[:2] / f"{sha256}.pdf"


def ingest_bytes(engine: Engine, data: bytes, file_name: str, *, uploaded_by: str | None = None,
                 publish: bool = False, source_url: str | None = None,
                 extract: Callable[[bytes, str], ExtractionResult] | None = None) -> IngestOutcome:
    """Extract and store one file. Same bytes twice -> ``duplicate``; a bad file -> ``error``, nothing stored."""
    name = Path(file_name).name or "upload.pdf"
    digest = sha256_of(data)
    with Session(engine) as session:
        existing = find_document(session, digest)
        if existing is not None:
            return _duplicate(session, existing, name)
    if extract is None:
        from ratsradar.extraction import extract_bytes as extract
    result = extract(data, name)
    if result.error is not None:
        return IngestOutcome(name, "error", sha256=digest, error=result.error, pages=result.pages)
    if result.sha256 is None:
        from dataclasses import replace
        result = replace(result, sha256=digest)
    final = store_path_for(digest)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{digest}.{uuid.uuid4().hex}.tmp")
    existed_before = final.exists()
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with session_scope(engine) as session:
            doc, decisions = add_rows(session, result, stored_path=str(final.relative_to(runtime_dir())),
                                      uploaded_by=uploaded_by, publish=publish, source_url=source_url)
            os.replace(tmp, final)
            outcome = IngestOutcome(name, "created", sha256=digest, document_id=doc.id,
                                    decision_ids=tuple(d.id for d in decisions if d.id is not None),
                                    pages=result.pages, relevant=sum(d.relevant for d in decisions))
    except IntegrityError:
        # another session stored the same file at the same time
        _cleanup(tmp, final, existed_before)
        with Session(engine) as session:
            existing = find_document(session, digest)
            if existing is not None:
                return _duplicate(session, existing, name)
        raise
    except BaseException:
        _cleanup(tmp, final, existed_before)
        raise
    return outcome


def _cleanup(tmp: Path, final: Path, existed_before: bool) -> None:
    tmp.unlink(missing_ok=True)
    if not existed_before:
        final.unlink(missing_ok=True)


def _duplicate(session: Session, doc: Document, name: str) -> IngestOutcome:
    rows = session.exec(select(Decision.id, Decision.relevant).where(Decision.document_id == doc.id)).all()
    return IngestOutcome(name, "duplicate", sha256=doc.sha256, document_id=doc.id,
                         decision_ids=tuple(i for i, _ in rows if i is not None), pages=doc.pages,
                         relevant=sum(bool(r) for _, r in rows))


def ingest_path(engine: Engine, path: Path, **kwargs: object) -> IngestOutcome:
    return ingest_bytes(engine, Path(path).read_bytes(), Path(path).name, **kwargs)  # type: ignore[arg-type]
