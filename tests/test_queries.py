"""Queries on SQLite and PostgreSQL: aggregates over the published, relevant record and every filter."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models import session_scope
from ratsradar import queries
from ratsradar.filters import Filters
from tests.factories import small_record


@pytest.fixture()
def session(engine):
    with session_scope(engine) as s:
        small_record(s)
    with Session(engine) as s:
        yield s


def test_headline_counts_only_published_relevant(session):
    h = queries.headline(session=session, f=Filters())
    assert h == {"decisions": 6, "municipalities": 3, "measures": 9, "reverses": 1,
                 "first_year": 2017, "last_year": 2024}


@pytest.mark.parametrize(("f", "expected"), [
    (Filters(municipalities=("Dortmund",)), {"DO-2021", "DO-2022", "DO-2022b"}),
    (Filters(states=("Bayern",)), {"M-2017", "M-2024"}),
    (Filters(levels=("state",)), {"BE-2022"}),
    (Filters(year_from=2022, year_to=2022), {"DO-2022", "DO-2022b", "BE-2022"}),
    (Filters(categories=("coordination_office",)), {"DO-2022", "M-2024"}),
    (Filters(outcomes=("rejected", "noted")), {"BE-2022", "DO-2022b"}),
    (Filters(document_types=("motion",)), {"BE-2022"}),
    (Filters(text="Koordinierungsstelle"), {"DO-2022"}),
    (Filters(municipalities=("Dortmund",), categories=("strategy",), year_from=2022), {"DO-2022"}),
    (Filters(municipalities=("Nowhere",)), set()),
])
def test_decisions_filters(session, f, expected):
    df = queries.decisions(session=session, f=f)
    assert set(df["uid"]) == expected
    assert queries.count_decisions(session=session, f=f) == len(expected)


def test_decisions_table_columns_order_and_sources(session):
    df = queries.decisions(session=session, f=Filters())
    assert list(df.columns) == queries.DECISION_COLUMNS
    assert list(df["uid"])[:2] == ["M-2024", "DO-2022"]  # newest first
    row = df.set_index("uid").loc["DO-2021"]
    assert row["categories"] == "strategy;public_code"
    assert row["source"] == "https://example.org/do-2021"
    assert bool(df.set_index("uid").loc["M-2017"]["reverses"]) is True


def test_measures_by_municipality_year(session):
    df = queries.measures_by_municipality_year(session=session, f=Filters())
    assert df["measures"].sum() == 9
    do22 = df[(df["municipality"] == "Dortmund") & (df["year"] == 2022)]
    assert dict(zip(do22["category"], do22["measures"], strict=True)) == {
        "coordination_office": 1, "cooperation": 1, "strategy": 1, "review": 1}


def test_category_filter_counts_only_those_measures(session):
    df = queries.measures_by_municipality_year(session=session, f=Filters(categories=("strategy",)))
    assert set(df["category"]) == {"strategy"}
    assert df["measures"].sum() == 3
    h = queries.headline(session=session, f=Filters(categories=("strategy",)))
    assert (h["decisions"], h["measures"]) == (3, 3)


def test_heatmap_counts(session):
    df = queries.decisions_by_municipality_year(session=session, f=Filters())
    got = {(r.municipality, r.year): r.decisions for r in df.itertuples()}
    assert got == {("Berlin", 2022): 1, ("Dortmund", 2021): 1, ("Dortmund", 2022): 2, ("München", 2017): 1,
                   ("München", 2024): 1}


def test_map_points(session):
    df = queries.map_points(session=session, f=Filters()).set_index("municipality")
    assert df.loc["Dortmund", "decisions"] == 3
    assert df.loc["Dortmund", "measures"] == 6
    assert df.loc["München", "lat"] == pytest.approx(48.14)


def test_filter_options_only_published(session):
    opts = queries.filter_options(session=session)
    assert opts["municipalities"] == ["Berlin", "Dortmund", "München"]
    assert opts["first_year"] == 2017 and opts["last_year"] == 2024
    assert "draft" not in opts["outcomes"]
    assert set(opts["categories"]) == {"strategy", "public_code", "coordination_office", "cooperation", "review",
                                       "migration"}


def test_decision_detail(session):
    d = queries.decision_detail(session=session, uid="DO-2022")
    assert d is not None
    assert d["municipality"].name == "Dortmund"
    assert [m.category for m in d["measures"]] == ["coordination_office", "strategy", "cooperation"]
    assert queries.decision_detail(session=session, uid="nope") is None
