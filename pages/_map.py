"""The dashboard's map: places coloured by their main measure category or by their number of decisions; a
click on a place filters the whole view to it (the filter goes into the URL like every other)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pages._ui import md_escape
from ratsradar import charts
from ratsradar.filters import PARAMS, Filters, to_query
from ratsradar.i18n import t

COLOUR_BY = ("category", "count")
UNPLACED_NAMED = 12  # the places without coordinates named under the map; more are shown as "…"


def _apply_place(f: Filters, name: str) -> None:
    new = replace(f, municipalities=(name,))
    q = to_query(new)
    for key in PARAMS.values():
        if key in q:
            st.query_params[key] = q[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state["rr_filters"] = new


def _clicked(event) -> str | None:  # type: ignore[no-untyped-def]
    try:
        selection = event["selection"] if isinstance(event, dict) else event.selection
        points = selection["points"] if isinstance(selection, dict) else selection.points
    except (AttributeError, KeyError, TypeError):
        return None
    for p in points or []:
        name = charts.place_of_point(p.get("customdata"))
        if name:
            return name
    return None


def clickable_map(points: pd.DataFrame, f: Filters, lang: str) -> None:
    colour_by = st.segmented_control(t("map.colour_by", lang), COLOUR_BY, key="rr_map_colour", default="category",
                                     format_func=lambda v: t(f"map.colour.{v}", lang)) or "category"
    fig = charts.decision_map_coloured(points, lang, colour_by=colour_by)  # points carry their main category
    def on_click() -> None:  # runs only when the selection changes (a new click), before the next run
        name = _clicked(st.session_state.get("rr_chart_map"))
        if name and f.municipalities != (name,):
            _apply_place(f, name)

    st.plotly_chart(fig, key="rr_chart_map", config={"topojsonURL": charts.TOPOJSON_URL},
                    on_select=on_click, selection_mode="points")
    unplaced = points.attrs.get("unplaced") or []
    if unplaced:  # the headline counts them; say which ones the map leaves out
        names = ", ".join(md_escape(n) for n in unplaced[:UNPLACED_NAMED]) + (
            " …" if len(unplaced) > UNPLACED_NAMED else "")
        st.caption(t("map.unplaced", lang, n=len(unplaced), total=len(unplaced) + len(points), names=names))
    st.caption(t("map.click", lang))
