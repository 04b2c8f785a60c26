"""An OParl 1.1 server for the tests: a generated city served on 127.0.0.1 (a free port), never the internet.

The objects follow the shapes of the OParl 1.1 specification's examples (System, Body, Paper with embedded
mainFile / auxiliaryFile / consultation, Meeting with embedded agendaItem, Organization, File). Papers come in
paginated lists (``data``, ``pagination``, ``links.next``) that honour ``modified_since`` / ``created_since`` and
``elementsPerPage``. The PDFs are generated (tests/pdfgen.py, core font: fast).

Every 10th paper (and, with quirks, papers 5, 31 and 33) is on the subject (open source, ODF, a coordination
office ...), the rest is everyday council business. Every 3rd main file carries ``File.text``. Real-world quirks, switched on with ``quirks=True``:

- paper 5: ``reference``, ``date``, ``paperType`` null and no consultation;
- paper 7: the ``downloadUrl`` is broken (404) but the ``accessUrl`` works;
- paper 11: every link of its file is broken (404) until ``repair(11)``;
- paper 13: its file URL answers 200 with an HTML error page;
- paper 17: its PDF comes as ``application/octet-stream``;
- paper 20: its file answers 500 on the first request and works on the retry;
- paper 23: deleted (only ``id``, ``type``, ``deleted``, ``modified``);
- paper 29: 1.0 style consultation (``organization`` a string), agenda item not embedded in its meeting;
- paper 31: its meeting link is broken (404);
- paper 33: no ``mainFile``; its ``auxiliaryFile`` is on the subject;
- the second list page answers 503 once; list pages come as ``text/html``; meeting 3 is slow once (longer than
  a short read timeout).

Between runs the city can change: ``modify(nums)``, ``add(count)``, ``delete(nums)``, ``repair(num)``; each bumps
``modified`` to now. ``requests`` counts what the server was asked; ``user_agents`` what clients called themselves.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests import pdfgen

S = "https://schema.oparl.org/1.1/"

RELEVANT_TEXTS = [
    ("Einrichtung einer Koordinierungsstelle Open Source",
     "Der Rat beschließt die Einrichtung einer Koordinierungsstelle Digitale Souveränität und Open Source. "
     "Die Stelle koordiniert den Einsatz Freier Software in der Verwaltung."),
    ("Umstellung der Arbeitsplätze auf LibreOffice",
     "Die Verwaltung wird beauftragt, die Büroarbeitsplätze schrittweise auf LibreOffice und Linux umzustellen. "
     "Dokumente werden künftig im Open Document Format (ODF) gespeichert."),
    ("Open-Source-Strategie der Stadt",
     "Der Rat beschließt die Open-Source-Strategie. Software, die mit öffentlichen Mitteln entwickelt wird, "
     "wird als Freie Software veröffentlicht (Public Money? Public Code!)."),
    ("Vergabe: Vorrang für Open Source",
     "Bei Ausschreibungen von Software erhalten Open-Source-Lösungen Vorrang, um Herstellerabhängigkeit zu vermeiden."),
]
OTHER_TEXTS = [
    ("Bebauungsplan Nr. {n} Am Mühlenbach", "Der Bebauungsplan wird als Satzung beschlossen. Die Begründung liegt bei."),
    ("Sanierung der Grundschule Nord, Bauabschnitt {n}", "Die Mittel für die Sanierung des Daches werden bereitgestellt."),
    ("Straßenbenennung im Neubaugebiet {n}", "Die Straße im Neubaugebiet erhält den Namen Lindenweg."),
    ("Zuschuss für den Sportverein, Antrag {n}", "Der Verein erhält einen Zuschuss für neue Trainingsgeräte."),
    ("Haushaltssatzung, Nachtrag {n}", "Der Nachtrag zur Haushaltssatzung wird zur Beratung vorgelegt."),
]
RESULTS = ["Beschlossen", "Geändert beschlossen", "Abgelehnt", "Vertagt", "Zur Kenntnis genommen",
           "ungeändert beschlossen"]
PAPER_TYPES = ["Beschlussvorlage", "Antrag", "Mitteilung", "Anfrage", "Vorlage"]
ORGS = [(1, "Rat der Stadt", "Rat"), (2, "Ausschuss für Digitalisierung", "AfD-IT"), (3, "Finanzausschuss", "FA")]
N_MEETINGS = 20
QUIRKY_RELEVANT = (5, 31, 33)  # quirks on papers that are stored, so their mapping shows


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


@dataclass
class PaperState:
    num: int
    modified: dt.datetime
    created: dt.datetime
    version: int = 0
    deleted: bool = False
    broken: bool = False


@dataclass
class City:
    n_papers: int = 300
    per_page: int = 50
    name: str = "Köln"
    ags: str = "05315000"
    quirks: bool = True
    slow_s: float = 0.0  # how long meeting 3 stalls once (0: not at all)
    base: str = ""
    papers: dict[int, PaperState] = field(default_factory=dict)
    requests: Counter = field(default_factory=Counter)
    user_agents: set[str] = field(default_factory=set)
    _once: set[str] = field(default_factory=set)
    _pdf_cache: dict[tuple[int, int, str], bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
        for n in range(1, self.n_papers + 1):
            t = start + dt.timedelta(hours=n)
            self.papers[n] = PaperState(n, modified=t, created=t)
        if self.quirks and 23 in self.papers:
            self.papers[23].deleted = True
        if self.quirks and 11 in self.papers:
            self.papers[11].broken = True

    # --- changes between runs ------------------------------------------------------------------------------
    def _touch(self, n: int) -> None:
        p = self.papers[n]
        p.version += 1
        p.modified = max(dt.datetime.now(dt.UTC), p.modified + dt.timedelta(seconds=1))

    def modify(self, nums: list[int]) -> None:
        with self.lock:
            for n in nums:
                self._touch(n)

    def add(self, count: int) -> list[int]:
        with self.lock:
            first = max(self.papers) + 1
            now = dt.datetime.now(dt.UTC)
            for n in range(first, first + count):
                self.papers[n] = PaperState(n, modified=now, created=now)
            return list(range(first, first + count))

    def delete(self, nums: list[int]) -> None:
        with self.lock:
            for n in nums:
                self.papers[n].deleted = True
                self._touch(n)

    def repair(self, n: int) -> None:
        with self.lock:
            self.papers[n].broken = False  # the paper itself is not modified: a client must retry on its own

    # --- content -------------------------------------------------------------------------------------------
    def relevant(self, n: int) -> bool:
        return n % 10 == 0 or (self.quirks and n in QUIRKY_RELEVANT)

    def title_text(self, n: int) -> tuple[str, str]:
        p = self.papers[n]
        if self.relevant(n) and n != 33:
            title, body = RELEVANT_TEXTS[(n // 10) % len(RELEVANT_TEXTS)]
        else:
            title, body = OTHER_TEXTS[n % len(OTHER_TEXTS)]
            title = title.format(n=n)
        if p.version:
            title = f"{title} (Fassung {p.version + 1})"
        return title, body

    def reference(self, n: int) -> str:
        return f"{n:04d}/2025"

    def file_text(self, n: int, role: str) -> str:
        title, body = self.title_text(n)
        if role == "aux":
            if n == 33:
                return ("Anlage zur Vorlage\nDie Verwaltung prüft den Umstieg auf Open-Source-Software und "
                        "offene Standards (ODF).")
            return f"Anlage zu Drucksache {self.reference(n)}\nLageplan und Kostenaufstellung."
        return (f"Stadt {self.name}\n{PAPER_TYPES[n % len(PAPER_TYPES)]}\nDrucksache Nr.: {self.reference(n)}\n\n"
                f"Betreff: {title}\n\n{body}")

    def pdf(self, n: int, role: str) -> bytes:
        key = (n, self.papers[n].version, role)
        if key not in self._pdf_cache:
            self._pdf_cache[key] = pdfgen.core_font_pdf_bytes([self.file_text(n, role)])
        return self._pdf_cache[key]

    def file_obj(self, n: int, role: str) -> dict[str, Any]:
        fid = f"{n}-{role}"
        obj: dict[str, Any] = {
            "id": f"{self.base}/file/{fid}",
            "type": S + "File",
            "name": "Vorlage" if role == "main" else "Anlage",
            "fileName": f"vorlage_{n}.pdf" if role == "main" else f"anlage_{n}.pdf",
            "mimeType": "application/pdf",
            "accessUrl": f"{self.base}/files/{fid}.pdf",
            "downloadUrl": f"{self.base}/files/download/{fid}.pdf",
            "created": _iso(self.papers[n].created),
            "modified": _iso(self.papers[n].modified),
        }
        if role == "main" and n % 3 == 0:
            obj["text"] = self.file_text(n, role)
        if self.quirks and n == 7 and role == "main":
            obj["downloadUrl"] = f"{self.base}/files/missing/{fid}.pdf"
        return obj

    def paper(self, n: int) -> dict[str, Any]:
        p = self.papers[n]
        pid = f"{self.base}/paper/{n}"
        if p.deleted:
            return {"id": pid, "type": S + "Paper", "deleted": True, "modified": _iso(p.modified)}
        title, _ = self.title_text(n)
        meeting = n % N_MEETINGS + 1
        obj: dict[str, Any] = {
            "id": pid,
            "type": S + "Paper",
            "body": f"{self.base}/body/1",
            "name": title,
            "reference": self.reference(n),
            "date": (dt.date(2025, 1, 1) + dt.timedelta(days=n % 300)).isoformat(),
            "paperType": PAPER_TYPES[n % len(PAPER_TYPES)],
            "mainFile": self.file_obj(n, "main"),
            "consultation": [{
                "id": f"{self.base}/consultation/{n}",
                "type": S + "Consultation",
                "paper": pid,
                "agendaItem": f"{self.base}/agendaitem/{n}",
                "meeting": f"{self.base}/meeting/{meeting}",
                "organization": [f"{self.base}/organization/{1 + n % len(ORGS)}"],
                "authoritative": True,
                "role": "Beschlussfassung",
            }],
            "web": f"{self.base.replace('/oparl', '')}/vorgang/{n}",
            "created": _iso(p.created),
            "modified": _iso(p.modified),
        }
        if n % 7 == 0:
            obj["auxiliaryFile"] = [self.file_obj(n, "aux")]
        if self.quirks:
            if n == 5:
                obj.update(reference=None, paperType=None, consultation=None)
                obj.pop("date")
            if n == 29:
                c = obj["consultation"][0]
                c["organization"] = f"{self.base}/organization/2"
                c["type"] = "https://schema.oparl.org/1.0/Consultation"
            if n == 31:
                obj["consultation"][0]["meeting"] = f"{self.base}/meeting/999"
            if n == 33:
                obj["mainFile"] = None
                obj["auxiliaryFile"] = [self.file_obj(n, "aux")]
        return obj

    def agenda_item(self, n: int) -> dict[str, Any]:
        meeting = n % N_MEETINGS + 1
        item: dict[str, Any] = {
            "id": f"{self.base}/agendaitem/{n}",
            "type": S + "AgendaItem",
            "meeting": f"{self.base}/meeting/{meeting}",
            "number": str(n),
            "order": n,
            "name": self.title_text(n)[0],
            "public": True,
            "consultation": f"{self.base}/consultation/{n}",
            "result": RESULTS[(n + self.papers[n].version) % len(RESULTS)],
        }
        if n % 4 == 0:
            item["resolutionText"] = "Abstimmungsergebnis: 40 Ja-Stimmen, 10 Nein-Stimmen, 2 Enthaltungen."
        return item

    def meeting(self, m: int) -> dict[str, Any] | None:
        if not 1 <= m <= N_MEETINGS:
            return None
        start = dt.datetime(2025, 1, 15, 17, 0, tzinfo=dt.UTC) + dt.timedelta(days=14 * m)
        items = [self.agenda_item(n) for n, p in sorted(self.papers.items())
                 if n % N_MEETINGS + 1 == m and not p.deleted and not (self.quirks and n == 29)]
        org = 1 + m % len(ORGS)
        return {
            "id": f"{self.base}/meeting/{m}",
            "type": S + "Meeting",
            "name": f"{m}. Sitzung des {ORGS[org - 1][1]}",
            "start": start.isoformat(),
            "end": (start + dt.timedelta(hours=3)).isoformat(),
            "organization": [f"{self.base}/organization/{org}"],
            "agendaItem": items,
            "created": "2024-12-01T10:00:00+01:00",
            "modified": "2024-12-01T10:00:00+01:00",
        }

    def organization(self, o: int) -> dict[str, Any] | None:
        if not 1 <= o <= len(ORGS):
            return None
        _, name, short = ORGS[o - 1]
        return {"id": f"{self.base}/organization/{o}", "type": S + "Organization", "body": f"{self.base}/body/1",
                "name": name, "shortName": short, "organizationType": "Gremium", "classification": "Ausschuss",
                "created": "2020-01-01T00:00:00+01:00", "modified": "2020-01-01T00:00:00+01:00"}

    def system(self) -> dict[str, Any]:
        return {"id": f"{self.base}/", "type": S + "System", "oparlVersion": S, "body": f"{self.base}/bodies",
                "name": f"Ratsinformationssystem {self.name}", "website": "http://127.0.0.1/",
                "created": "2020-01-01T00:00:00+01:00", "modified": "2020-01-01T00:00:00+01:00"}

    def body(self) -> dict[str, Any]:
        return {
            "id": f"{self.base}/body/1", "type": S + "Body", "system": f"{self.base}/", "shortName": self.name,
            "name": f"Stadt {self.name}, kreisfreie Stadt", "ags": self.ags, "website": "http://127.0.0.1/",
            "organization": f"{self.base}/body/1/organizations", "person": f"{self.base}/body/1/people",
            "meeting": f"{self.base}/body/1/meetings", "paper": f"{self.base}/body/1/papers",
            "legislativeTerm": [], "created": "2020-01-01T00:00:00+01:00", "modified": "2020-01-01T00:00:00+01:00",
        }

    def paper_page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        def since(key: str) -> dt.datetime | None:
            v = query.get(key, [None])[0]
            return dt.datetime.fromisoformat(v) if v else None

        mod, cre = since("modified_since"), since("created_since")
        with self.lock:
            nums = [n for n, p in sorted(self.papers.items())
                    if (mod is None or p.modified >= mod) and (cre is None or p.created >= cre)]
            per = self.per_page
            if query.get("elementsPerPage"):
                per = max(1, min(per, int(query["elementsPerPage"][0])))
            page = int(query.get("page", ["1"])[0])
            chunk = nums[(page - 1) * per: page * per]
            data = [self.paper(n) for n in chunk]
        total_pages = max(1, -(-len(nums) // per))
        keep = "".join(f"&{k}={v[0]}" for k, v in sorted(query.items()) if k != "page").replace("+", "%2B")
        links: dict[str, str] = {"first": f"{self.base}/body/1/papers?page=1{keep}"}
        if page < total_pages:
            links["next"] = f"{self.base}/body/1/papers?page={page + 1}{keep}"
        return {"data": data, "pagination": {"totalElements": len(nums), "elementsPerPage": per,
                                             "currentPage": page, "totalPages": total_pages}, "links": links}

    def once(self, key: str) -> bool:
        """True the first time ``key`` is asked for."""
        with self.lock:
            if key in self._once:
                return False
            self._once.add(key)
            return True


def _handler(city: City) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stalls
        wbufsize = 1 << 16

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _json(self, obj: Any, ctype: str = "application/json") -> None:
            self._send(200, json.dumps(obj, ensure_ascii=False).encode("utf-8"), ctype)

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            city.requests[path] += 1
            city.user_agents.add(self.headers.get("User-Agent", ""))
            segs = [s for s in path.split("/") if s]
            if segs[:1] != ["oparl"]:
                return self._send(404, b"not found", "text/plain")
            segs = segs[1:]
            q = city.quirks
            if segs == []:
                return self._json(city.system())
            if segs == ["bodies"]:
                return self._json({"data": [city.body()], "pagination": {"totalElements": 1}, "links": {}})
            if segs == ["body", "1"]:
                return self._json(city.body())
            if segs == ["body", "1", "papers"]:
                page = query.get("page", ["1"])[0]
                if q and page == "2" and city.once(f"list-{page}-{parts.query}"):
                    return self._send(503, b"busy", "text/plain")
                return self._json(city.paper_page(query), "text/html; charset=utf-8" if q else "application/json")
            if segs == ["body", "1", "organizations"]:
                return self._json({"data": [city.organization(o) for o in range(1, len(ORGS) + 1)],
                                   "pagination": {}, "links": {}})
            if len(segs) == 2 and segs[1].isdigit():
                kind, num = segs[0], int(segs[1])
                obj: dict[str, Any] | None = None
                if kind == "paper" and num in city.papers:
                    obj = city.paper(num)
                elif kind == "meeting":
                    if q and num == 3 and city.slow_s and city.once("slow-meeting-3"):
                        time.sleep(city.slow_s)
                    obj = city.meeting(num)
                elif kind == "agendaitem" and num in city.papers:
                    obj = city.agenda_item(num)
                elif kind == "organization":
                    obj = city.organization(num)
                if obj is None:
                    return self._send(404, b'{"error": "not found"}', "application/json")
                return self._json(obj)
            if segs[0] == "files":
                name = segs[-1]
                if segs[1] == "missing" or not name.endswith(".pdf"):
                    return self._send(404, b"<html>Not found</html>", "text/html")
                num_s, _, role = name[:-4].partition("-")
                if not num_s.isdigit() or int(num_s) not in city.papers or role not in ("main", "aux"):
                    return self._send(404, b"<html>Not found</html>", "text/html")
                num = int(num_s)
                if city.papers[num].broken:
                    return self._send(404, b"<html>Not found</html>", "text/html")
                if q and num == 13:
                    return self._send(200, b"<html><body>Sitzung abgelaufen</body></html>", "text/html")
                if q and num == 20 and city.once(f"file-20-{segs[1]}"):
                    return self._send(500, b"<html>Internal Server Error</html>", "text/html")
                ctype = "application/octet-stream" if q and num == 17 else "application/pdf"
                return self._send(200, city.pdf(num, role), ctype)
            return self._send(404, b"not found", "text/plain")

    return Handler


@contextmanager
def serve(city: City) -> Iterator[str]:
    """Serve ``city`` on 127.0.0.1 (a free port); yields the System URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(city))
    server.daemon_threads = True
    city.base = f"http://127.0.0.1:{server.server_address[1]}/oparl"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield city.base + "/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
