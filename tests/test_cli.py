"""The command line as other tools use it: the extraction contract, ingest, export."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_KEYS = {"file", "sha256", "pages", "text_source", "error", "document", "decisions"}
DOCUMENT_KEYS = {"municipality", "ags", "document_type", "reference", "date", "title", "body"}
DECISION_KEYS = {"title", "reference", "body", "date", "outcome", "votes", "relevant", "measures"}
MEASURE_KEYS = {"category", "direction", "evidence", "page"}


def run(*args: str, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    full_env = os.environ | (env or {})
    return subprocess.run([sys.executable, "-m", "ratsradar.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=full_env, timeout=300, input=input)


def test_extract_json_contract(tmp_path):
    good = pdfgen.make_pdf(tmp_path / "vorlage.pdf", pdfgen.DORTMUND_PROPOSAL)
    bad = tmp_path / "kaputt.pdf"
    bad.write_bytes(b"hello")
    res = run("extract", str(good), str(bad), "--json")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == 2
    ok, err = lines
    for obj in lines:
        assert set(obj) == CONTRACT_KEYS
        assert set(obj["document"]) == DOCUMENT_KEYS
    assert ok["file"] == str(good) and ok["error"] is None and ok["pages"] == 2
    assert ok["text_source"] == "text_layer" and len(ok["sha256"]) == 64
    assert ok["document"]["municipality"] == "Dortmund"
    assert ok["document"]["document_type"] == "proposal"
    assert ok["document"]["date"] == "2022-11-22"
    assert len(ok["decisions"]) == 1
    dec = ok["decisions"][0]
    assert set(dec) == DECISION_KEYS
    assert dec["relevant"] is True and dec["date"] == "2022-12-15"
    assert dec["outcome"] == "unknown"  # a proposal is not a decision
    cats = {m["category"] for m in dec["measures"]}
    assert {"coordination_office", "cooperation"} <= cats
    for m in dec["measures"]:
        assert set(m) == MEASURE_KEYS and m["page"] in (1, 2) and m["evidence"]
    assert err["error"]["code"] == "not_pdf" and err["decisions"] == [] and err["pages"] is None


def test_ingest_then_export(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    folder = tmp_path / "in"
    folder.mkdir()
    pdfgen.make_pdf(folder / "a.pdf", pdfgen.MINUTES_DE)
    pdfgen.make_pdf(folder / "b.pdf", pdfgen.DORTMUND_PROPOSAL)
    made = run("user", "add", "ci", "--role", "admin", "--password-stdin", env=env, input="ci-password-123\n")
    assert made.returncode == 0, made.stderr
    res = run("ingest", str(folder), "--publish", "--user", "ci", env=env)
    assert res.returncode == 0, res.stderr
    assert "2 created, 0 duplicate, 0 failed" in res.stdout
    again = run("ingest", str(folder), "--user", "ci", env=env)
    assert "0 created, 2 duplicate, 0 failed" in again.stdout

    out = run("export", "--format", "json", env=env)
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)["decisions"]
    uploaded = [r for r in records if r["sources"]["sha256"]]
    assert {r["sources"]["file"] for r in uploaded} == {"a.pdf", "b.pdf"}
    assert all(r["measures"] for r in uploaded)
    seeded = [r for r in records if r["uid"] == "DE-DO-2022-12-15"]
    assert seeded and seeded[0]["sources"]["urls"]

    out_csv = run("export", "--format", "csv", env=env)
    rows = list(csv.DictReader(io.StringIO(out_csv.stdout)))
    assert len(rows) == len(records)
    assert rows[0].keys() >= {"uid", "municipality", "categories", "evidence", "source_urls", "source_sha256"}


def test_export_neutralises_formulas():
    from ratsradar.export import to_csv

    rec = {"uid": "x", "title": "=HYPERLINK(\"http://evil\")", "votes": None, "measures": [],
           "sources": {"urls": [], "file": None, "sha256": None}}
    row = next(csv.DictReader(io.StringIO(to_csv([rec]))))
    assert row["title"].startswith("'=")


@pytest.mark.parametrize("args", [["extract"], ["export", "--format", "xml"]])
def test_usage_errors(args):
    assert run(*args).returncode == 2
