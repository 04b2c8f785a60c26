"""Administration: accounts (create, change role and places, disable) and restoring deleted decisions.

Only in the navigation for admins; the page checks the role again, and every write checks it on the server
(``ratsradar.auth``, ``ratsradar.review.restore_decision``).
"""

import secrets

import streamlit as st
from sqlmodel import Session

from models import session_scope
from pages._ui import clear_caches, current_user, engine, lang, md_escape
from ratsradar import auth, review
from ratsradar.i18n import format_datetime, t

lg = lang()
st.title(t("adm.title", lg))
user = current_user()
if not auth.can(user, "manage_users"):
    st.warning(t("adm.denied", lg))
    st.stop()

flash = st.session_state.pop("rr_adm_flash", None)
if flash:
    st.success(flash)
secret = st.session_state.pop("rr_adm_secret", None)
if secret:  # shown exactly once
    st.info(t("adm.one_time", lg, name=secret[0]))
    st.code(secret[1], language=None)


def _fail(err: Exception) -> None:
    st.error(t(err.key, lg, **err.params) + " " + t("review.nothing_saved", lg))  # type: ignore[attr-defined]


# --- accounts -------------------------------------------------------------------------------------------
st.header(t("adm.users", lg), anchor=False)
with Session(engine()) as s:
    users = auth.list_users(s)
st.dataframe([{
    t("adm.col.username", lg): u.username, t("adm.col.name", lg): u.display_name or "",
    t("adm.col.role", lg): t(f"role.{u.role}", lg),
    t("adm.col.scope", lg): ", ".join(auth.scope_of(u)) or t("adm.all_places", lg),
    t("adm.col.active", lg): u.active,
    t("adm.col.login", lg): " + ".join(t(f"adm.login.{k}", lg) for k, on in
                                        (("password", u.password_hash), ("oidc", u.oidc_subject or u.email)) if on),
    t("adm.col.created", lg): format_datetime(u.created_at, lg),
} for u in users], hide_index=True, width="stretch")

roles = list(auth.ROLES)
with st.expander(t("adm.create", lg), icon=":material/person_add:"):
    with st.form("rr_adm_create", clear_on_submit=True):
        st.text_input(t("adm.username", lg), key="rr_adm_new_name", max_chars=64)
        st.text_input(t("adm.display", lg), key="rr_adm_new_display", max_chars=120)
        st.selectbox(t("adm.role", lg), roles, key="rr_adm_new_role", format_func=lambda r: t(f"role.{r}", lg))
        st.text_input(t("adm.scope", lg), key="rr_adm_new_scope", max_chars=500, placeholder="Dortmund, Köln")
        st.text_input(t("adm.email", lg), key="rr_adm_new_email", max_chars=200)
        st.text_input(t("adm.password", lg), type="password", key="rr_adm_new_pw", max_chars=256)
        create = st.form_submit_button(t("adm.create", lg), type="primary", key="rr_adm_create_submit")
    if create:
        ss = st.session_state
        password = ss.get("rr_adm_new_pw") or ""
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        scope = [p.strip() for p in (ss.get("rr_adm_new_scope") or "").split(",") if p.strip()]
        try:
            with session_scope(engine()) as s:
                new = auth.create_user(s, ss.get("rr_adm_new_name") or "", role=ss.get("rr_adm_new_role"),
                                       actor=user, password=password, scope=scope,
                                       display_name=ss.get("rr_adm_new_display"), email=ss.get("rr_adm_new_email"))
                name = new.username
        except (auth.AccountError, auth.PermissionDenied) as err:
            _fail(err)
        else:
            st.session_state["rr_adm_flash"] = t("adm.created", lg, name=name)
            if generated:
                st.session_state["rr_adm_secret"] = (name, password)
            st.rerun()

if users:
    with st.expander(t("adm.change", lg), icon=":material/manage_accounts:"):
        by_name = {u.username: u for u in users}
        pick = st.selectbox(t("adm.pick", lg), list(by_name), key="rr_adm_pick")
        target = by_name[pick]
        with st.form(f"rr_adm_edit_{pick}"):
            st.selectbox(t("adm.role", lg), roles, index=roles.index(target.role), key=f"rr_adm_role_{pick}",
                         format_func=lambda r: t(f"role.{r}", lg))
            st.text_input(t("adm.scope", lg), value=", ".join(auth.scope_of(target)), key=f"rr_adm_scope_{pick}",
                          max_chars=500)
            save = st.form_submit_button(t("adm.save", lg), key=f"rr_adm_save_{pick}")
        if save:
            scope = [p.strip() for p in (st.session_state.get(f"rr_adm_scope_{pick}") or "").split(",") if p.strip()]
            try:
                with session_scope(engine()) as s:
                    auth.set_role(s, pick, role=st.session_state[f"rr_adm_role_{pick}"], scope=scope, actor=user)
            except (auth.AccountError, auth.PermissionDenied) as err:
                _fail(err)
            else:
                st.session_state["rr_adm_flash"] = t("adm.saved", lg)
                st.rerun()
        toggle = t("adm.disable", lg) if target.active else t("adm.enable", lg)
        if st.button(toggle, key=f"rr_adm_toggle_{pick}"):
            try:
                with session_scope(engine()) as s:
                    auth.set_active(s, pick, active=not target.active, actor=user)
            except (auth.AccountError, auth.PermissionDenied) as err:
                _fail(err)
            else:
                st.session_state["rr_adm_flash"] = t("adm.saved", lg)
                st.rerun()

# --- deleted decisions ------------------------------------------------------------------------------------
st.header(t("adm.deleted", lg), anchor=False)
with Session(engine()) as s:
    deleted = review.list_deleted(s, user=user)
if not deleted:
    st.caption(t("adm.no_deleted", lg))
for d in deleted:
    a, b = st.columns([5, 1], vertical_alignment="center")
    a.markdown(md_escape(t("adm.deleted_item", lg, title=d.title or d.uid, place=d.municipality or "?",
                           when=format_datetime(d.deleted_at, lg), who=d.deleted_by or "?")))
    if b.button(t("adm.restore", lg), key=f"rr_adm_restore_{d.uid}", icon=":material/restore_from_trash:"):
        try:
            review.restore_decision(engine(), d.uid, actor=user)
        except (review.ReviewError, auth.PermissionDenied) as err:
            _fail(err)
        else:
            clear_caches()
            st.session_state["rr_adm_flash"] = t("adm.restored", lg, uid=d.uid)
            st.rerun()
