"""Implementation tracking on a decision's detail view: its status history with evidence, its links to other
decisions (follow-up, amendment, reversal), and — for moderators within their scope and admins — forms to
record a status and to link a decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from sqlmodel import Session

from pages._ui import clear_caches, current_user, engine, md_escape
from ratsradar import auth, tracking
from ratsradar.i18n import format_date, t
from ratsradar.vocab import IMPLEMENTATION_STATUSES, label

K = "rr_track"


def _links_label(link: tracking.Link, lang: str) -> str:
    kind = t(f"track.link.{link.kind}.{link.direction}", lang)
    when = format_date(link.date, lang) if link.date else "–"
    return md_escape(f"{kind}: {link.municipality or '–'} · {when} · {(link.title or link.uid)[:100]}")


def tracking_section(detail: dict[str, Any], lang: str) -> None:
    dec, muni = detail["decision"], detail["municipality"]
    shown = {r["uid"] for r in detail.get("related", [])}
    with Session(engine()) as s:
        events = tracking.history(session=s, uid=dec.uid)
        links = [x for x in tracking.links(session=s, uid=dec.uid) if not (x.kind == "follow_up" and x.uid in shown)]
    st.markdown(f"#### {t('track.title', lang)}")
    status = dec.implementation_status or "unknown"
    st.markdown(f"**{t('track.current', lang)}:** {label(IMPLEMENTATION_STATUSES, status, lang)}")
    if events:
        st.dataframe([{
            t("track.col.since", lang): format_date(e.since, lang) if e.since else "–",
            t("track.col.status", lang): label(IMPLEMENTATION_STATUSES, e.status, lang),
            t("track.col.evidence", lang): e.evidence or "–",
            t("track.col.url", lang): e.evidence_url or "",
            t("track.col.by", lang): e.recorded_by or "–",
        } for e in events], hide_index=True, width="stretch",
            column_config={t("track.col.url", lang): st.column_config.LinkColumn(t("track.col.url", lang))})
    else:
        st.caption(t("track.none", lang))
    for link in links:
        st.page_link("pages/decisions.py", label=_links_label(link, lang), icon=":material/link:",
                     query_params={"id": link.uid, "lang": lang})

    user = current_user()
    place = muni.name if muni else None
    if not auth.can(user, "edit_published", municipality=place):
        st.caption(t("track.login", lang))
        return
    with st.expander(":material/edit_note: " + t("track.record", lang)):
        with st.form(f"{K}_status_form", clear_on_submit=True):
            new = st.selectbox(t("track.col.status", lang), tracking.STATUSES, key=f"{K}_status",
                               format_func=lambda v: label(IMPLEMENTATION_STATUSES, v, lang))
            since = st.date_input(t("track.col.since", lang), value=None, key=f"{K}_since",
                                  min_value=dt.date(1990, 1, 1), max_value=dt.date.today() + dt.timedelta(days=3650),
                                  format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
            evidence = st.text_area(t("track.col.evidence", lang), key=f"{K}_evidence", max_chars=tracking.MAX_EVIDENCE)
            url = st.text_input(t("track.col.url", lang), key=f"{K}_url", placeholder="https://…")
            if st.form_submit_button(t("track.save", lang)):
                try:
                    now = tracking.record_status(engine(), dec.uid, new, user=user, since=since, evidence=evidence,
                                                 evidence_url=url)
                except tracking.TrackingError as exc:
                    st.error(t(exc.key, lang, **exc.params) + " " + t("review.nothing_saved", lang))
                except auth.PermissionDenied as exc:
                    st.error(t(exc.key, lang, **exc.params) + " " + t("review.nothing_saved", lang))
                else:
                    clear_caches()
                    st.success(t("track.saved", lang, status=label(IMPLEMENTATION_STATUSES, now, lang)))
                    st.rerun()
        with Session(engine()) as s:
            options = tracking.candidates(session=s, uid=dec.uid)
        with st.form(f"{K}_link_form", clear_on_submit=True):
            kind = st.selectbox(t("track.link.kind", lang), tracking.LINK_KINDS, key=f"{K}_kind",
                                format_func=lambda v: t(f"track.link.{v}.out", lang))
            labels = dict(options)
            target = st.selectbox(t("track.link.target", lang), list(labels), index=None, key=f"{K}_target",
                                  format_func=lambda v: labels.get(v, v), placeholder=t("track.link.pick", lang))
            if st.form_submit_button(t("track.link.save", lang)):
                try:
                    if not target:
                        raise tracking.TrackingError("track.error.no_target")
                    tracking.link(engine(), dec.uid, target, kind, user=user)
                except tracking.TrackingError as exc:
                    st.error(t(exc.key, lang, **exc.params) + " " + t("review.nothing_saved", lang))
                except auth.PermissionDenied as exc:
                    st.error(t(exc.key, lang, **exc.params) + " " + t("review.nothing_saved", lang))
                else:
                    clear_caches()
                    st.rerun()
