"""Download buttons for the filtered decisions as JSON, Excel and a SQLite file (Datasette); the files are
made only when a button is pressed (deferred), from the same filters as the table."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from pages._ui import base_url, engine
from ratsradar import export_formats
from ratsradar.filters import Filters
from ratsradar.i18n import t


def _maker(kind: str, f: Filters, url: str) -> Callable[[], bytes]:
    eng = engine()

    def make() -> bytes:  # runs on its own thread when the button is pressed: no Streamlit calls here
        with Session(eng) as s:
            recs = export_formats.records(session=s, f=f)
        meta = export_formats.metadata(f, n=len(recs), base_url=url)
        if kind == "json":
            return export_formats.to_json(recs, meta).encode("utf-8")
        if kind == "xlsx":
            return export_formats.to_excel(recs, meta)
        return export_formats.to_sqlite_bytes(recs, meta)

    return make


def export_buttons(f: Filters, lang: str, *, key: str = "rr_exp") -> None:
    url = base_url()
    st.caption(t("export.note", lang))
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("export.json", lang), _maker("json", f, url), file_name="ratsradar-decisions.json",
                       mime="application/json", key=f"{key}_json", on_click="ignore")
    c2.download_button(t("export.xlsx", lang), _maker("xlsx", f, url), file_name="ratsradar-decisions.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", on_click="ignore")
    c3.download_button(t("export.sqlite", lang), _maker("sqlite", f, url), file_name="ratsradar-decisions.db",
                       mime="application/vnd.sqlite3", key=f"{key}_sqlite", on_click="ignore",
                       help=t("export.sqlite_help", lang))
