"""Place profiles and comparisons: one place's decisions over time, its measures by category and their
implementation status; two or more places side by side, absolute and per 100,000 inhabitants.

Aggregation happens in SQL over the published, relevant record (the same rules as ``queries``); the
``Filters`` of the sidebar apply, except the place filter itself (the places are chosen here).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import case, func, select
from sqlmodel import Session, col

from models import Decision, Measure, Municipality
from ratsradar import queries
from ratsradar.filters import Filters

PER = 100_000  # per-capita figures are per this many inhabitants


def per_100k(count: int | float, population: int | None) -> float | None:
    """``count`` per 100,000 inhabitants; ``None`` where the population is unknown or zero."""
    if not population or population <= 0:
        return None
    return round(count * PER / population, 2)


def places(*, session: Session) -> list[str]:
    """Names of the places that have at least one published, relevant decision, alphabetically."""
    return list(queries.filter_options(session=session)["municipalities"])


def _place_filters(f: Filters | None, name: str) -> Filters:
    return replace(f or Filters(), municipalities=(name,))


def place_info(*, session: Session, name: str) -> dict[str, Any] | None:
    """Name, level, state, country, population and coordinates of a place (the most populous row when the
    same name exists on several levels), or ``None``."""
    row = session.execute(
        select(Municipality).where(col(Municipality.name) == name)
        .order_by(col(Municipality.population).desc().nulls_last(), col(Municipality.id))).scalars().first()
    if row is None:
        return None
    return {"name": row.name, "level": row.level, "state": row.state, "country": row.country,
            "population": row.population, "ags": row.ags, "lat": row.latitude, "lon": row.longitude}


def measures_by_category(*, session: Session, f: Filters) -> pd.DataFrame:
    """Measures of the filtered decisions by category and direction."""
    stmt = (queries._base(col(Measure.category), col(Measure.direction), func.count(col(Measure.id)))
            .join(Measure, col(Measure.decision_id) == col(Decision.id))
            .where(*queries._conditions(f), *queries._measure_conds(f))
            .group_by(col(Measure.category), col(Measure.direction))
            .order_by(col(Measure.category), col(Measure.direction)))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["category", "direction", "measures"]).astype({"measures": "int64"})


def implementation_status(*, session: Session, f: Filters) -> pd.DataFrame:
    """The filtered decisions counted by implementation status (``unknown`` where none is recorded)."""
    status = func.coalesce(col(Decision.implementation_status), "unknown")
    stmt = (queries._base(status, func.count(col(Decision.id))).where(*queries._conditions(f))
            .group_by(status).order_by(status))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["status", "decisions"]).astype({"decisions": "int64"})


def profile(*, session: Session, name: str, f: Filters | None = None) -> dict[str, Any] | None:
    """Everything the profile of one place shows, or ``None`` when the place is unknown."""
    info = place_info(session=session, name=name)
    if info is None:
        return None
    pf = _place_filters(f, name)
    table = queries.decisions(session=session, f=pf)
    cats = measures_by_category(session=session, f=pf)
    total = int(cats["measures"].sum()) if not cats.empty else 0
    return {
        "info": info, "decisions": table, "measures_by_category": cats,
        "implementation": implementation_status(session=session, f=pf),
        "totals": {"decisions": len(table), "measures": total,
                   "decisions_per_100k": per_100k(len(table), info["population"]),
                   "measures_per_100k": per_100k(total, info["population"])},
    }


COMPARE_COLUMNS = ["municipality", "level", "state", "country", "population", "decisions", "measures",
                   "reverses", "first_year", "last_year", "decisions_per_100k", "measures_per_100k"]


def compare(*, session: Session, names: list[str] | tuple[str, ...], f: Filters | None = None) -> pd.DataFrame:
    """One row per place (in the given order): decisions, measures (and how many reverse), years, population
    and the per-100,000 figures. Places without matching decisions get zeros; unknown names are left out."""
    base = f or Filters()
    names = list(dict.fromkeys(names))
    rows = []
    for name in names:
        info = place_info(session=session, name=name)
        if info is None:
            continue
        pf = _place_filters(base, name)
        conds = queries._conditions(pf)
        n, first, last = session.execute(
            queries._base(func.count(col(Decision.id)), func.min(col(Decision.year)), func.max(col(Decision.year)))
            .where(*conds)).one()
        measures, reverses = session.execute(
            queries._base(func.count(col(Measure.id)),
                          func.coalesce(func.sum(case((col(Measure.direction) == "reverses", 1), else_=0)), 0))
            .join(Measure, col(Measure.decision_id) == col(Decision.id))
            .where(*conds, *queries._measure_conds(pf))).one()
        rows.append({"municipality": name, "level": info["level"], "state": info["state"],
                     "country": info["country"], "population": info["population"], "decisions": int(n),
                     "measures": int(measures), "reverses": int(reverses or 0), "first_year": first,
                     "last_year": last, "decisions_per_100k": per_100k(int(n), info["population"]),
                     "measures_per_100k": per_100k(int(measures), info["population"])})
    return pd.DataFrame.from_records(rows, columns=COMPARE_COLUMNS)


def compare_categories(*, session: Session, names: list[str] | tuple[str, ...],
                       f: Filters | None = None) -> pd.DataFrame:
    """Measures per place and category with the per-100,000 figure (long format, for grouped bars)."""
    base = f or Filters()
    frames = []
    for name in dict.fromkeys(names):
        info = place_info(session=session, name=name)
        if info is None:
            continue
        cats = measures_by_category(session=session, f=_place_filters(base, name))
        if cats.empty:
            continue
        agg = cats.groupby("category", as_index=False)["measures"].sum()
        agg.insert(0, "municipality", name)
        agg["per_100k"] = [per_100k(v, info["population"]) for v in agg["measures"]]
        frames.append(agg)
    if not frames:
        return pd.DataFrame(columns=["municipality", "category", "measures", "per_100k"])
    return pd.concat(frames, ignore_index=True)


def top_category_by_place(*, session: Session, f: Filters | None = None) -> pd.DataFrame:
    """For each place with measures: its most frequent measure category (ties: the taxonomy's order) and how
    many measures it has in it — the colour of the place on the map."""
    from ratsradar.vocab import taxonomy

    f = f or Filters()
    stmt = (queries._base(col(Municipality.name), col(Measure.category), func.count(col(Measure.id)))
            .join(Measure, col(Measure.decision_id) == col(Decision.id))
            .where(*queries._conditions(f), *queries._measure_conds(f))
            .group_by(col(Municipality.name), col(Measure.category)))
    rows = session.execute(stmt).all()
    order = {c: i for i, c in enumerate(taxonomy().ids)}
    best: dict[str, tuple[int, int, str]] = {}
    for name, cat, n in rows:
        key = (int(n), -order.get(cat, 99), cat)
        if name not in best or key > best[name]:
            best[name] = key
    return pd.DataFrame([(name, v[2], v[0]) for name, v in sorted(best.items())],
                        columns=["municipality", "category", "measures_in_category"])
