"""Ratsradar: entry point and navigation only."""

import streamlit as st

from pages._ui import language_selector, login_sidebar
from ratsradar.i18n import t

st.set_page_config(page_title="Ratsradar", page_icon=":material/account_balance:", layout="wide")
lang = language_selector()
user = login_sidebar()

pages = {
    t("nav.group.explore", lang): [
        st.Page("pages/dashboard.py", title=t("nav.dashboard", lang), icon=":material/bar_chart:", url_path="dashboard", default=True),
        st.Page("pages/decisions.py", title=t("nav.decisions", lang), icon=":material/gavel:", url_path="decisions"),
        st.Page("pages/places.py", title=t("nav.places", lang), icon=":material/location_city:", url_path="places"),
        st.Page("pages/coverage.py", title=t("nav.coverage", lang), icon=":material/map:", url_path="coverage"),
        st.Page("pages/about.py", title=t("nav.about", lang), icon=":material/info:", url_path="about"),
    ],
    t("nav.group.contribute", lang): [
        st.Page("pages/upload.py", title=t("nav.upload", lang), icon=":material/upload_file:", url_path="upload"),
        st.Page("pages/review.py", title=t("nav.review", lang), icon=":material/fact_check:", url_path="review"),
    ],
}
if user is not None and user.role in ("moderator", "admin"):  # the page checks the role again
    pages[t("nav.group.contribute", lang)].append(
        st.Page("pages/oparl_import.py", title=t("nav.oparl", lang), icon=":material/cloud_download:",
                url_path="oparl-import"))
if user is not None and user.role == "admin":  # the page checks the role again; every write checks it too
    pages[t("nav.group.contribute", lang)].append(
        st.Page("pages/admin.py", title=t("nav.admin", lang), icon=":material/admin_panel_settings:",
                url_path="admin"))
st.navigation(pages).run()
