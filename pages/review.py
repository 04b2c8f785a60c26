"""Review: a draft beside its evidence; correct any field, then publish atomically or discard."""

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from models import Document, Municipality
from pages._ui import clear_caches, current_user, engine, lang, md_escape
from ratsradar import auth, review
from ratsradar.i18n import t
from ratsradar.paths import runtime_dir
from ratsradar.vocab import DIRECTIONS, DOCUMENT_TYPES, OUTCOMES, category_label, label, taxonomy

lg = lang()
st.title(t("rev.title", lg))

flash = st.session_state.pop("rr_rev_flash", None)
if flash:
    st.success(flash)
    a, b = st.columns(2)
    a.page_link("pages/dashboard.py", label=t("nav.dashboard", lg), icon=":material/bar_chart:")
    b.page_link("pages/decisions.py", label=t("nav.decisions", lg), icon=":material/gavel:")

user = current_user()
if user is None:  # drafts are not public; the server refuses every write without an account anyway
    st.info(t("rev.login_required", lg), icon=":material/login:")
    st.caption(t("login.how", lg))
    st.stop()
if user.role == "contributor":
    st.caption(t("rev.own_only", lg))
elif user.role == "moderator" and auth.scope_of(user):
    st.caption(t("rev.scope_note", lg, places=", ".join(auth.scope_of(user))))

with Session(engine()) as s:
    drafts = review.list_drafts(s, user=user)
if not drafts:
    st.info(t("rev.empty", lg))
    st.stop()

st.write(t("rev.intro", lg))
by_id = {d.document_id: d for d in drafts}
doc_id = st.selectbox(
    t("rev.pick", lg), list(by_id), key="rr_rev_pick",
    format_func=lambda i: t("rev.draft_label", lg, file=by_id[i].file_name, muni=by_id[i].municipality or "?",
                            rel=by_id[i].relevant, n=by_id[i].decisions, when=f"{by_id[i].uploaded_at:%d.%m.%Y %H:%M}"))

with Session(engine()) as s:
    doc = s.get(Document, doc_id)
    items = review.document_decisions(s, doc_id)
    muni_ids = {d.municipality_id for d, _ in items if d.municipality_id}
    muni_name = s.get(Municipality, next(iter(muni_ids))).name if muni_ids else ""
if doc is None:
    st.rerun()

cat_ids = list(taxonomy().ids)
cat_by_label = {category_label(c, lg): c for c in cat_ids}
dir_by_label = {label(DIRECTIONS, d, lg): d for d in DIRECTIONS}
page_texts = (doc.text or "").split("\n\f")
left, right = st.columns([3, 2], gap="large")


