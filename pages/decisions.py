"""Decisions for coordinators: the filtered, searchable table and a detail view with all evidence."""

import streamlit as st
from sqlmodel import Session

from pages._cite import cite_section
from pages._evidence import evidence_viewer
from pages._tracking import tracking_section
from pages._exports import export_buttons
from pages._feeds import feed_links
from pages._oparl import oparl_export_button
from pages._search_hits import show_hits
from pages._moderation import flash as moderation_flash
from pages._moderation import history_section, moderation_section
from pages._ui import csv_bytes, engine, filter_sidebar, kv_block, lang, md_escape, query
from ratsradar import queries
from ratsradar.i18n import format_date, t
from ratsradar.paths import runtime_dir
from ratsradar.vocab import DIRECTIONS, DOCUMENT_TYPES, LEVELS, OUTCOMES, REVIEW_STATUSES, category_label, label

lg = lang()


def show_detail(uid: str) -> None:
    with Session(engine()) as s:
        d = queries.decision_detail(session=s, uid=uid)
    if d is None or d["decision"].review_status != "published":
        st.warning(t("dec.not_found", lg, uid=md_escape(uid)))
        return
    dec, muni, doc = d["decision"], d["municipality"], d["document"]
    st.subheader(md_escape(dec.title) or "–", anchor=False)
    cite_section(d, lg)
    if dec.title_is_placeholder:
        st.caption("ⓘ " + t("dec.prov.placeholder_title", lg))
    votes = "–"
    if dec.votes_yes is not None:
        votes = t("dec.field.votes_fmt", lg, yes=dec.votes_yes, no=dec.votes_no or 0, abstain=dec.votes_abstain or 0)
    if dec.votes_text:
        votes = dec.votes_text if votes == "–" else f"{votes} ({dec.votes_text})"
    rows = [
        (t("dec.field.municipality", lg), muni.name if muni else "–"),
        (t("dec.field.state", lg), (muni.state or muni.country) if muni else "–"),
        (t("dec.field.level", lg), label(LEVELS, muni.level, lg) if muni else "–"),
        (t("dec.field.body", lg), dec.body or "–"),
        (t("dec.field.date", lg), format_date(dec.decision_date, lg, dec.date_precision)),
        (t("dec.field.reference", lg), dec.reference or "–"),
        (t("dec.field.type", lg), label(DOCUMENT_TYPES, dec.document_type, lg)),
        (t("dec.field.outcome", lg), label(OUTCOMES, dec.outcome, lg)),
        (t("dec.field.votes", lg), votes),
        (t("dec.field.review", lg), label(REVIEW_STATUSES, dec.review_status, lg)),
    ]
    kv_block(rows)
    if dec.summary:
        st.markdown(f"**{t('dec.field.summary', lg)}:** {md_escape(dec.summary)}")
    if dec.weak_note:
        st.warning(f"**{t('dec.prov.weak', lg)}:** {md_escape(dec.weak_note)}")
    if dec.date_precision in ("month", "year"):
        st.caption("ⓘ " + t("dec.prov.date_precision", lg, p=t(f"precision.{dec.date_precision}", lg)))

    st.markdown(f"#### {t('dec.measures', lg)}")
    if not d["measures"]:
        st.caption(t("dec.no_measures", lg))
    grouped: dict[tuple, list] = {}  # one quote with all the categories it supports
    for m in d["measures"]:
        grouped.setdefault((m.evidence, m.page), []).append(m)
    for (evidence, page), ms in grouped.items():
        head = " · ".join(f"**{category_label(m.category, lg)}**" + (
            f" ({label(DIRECTIONS, m.direction, lg)})" if m.direction == "reverses" else "") for m in ms)
        if page:
            head += f" · {t('dec.page', lg, page=page)}"
        st.markdown(head)
        if evidence:
            st.markdown("> " + md_escape(evidence))

    if d["related"]:
        st.markdown(f"#### {t('dec.related', lg)}")
        for rel in d["related"]:
            when = format_date(rel["date"], lg, rel["date_precision"]) if rel["date"] else ""
            st.page_link("pages/decisions.py", query_params={"id": rel["uid"], "lang": lg},
                         label=f"{t('dec.related.' + rel['kind'], lg)}: {md_escape(rel['title'] or rel['uid'])} ({when})")

    evidence_viewer(d, lg)
    tracking_section(d, lg)

    st.markdown(f"#### {t('dec.provenance', lg)}")
    prov = []
    if doc:
        prov += [(t("dec.prov.file", lg), doc.file_name), (t("dec.prov.sha256", lg), doc.sha256),
                 (t("dec.prov.pages", lg), str(doc.pages or "–")),
                 (t("dec.prov.text_source", lg), t(f"text_source.{doc.text_source}", lg) if doc.text_source else "–")]
    prov += [(t("dec.prov.method", lg), t(f"method.{dec.extraction_method}", lg) if dec.extraction_method else "–"),
             (t("dec.prov.created", lg), f"{dec.created_at:%Y-%m-%d %H:%M} UTC"),
             (t("dec.prov.reviewed", lg), dec.reviewed_by or "–")]
    kv_block(prov)
    if doc and doc.stored_path:
        path = runtime_dir() / doc.stored_path
        if path.exists():
            st.download_button(t("dec.download_pdf", lg), path.read_bytes(), file_name=doc.file_name,
                               mime="application/pdf", key="rr_dec_pdf")
    if d["sources"]:
        st.markdown(f"**{t('dec.prov.sources', lg)}:**")
        for url in d["sources"]:
            if url.startswith(("http://", "https://")):
                st.markdown(f"- [{md_escape(url)}]({url.replace(')', '%29')})")
    history_section(d, lg)  # who, when, what changed (before → after)
    moderation_section(d, lg)  # soft delete, for moderators of the place and admins


