"""The decision page's trust parts: its readable history (who, when, what changed) and, for moderators of its
place and admins, the soft delete. The server checks the role again in ``review.delete_decision``."""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages._ui import clear_caches, current_user, engine
from ratsradar import auth, review
from ratsradar.history import history_rows
from ratsradar.i18n import t


def history_section(detail: dict[str, Any], lg: str) -> None:
    """The "Verlauf/History" expander: one row per audit entry, changed fields as before → after."""
    if not detail.get("history"):
        return
    with st.expander(t("dec.history", lg), icon=":material/history:"):
        rows = history_rows(detail["history"], lg)
        st.dataframe(
            rows, hide_index=True, width="stretch", key="rr_dec_history",
            column_config={"when": t("hist.col.when", lg), "who": t("hist.col.who", lg),
                           "action": t("hist.col.action", lg),
                           "changes": st.column_config.TextColumn(t("hist.col.changes", lg), width="large")})


def moderation_section(detail: dict[str, Any], lg: str) -> None:
    """Delete (hide, restorable by an admin) for moderators of the decision's place and admins."""
    dec, muni = detail["decision"], detail.get("municipality")
    user = current_user()
    if not auth.can(user, "delete", municipality=[muni.name if muni else None]):
        return
    with st.expander(t("dec.moderation", lg), icon=":material/shield_person:"):
        st.text_input(t("dec.delete_reason", lg), key=f"rr_dec_del_reason_{dec.uid}", max_chars=300)
        confirm = st.checkbox(t("dec.delete_confirm", lg), key=f"rr_dec_del_confirm_{dec.uid}")
        if st.button(t("dec.delete", lg), disabled=not confirm, key=f"rr_dec_delete_{dec.uid}",
                     icon=":material/delete:"):
            try:
                review.delete_decision(engine(), dec.uid, actor=user,
                                       reason=st.session_state.get(f"rr_dec_del_reason_{dec.uid}"))
            except (review.ReviewError, auth.PermissionDenied) as err:
                st.error(t(err.key, lg, **err.params) + " " + t("review.nothing_saved", lg))
            else:
                clear_caches()
                st.session_state["rr_dec_flash"] = t("dec.deleted", lg)
                if "id" in st.query_params:
                    del st.query_params["id"]
                st.rerun()


def flash() -> None:
    message = st.session_state.pop("rr_dec_flash", None)
    if message:
        st.success(message)
