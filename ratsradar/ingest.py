"""Ingest: a PDF's frozen extraction record becomes draft (or published) rows, atomically and once.

Steps, each its own function: hash -> recognise duplicates -> extract -> store the file -> write the rows.
The file is written to a temporary name first and moved into place only inside the database transaction;
if anything fails, the transaction is rolled back and the file removed, so nothing is half-saved.

Extraction runs guarded (``ratsradar.sandbox.guarded_extract``: a worker process with memory and time limits),
so a hostile file costs a worker, never the caller.

A process killed mid-ingest leaves at most a temporary file (``.<sha256>.<pid>.<random>.tmp``) or, in the
instant between the move and the commit, a stored file without a row; ``sweep_orphans`` removes both (temporary
files whose writer is gone, stored files without a document after a grace period) and runs at the start of
ingests (at most every ``SWEEP_EVERY_S`` per process). Running the ingest again completes it.

Test hook (documented, for the kill tests only): ``RATSRADAR_TEST_KILL_AT=<step>`` makes the ingesting
process SIGKILL itself at that named step: ``extracted``, ``temp_written``, ``rows_added``, ``file_moved``
(the file is in place, the transaction not yet committed) or ``committed``.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
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
    return _insert_municipality(session, row)


def _insert_municipality(session: Session, row: Municipality) -> Municipality:
    """Insert ``row`` inside a savepoint; when another session created the same place meanwhile (two uploads
    naming a new place at once), the unique constraint fires and that session's row is used instead."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        existing = session.exec(select(Municipality).where(
            Municipality.name == row.name, Municipality.country == row.country,
            Municipality.level == row.level)).first()
        if existing is None:
            raise
        return existing


def _method(result: ExtractionResult) -> str:
    return f"rules:{result.text_source or 'text_layer'}"


def add_rows(session: Session, result: ExtractionResult, *, stored_path: str | None, uploaded_by: str | None,
             publish: bool = False, source_url: str | None = None, origin: str = "upload",
             extraction_method: str | None = None,
             uploaded_by_user_id: int | None = None) -> tuple[Document, list[Decision]]:
    """Write the document and its decisions and measures into the session (no commit).

    ``origin`` (``upload``, ``import``) and ``extraction_method`` (default ``rules:<text_source>``, e.g.
    ``oparl:file_text``) are recorded on every decision and measure."""
    assert result.sha256 is not None
    method = extraction_method or _method(result)
    doc = Document(
        sha256=result.sha256, file_name=Path(result.file).name[:255], size=result.size or 0, pages=result.pages,
        text=result.text, text_source=result.text_source, stored_path=stored_path, source_url=source_url,
        uploaded_by=uploaded_by, extraction_json=json.dumps(result.to_contract(), ensure_ascii=False),
        uploaded_by_user_id=uploaded_by_user_id,
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
            relevant=rec.relevant, review_status=status, origin=origin, extraction_method=method,
            page=rec.page, created_by=uploaded_by,
            reviewed_by=uploaded_by if publish else None, reviewed_at=now if publish else None,
        )
        session.add(dec)
        session.flush()
        for m in rec.measures:
            session.add(Measure(decision_id=dec.id, category=m.category, direction=m.direction,
                                evidence=m.evidence, page=m.page, extraction_method=method))
        decisions.append(dec)
    session.add(AuditEntry(actor=uploaded_by, action="publish" if publish else "create", entity="document",
                           entity_id=result.sha256, after=json.dumps({"file": doc.file_name,
                                                                       "decisions": len(decisions)})))
    session.flush()
    return doc, decisions


def store_path_for(sha256: str) -> Path:
    return files_dir() / sha256[:2] / f"{sha256}.pdf"


KILL_STEPS = ("extracted", "temp_written", "rows_added", "file_moved", "committed")
SWEEP_EVERY_S = 600.0
ORPHAN_GRACE_S = 3600.0  # a stored file without a row is removed only when older than this
_last_sweep = 0.0