uid = st.query_params.get("id")
if uid:
    if st.button("← " + t("dec.back", lg), key="rr_dec_back"):
        del st.query_params["id"]
        st.rerun()
    show_detail(uid)
    st.stop()

f = filter_sidebar()
st.title(t("nav.decisions", lg))
moderation_flash()
table = query("decisions", f)
if table.empty:
    st.info(t("dec.empty", lg))
    st.stop()

st.caption(t("dec.count", lg, n=len(table)) + " · " + t("dec.pick", lg))
show_hits(table, f, lg)
view = table.assign(
    date=[format_date(d, lg, p) for d, p in zip(table["date"], table["date_precision"], strict=True)],
    outcome=[label(OUTCOMES, o, lg) for o in table["outcome"]],
    document_type=[label(DOCUMENT_TYPES, o, lg) for o in table["document_type"]],
    categories=[", ".join(category_label(c, lg) for c in cs.split(";") if c) for cs in table["categories"]],
)[["date", "municipality", "title", "outcome", "categories", "document_type", "reference", "body", "state"]]
event = st.dataframe(
    view, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="rr_dec_table",
    column_config={
        "date": t("dec.col.date", lg), "municipality": t("dec.col.municipality", lg),
        "title": st.column_config.TextColumn(t("dec.col.title", lg), width="large"),
        "outcome": t("dec.col.outcome", lg), "categories": t("dec.col.categories", lg),
        "document_type": t("dec.col.type", lg), "reference": t("dec.col.reference", lg),
        "body": t("dec.col.body", lg), "state": t("dec.col.state", lg),
    },
)
st.download_button(t("dash.download_csv", lg), csv_bytes(table), file_name="ratsradar-decisions.csv",
                   mime="text/csv", key="rr_dec_csv")
export_buttons(f, lg)
feed_links(f, lg)
oparl_export_button(lg)  # OParl-shaped JSON of the published record
rows = event.selection.rows if event is not None else []
if rows:
    st.divider()
    show_detail(table.iloc[rows[0]]["uid"])