def item_fields(dec, measures, prefix: str) -> tuple[dict, pd.DataFrame]:
    """The widgets of one agenda item; returns the edited values and the measures table."""
    st.checkbox(t("rev.relevant", lg), value=dec.relevant, key=f"{prefix}rel")
    st.text_input(t("rev.field.title", lg), value=dec.title or "", key=f"{prefix}title")
    a, b = st.columns(2)
    a.text_input(t("rev.field.reference", lg), value=dec.reference or "", key=f"{prefix}ref")
    b.text_input(t("rev.field.body", lg), value=dec.body or "", key=f"{prefix}body")
    a, b, c = st.columns([1, 1.3, 1.3])
    a.date_input(t("rev.field.date", lg), value=dec.decision_date, min_value=dt.date(1980, 1, 1),
                 max_value=dt.date(2100, 12, 31), format="DD.MM.YYYY", key=f"{prefix}date")
    types = list(DOCUMENT_TYPES)
    b.selectbox(t("rev.field.type", lg), types, index=types.index(dec.document_type or "other"),
                format_func=lambda v: label(DOCUMENT_TYPES, v, lg), key=f"{prefix}type")
    outcomes = list(OUTCOMES)
    c.selectbox(t("rev.field.outcome", lg), outcomes, index=outcomes.index(dec.outcome),
                format_func=lambda v: label(OUTCOMES, v, lg), key=f"{prefix}outcome")
    st.checkbox(t("rev.field.votes_known", lg), value=dec.votes_yes is not None, key=f"{prefix}votes")
    a, b, c = st.columns(3)
    a.number_input(t("rev.field.yes", lg), min_value=0, step=1, value=dec.votes_yes or 0, key=f"{prefix}yes")
    b.number_input(t("rev.field.no", lg), min_value=0, step=1, value=dec.votes_no or 0, key=f"{prefix}no")
    c.number_input(t("rev.field.abstain", lg), min_value=0, step=1, value=dec.votes_abstain or 0, key=f"{prefix}abs")
    st.caption(t("rev.measures", lg))
    frame = pd.DataFrame({
        "category": pd.Series([category_label(m.category, lg) for m in measures], dtype="object"),
        "direction": pd.Series([label(DIRECTIONS, m.direction, lg) for m in measures], dtype="object"),
        "evidence": pd.Series([m.evidence or "" for m in measures], dtype="object"),
        "page": pd.Series([m.page for m in measures], dtype="Int64"),
    })
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, width="stretch", key=f"{prefix}measures",
        column_config={
            "category": st.column_config.SelectboxColumn(t("rev.col.category", lg), options=list(cat_by_label),
                                                         required=True),
            "direction": st.column_config.SelectboxColumn(t("rev.col.direction", lg), options=list(dir_by_label),
                                                          default=label(DIRECTIONS, "advances", lg)),
            "evidence": st.column_config.TextColumn(t("rev.col.evidence", lg), width="large"),
            "page": st.column_config.NumberColumn(t("rev.col.page", lg), min_value=1, step=1),
        })
    return {}, edited


def collect(dec, prefix: str, edited: pd.DataFrame) -> review.DecisionEdit:
    ss = st.session_state
    changes = {
        "relevant": ss[f"{prefix}rel"], "title": ss[f"{prefix}title"], "reference": ss[f"{prefix}ref"],
        "body": ss[f"{prefix}body"], "decision_date": ss[f"{prefix}date"], "document_type": ss[f"{prefix}type"],
        "outcome": ss[f"{prefix}outcome"],
    }
    if ss[f"{prefix}votes"]:
        changes |= {"votes_yes": ss[f"{prefix}yes"], "votes_no": ss[f"{prefix}no"], "votes_abstain": ss[f"{prefix}abs"]}
    else:
        changes |= {"votes_yes": None, "votes_no": None, "votes_abstain": None}
    measures = []
    for row in edited.to_dict("records"):
        cat = row.get("category")
        if not cat or (isinstance(cat, float) and pd.isna(cat)):
            continue
        page = row.get("page")
        measures.append(review.MeasureEdit(
            category=cat_by_label.get(cat, cat),
            direction=dir_by_label.get(row.get("direction") or "", "advances"),
            evidence=row.get("evidence") if isinstance(row.get("evidence"), str) else None,
            page=None if page is None or pd.isna(page) else int(page)))
    return review.DecisionEdit(decision_id=dec.id, changes=changes, measures=measures)