def _kill_point(step: str) -> None:
    """Test hook: ``RATSRADAR_TEST_KILL_AT=<step>`` kills this process (SIGKILL, no cleanup) at ``step``."""
    if os.environ.get("RATSRADAR_TEST_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(engine: Engine, *, grace_s: float = ORPHAN_GRACE_S) -> list[Path]:
    """Remove what killed ingests left behind; returns the removed paths.

    - temporary files ``.<sha>.<pid>.<random>.tmp`` whose writing process is gone (or older than ``grace_s``);
    - stored ``<sha>.pdf`` files that no document row refers to and that are older than ``grace_s`` (a younger
      one may belong to an ingest that is about to commit).
    """
    root = files_dir()
    if not root.is_dir():
        return []
    now = time.time()
    removed: list[Path] = []
    candidates: dict[str, Path] = {}
    for sub in root.iterdir():
        if not sub.is_dir():
            continue
        for path in sub.iterdir():
            try:
                age = now - path.stat().st_mtime
            except FileNotFoundError:
                continue
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                parts = path.name.split(".")
                pid = int(parts[2]) if len(parts) >= 5 and parts[2].isdigit() else None
                if age > grace_s or (pid is not None and pid != os.getpid() and not _pid_alive(pid)):
                    path.unlink(missing_ok=True)
                    removed.append(path)
            elif path.suffix == ".pdf" and age > grace_s:
                candidates[path.stem] = path
    if candidates:
        with Session(engine) as session:
            known = set()
            shas = list(candidates)
            for i in range(0, len(shas), 500):
                known |= set(session.exec(select(Document.sha256).where(
                    Document.sha256.in_(shas[i:i + 500]))).all())  # type: ignore[attr-defined]
        for sha, path in candidates.items():
            if sha not in known:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _maybe_sweep(engine: Engine) -> None:
    global _last_sweep
    if time.monotonic() - _last_sweep < SWEEP_EVERY_S and _last_sweep:
        return
    _last_sweep = time.monotonic()
    try:
        sweep_orphans(engine)
    except Exception:  # tidying up must never make an upload fail
        pass


def ingest_bytes(engine: Engine, data: bytes, file_name: str, *, uploaded_by: str | None = None,
                 publish: bool = False, source_url: str | None = None,
                 extract: Callable[[bytes, str], ExtractionResult] | None = None,
                 uploaded_by_user_id: int | None = None) -> IngestOutcome:
    """Extract and store one file. Same bytes twice -> ``duplicate``; a bad file -> ``error``, nothing stored."""
    name = Path(file_name).name or "upload.pdf"  # only ever a label: files are stored by sha256
    digest = sha256_of(data)
    _maybe_sweep(engine)
    with Session(engine) as session:
        existing = find_document(session, digest)
        if existing is not None:
            _restore_missing_file(existing, data)
            return _duplicate(session, existing, name)
    if extract is None:
        from ratsradar.sandbox import guarded_extract as extract
    result = extract(data, name)
    _kill_point("extracted")
    if result.error is not None:
        return IngestOutcome(name, "error", sha256=digest, error=result.error, pages=result.pages)
    if result.sha256 is None:
        from dataclasses import replace
        result = replace(result, sha256=digest)
    final = store_path_for(digest)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{digest}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    existed_before = final.exists()
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _kill_point("temp_written")
        with session_scope(engine) as session:
            doc, decisions = add_rows(session, result, stored_path=str(final.relative_to(runtime_dir())),
                                      uploaded_by=uploaded_by, publish=publish, source_url=source_url,
                                      uploaded_by_user_id=uploaded_by_user_id)
            _kill_point("rows_added")
            os.replace(tmp, final)
            _kill_point("file_moved")
            outcome = IngestOutcome(name, "created", sha256=digest, document_id=doc.id,
                                    decision_ids=tuple(d.id for d in decisions if d.id is not None),
                                    pages=result.pages, relevant=sum(d.relevant for d in decisions))
    except IntegrityError:
        # another session stored the same file at the same time: its row and its (identical) file stay
        tmp.unlink(missing_ok=True)
        with Session(engine) as session:
            existing = find_document(session, digest)
            if existing is not None:
                _restore_missing_file(existing, data)
                return _duplicate(session, existing, name)
        _cleanup(tmp, final, existed_before, engine, digest)
        raise
    except BaseException:
        _cleanup(tmp, final, existed_before, engine, digest)
        raise
    _kill_point("committed")
    return outcome


def _cleanup(tmp: Path, final: Path, existed_before: bool, engine: Engine | None = None,
             digest: str | None = None) -> None:
    """Remove our temporary file, and the stored file unless it was there before or another session's row
    (committed meanwhile) refers to it. When the database cannot tell, the file stays for ``sweep_orphans``."""
    tmp.unlink(missing_ok=True)
    if existed_before or not final.exists():
        return
    if engine is not None and digest is not None:
        try:
            with Session(engine) as session:
                if find_document(session, digest) is not None:
                    return
        except Exception:
            return
    final.unlink(missing_ok=True)


def _restore_missing_file(doc: Document, data: bytes) -> None:
    """A known document whose stored file is gone (e.g. restored from a backup without files) gets it back."""
    if not doc.stored_path or sha256_of(data) != doc.sha256:
        return
    path = runtime_dir() / doc.stored_path
    if path.exists() or Path(doc.stored_path).is_absolute() or ".." in Path(doc.stored_path).parts:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{doc.sha256}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _duplicate(session: Session, doc: Document, name: str) -> IngestOutcome:
    rows = session.exec(select(Decision.id, Decision.relevant).where(Decision.document_id == doc.id)).all()
    return IngestOutcome(name, "duplicate", sha256=doc.sha256, document_id=doc.id,
                         decision_ids=tuple(i for i, _ in rows if i is not None), pages=doc.pages,
                         relevant=sum(bool(r) for _, r in rows))


def ingest_path(engine: Engine, path: Path, **kwargs: object) -> IngestOutcome:
    return ingest_bytes(engine, Path(path).read_bytes(), Path(path).name, **kwargs)  # type: ignore[arg-type]
