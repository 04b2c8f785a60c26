"""AppTest: every page runs in both languages, and the flows users take work end to end:
upload -> review -> correct -> publish -> dashboard and table; a shared link restores its filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from streamlit.testing.v1 import AppTest

from models import Decision, Document, make_engine
from ratsradar import aggregates, queries
from ratsradar.filters import Filters
from ratsradar.i18n import t
from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = ["pages/dashboard.py", "pages/decisions.py", "pages/about.py", "pages/upload.py", "pages/review.py"]

ERLANGEN_PROPOSAL = pdfgen.ERLANGEN_PROPOSAL


@pytest.fixture()
def db_file(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


PASSWORD = "correct-horse-battery"


def account(name: str, role: str = "moderator", scope: list[str] | None = None) -> None:
    """An account in the test's database (``DATABASE_URL``), made as the CLI makes it; kept if it exists."""
    import os

    from models import init_db, session_scope
    from ratsradar import auth

    eng = make_engine(os.environ["DATABASE_URL"])
    init_db(eng)
    with session_scope(eng) as s:
        if auth.get_user(s, name) is None:
            auth.create_user(s, name, role=role, actor=auth.SYSTEM, password=PASSWORD, scope=scope,
                             display_name=name.title())
    eng.dispose()


def login(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    """Log in with the sidebar's form, as a visitor does."""
    at.text_input(key="rr_login_user").set_value(name)
    at.text_input(key="rr_login_pw").set_value(password)
    at.button(key="rr_login_submit").click().run()
    assert not at.exception, at.exception
    return at


def app(page: str | None = None, *, user: str | None = None, role: str = "moderator",
        **params: str | list[str]) -> AppTest:
    """The app (optionally logged in as ``user`` with ``role``, created if missing), then ``page``."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    if user:
        account(user, role)
        login(at, user)
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.title]
    parts += [e.value for e in at.success] + [e.value for e in at.info] + [e.value for e in at.error]
    parts += [e.value for e in at.warning] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(db_file, page, lang):
    at = app(page, lang=lang)
    assert at.title, "every page has a title"
    if lang == "en":
        assert "Filter" not in [h.value for h in at.sidebar.header] or page not in ("pages/dashboard.py",)


def test_dashboard_shows_the_seed_record(db_file):
    at = app()
    with Session(make_engine(db_file)) as s:
        h = queries.headline(session=s, f=Filters())
    assert h["decisions"] >= 50  # the real seed decisions are loaded on first start
    assert metric(at, "Beschlüsse") == str(h["decisions"])
    assert shows(at, "chart.measures_by_year", "chart.measures_by_municipality")
    assert at.get("download_button")


def shows(at: AppTest, *titles: str, lang: str = "de") -> bool:
    """The page draws exactly the charts with these titles (i18n keys; a title may go on, e.g. "- the 20 of …")."""
    import json

    drawn = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    return len(drawn) == len(titles) and all(d.startswith(t(k, lang)) for d, k in zip(drawn, titles, strict=True))


def test_dashboard_draws_only_the_open_tab_and_keeps_it_through_a_filter_change(db_file):
    at = app()
    for tab, title in (("Orte × Jahre", "chart.heatmap"), ("Karte", "chart.map"), ("Zeitleiste", "chart.timeline"),
                       ("Maßnahmen", "chart.measures_by_year")):
        at.session_state["tab"] = tab
        at.run()
        assert not at.exception, at.exception
        assert shows(at, title, *(["chart.measures_by_municipality"] if tab == "Maßnahmen" else [])), tab
    at.session_state["tab"] = "Karte"
    at.run()
    at.multiselect(key="rr_f_city").set_value(["Dortmund"]).run()
    assert shows(at, "chart.map")
    assert at.session_state["tab"] == "Karte" and at.query_params["tab"] in ("Karte", ["Karte"])
    at.session_state["rr_language"] = "en"  # what the language switch sets: the open tab stays open
    at.run()
    assert not at.exception, at.exception
    assert shows(at, "chart.map", lang="en") and at.query_params["tab"] in ("Map", ["Map"])
    at.session_state["tab"] = "Measures"
    at.run()
    assert "tab" not in at.query_params  # the first tab needs no parameter


def test_shared_url_opens_its_tab(db_file):
    at = app(tab="Zeitleiste", city="Dortmund")
    assert shows(at, "chart.timeline")
    assert at.multiselect(key="rr_f_city").value == ["Dortmund"]
    en = app(lang="en", tab="Map")
    assert shows(en, "chart.map", lang="en")
    named_in_german = app(lang="en", tab="Karte")
    assert shows(named_in_german, "chart.map", lang="en")
    unknown = app(tab="nonsense")  # a stale or mistyped tab opens the first one
    assert shows(unknown, "chart.measures_by_year", "chart.measures_by_municipality")


def test_language_switch_translates_the_dashboard(db_file):
    at = app(lang="en")
    assert any(m.label == "Decisions" for m in at.metric)
    assert at.query_params["lang"] == "en" or at.query_params.get("lang") == ["en"]


def test_shared_url_restores_filters(db_file):
    at = app(city="Dortmund", **{"from": "2021"})
    assert at.multiselect(key="rr_f_city").value == ["Dortmund"]
    assert at.slider(key="rr_f_years").value[0] == 2021
    with Session(make_engine(db_file)) as s:
        n = queries.count_decisions(session=s, f=Filters(municipalities=("Dortmund",), year_from=2021))
    assert n >= 2
    assert metric(at, "Beschlüsse") == str(n)
    # the same state is written back to the URL
    assert at.query_params["city"] in ("Dortmund", ["Dortmund"])


def test_filter_change_updates_figures_and_url(db_file):
    at = app()
    before = int(metric(at, "Beschlüsse"))
    at.multiselect(key="rr_f_city").set_value(["München"]).run()
    after = int(metric(at, "Beschlüsse"))
    assert 0 < after < before
    assert at.query_params["city"] in ("München", ["München"])


def test_filters_matching_nothing_explain_what_to_do(db_file):
    at = app(q="kein-solcher-beschluss-xyz")
    assert "Keine veröffentlichten Beschlüsse passen" in texts(at)


def test_decision_link_shows_detail_with_sources(db_file):
    at = app("pages/decisions.py")
    at.query_params["id"] = "DE-DO-2022-12-15"
    at.run()
    assert not at.exception
    body = texts(at)
    assert "Koordinierungsstelle" in body
    assert "fsfe.org" in body


def _upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    at.file_uploader(key="rr_up_files").set_value([(n, b, "application/pdf") for n, b in files])
    at.button(key="rr_up_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_upload_review_correct_publish_then_dashboard(db_file):
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("erlangen-strategie.pdf", pdfgen.pdf_bytes(ERLANGEN_PROPOSAL))])
    assert "Entwurf angelegt" in texts(at)

    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    with Session(make_engine(db_file)) as s:
        dec = s.exec(select(Decision).where(Decision.review_status == "draft")).one()
    assert dec.relevant
    prefix = f"rr_rev_{dec.id}_"
    at.text_input(key=f"rr_rev_{dec.document_id}_muni").set_value("Erlangen")
    at.text_input(key=f"{prefix}title").set_value("Open-Source-Strategie (korrigiert)")
    next(b for b in at.button if b.label == "Veröffentlichen").click().run()
    assert not at.exception, at.exception
    assert "Veröffentlicht (Beschlüsse: 1)" in texts(at)

    with Session(make_engine(db_file)) as s:
        dec = s.get(Decision, dec.id)
        assert dec.review_status == "published"
        assert dec.title == "Open-Source-Strategie (korrigiert)"
        assert dec.reviewed_by == "pruefer"

    dash = app(city="Erlangen")
    assert metric(dash, "Beschlüsse") == "1"
    table = app("pages/decisions.py", city="Erlangen")
    df = table.dataframe[0].value
    assert list(df["title"]) == ["Open-Source-Strategie (korrigiert)"]


def test_upload_not_a_pdf_says_so_and_stores_nothing(db_file):
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("protokoll.pdf", b"Dies ist keine PDF-Datei, sondern Text.")])
    assert "Das ist keine PDF-Datei." in texts(at)
    assert "Es wurde nichts gespeichert." in texts(at)
    with Session(make_engine(db_file)) as s:
        assert s.exec(select(func.count()).select_from(Document)).one() == 0


def test_upload_not_a_pdf_in_english(db_file):
    at = app("pages/upload.py", user="pruefer", lang="en")
    _upload(at, [("minutes.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)])
    body = texts(at)
    assert "Nothing was stored." in body


def test_same_file_twice_is_recognised(db_file):
    data = pdfgen.pdf_bytes(ERLANGEN_PROPOSAL)
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("a.pdf", data)])
    _upload(at, [("copy-of-a.pdf", data)])
    assert "schon bekannt" in texts(at)
    with Session(make_engine(db_file)) as s:
        assert s.exec(select(func.count()).select_from(Document)).one() == 1


def test_several_files_at_once(db_file):
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("a.pdf", pdfgen.pdf_bytes(ERLANGEN_PROPOSAL)), ("b.pdf", pdfgen.pdf_bytes(pdfgen.MINUTES_DE)),
                 ("c.pdf", b"nope")])
    body = texts(at)
    assert "Fertig: 2 neu, 0 schon bekannt, 1 mit Fehler." in "\n".join(
        str(p.value) for p in at.get("progress")) or body.count("Entwurf angelegt") == 2


def test_discard_leaves_nothing(db_file):
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("a.pdf", pdfgen.pdf_bytes(ERLANGEN_PROPOSAL))])
    at.switch_page("pages/review.py").run()
    with Session(make_engine(db_file)) as s:
        doc = s.exec(select(Document)).one()
    at.checkbox(key=f"rr_rev_confirm_{doc.id}").check().run()
    at.button(key=f"rr_rev_discard_{doc.id}").click().run()
    assert not at.exception
    assert "nichts davon übrig" in texts(at)
    with Session(make_engine(db_file)) as s:
        assert s.exec(select(func.count()).select_from(Document)).one() == 0
        assert s.exec(select(func.count()).select_from(Decision).where(Decision.origin == "upload")).one() == 0


def test_publish_without_place_is_refused_and_saves_nothing(db_file):
    pages = ["""Beschlussvorlage
Betreff: Einführung von LibreOffice in der Verwaltung
Der Rat beschließt, LibreOffice als Standard-Büroprogramm einzuführen."""]
    at = app("pages/upload.py", user="pruefer")
    _upload(at, [("ohne-ort.pdf", pdfgen.pdf_bytes(pages))])
    at.switch_page("pages/review.py").run()
    with Session(make_engine(db_file)) as s:
        doc = s.exec(select(Document)).one()
    at.text_input(key=f"rr_rev_{doc.id}_muni").set_value("")
    next(b for b in at.button if b.label == "Veröffentlichen").click().run()
    assert not at.exception
    body = texts(at)
    assert "Bitte den Ort angeben" in body or "zum Thema" in body
    with Session(make_engine(db_file)) as s:
        assert s.exec(select(func.count()).select_from(Decision).where(Decision.review_status == "published",
                                                                        Decision.origin == "upload")).one() == 0


def test_map_names_the_places_it_cannot_show(db_file):
    """The headline counts states, countries and the EU among the places; the map has no point for them, so a
    caption under it says how many and which."""
    at = app(lang="en", tab="Map")
    with Session(make_engine(db_file)) as s:
        points = aggregates.map_points(session=s, f=Filters())
        places = queries.headline(session=s, f=Filters())["municipalities"]
    unplaced = points.attrs["unplaced"]
    assert unplaced and "Germany" in unplaced and len(points) + len(unplaced) == places
    caption = next(c.value for c in at.caption if c.value.startswith("Not on the map"))
    assert f"({len(unplaced)} of {places} places" in caption and "European Union" in caption
    dortmund = app(lang="de", tab="Karte", city="Dortmund")  # every place in view has coordinates: no caption
    assert shows(dortmund, "chart.map")
    assert not any(c.value.startswith("Nicht auf der Karte") for c in dortmund.caption)
