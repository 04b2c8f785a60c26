"""Upload for activists: one or several PDFs, read with progress per file, stored once each as drafts."""

import streamlit as st

from pages._ui import clear_caches, current_user, engine, lang, md_escape
from ratsradar import auth, review, sandbox
from ratsradar.i18n import t
from ratsradar.ingest import IngestOutcome
from ratsradar.paths import SAMPLES_DIR

lg = lang()
MAX_MB = int(st.get_option("server.maxUploadSize"))
sandbox.prewarm()  # a reading worker starts now, while files are chosen, so the first upload does not wait
st.title(t("up.title", lg))
st.write(t("up.intro", lg))

user = current_user()
if user is None:  # uploads need an account; the server refuses them anyway (review.upload)
    st.info(t("up.login_required", lg), icon=":material/login:")
    st.caption(t("login.how", lg))
    st.stop()

with st.form("rr_upload_form", clear_on_submit=True):
    files = st.file_uploader(t("up.files", lg, mb=MAX_MB), type=["pdf"], accept_multiple_files=True,
                             key="rr_up_files")
    st.caption(t("up.as_user", lg, name=user.display_name or user.username))
    submitted = st.form_submit_button(t("up.submit", lg), type="primary", key="rr_up_submit")

if submitted:
    if not files:
        st.warning(t("up.none", lg))
    else:
        results: list[IngestOutcome] = []
        bar = st.progress(0.0)
        for i, upload in enumerate(files, start=1):
            bar.progress((i - 1) / len(files), text=t("up.progress", lg, name=md_escape(upload.name), i=i, n=len(files)))
            try:
                outcome = review.upload(engine(), upload.getvalue(), upload.name, actor=user)
            except auth.PermissionDenied as err:  # e.g. the account was disabled meanwhile
                st.error(t(err.key, lg, **err.params) + " " + t("review.nothing_saved", lg))
                break
            except Exception:  # the app keeps running; nothing was stored (ingest is atomic)
                outcome = IngestOutcome(upload.name, "error")
            results.append(outcome)
        bar.progress(1.0, text=t("up.done", lg, created=sum(r.status == "created" for r in results),
                                 duplicate=sum(r.status == "duplicate" for r in results),
                                 error=sum(r.status == "error" for r in results)))
        st.session_state["rr_up_results"] = results
        clear_caches()

for r in st.session_state.get("rr_up_results", []):
    if r.status == "created":
        st.success(t("up.created", lg, name=md_escape(r.file_name), n=len(r.decision_ids), rel=r.relevant))
    elif r.status == "duplicate":
        st.info(t("up.duplicate", lg, name=md_escape(r.file_name), sha=(r.sha256 or "")[:12]))
    else:
        message = t(f"error.{r.error.code}", lg, mb=MAX_MB) if r.error else t("error.unexpected", lg)
        st.error(t("up.error", lg, name=md_escape(r.file_name), message=message))

if any(r.status == "created" for r in st.session_state.get("rr_up_results", [])):
    st.page_link("pages/review.py", label=t("up.to_review", lg), icon=":material/fact_check:")
with st.expander(t("up.samples", lg)):
    for sample in sorted(SAMPLES_DIR.glob("*.pdf")):
        st.download_button(sample.name, sample.read_bytes(), file_name=sample.name, mime="application/pdf",
                           key=f"rr_up_sample_{sample.stem}", icon=":material/download:")
