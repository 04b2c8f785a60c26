"""Ratsradar's published decisions as OParl-shaped JSON, so other tools can use the record.

The output is an OParl 1.1 external list (``data``, ``pagination``, ``links``) of Paper objects. Each Paper
embeds its ``mainFile`` (File: name, size, ``sha512Checksum``, ``accessUrl``) and one authoritative
``consultation`` (Consultation, role ``Beschlussfassung``). What OParl has no field for is given under the
vendor prefix ``ratsradar:`` (as the specification allows): the outcome and votes, the deciding body and date,
the measures with evidence, the public sources, and — for imported papers — the original OParl id and web link.

Ids live under ``RATSRADAR_PUBLIC_URL`` (default ``http://localhost:8501``); ``web`` is the decision's
permanent link in the app (``/decisions?id=<uid>``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from sqlmodel import Session, col, select

from models import Document
from models.tables import OParlObject, utcnow
from ratsradar.export import published_records
from ratsradar.paths import runtime_dir
from ratsradar.vocab import DOCUMENT_TYPES, OUTCOMES

SCHEMA = "https://schema.oparl.org/1.1/"


def public_url() -> str:
    return (os.environ.get("RATSRADAR_PUBLIC_URL") or "http://localhost:8501").rstrip("/")


def _slug(text: str | None) -> str:
    s = re.sub(r"[^\w]+", "-", (text or "unbekannt").casefold()).strip("-")
    return quote(s or "unbekannt")


def _sha512(stored_path: str | None) -> str | None:
    if not stored_path:
        return None
    path = runtime_dir() / stored_path
    if not path.is_file():
        return None
    h = hashlib.sha512()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def papers(session: Session, *, base_url: str | None = None,
           records: Iterable[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The published decisions as OParl Paper objects (with File and Consultation embedded)."""
    base = (base_url or public_url()).rstrip("/")
    recs = list(records if records is not None else published_records(session))
    shas = [r["sources"]["sha256"] for r in recs if r["sources"].get("sha256")]
    docs: dict[str, Document] = {}
    for i in range(0, len(shas), 900):
        for d in session.exec(select(Document).where(col(Document.sha256).in_(shas[i:i + 900]))):
            docs[d.sha256] = d
    origins: dict[int, OParlObject] = {}
    uids = [r["uid"] for r in recs]
    from models import Decision

    ids: dict[str, int] = {}
    for i in range(0, len(uids), 900):
        for uid, did in session.exec(select(Decision.uid, Decision.id).where(col(Decision.uid).in_(uids[i:i + 900]))):
            ids[uid] = did  # type: ignore[assignment]
    id_list = list(ids.values())
    for i in range(0, len(id_list), 900):
        for o in session.exec(select(OParlObject).where(OParlObject.type == "Paper",
                                                        col(OParlObject.decision_id).in_(id_list[i:i + 900]))):
            if o.decision_id is not None:
                origins.setdefault(o.decision_id, o)
    out = []
    for r in recs:
        out.append(paper_object(r, base=base, document=docs.get(r["sources"].get("sha256") or ""),
                                origin=origins.get(ids.get(r["uid"], -1))))
    return out


def paper_object(r: dict[str, Any], *, base: str, document: Document | None = None,
                 origin: OParlObject | None = None) -> dict[str, Any]:
    uid = r["uid"]
    pid = f"{base}/oparl/paper/{quote(uid)}"
    web = f"{base}/decisions?id={quote(uid)}"
    body_id = f"{base}/oparl/body/{_slug(r.get('municipality'))}"
    paper: dict[str, Any] = {
        "id": pid,
        "type": SCHEMA + "Paper",
        "body": body_id,
        "name": r.get("title"),
        "reference": r.get("reference"),
        "date": r.get("date"),
        "paperType": DOCUMENT_TYPES.get(r.get("document_type") or "", (None,))[0],
    }
    src = r.get("sources") or {}
    if src.get("sha256"):
        file_obj: dict[str, Any] = {
            "id": f"{base}/oparl/file/{src['sha256']}",
            "type": SCHEMA + "File",
            "name": src.get("file"),
            "fileName": src.get("file"),
            "mimeType": "application/pdf",
            "accessUrl": src.get("source_url") or web,
            "paper": [pid],
            "ratsradar:sha256": src["sha256"],
        }
        if src.get("source_url"):
            file_obj["downloadUrl"] = src["source_url"]
        if document is not None:
            file_obj["size"] = document.size
            if document.uploaded_at:
                file_obj["created"] = document.uploaded_at.isoformat() + "Z"
            checksum = _sha512(document.stored_path)
            if checksum:
                file_obj["sha512Checksum"] = checksum
        paper["mainFile"] = file_obj
    consultation: dict[str, Any] = {
        "id": f"{base}/oparl/consultation/{quote(uid)}",
        "type": SCHEMA + "Consultation",
        "paper": pid,
        "authoritative": True,
        "role": "Beschlussfassung",
        "ratsradar:body": r.get("body"),
        "ratsradar:date": r.get("date"),
        "ratsradar:result": OUTCOMES.get(r.get("outcome") or "unknown", ("",))[0] or None,
        "ratsradar:outcome": r.get("outcome"),
        "ratsradar:votes": r.get("votes"),
    }
    paper["consultation"] = [consultation]
    paper["keyword"] = sorted({m["category"] for m in r.get("measures") or []})
    paper["web"] = web
    if r.get("reviewed_at"):
        paper["modified"] = r["reviewed_at"] + "Z"
    paper["ratsradar:uid"] = uid
    paper["ratsradar:municipality"] = {k: r.get(k) for k in ("municipality", "state", "country", "level", "ags")}
    paper["ratsradar:measures"] = r.get("measures") or []
    paper["ratsradar:sources"] = src.get("urls") or []
    paper["ratsradar:extractionMethod"] = r.get("extraction_method")
    paper["ratsradar:reviewedBy"] = r.get("reviewed_by")
    if origin is not None:
        paper["ratsradar:origin"] = {"oparlId": origin.oparl_id, "web": origin.web, "modified": origin.modified,
                                     "deleted": origin.deleted}
    return {k: v for k, v in paper.items() if v is not None}


def to_oparl(session: Session, *, base_url: str | None = None) -> dict[str, Any]:
    """An OParl external list page holding every published paper."""
    base = (base_url or public_url()).rstrip("/")
    data = papers(session, base_url=base)
    return {
        "data": data,
        "pagination": {"totalElements": len(data), "elementsPerPage": len(data), "currentPage": 1, "totalPages": 1},
        "links": {"self": f"{base}/oparl/papers"},
        "ratsradar:generated": utcnow().isoformat(timespec="seconds") + "Z",
        "ratsradar:oparlVersion": SCHEMA,
    }


def to_oparl_json(session: Session, *, base_url: str | None = None) -> str:
    return json.dumps(to_oparl(session, base_url=base_url), ensure_ascii=False, indent=1)
