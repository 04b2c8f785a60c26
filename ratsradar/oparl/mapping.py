"""OParl objects -> Ratsradar's frozen record, and the quirks of real servers.

Paper -> one Decision (title = ``name``, reference, document type from ``paperType``); its deciding
Consultation (``authoritative``, else the role "Beschlussfassung"/"Entscheidung", else the last one) gives the
deciding body (Organization ``name``), the date (Meeting ``start``) and the result (AgendaItem ``result`` and
``resolutionText``). The measures and relevance come from the file's text (``File.text`` when the server
provides it, else the PDF is read by ``ratsradar.extraction``).

Quirks handled here (each has a test in tests/test_oparl.py):
- any field may be missing or ``null``; references may be a URL string or an embedded object; lists may be a
  single value; ``organization`` of a Consultation is a list in 1.1 and a string in 1.0;
- dates come as ``YYYY-MM-DD`` or full date-times with zone; invalid dates are ignored, not fatal;
- 1.0 files carry ``sha1Checksum``, 1.1 ``sha512Checksum``; ``downloadUrl`` may be missing or broken while
  ``accessUrl`` works (both are tried);
- a deleted object may carry nothing but ``id``, ``type``, ``deleted`` and ``modified``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ratsradar.extraction import metadata
from ratsradar.extraction.outcomes import detect_outcome, find_votes
from ratsradar.extraction.text import Line
from ratsradar.record import DecisionRecord, DocumentMeta, ExtractionResult, MeasureRecord, Votes

OPARL_11 = "https://schema.oparl.org/1.1/"


def ref(value: Any) -> str | None:
    """The id of a referenced object: a URL string, or the ``id`` of an embedded object."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return ref(value.get("id"))
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return [value]


def text(value: Any, limit: int | None = None) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    out = re.sub(r"\s+", " ", str(value)).strip()
    if not out:
        return None
    return out[:limit] if limit else out


def parse_date(value: Any) -> dt.date | None:
    s = text(value)
    if not s:
        return None
    try:
        if len(s) == 10:
            return dt.date.fromisoformat(s)
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
        return None


def type_name(obj: dict[str, Any]) -> str:
    """``https://schema.oparl.org/1.1/Paper`` -> ``Paper`` (1.0 ``http://oparl.org/schema/1.0/Paper`` too)."""
    t = text(obj.get("type")) or ""
    return t.rstrip("/").rsplit("/", 1)[-1]


def is_deleted(obj: dict[str, Any]) -> bool:
    return obj.get("deleted") is True


# --- vocabulary -------------------------------------------------------------------------------------------

_PAPER_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("inquiry", re.compile(r"anfrage|beantwortung|frage", re.I)),
    ("motion", re.compile(r"antrag|anträge", re.I)),
    ("report", re.compile(r"mitteilung|bericht|bekanntgabe|information|kenntnisnahme", re.I)),
    ("proposal", re.compile(r"vorlage|beschlussvorschlag|drucksache", re.I)),
    ("resolution", re.compile(r"^beschluss", re.I)),
    ("minutes", re.compile(r"niederschrift|protokoll", re.I)),
    ("invitation", re.compile(r"einladung|tagesordnung", re.I)),
]


def document_type(paper_type: str | None) -> str | None:
    """``paperType`` (free text on real servers) -> a Ratsradar document type, or None when it says nothing."""
    s = text(paper_type)
    if not s:
        return None
    kind = metadata.document_type([Line(s, 1)])
    if kind != "other":
        return kind
    for name, rx in _PAPER_TYPES:
        if rx.search(s):
            return name
    return "other"


_RESULTS: list[tuple[str, re.Pattern[str]]] = [
    ("withdrawn", re.compile(r"zurückgezogen|withdrawn", re.I)),
    ("deferred", re.compile(r"vertagt|zurückgestellt|abgesetzt|deferred|postponed", re.I)),
    ("referred", re.compile(r"verwiesen|überwiesen|referred", re.I)),
    ("noted", re.compile(r"kenntnis", re.I)),
    ("rejected", re.compile(r"abgelehnt|nicht (?:beschlossen|angenommen|zugestimmt)|rejected", re.I)),
    ("amended", re.compile(r"geändert|mit änderung|ergänzt|amended", re.I)),
    ("adopted", re.compile(r"beschlossen|angenommen|zugestimmt|genehmigt|empfohlen|befürwortet|adopted|approved", re.I)),
]


