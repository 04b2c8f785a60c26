"""The dashboard's aggregates at scale: small results computed in SQL on covering indexes.

``ratsradar.queries`` returns full breakdowns (every place x year x category); with 100,000 decisions those are
tens of thousands of rows, and the decision table itself 100,000. The dashboard only draws the top places and
the totals by year, so here every function returns what its chart shows and no more:

- the place table is joined only when a filter needs it (place, state, level, text search);
- places are counted by ``municipality_id`` and named afterwards (a few rows);
- the timeline gets the newest ``TIMELINE_POINTS`` decisions of its top places, not every decision;
- ``dashboard`` computes all of the page's figures from two grouped scans (cached as one entry per filter state).

The filters and their meaning are exactly those of ``queries`` (its ``_conditions``), so figures agree.
Indexes used: ``ix_decision_published``, ``ix_decision_municipality_published``, ``ix_measure_decision_cover``
(``models/tables.py``); ``bench/bench_dashboard.py`` measures them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import exists, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models import Decision, Measure, Municipality
from ratsradar.filters import Filters
from ratsradar.queries import _conditions, _measure_conds

TOP_PLACES_MEASURES = 20  # charts.measures_by_municipality
TOP_PLACES_HEATMAP = 30  # charts.heatmap
TOP_PLACES_TIMELINE = 25  # charts.timeline
TIMELINE_POINTS = 2000


def _needs_place(f: Filters) -> bool:
    return bool(f.municipalities or f.states or f.levels or f.text.strip())


def _scoped(f: Filters, *columns: Any):  # type: ignore[no-untyped-def]
    """``select(columns)`` over the filtered published decisions (joined to their place only when needed).
    Like ``queries._base``'s inner join, decisions without a place are left out."""
    stmt = select(*columns).select_from(Decision)
    if _needs_place(f):
        stmt = stmt.join(Municipality, col(Decision.municipality_id) == col(Municipality.id))
    return stmt.where(*_conditions(f), col(Decision.municipality_id).is_not(None))


def _with_measures(stmt, f: Filters):  # type: ignore[no-untyped-def]
    return stmt.join(Measure, col(Measure.decision_id) == col(Decision.id)).where(*_measure_conds(f))


def _places(session: Session, ids: list[int]) -> dict[int, tuple]:
    """id -> (name, state, country, level, lat, lon) of the given places."""
    out: dict[int, tuple] = {}
    for i in range(0, len(ids), 900):
        for row in session.execute(select(
                col(Municipality.id), col(Municipality.name), col(Municipality.state), col(Municipality.country),
                col(Municipality.level), col(Municipality.latitude), col(Municipality.longitude))
                .where(col(Municipality.id).in_(ids[i:i + 900]))).all():
            out[row[0]] = tuple(row[1:])
    return out


def _top(totals: dict[int, int], places: dict[int, tuple], top: int) -> list[int]:
    """The ``top`` place ids by total, ties by name."""
    return [pid for pid, _ in sorted(totals.items(), key=lambda kv: (-kv[1], places[kv[0]][0]))[:top]]


def dashboard(*, session: Session, f: Filters) -> dict[str, Any]:
    """Everything the dashboard draws for a filter state, from two grouped scans (decisions by place and
    year; measures by place, year, category and direction) and one bounded list:

    - ``headline``: the figures of ``queries.headline``;
    - ``measures_by_year`` (year, category, measures): for ``charts.measures_by_year``;
    - ``measures_top_places`` (municipality, category, measures) of the places with the most measures;
    - ``heatmap`` (municipality, year, decisions) of the places with the most decisions;
    - ``map_points``: the table of ``queries.map_points``;
    - ``synthetic``: whether the database holds synthetic benchmark rows (``ratsradar seed-demo``);
    - ``timeline`` (date, municipality, outcome, reverses, title): the newest ``TIMELINE_POINTS`` dated
      decisions of the top places, ``attrs["total"]`` = how many decisions those places have with a year.
    """
    # decisions by place and year (place x year: a few thousand groups at most)
    by_place_year = session.execute(_scoped(f, col(Decision.municipality_id), col(Decision.year),
                                            func.count(col(Decision.id)))
                                    .group_by(col(Decision.municipality_id), col(Decision.year))).all()
    # measures by place, year, category and direction: the one pass over the measures
    measure_groups = session.execute(_with_measures(_scoped(
        f, col(Decision.municipality_id), col(Decision.year), col(Measure.category), col(Measure.direction),
        func.count(col(Measure.id))), f)
        .group_by(col(Decision.municipality_id), col(Decision.year), col(Measure.category),
                  col(Measure.direction))).all()
    by_year_cat: dict[tuple[int | None, str, str], int] = {}
    by_place_cat: dict[tuple[int, str, bool], int] = {}
    for m, y, c, d, n in measure_groups:
        by_year_cat[(y, c, d)] = by_year_cat.get((y, c, d), 0) + n
        by_place_cat[(m, c, y is None)] = by_place_cat.get((m, c, y is None), 0) + n

    places = _places(session, sorted({r[0] for r in by_place_year}))
    decisions = sum(n for _, _, n in by_place_year)
    years = [y for _, y, _ in by_place_year if y is not None]
    headline = {"decisions": decisions, "municipalities": len({m for m, _, _ in by_place_year}),
                "measures": sum(by_year_cat.values()),
                "reverses": sum(n for (_, _, d), n in by_year_cat.items() if d == "reverses"),
                "first_year": min(years) if years else None, "last_year": max(years) if years else None}

    mby: dict[tuple[int, str], int] = {}
    for (y, c, _), n in by_year_cat.items():
        if y is not None:
            mby[(y, c)] = mby.get((y, c), 0) + n
    measures_by_year = pd.DataFrame([(y, c, n) for (y, c), n in sorted(mby.items())],
                                    columns=["year", "category", "measures"]).astype({"year": "int64",
                                                                                      "measures": "int64"})
    with_year: dict[int, int] = {}
    all_measures: dict[int, int] = {}
    for (m, _, unknown_year), n in by_place_cat.items():
        all_measures[m] = all_measures.get(m, 0) + n
        if not unknown_year:
            with_year[m] = with_year.get(m, 0) + n
    top_m = set(_top(with_year, places, TOP_PLACES_MEASURES))
    measures_top = pd.DataFrame(sorted((places[m][0], c, n) for (m, c, unknown_year), n in by_place_cat.items()
                                       if m in top_m and not unknown_year),
                                columns=["municipality", "category", "measures"]).astype({"measures": "int64"})

    dec_with_year: dict[int, int] = {}
    dec_all: dict[int, int] = {}
    for m, y, n in by_place_year:
        dec_all[m] = dec_all.get(m, 0) + n
        if y is not None:
            dec_with_year[m] = dec_with_year.get(m, 0) + n
    top_h = set(_top(dec_with_year, places, TOP_PLACES_HEATMAP))
    heatmap = pd.DataFrame(sorted((places[m][0], y, n) for m, y, n in by_place_year if m in top_h and y is not None),
                           columns=["municipality", "year", "decisions"]).astype({"year": "int64",
                                                                                   "decisions": "int64"})
    map_points = pd.DataFrame(
        sorted(((*places[m][:4], places[m][4], places[m][5], dec_all[m], all_measures.get(m, 0))
                for m in dec_all if places[m][4] is not None), key=lambda r: r[0]),
        columns=["municipality", "state", "country", "level", "lat", "lon", "decisions", "measures"])
    synthetic = session.execute(select(exists().where(col(Decision.origin) == "synthetic"))).scalar()
    return {"synthetic": bool(synthetic), "headline": headline, "measures_by_year": measures_by_year, "measures_top_places": measures_top,
            "heatmap": heatmap, "map_points": map_points,
            "timeline": _timeline(session, f, _top(dec_with_year, places, TOP_PLACES_TIMELINE), places,
                                  sum(dec_with_year[m] for m in _top(dec_with_year, places, TOP_PLACES_TIMELINE)))}


