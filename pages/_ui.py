"""Streamlit glue shared by the pages: language, engine, filter widgets bound to the URL, cached queries.

The pages stay thin: they lay out widgets and call the domain package through this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models import database_url, make_engine
from ratsradar import bootstrap, queries
from ratsradar.filters import PARAMS, Filters, from_query, to_query
from ratsradar.i18n import LANGS, norm_lang, t
from ratsradar.vocab import DOCUMENT_TYPES, LEVELS, OUTCOMES, category_label, label

K = "rr_"  # prefix of every session-state key of ours


@st.cache_resource
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    bootstrap.prepare(engine)
    return engine


def engine() -> Engine:
    return _engine(database_url())


def _ensure_entry_point() -> None:
    """Run every page through app.py's navigation.

    With a folder named ``pages/`` beside app.py, Streamlit starts in its legacy multipage mode until app.py
    has called ``st.navigation`` once; a visitor whose first request after a server start is a deep link
    (``/decisions?id=…``) would get the bare page without navigation or language switch. Leave that mode and
    rerun: the rerun goes through app.py to the same page, with the same query parameters. Only on a
    session's first run: a rerun later would swallow the click that started the run.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and f"{K}language" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    """The visitor's language (every page calls this first)."""
    _ensure_entry_point()
    return norm_lang(st.session_state.get(f"{K}language"))


def _on_language() -> None:
    st.session_state[f"{K}language"] = norm_lang(st.session_state.get(f"{K}lang_widget"))


def language_selector() -> str:
    """The language switch in the sidebar. It is kept across pages and in the URL as ``lang``; a link with
    another ``lang`` switches to it."""
    url_lang = st.query_params.get("lang")
    keep = f"{K}language"
    if keep not in st.session_state or (url_lang in LANGS and url_lang != st.session_state.get(f"{K}lang_written")):
        st.session_state[keep] = norm_lang(url_lang)
    st.session_state[f"{K}lang_widget"] = st.session_state[keep]
    st.sidebar.segmented_control(
        ":material/language: " + t("app.language", st.session_state[keep]), LANGS, key=f"{K}lang_widget", on_change=_on_language,
        format_func=lambda code: {"de": "Deutsch", "en": "English"}[code], selection_mode="single")
    st.query_params["lang"] = st.session_state[keep]
    st.session_state[f"{K}lang_written"] = st.session_state[keep]
    return lang()


# --- cached queries (keyed on the database URL and the filter state, bounded) ---------------------------

def _filters_key(f: Filters) -> tuple:
    return tuple(sorted(asdict(f).items()))


@st.cache_data(ttl=300, max_entries=64, show_spinner=False)
def _options(url: str) -> dict[str, Any]:
    from ratsradar import aggregates  # the same answer as queries.filter_options, by index look-ups

    with Session(_engine(url)) as s:
        return aggregates.filter_options(session=s)


@st.cache_data(ttl=300, max_entries=256, show_spinner=False)
def _run(name: str, url: str, key: tuple) -> Any:
    f = Filters(**dict(key))
    with Session(_engine(url)) as s:
        return getattr(queries, name)(session=s, f=f)


def options() -> dict[str, Any]:
    return _options(database_url())


def query(name: str, f: Filters) -> Any:
    """Run ``queries.<name>`` for the filter state, cached."""
    return _run(name, database_url(), _filters_key(f))


@st.cache_data(ttl=300, max_entries=256, show_spinner=False)
def _call(module: str, name: str, url: str, key: tuple, /) -> Any:
    import importlib

    kwargs = dict(key)
    if "f" in kwargs and kwargs["f"] is not None:
        kwargs["f"] = Filters(**dict(kwargs["f"]))
    with Session(_engine(url)) as s:
        return getattr(importlib.import_module(module), name)(session=s, **kwargs)


def call(module: str, name: str, /, f: Filters | None = None, **kwargs: Any) -> Any:
    """Run ``<module>.<name>(session=…, f=…, **kwargs)`` of the domain package, cached like ``query`` and
    cleared with it; keyword values must be hashable (tuples, not lists)."""
    key = tuple(sorted(kwargs.items())) + ((("f", _filters_key(f)),) if f is not None else ())
    return _call(module, name, database_url(), key)


def clear_caches() -> None:
    """After a write: every cached figure may have changed."""
    _run.clear()
    _options.clear()
    _call.clear()


# --- filters bound to the URL ----------------------------------------------------------------------------

_WIDGETS = {  # Filters field -> session-state key of its widget
    "municipalities": f"{K}f_city", "states": f"{K}f_state", "levels": f"{K}f_level",
    "categories": f"{K}f_cat", "outcomes": f"{K}f_outcome", "document_types": f"{K}f_type", "text": f"{K}f_q",
}
_YEARS = f"{K}f_years"


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in PARAMS.values() if k in st.query_params}


def _seed_widgets(f: Filters, opts: dict[str, Any]) -> None:
    """Put a filter state into the widgets (before they are drawn), keeping only values that exist."""
    allowed = {
        "municipalities": opts["municipalities"], "states": opts["states"], "levels": opts["levels"],
        "categories": opts["categories"], "outcomes": opts["outcomes"], "document_types": opts["document_types"],
    }
    for field, key in _WIDGETS.items():
        value = getattr(f, field)
        st.session_state[key] = value if field == "text" else [v for v in value if v in allowed[field]]
    first, last = opts["first_year"], opts["last_year"]
    if first is not None and last is not None and first < last:
        lo = min(max(first, f.year_from or first), last)
        hi = max(min(last, f.year_to or last), first)
        st.session_state[_YEARS] = (min(lo, hi), max(lo, hi))


def _from_widgets() -> Filters:
    """The filter state the widgets show now."""
    ss = st.session_state
    bounds = ss.get(f"{K}year_bounds")
    years = ss.get(_YEARS)
    year_from = year_to = None
    if years is not None and bounds is not None:
        year_from = years[0] if years[0] != bounds[0] else None
        year_to = years[1] if years[1] != bounds[1] else None
    return Filters(
        municipalities=tuple(ss.get(_WIDGETS["municipalities"], ())), states=tuple(ss.get(_WIDGETS["states"], ())),
        levels=tuple(ss.get(_WIDGETS["levels"], ())), year_from=year_from, year_to=year_to,
        categories=tuple(ss.get(_WIDGETS["categories"], ())), outcomes=tuple(ss.get(_WIDGETS["outcomes"], ())),
        document_types=tuple(ss.get(_WIDGETS["document_types"], ())),
        text=(ss.get(_WIDGETS["text"]) or "").strip(),
    )


def _on_change() -> None:
    # runs before the page script: the widgets' new values become the kept filter state
    st.session_state[f"{K}filters"] = _from_widgets()


def _on_reset() -> None:
    st.session_state[f"{K}filters"] = Filters()


def filter_sidebar() -> Filters:
    """Filter widgets in the sidebar. The state comes from the URL when a link is opened, is kept while the
    visitor moves between pages, and is written back to the URL on every run, so a copied link reproduces it."""
    lg = lang()
    opts = options()
    url = _url_params()
    if f"{K}filters" not in st.session_state or (url and url != st.session_state.get(f"{K}last_query")):
        st.session_state[f"{K}filters"] = from_query(url)  # first visit, or a link with other filters
    first, last_year = opts["first_year"], opts["last_year"]
    st.session_state[f"{K}year_bounds"] = (first, last_year)
    _seed_widgets(st.session_state[f"{K}filters"], opts)

    sb = st.sidebar
    sb.header(t("filter.header", lg))
    common = {"on_change": _on_change}
    many = {"on_change": _on_change, "placeholder": t("filter.all", lg)}
    sb.text_input(t("filter.text", lg), key=_WIDGETS["text"], **common)
    sb.multiselect(t("filter.municipality", lg), opts["municipalities"], key=_WIDGETS["municipalities"], **many)
    sb.multiselect(t("filter.state", lg), opts["states"], key=_WIDGETS["states"], **many)
    sb.multiselect(t("filter.level", lg), opts["levels"], key=_WIDGETS["levels"],
                   format_func=lambda v: label(LEVELS, v, lg), **many)
    if first is not None and last_year is not None and first < last_year:
        sb.slider(t("filter.years", lg), min_value=first, max_value=last_year, key=_YEARS, **common)
    else:
        st.session_state.pop(_YEARS, None)
    sb.multiselect(t("filter.category", lg), opts["categories"], key=_WIDGETS["categories"],
                   format_func=lambda v: category_label(v, lg), **many)
    sb.multiselect(t("filter.outcome", lg), opts["outcomes"], key=_WIDGETS["outcomes"],
                   format_func=lambda v: label(OUTCOMES, v, lg), **many)
    sb.multiselect(t("filter.document_type", lg), opts["document_types"], key=_WIDGETS["document_types"],
                   format_func=lambda v: label(DOCUMENT_TYPES, v, lg), **many)
    sb.button(t("filter.reset", lg), on_click=_on_reset, key=f"{K}f_reset")
    sb.caption(t("filter.share", lg))

    f = _from_widgets()
    st.session_state[f"{K}filters"] = f
    q = to_query(f)
    for key in PARAMS.values():
        if key in q:
            st.query_params[key] = q[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[f"{K}last_query"] = q
    return f


def tabs_in_url(keys: tuple[str, ...], lg: str, key: str = "tab") -> Sequence[Any]:
    """``st.tabs`` of the labels ``keys`` (i18n) whose open tab is tracked (``tab.open``; a tab change reruns
    the page) and kept in the URL as ``key=<label>`` (left out for the first tab). A tab named in the other
    language (a language switch, a shared link) opens the same tab; an unknown name the first."""
    labels = [t(k, lg) for k in keys]
    named = {t(k, other): i for other in LANGS for i, k in enumerate(keys)}
    wanted = st.session_state.get(key) or st.query_params.get(key)
    st.session_state[key] = labels[named.get(wanted, 0)]
    containers = st.tabs(labels, key=key, on_change="rerun")
    if st.session_state[key] == labels[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = st.session_state[key]
    return containers


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as CSV for spreadsheets; text cells that a spreadsheet would run as a formula are neutralised
    (``ratsradar.export.neutralise_frame``)."""
    from ratsradar.export import neutralise_frame

    return neutralise_frame(df).to_csv(index=False).encode("utf-8")


