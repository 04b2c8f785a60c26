"""Evidence viewer on a decision's detail view: the PDF page with the evidence quote highlighted where it
stands (rendered by ``ratsradar.evidence_view``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from pages._ui import md_escape
from ratsradar import evidence_view
from ratsradar.i18n import t
from ratsradar.paths import runtime_dir
from ratsradar.vocab import category_label


@st.cache_data(max_entries=64, show_spinner=False)
def _png(path: str, mtime: float, page: int, quote: str) -> tuple[bytes, bool, int]:
    png, located = evidence_view.evidence_png(Path(path), page, quote)
    return png, located.exact, len(located.boxes)


def evidence_viewer(detail: dict[str, Any], lang: str) -> None:
    doc = detail.get("document")
    if not doc or not doc.stored_path:
        return
    path = runtime_dir() / doc.stored_path
    if not path.exists():
        return
    quotes: dict[tuple[int, str], list[str]] = {}
    for m in detail["measures"]:
        if m.page and m.evidence:
            quotes.setdefault((int(m.page), m.evidence), []).append(category_label(m.category, lang))
    if not quotes:
        return
    with st.expander(":material/find_in_page: " + t("ev.title", lang)):
        keys = list(quotes)
        key = keys[0] if len(keys) == 1 else st.selectbox(
            t("ev.pick", lang), keys, key="rr_ev_pick",
            format_func=lambda k: f"{t('dec.page', lang, page=k[0])} · {', '.join(quotes[k])} · {k[1][:70]}")
        page, quote = key
        try:
            png, exact, n = _png(str(path), path.stat().st_mtime, page, quote)
        except ValueError:
            st.warning(t("ev.no_page", lang, page=page))
            return
        except Exception:  # noqa: BLE001  (a damaged stored file: say so, keep the page running)
            st.warning(t("ev.unreadable", lang))
            return
        if n == 0:
            st.caption(t("ev.not_found", lang))
        elif not exact:
            st.caption(t("ev.partial", lang))
        st.markdown("> " + md_escape(quote))
        st.image(png, caption=t("ev.caption", lang, file=doc.file_name, page=page), width="stretch")
