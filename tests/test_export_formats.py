"""Exports: Excel (text never a formula), a SQLite file with metadata (opens with sqlite3; Datasette when
installed), JSON with metadata; the filtered subset; the buttons on the decisions page (AppTest)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from models import Decision, session_scope
from ratsradar import export_formats
from ratsradar.filters import Filters
from tests.factories import small_record
from tests.test_app import app, db_file  # noqa: F401  (db_file is a fixture)


@pytest.fixture()
def recs(engine):
    with session_scope(engine) as s:
        small_record(s)
        dec = s.exec(select(Decision).where(Decision.uid == "DO-2021")).one()
        dec.title = "=HYPERLINK(\"http://evil\",\"klick\")"
    with Session(engine) as s:
        yield export_formats.records(session=s), export_formats.records(session=s, f=Filters(states=("Bayern",)))


def test_records_all_and_filtered(recs):
    everything, bayern = recs
    assert len(everything) == 6 and {r["uid"] for r in bayern} == {"M-2017", "M-2024"}


def test_metadata_names_source_licence_and_filters(monkeypatch):
    meta = export_formats.metadata(Filters(states=("Bayern",)), n=2, base_url="https://rr.example/")
    assert meta["source"].startswith("Ratsradar") and "AGPL" in meta["licence"]
    assert json.loads(meta["filters"]) == {"state": ["Bayern"]} and meta["source_url"] == "https://rr.example"
    monkeypatch.setenv("RATSRADAR_DATA_LICENCE", "CC BY 4.0")
    assert export_formats.metadata(n=0)["licence"] == "CC BY 4.0"


def test_excel_has_all_sheets_and_no_formulas(recs):
    everything, _ = recs
    data = export_formats.to_excel(everything, export_formats.metadata(n=len(everything)))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["decisions", "measures", "sources", "about"]
    rows = list(wb["decisions"].iter_rows(values_only=True))
    assert rows[0][0] == "uid" and len(rows) == 7
    cell = next(c for row in wb["decisions"].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # kept as typed, stored as text
    assert len(list(wb["measures"].iter_rows())) == 1 + 9
    about = dict(wb["about"].iter_rows(min_row=2, values_only=True))
    assert about["decisions"] == "6" and "licence" in about


def test_sqlite_export_opens_and_joins(recs, tmp_path):
    everything, _ = recs
    meta = export_formats.metadata(n=len(everything))
    path = tmp_path / "x.db"
    path.write_bytes(export_formats.to_sqlite_bytes(everything, meta))
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert dict(con.execute("SELECT key, value FROM metadata"))["source"] == meta["source"]
        n, = con.execute("SELECT count(*) FROM measures m JOIN decisions d ON d.uid = m.decision_uid "
                         "WHERE d.municipality = 'Dortmund'").fetchone()
        assert n == 6
        assert con.execute("SELECT url FROM sources WHERE decision_uid='DO-2021'").fetchall() == [
            ("https://example.org/do-2021",)]
    finally:
        con.close()
    datasette = shutil.which("datasette")
    if datasette:  # optional: Datasette reads the file and its tables
        out = subprocess.run([datasette, "inspect", str(path)], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and '"decisions"' in out.stdout


def test_json_export_carries_metadata(recs):
    _, bayern = recs
    doc = json.loads(export_formats.to_json(bayern, export_formats.metadata(Filters(states=("Bayern",)), n=2)))
    assert doc["metadata"]["decisions"] == "2" and len(doc["decisions"]) == 2


def test_datasette_metadata_shape():
    meta = export_formats.metadata(n=1)
    m = export_formats.datasette_metadata(meta)
    assert m["license"] == meta["licence"] and "decisions" in m["databases"]["ratsradar"]["tables"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_decisions_page_offers_every_export(db_file, lang):
    at = app("pages/decisions.py", lang=lang)
    labels = {b.proto.label for b in at.get("download_button")}
    expected = {"Als JSON", "Als Excel", "Als SQLite (Datasette)"} if lang == "de" else {
        "As JSON", "As Excel", "As SQLite (Datasette)"}
    assert expected <= labels
