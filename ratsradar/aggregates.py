"""The dashboard's aggregates at scale: small results computed in SQL on covering indexes.

``ratsradar.queries`` returns full breakdowns (every place x year x category); with 100,000 decisions those are
tens of thousands of rows, and the decision table itself 100,000. The dashboard only draws the top places and
the totals by year, so here every query returns about what its chart shows:

- measures are counted in ``measure_fact`` (each measure with its decision's filter columns, kept in step by
  database triggers, ``models/facts.py``): grouped scans of one covering index, no join of ~170,000 measures
  to their decisions;
- decisions are counted on the covering indexes of ``decision`` (``ix_decision_published`` and the ones led by
  place, outcome and document type), one row per place; they carry ``measure_count`` (kept by the same
  triggers), so the measures per place come with that pass; the place table is read only for the names of the
  places that can make a chart, or when a filter needs it (place, state, level);
- the statements of a view run side by side on connections of their own (``_started``; on SQLite their rows
  packed into one JSON text each, ``_packed``); a search runs once per view (``_text_hits``), without the words
  that every decision matches (``search.everywhere``);
- the heatmap and the timeline are read only when their tab is opened (``heatmap``, ``timeline``, for the top
  places that ``dashboard`` names); the timeline gets the newest ``TIMELINE_POINTS`` decisions of its top
  places, not every decision.

The filters and their meaning are exactly those of ``queries`` (its ``_conditions``), so figures agree
(``tests/test_scale.py`` compares them). ``bench/bench_dashboard.py`` measures them.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from sqlalchemy import (Boolean, Column, Integer, MetaData, Table, asc, case, desc, distinct, exists, func, insert,
                        select, text, true)
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models import Decision, Municipality
from models.tables import DECISION_MEASURE_COUNT, MeasureFact
from ratsradar import search
from ratsradar.filters import Filters
from ratsradar.queries import _conditions, place_conditions, value_conditions
from ratsradar.vocab import taxonomy

TOP_PLACES_MEASURES = 20  # charts.measures_by_municipality
TOP_PLACES_HEATMAP = 30  # charts.heatmap
TOP_PLACES_TIMELINE = 25  # charts.timeline
TIMELINE_POINTS = 1000  # a strip of more dots is no longer readable
TIMELINE_BY_PLACE = 5 * TIMELINE_POINTS  # up to this many decisions in the top places are read by place
FEW_HITS = 5000  # up to this many search hits, the aggregates look them up by id instead of scanning indexes
SMALL_SCOPE_PLACES = 500  # with a place filter of up to this many places, measures are counted per place and category
FEW_MISSES = 5000  # a search matching all but up to this many decisions is read as "all but these" (``_Hits``)


def _needs_place(f: Filters) -> bool:
    return bool(f.municipalities or f.states or f.levels)


def _scoped(f: Filters, *columns: Any, hits: Any = None,  # type: ignore[no-untyped-def]
            place_ids: list[int] | None = None, by_place: bool = False):
    """``select(columns)`` over the filtered published decisions (joined to their place only when needed).
    Like ``queries._base``'s inner join, decisions without a place are left out. With ``hits`` (the table of
    ``_text_hits``) the text filter is read from it instead of being searched again; with ``place_ids`` (the
    places that pass the place, state and level filters, ``_place_ids``) those filters are read from the list."""
    if hits is not None:
        f = replace(f, text="")
    if place_ids is not None:
        f = replace(f, municipalities=(), states=(), levels=())
    stmt = select(*columns).select_from(Decision)
    if _needs_place(f):
        stmt = stmt.join(Municipality, col(Decision.municipality_id) == col(Municipality.id))
    stmt = stmt.where(*_conditions(f), col(Decision.municipality_id).is_not(None))
    if place_ids is not None:
        stmt = stmt.where(col(Decision.municipality_id).in_(place_ids))
    if hits is not None and hits.few:  # look the hits up by id, not by scanning an index of every decision
        stmt = stmt.with_hint(Decision, "NOT INDEXED", "sqlite")
    elif place_ids:  # seek the places' entries (SQLite's planner, without statistics, would scan every decision)
        stmt = stmt.with_hint(Decision, "INDEXED BY ix_decision_municipality_published", "sqlite")
    elif f.text.strip():  # the search's hits drive: each is read by id (not every decision checked against them)
        stmt = stmt.with_hint(Decision, "NOT INDEXED", "sqlite")
    elif by_place and f.year_from is None and f.year_to is None and not f.outcomes and not f.document_types:
        stmt = stmt.with_hint(Decision, "INDEXED BY ix_decision_municipality_published", "sqlite")
    return stmt if hits is None else stmt.where(hits.where(col(Decision.id)))


def _facts(hits: Any, place_ids: list[int] | None, *columns: Any):  # type: ignore[no-untyped-def]
    """``select(columns)`` from ``measure_fact``: with few text hits their facts are found by decision id, with a
    list of places by place (as in ``_scoped``)."""
    stmt = select(*columns).select_from(MeasureFact)
    if hits is not None and hits.few:
        stmt = stmt.with_hint(MeasureFact, "INDEXED BY ix_fact_decision", "sqlite")
    elif place_ids:
        stmt = stmt.with_hint(MeasureFact, "INDEXED BY ix_fact_place", "sqlite")
    return stmt


# SQLite's ``INDEXED BY`` / ``NOT INDEXED`` follow a table in FROM. SQLAlchemy renders ``with_hint`` text there
# only for dialects whose compiler defines ``get_from_hint_text``; its SQLite compiler does not, so it gets the
# plain one (hints are rendered only where a statement asks for one with ``dialect_name="sqlite"``).
if "get_from_hint_text" not in SQLiteCompiler.__dict__:
    SQLiteCompiler.get_from_hint_text = lambda self, table, text: text  # type: ignore[method-assign]

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rr-aggregates")


def _packed(stmt: Any) -> Any:
    """``stmt`` as one row holding all its rows as one JSON array (SQLite's ``json_group_array``)."""
    rows = stmt.subquery()
    return select(func.json_group_array(func.json_array(*rows.c)))


def _fetch_all(session: Session, stmts: list[Any], parallel: bool) -> list[list[Any]]:
    """The rows of each statement (``None``: no rows). With ``parallel``, all but the first run at the same time
    on connections of their own (the database works on another core meanwhile), the first on the session's
    (``_started``)."""
    return _started(session, stmts, parallel, here=True)()


def _started(session: Session, stmts: list[Any], parallel: bool,
             here: bool = False) -> Callable[[], list[list[Any]]]:
    """The statements begun: with ``parallel`` they run on connections of their own from a pool of two threads
    while the caller goes on (with ``here``, the first one on the session's, before this returns); the returned
    function waits for the rows of each (``None``: no rows). Not side by side for an in-memory SQLite database
    (one shared connection) or a session bound to a connection: then they all run here, at once.

    In parallel, SQLite's rows come back packed into one JSON text per statement (``_packed``): Python's
    ``sqlite3`` gives up the interpreter lock for every row it steps to and takes it back for the row, so
    threads that each read a few thousand grouped rows wait on one another at every row (two such statements
    ran 1.2x as fast side by side as one after the other; packed, 1.7-1.9x). Packing costs about nothing;
    JSON keeps integers, floats, text and NULL, all these statements return."""
    bind = session.get_bind()
    shared = not isinstance(bind, Engine) or isinstance(bind.pool, StaticPool)
    todo = [(i, st) for i, st in enumerate(stmts) if st is not None]
    out: list[list[Any]] = [[] for _ in stmts]
    if not parallel or shared or (here and len(todo) < 2):
        for i, st in todo:
            out[i] = list(session.execute(st).all())
        return lambda: out
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        todo = [(i, _packed(st)) for i, st in todo]

    def rows(result: Any) -> list[Any]:
        return json.loads(result.scalar_one()) if sqlite else list(result.all())

    def run(st: Any) -> list[Any]:
        with Session(bind) as own:
            return rows(own.execute(st))

    futures = [(i, _POOL.submit(run, st)) for i, st in todo[1 if here else 0:]]
    if here:
        out[todo[0][0]] = rows(session.execute(todo[0][1]))

    def collect() -> list[list[Any]]:
        for i, fut in futures:
            out[i] = fut.result()
        return out

    return collect


def _place_ids(session: Session, f: Filters) -> list[int] | None:
    """The ids of the places that pass the place, state and level filters (None: no such filter). A short
    literal list lets the database seek by place instead of checking every decision's place."""
    conds = place_conditions(f)
    if not conds:
        return None
    return sorted(session.execute(select(col(Municipality.id)).where(*conds)).scalars().all())


class _IdsIn(ColumnElement[bool]):
    """``column IN (1, 2, …)`` (with ``negate``: ``NOT IN``) with the ids written into the statement: a few
    thousand bound parameters cost more to bind than the look-ups they drive. Only integers are written."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, column: Any, ids: tuple[int, ...], negate: bool = False) -> None:
        self.column = column
        self.ids = tuple(int(i) for i in ids)
        self.negate = negate

    def self_group(self, against: Any = None) -> ColumnElement[bool]:
        return self  # compiled in parentheses (a Boolean inside AND would become "(…) = 1" on SQLite)


@compiles(_IdsIn)
def _compile_ids_in(element: _IdsIn, compiler: Any, **kw: Any) -> str:
    if not element.ids:
        return "(1 = 1)" if element.negate else "(1 = 0)"
    op = "NOT IN" if element.negate else "IN"
    return f"({compiler.process(element.column, **kw)} {op} ({', '.join(map(str, element.ids))}))"


@dataclass(frozen=True)
class _Hits:
    """The published decisions that pass the filters and match the search text: up to ``FEW_HITS`` of them as
    ``ids`` (``few``), more as the temporary table ``table`` of their ids (on
    this session's connection), or, when the text matches all but a few of the decisions that pass the other
    filters, those few as ``misses``. Without a table the aggregates run each on a connection of its own, side
    by side."""

    table: Table | None
    misses: tuple[int, ...] | None = None
    ids: tuple[int, ...] | None = None

    @property
    def few(self) -> bool:
        """Up to ``FEW_HITS`` hits, given by id: the aggregates look them up by id."""
        return self.ids is not None

    def where(self, column: Any) -> ColumnElement[bool]:
        """``column`` (a decision id) is one of the hits."""
        if self.ids is not None:
            return _IdsIn(column, self.ids)
        if self.misses is None:
            return column.in_(select(self.table.c.id))  # type: ignore[union-attr]
        return _IdsIn(column, self.misses, negate=True) if self.misses else true()


def _text_hits(session: Session, f: Filters) -> _Hits:
    """The published decisions that pass the filters and match the search text (``_Hits``): the full-text
    search runs once, not in each of the dashboard's queries. When every word is in nearly every decision
    (``search.nearly_everywhere``), the few decisions it misses are looked for first (the search stops after
    ``FEW_MISSES`` + 1), which spares collecting the ids of (nearly) every decision."""
    scope = _scoped(replace(f, text=""), col(Decision.id))

    def few_misses(missed: ColumnElement[bool]) -> _Hits | None:
        """The decisions of the other filters' scope that the search misses, if at most ``FEW_MISSES``
        (the look-up stops after one more)."""
        ids = session.execute(scope.where(missed).limit(max(FEW_MISSES + 1, 0))).scalars().all()
        return _Hits(None, misses=tuple(sorted(ids))) if len(ids) <= FEW_MISSES else None

    tried = search.nearly_everywhere(session, f.text, FEW_MISSES)
    if tried and (found := few_misses(~search.matches(f.text))) is not None:
        return found
    hits = Table("rr_text_hits", MetaData(), Column("id", Integer, primary_key=True), prefixes=["TEMPORARY"])
    session.execute(text("DROP TABLE IF EXISTS rr_text_hits"))  # left by a failed run on this connection
    hits.create(session.connection())
    session.execute(insert(hits).from_select(["id"], _scoped(f, col(Decision.id))))
    n = session.execute(select(func.count()).select_from(hits)).scalar_one()
    # a common word: are the decisions it misses fewer?
    if n > FEW_HITS and not tried and (found := few_misses(col(Decision.id).not_in(select(hits.c.id)))) is not None:
        session.execute(text("DROP TABLE rr_text_hits"))
        return found
    if n <= FEW_HITS:  # few: their ids in the statements, which then need no table of this connection
        ids = tuple(session.execute(select(hits.c.id).order_by(hits.c.id)).scalars())
        session.execute(text("DROP TABLE rr_text_hits"))
        return _Hits(None, ids=ids)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE rr_text_hits"))  # the planner's estimate of the hits: read, not guessed
    return _Hits(hits)


def _fact_conditions(f: Filters, hits: Any = None, place_ids: list[int] | None = None) -> list[ColumnElement[bool]]:
    """The filters of ``queries._conditions`` + ``_measure_conds`` on ``measure_fact``: the measures (of the
    selected categories) of the visible decisions that pass the filters."""
    F = MeasureFact
    conds: list[ColumnElement[bool]] = [col(F.visible) == true(),
                                        *value_conditions(f, col(F.year), col(F.outcome), col(F.document_type))]
    if f.categories:
        conds.append(col(F.category).in_(f.categories))
    if place_ids is not None:
        conds.append(col(F.municipality_id).in_(place_ids))
    elif place_conditions(f):
        conds.append(col(F.municipality_id).in_(select(col(Municipality.id)).where(*place_conditions(f))))
    if hits is not None:
        conds.append(hits.where(col(F.decision_id)))
    elif f.text.strip():
        conds.append(col(F.decision_id).in_(select(col(Decision.id)).where(search.matches(f.text))))
    return conds


def _top(totals: dict[int, int], top: int) -> list[int]:
    """The place ids that can be among the ``top`` by total: those with at least the ``top``-th largest total
    (ties at that total are settled by name, ``_ranked``). A few dozen of thousands of places, found without
    sorting them all."""
    if len(totals) <= top:
        return list(totals)
    least = heapq.nlargest(top, totals.values())[-1]
    return [pid for pid, n in totals.items() if n >= least]


def _ranked(totals: dict[int, int], candidates: list[int], names: dict[int, str], top: int) -> list[int]:
    """The ``top`` of the ``candidates`` (``_top``) by total, ties by name."""
    return sorted(candidates, key=lambda pid: (-totals[pid], names[pid]))[:top]


def dashboard(*, session: Session, f: Filters) -> dict[str, Any]:
    """The figures of the dashboard's headline and first tab for a filter state. Every query returns about
    what its chart shows, in one pass along a covering index where it can:

    - measures (``measure_fact``): by year, category and direction (a few hundred rows); per place its measures
      with a year (one row per place); the categories of the ``TOP_PLACES_MEASURES`` places with the most;
    - decisions (covering indexes of ``decision``): per place its count and its count with a year (one row per
      place); the first and the last year (``_first_last``); the names of the places that can make a chart.

    Returned: ``headline`` (the figures of ``queries.headline``), ``measures_by_year`` (year, category,
    measures), ``measures_top_places`` (municipality, category, measures), ``synthetic`` (the database holds
    ``seed-demo`` rows), and for the other tabs, read only when opened: ``heatmap_places`` (ids of the
    ``TOP_PLACES_HEATMAP`` places with the most decisions with a year, for ``heatmap``), ``timeline_places`` and
    ``timeline_total`` (the ``TOP_PLACES_TIMELINE`` places and how many decisions with a year they have, for
    ``timeline``); the map's places come from ``map_points``.
    """
    with _filtered(session, f) as (view, hits, ids):
        return _dashboard(session, view, hits, ids)


def heatmap(*, session: Session, f: Filters, places: tuple[int, ...]) -> pd.DataFrame:
    """Decisions per place and year (municipality, year, decisions) of the ``places`` (``dashboard``'s
    ``heatmap_places``) under the filters; with a category filter, decisions with such a measure."""
    if not places:
        return pd.DataFrame({"municipality": pd.Series(dtype=object), "year": pd.Series(dtype="int64"),
                             "decisions": pd.Series(dtype="int64")})
    F = MeasureFact
    with _filtered(session, f) as (view, hits, place_ids):
        top = list(places)
        if view.categories:
            stmt = (_facts(hits, place_ids, col(F.municipality_id), col(F.year),
                           func.count(distinct(col(F.decision_id))))
                    .where(*_fact_conditions(view, hits, place_ids), col(F.municipality_id).in_(top),
                           col(F.year).is_not(None))
                    .group_by(col(F.municipality_id), col(F.year)))
        else:
            stmt = (_scoped(view, col(Decision.municipality_id), col(Decision.year), func.count(col(Decision.id)),
                            hits=hits, place_ids=place_ids)
                    .where(col(Decision.municipality_id).in_(top), col(Decision.year).is_not(None))
                    .group_by(col(Decision.municipality_id), col(Decision.year)))
        rows = session.execute(stmt).all()
        names = _names(session, top)
    return pd.DataFrame(sorted((names[m], y, n) for m, y, n in rows),
                        columns=["municipality", "year", "decisions"]).astype({"year": "int64", "decisions": "int64"})


def timeline(*, session: Session, f: Filters, places: tuple[int, ...], total: int) -> pd.DataFrame:
    """The timeline (date, municipality, outcome, reverses, title) of the ``places`` (``dashboard``'s
    ``timeline_places``; ``total``: their decisions with a year, ``timeline_total``): their newest
    ``TIMELINE_POINTS`` dated decisions under the filters, ``attrs["total"]`` = ``total``."""
    top = list(places)
    by_date = total > TIMELINE_BY_PLACE
    with _filtered(session, f) as (view, hits, place_ids):
        rows = session.execute(_timeline_stmt(view, top, by_date, hits, place_ids,
                                              _fact_conditions(view, hits, place_ids))).all() if top else []
        names = _names(session, top)
    return _timeline_frame(rows, names, total if top else 0, by_date)


def _names(session: Session, ids: list[int]) -> dict[int, str]:
    return dict(session.execute(select(col(Municipality.id), col(Municipality.name))
                                .where(col(Municipality.id).in_(ids))).all()) if ids else {}


@contextmanager
def _filtered(session: Session, f: Filters) -> Iterator[tuple[Filters, Any, list[int] | None]]:
    """The filter state without the search words that every decision matches (``search.everywhere``: they
    filter nothing), its search hits (``_text_hits``, dropped afterwards) and its place ids (``_place_ids``)."""
    ids = _place_ids(session, f)
    if f.text.strip() and (common := set(search.everywhere(session, f.text))):
        f = replace(f, text=" ".join(w for w in search.terms(f.text) if w not in common))
    if not f.text.strip():
        yield f, None, ids
        return
    hits = _text_hits(session, f)
    yield f, hits, ids
    if hits.table is not None:
        session.execute(text("DROP TABLE rr_text_hits"))


def _place_stmt(f: Filters, hits: Any, place_ids: list[int] | None,  # type: ignore[no-untyped-def]
                fconds: list[ColumnElement[bool]]):
    """Per place with a decision in the view (``_place_counts``): its id, decisions, name, state, country,
    level, latitude, longitude (one row per place, for the map)."""
    per_place = _place_counts(f, hits, place_ids, fconds).subquery()
    return select(per_place.c.m, per_place.c.n, col(Municipality.name), col(Municipality.state),
                  col(Municipality.country), col(Municipality.level), col(Municipality.latitude),
                  col(Municipality.longitude)).join(Municipality, col(Municipality.id) == per_place.c.m)


def _place_counts(f: Filters, hits: Any, place_ids: list[int] | None,  # type: ignore[no-untyped-def]
                  fconds: list[ColumnElement[bool]], measures: bool = False):
    """Per place with a decision in the view: its id, decisions, decisions with a year and (``measures``, not
    with a category filter) the measures of its decisions with a year (one row per place, no other column: the
    names are looked up for the few places that can make a chart, ``_names``). With a category filter only the
    decisions with such a measure count: they are counted among the facts, per place and year first."""
    F = MeasureFact
    if f.categories:
        inner = (_facts(hits, place_ids, col(F.municipality_id).label("m"), col(F.year).label("y"),
                        func.count(distinct(col(F.decision_id))).label("n"))
                 .where(*fconds).group_by(col(F.municipality_id), col(F.year)).subquery())
        return select(inner.c.m, func.sum(inner.c.n).label("n"),
                      func.sum(case((inner.c.y.is_not(None), inner.c.n), else_=0)).label("ny")).group_by(inner.c.m)
    # count(*) and count(year), and with ``measures`` the measures of the decisions with a year (their
    # ``measure_count``, kept by triggers): each further aggregate costs about as much as the count itself
    dated_measures = (func.sum(DECISION_MEASURE_COUNT) if f.year_from is not None or f.year_to is not None
                      else func.sum(case((col(Decision.year).is_not(None), DECISION_MEASURE_COUNT), else_=0)))
    extra = [dated_measures.label("measures")] if measures else []
    return _scoped(f, col(Decision.municipality_id).label("m"), func.count().label("n"),
                   func.count(col(Decision.year)).label("ny"), *extra, hits=hits, place_ids=place_ids,
                   by_place=True).group_by(col(Decision.municipality_id))


def _first_last(f: Filters, hits: Any, place_ids: list[int] | None,  # type: ignore[no-untyped-def]
                fconds: list[ColumnElement[bool]]):
    """The first and the last year of the decisions in the view (with a category filter: of their facts). In a
    large scope each is found by a walk along a year-ordered index that stops at the first match; the few
    decisions of a search or of a few places are read once for both."""
    F = MeasureFact
    year = col(F.year) if f.categories else col(Decision.year)

    def scope(*columns: Any):  # type: ignore[no-untyped-def]
        if f.categories:
            return _facts(hits, place_ids, *columns).where(*fconds, col(F.year).is_not(None))
        return _scoped(f, *columns, hits=hits, place_ids=place_ids).where(col(Decision.year).is_not(None))

    if (hits is not None and hits.few) or place_ids is not None:
        return scope(func.min(year), func.max(year))
    return select(*(scope(year).order_by(order(year)).limit(1).scalar_subquery() for order in (asc, desc)))


def _dashboard(session: Session, f: Filters, hits: Any, place_ids: list[int] | None) -> dict[str, Any]:
    F = MeasureFact
    fconds = _fact_conditions(f, hits, place_ids)
    year_stmt = (_facts(hits, place_ids, col(F.year), col(F.category), col(F.direction), func.count())
                 .where(*fconds).group_by(col(F.year), col(F.category), col(F.direction)))
    if f.categories and not (hits is not None and hits.few) and not place_ids:
        # the category's facts, not a walk along every fact in year order (which SQLite's planner prefers)
        year_stmt = year_stmt.with_hint(MeasureFact, "INDEXED BY ix_fact_category", "sqlite")
    # per place its measures with a year (for the places with the most): without a category filter, in a large
    # scope, counted with the decisions (their ``measure_count``); else among the facts, in a small scope (the
    # few hits of a search, a few places) per place and category, so the top places' categories need no
    # second look-up
    dated = func.count() if f.year_from is not None or f.year_to is not None else func.count(col(F.year))
    small = (hits is not None and hits.few) or (place_ids is not None and len(place_ids) <= SMALL_SCOPE_PLACES)
    counted = not f.categories and not small
    by_place = [col(F.municipality_id), *([col(F.category)] if small else [])]
    measure_stmt = None if counted else _facts(hits, place_ids, *by_place, dated).where(*fconds).group_by(*by_place)
    parallel = hits is None or hits.table is None  # a table of hits lives in this session's connection only
    place_rows, by_year_cat, place_measures, ends, synthetic = _fetch_all(session, [
        _place_counts(f, hits, place_ids, fconds, measures=counted), year_stmt, measure_stmt,
        _first_last(f, hits, place_ids, fconds), select(exists().where(col(Decision.origin) == "synthetic"))],
        parallel)
    dec_all = {r[0]: int(r[1]) for r in place_rows}
    dec_with_year = {r[0]: int(r[2]) for r in place_rows if r[2]}
    first_year, last_year = ends[0]

    with_year: dict[int, int] = {}
    for m, *_, n in (place_rows if counted else place_measures):
        if n and m in dec_all:
            with_year[m] = with_year.get(m, 0) + int(n)
    cand_m = _top(with_year, TOP_PLACES_MEASURES)
    cand_d = _top(dec_with_year, max(TOP_PLACES_HEATMAP, TOP_PLACES_TIMELINE))
    names = _names(session, sorted(set(cand_m) | set(cand_d)))
    top_m = _ranked(with_year, cand_m, names, TOP_PLACES_MEASURES)
    top_d = _ranked(dec_with_year, cand_d, names, max(TOP_PLACES_HEATMAP, TOP_PLACES_TIMELINE))
    top_h, top_t = top_d[:TOP_PLACES_HEATMAP], top_d[:TOP_PLACES_TIMELINE]

    def categories(ids: list[int]):  # type: ignore[no-untyped-def]
        return (_facts(hits, place_ids, col(F.municipality_id), col(F.category), func.count())
                .where(*fconds, col(F.year).is_not(None), col(F.municipality_id).in_(ids))
                .group_by(col(F.municipality_id), col(F.category))) if ids else None

    if small:
        top_set = set(top_m)
        top_rows = [(m, c, n) for m, c, n in place_measures if n and m in top_set]
    else:  # the top places' categories in two halves side by side (the largest places hold most of the facts)
        top_rows = [r for part in _fetch_all(session, [categories(top_m[0::2]), categories(top_m[1::2])], parallel)
                    for r in part]

    measures = sum(n for *_, n in by_year_cat)
    headline = {"decisions": sum(dec_all.values()), "municipalities": len(dec_all), "measures": measures,
                "reverses": sum(n for _, _, d, n in by_year_cat if d == "reverses"),
                "first_year": first_year, "last_year": last_year}
    mby: dict[tuple[int, str], int] = {}
    for y, c, _, n in by_year_cat:
        if y is not None:
            mby[(y, c)] = mby.get((y, c), 0) + n
    measures_by_year = pd.DataFrame([(y, c, n) for (y, c), n in sorted(mby.items())],
                                    columns=["year", "category", "measures"]).astype({"year": "int64",
                                                                                      "measures": "int64"})
    measures_top = pd.DataFrame(sorted((names[m], c, n) for m, c, n in top_rows),
                                columns=["municipality", "category", "measures"]).astype({"measures": "int64"})
    return {"synthetic": bool(synthetic[0][0]), "headline": headline, "measures_by_year": measures_by_year,
            "measures_top_places": measures_top, "heatmap_places": tuple(top_h), "timeline_places": tuple(top_t),
            "timeline_total": sum(dec_with_year[m] for m in top_t)}


def map_points(*, session: Session, f: Filters) -> pd.DataFrame:
    """The map's places: the table of ``queries.map_points`` (municipality, state, country, level, lat, lon,
    decisions, measures) plus ``category``, the place's main measure category (most measures; ties: taxonomy
    order, as ``profiles.top_category_by_place``). ``attrs["unplaced"]``: the names of the places in the view
    that the map cannot show (no coordinates: states, countries, the EU), sorted."""
    F = MeasureFact
    with _filtered(session, f) as (view, hits, place_ids):
        fconds = _fact_conditions(view, hits, place_ids)
        # per place: all measures and the main category, found in SQL: per place the largest
        # ``count * RANKS + (RANKS - 1 - rank)``, whose rest names the category; one row per place comes back
        ids = taxonomy().ids
        ranks = len(ids) + 1  # the last rank: a category outside the taxonomy
        rank = case(*((col(F.category) == c, i) for i, c in enumerate(ids)), else_=len(ids))
        grouped = (_facts(hits, place_ids, col(F.municipality_id).label("m"), func.count().label("n"),
                          rank.label("r"))
                   .where(*fconds).group_by(col(F.municipality_id), col(F.category)).subquery())
        measure_stmt = select(grouped.c.m, func.sum(grouped.c.n),
                              func.max(grouped.c.n * ranks + (ranks - 1 - grouped.c.r))).group_by(grouped.c.m)
        parallel = hits is None or hits.table is None
        place_rows, place_measures = _fetch_all(session, [_place_stmt(view, hits, place_ids, fconds), measure_stmt],
                                                parallel)
        places = {r[0]: tuple(r[2:]) for r in place_rows}
        all_measures: dict[int, int] = {}
        main_category: dict[int, str | None] = {}
        outside: list[int] = []
        for m, n, key in place_measures:
            if m not in places:
                continue
            all_measures[m] = int(n)
            r = ranks - 1 - int(key) % ranks
            if r < len(ids):
                main_category[m] = ids[r]
            else:
                outside.append(m)
        if outside:  # won by a category outside the taxonomy (not written by this version): ties by name
            best: dict[int, tuple[int, int, str]] = {}
            for m, c, n in session.execute(_facts(hits, place_ids, col(F.municipality_id), col(F.category),
                                                  func.count())
                                           .where(*fconds, col(F.municipality_id).in_(outside))
                                           .group_by(col(F.municipality_id), col(F.category))):
                key = (n, -ids.index(c) if c in ids else -len(ids), c)
                if m not in best or key > best[m]:
                    best[m] = key
            main_category.update({m: k[2] for m, k in best.items()})
    located = {m for m, p in places.items() if p[4] is not None}
    df = pd.DataFrame(
        sorted(((*places[m][:4], places[m][4], places[m][5], int(r[1]), all_measures.get(m, 0),
                 main_category.get(m)) for r in place_rows if (m := r[0]) in located), key=lambda row: row[0]),
        columns=["municipality", "state", "country", "level", "lat", "lon", "decisions", "measures", "category"])
    df.attrs["unplaced"] = sorted(p[0] for m, p in places.items() if m not in located)
    return df


def _timeline_stmt(f: Filters, ids: list[int], by_date: bool, hits: Any = None,  # type: ignore[no-untyped-def]
                   place_ids: list[int] | None = None, fconds: list[ColumnElement[bool]] | None = None):
    """The timeline's decisions of the places ``ids``: with ``by_date`` the newest ``TIMELINE_POINTS`` dated ones
    (a walk along the date index from the end), else all of them (read by place; ``_timeline_frame`` keeps the
    newest): a walk along the dates would pass every other place's decisions."""
    reverses = exists().where(col(MeasureFact.decision_id) == col(Decision.id),
                              col(MeasureFact.direction) == "reverses").correlate(Decision)
    stmt = (_scoped(f, col(Decision.decision_date), col(Decision.municipality_id), col(Decision.outcome), reverses,
                    col(Decision.title), col(Decision.id), hits=hits, place_ids=place_ids)
            .where(col(Decision.municipality_id).in_(ids)))
    if f.categories and fconds is not None:  # the candidates from the facts of these places, not a date walk
        stmt = stmt.where(col(Decision.id).in_(_facts(hits, place_ids, col(MeasureFact.decision_id)).where(
            *fconds, col(MeasureFact.municipality_id).in_(ids))))
    if not by_date:
        return stmt
    # a dated decision's year is its date's year: the year range as dates lets the walk start in range
    if f.year_from is not None:
        stmt = stmt.where(col(Decision.decision_date) >= dt.date(f.year_from, 1, 1))
    if f.year_to is not None:
        stmt = stmt.where(col(Decision.decision_date) < dt.date(f.year_to + 1, 1, 1))
    return (stmt.where(col(Decision.decision_date).is_not(None))
            .order_by(col(Decision.decision_date).desc(), col(Decision.id).desc()).limit(TIMELINE_POINTS))


