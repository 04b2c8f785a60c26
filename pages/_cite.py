"""The "cite this" section of a decision's detail view: its permanent link, a text citation, CSL-JSON and
BibTeX, each with a copy button and a download."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages._ui import base_url
from ratsradar import citation
from ratsradar.i18n import t


def cited(detail: dict[str, Any]) -> citation.CitedDecision:
    dec, muni = detail["decision"], detail["municipality"]
    return citation.CitedDecision(
        uid=dec.uid, title=dec.title, municipality=muni.name if muni else None, body=dec.body,
        date=dec.decision_date, date_precision=dec.date_precision, reference=dec.reference,
        document_type=dec.document_type, country=muni.country if muni else None,
        sources=tuple(u for u in detail.get("sources", []) if u.startswith(("http://", "https://"))))


def cite_section(detail: dict[str, Any], lang: str) -> None:
    d = cited(detail)
    base = base_url()
    link = citation.permalink(d.uid, base, lang)
    st.markdown(f"**{t('cite.link', lang)}**")
    st.code(link, language=None)
    with st.expander(":material/format_quote: " + t("cite.title", lang)):
        st.caption(t("cite.intro", lang))
        csl = citation.csl_json_text(d, base_url=base, lang=lang)
        bib = citation.bibtex(d, base_url=base)
        tab_text, tab_csl, tab_bib = st.tabs([t("cite.text", lang), "CSL-JSON", "BibTeX"])
        tab_text.code(citation.text(d, lang, base_url=base), language=None, wrap_lines=True)
        tab_csl.code(csl, language="json")
        tab_bib.code(bib, language="latex")
        left, right = st.columns(2)
        key = citation.bib_key(d.uid)
        left.download_button(t("cite.download_csl", lang), csl.encode("utf-8"), file_name=f"{key}.json",
                             mime="application/vnd.citationstyles.csl+json", key="rr_cite_csl")
        right.download_button(t("cite.download_bib", lang), bib.encode("utf-8"), file_name=f"{key}.bib",
                              mime="application/x-bibtex", key="rr_cite_bib")
