"""Import from an OParl system, as named steps:

1. ``discover``   System -> its Bodies (a Body URL works too); ``choose_bodies`` picks by id or name;
2. ``plan``       full or incremental: ``modified_since`` = the last complete run (minus a margin) or ``--since``;
3. ``list_papers`` the body's paper list along ``links.next``, plus papers that failed last time (by id);
4. ``classify``   new / changed / unchanged (same ``modified``) / deleted;
5. ``fetch``      the deciding Consultation's Meeting, AgendaItem and Organization (cached per run), and the
                  paper's main and auxiliary files (``downloadUrl``, else ``accessUrl``);
6. ``analyse``    each file's text (``File.text`` when given, else the PDF through ``ratsradar.extraction``)
                  -> the frozen ``ExtractionResult`` of ``mapping.build_result``;
7. ``store``      one transaction per paper: the document and draft decision (``ratsradar.ingest.add_rows``,
                  origin ``import``), the paper's web link as a source, the provenance rows (``OParlObject``);
8. ``finish``     the body's sync marker, so the next run asks only for what changed.

Re-running is idempotent: a paper whose ``modified`` is unchanged is skipped; a changed paper updates its draft
(a reviewed decision is left as reviewed, with an audit entry); a deleted paper is marked deleted and its draft
set aside (``rejected``). Files are recognised by SHA-256, so a PDF uploaded by hand is linked, not duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models import AuditEntry, Decision, DecisionSource, Document, Measure, session_scope
from models.tables import OParlObject, utcnow
from ratsradar.extraction import analyse, extract_bytes
from ratsradar.ingest import add_rows, find_document, sha256_of, store_path_for
from ratsradar.oparl import mapping
from ratsradar.oparl.client import ClientSettings, OParlClient, OParlError
from ratsradar.paths import runtime_dir
from ratsradar.record import ExtractionResult

INCREMENTAL_MARGIN = dt.timedelta(hours=1)  # clocks of client and server differ; re-listing is cheap
Progress = Callable[[int, int | None, str], None]


class ImportProblem(Exception):
    """The run cannot start: ``key`` names the i18n message (``oparl.error.<key>``)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


@dataclass(frozen=True)
class ImportOptions:
    system_url: str
    body: str | None = None  # OParl id, shortName or name of the body; None: every body of the system
    since: dt.datetime | None = None  # modified_since; None: since the last complete run (or everything)
    created_since: dt.datetime | None = None
    all: bool = False  # store every paper as a draft, not only the relevant ones
    user: str | None = None  # noted on the drafts (uploaded_by / created_by)
    user_id: int | None = None  # the account that imports (the drafts' owner)
    ocr: bool = True
    retry_failed: bool = True
    limit: int | None = None  # stop after this many papers (for trying a large system)


@dataclass
class ImportReport:
    system: str = ""
    bodies: list[str] = field(default_factory=list)
    incremental: bool = False
    since: str | None = None
    listed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    created: int = 0  # drafts created
    updated: int = 0  # drafts updated after a change
    linked: int = 0  # file already known (e.g. uploaded by hand): linked, not duplicated
    irrelevant: int = 0  # read, not on the subject, not stored (without --all)
    reviewed_changed: int = 0  # changed at the source after review: left as reviewed, noted in the audit
    no_file: int = 0
    retried: int = 0  # failed in an earlier run, tried again
    failed: int = 0
    files: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    complete: bool = True  # every list was walked to its end
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url or id, message)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def summary(self) -> str:
        return (f"{self.listed} listed: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{self.deleted} deleted, {self.retried} retried; {self.created} drafts created, {self.updated} updated, {self.linked} linked, "
                f"{self.irrelevant} not on the subject, {self.reviewed_changed} reviewed and changed at the source, "
                f"{self.no_file} without file, {self.failed} failed; {self.files} files, {self.requests} requests, "
                f"{self.retries} retries, {self.seconds:.1f} s")


# --- 1. discover ------------------------------------------------------------------------------------------