def base_url() -> str:
    """The app's public address (scheme, host and any path prefix, without the page), for permanent links:
    ``RATSRADAR_PUBLIC_URL`` when set, else what the browser shows, else http://localhost:8501."""
    import os
    from urllib.parse import urlsplit

    configured = os.environ.get("RATSRADAR_PUBLIC_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    try:
        current = st.context.url
    except Exception:  # noqa: BLE001  (no browser context, e.g. in AppTest)
        current = None
    if current:
        parts = urlsplit(current)
        if parts.scheme in ("http", "https") and parts.netloc:
            path = parts.path.rstrip("/")
            prefix = path.rsplit("/", 1)[0] if "/" in path else ""
            return f"{parts.scheme}://{parts.netloc}{prefix}"
    return "http://localhost:8501"


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def kv_block(rows: list[tuple[str, str]]) -> None:
    """Label/value pairs as compact lines (values are user data: escaped)."""
    st.markdown("  \n".join(f"**{md_escape(k)}:** {md_escape(v)}" for k, v in rows))


def md_escape(text: str | None) -> str:
    """User-supplied text shown through Markdown: every markup character escaped, so it renders as typed."""
    if not text:
        return ""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


# --- accounts: login in the sidebar, the current user ------------------------------------------------------

_USER = f"{K}user_id"


def _oidc_providers() -> list[str | None]:
    """The OpenID Connect providers configured in ``.streamlit/secrets.toml`` ``[auth]``: ``[None]`` for a
    single default provider (``client_id`` directly under ``[auth]``), or the names of ``[auth.NAME]``
    sections; ``[]`` when login with OpenID Connect is not configured."""
    try:
        conf = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return []
    if not conf:
        return []
    if "client_id" in conf:
        return [None]
    return [name for name, value in conf.items() if hasattr(value, "get") and "client_id" in value]


def _oidc_user() -> Any:
    """The account an OpenID Connect login maps to (``None`` when nobody is logged in that way or the identity
    has no active account)."""
    from ratsradar import auth

    try:
        if not st.user.is_logged_in:
            return None
        subject, email = st.user.get("sub"), st.user.get("email")
    except Exception:
        return None
    with Session(engine(), expire_on_commit=False) as s:
        user = auth.user_for_oidc(s, subject=subject, email=email)
        s.commit()  # the subject is remembered on first login
        return user


def current_user() -> Any:
    """The logged-in account (``models.User``, re-read from the database on every run, so a disabled account is
    logged out at once), or ``None`` for a visitor. Display only: every write checks again on the server."""
    from models import User

    uid = st.session_state.get(_USER)
    if uid is not None:
        with Session(engine()) as s:
            user = s.get(User, uid)
        if user is not None and user.active:
            return user
        st.session_state.pop(_USER, None)
    if _oidc_providers():
        user = _oidc_user()
        if user is not None:
            st.session_state[_USER] = user.id
            return user
    return None


def _on_login() -> None:
    from ratsradar import auth

    name = st.session_state.get(f"{K}login_user") or ""
    password = st.session_state.get(f"{K}login_pw") or ""
    st.session_state[f"{K}login_pw"] = ""
    try:
        with Session(engine(), expire_on_commit=False) as s:
            user = auth.authenticate(s, name, password)
            s.commit()  # an outdated hash is replaced
    except auth.LoginLocked as exc:
        st.session_state[f"{K}login_failed"] = True
        st.session_state[f"{K}login_locked"] = max(1, round(exc.retry_after_s / 60))  # minutes to wait
        return
    st.session_state.pop(f"{K}login_locked", None)
    if user is None:
        st.session_state[f"{K}login_failed"] = True
    else:
        st.session_state[_USER] = user.id
        st.session_state.pop(f"{K}login_failed", None)


def _on_logout() -> None:
    st.session_state.pop(_USER, None)


def login_sidebar() -> Any:
    """The login section of the sidebar: who is logged in and a logout button, or the login form (built-in
    accounts) and the OpenID Connect buttons when configured. Returns the current user."""
    from ratsradar import auth

    lg = lang()
    user = current_user()
    sb = st.sidebar
    if user is not None:
        sb.markdown(":material/person: " + t("login.signed_in", lg, name=md_escape(user.display_name or user.username),
                                             role=t(f"role.{user.role}", lg)))
        scope = auth.scope_of(user)
        if scope and user.role == "moderator":
            sb.caption(t("login.scope", lg, places=", ".join(scope)))
        oidc = False
        try:
            oidc = bool(st.user.is_logged_in)
        except Exception:
            pass
        if oidc:
            if sb.button(t("login.logout", lg), key=f"{K}logout", icon=":material/logout:"):
                _on_logout()
                st.logout()
        else:
            sb.button(t("login.logout", lg), key=f"{K}logout", on_click=_on_logout, icon=":material/logout:")
        return user
    with sb.expander(":material/login: " + t("login.header", lg),
                     expanded=bool(st.session_state.get(f"{K}login_failed"))):
        providers = _oidc_providers()
        try:
            unknown = providers and st.user.is_logged_in
        except Exception:
            unknown = False
        if unknown:
            st.warning(t("login.oidc_unknown", lg, who=md_escape(st.user.get("email") or st.user.get("sub") or "?")))
            if st.button(t("login.logout", lg), key=f"{K}oidc_logout"):
                st.logout()
        for name in providers:
            label = t("login.oidc", lg, provider=(name or "OpenID Connect").title() if name else "OpenID Connect")
            if st.button(label, key=f"{K}oidc_{name or 'default'}", icon=":material/key:"):
                st.login(name) if name else st.login()
        with st.form(f"{K}login_form", border=False, clear_on_submit=False):
            st.text_input(t("login.username", lg), key=f"{K}login_user", max_chars=64, autocomplete="username")
            st.text_input(t("login.password", lg), type="password", key=f"{K}login_pw", max_chars=256,
                          autocomplete="current-password")
            st.form_submit_button(t("login.submit", lg), on_click=_on_login, key=f"{K}login_submit")
        if st.session_state.get(f"{K}login_locked"):
            st.error(t("login.locked", lg, minutes=st.session_state[f"{K}login_locked"]))
        elif st.session_state.get(f"{K}login_failed"):
            st.error(t("login.failed", lg))
        st.caption(t("login.how", lg))
    return None
