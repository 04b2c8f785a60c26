"""OParl import and export, against the fixture city served on loopback (tests/oparl_fixture.py).

Quirks of real servers each have a test here: null fields, 1.0-style references, broken links with a working
alternative, HTML error pages with status 200, 5xx that succeed on retry, slow answers, JSON sent as text/html,
deleted objects, pagination along links.next with filters kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time

import pytest
from sqlmodel import Session, col, func, select

from models import AuditEntry, Decision, DecisionSource, Document, Measure
from models.tables import OParlObject
from ratsradar.oparl import mapping
from ratsradar.oparl.client import ClientSettings, OParlClient, OParlError, user_agent
from ratsradar.oparl.export import to_oparl
from ratsradar.oparl.importer import ImportOptions, ImportProblem, run_import
from ratsradar.paths import runtime_dir
from tests.oparl_fixture import City, serve

FAST = ClientSettings(delay_s=0, backoff_s=0.01, read_timeout_s=5, connect_timeout_s=2)

# The OParl 1.1 specification's Paper example (examples/Paper-01.json), as published
SPEC_PAPER = {
    "id": "https://oparl.example.org/paper/749",
    "type": "https://schema.oparl.org/1.1/Paper",
    "body": "https://oparl.example.org/bodies/1",
    "name": "Antwort auf Anfrage 1200/2014",
    "reference": "1234/2014",
    "date": "2014-04-04",
    "paperType": "Beantwortung einer Anfrage",
    "relatedPaper": ["https://oparl.example.org/paper/699"],
    "mainFile": {
        "id": "https://oparl.example.org/files/57737", "type": "https://schema.oparl.org/1.1/File",
        "name": "Anlage 1 zur Anfrage", "fileName": "anlage_1_zur_anfrage.pdf", "mimeType": "application/pdf",
        "date": "2013-01-04", "sha1Checksum": "d749751af44a32c818b9b1e1515251c67734f5d2", "size": 82930,
        "accessUrl": "https://oparl.example.org/files/57737.pdf",
        "downloadUrl": "https://oparl.example.org/files/download/57737.pdf",
        "created": "2013-01-04T07:54:13+01:00", "modified": "2013-01-04T07:54:13+01:00",
    },
    "auxiliaryFile": [{
        "id": "https://oparl.example.org/files/57739", "type": "https://schema.oparl.org/1.1/File",
        "name": "Anlage 1 zur Anfrage", "fileName": "anlage.pdf", "mimeType": "application/pdf",
        "accessUrl": "https://oparl.example.org/files/57739.pdf",
        "text": "Der Übersichtsplan zeigt alle Ebenen des ...",
    }],
    "consultation": [{
        "id": "https://oparl.example.org/consultation/47594", "type": "https://schema.oparl.org/1.1/Consultation",
        "agendaItem": "https://oparl.example.org/agendaitem/15569", "meeting": "https://oparl.example.org/meeting/243",
        "organization": ["https://oparl.example.org/organization/96"], "authoritative": False,
        "role": "Beschlussfassung",
    }],
    "created": "2013-01-08T12:05:27+01:00",
    "modified": "2013-01-08T12:05:27+01:00",
}


# --- mapping (pure) ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("result", "expected"), [
    ("Beschlossen", "adopted"), ("Geändert beschlossen", "amended"), ("ungeändert beschlossen", "adopted"),
    ("einstimmig beschlossen", "adopted"), ("Abgelehnt", "rejected"), ("Vertagt", "deferred"),
    ("Zur Kenntnis genommen", "noted"), ("zurückgezogen", "withdrawn"), ("in den Bauausschuss verwiesen", "referred"),
    (None, "unknown"), ("", "unknown"), (42, "unknown"),
])
def test_agenda_item_result_maps_to_outcome(result, expected):
    assert mapping.outcome(result) == expected


@pytest.mark.parametrize(("paper_type", "expected"), [
    ("Beschlussvorlage", "proposal"), ("Vorlage", "proposal"), ("Antrag", "motion"),
    ("Beantwortung einer Anfrage", "inquiry"), ("Anfrage", "inquiry"), ("Mitteilung", "report"),
    ("Niederschrift", "minutes"), (None, None), ("", None), ("Etwas ganz anderes", "other"),
])
def test_paper_type_maps_to_document_type(paper_type, expected):
    assert mapping.document_type(paper_type) == expected


def test_spec_paper_example_maps():
    facts = mapping.paper_facts(SPEC_PAPER)
    assert facts.reference == "1234/2014" and facts.date == dt.date(2014, 4, 4)
    assert facts.document_type == "inquiry" and facts.modified == "2013-01-08T12:05:27+01:00"
    files = mapping.paper_files(SPEC_PAPER)
    assert [f.role for f in files] == ["main", "auxiliary"]
    assert files[0].urls == ("https://oparl.example.org/files/download/57737.pdf",
                             "https://oparl.example.org/files/57737.pdf")  # downloadUrl first, accessUrl as fallback
    assert files[0].sha1 == "d749751af44a32c818b9b1e1515251c67734f5d2"
    assert files[1].text.startswith("Der Übersichtsplan")
    deciding = mapping.deciding_consultation(SPEC_PAPER)
    assert deciding.role == "Beschlussfassung"  # not authoritative, but the deciding role
    assert deciding.organizations == ("https://oparl.example.org/organization/96",)


def test_null_and_missing_fields_do_not_break_the_mapping():
    paper = {"id": "https://x.example/paper/1", "type": "https://schema.oparl.org/1.1/Paper", "name": None,
             "reference": None, "date": "kein Datum", "paperType": None, "mainFile": None, "auxiliaryFile": None,
             "consultation": [None, {"id": "c", "organization": "https://x.example/org/1"}]}
    facts = mapping.paper_facts(paper)
    assert (facts.name, facts.reference, facts.date, facts.document_type) == (None, None, None, None)
    assert mapping.paper_files(paper) == []
    assert mapping.deciding_consultation(paper).organizations == ("https://x.example/org/1",)  # 1.0: a string
    assert mapping.paper_facts({"id": "https://x.example/paper/2", "deleted": True}).deleted


def test_dates_in_every_form():
    assert mapping.parse_date("2014-04-04") == dt.date(2014, 4, 4)
    assert mapping.parse_date("2013-01-04T07:54:13+01:00") == dt.date(2013, 1, 4)
    assert mapping.parse_date("2013-01-04T07:54:13Z") == dt.date(2013, 1, 4)
    assert mapping.parse_date("2013-02-30") is None and mapping.parse_date(None) is None


# --- the client --------------------------------------------------------------------------------------------

def test_client_walks_pages_along_links_next_politely():
    city = City(n_papers=130, per_page=25)
    with serve(city) as url, OParlClient(FAST) as client:
        papers = list(client.iter_list(url + "body/1/papers"))
        assert len(papers) == 130 and len({p["id"] for p in papers}) == 130
        assert client.stats.retries >= 1  # page 2 answered 503 once
        assert city.requests["/oparl/body/1/papers"] == 6 + 1  # 6 pages, one of them twice
        since = dt.datetime(2025, 3, 5, tzinfo=dt.UTC).isoformat()
        recent = list(client.iter_list(url + "body/1/papers", {"modified_since": since}))
        assert 0 < len(recent) < 130  # the filter is kept on every page
    assert city.user_agents == {user_agent()} and user_agent().startswith("Ratsradar/")


def test_client_retries_a_slow_answer_after_its_timeout():
    city = City(n_papers=10, slow_s=1.0)
    settings = ClientSettings(delay_s=0, backoff_s=0.01, read_timeout_s=0.3, retries=2)
    with serve(city) as url, OParlClient(settings) as client:
        meeting = client.get_json(url + "meeting/3")
    assert meeting["type"].endswith("/Meeting") and client.stats.retries >= 1


def test_client_errors_are_clear():
    city = City(n_papers=20)
    with serve(city) as url, OParlClient(FAST) as client:
        with pytest.raises(OParlError) as err:
            client.get_json(url + "paper/999")
        assert err.value.kind == "http" and err.value.status == 404
        with pytest.raises(OParlError) as err:
            client.get_file(url + "files/13-main.pdf")  # 200 with an HTML page
        assert err.value.kind == "not_pdf"
        assert client.get_file(url + "files/17-main.pdf").startswith(b"%PDF")  # octet-stream is fine
        assert client.get_file(url + "files/20-main.pdf").startswith(b"%PDF")  # 500 once, then the retry works
        with pytest.raises(OParlError) as err:
            client.get_json("file:///etc/passwd")
        assert err.value.kind == "invalid_url"
        with pytest.raises(OParlError) as err:
            client.get_json(url + "files/17-main.pdf")
        assert err.value.kind == "invalid_json"
    with OParlClient(ClientSettings(delay_s=0, retries=0, connect_timeout_s=1)) as client, pytest.raises(OParlError) as err:
        client.get_json("http://127.0.0.1:9/oparl")
    assert err.value.kind in ("connection", "timeout")


def test_client_waits_between_requests():
    city = City(n_papers=5)
    with serve(city) as url, OParlClient(ClientSettings(delay_s=0.15)) as client:
        t0 = time.perf_counter()
        for _ in range(4):
            client.get_json(url)
        assert time.perf_counter() - t0 >= 0.45


# --- the import ----------------------------------------------------------------------------------------------

def _snapshot(engine) -> dict[str, object]:
    with Session(engine) as s:
        return {
            "decisions": sorted((d.uid, d.title, d.outcome, d.review_status, d.relevant)
                                for d in s.exec(select(Decision).where(Decision.origin == "import"))),
            "documents": s.exec(select(func.count(col(Document.id)))).one(),
            "measures": s.exec(select(func.count(col(Measure.id)))).one(),
            "objects": sorted((o.oparl_id, o.status, o.modified, o.deleted, o.sha256)
                              for o in s.exec(select(OParlObject).where(OParlObject.type != "Body"))),
        }


def test_import_then_incremental_rerun(engine):
    city = City(n_papers=120, per_page=25)
    relevant = {n for n in range(1, 121) if city.relevant(n)} - {23}
    with serve(city) as url:
        first = run_import(engine, ImportOptions(url), settings=FAST)
        assert (first.listed, first.deleted, first.failed) == (120, 1, 2)  # 23 deleted; 11 broken, 13 HTML page
        assert first.created == len(relevant) == 15 and first.complete and not first.incremental
        assert first.retries >= 2  # the list's 503 and paper 20's 500
        with Session(engine) as s:
            decs = s.exec(select(Decision).where(Decision.origin == "import")).all()
            assert len(decs) == 15 and all(d.review_status == "draft" and d.relevant for d in decs)
            assert {d.extraction_method for d in decs} == {"oparl:file_text", "rules:text_layer"}
            by_ref = {d.reference: d for d in decs}
            d10 = by_ref["0010/2025"]
            assert d10.title == "Umstellung der Arbeitsplätze auf LibreOffice" and d10.document_type == "proposal"
            assert d10.body == "Ausschuss für Digitalisierung"  # the consultation's Organization
            assert d10.decision_date == dt.date(2025, 6, 18)  # the Meeting's start
            assert d10.outcome == "noted"  # AgendaItem.result "Zur Kenntnis genommen"
            assert s.exec(select(Measure).where(Measure.decision_id == d10.id)).first() is not None
            obj = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "paper/10")).one()
            assert obj.decision_id == d10.id and obj.web.endswith("/vorgang/10") and obj.status == "imported"
            assert s.exec(select(DecisionSource).where(DecisionSource.decision_id == d10.id)).one().url == obj.web
            f = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "file/10-main")).one()
            doc = s.get(Document, d10.document_id)
            assert f.sha256 == doc.sha256 == hashlib.sha256((runtime_dir() / doc.stored_path).read_bytes()).hexdigest()
            # paper 5: reference, date and paperType null, no consultation -> the PDF's own facts
            d5 = next(d for d in decs if d.title and "0005/2025" in (d.reference or ""))
            assert d5.outcome == "unknown"  # a proposal's "Der Rat beschließt ..." is a request, not a result
            assert d5.body == "Rat"  # ... but it names the deciding body
            # paper 7: broken downloadUrl, accessUrl used
            d7 = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "file/7-main")).one()
            assert d7.url.endswith("/files/7-main.pdf") and d7.sha256
            # paper 31: broken meeting link -> the AgendaItem is fetched and its own meeting link followed
            d31 = by_ref["0031/2025"]
            assert d31.decision_date == dt.date(2025, 7, 2) and d31.outcome == "amended"
            # paper 33: no mainFile; the auxiliary file is on the subject
            assert by_ref["0033/2025"].relevant
            # paper 29: 1.0-style consultation (organization a string), agenda item not in its meeting: read fine
            assert s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "paper/29")).one().status == "irrelevant"
            failed = {o.oparl_id for o in s.exec(select(OParlObject).where(OParlObject.status == "failed",
                                                                                OParlObject.type == "Paper"))}
            assert failed == {url + "paper/11", url + "paper/13"}
        snap = _snapshot(engine)

        again = run_import(engine, ImportOptions(url), settings=FAST)
        assert again.incremental and again.listed == 2 and again.retried == 2 and again.created == 0
        assert _snapshot(engine) == snap  # idempotent

        city.modify([10, 40, 41])
        new = city.add(10)  # 121..130: 130 is on the subject
        city.delete([50])
        city.repair(11)
        third = run_import(engine, ImportOptions(url), settings=FAST)
        assert (third.changed, third.new, third.deleted, third.retried) == (3, 10, 1, 2)
        assert (third.updated, third.created, third.failed) == (2, 1, 1)
        assert third.listed == 3 + 10 + 1 + 2 and len(new) == 10
        with Session(engine) as s:
            d10 = s.exec(select(Decision).where(Decision.reference == "0010/2025")).one()
            assert d10.title.endswith("(Fassung 2)") and d10.review_status == "draft"
            d50 = s.exec(select(Decision).where(Decision.reference == "0050/2025")).one()
            assert d50.review_status == "rejected"
            o50 = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "paper/50")).one()
            assert o50.deleted and o50.status == "deleted"
            assert s.exec(select(AuditEntry).where(AuditEntry.action == "source_deleted",
                                                   AuditEntry.entity_id == d50.uid)).first()
            o11 = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "paper/11")).one()
            assert o11.status == "irrelevant"  # repaired, read, not on the subject
        snap = _snapshot(engine)
        fourth = run_import(engine, ImportOptions(url), settings=FAST)
        assert fourth.changed == fourth.new == fourth.deleted == fourth.created == fourth.updated == 0
        assert _snapshot(engine) == snap


def test_reviewed_decision_is_left_alone_when_changed_at_source(tmp_path):
    from models import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    city = City(n_papers=20, per_page=10, quirks=False)
    with serve(city) as url:
        run_import(engine, ImportOptions(url), settings=FAST)
        with Session(engine) as s:
            d = s.exec(select(Decision).where(Decision.reference == "0010/2025")).one()
            d.review_status, d.title = "published", "Von Hand geprüfter Titel"
            s.add(d)
            s.commit()
        city.modify([10])
        report = run_import(engine, ImportOptions(url), settings=FAST)
    assert report.reviewed_changed == 1 and report.updated == 0
    with Session(engine) as s:
        d = s.exec(select(Decision).where(Decision.reference == "0010/2025")).one()
        assert d.title == "Von Hand geprüfter Titel" and d.review_status == "published"
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "source_changed")).first() is not None


def test_all_stores_every_paper_and_known_files_are_linked(tmp_path):
    from models import make_engine
    from ratsradar.ingest import ingest_bytes

    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    city = City(n_papers=30, per_page=8, quirks=False)
    with serve(city) as url:
        city.base = url.rstrip("/")
        from ratsradar.bootstrap import prepare

        prepare(engine, seed=False)
        hand = ingest_bytes(engine, city.pdf(20, "main"), "von_hand.pdf")  # an activist uploaded it already
        assert hand.status == "created"
        report = run_import(engine, ImportOptions(url, all=True, body="Köln"), settings=FAST)
    assert report.listed == 30 and report.linked == 1 and report.created == 29
    with Session(engine) as s:
        assert s.exec(select(func.count(col(Document.id)))).one() == 30  # no duplicate of the uploaded file
        assert s.exec(select(func.count(col(Decision.id))).where(Decision.relevant.is_(False))).one() >= 25
        o = s.exec(select(OParlObject).where(OParlObject.oparl_id == url + "paper/20")).one()
        assert o.status == "linked" and o.document_id == hand.document_id


def test_start_problems_are_clear(tmp_path):
    from models import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with pytest.raises(ImportProblem) as err:
        run_import(engine, ImportOptions("http://127.0.0.1:9/oparl"),
                   settings=ClientSettings(delay_s=0, retries=0, connect_timeout_s=1))
    assert err.value.key == "unreachable"
    city = City(n_papers=5)
    with serve(city) as url:
        with pytest.raises(ImportProblem) as err:
            run_import(engine, ImportOptions(url + "organization/1"), settings=FAST)
        assert err.value.key == "not_oparl"
        with pytest.raises(ImportProblem) as err:
            run_import(engine, ImportOptions(url, body="Atlantis"), settings=FAST)
        assert err.value.key == "body_unknown"
    with Session(engine) as s:
        assert s.exec(select(OParlObject)).first() is None  # nothing half-saved


# --- export and CLI -----------------------------------------------------------------------------------------

def test_export_is_oparl_shaped(tmp_path, monkeypatch):
    from models import make_engine

    db = tmp_path / "e.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    engine = make_engine(f"sqlite:///{db}")
    city = City(n_papers=20, per_page=10, quirks=False)
    with serve(city) as url:
        run_import(engine, ImportOptions(url), settings=FAST)
    with Session(engine) as s:
        for d in s.exec(select(Decision).where(Decision.origin == "import")).all():
            d.review_status = "published"
            s.add(d)
        s.commit()
        out = to_oparl(s, base_url="https://ratsradar.example")
    imported = [p for p in out["data"] if "ratsradar:origin" in p]
    assert len(imported) == 2 and out["pagination"]["totalElements"] == len(out["data"])
    p = imported[0]
    assert p["type"] == "https://schema.oparl.org/1.1/Paper" and p["id"].startswith("https://ratsradar.example/oparl/paper/")
    assert p["ratsradar:origin"]["oparlId"].startswith(url + "paper/")
    f = p["mainFile"]
    assert f["type"] == "https://schema.oparl.org/1.1/File" and f["mimeType"] == "application/pdf"
    with Session(engine) as s:
        doc = s.exec(select(Document).where(Document.sha256 == f["ratsradar:sha256"])).one()
    assert f["sha512Checksum"] == hashlib.sha512((runtime_dir() / doc.stored_path).read_bytes()).hexdigest()
    c = p["consultation"][0]
    assert c["type"] == "https://schema.oparl.org/1.1/Consultation" and c["paper"] == p["id"] and c["authoritative"]
    assert p["web"] == f"https://ratsradar.example/decisions?id={p['ratsradar:uid']}"
    assert p["keyword"] and p["ratsradar:measures"]


def test_cli_import_and_oparl_export(tmp_path, monkeypatch, capsys):
    from ratsradar.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    city = City(n_papers=25, per_page=10, quirks=False)
    with serve(city) as url:
        assert main(["import-oparl", url, "--delay", "0", "--quiet"]) == 0
        first = capsys.readouterr().out
        assert "Köln (full): 25 listed" in first and "2 drafts created" in first
        city.modify([20])
        assert main(["import-oparl", url, "--delay", "0", "--quiet"]) == 0
        assert "(incremental since" in capsys.readouterr().out
        assert main(["import-oparl", url, "--body", "Atlantis", "--quiet"]) == 1
        assert "no such body" in capsys.readouterr().err
    assert main(["export", "--format", "oparl"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["data"] and all(p["type"].endswith("/Paper") for p in data["data"])  # the seed record, at least


def test_list_of_urls_from_early_servers_is_fetched_item_by_item():
    """OParl 1.0 drafts (and some servers) list URLs under ``items`` instead of objects under ``data``."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/list":
                body = {"items": [base + "/p/1", base + "/p/2", base + "/missing"]}
            elif self.path.startswith("/p/"):
                body = {"id": base + self.path, "type": "https://schema.oparl.org/1.0/Paper"}
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with OParlClient(ClientSettings(delay_s=0, retries=0)) as client:
            got = list(client.iter_list(f"http://127.0.0.1:{server.server_address[1]}/list"))
    finally:
        server.shutdown()
        server.server_close()
    assert [p["id"].rsplit("/", 2)[-2:] for p in got] == [["p", "1"], ["p", "2"]]  # the broken one is skipped
