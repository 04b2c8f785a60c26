"""AppTest: the moderators' OParl import page (both languages), its progress and summary, and the export button."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from models import Decision, make_engine
from ratsradar import auth
from ratsradar.bootstrap import prepare
from tests.oparl_fixture import City, serve

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "pages/oparl_import.py"


@pytest.fixture()
def db_file(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _account(db_url: str, role: str, scope: list[str] | None = None) -> int:
    engine = make_engine(db_url)
    prepare(engine)
    with Session(engine) as s:
        user = auth.create_user(s, f"{role}-1", role=role, actor=auth.SYSTEM, password="ein langes Passwort 1",
                                scope=scope)
        s.commit()
        return user.id


def _page(lang: str, user_id: int | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    if user_id is not None:
        at.session_state["rr_user_id"] = user_id
    at.run()
    assert not at.exception, at.exception
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.info] + [e.value for e in at.warning]
    parts += [e.value for e in at.success] + [e.value for e in at.error] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_import_page_is_for_moderators(db_file):
    """Visitors and contributors do not get the page in the navigation (the page checks the role again)."""
    for user_id in (None, _account(db_file, "contributor")):
        at = AppTest.from_file(APP, default_timeout=120)
        if user_id is not None:
            at.session_state["rr_user_id"] = user_id
        at.run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(PAGE)
    at = _page("de", _account(db_file, "admin"))
    assert at.title[0].value == "Aus dem Ratsinformationssystem importieren (OParl)"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_moderator_imports_a_city_with_progress_and_summary(db_file, lang):
    uid = _account(db_file, "moderator")
    city = City(n_papers=24, per_page=10, quirks=False)
    with serve(city) as url:
        at = _page(lang, uid)
        at.text_input(key="rr_oparl_url").set_value(url)
        at.number_input(key="rr_oparl_delay").set_value(0.0)
        at.button[0].click().run()
        assert not at.exception, at.exception
        summary = _texts(at)
        assert ("Import abgeschlossen: Köln (vollständig)" if lang == "de" else "Import finished: Köln (full)") in summary
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["neue Entwürfe" if lang == "de" else "new drafts"] == "2"
        assert metrics["gelesen" if lang == "de" else "read"] == "24"
        city.modify([10])
        at.text_input(key="rr_oparl_url").set_value(url)
        at.button[0].click().run()
        assert ("nur Änderungen seit" if lang == "de" else "changes since") in _texts(at)
        assert {m.label: m.value for m in at.metric}["Entwürfe aktualisiert" if lang == "de" else "drafts updated"] == "1"
    with Session(make_engine(db_file)) as s:
        decs = s.exec(select(Decision).where(Decision.origin == "import")).all()
        assert len(decs) == 2 and all(d.created_by == "moderator-1" for d in decs)


def test_bad_address_gets_a_clear_message_and_nothing_is_stored(db_file):
    uid = _account(db_file, "moderator")
    at = _page("en", uid)
    at.text_input(key="rr_oparl_url").set_value("ratsinfo.example.org")
    at.button[0].click().run()
    assert "Please give the address of the OParl system" in _texts(at)
    at.text_input(key="rr_oparl_url").set_value("http://127.0.0.1:9/oparl")
    at.button[0].click().run()
    assert not at.exception
    assert "The system cannot be reached" in _texts(at)


def test_oparl_export_button_on_the_decisions_page(db_file):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/decisions.py").run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Beschlüsse als OParl-JSON herunterladen" in labels
    from ratsradar.oparl.export import to_oparl_json

    with Session(make_engine(db_file)) as s:
        data = json.loads(to_oparl_json(s))
    assert len(data["data"]) >= 50  # the seed record


@pytest.mark.parametrize("scope", [["Bonn"], ["Köln"]])
def test_moderator_limited_to_other_cities_cannot_import_this_one(db_file, scope):
    """Regression: the page checked the role only, so a moderator limited to Bonn could bring in Köln's papers."""
    uid = _account(db_file, "moderator", scope=scope)
    with serve(City(n_papers=12, per_page=10, quirks=False)) as url:
        at = _page("en", uid)
        at.text_input(key="rr_oparl_url").set_value(url)
        at.number_input(key="rr_oparl_delay").set_value(0.0)
        at.button[0].click().run()
        assert not at.exception, at.exception
    with Session(make_engine(db_file)) as s:
        imported = s.exec(select(Decision).where(Decision.origin == "import")).all()
    if scope == ["Bonn"]:
        assert "Your account may only handle decisions of certain municipalities" in _texts(at)
        assert "Köln" in _texts(at) and imported == []
    else:
        assert "Import finished: Köln" in _texts(at) and imported
