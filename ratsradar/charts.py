"""Chart builders: pandas DataFrames from ``queries`` -> plotly Figures, labelled in the user's language.

Pure functions: no database, no Streamlit. Every chart carries a source line so a screenshot stays citable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ratsradar.i18n import t
from ratsradar.vocab import OUTCOMES, category_label, label, taxonomy

# One colour per category, stable across charts (colour-blind-safe palette, Okabe-Ito + Tableau extensions).
CATEGORY_COLOURS = {
    "coordination_office": "#0072B2", "strategy": "#E69F00", "public_code": "#009E73", "migration": "#D55E00",
    "open_standards": "#56B4E9", "procurement": "#CC79A7", "cooperation": "#F0E442", "infrastructure": "#6F4E7C",
    "funding": "#8C8C8C", "skills_community": "#1B9E77", "review": "#A6761D",
}
OUTCOME_COLOURS = {
    "adopted": "#009E73", "amended": "#56B4E9", "rejected": "#D55E00", "deferred": "#E69F00",
    "referred": "#CC79A7", "noted": "#8C8C8C", "withdrawn": "#6F4E7C", "unknown": "#BBBBBB",
    "implemented": "#0072B2", "announced": "#F0E442", "agreed": "#882255", "pending": "#A6761D",
}


def _colour(category: str) -> str:
    return CATEGORY_COLOURS.get(category, "#444444")


def _h(text: object) -> str:
    """User text inside plotly's HTML-like hover labels: escaped, so a title cannot inject tags or links."""
    import html

    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, title: str, lang: str, *, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"}, height=height, template="plotly_white",
        margin={"l": 10, "r": 10, "t": 60, "b": 95}, legend={"title": None},
        font={"family": "Source Sans Pro, DejaVu Sans, sans-serif", "size": 13},
    )
    # below the x-axis title whatever the chart's height: a fixed distance in pixels from the plot's bottom
    fig.add_annotation(text=t("chart.source", lang), xref="paper", yref="paper", x=0, y=0, yshift=-68,
                       showarrow=False, xanchor="left", yanchor="top", font={"size": 11, "color": "#666"})
    return fig


def _empty(title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("chart.empty", lang), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 15, "color": "#666"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, lang, height=260)


def _count_axis(title: str | None, peak: float) -> dict:
    """An axis of whole counts: ticks only at integers (with small counts plotly would put ticks at 0.5 steps,
    which an integer format shows as "0 1 1 2 2")."""
    return {"title": title, "tickformat": "d", "dtick": 1 if peak <= 8 else None, "rangemode": "tozero"}


def _category_order(df: pd.DataFrame) -> list[str]:
    present = set(df["category"])
    return [c for c in taxonomy().ids if c in present] + sorted(present - set(taxonomy().ids))


