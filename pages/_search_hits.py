"""Search hits on the decisions page: for a search text, each matching decision with a short excerpt in which
the search words are highlighted (text escaped first, then the hits marked)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui import call, md_escape
from ratsradar.filters import Filters
from ratsradar.i18n import format_date, t

MAX_HITS = 30
HIT_STYLE = "margin: -0.4rem 0 1rem 2rem; color: #444; font-size: 0.95rem"


def show_hits(table: pd.DataFrame, f: Filters, lang: str) -> None:
    if not f.text.strip() or table.empty:
        return
    top = table.head(MAX_HITS)
    found = call("ratsradar.search", "snippets", uids=tuple(top["uid"]), query=f.text)
    with st.expander(":material/search: " + t("search.hits", lang, n=len(table), q=f.text), expanded=True):
        for row in top.itertuples():
            st.page_link("pages/decisions.py", icon=":material/gavel:",
                         label=md_escape(f"{row.municipality} · {format_date(row.date, lang, row.date_precision)}"
                                         f" · {(row.title or '–')[:120]}"),
                         query_params={"id": row.uid, "lang": lang})
            excerpt = found.get(row.uid)
            # the excerpt is HTML-escaped by ratsradar.search.snippet; only its <mark> tags are markup
            # indented under its link, with room before the next hit, so that each excerpt reads as its decision's
            st.markdown(f"<div class='rr-hit' style='{HIT_STYLE}'>{excerpt}</div>" if excerpt
                        else t("search.no_excerpt", lang), unsafe_allow_html=bool(excerpt))
        if len(table) > MAX_HITS:
            st.caption(t("search.more", lang, n=len(table) - MAX_HITS))
