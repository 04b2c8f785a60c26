"""OParl import for moderators: a council information system's papers become drafts for review."""

import datetime as dt

import streamlit as st

from pages._oparl import oparl_export_button
from pages._ui import clear_caches, current_user, engine, lang, md_escape
from ratsradar.i18n import format_int, t
from ratsradar.oparl.client import ClientSettings
from ratsradar.oparl.importer import ImportOptions, ImportProblem, run_import

lg = lang()
st.title(t("oparl.title", lg))
st.write(t("oparl.intro", lg))

user = current_user()
if user is None:
    st.info(t("oparl.login_required", lg), icon=":material/login:")
    st.stop()
if user.role not in ("moderator", "admin"):
    st.warning(t("oparl.role_required", lg))
    st.stop()

with st.form("rr_oparl_form"):
    url = st.text_input(t("oparl.url", lg), key="rr_oparl_url", help=t("oparl.url_help", lg), max_chars=500,
                        placeholder="https://…/oparl/v1")
    a, b = st.columns(2)
    body = a.text_input(t("oparl.body", lg), key="rr_oparl_body", max_chars=300)
    since = b.date_input(t("oparl.since", lg), value=None, min_value=dt.date(1990, 1, 1),
                         max_value=dt.date.today(), format="DD.MM.YYYY", key="rr_oparl_since")
    a, b = st.columns(2)
    store_all = a.checkbox(t("oparl.all", lg), key="rr_oparl_all")
    delay = b.number_input(t("oparl.delay", lg), min_value=0.0, max_value=10.0, value=0.3, step=0.1,
                           key="rr_oparl_delay")
    submitted = st.form_submit_button(t("oparl.submit", lg), type="primary", icon=":material/cloud_download:")

if submitted:
    st.session_state.pop("rr_oparl_report", None)
    clean = (url or "").strip()
    if not clean.lower().startswith(("http://", "https://")):
        st.warning(t("oparl.no_url", lg))
    else:
        bar = st.progress(0.0, text=t("oparl.starting", lg))

        def progress(done: int, total: int | None, name: str) -> None:
            if total:
                bar.progress(min(done / total, 1.0), text=t("oparl.progress", lg, done=done, total=total,
                                                              name=md_escape(name)))
            else:
                bar.progress(0.0, text=t("oparl.progress_open", lg, done=done, name=md_escape(name)))

        opts = ImportOptions(
            system_url=clean, body=(body or "").strip() or None,
            since=dt.datetime.combine(since, dt.time(0, 0), tzinfo=dt.UTC) if since else None,
            all=store_all, user=user.username, user_id=user.id,
        )
        try:
            report = run_import(engine(), opts, settings=ClientSettings(delay_s=float(delay)), progress=progress)
        except ImportProblem as exc:
            bar.empty()
            st.error(t(f"oparl.error.{exc.key}", lg, detail=md_escape(exc.detail)))
        except Exception:  # the app keeps running; each paper was stored completely or not at all
            bar.empty()
            st.error(t("oparl.error.unexpected", lg))
            clear_caches()
        else:
            bar.progress(1.0, text=t("oparl.done", lg, bodies=md_escape(", ".join(report.bodies)),
                                     mode=t("oparl.mode.incremental", lg, since=report.since) if report.incremental
                                     else t("oparl.mode.full", lg), seconds=f"{report.seconds:.1f}"))
            st.session_state["rr_oparl_report"] = report.as_dict()
            clear_caches()

report = st.session_state.get("rr_oparl_report")
if report:
    mode = (t("oparl.mode.incremental", lg, since=report["since"]) if report["incremental"]
            else t("oparl.mode.full", lg))
    st.success(t("oparl.done", lg, bodies=md_escape(", ".join(report["bodies"])), mode=mode,
                 seconds=f"{report['seconds']:.1f}"))
    cols = st.columns(4)
    for i, key in enumerate(("listed", "created", "updated", "deleted")):
        cols[i].metric(t(f"oparl.count.{key}", lg), format_int(report[key], lg))
    rows = [(t(f"oparl.count.{k}", lg), format_int(report[k], lg)) for k in (
        "new", "changed", "unchanged", "retried", "linked", "irrelevant", "reviewed_changed", "no_file", "failed",
        "files", "requests", "retries")]
    st.table({t("oparl.count.listed", lg): [r[0] for r in rows], "#": [r[1] for r in rows]})
    if not report["complete"]:
        st.warning(t("oparl.incomplete", lg))
    if report["errors"]:
        with st.expander(t("oparl.problems", lg, n=len(report["errors"]))):
            for where, message in report["errors"][:200]:
                st.markdown(f"- {md_escape(where)} – {md_escape(message)}")
    if report["created"] or report["updated"]:
        st.page_link("pages/review.py", label=t("oparl.to_review", lg), icon=":material/fact_check:")

st.divider()
st.subheader(t("oparl.export.title", lg))
st.caption(t("oparl.export.intro", lg))
oparl_export_button(lg, key="rr_oparl_export_import")
