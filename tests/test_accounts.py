"""Accounts: password hashing, login, account management and its audit, the ``ratsradar user`` commands, the
readable history, adding new columns to an old database; AppTests of login/logout, the upload and review pages
by role, the admin page and delete/restore from the decision page. (The role matrix: tests/test_roles.py.)"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlmodel import Session, col, select

from models import AuditEntry, Decision, make_engine, session_scope
from ratsradar import auth, review
from ratsradar.history import changes, history_rows
from tests import factories, pdfgen
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, ERLANGEN_PROPOSAL, account, app, login, texts
from tests.test_cli import run


# --- passwords and login --------------------------------------------------------------------------------


def test_password_hashes_are_salted_argon2_and_verify():
    a, b = auth.hash_password("a-long-password"), auth.hash_password("a-long-password")
    assert a != b and a.startswith("$argon2id$") and "a-long-password" not in a
    assert auth.verify_password(a, "a-long-password")
    assert not auth.verify_password(a, "a-long-passwort")
    assert not auth.verify_password(None, "a-long-password")
    assert not auth.verify_password("garbage", "a-long-password")
    with pytest.raises(auth.AccountError) as err:
        auth.hash_password("short")
    assert err.value.key == "auth.error.password_short"


def test_authenticate(engine):
    with session_scope(engine) as s:
        auth.create_user(s, "Anna", role="contributor", actor=auth.SYSTEM, password="anna-password-1")
        auth.create_user(s, "root", role="admin", actor=auth.SYSTEM, password="root-password-1")
    with session_scope(engine) as s:
        assert auth.authenticate(s, "anna", "anna-password-1").username == "anna"
        assert auth.authenticate(s, " ANNA ", "anna-password-1").username == "anna"  # names are lower-case
        assert auth.authenticate(s, "anna", "wrong-password") is None
        assert auth.authenticate(s, "nobody", "anna-password-1") is None
        assert auth.authenticate(s, "not a name!", "x") is None
        auth.set_active(s, "anna", active=False, actor=auth.SYSTEM)
    with Session(engine) as s:
        assert auth.authenticate(s, "anna", "anna-password-1") is None


def test_repeated_failed_logins_lock_the_name_for_a_while(engine):
    """Regression: logins had no limit, so a password could be guessed online without end."""
    with session_scope(engine) as s:
        auth.create_user(s, "berta", role="contributor", actor=auth.SYSTEM, password="berta-password-1")
    t0 = 1000.0
    with Session(engine) as s:
        for i in range(auth.LOGIN_FAILURES):
            assert auth.authenticate(s, "berta", f"guess-{i}", now=t0 + i) is None
        with pytest.raises(auth.LoginLocked) as locked:  # even the right password, while locked
            auth.authenticate(s, " BERTA ", "berta-password-1", now=t0 + 10)
        assert 0 < locked.value.retry_after_s <= auth.LOGIN_WINDOW_S
        with pytest.raises(auth.LoginLocked):  # unknown names lock the same way (nothing is revealed)
            for i in range(auth.LOGIN_FAILURES + 1):
                auth.authenticate(s, "nobody", "x", now=t0 + i)
        assert auth.authenticate(s, "berta", "berta-password-1", now=t0 + auth.LOGIN_WINDOW_S) is not None
        # a success clears the count: a later mistake does not lock at once
        assert auth.authenticate(s, "berta", "wrong", now=t0 + auth.LOGIN_WINDOW_S + 1) is None
        assert auth.authenticate(s, "berta", "berta-password-1", now=t0 + auth.LOGIN_WINDOW_S + 2) is not None


def test_outdated_hash_is_upgraded_at_login(engine):
    from argon2 import PasswordHasher

    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("old-params-password")
    with session_scope(engine) as s:
        auth.create_user(s, "olga", role="contributor", actor=auth.SYSTEM, email="olga@example.org")
        auth.get_user(s, "olga").password_hash = old
    with session_scope(engine) as s:
        assert auth.authenticate(s, "olga", "old-params-password") is not None
    with Session(engine) as s:
        new = auth.get_user(s, "olga").password_hash
    assert new != old and auth.verify_password(new, "old-params-password")


def test_account_rules_and_audit(engine):
    with session_scope(engine) as s:
        admin = auth.create_user(s, "root", role="admin", actor=auth.SYSTEM, password="root-password-1")
        with pytest.raises(auth.AccountError) as err:
            auth.create_user(s, "root", role="admin", actor=auth.SYSTEM, password="root-password-1")
        assert err.value.key == "auth.error.exists"
        with pytest.raises(auth.AccountError) as err:
            auth.create_user(s, "x y", role="admin", actor=auth.SYSTEM, password="root-password-1")
        assert err.value.key == "auth.error.username"
        with pytest.raises(auth.AccountError) as err:
            auth.create_user(s, "z", role="king", actor=auth.SYSTEM, password="root-password-1")
        assert err.value.key == "auth.error.role"
        # the last active admin can neither be demoted nor disabled
        for call in (lambda: auth.set_role(s, "root", role="moderator", actor=admin),
                     lambda: auth.set_active(s, "root", active=False, actor=admin)):
            with pytest.raises(auth.AccountError) as err:
                call()
            assert err.value.key == "auth.error.last_admin"
        auth.create_user(s, "mo", role="contributor", actor=admin, password="mo-password-12")
        auth.set_role(s, "mo", role="moderator", scope=["Köln", " Bonn "], actor=admin)
        assert auth.scope_of(auth.get_user(s, "mo")) == ("Köln", "Bonn")
    with Session(engine) as s:
        entries = list(s.exec(select(AuditEntry).where(AuditEntry.entity == "user").order_by(col(AuditEntry.id))))
    assert [(e.action, e.actor, e.entity_id) for e in entries] == [
        ("create", "cli", "user:root"), ("create", "root", "user:mo"), ("edit", "root", "user:mo")]
    assert json.loads(entries[-1].before)["role"] == "contributor"
    assert json.loads(entries[-1].after)["scope"] == ["Köln", "Bonn"]
    assert all("argon2" not in (e.after or "") for e in entries), "audit entries never hold password hashes"


def test_scope_matching_ignores_case_and_spaces():
    mod = SimpleNamespace(role="moderator", active=True, id=1, scope='["Frankfurt am Main"]')
    assert auth.can(mod, "publish", municipality="frankfurt  am main")
    assert not auth.can(mod, "publish", municipality="Frankfurt (Oder)")
    assert not auth.can(mod, "publish", municipality=None)
    assert auth.can(SimpleNamespace(role="moderator", active=True, id=2, scope=None), "publish", municipality=None)


def test_oidc_login_maps_to_an_existing_account_only(engine):
    with session_scope(engine) as s:
        auth.create_user(s, "jo", role="moderator", actor=auth.SYSTEM, email="Jo@Example.org")
    with session_scope(engine) as s:
        assert auth.user_for_oidc(s, subject="sub-1", email="jo@example.org").username == "jo"
        assert auth.user_for_oidc(s, subject="sub-2", email="stranger@example.org") is None
    with Session(engine) as s:
        assert auth.user_for_oidc(s, subject="sub-1", email=None).username == "jo"  # the subject was kept


# --- the readable history -------------------------------------------------------------------------------


def test_history_rows_show_who_when_and_before_after():
    entry = SimpleNamespace(
        at=dt.datetime(2024, 5, 2, 14, 5), actor="mona", action="edit",
        before=json.dumps({"title": "Alt", "outcome": "unknown", "votes_yes": None, "relevant": True,
                           "measures": [{"category": "strategy", "direction": "advances"}]}),
        after=json.dumps({"title": "Neu", "outcome": "adopted", "votes_yes": 30, "relevant": True,
                          "measures": [{"category": "strategy", "direction": "advances"},
                                       {"category": "migration", "direction": "reverses"}]}))
    publish = SimpleNamespace(at=dt.datetime(2024, 5, 3, 9, 0), actor=None, action="publish",
                              before=json.dumps({"review_status": "draft"}),
                              after=json.dumps({"review_status": "published"}))
    de = history_rows([entry, publish], "de")
    assert de[0]["when"] == "02.05.2024, 14:05" and de[0]["who"] == "mona" and de[0]["action"] == "bearbeitet"
    assert "Titel: Alt → Neu" in de[0]["changes"]
    assert "Ja: – → 30" in de[0]["changes"]
    assert "Zum Thema" not in de[0]["changes"] and "betrifft" not in de[0]["changes"]  # unchanged: left out
    parts = de[0]["changes"].split("; ")
    assert len(parts) == 4, parts  # title, outcome, votes, measures
    assert (de[1]["when"], de[1]["who"], de[1]["action"]) == ("03.05.2024, 09:00", "unbekannt", "veröffentlicht")
    assert de[1]["changes"].endswith("Entwurf → veröffentlicht")
    en = history_rows([publish], "en")
    assert en[0]["action"] == "published" and en[0]["changes"].endswith("draft → published")


def test_history_changes_of_a_creation_and_a_removal():
    created = changes(None, {"file": "a.pdf", "decisions": 2}, "en")
    assert len(created) == 2 and created[0].endswith(": a.pdf") and created[1] == "Decisions: 2"
    assert changes({"deleted": False}, {"deleted": True, "reason": "doppelt"}, "de") == [
        "gelöscht: nein → ja", "Grund: doppelt"]


# --- command line ---------------------------------------------------------------------------------------


def test_cli_user_commands(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    empty = run("user", "list", env=env)
    assert empty.returncode == 0 and "no accounts yet" in empty.stdout
    short = run("user", "add", "root", "--role", "admin", "--password-stdin", env=env, input="short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    ok = run("user", "add", "root", "--role", "admin", "--password-stdin", env=env, input="root-password-1\n")
    assert ok.returncode == 0, ok.stderr
    assert run("user", "add", "mo", "--role", "moderator", "--scope", "Köln", "Bonn", "--password-stdin",
               env=env, input="mo-password-12\n").returncode == 0
    assert run("user", "add", "root", "--role", "admin", "--password-stdin", env=env,
               input="root-password-1\n").returncode == 1  # taken
    assert run("user", "set-role", "mo", "--role", "contributor", env=env).returncode == 0
    assert run("user", "disable", "mo", env=env).returncode == 0
    assert run("user", "disable", "root", env=env).returncode == 1  # the last admin
    listing = run("user", "list", env=env).stdout
    assert "root\tadmin\tactive" in listing and "mo\tcontributor\tdisabled" in listing
    engine = make_engine(env["DATABASE_URL"])
    with Session(engine) as s:
        root = auth.get_user(s, "root")
        assert root.password_hash.startswith("$argon2id$") and auth.verify_password(root.password_hash,
                                                                                    "root-password-1")
    engine.dispose()


def test_cli_ingest_needs_an_account_that_may(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "RATSRADAR_HOME": str(tmp_path / "home")}
    pdf = pdfgen.make_pdf(tmp_path / "a.pdf", pdfgen.DORTMUND_PROPOSAL)
    missing = run("ingest", str(pdf), env=env)
    assert missing.returncode == 2 and "--user USERNAME is required" in missing.stderr
    unknown = run("ingest", str(pdf), "--user", "ghost", env=env)
    assert unknown.returncode == 2 and "No account named ghost" in unknown.stderr
    run("user", "add", "cora", "--role", "contributor", "--password-stdin", env=env, input="cora-password-1\n")
    refused = run("ingest", str(pdf), "--user", "cora", "--publish", env=env)
    assert refused.returncode == 2 and "role does not allow" in refused.stderr
    ok = run("ingest", str(pdf), "--user", "cora", env=env)
    assert ok.returncode == 0 and "1 created" in ok.stdout
    engine = make_engine(env["DATABASE_URL"])
    with Session(engine) as s:
        from models import Document

        doc = s.exec(select(Document)).one()
        assert (doc.uploaded_by, doc.uploaded_by_user_id) == ("cora", auth.get_user(s, "cora").id)
    engine.dispose()


# --- an old database gets the new columns ----------------------------------------------------------------


def test_old_database_gets_new_columns(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE decision (id INTEGER PRIMARY KEY, uid VARCHAR NOT NULL, review_status VARCHAR "
                "NOT NULL, relevant BOOLEAN NOT NULL, outcome VARCHAR NOT NULL)")
    con.execute("INSERT INTO decision (uid, review_status, relevant, outcome) VALUES ('OLD-1', 'published', 1, "
                "'adopted')")
    con.commit()
    con.close()
    from models import init_db

    engine = make_engine(f"sqlite:///{path}")
    init_db(engine)
    with Session(engine) as s:
        dec = s.exec(select(Decision).where(Decision.uid == "OLD-1")).one()
        assert dec.deleted_at is None and dec.title_is_placeholder is False and dec.date_precision == "day"
    init_db(engine)  # a second time: nothing left to add
    engine.dispose()


# --- the pages ------------------------------------------------------------------------------------------


@pytest.fixture()
def db_file(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _user_id(db_file: str, name: str) -> int:
    engine = make_engine(db_file)
    with Session(engine) as s:
        uid = auth.get_user(s, name).id
    engine.dispose()
    return uid


def logged_in(db_file: str, name: str, role: str = "moderator", **params: str) -> AppTest:
    """A session in which ``name`` has logged in before: the app's first run (through app.py's sidebar and
    navigation). AppTest runs later reruns of a page without app.py, so the sidebar is checked on first runs."""
    account(name, role)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params)
    at.session_state["rr_user_id"] = _user_id(db_file, name)
    at.run()
    assert not at.exception, at.exception
    return at


def sidebar_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.sidebar.markdown] + [e.value for e in at.sidebar.error])


def test_login_form_says_when_a_name_is_locked(db_file):
    account("carla", "contributor")
    for i in range(auth.LOGIN_FAILURES):
        login(app(), "carla", f"guess-{i}")
    at = login(app(), "carla")  # the right password, too late
    assert "rr_user_id" not in at.session_state and at.session_state["rr_login_locked"] == 15
    shown = AppTest.from_file(APP, default_timeout=120)
    shown.query_params["lang"] = "en"
    shown.session_state["rr_login_locked"] = 15
    shown.run()
    assert "Too many failed logins with this name. Please try again in 15 minutes." in sidebar_text(shown)


def test_login_wrong_password_then_login_and_logout(db_file):
    account("anna", "contributor")
    at = app()
    assert at.text_input(key="rr_login_user") is not None and "Angemeldet" not in sidebar_text(at)
    login(at, "anna", "not-the-password")
    assert at.session_state["rr_login_failed"] is True and "rr_user_id" not in at.session_state
    shown = AppTest.from_file(APP, default_timeout=120)
    shown.session_state["rr_login_failed"] = True
    shown.run()
    assert "Benutzername oder Passwort falsch" in sidebar_text(shown)
    at = login(app(), "anna")
    assert at.session_state["rr_user_id"] == _user_id(db_file, "anna")
    at.switch_page("pages/upload.py").run()
    assert at.get("file_uploader"), "logged in: the upload form is there"

    session = logged_in(db_file, "anna", "contributor")
    assert "Angemeldet als **Anna** (Beitragende*r)" in sidebar_text(session)
    session.button(key="rr_logout").click().run()
    assert "rr_user_id" not in session.session_state
    session.switch_page("pages/upload.py").run()
    assert "Bitte melden Sie sich" in texts(session)


def test_disabled_account_is_logged_out_at_once(db_file):
    at = logged_in(db_file, "anna", "contributor")
    engine = make_engine(db_file)
    with session_scope(engine) as s:
        auth.set_active(s, "anna", active=False, actor=auth.SYSTEM)
    at.switch_page("pages/upload.py").run()
    assert "Bitte melden Sie sich" in texts(at)
    assert "rr_user_id" not in at.session_state


@pytest.mark.parametrize("lang", ["de", "en"])
def test_upload_and_review_need_login(db_file, lang):
    at = app("pages/upload.py", lang=lang)
    body = texts(at)
    assert ("Bitte melden Sie sich" if lang == "de" else "Please log in") in body
    assert not at.get("file_uploader")
    at.switch_page("pages/review.py").run()
    assert ("Entwürfe zu sehen" if lang == "de" else "see and review drafts") in texts(at)


def test_contributor_edits_own_draft_but_cannot_publish(db_file):
    at = app("pages/upload.py", user="cora", role="contributor")
    at.file_uploader(key="rr_up_files").set_value([("e.pdf", pdfgen.pdf_bytes(ERLANGEN_PROPOSAL), "application/pdf")])
    at.button(key="rr_up_submit").click().run()
    assert "Entwurf angelegt" in texts(at)
    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    assert "Sie sehen Ihre eigenen Entwürfe" in texts(at)
    labels = [b.label for b in at.button]
    assert "Veröffentlichen" not in labels and "Ablehnen (nicht veröffentlichen)" not in labels
    engine = make_engine(db_file)
    with Session(engine) as s:
        dec = s.exec(select(Decision).where(Decision.review_status == "draft")).one()
    at.text_input(key=f"rr_rev_{dec.id}_title").set_value("Von Cora verbessert")
    at.button(key="rr_rev_save").click().run()
    assert "Änderungen gespeichert" in texts(at)
    with Session(engine) as s:
        dec = s.get(Decision, dec.id)
        assert (dec.title, dec.review_status) == ("Von Cora verbessert", "draft")
        # the server refuses what the page does not offer
        with pytest.raises(auth.PermissionDenied):
            review.publish_document(engine, dec.document_id, actor="cora", municipality="Erlangen")
    # another contributor does not even see the draft
    other = app("pages/review.py", user="otto", role="contributor")
    assert "Keine Entwürfe offen" in texts(other)


def test_moderator_rejects_with_reason(db_file):
    at = app("pages/upload.py", user="mona")
    at.file_uploader(key="rr_up_files").set_value([("e.pdf", pdfgen.pdf_bytes(ERLANGEN_PROPOSAL), "application/pdf")])
    at.button(key="rr_up_submit").click().run()
    at.switch_page("pages/review.py").run()
    engine = make_engine(db_file)
    with Session(engine) as s:
        doc_id = s.exec(select(Decision).where(Decision.review_status == "draft")).first().document_id
    at.text_input(key=f"rr_rev_reason_{doc_id}").set_value("Doppelt eingereicht")
    at.button(key=f"rr_rev_reject_{doc_id}").click().run()
    assert not at.exception, at.exception
    assert "Abgelehnt" in texts(at)
    with Session(engine) as s:
        assert {d.review_status for d in s.exec(select(Decision).where(Decision.document_id == doc_id))} == {
            "rejected"}


def test_admin_page_only_for_admins_and_creates_accounts(db_file):
    mod = logged_in(db_file, "mona")
    assert "review.py" in _nav_files(mod) and "admin.py" not in _nav_files(mod)
    with pytest.raises(ValueError):  # not a page of a moderator's navigation at all
        mod.switch_page("pages/admin.py")
    at = logged_in(db_file, "root", "admin")
    assert "admin.py" in _nav_files(at)
    at.switch_page("pages/admin.py").run()
    assert not at.exception, at.exception
    at.text_input(key="rr_adm_new_name").set_value("neo")
    at.selectbox(key="rr_adm_new_role").set_value("moderator")
    at.text_input(key="rr_adm_new_scope").set_value("Köln, Bonn")
    at.button(key="rr_adm_create_submit").click().run()
    assert not at.exception, at.exception
    assert "Konto neo angelegt" in texts(at)
    one_time = at.code[0].value
    assert len(one_time) >= 12
    engine = make_engine(db_file)
    with Session(engine) as s:
        neo = auth.get_user(s, "neo")
        assert (neo.role, auth.scope_of(neo)) == ("moderator", ("Köln", "Bonn"))
        assert auth.verify_password(neo.password_hash, one_time)
    at.run()
    assert not at.code, "the one-time password is shown once"
    # disable it again
    at.selectbox(key="rr_adm_pick").set_value("neo").run()
    at.button(key="rr_adm_toggle_neo").click().run()
    with Session(engine) as s:
        assert auth.get_user(s, "neo").active is False


def test_admin_page_refuses_a_demoted_admin(db_file):
    """The page checks the role again: an admin demoted while the page is open sees the refusal."""
    account("root", "admin")
    at = logged_in(db_file, "boss", "admin")
    at.switch_page("pages/admin.py").run()
    assert at.text_input(key="rr_adm_new_name") is not None
    engine = make_engine(db_file)
    with session_scope(engine) as s:
        auth.set_role(s, "boss", role="moderator", actor=auth.SYSTEM)
    at.run()
    assert not at.exception
    assert "nur für die Administration" in texts(at)
    assert not any(w.key == "rr_adm_new_name" for w in at.text_input)


def test_moderator_deletes_from_the_decision_page_admin_restores_history_shows_it(db_file):
    engine = make_engine(db_file)
    from models import init_db

    init_db(engine)
    with session_scope(engine) as s:
        do = factories.municipality(s, "Dortmund")
        factories.decision(s, do, dt.date(2023, 3, 3), ["strategy"], uid="MOD-1", title="Zu löschender Beschluss")
    account("mona", "moderator", scope=["Dortmund"])
    visitor = app("pages/decisions.py")
    visitor.query_params["id"] = "MOD-1"
    visitor.run()
    assert not any(getattr(b, "key", "") == "rr_dec_delete_MOD-1" for b in visitor.button)
    out_of_scope = app(user="mark", role="moderator")
    _scope(engine, "mark", ["München"])
    out_of_scope.switch_page("pages/decisions.py")
    out_of_scope.query_params["id"] = "MOD-1"
    out_of_scope.run()
    assert not any(getattr(b, "key", "") == "rr_dec_delete_MOD-1" for b in out_of_scope.button)

    at = app(user="mona")
    at.switch_page("pages/decisions.py")
    at.query_params["id"] = "MOD-1"
    at.run()
    at.text_input(key="rr_dec_del_reason_MOD-1").set_value("Dublette")
    at.checkbox(key="rr_dec_del_confirm_MOD-1").check().run()
    at.button(key="rr_dec_delete_MOD-1").click().run()
    assert not at.exception, at.exception
    assert "Beschluss gelöscht" in texts(at)
    with Session(engine) as s:
        assert s.exec(select(Decision).where(Decision.uid == "MOD-1")).one().deleted_by == "mona"
    gone = app("pages/decisions.py")
    gone.query_params["id"] = "MOD-1"
    gone.run()
    assert "gibt es nicht" in texts(gone) and "Zu löschender Beschluss" not in texts(gone)

    admin = app("pages/admin.py", user="root", role="admin")
    assert "Zu löschender Beschluss" in texts(admin)
    admin.button(key="rr_adm_restore_MOD-1").click().run()
    assert "wiederhergestellt" in texts(admin)
    back = app("pages/decisions.py")
    back.query_params["id"] = "MOD-1"
    back.run()
    assert "Zu löschender Beschluss" in texts(back)
    history = next(df for df in back.dataframe if "changes" in df.value.columns).value
    assert list(history["action"]) == ["gelöscht", "wiederhergestellt"]
    assert list(history["who"]) == ["mona", "root"]
    assert "Grund: Dublette" in history["changes"].iloc[0]


def _scope(engine, name: str, scope: list[str]) -> None:
    with session_scope(engine) as s:
        auth.set_role(s, name, role="moderator", scope=scope, actor=auth.SYSTEM)


def _nav_files(at) -> list[str]:
    """The page files the navigation offers in the last run (AppTest keeps st.navigation's registry)."""
    return [Path(str(info.get("script_path"))).name for info in at._registered_pages.values()]  # noqa: SLF001


OIDC_SECRETS = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                "client_id": "cid", "client_secret": "cs",
                "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}


@pytest.mark.parametrize(("email", "expect"), [
    (None, "button"), ("jo@example.org", "logged_in"), ("stranger@example.org", "no_account")])
def test_oidc_login_when_configured(db_file, email, expect):
    """With ``[auth]`` in the secrets the sidebar offers st.login; an OIDC identity maps to its account only."""
    engine = make_engine(db_file)
    from models import init_db

    init_db(engine)
    with session_scope(engine) as s:
        auth.create_user(s, "jo", role="moderator", actor=auth.SYSTEM, email="jo@example.org")
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = OIDC_SECRETS
    if email:
        at.user = {"is_logged_in": True, "email": email, "sub": f"sub-{email}"}
    at.run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.sidebar.button]
    if expect == "button":
        assert "Mit OpenID Connect anmelden" in labels and "Abmelden" not in labels
    elif expect == "logged_in":
        assert "Angemeldet als **jo** (Moderation)" in sidebar_text(at) and "Abmelden" in labels
        with Session(engine) as s:
            assert auth.get_user(s, "jo").oidc_subject == "sub-jo@example.org"
    else:
        assert "kein aktives Ratsradar-Konto" in "\n".join(w.value for w in at.sidebar.warning)
        assert "rr_user_id" not in at.session_state


def test_no_login_button_without_oidc_secrets(db_file):
    at = app()
    assert not any("OpenID" in b.label for b in at.sidebar.button)
