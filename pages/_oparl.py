"""The OParl export button, shared by the decisions page and the OParl import page."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from pages._ui import base_url, engine
from ratsradar.i18n import t


def oparl_export_button(lang: str, *, key: str = "rr_oparl_export") -> None:
    """Download every published decision as an OParl 1.1 list (Paper with File and Consultation); the JSON is
    made only when the button is pressed."""
    eng, base = engine(), base_url()

    def build() -> bytes:
        from ratsradar.oparl.export import to_oparl_json

        with Session(eng) as s:
            return to_oparl_json(s, base_url=base).encode("utf-8")

    st.download_button(t("oparl.export.download", lang), build, file_name="ratsradar-oparl.json",
                       mime="application/json", key=key, icon=":material/data_object:",
                       help=t("oparl.export.intro", lang), on_click="ignore")
