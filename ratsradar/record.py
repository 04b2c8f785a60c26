"""The frozen intermediate record between extraction and the database.

``ExtractionResult.to_contract()`` is the JSON object of the extraction contract in the design notes;
other tools rely on its keys, so keep them stable.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import Any

ERROR_CODES = ("not_pdf", "encrypted", "empty", "corrupt", "too_large", "timeout")


@dataclass(frozen=True, slots=True)
class Votes:
    yes: int
    no: int
    abstain: int

    def to_contract(self) -> dict[str, int]:
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain}


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    category: str
    direction: str  # "advances" | "reverses"
    evidence: str
    page: int  # 1-based

    def to_contract(self) -> dict[str, Any]:
        return {"category": self.category, "direction": self.direction, "evidence": self.evidence, "page": self.page}


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    title: str | None = None
    reference: str | None = None
    body: str | None = None
    date: dt.date | None = None
    outcome: str = "unknown"
    votes: Votes | None = None
    relevant: bool = False
    measures: tuple[MeasureRecord, ...] = ()
    page: int | None = None  # first page of the item (not in the contract; used for provenance)

    def to_contract(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "reference": self.reference,
            "body": self.body,
            "date": self.date.isoformat() if self.date else None,
            "outcome": self.outcome,
            "votes": self.votes.to_contract() if self.votes else None,
            "relevant": self.relevant,
            "measures": [m.to_contract() for m in self.measures],
        }


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    municipality: str | None = None
    ags: str | None = None
    document_type: str | None = None
    reference: str | None = None
    date: dt.date | None = None
    title: str | None = None
    body: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "ags": self.ags,
            "document_type": self.document_type,
            "reference": self.reference,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "body": self.body,
        }


@dataclass(frozen=True, slots=True)
class ExtractionError:
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in ERROR_CODES:
            raise ValueError(f"unknown error code {self.code!r}")


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    file: str
    sha256: str | None = None
    pages: int | None = None
    text_source: str | None = None  # "text_layer" | "ocr" | "mixed"
    error: ExtractionError | None = None
    document: DocumentMeta = field(default_factory=DocumentMeta)
    decisions: tuple[DecisionRecord, ...] = ()
    # Not part of the contract: what the rest of the app needs for provenance and review.
    page_texts: tuple[str, ...] = ()
    size: int | None = None
    ocr_pages: tuple[int, ...] = ()  # 1-based pages whose text came from OCR

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def text(self) -> str:
        return "\n\f".join(self.page_texts)

    def to_contract(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "pages": self.pages,
            "text_source": self.text_source,
            "error": {"code": self.error.code, "message": self.error.message} if self.error else None,
            "document": self.document.to_contract(),
            "decisions": [d.to_contract() for d in self.decisions],
        }

    def to_json_line(self) -> str:
        return json.dumps(self.to_contract(), ensure_ascii=False)

    def with_file(self, name: str) -> ExtractionResult:
        return replace(self, file=name)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def decision_from_contract(d: dict[str, Any], page: int | None = None) -> DecisionRecord:
    """One entry of the contract's ``decisions`` as a record."""
    v = d.get("votes")
    return DecisionRecord(
        title=d.get("title"), reference=d.get("reference"), body=d.get("body"), date=_date(d.get("date")),
        outcome=d.get("outcome") or "unknown",
        votes=Votes(int(v["yes"]), int(v["no"]), int(v["abstain"])) if v else None,
        relevant=bool(d.get("relevant")),
        measures=tuple(MeasureRecord(m["category"], m["direction"], m["evidence"], int(m["page"]))
                       for m in d.get("measures") or []),
        page=page,
    )


def result_from_contract(obj: dict[str, Any]) -> ExtractionResult:
    """Rebuild a record from its contract JSON (what ``to_contract`` wrote)."""
    doc = obj.get("document") or {}
    decisions = [decision_from_contract(d) for d in obj.get("decisions") or []]
    err = obj.get("error")
    return ExtractionResult(
        file=obj["file"], sha256=obj.get("sha256"), pages=obj.get("pages"), text_source=obj.get("text_source"),
        error=ExtractionError(err["code"], err["message"]) if err else None,
        document=DocumentMeta(
            municipality=doc.get("municipality"), ags=doc.get("ags"), document_type=doc.get("document_type"),
            reference=doc.get("reference"), date=_date(doc.get("date")), title=doc.get("title"), body=doc.get("body"),
        ),
        decisions=tuple(decisions),
    )
