"""Dashboard for journalists: headline figures and charts of the filtered published record."""

import streamlit as st

from pages._ui import call, csv_bytes, engine, filter_sidebar, lang, options, tabs_in_url
from pages._chart_download import chart_downloads
from pages._map import clickable_map
from ratsradar import charts
from ratsradar.i18n import format_int, t

lg = lang()
f = filter_sidebar()
st.title(t("app.title", lg))
st.caption(t("app.tagline", lg))

if options()["first_year"] is None:
    st.info(t("dash.empty_db", lg))
    st.stop()

d = call("ratsradar.aggregates", "dashboard", f)  # every figure of the page, aggregated in SQL, cached per filter
if d["synthetic"]:
    st.warning(t("dash.synthetic", lg), icon=":material/science:")
h = d["headline"]
if h["decisions"] == 0:
    st.info(t("dash.empty", lg))
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric(t("dash.decisions", lg), format_int(h["decisions"], lg))
c2.metric(t("dash.municipalities", lg), format_int(h["municipalities"], lg))
c3.metric(t("dash.measures", lg), format_int(h["measures"], lg))
years = str(h["first_year"]) if h["first_year"] == h["last_year"] else f"{h['first_year']}–{h['last_year']}"
c4.metric(t("dash.years", lg), years)
if h["reverses"]:
    st.caption(t("dash.reverses", lg, n=h["reverses"], total=h["measures"]))

# only the open tab is drawn (a tab change reruns the page): a filter change does not build the map's thousands
# of places or the timeline's points while the bar charts are shown
tab_measures, tab_heat, tab_map, tab_time = tabs_in_url(
    ("dash.tab.overview", "dash.tab.heatmap", "dash.tab.map", "dash.tab.timeline"), lg)
if tab_measures.open:
    with tab_measures:
        fig = charts.measures_by_year(d["measures_by_year"], lg)
        st.plotly_chart(fig, key="rr_chart_year")
        chart_downloads(fig, "measures-by-year", lg, key="rr_dl_year")
        fig = charts.measures_by_municipality(d["measures_top_places"], lg)
        st.plotly_chart(fig, key="rr_chart_muni")
        chart_downloads(fig, "measures-by-place", lg, key="rr_dl_muni")
if tab_heat.open:
    with tab_heat:
        heat = call("ratsradar.aggregates", "heatmap", f, places=d["heatmap_places"])
        fig = charts.heatmap(heat, lg)
        st.plotly_chart(fig, key="rr_chart_heat")
        chart_downloads(fig, "places-by-year", lg, key="rr_dl_heat")
if tab_map.open:
    with tab_map:
        # coloured by category or count; a click filters to the place
        clickable_map(call("ratsradar.aggregates", "map_points", f), f, lg)
if tab_time.open:
    with tab_time:
        timeline = call("ratsradar.aggregates", "timeline", f, places=d["timeline_places"],
                        total=d["timeline_total"])
        fig = charts.timeline(timeline, lg)
        st.plotly_chart(fig, key="rr_chart_time")
        chart_downloads(fig, "timeline", lg, key="rr_dl_time")
        if len(timeline) < timeline.attrs.get("total", 0):
            st.caption(t("dash.timeline_limited", lg, shown=format_int(len(timeline), lg),
                         total=format_int(timeline.attrs["total"], lg)))

st.caption(t("dash.trace", lg))
left, right = st.columns(2)


def _csv(eng=engine(), f=f) -> bytes:  # type: ignore[no-untyped-def]
    """The filtered decisions as CSV, made when the button is clicked (not on every run)."""
    from sqlmodel import Session

    from ratsradar import queries

    with Session(eng) as s:
        return csv_bytes(queries.decisions(session=s, f=f))


left.download_button(t("dash.download_csv", lg), _csv, file_name="ratsradar-decisions.csv",
                     mime="text/csv", key="rr_dash_csv")
if right.button(t("dash.to_decisions", lg), key="rr_dash_to_table"):
    st.switch_page("pages/decisions.py", query_params=st.query_params.to_dict() | {
        k: st.query_params.get_all(k) for k in st.query_params})