with left:
    with st.form(f"rr_rev_form_{doc_id}"):
        st.text_input(t("rev.municipality", lg), value=muni_name, key=f"rr_rev_{doc_id}_muni")
        relevant_items = [(d, m) for d, m in items if d.relevant]
        other_items = [(d, m) for d, m in items if not d.relevant]
        tables = []
        for dec, measures in relevant_items:
            with st.container(border=True):
                st.markdown("**" + md_escape(t("rev.item", lg, n=dec.item_number, title=dec.title or "–")) + "**")
                _, edited = item_fields(dec, measures, f"rr_rev_{dec.id}_")
                tables.append((dec, edited))
        if other_items:
            with st.expander(t("rev.irrelevant", lg, n=len(other_items))):
                for dec, measures in other_items:
                    st.markdown("**" + md_escape(t("rev.item", lg, n=dec.item_number, title=dec.title or "–")) + "**")
                    _, edited = item_fields(dec, measures, f"rr_rev_{dec.id}_")
                    tables.append((dec, edited))
                    st.divider()
        # the publish button only for moderators of this place and admins; the server checks again
        may_publish = auth.can(user, "publish", municipality=[muni_name or None])
        a, b = st.columns(2)
        publish = a.form_submit_button(t("rev.publish", lg), type="primary", key="rr_rev_publish") \
            if may_publish else False
        save = b.form_submit_button(t("rev.save", lg), key="rr_rev_save")

    if publish or save:
        edits = [collect(dec, f"rr_rev_{dec.id}_", edited) for dec, edited in tables]
        try:
            if publish:
                n = review.publish_document(engine(), doc_id, actor=user, edits=edits,
                                            municipality=st.session_state[f"rr_rev_{doc_id}_muni"])
            else:
                review.save_edits(engine(), edits, actor=user, municipality=st.session_state[f"rr_rev_{doc_id}_muni"])
        except (review.ReviewError, auth.PermissionDenied) as err:
            st.error(t(err.key, lg, **{k: md_escape(str(v)) for k, v in err.params.items()}) + " " + t("review.nothing_saved", lg))
        else:
            clear_caches()
            st.session_state["rr_rev_flash"] = t("rev.published", lg, n=n) if publish else t("rev.saved", lg)
            st.rerun()

    if auth.can(user, "reject", municipality=[muni_name or None]):
        st.divider()
        st.text_input(t("rev.reject_reason", lg), key=f"rr_rev_reason_{doc_id}", max_chars=300)
        if st.button(t("rev.reject", lg), key=f"rr_rev_reject_{doc_id}"):
            try:
                n = review.reject_document(engine(), doc_id, actor=user,
                                           reason=st.session_state.get(f"rr_rev_reason_{doc_id}"))
            except (review.ReviewError, auth.PermissionDenied) as err:
                st.error(t(err.key, lg, **{k: md_escape(str(v)) for k, v in err.params.items()}) + " " + t("review.nothing_saved", lg))
            else:
                clear_caches()
                st.session_state["rr_rev_flash"] = t("rev.rejected", lg, n=n)
                st.rerun()

    st.divider()
    confirm = st.checkbox(t("rev.discard_confirm", lg), key=f"rr_rev_confirm_{doc_id}")
    if st.button(t("rev.discard", lg), disabled=not confirm, key=f"rr_rev_discard_{doc_id}"):
        try:
            review.discard_document(engine(), doc_id, actor=user)
        except (review.ReviewError, auth.PermissionDenied) as err:
            st.error(t(err.key, lg, **{k: md_escape(str(v)) for k, v in err.params.items()}))
        else:
            clear_caches()
            st.session_state["rr_rev_flash"] = t("rev.discarded", lg)
            st.rerun()

with right:
    st.markdown(f"#### {t('rev.evidence', lg)}")
    st.caption(f"{md_escape(doc.file_name)} · {t('dec.prov.pages', lg)}: {doc.pages or '?'} · "
               f"{t('text_source.' + (doc.text_source or 'text_layer'), lg)}"
               f" · SHA-256 {doc.sha256[:12]}…")
    path = runtime_dir() / doc.stored_path if doc.stored_path else None
    if path and path.exists():
        st.download_button(t("dec.download_pdf", lg), path.read_bytes(), file_name=doc.file_name,
                           mime="application/pdf", key=f"rr_rev_pdf_{doc_id}")
    for dec, measures in items:
        if not measures:
            continue
        st.markdown("**" + md_escape(t("rev.item", lg, n=dec.item_number, title=(dec.title or "–")[:80])) + "**")
        for m in measures:
            where = t("dec.page", lg, page=m.page) if m.page else ""
            st.markdown(f"*{category_label(m.category, lg)}* · {where}")
            if m.evidence:
                st.markdown("> " + md_escape(m.evidence))
    for i, text in enumerate(page_texts, start=1):
        with st.expander(t("rev.page_text", lg, page=i)):
            st.text(text)
