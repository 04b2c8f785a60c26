"""The named steps of one extraction: read -> OCR -> clean -> metadata -> agenda items -> outcomes -> measures."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
import time
from collections.abc import Callable
from pathlib import Path

from ratsradar.extraction import agenda, metadata
from ratsradar.extraction.measures import find_measures
from ratsradar.extraction.ocr import ocr_pages, tesseract_available
from ratsradar.extraction.outcomes import outcome_and_votes, report_noted
from ratsradar.extraction.pdf import PdfProblem, PdfText, layout_page_text, open_document, read_text
from ratsradar.extraction.references import find_labelled_reference, find_reference
from ratsradar.extraction.settings import ExtractionSettings, sha256_of_file, too_large_message
from ratsradar.extraction.text import Line, Span, document_lines, letter_count, word_quality
from ratsradar.record import DecisionRecord, DocumentMeta, ExtractionError, ExtractionResult

# Types whose text asks for a decision rather than recording one: only explicit past-tense results count.
STRICT_TYPES = frozenset({"proposal", "motion", "inquiry", "report", "press_release", "other"})
SPLIT_TYPES = frozenset({"minutes", "invitation"})
# Types that only a council writes (a municipality named nowhere in the letterhead may be found in the text).
COUNCIL_TYPES = frozenset({"minutes", "invitation", "proposal", "motion", "resolution"})


def _error(file_name: str, code: str, message: str, *, sha: str | None, size: int | None,
           pages: int | None = None, page_texts: tuple[str, ...] = ()) -> ExtractionResult:
    return ExtractionResult(file=file_name, sha256=sha, pages=pages, error=ExtractionError(code, message),
                            size=size, page_texts=page_texts)


def extract_bytes(data: bytes, file_name: str, *, ocr: bool = True,
                  settings: ExtractionSettings | None = None) -> ExtractionResult:
    """Extract one PDF given as bytes. Never raises for bad input: problems come back in ``result.error``."""
    settings = settings or ExtractionSettings(ocr=ocr)
    if not ocr and settings.ocr:
        settings = ExtractionSettings(**{**_fields(settings), "ocr": False})
    size = len(data) if data is not None else 0
    sha = hashlib.sha256(data).hexdigest() if data else None
    if size > settings.max_bytes:
        return _error(file_name, "too_large", too_large_message(size, settings.max_bytes), sha=sha, size=size)
    try:
        return _extract(data, file_name, sha, size, settings)
    except Exception as exc:  # a last guard: hostile files must not break a batch
        return _error(file_name, "corrupt", f"The PDF could not be processed ({type(exc).__name__}: {exc}).",
                      sha=sha, size=size)


def _fields(settings: ExtractionSettings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


def extract_path(path: str | Path, *, ocr: bool = True, settings: ExtractionSettings | None = None) -> ExtractionResult:
    """Extract one PDF file. Never raises for bad input (a missing or unreadable file is ``corrupt``)."""
    path = Path(path)
    settings = settings or ExtractionSettings(ocr=ocr)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return _error(path.name, "too_large", too_large_message(size, settings.max_bytes),
                          sha=sha256_of_file(path), size=size)
        data = path.read_bytes()
    except OSError as exc:
        return _error(path.name, "corrupt", f"The file cannot be read ({exc.strerror or exc}).", sha=None, size=None)
    return extract_bytes(data, path.name, ocr=ocr, settings=settings)


def _extract(data: bytes, file_name: str, sha: str | None, size: int, settings: ExtractionSettings) -> ExtractionResult:
    deadline = time.monotonic() + settings.timeout_s
    doc = open_document(data)
    if isinstance(doc, PdfProblem):
        return _error(file_name, doc.code, doc.message, sha=sha, size=size)
    try:
        read = read_text(doc, deadline=deadline)
        if isinstance(read, PdfProblem):
            return _error(file_name, read.code, read.message, sha=sha, size=size)
        texts = [p.text for p in read.pages]
        ocr_used: list[int] = []
        if settings.ocr:
            problem = _run_ocr(doc, read, texts, ocr_used, settings, deadline)
            if problem:
                return _error(file_name, problem.code, problem.message, sha=sha, size=size, pages=len(texts),
                              page_texts=tuple(texts))
    finally:
        doc.close()
    page_texts = tuple(texts)
    if not any(t.strip() for t in page_texts):
        hint = ("OCR found no text either" if settings.ocr and tesseract_available()
                else "it has no text layer and OCR is switched off or unavailable")
        return _error(file_name, "empty", f"The PDF contains no readable text ({hint}).", sha=sha, size=size,
                      pages=len(page_texts), page_texts=page_texts)
    with_text = [i for i, t in enumerate(page_texts, start=1) if t.strip()]
    if not ocr_used:
        source = "text_layer"
    elif any(read.pages[i - 1].usable for i in ocr_used):
        source = "mixed"  # a page with a text layer of its own and lines printed as images, OCR'd for those
    elif all(i in ocr_used for i in with_text):
        source = "ocr"
    else:
        source = "mixed"
    layout = (lambda index: layout_page_text(data, index)) if source != "ocr" else None
    document, decisions = analyse(page_texts, file_name, layout=layout, slides=read.slides)
    return ExtractionResult(
        file=file_name, sha256=sha, pages=len(page_texts), text_source=source, document=document,
        decisions=decisions, page_texts=page_texts, size=size, ocr_pages=tuple(ocr_used),
    )


def _run_ocr(doc: object, read: PdfText, texts: list[str], ocr_used: list[int], settings: ExtractionSettings,
             deadline: float) -> PdfProblem | None:
    wanted = [i for i, p in enumerate(read.pages) if p.wants_ocr]
    if settings.max_ocr_pages is not None:
        wanted = wanted[: settings.max_ocr_pages]
    if not wanted or not tesseract_available():
        return None
    outcome = ocr_pages(doc, wanted, lang=settings.ocr_lang, dpi=settings.ocr_dpi,  # type: ignore[arg-type]
                        workers=settings.ocr_workers, page_timeout_s=settings.ocr_page_timeout_s, deadline=deadline)
    if outcome.timed_out:
        return PdfProblem("timeout", f"OCR took longer than {settings.timeout_s:.0f} s; try a smaller file or fewer pages.")
    for index, text in sorted(outcome.texts.items()):
        old = texts[index]
        if _quality(text) > _quality(old):
            texts[index] = text
            ocr_used.append(index + 1)
    return None


def _quality(text: str) -> float:
    return letter_count(text) * (0.2 + word_quality(text))


# --- analysis of the text --------------------------------------------------------------------------------------
def analyse(page_texts: tuple[str, ...], file_name: str = "", layout: Callable[[int], str] | None = None,
            slides: bool = False) -> tuple[DocumentMeta, tuple[DecisionRecord, ...]]:
    """Metadata and decisions of a document given its page texts (pure: no PDF needed); ``slides`` says that the
    pages are mostly landscape (a presentation)."""
    lines = document_lines(page_texts)
    doc_type = metadata.document_type(lines, file_name)
    if slides:
        doc_type = metadata.slide_deck_type(lines, doc_type)
    muni = metadata.find_municipality(lines)
    if muni is None and doc_type in COUNCIL_TYPES:
        muni = metadata.frequent_place(lines)
    header_text = "\n".join(l.text for l in lines[: metadata.HEADER_LINES])
    reference = find_reference(header_text) if doc_type not in SPLIT_TYPES else _own_reference(header_text)
    doc_date = metadata.document_date(lines, doc_type)
    title = metadata.find_title(lines, doc_type)

    if doc_type in SPLIT_TYPES:
        body = metadata.meeting_body(lines)
        meeting = metadata.meeting_date(lines) or doc_date
        decisions = _agenda_decisions(lines, doc_type, body, meeting, title)
        if doc_type == "minutes" and len(decisions) == 1:
            # extracts of a session's délibérations headed by the session ("Séance du Conseil municipal du ...")
            bundle = _deliberations(page_texts, decisions[0])
            decisions = bundle if len(bundle) > 1 else decisions
    else:
        consult = metadata.decision_consultation(lines, doc_type)
        if (consult is None or consult.date is None or not consult.decides) and layout is not None:
            # a Beratungsfolge whose columns came out one after another: pdfplumber keeps the table rows
            consult = _consult_from_layout(lines, layout) or consult
        addressed = metadata.addressed_body(lines) if doc_type == "motion" else None
        body = consult.body if consult and consult.body else addressed or metadata.meeting_body(lines)
        decision_date = consult.date if consult else None
        if doc_type == "resolution" and decision_date is None:
            decision_date = metadata.meeting_date(lines)
        span = Span(tuple(lines))
        # a press release reports decisions taken before it was written; other documents quote them as history
        quoted = metadata.quoted_decision(body, doc_date if doc_type != "press_release" else None)
        outcome, votes = outcome_and_votes(span.text, strict=doc_type in STRICT_TYPES, quoted=quoted)
        if outcome == "unknown" and doc_type == "report" and report_noted(span.text):
            outcome = "noted"
        relevant, measures = find_measures(span)
        decisions = (DecisionRecord(title=title, reference=reference, body=body, date=decision_date, outcome=outcome,
                                    votes=votes, relevant=relevant, measures=measures, page=span.first_page),)
        if doc_type == "resolution":
            decisions = _deliberations(page_texts, decisions[0])
    body = metadata.qualify_body(body, lines)
    if body and muni and f"{muni.name}-" in body:  # "Bezirksvertretung Köln-Porz" -> "Bezirksvertretung Porz"
        body = body.replace(f"{muni.name}-", "")
    if body != (decisions[0].body if decisions else body):
        decisions = tuple(replace(d, body=body) if d.body in (None, "") or len(decisions) == 1 else d for d in decisions)
    if doc_type == "other" and muni is None and not body and reference is None and not any(
            _PUBLIC_BODY.search(t) for t in page_texts):
        # no council document, place, body, reference or word of a public body: a text that mentions free
        # software in passing (a paper citing "Linux C code") is no council decision about it; an annex without
        # a letterhead still speaks of "die Verwaltung" or is an "Anlage"
        decisions = tuple(replace(d, relevant=False, measures=()) for d in decisions)
    document = DocumentMeta(
        municipality=muni.name if muni else None, ags=muni.ags if muni else None, document_type=doc_type,
        reference=reference, date=doc_date, title=title, body=body,
    )
    return document, decisions


_PUBLIC_BODY = re.compile(
    r"\b(?:verwaltung|stadtrat|gemeinderat|ausschuss|b(?:ü|ue)rgermeister|oberb(?:ü|ue)rgermeister|magistrat|kommun|"
    r"gemeinde|stadt|landkreis|kreistag|bezirk|drucksache|vorlage|anlage|council|city|municipal|mayor|borough|"
    r"county|administration|conseil|commune|mairie)", re.IGNORECASE)


def _own_reference(header_text: str) -> str | None:
    """Minutes rarely carry a reference of their own; only a labelled one on the cover counts."""
    return find_labelled_reference(header_text.split("\nTOP", 1)[0])


def _consult_from_layout(lines: list[Line], layout: Callable[[int], str]) -> metadata.Consultation | None:
    """A Beratungsfolge printed as a table: pdfium may give the columns one after another; pdfplumber keeps rows."""
    for line in lines:
        if line.text.lower().startswith(("beratungsfolge", "gremium")):
            page_text = layout(line.page - 1)
            if not page_text:
                return None
            page_lines = [Line(t.strip(), line.page) for t in page_text.split("\n") if t.strip()]
            consult = metadata.decision_consultation(page_lines)
            return consult if consult and consult.date and consult.decides else None
    return None


def _deliberations(page_texts: tuple[str, ...], whole: DecisionRecord) -> tuple[DecisionRecord, ...]:
    """A file of French délibérations: one decision per extract of the register (its number, title and session
    date); a single extract completes what the reading of the whole document left open, and its title replaces a
    line of the heading block read as the title ("DU CONSEIL MUNICIPAL")."""
    found = agenda.split_deliberations(page_texts)
    if len(found) == 1:
        one = found[0]
        title = one.title if one.title and (not whole.title or agenda.heading_block_line(whole.title)) else whole.title
        return (replace(whole, title=title, reference=whole.reference or one.reference, date=whole.date or one.date),)
    if not found:
        return (whole,)
    out: list[DecisionRecord] = []
    for delib in found:
        span = Span(delib.lines)
        outcome, votes = outcome_and_votes(span.text)
        relevant, measures = find_measures(span)
        out.append(DecisionRecord(title=delib.title, reference=delib.reference, body=whole.body, date=delib.date,
                                  outcome=outcome, votes=votes, relevant=relevant, measures=measures, page=delib.page))
    return tuple(out)


def _agenda_decisions(lines: list[Line], doc_type: str, body: str | None, meeting: object,
                      doc_title: str | None) -> tuple[DecisionRecord, ...]:
    preamble, items = agenda.split_agenda(lines)
    if not items:
        span = Span(tuple(lines))
        outcome, votes = ("unknown", None) if doc_type == "invitation" else outcome_and_votes(span.text)
        relevant, measures = find_measures(span)
        return (DecisionRecord(title=doc_title, reference=find_reference(span.text), body=body, date=meeting,  # type: ignore[arg-type]
                               outcome=outcome, votes=votes, relevant=relevant, measures=measures, page=span.first_page),)
    out: list[DecisionRecord] = []
    for item in items:
        span = Span(item.lines)
        outcome, votes = ("unknown", None) if doc_type == "invitation" else outcome_and_votes(span.text)
        relevant, measures = find_measures(span)
        out.append(DecisionRecord(
            title=item.title or None, reference=find_reference(span.text), body=body, date=meeting,  # type: ignore[arg-type]
            outcome=outcome, votes=votes, relevant=relevant, measures=measures, page=item.page,
        ))
    return tuple(out)
