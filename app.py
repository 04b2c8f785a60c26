"""Ratsradar: entry point and navigation only."""

import streamlit as st

from pages._ui import language_selector
from ratsradar.i18n import t

st.set_page_config(page_title="Ratsradar", page_icon=":material/account_balance:", layout="wide")
lang = language_selector()

pages = {
    t("nav.group.explore", lang): [
        st.Page("pages/dashboard.py", title=t("nav.dashboard", lang), icon=":material/bar_chart:", url_path="dashboard", default=True),
        st.Page("pages/decisions.py", title=t("nav.decisions", lang), icon=":material/gavel:", url_path="decisions"),
        st.Page("pages/places.py", title=t("nav.places", lang), icon=":material/location_city:", url_path="places"),
        st.Page("pages/about.py", title=t("nav.about", lang), icon=":material/info:", url_path="about"),
    ],
    t("nav.group.contribute", lang): [
        st.Page("pages/upload.py", title=t("nav.upload", lang), icon=":material/upload_file:", url_path="upload"),
        st.Page("pages/review.py", title=t("nav.review", lang), icon=":material/fact_check:", url_path="review"),
    ],
}
st.navigation(pages).run()