def measures_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars: measures per year, stacked by category."""
    title = t("chart.measures_by_year", lang)
    if df.empty:
        return _empty(title, lang)
    # one table year x category, then one trace per category built at once (plotly validates each
    # ``add_bar`` call on its own)
    grid = df.groupby(["year", "category"])["measures"].sum().unstack("category", fill_value=0)
    years = list(range(int(grid.index.min()), int(grid.index.max()) + 1))
    grid = grid.reindex(years, fill_value=0)
    fig = go.Figure(data=[
        go.Bar(x=years, y=grid[cat].tolist(), name=category_label(cat, lang), marker_color=_colour(cat),
               hovertemplate="%{x}: %{y}<extra>" + category_label(cat, lang) + "</extra>")
        for cat in _category_order(df)])
    peak = int(grid.sum(axis=1).max())
    fig.update_layout(barmode="stack", xaxis={"title": t("axis.year", lang), "dtick": 1 if len(years) <= 15 else 2},
                      yaxis=_count_axis(t("axis.measures", lang), peak))
    return _layout(fig, title, lang)


def measures_by_municipality(df: pd.DataFrame, lang: str, *, top: int = 20) -> go.Figure:
    """Horizontal stacked bars: the places with the most measures, stacked by category."""
    title = t("chart.measures_by_municipality", lang)
    if df.empty:
        return _empty(title, lang)
    grid = df.groupby(["municipality", "category"])["measures"].sum().unstack("category", fill_value=0)
    totals = grid.sum(axis=1)
    order = sorted(totals.index, key=lambda m: (-int(totals[m]), m))  # most measures first, ties by name
    if len(order) > top:
        title += " " + t("chart.top_n", lang, n=top, total=len(order))
    names = order[:top][::-1]  # largest on top
    grid = grid.reindex(names)
    fig = go.Figure(data=[
        go.Bar(y=names, x=grid[cat].tolist(), name=category_label(cat, lang), orientation="h",
               marker_color=_colour(cat), hovertemplate="%{y}: %{x}<extra>" + category_label(cat, lang) + "</extra>")
        for cat in _category_order(df)])
    fig.update_layout(barmode="stack", xaxis=_count_axis(t("axis.measures", lang), float(totals[names].max())),
                      yaxis={"title": None}, bargap=0.35)
    return _layout(fig, title, lang, height=max(300, 30 * len(names) + 170))


def heatmap(df: pd.DataFrame, lang: str, *, top: int = 30) -> go.Figure:
    """Municipality x year: how many decisions, with the number written in each cell."""
    title = t("chart.heatmap", lang)
    if df.empty:
        return _empty(title, lang)
    totals = df.groupby("municipality")["decisions"].sum().sort_values(ascending=False)
    if len(totals) > top:
        title += " " + t("chart.top_n", lang, n=top, total=len(totals))
    names = totals.head(top).index.tolist()[::-1]
    years = list(range(int(df["year"].min()), int(df["year"].max()) + 1))
    grid = (df[df["municipality"].isin(names)].pivot_table(index="municipality", columns="year", values="decisions",
                                                          aggfunc="sum", fill_value=0)
            .reindex(index=names, columns=years, fill_value=0))
    text = [[str(v) if v else "" for v in row] for row in grid.values.tolist()]
    fig = go.Figure(go.Heatmap(
        z=grid.values.tolist(), x=[str(y) for y in years], y=names, text=text, texttemplate="%{text}",
        colorscale=[[0, "#f7fbff"], [0.0001, "#c6dbef"], [1, "#08306b"]], showscale=False, xgap=1, ygap=1,
        hovertemplate="%{y}, %{x}: %{z}<extra></extra>",
    ))
    fig.update_layout(xaxis={"title": t("axis.year", lang), "type": "category"}, yaxis={"title": None})
    return _layout(fig, title, lang, height=max(320, 26 * len(names) + 150))


# plotly.js loads its base maps from this URL (the files are in static/topojson/, served by Streamlit);
# pass it as ``config={"topojsonURL": TOPOJSON_URL}`` when rendering the map.
TOPOJSON_URL = "/app/static/topojson/"


def _map_marks(df: pd.DataFrame, lang: str, label_top: int) -> dict[str, Any]:
    """The per-place arrays of a map trace (plotly takes them as they are): bubble sizes, labels (names of the
    ``label_top`` places with the most decisions only, so that dense regions stay readable), coordinates and
    ``customdata`` = (name, decisions, measures) per place, which one hover template shows: a map of thousands
    of places sends three short values per place instead of a hover text each. Names are escaped for plotly's
    HTML-like labels (``place_of_point`` reads them back)."""
    names = [_h(m) for m in df["municipality"]]
    named = set(df.sort_values(["decisions", "measures"], ascending=False)["municipality"].head(label_top))
    custom = np.empty((len(df), 3), dtype=object)
    custom[:, 0] = names
    custom[:, 1] = df["decisions"].astype(int).to_numpy()
    custom[:, 2] = df["measures"].astype(int).to_numpy()
    return {"lat": df["lat"].astype(float).round(4).to_numpy(), "lon": df["lon"].astype(float).round(4).to_numpy(),
            "size": ((df["decisions"].astype(float) ** 0.5) * 9 + 6).round(1).to_numpy(),
            "text": np.array([n if m in named else "" for n, m in zip(names, df["municipality"], strict=True)],
                             dtype=object),
            "customdata": custom,
            "hovertemplate": f"<b>%{{customdata[0]}}</b><br>{t('axis.decisions', lang)}: %{{customdata[1]}}"
                             f"<br>{t('axis.measures', lang)}: %{{customdata[2]}}<extra></extra>"}


def place_of_point(customdata: object) -> str | None:
    """The place name of a clicked map point (its ``customdata``, as ``_map_marks`` wrote it)."""
    import html

    value = customdata[0] if isinstance(customdata, (list, tuple)) and customdata else customdata
    return html.unescape(value) if isinstance(value, str) and value else None


def _map_frame(fig: go.Figure, df: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """The base map around the places of ``df``: Europe-wide unless a place lies outside Europe."""
    lat_lo, lat_hi = float(df["lat"].min()), float(df["lat"].max())
    lon_lo, lon_hi = float(df["lon"].min()), float(df["lon"].max())
    lat_pad = max(1.5, (lat_hi - lat_lo) * 0.15)
    lat_range = [lat_lo - lat_pad, lat_hi + lat_pad]
    lon_mid, lon_half = (lon_lo + lon_hi) / 2, max((lon_hi - lon_lo) / 2 + 2, (lat_range[1] - lat_range[0]) * 1.2)
    in_europe = bool(df["lat"].between(34, 72).all() and df["lon"].between(-25, 45).all())
    fig.update_geos(scope="europe" if in_europe else "world", resolution=50 if in_europe else 110,
                    showcountries=True, countrycolor="#999", showland=True, landcolor="#f3f3f3",
                    showocean=True, oceancolor="#eaf2fb", showlakes=False, projection_type="mercator",
                    lataxis_range=lat_range, lonaxis_range=[lon_mid - lon_half, lon_mid + lon_half])
    fig = _layout(fig, title, lang, height=560)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 50, "b": 40})
    return fig


def decision_map(df: pd.DataFrame, lang: str, *, label_top: int = 10) -> go.Figure:
    """Places with decisions; the bubble grows with the number of decisions. Europe-wide unless a place lies
    outside Europe."""
    title = t("chart.map", lang)
    if df.empty:
        return _empty(title, lang)
    m = _map_marks(df, lang, label_top)
    fig = go.Figure(go.Scattergeo(
        lat=m["lat"], lon=m["lon"], text=m["text"], customdata=m["customdata"], hovertemplate=m["hovertemplate"],
        mode="markers+text", textposition="top center", textfont={"size": 12, "color": "#222"},
        marker={"size": m["size"], "color": "#0072B2", "opacity": 0.75, "line": {"width": 1, "color": "white"}},
    ))
    return _map_frame(fig, df, title, lang)


def timeline(df: pd.DataFrame, lang: str, *, top: int = 25) -> go.Figure:
    """Each decision as a point on a time axis, one row per place, coloured by outcome."""
    title = t("chart.timeline", lang)
    data = df.dropna(subset=["date"]) if not df.empty else df
    if data.empty:
        return _empty(title, lang)
    counts = data["municipality"].value_counts()
    names = counts.head(top).index.tolist()
    data = data[data["municipality"].isin(names)]
    dates = pd.to_datetime(data["date"])
    places = data["municipality"].to_numpy(dtype=object)
    hover = np.array([f"<b>{_h(m)}</b> – {d:%d.%m.%Y}<br>{_h((ti or '')[:90])}"
                      for m, d, ti in zip(places, dates, data["title"], strict=True)], dtype=object)
    reverses = data["reverses"].to_numpy(dtype=bool)
    outcomes = data["outcome"].to_numpy(dtype=object)
    when = dates.to_numpy()
    traces = []
    for outcome in [o for o in OUTCOMES if o in set(outcomes)]:
        # decisions that reverse a free-software measure are drawn as crosses: a trace of their own per
        # outcome (one symbol each; an array of symbols is checked point by point), one legend entry
        of_outcome = outcomes == outcome
        for rev in (False, True):
            idx = of_outcome & (reverses == rev)
            if idx.any():
                traces.append(go.Scatter(
                    x=when[idx], y=places[idx], mode="markers", name=label(OUTCOMES, outcome, lang),
                    legendgroup=outcome, showlegend=not rev or not (of_outcome & ~reverses).any(),
                    marker={"size": 11, "color": OUTCOME_COLOURS.get(outcome, "#444"),
                            "line": {"width": 1, "color": "white"}, "symbol": "x" if rev else "circle"},
                    hovertext=hover[idx], hoverinfo="text"))
    fig = go.Figure(data=traces)
    first = dates.groupby(data["municipality"]).min()
    order = sorted(names, key=lambda n: first[n], reverse=True)
    fig.update_layout(xaxis={"title": t("axis.date", lang)},
                      yaxis={"title": None, "categoryorder": "array", "categoryarray": order})
    return _layout(fig, title, lang, height=max(320, 26 * len(names) + 150))


# --- place profiles and comparisons ------------------------------------------------------------------------

def category_bars(df: pd.DataFrame, lang: str, *, title: str | None = None) -> go.Figure:
    """Horizontal bars: measures by category (``profiles.measures_by_category``), reversals marked apart."""
    title = title or t("chart.place_categories", lang)
    if df.empty:
        return _empty(title, lang)
    agg = df.groupby("category", as_index=False)["measures"].sum()
    order = [c for c in _category_order(agg)][::-1]
    agg = agg.set_index("category").reindex(order)
    fig = go.Figure(go.Bar(
        y=[category_label(c, lang) for c in order], x=agg["measures"].tolist(), orientation="h",
        marker_color=[_colour(c) for c in order], text=agg["measures"].tolist(), textposition="auto",
        hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(xaxis=_count_axis(t("axis.measures", lang), float(agg["measures"].max())), yaxis={"title": None},
                      showlegend=False)
    return _layout(fig, title, lang, height=max(300, 30 * len(order) + 150))


def compare_bars(df: pd.DataFrame, lang: str, *, per_capita: bool = False) -> go.Figure:
    """Places side by side: measures by category (``profiles.compare_categories``), stacked per place;
    absolute or per 100,000 inhabitants (places without population are left out of the latter)."""
    title = t("chart.compare_per_100k" if per_capita else "chart.compare", lang)
    value = "per_100k" if per_capita else "measures"
    data = df.dropna(subset=[value]) if not df.empty else df
    if data.empty:
        return _empty(title, lang)
    names = list(dict.fromkeys(data["municipality"]))
    fig = go.Figure()
    for cat in _category_order(data):
        part = data[data["category"] == cat].set_index("municipality")[value].reindex(names, fill_value=0)
        fig.add_bar(x=names, y=part.tolist(), name=category_label(cat, lang), marker_color=_colour(cat),
                    hovertemplate="%{x}: %{y}<extra>" + category_label(cat, lang) + "</extra>")
    peak = float(data.groupby("municipality")[value].sum().max())
    fig.update_layout(barmode="stack", xaxis={"title": None, "type": "category"},
                      yaxis={"title": t("axis.measures_per_100k", lang)} if per_capita
                      else _count_axis(t("axis.measures", lang), peak))
    return _layout(fig, title, lang, height=460)


# --- coverage ------------------------------------------------------------------------------------------------

def coverage_by_state(df: pd.DataFrame, lang: str) -> go.Figure:
    """Per state (``coverage.by_state``): places with decisions and places without, stacked bars."""
    title = t("chart.coverage", lang)
    if df.empty or int(df["places"].sum()) == 0:
        return _empty(title, lang)
    data = df.sort_values(["places", "state"], ascending=[True, False])
    fig = go.Figure()
    fig.add_bar(y=data["state"].tolist(), x=data["covered"].tolist(), orientation="h", name=t("cov.with", lang),
                marker_color="#009E73", hovertemplate="%{y}: %{x}<extra>" + t("cov.with", lang) + "</extra>")
    fig.add_bar(y=data["state"].tolist(), x=(data["places"] - data["covered"]).tolist(), orientation="h",
                name=t("cov.without", lang), marker_color="#D9D9D9",
                hovertemplate="%{y}: %{x}<extra>" + t("cov.without", lang) + "</extra>")
    fig.update_layout(barmode="stack", xaxis=_count_axis(t("axis.places", lang), float(df["places"].max())),
                      yaxis={"title": None})
    return _layout(fig, title, lang, height=max(360, 26 * len(data) + 160))


# --- the map coloured by category or by count, clickable ----------------------------------------------------

def decision_map_coloured(df: pd.DataFrame, lang: str, *, colour_by: str = "category",
                          label_top: int = 10) -> go.Figure:
    """``decision_map`` with the places coloured by their most frequent measure category (``df`` has a
    ``category`` column, as ``aggregates.dashboard``'s map points or ``profiles.top_category_by_place``) or by
    their number of decisions (``colour_by="count"``). Each point carries its place name in ``customdata``
    (for click-to-filter: ``place_of_point``)."""
    title = t("chart.map", lang)
    if df.empty:
        return _empty(title, lang)
    m = _map_marks(df, lang, label_top)
    fig = go.Figure()
    common = {"mode": "markers+text", "textposition": "top center", "textfont": {"size": 12, "color": "#222"},
              "hovertemplate": m["hovertemplate"]}
    if colour_by == "count":
        fig.add_scattergeo(
            lat=m["lat"], lon=m["lon"], text=m["text"], customdata=m["customdata"], showlegend=False, **common,
            marker={"size": m["size"], "color": df["decisions"].to_numpy(), "colorscale": "Blues", "cmin": 0,
                    "opacity": 0.85, "line": {"width": 1, "color": "#555"},
                    "colorbar": {"title": {"text": t("axis.decisions", lang)}, "thickness": 12, "len": 0.6}})
        return _map_frame(fig, df, title, lang)
    cats = (df["category"].fillna("") if "category" in df else pd.Series([""] * len(df), index=df.index)).to_numpy()
    present = set(cats)
    traces = []
    for cat in [c for c in taxonomy().ids if c in present] + ([""] if "" in present else []):
        idx = cats == cat
        traces.append(go.Scattergeo(
            lat=m["lat"][idx], lon=m["lon"][idx], text=m["text"][idx], customdata=m["customdata"][idx],
            name=category_label(cat, lang) if cat else t("chart.map_no_measures", lang), **common,
            marker={"size": m["size"][idx], "color": _colour(cat) if cat else "#999999", "opacity": 0.85,
                    "line": {"width": 1, "color": "white"}}))
    fig.add_traces(traces)  # at once: plotly checks each added trace on its own
    fig = _map_frame(fig, df, title, lang)
    fig.update_layout(legend={"title": {"text": t("chart.map_colour_category", lang)}})
    return fig
