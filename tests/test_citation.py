"""Citing a decision: text (de/en), CSL-JSON and BibTeX from the pure builder, and the section on the decision
detail (AppTest)."""

from __future__ import annotations

import datetime as dt
import json

from ratsradar import citation
from tests.test_app import app, db_file, texts  # noqa: F401  (db_file is a fixture)

DO = citation.CitedDecision(
    uid="DE-DO-2022-12-15", title="Einrichtung einer Koordinierungsstelle Digitale Souveränität und Open Source",
    municipality="Dortmund", body="Rat der Stadt", date=dt.date(2022, 12, 15), reference="25938-22",
    document_type="resolution", sources=("https://example.org/a",))
SEEN = dt.date(2026, 1, 5)


def test_text_citation_in_both_languages():
    de = citation.text(DO, "de", base_url="https://rr.example", accessed=SEEN)
    assert de == ("Dortmund, Rat der Stadt: „Einrichtung einer Koordinierungsstelle Digitale Souveränität und Open "
                  "Source“ (Beschluss, Drucksache 25938-22), 15.12.2022. In: Ratsradar, Beschluss DE-DO-2022-12-15. "
                  "https://rr.example/decisions?id=DE-DO-2022-12-15 (abgerufen am 05.01.2026).")
    en = citation.text(DO, "en", base_url="https://rr.example/", accessed=SEEN)
    assert "(Resolution, ref. 25938-22), 15 Dec 2022. In: Ratsradar, decision DE-DO-2022-12-15." in en
    assert en.endswith("(accessed 5 Jan 2026).")


def test_month_precision_and_missing_fields():
    d = citation.CitedDecision(uid="X 1", title=None, municipality=None, date=dt.date(2022, 12, 1),
                               date_precision="month")
    assert "Dezember 2022" in citation.text(d, "de", accessed=SEEN)
    item = citation.csl_json(d, accessed=SEEN)
    assert item["issued"] == {"date-parts": [[2022, 12]]}
    assert item["title"] == "X 1" and item["URL"].endswith("/decisions?id=X%201")
    assert "number" not in item and "authority" not in item


def test_csl_json_shape():
    items = json.loads(citation.csl_json_text(DO, base_url="https://rr.example", accessed=SEEN))
    assert len(items) == 1
    item = items[0]
    assert item["id"] == "DE-DO-2022-12-15" and item["type"] == "legislation"
    assert item["issued"] == {"date-parts": [[2022, 12, 15]]}
    assert item["accessed"] == {"date-parts": [[2026, 1, 5]]}
    assert item["author"] == [{"literal": "Dortmund, Rat der Stadt"}]
    assert item["number"] == "25938-22" and item["publisher"] == "Ratsradar"


def test_bibtex_entry_is_escaped_and_balanced():
    d = citation.CitedDecision(uid="Köln_2024/1", title="100% Open Source & {ODF} für #alle_", municipality="Köln",
                               date=dt.date(2024, 3, 7), reference="AN/0815")
    bib = citation.bibtex(d, base_url="https://rr.example", accessed=SEEN)
    assert bib.startswith("@misc{ratsradar-Koln_2024-1,\n")
    assert r"title = {100\% Open Source \& \{ODF\} für \#alle\_}" in bib
    assert "author = {{Köln}}" in bib and "date = {2024-03-07}" in bib and "urldate = {2026-01-05}" in bib
    assert bib.count("{") - bib.count(r"\{") == bib.count("}") - bib.count(r"\}")


def test_decision_detail_offers_citations(db_file):
    at = app("pages/decisions.py", lang="en", id="DE-DO-2022-12-15")
    codes = [c.value for c in at.code]
    assert any(c.startswith("http") and "/decisions?id=DE-DO-2022-12-15&lang=en" in c for c in codes)
    assert any("In: Ratsradar, decision DE-DO-2022-12-15." in c for c in codes)
    assert any(c.startswith("@misc{ratsradar-DE-DO-2022-12-15,") for c in codes)
    assert any(json.loads(c)[0]["id"] == "DE-DO-2022-12-15" for c in codes if c.startswith("["))
    assert "Cite this" in [e.label.split(" ", 1)[-1] for e in at.expander]
