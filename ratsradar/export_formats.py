"""More export formats of the published record (or the filtered part of it): Excel, a SQLite file that opens in
Datasette (tables with foreign keys and a ``metadata`` table naming source and licence), and JSON with the
same metadata. Built on ``export.published_records``; CSV stays in ``export``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ratsradar import export, queries
from ratsradar.filters import Filters, to_query

SOURCE = "Ratsradar – published council decisions on digital sovereignty and free software, with evidence"
DEFAULT_LICENCE = ("Facts from public council documents and public reporting; each decision names its sources "
                   "(source_urls, source_file). Software: AGPL-3.0-or-later.")


def metadata(f: Filters | None = None, *, n: int, base_url: str | None = None) -> dict[str, str]:
    """Source, licence, time of export and the filter of an export (``RATSRADAR_DATA_LICENCE`` overrides the
    licence statement)."""
    return {
        "title": "Ratsradar export",
        "source": SOURCE,
        "source_url": (base_url or "").rstrip("/") or "",
        "licence": os.environ.get("RATSRADAR_DATA_LICENCE", "").strip() or DEFAULT_LICENCE,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "filters": json.dumps(to_query(f or Filters()), ensure_ascii=False, sort_keys=True),
        "decisions": str(n),
    }


def records(*, session: Session, f: Filters | None = None) -> list[dict[str, Any]]:
    """The published decisions as export records; only those matching ``f`` when it filters anything."""
    rows = list(export.published_records(session))
    if f is None or f.is_empty():
        return rows
    keep = set(queries.decisions(session=session, f=f)["uid"])
    return [r for r in rows if r["uid"] in keep]


def flat_rows(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per decision, the columns of the CSV export (values not yet neutralised)."""
    out = []
    for r in recs:
        out.append(export.flat_row(r))
    return out


def to_json(recs: list[dict[str, Any]], meta: dict[str, str]) -> str:
    return json.dumps({"metadata": meta, "decisions": recs}, ensure_ascii=False, indent=1)


# --- Excel -------------------------------------------------------------------------------------------------

def _put(ws: Any, row: int, values: list[Any]) -> None:
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # text stays text: "=…" is never a formula
        else:
            cell.value = value
    return None


def to_excel(recs: list[dict[str, Any]], meta: dict[str, str]) -> bytes:
    """An .xlsx workbook: sheets ``decisions`` (the CSV columns), ``measures``, ``sources`` and ``about``
    (source, licence, time, filters). Every text cell is stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "decisions"
    _put(ws, 1, list(export.CSV_COLUMNS))
    for i, row in enumerate(flat_rows(recs), start=2):
        _put(ws, i, [row[k] for k in export.CSV_COLUMNS])
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(export.CSV_COLUMNS))}{max(1, len(recs) + 1)}"
    for c, width in ((1, 22), (2, 18), (11, 60)):
        ws.column_dimensions[get_column_letter(c)].width = width

    wm = wb.create_sheet("measures")
    _put(wm, 1, ["uid", "category", "direction", "evidence", "page", "extraction_method"])
    r = 2
    for rec in recs:
        for m in rec["measures"]:
            _put(wm, r, [rec["uid"], m["category"], m["direction"], m["evidence"], m["page"], m["extraction_method"]])
            r += 1
    wsrc = wb.create_sheet("sources")
    _put(wsrc, 1, ["uid", "position", "url"])
    r = 2
    for rec in recs:
        for pos, url in enumerate(rec["sources"]["urls"]):
            _put(wsrc, r, [rec["uid"], pos, url])
            r += 1
    wa = wb.create_sheet("about")
    _put(wa, 1, ["key", "value"])
    for i, (k, v) in enumerate(meta.items(), start=2):
        _put(wa, i, [k, v])
    wa.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- SQLite for Datasette -----------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE decisions (
  uid TEXT PRIMARY KEY, municipality TEXT, state TEXT, country TEXT, level TEXT, ags TEXT, body TEXT,
  date TEXT, date_precision TEXT, reference TEXT, title TEXT, document_type TEXT, outcome TEXT,
  votes_yes INTEGER, votes_no INTEGER, votes_abstain INTEGER, votes_text TEXT, summary TEXT,
  categories TEXT, source_file TEXT, source_sha256 TEXT, source_url TEXT, extraction_method TEXT,
  reviewed_by TEXT, reviewed_at TEXT, weak_note TEXT, related_uid TEXT
);
CREATE TABLE measures (
  id INTEGER PRIMARY KEY, decision_uid TEXT NOT NULL REFERENCES decisions(uid), category TEXT, direction TEXT,
  evidence TEXT, page INTEGER, extraction_method TEXT
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, decision_uid TEXT NOT NULL REFERENCES decisions(uid), position INTEGER, url TEXT
);
CREATE INDEX ix_measures_decision ON measures(decision_uid);
CREATE INDEX ix_measures_category ON measures(category);
CREATE INDEX ix_sources_decision ON sources(decision_uid);
CREATE INDEX ix_decisions_municipality ON decisions(municipality);
"""


