"""Full backup and restore of a Ratsradar database, across SQLite and PostgreSQL, without loss.

``backup(engine) -> dict`` writes every table the app defines (``SQLModel.metadata``: municipalities, documents
with their sha256 and text, decisions, measures, sources, audit trail, accounts, links, imports, … — tables
added later are included automatically) row by row with their ids, plus the stored PDF files (base64, checked
by sha256 on the way back). ``restore(engine, obj)`` loads such a backup into an empty database (or, with
``replace=True``, replaces its whole content) in one transaction: all or nothing.

The JSON layout (``format`` = ``ratsradar-backup``, ``version`` = 1)::

    {"format": "ratsradar-backup", "version": 1, "created_at": "…Z", "app_version": "…",
     "tables": {"<table>": {"columns": ["id", …], "rows": [[…], …]}, …},
     "files": [{"sha256": "…", "path": "files/ab/ab….pdf", "size": 123, "data": "<base64>"}, …]}

Values: dates and times as ISO 8601 text (times in UTC, as stored), bytes as base64, everything else as JSON.
``files`` is empty with ``include_files=False``: the documents then keep their sha256 and stored path, and a
later upload of the same PDF puts the file back. The backup holds account password hashes: keep it private.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from models import init_db
from ratsradar.paths import files_dir, runtime_dir

FORMAT = "ratsradar-backup"
VERSION = 1
_CHUNK = 500


class BackupError(Exception):
    """A backup that cannot be restored here (wrong format, target not empty, a file that fails its hash)."""


def _tables() -> list[Table]:
    # parents before children (foreign keys); derived tables (``measure_fact``) are rebuilt by the database
    return [t for t in SQLModel.metadata.sorted_tables if not t.info.get("derived")]


def _columns(table: Table) -> list[Any]:
    """The table's columns but the derived ones (``decision.measure_count``), which the database keeps itself."""
    return [c for c in table.columns if not c.info.get("derived")]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decoder(column: Any):  # type: ignore[no-untyped-def]
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = None
    if kind is dt.datetime:
        return lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    if kind is dt.date:
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    if kind is bytes:
        return lambda v: base64.b64decode(v) if isinstance(v, str) else v
    if kind is bool:
        return lambda v: bool(v) if v is not None else None
    return lambda v: v


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("ratsradar")
    except Exception:
        return "unknown"


def backup(engine: Engine, *, include_files: bool = True) -> dict[str, Any]:
    """Everything in the database (and the stored PDFs) as one JSON-ready dict."""
    init_db(engine)
    tables: dict[str, Any] = {}
    stored: list[tuple[str, str]] = []
    with engine.connect() as conn:
        for table in _tables():
            columns = _columns(table)
            names = [c.name for c in columns]
            order = list(table.primary_key.columns) or columns
            rows = [[_encode(v) for v in row] for row in conn.execute(select(*columns).order_by(*order))]
            tables[table.name] = {"columns": names, "rows": rows}
            if table.name == "document":
                i_sha, i_path = names.index("sha256"), names.index("stored_path")
                stored += [(r[i_sha], r[i_path]) for r in rows if r[i_path]]
    files = []
    if include_files:
        for sha, rel in stored:
            path = _safe_path(rel)
            if path is not None and path.is_file():
                data = path.read_bytes()
                files.append({"sha256": sha, "path": rel, "size": len(data),
                              "data": base64.b64encode(data).decode("ascii")})
    return {"format": FORMAT, "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat() + "Z",
            "app_version": _app_version(), "tables": tables, "files": files}


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _safe_path(rel: str | None) -> Path | None:
    """A stored path from the database or a backup, only if it stays inside the runtime folder."""
    if not rel:
        return None
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        return None
    return runtime_dir() / p


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def restore(engine: Engine, obj: dict[str, Any], *, replace: bool = False) -> dict[str, int]:
    """Load a backup into this database in one transaction; returns rows per table (and ``files``).

    The database must be empty unless ``replace``; then its content is removed first (in the same
    transaction, so a failed restore leaves the old content). Columns the backup lacks get their defaults;
    tables or columns this version does not know are refused, so nothing is dropped silently."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise BackupError("not a Ratsradar backup (the 'format' is not 'ratsradar-backup')")
    if obj.get("version") != VERSION:
        raise BackupError(f"backup version {obj.get('version')!r} is not supported (this version reads {VERSION})")
    init_db(engine)
    known = {t.name: t for t in _tables()}
    given: dict[str, Any] = obj.get("tables") or {}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise BackupError(f"the backup holds tables this version does not know: {', '.join(unknown)}")
    for name, part in given.items():
        extra = sorted(set(part["columns"]) - {c.name for c in known[name].columns})
        if extra:
            raise BackupError(f"table {name}: columns this version does not know: {', '.join(extra)}")
    files = _checked_files(obj.get("files") or [])
    counts: dict[str, int] = {}
    written: list[Path] = []
    try:
        with engine.begin() as conn:
            busy = [t.name for t in _tables() if _count(conn, t)]
            if busy and not replace:
                raise BackupError("the database is not empty (tables with rows: " + ", ".join(busy)
                                  + "); restore into an empty database, or use --replace")
            for table in reversed(_tables()):
                conn.execute(table.delete())
            for table in _tables():
                part = given.get(table.name)
                if not part:
                    counts[table.name] = 0
                    continue
                cols = part["columns"]
                decode = [_decoder(table.columns[c]) for c in cols]
                keep = {c.name for c in _columns(table)}  # a derived column is counted anew by the database
                rows = [{c: f(v) for c, f, v in zip(cols, decode, row, strict=True) if c in keep}
                        for row in part["rows"]]
                for i in range(0, len(rows), _CHUNK):
                    conn.execute(table.insert(), rows[i:i + _CHUNK])
                counts[table.name] = len(rows)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
            for rel, data in files:  # inside the transaction: a failure above leaves no new files behind
                written.append(_write_file(rel, data))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    counts["files"] = len(files)
    return counts


def _checked_files(entries: list[dict[str, Any]]) -> list[tuple[str, bytes]]:
    out = []
    for e in entries:
        data = base64.b64decode(e["data"])
        if hashlib.sha256(data).hexdigest() != e["sha256"]:
            raise BackupError(f"the stored file {e['path']} does not match its sha256; the backup is damaged")
        path = _safe_path(e["path"])
        if path is None or not path.resolve().is_relative_to(files_dir().resolve()):
            raise BackupError(f"the stored file path {e['path']!r} points outside the files folder")
        out.append((e["path"], data))
    return out


def _write_file(rel: str, data: bytes) -> Path:
    path = _safe_path(rel)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def _reset_sequences(conn: Connection) -> None:
    """After inserting explicit ids, PostgreSQL's id sequences must continue after the largest id."""
    for table in _tables():
        for col in table.primary_key.columns:
            try:
                is_int = col.type.python_type is int
            except NotImplementedError:
                is_int = False
            if not is_int or col.autoincrement is False:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": f'"{table.name}"', "c": col.name}).scalar()
            if seq:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{col.name}") FROM "{table.name}"), 0) + 1,'
                                  " false)"), {"s": seq})