def _timeline(session: Session, f: Filters, ids: list[int], places: dict[int, tuple], total: int) -> pd.DataFrame:
    columns = ["date", "municipality", "outcome", "reverses", "title"]
    if not ids:
        df = pd.DataFrame(columns=columns)
        df.attrs["total"] = 0
        return df
    reverses = exists().where(col(Measure.decision_id) == col(Decision.id),
                              col(Measure.direction) == "reverses").correlate(Decision)
    rows = session.execute(_scoped(f, col(Decision.decision_date), col(Decision.municipality_id),
                                   col(Decision.outcome), reverses, col(Decision.title))
                           .where(col(Decision.decision_date).is_not(None), col(Decision.municipality_id).in_(ids))
                           .order_by(col(Decision.decision_date).desc(), col(Decision.id).desc())
                           .limit(TIMELINE_POINTS)).all()
    df = pd.DataFrame([(d, places[m][0], o, bool(r), ti) for d, m, o, r, ti in rows], columns=columns)
    df.attrs["total"] = total
    return df


def filter_options(*, session: Session) -> dict[str, Any]:
    """The same as ``queries.filter_options`` (what the filter widgets offer), answered with index look-ups:
    each candidate value is kept when a published decision has it (``EXISTS`` stops at the first)."""
    pub = [col(Decision.review_status) == "published", col(Decision.relevant).is_(True),
           col(Decision.deleted_at).is_(None), col(Decision.municipality_id).is_not(None)]

    def published(*extra: ColumnElement[bool]):  # type: ignore[no-untyped-def]
        return exists().where(*pub, *extra)

    in_place = published(col(Decision.municipality_id) == col(Municipality.id)).correlate(Municipality)
    munis = session.execute(select(col(Municipality.name)).where(in_place).distinct()
                            .order_by(col(Municipality.name))).scalars().all()
    states = session.execute(select(col(Municipality.state)).where(in_place, col(Municipality.state).is_not(None))
                             .distinct().order_by(col(Municipality.state))).scalars().all()
    levels = session.execute(select(col(Municipality.level)).where(in_place).distinct()).scalars().all()
    first = session.execute(select(col(Decision.year)).where(*pub, col(Decision.year).is_not(None))
                            .order_by(col(Decision.year)).limit(1)).scalar()
    last = session.execute(select(col(Decision.year)).where(*pub, col(Decision.year).is_not(None))
                           .order_by(col(Decision.year).desc()).limit(1)).scalar()

    def present(column, values) -> list[str]:  # type: ignore[no-untyped-def]
        return sorted(v for v in values if v is not None and session.execute(select(published(column == v))).scalar())

    outcomes = present(col(Decision.outcome),
                       session.execute(select(col(Decision.outcome)).distinct()).scalars().all())
    doc_types = present(col(Decision.document_type),
                        session.execute(select(col(Decision.document_type)).distinct()).scalars().all())
    cats = sorted(c for c in session.execute(select(col(Measure.category)).distinct()).scalars().all()
                  if session.execute(select(exists().where(
                      col(Measure.category) == c, col(Measure.decision_id) == col(Decision.id), *pub))).scalar())
    return {"municipalities": list(munis), "states": list(states), "levels": sorted(levels),
            "first_year": first, "last_year": last,
            "outcomes": outcomes, "document_types": doc_types, "categories": cats}
