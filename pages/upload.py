"""Upload for activists: one or several PDFs, read with progress per file, stored once each as drafts."""

import streamlit as st

from pages._ui import clear_caches, engine, lang
from ratsradar.i18n import t
from ratsradar.ingest import IngestOutcome, ingest_bytes

lg = lang()
MAX_MB = int(st.get_option("server.maxUploadSize"))
st.title(t("up.title", lg))
st.write(t("up.intro", lg))

with st.form("rr_upload_form", clear_on_submit=True):
    files = st.file_uploader(t("up.files", lg, mb=MAX_MB), type=["pdf"], accept_multiple_files=True,
                             key="rr_up_files")
    who = st.text_input(t("up.name", lg), key="rr_up_name", max_chars=80)
    submitted = st.form_submit_button(t("up.submit", lg), type="primary")

if submitted:
    if not files:
        st.warning(t("up.none", lg))
    else:
        results: list[IngestOutcome] = []
        bar = st.progress(0.0)
        for i, upload in enumerate(files, start=1):
            bar.progress((i - 1) / len(files), text=t("up.progress", lg, name=upload.name, i=i, n=len(files)))
            try:
                outcome = ingest_bytes(engine(), upload.getvalue(), upload.name, uploaded_by=who.strip() or None)
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
        st.success(t("up.created", lg, name=r.file_name, n=len(r.decision_ids), rel=r.relevant))
    elif r.status == "duplicate":
        st.info(t("up.duplicate", lg, name=r.file_name, sha=(r.sha256 or "")[:12]))
    else:
        message = t(f"error.{r.error.code}", lg) if r.error else t("error.unexpected", lg)
        st.error(t("up.error", lg, name=r.file_name, message=message))

if any(r.status == "created" for r in st.session_state.get("rr_up_results", [])):
    st.page_link("pages/review.py", label=t("up.to_review", lg), icon=":material/fact_check:")
st.caption(t("up.samples", lg))
