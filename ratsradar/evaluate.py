"""Evaluation of the extraction against hand-written labels (``ratsradar evaluate LABELS``).

A labels file (JSON) holds ``documents``; each is either a real file (``"file"``: a path relative to the corpus
folder, read with the full extraction) or a synthetic document (``"pages"``: its page texts, read with
``analyse``). Each has a ``"split"`` (``tune`` or ``holdout``), a ``"document"`` object with any of the contract's
document fields plus ``text_source``, and ``"decisions"``: labelled decisions with any of ``title``, ``reference``,
``date``, ``body``, ``outcome``, ``votes``, ``relevant`` and ``measures`` (``[{"category", "direction"}]``).
A key that is missing is not evaluated; ``null`` means "the document states none". Labelled decisions are
matched to extracted ones by title (fuzzy) when they have one, else by position.

Metrics: accuracy per document field and per decision field (outcome and votes among them), share of
documents whose item count is exact, measure precision/recall/F1 over (decision, category) pairs, measure
direction accuracy, and the number of irrelevant documents marked relevant. ``ocr_cer`` measures the character
error rate of the OCR'd Cologne scans against the human transcriptions in ``koeln-ris-ocr-test/_referenz_texts``.
Pure: no Streamlit, no database.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ratsradar.extraction import ExtractionSettings, analyse, extract_path
from ratsradar.record import ExtractionResult

DOC_FIELDS = ("municipality", "ags", "document_type", "reference", "date", "title", "body", "text_source")
DECISION_FIELDS = ("title", "reference", "date", "body", "outcome", "votes", "relevant")
TITLE_THRESHOLD = 80  # rapidfuzz ratio (0-100) at which two titles count as the same
MATCH_THRESHOLD = 60  # a labelled item is matched to the best extracted item at least this similar
EVAL_SETTINGS = ExtractionSettings(max_ocr_pages=3, timeout_s=180)
REFERENCE_DIR = "koeln-ris-ocr-test/_referenz_texts"


# --- comparison -------------------------------------------------------------------------------------------------
def _norm(text: Any) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"[„“”\"'‚‘’«»]", "", text)
    text = re.sub(r"[–—‐-]", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .:;,-")


def title_similarity(expected: str | None, got: str | None) -> float:
    if not expected and not got:
        return 100.0
    if not expected or not got:
        return 0.0
    return float(fuzz.ratio(_norm(expected), _norm(got)))


def _body_norm(text: Any, municipality: str | None) -> str:
    t = _norm(text)
    if municipality:
        t = t.replace(_norm(municipality) + "-", "").replace(_norm(municipality), " ")
    t = re.sub(r"\b(?:der|des|stadt|gemeinde|of|the|city)\b", " ", t)
    return re.sub(r"\s+", " ", t).strip(" -")


def same(field_name: str, expected: Any, got: Any, municipality: str | None = None) -> bool:
    """Whether an extracted value counts as right for a labelled field."""
    if field_name == "title":
        return title_similarity(expected, got) >= TITLE_THRESHOLD
    if field_name == "body":
        return _body_norm(expected, municipality) == _body_norm(got, municipality)
    if field_name in ("municipality", "reference"):
        return _norm(expected) == _norm(got)
    return expected == got


# --- results ----------------------------------------------------------------------------------------------------
@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Miss:
    file: str
    where: str  # "document" or "decision 3"
    field: str
    expected: Any
    got: Any


@dataclass
class SplitReport:
    documents: int = 0
    doc_fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in DOC_FIELDS})
    decision_fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in DECISION_FIELDS})
    item_count: Tally = field(default_factory=Tally)
    measure_tp: int = 0
    measure_fp: int = 0
    measure_fn: int = 0
    direction: Tally = field(default_factory=Tally)
    irrelevant_docs: int = 0
    irrelevant_marked_relevant: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        n = self.measure_tp + self.measure_fp
        return self.measure_tp / n if n else None

    @property
    def recall(self) -> float | None:
        n = self.measure_tp + self.measure_fn
        return self.measure_tp / n if n else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float | None]:
        """Flat figures (rates 0..1) for regression guards."""
        out: dict[str, float | None] = {f"document.{k}": t.rate for k, t in self.doc_fields.items()}
        out.update({f"decision.{k}": t.rate for k, t in self.decision_fields.items()})
        out["item_count"] = self.item_count.rate
        out["measures.precision"] = self.precision
        out["measures.recall"] = self.recall
        out["measures.f1"] = self.f1
        out["measures.direction"] = self.direction.rate
        out["irrelevant_marked_relevant"] = float(self.irrelevant_marked_relevant)
        return out


@dataclass
class Report:
    splits: dict[str, SplitReport]
    skipped: list[str]
    results: dict[str, ExtractionResult]  # by labelled file (real documents only)


# --- evaluation -------------------------------------------------------------------------------------------------
def load_labels(path: str | Path) -> list[dict[str, Any]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    docs = data["documents"] if isinstance(data, dict) else data
    for i, d in enumerate(docs):
        if ("file" in d) == ("pages" in d):
            raise ValueError(f"label {i}: give either 'file' or 'pages'")
        if d.get("split") not in ("tune", "holdout"):
            raise ValueError(f"label {i}: split must be 'tune' or 'holdout'")
    return docs


def _contract(result: ExtractionResult) -> dict[str, Any]:
    return result.to_contract()


def _synthetic_contract(label: dict[str, Any]) -> dict[str, Any]:
    document, decisions = analyse(tuple(label["pages"]), label.get("name", ""))
    return {"text_source": "text_layer", "error": None, "document": document.to_contract(),
            "decisions": [d.to_contract() for d in decisions]}


def match_decisions(labelled: list[dict[str, Any]], extracted: list[dict[str, Any]]) -> list[int | None]:
    """For each labelled decision the index of its extracted counterpart (or None)."""
    used: set[int] = set()
    out: list[int | None] = []
    for pos, lab in enumerate(labelled):
        if lab.get("title"):
            best, best_score = None, float(MATCH_THRESHOLD)
            for j, ext in enumerate(extracted):
                if j in used:
                    continue
                score = title_similarity(lab["title"], ext.get("title"))
                # a labelled title that the extracted one starts with (or vice versa) is a match too
                a, b = _norm(lab["title"]), _norm(ext.get("title"))
                if a and b and (b.startswith(a) or a.startswith(b)) and min(len(a), len(b)) >= 8:
                    score = max(score, 90.0)
                if score >= best_score:
                    best, best_score = j, score + 1e-9
            out.append(best)
        else:
            j = pos if pos < len(extracted) and pos not in used else None
            out.append(j)
        if out[-1] is not None:
            used.add(out[-1])  # type: ignore[arg-type]
    if len(labelled) == len(extracted) == 1 and out == [None]:
        out = [0]  # one document, one decision: the same decision even when its title was read badly
    return out


def _measure_keys(measures: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {m["category"]: m.get("direction", "advances") for m in measures}


def score_document(label: dict[str, Any], got: dict[str, Any], rep: SplitReport) -> None:
    name = label.get("file") or label.get("name", "?")
    rep.documents += 1
    doc_label = label.get("document", {})
    muni = doc_label.get("municipality")
    got_doc = got.get("document") or {}
    if got.get("error"):
        got_doc = {}
    for f in DOC_FIELDS:
        if f == "text_source":
            if "text_source" not in label:
                continue
            expected, value = label["text_source"], got.get("text_source")
        else:
            if f not in doc_label:
                continue
            expected, value = doc_label[f], got_doc.get(f)
        ok = same(f, expected, value, muni)
        rep.doc_fields[f].add(ok)
        if not ok:
            rep.misses.append(Miss(name, "document", f, expected, value))
    labelled = label.get("decisions", [])
    extracted = got.get("decisions") or []
    if label.get("decisions_complete", True) and labelled:
        ok = len(labelled) == len(extracted)
        rep.item_count.add(ok)
        if not ok:
            rep.misses.append(Miss(name, "document", "item_count", len(labelled), len(extracted)))
    matches = match_decisions(labelled, extracted)
    doc_irrelevant = bool(labelled) and all(d.get("relevant") is False for d in labelled)
    if doc_irrelevant:
        rep.irrelevant_docs += 1
        if any(e.get("relevant") for e in extracted):
            rep.irrelevant_marked_relevant += 1
            rep.misses.append(Miss(name, "document", "relevant", False, True))
    for k, (lab, j) in enumerate(zip(labelled, matches, strict=True), start=1):
        ext = extracted[j] if j is not None else {}
        where = f"decision {k}" + ("" if j is not None else " (not found)")
        for f in DECISION_FIELDS:
            if f not in lab:
                continue
            ok = j is not None and same(f, lab[f], ext.get(f), muni)
            rep.decision_fields[f].add(ok)
            if not ok:
                rep.misses.append(Miss(name, where, f, lab[f], ext.get(f)))
        expected_m = _measure_keys(lab.get("measures", [])) if ("measures" in lab or lab.get("relevant") is False) else None
        if expected_m is None:
            continue
        got_m = _measure_keys(ext.get("measures", [])) if j is not None else {}
        for cat, direction in got_m.items():
            if cat in expected_m:
                rep.measure_tp += 1
                ok = expected_m[cat] == direction
                rep.direction.add(ok)
                if not ok:
                    rep.misses.append(Miss(name, where, f"direction:{cat}", expected_m[cat], direction))
            else:
                rep.measure_fp += 1
                rep.misses.append(Miss(name, where, "measure (extra)", None, cat))
        for cat in expected_m:
            if cat not in got_m:
                rep.measure_fn += 1
                rep.misses.append(Miss(name, where, "measure (missed)", cat, None))


def evaluate(labels: str | Path | list[dict[str, Any]], corpus: str | Path | None = None, *,
             split: str | None = None, settings: ExtractionSettings | None = None,
             extract: Callable[[Path], ExtractionResult] | None = None) -> Report:
    """Run the extraction on every labelled document (of ``split``, or all) and score it per split."""
    docs = load_labels(labels) if not isinstance(labels, list) else labels
    corpus_dir = Path(corpus) if corpus else None
    settings = settings or EVAL_SETTINGS
    run = extract or (lambda p: extract_path(p, settings=settings))
    splits: dict[str, SplitReport] = {}
    skipped: list[str] = []
    results: dict[str, ExtractionResult] = {}
    for label in docs:
        if split and label["split"] != split:
            continue
        if "file" in label:
            path = (corpus_dir / label["file"]) if corpus_dir else Path(label["file"])
            if not path.is_file():
                skipped.append(label["file"])
                continue
            result = run(path)
            results[label["file"]] = result
            got = _contract(result)
        else:
            got = _synthetic_contract(label)
        score_document(label, got, splits.setdefault(label["split"], SplitReport()))
    return Report(splits=splits, skipped=skipped, results=results)


# --- OCR character error rate ---------------------------------------------------------------------------------
def _cer_text(text: str) -> str:
    """Text compared for the character error rate: NFC, whitespace removed (the transcriptions drop line breaks)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: Levenshtein distance / reference length (whitespace ignored)."""
    ref, hyp = _cer_text(reference), _cer_text(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(hyp, ref) / len(ref)


@dataclass(frozen=True)
class CerRow:
    name: str
    pdf: str | None
    text_source: str | None
    cer: float | None
    reference_chars: int


def ocr_cer(corpus: str | Path, *, settings: ExtractionSettings | None = None,
            results: dict[str, ExtractionResult] | None = None) -> list[CerRow]:
    """CER per Cologne scan with a human transcription (``_referenz_texts/<id>.txt`` <-> ``ocr-test__orig__<id>.pdf``)."""
    corpus = Path(corpus)
    ref_dir = corpus / REFERENCE_DIR
    rows: list[CerRow] = []
    if not ref_dir.is_dir():
        return rows
    settings = settings or EVAL_SETTINGS
    for ref in sorted(ref_dir.glob("*.txt")):
        reference = ref.read_text(encoding="utf-8", errors="replace")
        rel = f"koeln-ris-ocr-test/ocr-test__orig__{ref.stem}.pdf"
        pdf = corpus / rel
        if not pdf.is_file():
            rows.append(CerRow(ref.stem, None, None, None, len(_cer_text(reference))))
            continue
        result = (results or {}).get(rel) or extract_path(pdf, settings=settings)
        text = "\n".join(result.page_texts)
        rows.append(CerRow(ref.stem, rel, result.text_source, cer(text, reference), len(_cer_text(reference))))
    return rows


# --- printing ---------------------------------------------------------------------------------------------------
def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_report(report: Report, cer_rows: list[CerRow] | None = None, *, show_misses: bool = True) -> str:
    lines: list[str] = []
    order = [s for s in ("tune", "holdout") if s in report.splits] + [s for s in report.splits if s not in ("tune", "holdout")]
    for name in order:
        rep = report.splits[name]
        lines.append(f"== split {name}: {rep.documents} documents")
        lines.append("document fields:")
        for f, t in rep.doc_fields.items():
            if t.total:
                lines.append(f"  {f:<16} {_pct(t.rate)}  ({t.right}/{t.total})")
        lines.append("decisions:")
        for f, t in rep.decision_fields.items():
            if t.total:
                lines.append(f"  {f:<16} {_pct(t.rate)}  ({t.right}/{t.total})")
        if rep.item_count.total:
            lines.append(f"  {'item count':<16} {_pct(rep.item_count.rate)}  ({rep.item_count.right}/{rep.item_count.total} documents)")
        lines.append("measures:")
        lines.append(f"  precision {_pct(rep.precision)}  recall {_pct(rep.recall)}  F1 {_pct(rep.f1)}  "
                     f"(tp {rep.measure_tp}, fp {rep.measure_fp}, fn {rep.measure_fn}); direction {_pct(rep.direction.rate)}")
        lines.append(f"  irrelevant documents marked relevant: {rep.irrelevant_marked_relevant} of {rep.irrelevant_docs}")
        if show_misses and rep.misses:
            lines.append("misses:")
            for m in rep.misses:
                lines.append(f"  {m.file} | {m.where} | {m.field}: expected {m.expected!r}, got {m.got!r}")
        lines.append("")
    if report.skipped:
        lines.append(f"skipped (not in the corpus): {len(report.skipped)}")
    if cer_rows:
        lines.append("OCR character error rate (whitespace ignored) against koeln-ris-ocr-test/_referenz_texts:")
        for r in cer_rows:
            if r.cer is None:
                lines.append(f"  {r.name:<8} no PDF in the corpus for this transcription")
            else:
                lines.append(f"  {r.name:<8} CER {_pct(r.cer)}  text from {r.text_source}  ({r.reference_chars} reference chars)")
    return "\n".join(lines)
