"""Places: one place's profile (timeline, measures by category, implementation status, population, state),
or two and more places side by side, absolute and per 100,000 inhabitants. The choice lives in the URL."""

import pandas as pd
import streamlit as st

from pages._chart_download import chart_downloads
from pages._ui import call, csv_bytes, lang, md_escape
from ratsradar import charts
from ratsradar.i18n import format_date, format_int, format_number, t
from ratsradar.vocab import IMPLEMENTATION_STATUSES, LEVELS, OUTCOMES, category_label, label

lg = lang()
KEY = "rr_places"
st.title(t("places.title", lg))
st.caption(t("places.intro", lg))

available = call("ratsradar.profiles", "places")
if not available:
    st.info(t("places.none", lg))
    st.stop()

url_places = [p for p in st.query_params.get_all("place") if p]
if KEY not in st.session_state or url_places != st.session_state.get(f"{KEY}_written"):
    st.session_state[KEY] = [p for p in dict.fromkeys(url_places) if p in available]
for name in url_places:
    if name not in available:
        st.warning(t("places.unknown", lg, name=md_escape(name)))
chosen = st.multiselect(t("places.pick", lg), available, key=KEY, placeholder=t("filter.all", lg),
                        help=t("places.pick_help", lg))
st.query_params["place"] = chosen
st.session_state[f"{KEY}_written"] = list(chosen)


def _open_profile(name: str) -> None:
    # runs before the next script run: widget state, memory and URL agree on the one place
    st.session_state[KEY] = [name]
    st.session_state[f"{KEY}_written"] = [name]
    st.query_params["place"] = [name]


def _years(first, last) -> str:  # type: ignore[no-untyped-def]
    if first is None or pd.isna(first):
        return "–"
    return str(int(first)) if first == last else f"{int(first)}–{int(last)}"


def compare_table(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("places.col.municipality", lg): df["municipality"],
        t("places.col.level", lg): [label(LEVELS, v, lg) for v in df["level"]],
        t("places.col.state", lg): [s or c for s, c in zip(df["state"], df["country"], strict=True)],
        t("places.col.population", lg): [format_int(p, lg) if pd.notna(p) else "–" for p in df["population"]],
        t("places.col.decisions", lg): df["decisions"],
        t("places.col.measures", lg): df["measures"],
        t("places.col.reverses", lg): df["reverses"],
        t("places.col.years", lg): [_years(a, b) for a, b in zip(df["first_year"], df["last_year"], strict=True)],
        t("places.col.decisions_per_100k", lg): [format_number(v if pd.notna(v) else None, lg, 2)
                                                  for v in df["decisions_per_100k"]],
        t("places.col.measures_per_100k", lg): [format_number(v if pd.notna(v) else None, lg, 2)
                                                 for v in df["measures_per_100k"]],
    })


def show_profile(name: str) -> None:
    p = call("ratsradar.profiles", "profile", name=name)
    if p is None:
        st.warning(t("places.unknown", lg, name=md_escape(name)))
        return
    info, tot = p["info"], p["totals"]
    st.header(md_escape(name), anchor=False)
    where = [label(LEVELS, info["level"], lg), info["state"] or info["country"]]
    pop = (f"{format_int(info['population'], lg)} {t('places.population', lg)}" if info["population"]
           else t("places.population_unknown", lg))
    st.caption(" · ".join(md_escape(w) for w in where if w) + " · " + pop)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("dash.decisions", lg), format_int(tot["decisions"], lg))
    c2.metric(t("dash.measures", lg), format_int(tot["measures"], lg))
    c3.metric(t("places.decisions_per_100k", lg), format_number(tot["decisions_per_100k"], lg, 2))
    c4.metric(t("places.measures_per_100k", lg), format_number(tot["measures_per_100k"], lg, 2))
    table = p["decisions"]
    fig = charts.timeline(table, lg)
    st.plotly_chart(fig, key=f"rr_place_time_{name}")
    chart_downloads(fig, "timeline", lg, key="rr_dl_place_time")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.category_bars(p["measures_by_category"], lg), key=f"rr_place_cat_{name}")
    with right:
        st.markdown(f"#### {t('places.implementation', lg)}")
        impl = p["implementation"]
        st.dataframe(pd.DataFrame({
            t("places.col.status", lg): [label(IMPLEMENTATION_STATUSES, s, lg) for s in impl["status"]],
            t("places.col.decisions", lg): impl["decisions"]}), hide_index=True, width="stretch")
    st.markdown(f"#### {t('places.decision_list', lg)}")
    for row in table.itertuples():
        cats = ", ".join(category_label(c, lg) for c in row.categories.split(";") if c)
        st.page_link("pages/decisions.py", icon=":material/gavel:",
                     label=md_escape(f"{format_date(row.date, lg, row.date_precision)} – {(row.title or '–')[:110]} "
                                    f"({label(OUTCOMES, row.outcome, lg)}{'; ' + cats if cats else ''})"),
                     query_params={"id": row.uid, "lang": lg})


if not chosen:
    st.subheader(t("places.all", lg), anchor=False)
    everything = call("ratsradar.profiles", "compare", names=tuple(available))
    everything = everything.sort_values(["decisions", "measures"], ascending=False)
    st.dataframe(compare_table(everything), hide_index=True, width="stretch")
    st.download_button(t("places.download", lg), csv_bytes(everything), file_name="ratsradar-places.csv",
                       mime="text/csv", key="rr_places_csv_all")
elif len(chosen) == 1:
    show_profile(chosen[0])
else:
    st.subheader(t("places.compare", lg), anchor=False)
    comp = call("ratsradar.profiles", "compare", names=tuple(chosen))
    st.dataframe(compare_table(comp), hide_index=True, width="stretch")
    per_capita = st.toggle(t("places.per_capita", lg), key="rr_places_per_capita")
    cats = call("ratsradar.profiles", "compare_categories", names=tuple(chosen))
    fig = charts.compare_bars(cats, lg, per_capita=per_capita)
    st.plotly_chart(fig, key="rr_places_compare_chart")
    chart_downloads(fig, "comparison", lg, key="rr_dl_compare")
    if per_capita and comp["population"].isna().any():
        st.caption(t("places.per_capita_note", lg))
    st.download_button(t("places.download", lg), csv_bytes(comp), file_name="ratsradar-comparison.csv",
                       mime="text/csv", key="rr_places_csv")
    cols = st.columns(min(len(chosen), 4))
    for i, name in enumerate(chosen):
        row = comp[comp["municipality"] == name]
        if row.empty:
            continue
        r = row.iloc[0]
        with cols[i % len(cols)]:
            st.markdown(f"**{md_escape(name)}**")
            st.metric(t("dash.decisions", lg), format_int(int(r["decisions"]), lg))
            st.metric(t("places.measures_per_100k", lg),
                      format_number(r["measures_per_100k"] if pd.notna(r["measures_per_100k"]) else None, lg, 2))
            st.button(t("places.open_profile", lg), key=f"rr_places_open_{i}", on_click=_open_profile, args=(name,))