def discover(client: OParlClient, url: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The System at ``url`` and its Bodies (``url`` may also be a Body or a body list)."""
    try:
        obj = client.get_json(url)
    except OParlError as exc:
        raise ImportProblem("unreachable", f"{exc.message} ({exc.url})") from exc
    kind = mapping.type_name(obj)
    if kind == "Body":
        return {"id": mapping.ref(obj.get("system")) or url}, [obj]
    if kind != "System":
        if isinstance(obj.get("data"), list):  # a body list
            found = [b for b in obj["data"] if isinstance(b, dict) and mapping.type_name(b) == "Body"]
            if found:
                return {"id": url}, found
        raise ImportProblem("not_oparl", url)
    body_ref = obj.get("body")
    bodies: list[dict[str, Any]] = []
    try:
        if isinstance(body_ref, str):
            bodies = [b for b in client.iter_list(body_ref) if mapping.type_name(b) in ("Body", "")]
        else:
            for b in mapping.as_list(body_ref):
                bodies.append(b if isinstance(b, dict) else client.get_json(str(b)))
    except OParlError as exc:
        raise ImportProblem("unreachable", f"{exc.message} ({exc.url})") from exc
    bodies = [b for b in bodies if mapping.ref(b.get("id")) and not mapping.is_deleted(b)]
    if not bodies:
        raise ImportProblem("no_body", url)
    return obj, bodies


def choose_bodies(bodies: list[dict[str, Any]], wanted: str | None) -> list[dict[str, Any]]:
    if not wanted:
        return bodies
    w = wanted.strip().casefold()
    for b in bodies:
        names = {mapping.ref(b.get("id")) or "", mapping.text(b.get("shortName")) or "", mapping.text(b.get("name")) or ""}
        if w in {n.casefold() for n in names if n}:
            return [b]
    raise ImportProblem("body_unknown", wanted)


# --- 2. plan ----------------------------------------------------------------------------------------------

def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def plan(engine: Engine, body_id: str, opts: ImportOptions) -> tuple[dict[str, str], bool]:
    """The list filters for this run and whether it is incremental."""
    params: dict[str, str] = {}
    if opts.created_since:
        params["created_since"] = _iso(opts.created_since)
    if opts.since:
        params["modified_since"] = _iso(opts.since)
        return params, True
    with Session(engine) as s:
        marker = s.exec(select(OParlObject).where(OParlObject.oparl_id == body_id,
                                                  OParlObject.type == "Body")).first()
        skipped = s.exec(select(OParlObject.id).where(OParlObject.body == body_id, OParlObject.type == "Paper",
                                                      OParlObject.status == "irrelevant")).first()
    if marker is None or marker.synced_at is None or (opts.all and skipped is not None):
        return params, bool(params)
    params["modified_since"] = _iso(marker.synced_at - INCREMENTAL_MARGIN)
    return params, True


# --- 3. list ----------------------------------------------------------------------------------------------

def list_papers(client: OParlClient, body: dict[str, Any], params: dict[str, str],
                on_total: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
    url = mapping.ref(body.get("paper"))
    if not url:
        return
    first = True

    def page(obj: dict[str, Any]) -> None:
        nonlocal first
        if first and on_total is not None:
            total = (obj.get("pagination") or {}).get("totalElements") if isinstance(obj.get("pagination"), dict) else None
            if isinstance(total, int):
                on_total(total)
        first = False

    yield from client.iter_list(url, params, on_page=page)


def failed_papers(engine: Engine, body_id: str) -> list[str]:
    with Session(engine) as s:
        return list(s.exec(select(OParlObject.oparl_id).where(OParlObject.body == body_id,
                                                               OParlObject.type == "Paper",
                                                               OParlObject.status == "failed")).all())


# --- 4. classify ------------------------------------------------------------------------------------------

def classify(engine: Engine, facts: mapping.PaperFacts) -> str:
    """``new``, ``changed``, ``unchanged``, ``retried`` (failed last time) or ``deleted`` (not yet recorded)."""
    with Session(engine) as s:
        obj = s.exec(select(OParlObject).where(OParlObject.oparl_id == facts.oparl_id)).first()
    if facts.deleted:
        return "unchanged" if obj is not None and obj.deleted else "deleted"
    if obj is None:
        return "new"
    if obj.status == "failed":
        return "retried"  # failed last time (e.g. a broken link): tried again
    if obj.deleted or obj.modified != facts.modified or facts.modified is None:
        return "changed"
    return "unchanged"


# --- 5. fetch ---------------------------------------------------------------------------------------------

@dataclass
class Fetcher:
    """Meetings, agenda items and organizations, each fetched once per run; missing ones stay None."""

    client: OParlClient
    report: ImportReport
    _cache: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def get(self, url: str | None) -> dict[str, Any] | None:
        if not url:
            return None
        if url not in self._cache:
            try:
                obj = self.client.get_json(url)
                self._cache[url] = None if mapping.is_deleted(obj) else obj
            except OParlError as exc:
                self.report.errors.append((url, exc.message))
                self._cache[url] = None
        return self._cache[url]

    def context(self, paper: dict[str, Any]) -> mapping.Context:
        deciding = mapping.deciding_consultation(paper)
        if deciding is None:
            return mapping.Context()
        meeting = self.get(deciding.meeting)
        item = mapping.agenda_item_in(meeting, deciding.agenda_item)
        if item is None and deciding.agenda_item:
            item = self.get(deciding.agenda_item)
        if meeting is None and item is not None:
            meeting = self.get(mapping.ref(item.get("meeting")))
        org_id = deciding.organizations[0] if deciding.organizations else None
        if org_id is None and meeting is not None:
            orgs = mapping.as_list(meeting.get("organization"))
            org_id = mapping.ref(orgs[0]) if orgs else None
        org = self.get(org_id)
        return mapping.context_from(deciding, meeting, item, org)


@dataclass
class Downloaded:
    ref: mapping.FileRef
    data: bytes | None = None
    sha256: str | None = None
    url: str | None = None
    error: str | None = None


def fetch_files(client: OParlClient, files: list[mapping.FileRef]) -> list[Downloaded]:
    out: list[Downloaded] = []
    for f in files:
        got = Downloaded(f)
        for url in f.urls:
            try:
                data = client.get_file(url)
            except OParlError as exc:
                got.error = f"{exc.message} ({url})"
                continue
            got.data, got.sha256, got.url, got.error = data, sha256_of(data), url, None
            break
        if not f.urls:
            got.error = "no download URL"
        out.append(got)
    return out


# --- 6. analyse -------------------------------------------------------------------------------------------

@dataclass
class Analysed:
    file: Downloaded
    result: ExtractionResult
    method: str
    relevant: bool


def analyse_file(got: Downloaded, facts: mapping.PaperFacts, ctx: mapping.Context, place: str | None,
                 ags: str | None, *, ocr: bool) -> Analysed | str:
    """The record for one downloaded file, or an error message."""
    assert got.data is not None and got.sha256 is not None
    f = got.ref
    if f.text:
        page_texts = tuple(p for p in f.text.split("\f")) or (f.text,)
        analysed = analyse(page_texts, f.file_name)
        text_source, method, ocr_pages = "oparl_text", "oparl:file_text", ()
    else:
        res = extract_bytes(got.data, f.file_name, ocr=ocr)
        if res.error is not None:
            return f"{res.error.code}: {res.error.message}"
        page_texts, analysed = res.page_texts, (res.document, res.decisions)
        text_source, method, ocr_pages = res.text_source, f"rules:{res.text_source or 'text_layer'}", res.ocr_pages
    result = mapping.build_result(file=f, sha256=got.sha256, size=len(got.data), page_texts=page_texts,
                                  text_source=text_source, analysed=analysed, facts=facts, ctx=ctx, place=place,
                                  ags=ags, ocr_pages=ocr_pages)
    return Analysed(got, result, method, relevant=result.decisions[0].relevant)


def choose(analysed: list[Analysed]) -> Analysed | None:
    """The paper's document: the first file on the subject, else the main file."""
    for a in analysed:
        if a.relevant:
            return a
    return analysed[0] if analysed else None


# --- 7. store ---------------------------------------------------------------------------------------------

def _paper_row(session: Session, facts: mapping.PaperFacts, body_id: str) -> OParlObject:
    obj = session.exec(select(OParlObject).where(OParlObject.oparl_id == facts.oparl_id)).first()
    if obj is None:
        obj = OParlObject(oparl_id=facts.oparl_id, type="Paper", body=body_id)
    obj.body = body_id
    obj.modified = facts.modified
    obj.deleted = facts.deleted
    obj.web = facts.web or obj.web
    obj.reference = facts.reference or obj.reference
    obj.name = facts.name or obj.name
    obj.updated_at = utcnow()
    obj.error = None
    return obj


def _file_rows(session: Session, facts: mapping.PaperFacts, body_id: str, files: list[Downloaded],
               document_id: int | None, chosen: Downloaded | None) -> None:
    for got in files:
        f = got.ref
        row = session.exec(select(OParlObject).where(OParlObject.oparl_id == f.oparl_id)).first()
        if row is None:
            row = OParlObject(oparl_id=f.oparl_id, type="File", body=body_id)
        row.paper, row.modified, row.web, row.name = facts.oparl_id, f.modified, f.web, f.name or f.file_name
        row.url, row.sha256, row.size = got.url or (f.urls[0] if f.urls else None), got.sha256, (
            len(got.data) if got.data is not None else f.size)
        row.status = "failed" if got.error else ("imported" if got is chosen else "seen")
        row.error = got.error
        row.document_id = document_id if got is chosen else row.document_id
        row.updated_at = utcnow()
        session.add(row)


def _remove_decision(session: Session, dec: Decision) -> str | None:
    """Delete a draft decision with its measures and sources; its document too when nothing else uses it.
    Returns the stored file to remove after the commit."""
    for m in session.exec(select(Measure).where(Measure.decision_id == dec.id)).all():
        session.delete(m)
    for src in session.exec(select(DecisionSource).where(DecisionSource.decision_id == dec.id)).all():
        session.delete(src)
    doc_id = dec.document_id
    session.flush()
    session.delete(dec)
    session.flush()
    if doc_id is None:
        return None
    others = session.exec(select(Decision.id).where(Decision.document_id == doc_id)).first()
    if others is not None:
        return None
    doc = session.get(Document, doc_id)
    if doc is None:
        return None
    stored = doc.stored_path
    session.delete(doc)
    session.flush()
    return stored


def _update_in_place(session: Session, dec: Decision, result: ExtractionResult, method: str) -> None:
    rec, meta = result.decisions[0], result.document
    date = rec.date or meta.date
    before = {"title": dec.title, "reference": dec.reference, "body": dec.body, "outcome": dec.outcome,
              "decision_date": str(dec.decision_date) if dec.decision_date else None, "relevant": dec.relevant}
    dec.title, dec.reference, dec.body = rec.title or meta.title, rec.reference or meta.reference, rec.body or meta.body
    dec.document_type, dec.decision_date, dec.year = meta.document_type, date, date.year if date else None
    dec.outcome, dec.relevant, dec.extraction_method = rec.outcome, rec.relevant, method
    dec.votes_yes = rec.votes.yes if rec.votes else None
    dec.votes_no = rec.votes.no if rec.votes else None
    dec.votes_abstain = rec.votes.abstain if rec.votes else None
    session.add(dec)
    for m in session.exec(select(Measure).where(Measure.decision_id == dec.id)).all():
        session.delete(m)
    for m in rec.measures:
        session.add(Measure(decision_id=dec.id, category=m.category, direction=m.direction, evidence=m.evidence,
                            page=m.page, extraction_method=method))
    after = {"title": dec.title, "reference": dec.reference, "body": dec.body, "outcome": dec.outcome,
             "decision_date": str(dec.decision_date) if dec.decision_date else None, "relevant": dec.relevant}
    session.add(AuditEntry(actor="oparl-import", action="edit", entity="decision", entity_id=dec.uid,
                           before=json.dumps(before, ensure_ascii=False), after=json.dumps(after, ensure_ascii=False)))


def _write_tmp(data: bytes, sha: str) -> tuple[Path, Path, bool]:
    final = store_path_for(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{sha}.{uuid.uuid4().hex}.tmp")
    existed = final.exists()
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp, final, existed


def store(engine: Engine, facts: mapping.PaperFacts, body_id: str, files: list[Downloaded],
          chosen: Analysed | None, *, keep: bool, user: str | None, user_id: int | None = None) -> str:
    """Write one paper in one transaction. Returns what happened: created, updated, linked, irrelevant,
    reviewed_changed."""
    tmp: Path | None = None
    final: Path | None = None
    existed = True
    stale_files: list[str] = []
    try:
        with session_scope(engine) as s:
            obj = _paper_row(s, facts, body_id)
            prior = s.get(Decision, obj.decision_id) if obj.decision_id else None
            if prior is not None and prior.review_status != "draft":
                s.add(AuditEntry(actor="oparl-import", action="source_changed", entity="decision",
                                 entity_id=prior.uid, after=json.dumps({"oparl_id": facts.oparl_id,
                                                                        "modified": facts.modified})))
                obj.status = "imported"
                s.add(obj)
                _file_rows(s, facts, body_id, files, obj.document_id, chosen.file if chosen else None)
                return "reviewed_changed"
            if chosen is None or (not keep and not chosen.relevant and prior is None):
                obj.status = "irrelevant" if chosen is not None else "no_file"
                obj.decision_id = obj.document_id = None
                s.add(obj)
                _file_rows(s, facts, body_id, files, None, chosen.file if chosen else None)
                return obj.status
            result, sha = chosen.result, chosen.file.sha256
            assert sha is not None and chosen.file.data is not None
            doc = find_document(s, sha)
            what = "created"
            if prior is not None and doc is not None and prior.document_id == doc.id:
                _update_in_place(s, prior, result, chosen.method)
                dec_id, doc_id, what = prior.id, doc.id, "updated"
            else:
                if prior is not None:
                    stored = _remove_decision(s, prior)
                    if stored:
                        stale_files.append(stored)
                    what = "updated"
                    doc = find_document(s, sha)
                if doc is not None:  # the same file is known already (uploaded by hand, or another paper)
                    first = s.exec(select(Decision).where(Decision.document_id == doc.id)
                                   .order_by(col(Decision.item_number))).first()
                    dec_id, doc_id = (first.id if first else None), doc.id
                    what = "linked" if what == "created" else what
                else:
                    tmp, final, existed = _write_tmp(chosen.file.data, sha)
                    new_doc, decisions = add_rows(
                        s, result, stored_path=str(final.relative_to(runtime_dir())), uploaded_by=user,
                        source_url=chosen.file.url, origin="import", extraction_method=chosen.method,
                        uploaded_by_user_id=user_id)
                    dec_id, doc_id = decisions[0].id, new_doc.id
                    if facts.web:
                        s.add(DecisionSource(decision_id=decisions[0].id, url=facts.web, position=0))
                    os.replace(tmp, final)
                    tmp = None
            obj.decision_id, obj.document_id = dec_id, doc_id
            obj.status = "linked" if what == "linked" else "imported"
            s.add(obj)
            _file_rows(s, facts, body_id, files, doc_id, chosen.file)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if final is not None and not existed and tmp is None:
            # the file was moved into place but the transaction failed
            final.unlink(missing_ok=True)
        raise
    for stored in stale_files:
        (runtime_dir() / stored).unlink(missing_ok=True)
    return what


def mark_deleted(engine: Engine, facts: mapping.PaperFacts, body_id: str) -> None:
    with session_scope(engine) as s:
        obj = _paper_row(s, facts, body_id)
        obj.deleted, obj.status = True, "deleted"
        s.add(obj)
        dec = s.get(Decision, obj.decision_id) if obj.decision_id else None
        if dec is not None:
            if dec.review_status == "draft":
                dec.review_status = "rejected"
                s.add(dec)
            s.add(AuditEntry(actor="oparl-import", action="source_deleted", entity="decision", entity_id=dec.uid,
                             after=json.dumps({"oparl_id": facts.oparl_id, "deleted_at_source": True,
                                               "review_status": dec.review_status})))


def mark_failed(engine: Engine, paper: dict[str, Any], body_id: str, message: str) -> None:
    pid = mapping.ref(paper.get("id"))
    if not pid:
        return
    with session_scope(engine) as s:
        obj = s.exec(select(OParlObject).where(OParlObject.oparl_id == pid)).first()
        if obj is None:
            obj = OParlObject(oparl_id=pid, type="Paper", body=body_id, name=mapping.text(paper.get("name"), 500),
                              web=mapping.text(paper.get("web")), reference=mapping.text(paper.get("reference"), 120))
        obj.status, obj.error, obj.updated_at = "failed", message[:2000], utcnow()
        s.add(obj)


# --- 8. finish --------------------------------------------------------------------------------------------

def finish(engine: Engine, body: dict[str, Any], started: dt.datetime) -> None:
    bid = mapping.ref(body.get("id"))
    assert bid
    with session_scope(engine) as s:
        row = s.exec(select(OParlObject).where(OParlObject.oparl_id == bid)).first()
        if row is None:
            row = OParlObject(oparl_id=bid, type="Body", body=bid)
        row.modified, row.web = mapping.text(body.get("modified")), mapping.text(body.get("web"))
        row.name = mapping.text(body.get("name"), 500)
        row.status, row.synced_at, row.updated_at = "synced", started, utcnow()
        s.add(row)


# --- the run ----------------------------------------------------------------------------------------------

def process_paper(engine: Engine, fetcher: Fetcher, paper: dict[str, Any], body_id: str, place: str | None,
                  ags: str | None, opts: ImportOptions, report: ImportReport) -> None:
    try:
        facts = mapping.paper_facts(paper)
    except ValueError as exc:
        report.failed += 1
        report.errors.append(("?", str(exc)))
        return
    state = classify(engine, facts)
    if state == "unchanged":
        report.unchanged += 1
        return
    if state == "deleted":
        mark_deleted(engine, facts, body_id)
        report.deleted += 1
        return
    setattr(report, state, getattr(report, state) + 1)
    try:
        ctx = fetcher.context(paper)
        files = fetch_files(fetcher.client, mapping.paper_files(paper))
        report.files += sum(1 for f in files if f.data is not None)
        analysed: list[Analysed] = []
        problems: list[str] = [f"{f.ref.file_name}: {f.error}" for f in files if f.error]
        for got in files:
            if got.data is None:
                continue
            a = analyse_file(got, facts, ctx, place, ags, ocr=opts.ocr)
            if isinstance(a, str):
                got.error = a
                problems.append(f"{got.ref.file_name}: {a}")
            else:
                analysed.append(a)
        chosen = choose(analysed)
        if problems and (chosen is None or not chosen.relevant):
            # a file could not be read and nothing on the subject was found: try again next run
            raise _PaperFailed("; ".join(problems))
        what = store(engine, facts, body_id, files, chosen, keep=opts.all, user=opts.user, user_id=opts.user_id)
    except _PaperFailed as exc:
        mark_failed(engine, paper, body_id, str(exc))
        report.failed += 1
        report.errors.append((facts.oparl_id, str(exc)))
        return
    if problems:
        report.errors.append((facts.oparl_id, "; ".join(problems)))
    setattr(report, what, getattr(report, what) + 1)


class _PaperFailed(Exception):
    pass


def run_import(engine: Engine, opts: ImportOptions, *, settings: ClientSettings | None = None,
               progress: Progress | None = None, client: OParlClient | None = None) -> ImportReport:
    """Import from the OParl system at ``opts.system_url``. Raises ``ImportProblem`` when the run cannot start
    (unreachable, not OParl, unknown body); everything else is counted in the report."""
    from ratsradar.bootstrap import prepare

    prepare(engine, seed=False)
    t0 = time.perf_counter()
    report = ImportReport(system=opts.system_url)
    own = client is None
    client = client or OParlClient(settings)
    try:
        _, bodies = discover(client, opts.system_url)
        chosen = _in_scope(engine, choose_bodies(bodies, opts.body), opts, report)
        for body in chosen:
            _run_body(engine, client, body, opts, report, progress)
    finally:
        report.requests, report.retries = client.stats.requests, client.stats.retries
        report.seconds = time.perf_counter() - t0
        if own:
            client.close()
    return report


def _in_scope(engine: Engine, bodies: list[dict[str, Any]], opts: ImportOptions,
              report: ImportReport) -> list[dict[str, Any]]:
    """The bodies the importing account may bring in: a moderator limited to some municipalities imports only
    theirs (the others are listed as problems); without any, the run does not start (``out_of_scope``).
    An import without an account (the command line) or by an admin or unlimited moderator takes every body."""
    if opts.user_id is None and opts.user is None:
        return bodies
    from sqlmodel import Session

    from ratsradar import auth

    with Session(engine) as session:
        user = auth.fresh(session, _Account(opts.user_id, opts.user))
        if user is None or user.role == "admin" or not auth.scope_of(user):
            return bodies
        kept: list[dict[str, Any]] = []
        refused: list[str] = []
        for body in bodies:
            place = mapping.body_place(body)[0]
            if place is not None and auth.in_scope(user, place):
                kept.append(body)
            else:
                refused.append(place or mapping.ref(body.get("id")) or "?")
    for name in refused:
        report.errors.append((name, "outside the municipalities of this account (scope)"))
    if not kept:
        raise ImportProblem("out_of_scope", ", ".join(refused))
    return kept


@dataclass(frozen=True)
class _Account:
    """Who imports, as ``auth.fresh`` looks an account up (by id, else by name)."""

    id: int | None
    username: str | None


def _run_body(engine: Engine, client: OParlClient, body: dict[str, Any], opts: ImportOptions,
              report: ImportReport, progress: Progress | None) -> None:
    body_id = mapping.ref(body.get("id"))
    assert body_id
    report.bodies.append(mapping.text(body.get("shortName")) or mapping.text(body.get("name")) or body_id)
    started = utcnow()
    params, incremental = plan(engine, body_id, opts)
    report.incremental = report.incremental or incremental
    report.since = params.get("modified_since") or params.get("created_since") or report.since
    place, ags = mapping.body_place(body)
    fetcher = Fetcher(client, report)
    total: list[int | None] = [None]
    done = 0

    def set_total(n: int) -> None:
        total[0] = n

    retry = failed_papers(engine, body_id) if opts.retry_failed else []
    seen: set[str] = set()
    complete = True

    def handle(paper: dict[str, Any], pid: str) -> None:
        nonlocal done
        seen.add(pid)
        report.listed += 1
        process_paper(engine, fetcher, paper, body_id, place, ags, opts, report)
        done += 1
        if progress:
            progress(done, (total[0] or 0) + len(retry) or None, mapping.text(paper.get("name"), 80) or pid)

    try:
        for paper in list_papers(client, body, params, on_total=set_total):
            pid = mapping.ref(paper.get("id")) or ""
            if pid in seen:
                continue
            handle(paper, pid)
            if opts.limit and done >= opts.limit:
                complete = False
                break
    except OParlError as exc:
        complete = False
        report.errors.append((exc.url, exc.message))
    for pid in retry:
        if pid in seen or (opts.limit and done >= opts.limit):
            continue
        try:
            paper = client.get_json(pid)
        except OParlError as exc:
            report.errors.append((pid, exc.message))
            report.failed += 1
            continue
        handle(paper, pid)
    if complete:
        finish(engine, body, started)
    report.complete = report.complete and complete
