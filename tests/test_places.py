"""Place profiles and comparisons: SQL figures on SQLite and PostgreSQL, per-100k arithmetic, charts, and the
places page (AppTest) in both languages with its URL-bound choice."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models import session_scope
from ratsradar import charts, profiles
from ratsradar.filters import Filters
from tests.factories import small_record
from tests.test_app import APP, app, db_file, texts  # noqa: F401  (db_file is a fixture)


@pytest.fixture()
def session(engine):
    with session_scope(engine) as s:
        small_record(s)
    with Session(engine) as s:
        yield s


def test_per_100k():
    assert profiles.per_100k(3, 300_000) == 1.0
    assert profiles.per_100k(1, 3) == pytest.approx(33333.33)
    assert profiles.per_100k(5, None) is None
    assert profiles.per_100k(5, 0) is None


def test_profile_of_one_place(session):
    p = profiles.profile(session=session, name="Dortmund")
    assert p["info"]["population"] == 588_462 and p["info"]["state"] == "Nordrhein-Westfalen"
    assert set(p["decisions"]["uid"]) == {"DO-2021", "DO-2022", "DO-2022b"}  # no draft
    cats = p["measures_by_category"].groupby("category")["measures"].sum().to_dict()
    assert cats == {"strategy": 2, "public_code": 1, "coordination_office": 1, "cooperation": 1, "review": 1}
    assert p["totals"]["measures"] == 6
    assert p["totals"]["decisions_per_100k"] == round(3 * 100_000 / 588_462, 2)
    assert p["implementation"].to_dict("records") == [{"status": "unknown", "decisions": 3}]
    assert profiles.profile(session=session, name="Atlantis") is None


def test_profile_respects_other_filters_but_not_the_place_filter(session):
    p = profiles.profile(session=session, name="Dortmund", f=Filters(municipalities=("München",), year_from=2022))
    assert set(p["decisions"]["uid"]) == {"DO-2022", "DO-2022b"}


def test_compare_absolute_and_per_100k(session):
    df = profiles.compare(session=session, names=["München", "Dortmund", "Atlantis", "Dortmund"])
    assert list(df["municipality"]) == ["München", "Dortmund"]  # order kept, unknown and duplicate left out
    mu = df.set_index("municipality").loc["München"]
    assert (mu["decisions"], mu["measures"], mu["reverses"]) == (2, 2, 1)
    assert (mu["first_year"], mu["last_year"]) == (2017, 2024)
    assert mu["measures_per_100k"] == round(2 * 100_000 / 1_505_005, 2)
    long = profiles.compare_categories(session=session, names=["Dortmund", "Berlin"])
    be = long[long["municipality"] == "Berlin"].iloc[0]
    assert (be["category"], be["measures"]) == ("strategy", 1)
    assert be["per_100k"] == round(100_000 / 3_426_354, 2)


def test_compare_charts_absolute_and_per_capita(session):
    long = profiles.compare_categories(session=session, names=["Dortmund", "München"])
    fig = charts.compare_bars(long, "de")
    assert "Maßnahmen je Ort" in fig.layout.title.text
    assert sum(sum(tr.y) for tr in fig.data) == 8
    fig = charts.compare_bars(long, "en", per_capita=True)
    assert fig.layout.yaxis.title.text == "Measures per 100,000 inh."
    assert charts.category_bars(profiles.measures_by_category(session=session, f=Filters()), "en").data
    assert charts.compare_bars(long.iloc[0:0], "en").layout.annotations[0].text == "No data for this selection"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_places_page_lists_all_places(db_file, lang):
    at = app("pages/places.py", lang=lang)
    assert at.title[0].value == ("Orte im Profil und im Vergleich" if lang == "de" else "Places: profile and comparison")
    assert "Dortmund" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_places_page_profile_from_url(db_file):
    at = app("pages/places.py", lang="en", place="Dortmund")
    assert at.header[0].value == "Dortmund"
    assert "Westfalen" in texts(at) and "588,462 Inhabitants" in texts(at)
    assert any(m.label == "Decisions per 100,000 inh." for m in at.metric)
    assert at.get("plotly_chart")


def test_places_page_comparison_and_open_profile(db_file):
    at = app("pages/places.py", lang="de", place=["Dortmund", "München"])
    assert at.subheader[0].value == "Vergleich"
    assert list(at.dataframe[0].value["Ort"]) == ["Dortmund", "München"]
    at.toggle(key="rr_places_per_capita").set_value(True).run()
    assert not at.exception
    at.button(key="rr_places_open_1").click().run()
    assert not at.exception
    assert at.query_params["place"] == ["München"] or at.query_params["place"] == "München"
    assert at.header[0].value == "München"


def test_places_page_unknown_place_says_so(db_file):
    at = app("pages/places.py", lang="en", place="Atlantis")
    assert "Unknown place: Atlantis" in texts(at)
