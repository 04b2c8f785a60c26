"""Coverage: German cities with and without decisions by state (GeoNames list), and the coverage page."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models import session_scope
from ratsradar import charts, coverage
from tests.factories import small_record
from tests.test_app import app, db_file, texts  # noqa: F401  (db_file is a fixture)


def test_german_places_are_cities_not_districts():
    names = {n for n, _, _ in coverage.german_places()}
    assert {"Berlin", "Hamburg", "München", "Köln", "Dortmund", "Bremen", "Bremerhaven"} <= names
    assert not {"Kreuzberg", "Wilmersdorf", "Altona", "Munich"} & names
    big = [r for r in coverage.german_places() if r[2] >= 100_000]
    assert 70 <= len(big) <= 100
    assert all(state for _, state, _ in big)


@pytest.fixture()
def session(engine):
    with session_scope(engine) as s:
        small_record(s)
    with Session(engine) as s:
        yield s


def test_coverage_marks_places_with_decisions(session):
    df = coverage.coverage(session=session, min_population=100_000).set_index("name")
    assert df.loc["Dortmund", "decisions"] == 3 and df.loc["München", "decisions"] == 2
    assert df.loc["Berlin", "decisions"] == 1  # the city-state's own decision counts
    assert df.loc["Köln", "decisions"] == 0 and df.loc["Köln", "state"] == "Nordrhein-Westfalen"
    states = coverage.by_state(df.reset_index()).set_index("state")
    assert len(states) == 16
    assert states.loc["Bayern", "covered"] == 1 and states.loc["Bayern", "places"] >= 5
    assert states.loc["Saarland", "covered"] == 0
    fig = charts.coverage_by_state(states.reset_index(), "en")
    assert fig.layout.title.text.startswith("Cities with and without") and len(fig.data) == 2


def test_smaller_places_count_when_they_have_decisions(session):
    from tests.factories import decision, municipality
    import datetime as dt

    muni = municipality(session, "Schwäbisch Hall", state="Baden-Württemberg", population=41_000)
    decision(session, muni, dt.date(2024, 5, 5), ["strategy"], uid="SHA-1")
    session.flush()
    df = coverage.coverage(session=session, min_population=100_000).set_index("name")
    assert df.loc["Schwäbisch Hall", "decisions"] == 1
    df = coverage.coverage(session=session, min_population=20_000)
    assert (df["name"] == "Schwäbisch Hall").sum() == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_coverage_page(db_file, lang):
    at = app("pages/coverage.py", lang=lang)
    assert at.title[0].value == ("Welche Städte fehlen noch?" if lang == "de" else "Which cities are still missing?")
    assert ("Ihre Stadt fehlt?" if lang == "de" else "Your city is missing?") in texts(at)
    missing = at.dataframe[1].value
    assert "Köln" in set(missing.iloc[:, 0])
    at.selectbox(key="rr_cov_state").set_value("Bayern").run()
    assert not at.exception
    assert set(at.dataframe[1].value.iloc[:, 1]) == {"Bayern"}
    at.segmented_control(key="rr_cov_size").set_value(20_000).run()
    assert not at.exception and at.query_params["min"] in ("20000", ["20000"])
