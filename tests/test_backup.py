"""Full backup and restore (ratsradar/backup.py, ``ratsradar backup`` / ``ratsradar restore``): SQLite ->
PostgreSQL -> SQLite and back without loss: every table, the audit trail, the stored PDFs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

import models
from models import AuditEntry, Decision, DecisionSource, Document, Measure, Municipality
from ratsradar import review
from ratsradar.backup import BackupError, backup, restore
from ratsradar.bootstrap import prepare
from ratsradar.ingest import ingest_bytes
from ratsradar.paths import runtime_dir
from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]


def comparable(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k != "created_at"}


def fill(engine) -> None:
    """The seed record, an uploaded draft, an uploaded and published document (with audit entries)."""
    prepare(engine)
    ingest_bytes(engine, pdfgen.pdf_bytes(pdfgen.MINUTES_DE), "niederschrift.pdf", uploaded_by="anna")
    ingest_bytes(engine, pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL), "vorlage.pdf", uploaded_by="bert", publish=True)
    with models.session_scope(engine) as s:  # one hand-made audit entry with odd text
        s.add(AuditEntry(actor="zoë", action="edit", entity="decision", entity_id="x", before='{"a": "ä\\n"}',
                         after='{"b": null}'))


def counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {m.__name__: s.exec(select(func.count()).select_from(m)).one()
                for m in (Municipality, Document, Decision, Measure, DecisionSource, AuditEntry)}


@pytest.fixture
def other_url(db_url, tmp_path, request) -> str:
    """An empty database of the *other* backend than ``db_url``."""
    if db_url.startswith("sqlite"):
        server = request.getfixturevalue("pg_server")
        url = server.create_database()
        request.addfinalizer(lambda: server.drop_database(url))
        return url
    return f"sqlite:///{tmp_path / 'other.db'}"


def test_backup_restore_round_trip_across_backends(engine, other_url, tmp_path, monkeypatch):
    fill(engine)
    first = backup(engine)
    assert first["tables"]["decision"]["rows"] and first["tables"][AuditEntry.__tablename__]["rows"]
    assert len(first["files"]) == 2 and {f["sha256"] for f in first["files"]} == {
        r[first["tables"]["document"]["columns"].index("sha256")] for r in first["tables"]["document"]["rows"]}

    monkeypatch.setenv("RATSRADAR_HOME", str(tmp_path / "restored-home"))  # the files come from the backup
    target = models.make_engine(other_url)
    restored = restore(target, json.loads(json.dumps(first)))
    assert restored["files"] == 2 and restored["decision"] == len(first["tables"]["decision"]["rows"])
    second = backup(target)
    assert comparable(second) == comparable(first)
    assert counts(target) == counts(engine)
    # the derived measure counts are not in the backup: the restored database counts them itself
    assert "measure_count" not in first["tables"]["decision"]["columns"]
    count_sql = text("SELECT uid, measure_count FROM decision ORDER BY uid")
    with engine.connect() as a, target.connect() as b:
        assert [tuple(r) for r in a.execute(count_sql)] == [tuple(r) for r in b.execute(count_sql)]
        assert any(n for _, n in a.execute(count_sql))
    for f in first["files"]:
        assert (runtime_dir() / f["path"]).is_file()

    # the restored database works on: new rows get fresh ids (sequences continue), review still works
    out = ingest_bytes(target, pdfgen.pdf_bytes(pdfgen.DORTMUND_PROPOSAL + ["Anlage 2"]), "neu.pdf")
    assert out.status == "created" and out.document_id > max(
        r[0] for r in first["tables"]["document"]["rows"])
    with Session(target) as s:
        drafts = review.list_drafts(s)
    assert drafts
    target.dispose()


def test_restore_refuses_a_non_empty_database_and_changes_nothing(engine):
    fill(engine)
    snapshot = backup(engine)
    before = counts(engine)
    with pytest.raises(BackupError, match="not empty"):
        restore(engine, snapshot)
    assert counts(engine) == before
    restore(engine, snapshot, replace=True)  # replace: same content again
    assert counts(engine) == before and comparable(backup(engine)) == comparable(snapshot)


def test_restore_refuses_damaged_backups(engine):
    fill(engine)
    snapshot = backup(engine)
    damaged = json.loads(json.dumps(snapshot))
    damaged["files"][0]["data"] = "AAAA"
    target = models.make_engine("sqlite://")
    with pytest.raises(BackupError, match="sha256"):
        restore(target, damaged)
    escaping = json.loads(json.dumps(snapshot))
    escaping["files"][0]["path"] = "../../evil.pdf"
    with pytest.raises(BackupError):
        restore(target, escaping)
    with pytest.raises(BackupError, match="format"):
        restore(target, {"decisions": []})  # the public export is not a backup
    with Session(target) as s:
        assert s.exec(select(func.count()).select_from(Decision)).one() == 0


def test_backup_without_files_references_them_by_sha256(engine):
    fill(engine)
    snapshot = backup(engine, include_files=False)
    assert snapshot["files"] == []
    cols = snapshot["tables"]["document"]["columns"]
    assert all(len(r[cols.index("sha256")]) == 64 for r in snapshot["tables"]["document"]["rows"])


def test_cli_backup_and_restore_on_sqlite_and_postgres(db_url, tmp_path):
    """``ratsradar backup`` from SQLite, ``ratsradar restore`` into an empty PostgreSQL database, backup again."""
    source = f"sqlite:///{tmp_path / 'src.db'}"
    home = tmp_path / "home"
    env = os.environ | {"DATABASE_URL": source, "RATSRADAR_HOME": str(home)}

    def cli(*args: str, url: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ratsradar.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, env=env | {"DATABASE_URL": url}, timeout=300, input=stdin)

    pdf = pdfgen.make_pdf(tmp_path / "vorlage.pdf", pdfgen.DORTMUND_PROPOSAL)
    res = cli("user", "add", "anna", "--role", "admin", "--password-stdin", url=source,
              stdin="correct-horse-battery\n")  # accounts are backed up too
    assert res.returncode == 0, res.stderr
    res = cli("ingest", str(pdf), "--publish", "--user", "anna", url=source)
    assert res.returncode == 0, res.stderr
    first = tmp_path / "first.json"
    res = cli("backup", "-o", str(first), url=source)
    assert res.returncode == 0, res.stderr
    res = cli("restore", str(first), url=db_url)  # db_url: an empty SQLite file or PostgreSQL database
    assert res.returncode == 0, res.stderr
    assert "restored" in res.stdout and "1 stored files" in res.stdout
    second = cli("backup", url=db_url)
    assert second.returncode == 0, second.stderr
    assert comparable(json.loads(second.stdout)) == comparable(json.loads(first.read_text()))
    again = cli("import", str(first), url=db_url)  # `import` is the same command as `restore`
    assert again.returncode == 1 and "not empty" in again.stderr
    # the public export still works and is not the backup
    export = cli("export", "--format", "json", url=db_url)
    assert export.returncode == 0 and "decisions" in json.loads(export.stdout)