def _timeline_frame(rows: list[Any], names: dict[int, str], total: int, by_date: bool) -> pd.DataFrame:
    """The timeline's rows (``_timeline_stmt``) as a table, newest first; ``attrs["total"]`` = how many dated
    decisions its places have."""
    if not by_date:
        rows = sorted((r for r in rows if r[0] is not None), key=lambda r: (r[0], r[5]),
                      reverse=True)[:TIMELINE_POINTS]
    df = pd.DataFrame([(d, names[m], o, bool(r), ti) for d, m, o, r, ti, _ in rows],
                      columns=["date", "municipality", "outcome", "reverses", "title"])
    df.attrs["total"] = total
    return df


def filter_options(*, session: Session) -> dict[str, Any]:
    """The same as ``queries.filter_options`` (what the filter widgets offer), answered from indexes: places
    by look-ups (``EXISTS`` stops at the first published decision), values grouped on covering indexes."""
    pub = [col(Decision.review_status) == "published", col(Decision.relevant).is_(True),
           col(Decision.deleted_at).is_(None), col(Decision.municipality_id).is_not(None)]

    def published(*extra: ColumnElement[bool]):  # type: ignore[no-untyped-def]
        return exists().where(*pub, *extra)

    in_place = published(col(Decision.municipality_id) == col(Municipality.id)).correlate(Municipality)
    # the places with a published decision, looked up once (a seek per place) on a connection of its own while
    # the other options are read here
    places_read = _started(session, [select(col(Municipality.name), col(Municipality.state), col(Municipality.level))
                                     .where(in_place).order_by(col(Municipality.name))], parallel=True)
    first = session.execute(select(col(Decision.year)).where(*pub, col(Decision.year).is_not(None))
                            .order_by(col(Decision.year)).limit(1)).scalar()
    last = session.execute(select(col(Decision.year)).where(*pub, col(Decision.year).is_not(None))
                           .order_by(col(Decision.year).desc()).limit(1)).scalar()

    def present(column, exists_where) -> list[str]:  # type: ignore[no-untyped-def]
        """The values of ``column`` for which ``exists_where(value)`` holds: the distinct values are walked
        by index seeks (``min(column) > previous``), each checked by an ``EXISTS`` seek: a few look-ups per
        value instead of a scan of every row."""
        out: list[str] = []
        previous = None
        while True:
            cond = [column.is_not(None)] if previous is None else [column > previous]
            value = session.execute(select(func.min(column)).where(*cond)).scalar()
            if value is None:
                return out
            if session.execute(select(exists_where(value))).scalar():
                out.append(value)
            previous = value

    outcomes = present(col(Decision.outcome), lambda v: published(col(Decision.outcome) == v))
    doc_types = present(col(Decision.document_type), lambda v: published(col(Decision.document_type) == v))
    cats = present(col(MeasureFact.category), lambda v: exists().where(col(MeasureFact.category) == v,
                                                                        col(MeasureFact.visible) == true()))
    places = places_read()[0]
    munis = list(dict.fromkeys(name for name, _, _ in places))
    # their states sorted by the database (its collation)
    found = {state for _, state, _ in places if state is not None}
    states = session.execute(select(col(Municipality.state)).where(col(Municipality.state).in_(found)).distinct()
                             .order_by(col(Municipality.state))).scalars().all() if found else []
    levels = {level for _, _, level in places}
    return {"municipalities": list(munis), "states": list(states), "levels": sorted(levels),
            "first_year": first, "last_year": last,
            "outcomes": outcomes, "document_types": doc_types, "categories": cats}