def outcome(result: str | None) -> str:
    """An AgendaItem's ``result`` (free text such as "Geändert beschlossen", "ungeändert beschlossen",
    "Zur Kenntnis genommen", "vertagt") -> a Ratsradar outcome; unknown words go through the extraction's rules."""
    s = text(result)
    if not s:
        return "unknown"
    if re.search(r"\bungeändert\b", s, re.I):
        return "rejected" if re.search(r"abgelehnt", s, re.I) else "adopted"
    for name, rx in _RESULTS:
        if rx.search(s):
            return name
    return detect_outcome(s)


# --- the paper's facts ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PaperFacts:
    oparl_id: str
    modified: str | None
    deleted: bool
    name: str | None
    reference: str | None
    date: dt.date | None
    paper_type: str | None
    document_type: str | None
    web: str | None
    body: str | None


def paper_facts(paper: dict[str, Any]) -> PaperFacts:
    pid = ref(paper.get("id"))
    if not pid:
        raise ValueError("a Paper without id")
    return PaperFacts(
        oparl_id=pid, modified=text(paper.get("modified")), deleted=is_deleted(paper),
        name=text(paper.get("name"), 500), reference=text(paper.get("reference"), 120),
        date=parse_date(paper.get("date")), paper_type=text(paper.get("paperType"), 120),
        document_type=document_type(paper.get("paperType")), web=_url(paper.get("web")), body=ref(paper.get("body")),
    )


def _url(value: Any) -> str | None:
    s = text(value)
    return s if s and s.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True, slots=True)
class FileRef:
    oparl_id: str
    role: str  # main | auxiliary
    name: str | None
    file_name: str
    urls: tuple[str, ...]  # downloadUrl, then accessUrl
    text: str | None
    mime_type: str | None
    size: int | None
    sha1: str | None
    sha512: str | None
    web: str | None
    modified: str | None


def paper_files(paper: dict[str, Any]) -> list[FileRef]:
    """The paper's files, main file first; files without any usable URL are left out; deleted files too."""
    out: list[FileRef] = []
    seen: set[str] = set()
    candidates = [("main", paper.get("mainFile"))] + [("auxiliary", f) for f in as_list(paper.get("auxiliaryFile"))]
    for role, f in candidates:
        if not isinstance(f, dict) or is_deleted(f):
            continue
        urls = tuple(dict.fromkeys(u for u in (_url(f.get("downloadUrl")), _url(f.get("accessUrl"))) if u))
        fid = ref(f.get("id")) or (urls[0] if urls else None)
        if not fid or fid in seen or (not urls and not text(f.get("text"))):
            continue
        seen.add(fid)
        size = f.get("size")
        name = text(f.get("fileName"), 200) or (urls[0].rsplit("/", 1)[-1] if urls else None) or "datei.pdf"
        out.append(FileRef(
            oparl_id=fid, role=role, name=text(f.get("name"), 300), file_name=_safe_name(name), urls=urls,
            text=_file_text(f.get("text")), mime_type=text(f.get("mimeType")),
            size=size if isinstance(size, int) and size >= 0 else None, sha1=text(f.get("sha1Checksum")),
            sha512=text(f.get("sha512Checksum")), web=_url(f.get("web")), modified=text(f.get("modified")),
        ))
    return out


def _file_text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.replace("\r\n", "\n")


def _safe_name(name: str) -> str:
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", name).strip(" .") or "datei.pdf"
    return name if name.lower().endswith(".pdf") else name + ".pdf"


@dataclass(frozen=True, slots=True)
class Deciding:
    """What the deciding Consultation says (all optional)."""

    consultation: str | None = None
    meeting: str | None = None
    agenda_item: str | None = None
    organizations: tuple[str, ...] = ()
    role: str | None = None
    authoritative: bool = False


def deciding_consultation(paper: dict[str, Any]) -> Deciding | None:
    cons = [c for c in as_list(paper.get("consultation")) if isinstance(c, dict) and not is_deleted(c)]
    if not cons:
        return None
    chosen = next((c for c in cons if c.get("authoritative") is True), None)
    if chosen is None:
        chosen = next((c for c in reversed(cons)
                       if re.search(r"beschluss|entscheid", text(c.get("role")) or "", re.I)), None)
    chosen = chosen or cons[-1]
    return Deciding(
        consultation=ref(chosen.get("id")), meeting=ref(chosen.get("meeting")), agenda_item=ref(chosen.get("agendaItem")),
        organizations=tuple(o for o in (ref(x) for x in as_list(chosen.get("organization"))) if o),
        role=text(chosen.get("role"), 120), authoritative=chosen.get("authoritative") is True,
    )


