"""Atomic, idempotent ingest under kills and concurrency, on SQLite and PostgreSQL.

A child process ingests a file and SIGKILLs itself at a named step (test hook ``RATSRADAR_TEST_KILL_AT``, see
ratsradar/ingest.py): no half record, no orphan file survives the next ingest, and running it again completes it.
Several processes uploading at the same time (the same file, or different files) lose nothing and store each
file once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from models import Decision, Document, Measure
from ratsradar.ingest import KILL_STEPS, sha256_of, store_path_for, sweep_orphans
from ratsradar.paths import files_dir
from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, os, sys, time
from pathlib import Path
import models
from ratsradar.ingest import ingest_bytes
engine = models.make_engine(os.environ["DATABASE_URL"])
go = os.environ.get("RR_TEST_GO")
outcomes = []
files = sys.argv[1:]
data = [Path(f).read_bytes() for f in files]
if go:  # start together: wait for the go file
    while not os.path.exists(go):
        time.sleep(0.002)
for f, d in zip(files, data):
    out = ingest_bytes(engine, d, Path(f).name, uploaded_by="proc-%d" % os.getpid())
    outcomes.append({"status": out.status, "document_id": out.document_id,
                     "error": out.error.code if out.error else None})
print(json.dumps(outcomes))
"""


def child(db_url: str, *files: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    full = os.environ | {"DATABASE_URL": db_url} | (env or {})
    return subprocess.Popen([sys.executable, "-c", CHILD, *map(str, files)], cwd=ROOT, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, list[dict], str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, (json.loads(out.splitlines()[-1]) if proc.returncode == 0 else []), err


def counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {m.__name__: s.exec(select(func.count()).select_from(m)).one() for m in (Document, Decision, Measure)}


def disk() -> tuple[list[Path], list[Path]]:
    """(stored files, temporary files) under the files folder."""
    root = files_dir()
    all_files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return [p for p in all_files if not p.name.endswith(".tmp")], [p for p in all_files if p.name.endswith(".tmp")]


@pytest.fixture
def proposal(tmp_path) -> Path:
    return pdfgen.make_pdf(tmp_path / "vorlage.pdf", pdfgen.DORTMUND_PROPOSAL)


@pytest.mark.parametrize("step", KILL_STEPS)
def test_killed_ingest_leaves_no_half_record_and_rerun_completes(engine, db_url, proposal, step):
    rc, _, err = finish(child(db_url, proposal, env={"RATSRADAR_TEST_KILL_AT": step}))
    assert rc == -signal.SIGKILL, err
    stored, _tmp = disk()
    c = counts(engine)
    if step == "committed":  # the record was complete before the kill
        assert c["Document"] == 1 and c["Decision"] >= 1 and [p.name for p in stored] == [
            store_path_for(sha256_of(proposal.read_bytes())).name]
    else:  # no half record: nothing in the database
        assert c == {"Document": 0, "Decision": 0, "Measure": 0}
        if step != "file_moved":  # the stored name appears only after the move
            assert stored == []

    rc, outcomes, err = finish(child(db_url, proposal))
    assert rc == 0, err
    assert outcomes[0]["status"] == ("duplicate" if step == "committed" else "created")
    c = counts(engine)
    assert c["Document"] == 1 and c["Decision"] >= 1 and c["Measure"] >= 1
    stored, tmp = disk()
    assert [p.name for p in stored] == [store_path_for(sha256_of(proposal.read_bytes())).name]
    assert stored[0].read_bytes() == proposal.read_bytes()
    assert tmp == []  # the next ingest swept the killed writer's temporary file


def test_sweep_removes_orphans_but_keeps_recorded_files(engine, db_url, proposal, tmp_path):
    rc, _, _ = finish(child(db_url, proposal, env={"RATSRADAR_TEST_KILL_AT": "file_moved"}))
    assert rc == -signal.SIGKILL
    orphan = store_path_for(sha256_of(proposal.read_bytes()))
    assert orphan.exists()  # moved, never committed
    other = pdfgen.make_pdf(tmp_path / "other.pdf", pdfgen.MINUTES_DE)
    rc, outcomes, err = finish(child(db_url, other))
    assert rc == 0 and outcomes[0]["status"] == "created", err
    assert orphan.exists()  # younger than the grace period: it may belong to an ingest about to commit
    removed = sweep_orphans(engine, grace_s=0)
    assert removed == [orphan] and not orphan.exists()
    assert store_path_for(sha256_of(other.read_bytes())).exists()


@pytest.mark.parametrize("n", [3])
def test_same_file_uploaded_at_once_is_one_document(engine, db_url, proposal, tmp_path, n):
    go = tmp_path / "go"
    procs = [child(db_url, proposal, env={"RR_TEST_GO": str(go)}) for _ in range(n)]
    time.sleep(1.0)  # all started and waiting
    go.touch()
    results = [finish(p) for p in procs]
    assert all(rc == 0 for rc, _, _ in results), [e for _, _, e in results]
    statuses = sorted(o[0]["status"] for _, o, _ in results)
    assert statuses == ["created"] + ["duplicate"] * (n - 1)
    assert len({o[0]["document_id"] for _, o, _ in results}) == 1
    assert counts(engine)["Document"] == 1
    stored, tmp = disk()
    assert len(stored) == 1 and stored[0].read_bytes() == proposal.read_bytes() and tmp == []


def test_concurrent_uploads_lose_nothing(engine, db_url, tmp_path):
    go = tmp_path / "go"
    n_procs, per_proc = 4, 3
    batches = []
    for p in range(n_procs):
        files = []
        for i in range(per_proc):
            text = [pdfgen.DORTMUND_PROPOSAL[0] + f"\nLaufende Nummer {p}-{i}."] + list(pdfgen.DORTMUND_PROPOSAL[1:])
            files.append(pdfgen.make_pdf(tmp_path / f"v{p}-{i}.pdf", text))
        batches.append(files)
    procs = [child(db_url, *files, env={"RR_TEST_GO": str(go)}) for files in batches]
    time.sleep(1.0)
    go.touch()
    results = [finish(p) for p in procs]
    assert all(rc == 0 for rc, _, _ in results), [e for _, _, e in results]
    assert all(o["status"] == "created" for _, outs, _ in results for o in outs)
    assert counts(engine)["Document"] == n_procs * per_proc
    stored, tmp = disk()
    assert len(stored) == n_procs * per_proc and tmp == []


def test_two_uploads_naming_a_new_place_at_once_share_one_municipality(engine):
    """Regression: two uploads of different files naming a place not yet in the database, committed at the
    same time, made the second fail with a unique-constraint error on PostgreSQL (the second session did not
    see the first one's uncommitted row, then collided with it)."""
    import threading

    from models import Municipality
    from ratsradar.ingest import get_or_create_municipality

    got: dict[str, object] = {}

    def second() -> None:
        try:
            with Session(engine) as other:
                other.add(Document(sha256="b" * 64, file_name="b.pdf", size=1))
                other.flush()
                got["id"] = get_or_create_municipality(other, "Dortmund").id
                other.commit()
        except Exception as exc:  # reported to the main thread
            got["error"] = exc

    with Session(engine) as first:
        first.add(Document(sha256="a" * 64, file_name="a.pdf", size=1))
        first.flush()
        first_id = get_or_create_municipality(first, "Dortmund").id
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(1.0)
        assert thread.is_alive()  # waiting for the first transaction
        first.commit()
    thread.join(30)
    assert "error" not in got, got.get("error")
    assert got["id"] == first_id
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Municipality)).one() == 1
