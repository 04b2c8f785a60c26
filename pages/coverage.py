"""Coverage: German cities by state with and without decisions, and a call to upload the missing ones."""

import pandas as pd
import streamlit as st

from pages._ui import call, lang, md_escape
from ratsradar import charts, coverage
from ratsradar.i18n import format_int, format_number, t

lg = lang()
st.title(t("cov.title", lg))
st.caption(t("cov.intro", lg))

sizes = list(coverage.SIZES)
url_size = st.query_params.get("min")
if "rr_cov_size" not in st.session_state:
    st.session_state["rr_cov_size"] = int(url_size) if url_size and url_size.isdigit() and int(url_size) in sizes \
        else sizes[0]
size = st.segmented_control(t("cov.size", lg), sizes, key="rr_cov_size", selection_mode="single",
                            format_func=lambda n: t("cov.size_fmt", lg, n=format_int(n, lg))) or sizes[0]
st.query_params["min"] = str(size)

df = call("ratsradar.coverage", "coverage", min_population=int(size))
states = coverage.by_state(df)
listed = df[df["population"].fillna(0) >= size]
c1, c2, c3 = st.columns(3)
c1.metric(t("cov.places", lg), format_int(len(listed), lg))
covered = int((listed["decisions"] > 0).sum())
c2.metric(t("cov.covered", lg), format_int(covered, lg))
c3.metric(t("cov.share", lg), format_number(100 * covered / len(listed) if len(listed) else 0, lg, 0) + " %")

st.info(t("cov.call", lg))
st.page_link("pages/upload.py", label=t("cov.upload", lg), icon=":material/upload_file:",
             query_params={"lang": lg})

st.plotly_chart(charts.coverage_by_state(states, lg), key="rr_cov_chart")
st.dataframe(pd.DataFrame({
    t("cov.col.state", lg): states["state"], t("cov.col.places", lg): states["places"],
    t("cov.col.covered", lg): states["covered"], t("cov.col.decisions", lg): states["decisions"],
    t("cov.col.share", lg): [format_number(100 * s, lg, 0) + " %" for s in states["share"]],
}), hide_index=True, width="stretch")

state = st.selectbox(t("cov.state", lg), [None, *states["state"]], key="rr_cov_state",
                     format_func=lambda s: t("cov.all_states", lg) if s is None else s)
part = df if state is None else df[df["state"] == state]


def _table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("cov.col.name", lg): rows["name"], t("cov.col.state", lg): rows["state"],
        t("cov.col.population", lg): [format_int(int(p), lg) if pd.notna(p) else "–" for p in rows["population"]],
        t("cov.col.decisions", lg): rows["decisions"],
    })


left, right = st.columns(2)
with left:
    missing = part[part["decisions"] == 0]
    st.subheader(f"{t('cov.missing', lg)} ({len(missing)})", anchor=False)
    if missing.empty:
        st.caption(t("cov.none_missing", lg))
    else:
        st.dataframe(_table(missing).iloc[:, :3], hide_index=True, width="stretch", key="rr_cov_missing")
with right:
    present = part[part["decisions"] > 0]
    st.subheader(f"{t('cov.present', lg)} ({len(present)})", anchor=False)
    for row in present.itertuples():
        st.page_link("pages/places.py", label=md_escape(f"{row.name} – {row.decisions}"),
                     icon=":material/location_city:", query_params={"place": row.name, "lang": lg})
