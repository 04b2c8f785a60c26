"""Dashboard for journalists: headline figures and charts of the filtered published record."""

import streamlit as st

from pages._ui import csv_bytes, filter_sidebar, lang, options, query
from ratsradar import charts
from ratsradar.i18n import format_int, t

lg = lang()
f = filter_sidebar()
st.title(t("app.title", lg))
st.caption(t("app.tagline", lg))

if options()["first_year"] is None:
    st.info(t("dash.empty_db", lg))
    st.stop()

h = query("headline", f)
if h["decisions"] == 0:
    st.info(t("dash.empty", lg))
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric(t("dash.decisions", lg), format_int(h["decisions"], lg))
c2.metric(t("dash.municipalities", lg), format_int(h["municipalities"], lg))
c3.metric(t("dash.measures", lg), format_int(h["measures"], lg),
          help=t("dash.reverses", lg, n=h["reverses"]))
years = str(h["first_year"]) if h["first_year"] == h["last_year"] else f"{h['first_year']}–{h['last_year']}"
c4.metric(t("dash.years", lg), years)
if h["reverses"]:
    st.caption(t("dash.reverses", lg, n=h["reverses"]))

tab_measures, tab_heat, tab_map, tab_time = st.tabs(
    [t("dash.tab.overview", lg), t("dash.tab.heatmap", lg), t("dash.tab.map", lg), t("dash.tab.timeline", lg)])
measures = query("measures_by_municipality_year", f)
with tab_measures:
    st.plotly_chart(charts.measures_by_year(measures, lg), key="rr_chart_year")
    st.plotly_chart(charts.measures_by_municipality(measures, lg), key="rr_chart_muni")
with tab_heat:
    st.plotly_chart(charts.heatmap(query("decisions_by_municipality_year", f), lg), key="rr_chart_heat")
with tab_map:
    st.plotly_chart(charts.decision_map(query("map_points", f), lg), key="rr_chart_map",
                    config={"topojsonURL": charts.TOPOJSON_URL})
table = query("decisions", f)
with tab_time:
    st.plotly_chart(charts.timeline(table, lg), key="rr_chart_time")

st.caption(t("dash.trace", lg))
left, right = st.columns(2)
left.download_button(t("dash.download_csv", lg), csv_bytes(table), file_name="ratsradar-decisions.csv",
                     mime="text/csv", key="rr_dash_csv")
if right.button(t("dash.to_decisions", lg), key="rr_dash_to_table"):
    st.switch_page("pages/decisions.py", query_params=st.query_params.to_dict() | {
        k: st.query_params.get_all(k) for k in st.query_params})
