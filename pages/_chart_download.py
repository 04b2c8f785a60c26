"""PNG and SVG downloads of a chart (made by kaleido only when a button is pressed), with a source line that
names Ratsradar, the link of the current view and the date."""

from __future__ import annotations

from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from pages._ui import base_url
from ratsradar import chart_export
from ratsradar.i18n import t


def _view_link() -> str:
    page = ""
    try:
        from urllib.parse import urlsplit

        page = urlsplit(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    except Exception:  # noqa: BLE001
        page = ""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    return f"{base_url()}/{page}" + (f"?{query}" if query else "")


def chart_downloads(fig: go.Figure, name: str, lang: str, *, key: str) -> None:
    if not chart_export.available():
        return
    link = _view_link()
    with st.popover(":material/download: " + t("chart.download", lang)):
        st.caption(t("chart.download_note", lang))
        for fmt, mime in chart_export.FORMATS.items():
            st.download_button(fmt.upper(), (lambda f=fmt: chart_export.to_image(fig, f, lang, link=link)),
                               file_name=f"ratsradar-{name}.{fmt}", mime=mime, key=f"{key}_{fmt}",
                               on_click="ignore")