@dataclass(frozen=True, slots=True)
class Context:
    """The deciding body, meeting date and result as found on the server."""

    body_name: str | None = None
    meeting_date: dt.date | None = None
    result: str | None = None
    resolution_text: str | None = None
    meeting: str | None = None
    agenda_item: str | None = None
    consultation: str | None = None
    role: str | None = None


def agenda_item_in(meeting: dict[str, Any] | None, item_id: str | None) -> dict[str, Any] | None:
    if not meeting or not item_id:
        return None
    for item in as_list(meeting.get("agendaItem")):
        if isinstance(item, dict) and ref(item.get("id")) == item_id:
            return item
    return None


def organization_name(org: dict[str, Any] | None) -> str | None:
    if not org:
        return None
    return text(org.get("name"), 200) or text(org.get("shortName"), 200)


def context_from(deciding: Deciding | None, meeting: dict[str, Any] | None, item: dict[str, Any] | None,
                 org: dict[str, Any] | None) -> Context:
    if deciding is None:
        return Context()
    meeting_date = parse_date(meeting.get("start")) if meeting else None
    if meeting and meeting.get("cancelled") is True:
        meeting_date = None
    body = organization_name(org)
    if body is None and meeting:
        body = text(meeting.get("name"), 200)
        body = re.sub(r"^\d+\.\s*(?:öffentliche\s+)?Sitzung\s+(?:des|der)\s+", "", body or "", flags=re.I) or None
    return Context(
        body_name=body, meeting_date=meeting_date, result=text(item.get("result"), 200) if item else None,
        resolution_text=text(item.get("resolutionText") or item.get("resolution"), 4000) if item else None,
        meeting=deciding.meeting, agenda_item=deciding.agenda_item, consultation=deciding.consultation,
        role=deciding.role,
    )


def body_place(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """A Body's plain place name and AGS: ``shortName`` ("Köln") is the place; ``name`` ("Stadt Köln,
    kreisfreie Stadt") is cut at the comma and its "Stadt" prefix removed."""
    from ratsradar import gazetteer

    ags = text(body.get("ags"))
    ags = ags if ags and re.fullmatch(r"\d{8}", ags) else None
    name = text(body.get("shortName"), 120)
    if not name:
        full = text(body.get("name"), 200) or ""
        name = full.split(",")[0].strip() or None
    return (gazetteer.plain_name(name) if name else None), ags


# --- the frozen record ------------------------------------------------------------------------------------

def build_result(*, file: FileRef, sha256: str, size: int, page_texts: tuple[str, ...], text_source: str | None,
                 analysed: tuple[DocumentMeta, tuple[DecisionRecord, ...]], facts: PaperFacts, ctx: Context,
                 place: str | None, ags: str | None, ocr_pages: tuple[int, ...] = ()) -> ExtractionResult:
    """One Paper as the extraction record: the server's facts win; the text gives relevance, measures, votes."""
    meta, items = analysed
    measures: list[MeasureRecord] = []
    seen: set[tuple[str, str]] = set()
    for d in items:
        for m in d.measures:
            if (m.category, m.evidence) not in seen:
                seen.add((m.category, m.evidence))
                measures.append(m)
    relevant = any(d.relevant for d in items)
    result_outcome = outcome(ctx.result)
    votes: Votes | None = find_votes(ctx.resolution_text or "") if ctx.resolution_text else None
    if votes is None and ctx.result:
        votes = find_votes(ctx.result)
    if result_outcome == "unknown" and len(items) == 1:
        result_outcome = items[0].outcome
        votes = votes or items[0].votes
    if result_outcome in ("deferred", "withdrawn", "referred", "noted", "unknown") and ctx.result:
        votes = None
    doc_type = facts.document_type or meta.document_type
    title = facts.name or meta.title
    decision = DecisionRecord(
        title=title, reference=facts.reference or meta.reference, body=ctx.body_name or meta.body,
        date=ctx.meeting_date, outcome=result_outcome, votes=votes, relevant=relevant,
        measures=tuple(measures) if relevant else (), page=items[0].page if items else 1,
    )
    document = DocumentMeta(
        municipality=place or meta.municipality, ags=ags or meta.ags, document_type=doc_type,
        reference=facts.reference or meta.reference, date=facts.date or meta.date, title=title,
        body=ctx.body_name or meta.body,
    )
    return ExtractionResult(file=file.file_name, sha256=sha256, pages=len(page_texts), text_source=text_source,
                            document=document, decisions=(decision,), page_texts=page_texts, size=size,
                            ocr_pages=ocr_pages)
