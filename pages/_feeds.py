"""Links to the Atom feeds of new decisions: all, and those of the places and categories in the filter."""

from __future__ import annotations

import streamlit as st

from pages._ui import base_url, md_escape
from ratsradar import feeds
from ratsradar.filters import Filters
from ratsradar.i18n import t
from ratsradar.vocab import category_label


def feed_links(f: Filters, lang: str) -> None:
    base = base_url()
    folder = feeds.feeds_dir()
    items = [(t("feed.all", lang), "all", None)]
    items += [(t("feed.place", lang, name=p), "place", p) for p in f.municipalities]
    items += [(t("feed.category", lang, name=category_label(c, lang)), "category", c) for c in f.categories]
    links = [f"[{md_escape(text)}]({base}{feeds.feed_url(kind, value)})" for text, kind, value in items
             if (folder / feeds.feed_name(kind, value)).exists()]
    if links:
        st.caption(":material/rss_feed: " + t("feed.intro", lang) + " " + " · ".join(links))