def write_sqlite(recs: list[dict[str, Any]], meta: dict[str, str], path: Path) -> Path:
    """Write the records into a new SQLite file at ``path`` (replaced if it exists)."""
    path = Path(path)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        con.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
        for r in recs:
            v = r["votes"] or {}
            con.execute(
                "INSERT INTO decisions VALUES (" + ", ".join("?" * 27) + ")",
                (r["uid"], r["municipality"], r["state"], r["country"], r["level"], r["ags"], r["body"], r["date"],
                 r["date_precision"], r["reference"], r["title"], r["document_type"], r["outcome"], v.get("yes"),
                 v.get("no"), v.get("abstain"), r["votes_text"], r["summary"],
                 ";".join(dict.fromkeys(m["category"] for m in r["measures"])), r["sources"]["file"],
                 r["sources"]["sha256"], r["sources"]["source_url"], r["extraction_method"], r["reviewed_by"],
                 r["reviewed_at"], r["weak_note"], r["related_uid"]))
            con.executemany(
                "INSERT INTO measures (decision_uid, category, direction, evidence, page, extraction_method) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(r["uid"], m["category"], m["direction"], m["evidence"], m["page"], m["extraction_method"])
                 for m in r["measures"]])
            con.executemany("INSERT INTO sources (decision_uid, position, url) VALUES (?, ?, ?)",
                            [(r["uid"], i, u) for i, u in enumerate(r["sources"]["urls"])])
        con.commit()
    finally:
        con.close()
    return path


def to_sqlite_bytes(recs: list[dict[str, Any]], meta: dict[str, str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ratsradar-export-") as tmp:
        path = write_sqlite(recs, meta, Path(tmp) / "ratsradar.db")
        return path.read_bytes()


def datasette_metadata(meta: dict[str, str]) -> dict[str, Any]:
    """``metadata.json`` for ``datasette ratsradar.db -m metadata.json``: title, source and licence shown."""
    return {"title": meta["title"], "source": meta["source"], "source_url": meta["source_url"] or None,
            "license": meta["licence"],
            "databases": {"ratsradar": {"tables": {
                "decisions": {"description": "One row per published decision"},
                "measures": {"description": "Measures with their evidence quote and page"},
                "sources": {"description": "Public source URLs of each decision"},
                "metadata": {"description": "Source, licence, time and filters of this export"}}}}}


def all_formats(*, session: Session, f: Filters | None = None, base_url: str | None = None) -> dict[str, bytes]:
    """Every export of the (filtered) record at once: ``json``, ``xlsx``, ``sqlite`` (for the pages)."""
    recs = records(session=session, f=f)
    meta = metadata(f, n=len(recs), base_url=base_url)
    return {"json": to_json(recs, meta).encode("utf-8"), "xlsx": to_excel(recs, meta),
            "sqlite": to_sqlite_bytes(recs, meta)}


__all__ = ["all_formats", "datasette_metadata", "metadata", "records", "to_excel", "to_json",
           "to_sqlite_bytes", "write_sqlite"]
