"""The role matrix, proven against the domain functions on SQLite and PostgreSQL.

Actors: anonymous, the contributor who uploaded the draft (owner), another contributor, a moderator of the
draft's place (Dortmund), a moderator of another place (München), an admin. Actions: upload, edit the owner's
draft, publish, reject, discard, soft-delete a published decision, restore a deleted one, manage accounts.
Each is allowed (and audited with the actor's name) or refused with the right i18n key -- and a refused action
changes nothing: rows, statuses, audit entries, accounts and stored files are exactly as before.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, func, select

from models import AuditEntry, Decision, Document, Measure, User, session_scope
from ratsradar import auth, queries, review
from ratsradar.export import published_records
from ratsradar.extraction import extract_bytes
from ratsradar.filters import Filters
from ratsradar.paths import files_dir
from tests import factories, pdfgen

ACTORS = ["anonymous", "owner", "other_contributor", "moderator_in_scope", "moderator_out_of_scope", "admin"]
OK = None
LOGIN, ROLE, OWNER, SCOPE = "auth.denied.login", "auth.denied.role", "auth.denied.owner", "auth.denied.scope"

#                 anonymous owner  other  mod-in  mod-out  admin
MATRIX = {
    "upload":       (LOGIN, OK, OK, OK, OK, OK),
    "edit_draft":   (LOGIN, OK, OWNER, OK, SCOPE, OK),
    "publish":      (LOGIN, ROLE, ROLE, OK, SCOPE, OK),
    "reject":       (LOGIN, ROLE, ROLE, OK, SCOPE, OK),
    "discard":      (LOGIN, OK, OWNER, OK, SCOPE, OK),
    "soft_delete":  (LOGIN, ROLE, ROLE, OK, SCOPE, OK),
    "restore":      (LOGIN, ROLE, ROLE, ROLE, ROLE, OK),
    "manage_users": (LOGIN, ROLE, ROLE, ROLE, ROLE, OK),
}
AUDIT_ACTION = {"upload": "create", "edit_draft": "edit", "publish": "publish", "reject": "reject",
                "discard": "discard", "soft_delete": "delete", "restore": "restore", "manage_users": "create"}


@pytest.fixture(scope="module")
def extracted():
    """Real extractions, made once: the draft's document (Dortmund) and another file to upload."""
    out = {}
    for key, pages in (("draft", pdfgen.DORTMUND_PROPOSAL), ("other", pdfgen.MINUTES_DE)):
        data = pdfgen.pdf_bytes(pages)
        out[key] = (data, extract_bytes(data, f"{key}.pdf", ocr=False))
    assert out["draft"][1].document.municipality == "Dortmund"
    return out


def _account(session: Session, name: str, role: str, scope=None) -> User:
    # an OpenID-style account (no password): the matrix does not need argon2's deliberate slowness
    return auth.create_user(session, name, role=role, actor=auth.SYSTEM, scope=scope, email=f"{name}@example.org")


@pytest.fixture()
def world(engine, extracted):
    """Accounts, the owner's draft (Dortmund), a published and a soft-deleted Dortmund decision."""
    with session_scope(engine) as s:
        users = {
            "owner": _account(s, "cora", "contributor"),
            "other_contributor": _account(s, "otto", "contributor"),
            "moderator_in_scope": _account(s, "mona", "moderator", ["Dortmund"]),
            "moderator_out_of_scope": _account(s, "mark", "moderator", ["München"]),
            "admin": _account(s, "ada", "admin"),
        }
        do = factories.municipality(s, "Dortmund")
        factories.decision(s, do, dt.date(2022, 12, 15), ["strategy"], uid="PUB-1")
        gone = factories.decision(s, do, dt.date(2021, 1, 1), ["strategy"], uid="DEL-1")
        gone.deleted_at, gone.deleted_by = dt.datetime(2024, 1, 1), "ada"
        s.add(gone)
    users["anonymous"] = None
    data, result = extracted["draft"]
    out = review.upload(engine, data, "vorlage.pdf", actor=users["owner"], extract=lambda _d, _n: result)
    assert out.status == "created"
    return {"users": users, "document_id": out.document_id, "decision_id": out.decision_ids[0],
            "other": extracted["other"]}


def perform(engine, world, action: str, user) -> None:  # type: ignore[no-untyped-def]
    doc_id, dec_id = world["document_id"], world["decision_id"]
    if action == "upload":
        data, result = world["other"]
        out = review.upload(engine, data, "neu.pdf", actor=user, extract=lambda _d, _n: result)
        assert out.status == "created"
    elif action == "edit_draft":
        review.save_edits(engine, [review.DecisionEdit(dec_id, changes={"title": "Korrigierter Titel"})], actor=user)
    elif action == "publish":
        review.publish_document(engine, doc_id, actor=user, municipality="Dortmund")
    elif action == "reject":
        review.reject_document(engine, doc_id, actor=user, reason="kein Ratsbeschluss")
    elif action == "discard":
        review.discard_document(engine, doc_id, actor=user)
    elif action == "soft_delete":
        review.delete_decision(engine, "PUB-1", actor=user, reason="doppelt")
    elif action == "restore":
        review.restore_decision(engine, "DEL-1", actor=user)
    elif action == "manage_users":
        with session_scope(engine) as s:
            auth.create_user(s, "neu", role="contributor", actor=user, email="neu@example.org")
    else:  # pragma: no cover
        raise AssertionError(action)


def state(engine) -> dict:
    """Everything a refused action must leave untouched."""
    with Session(engine) as s:
        return {
            "decisions": sorted((d.uid, d.review_status, d.title, d.deleted_at, d.municipality_id, d.reviewed_by)
                                for d in s.exec(select(Decision))),
            "documents": sorted(d.sha256 for d in s.exec(select(Document))),
            "measures": s.exec(select(func.count()).select_from(Measure)).one(),
            "audit": s.exec(select(func.count()).select_from(AuditEntry)).one(),
            "users": sorted((u.username, u.role, u.active, u.scope) for u in s.exec(select(User))),
            "files": sorted(p.name for p in files_dir().rglob("*") if p.is_file()),
        }


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("action", list(MATRIX))
def test_role_matrix(engine, world, action, who):
    expected = MATRIX[action][ACTORS.index(who)]
    user = world["users"][who]
    before = state(engine)
    if expected is OK:
        perform(engine, world, action, user)
        with Session(engine) as s:
            last = s.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).first()
        assert (last.action, last.actor) == (AUDIT_ACTION[action], user.username)
        assert state(engine) != before
    else:
        with pytest.raises(auth.PermissionDenied) as err:
            perform(engine, world, action, user)
        assert err.value.key == expected
        assert state(engine) == before, "a refused action changed something"


def test_contributor_cannot_publish_own_draft_even_with_edits(engine, world):
    owner = world["users"]["owner"]
    before = state(engine)
    edit = review.DecisionEdit(world["decision_id"], changes={"title": "Selbst freigegeben"})
    with pytest.raises(auth.PermissionDenied) as err:
        review.publish_document(engine, world["document_id"], actor=owner, edits=[edit], municipality="Dortmund")
    assert err.value.key == ROLE
    assert state(engine) == before


def test_moderator_cannot_move_a_draft_out_of_scope(engine, world):
    mona = world["users"]["moderator_in_scope"]
    before = state(engine)
    with pytest.raises(auth.PermissionDenied) as err:
        review.publish_document(engine, world["document_id"], actor=mona, municipality="München")
    assert (err.value.key, err.value.params) == (SCOPE, {"place": "München"})
    assert state(engine) == before


def test_contributor_cannot_edit_published_decisions(engine, world):
    cora = world["users"]["owner"]
    review.publish_document(engine, world["document_id"], actor=world["users"]["admin"], municipality="Dortmund")
    before = state(engine)
    with pytest.raises(auth.PermissionDenied) as err:
        review.save_edits(engine, [review.DecisionEdit(world["decision_id"], changes={"title": "x"})], actor=cora)
    assert err.value.key == ROLE
    assert state(engine) == before


def test_checks_use_the_account_as_stored_now(engine, world):
    """A user object in hand (e.g. a browser session) does not keep rights the account lost meanwhile."""
    mona = world["users"]["moderator_in_scope"]
    with session_scope(engine) as s:
        auth.set_role(s, "mona", role="contributor", actor=auth.SYSTEM)
    with pytest.raises(auth.PermissionDenied) as err:
        review.publish_document(engine, world["document_id"], actor=mona, municipality="Dortmund")
    assert err.value.key == ROLE
    admin = world["users"]["admin"]
    with session_scope(engine) as s:
        auth.create_user(s, "ada2", role="admin", actor=auth.SYSTEM, email="ada2@example.org")
        auth.set_active(s, "ada", active=False, actor=auth.SYSTEM)
    before = state(engine)
    with pytest.raises(auth.PermissionDenied) as err:
        review.publish_document(engine, world["document_id"], actor=admin, municipality="Dortmund")
    assert err.value.key == "auth.denied.inactive"
    assert state(engine) == before


def test_username_string_actor_needs_an_account(engine, world):
    with pytest.raises(auth.PermissionDenied) as err:
        review.publish_document(engine, world["document_id"], actor="nobody", municipality="Dortmund")
    assert err.value.key == LOGIN
    assert review.publish_document(engine, world["document_id"], actor="mona", municipality="Dortmund") == 1


@pytest.mark.parametrize(("who", "sees_draft"), [
    ("owner", True), ("other_contributor", False), ("moderator_in_scope", True),
    ("moderator_out_of_scope", False), ("admin", True)])
def test_review_queue_visibility(engine, world, who, sees_draft):
    with Session(engine) as s:
        drafts = review.list_drafts(s, user=world["users"][who])
    assert [d.document_id for d in drafts] == ([world["document_id"]] if sees_draft else [])


def test_review_queue_refuses_anonymous(engine, world):
    with Session(engine) as s, pytest.raises(auth.PermissionDenied):
        review.list_drafts(s, user=None)


def test_soft_delete_hides_everywhere_and_restore_brings_back(engine, world):
    mona, ada = world["users"]["moderator_in_scope"], world["users"]["admin"]

    def visible() -> dict:
        with Session(engine) as s:
            return {"table": "PUB-1" in set(queries.decisions(session=s, f=Filters())["uid"]),
                    "count": queries.headline(session=s, f=Filters())["decisions"],
                    "detail": queries.decision_detail(session=s, uid="PUB-1") is not None,
                    "export": any(r["uid"] == "PUB-1" for r in published_records(s))}

    shown = visible()
    assert shown["table"] and shown["detail"] and shown["export"]
    review.delete_decision(engine, "PUB-1", actor=mona, reason="doppelt erfasst")
    hidden = visible()
    assert not (hidden["table"] or hidden["detail"] or hidden["export"])
    assert hidden["count"] == shown["count"] - 1
    with Session(engine) as s:
        assert s.exec(select(Decision).where(Decision.uid == "PUB-1")).one().deleted_by == "mona"
        assert [d.uid for d in review.list_deleted(s, user=ada)] == ["PUB-1", "DEL-1"]
    with pytest.raises(review.ReviewError):
        review.delete_decision(engine, "PUB-1", actor=mona)
    review.restore_decision(engine, "PUB-1", actor=ada)
    assert visible() == shown
    with Session(engine) as s:
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.entity_id == "PUB-1")
                                             .order_by(col(AuditEntry.id)))]
    assert actions == ["delete", "restore"]


def test_discard_keeps_what_was_removed_in_the_audit(engine, world):
    import json

    review.discard_document(engine, world["document_id"], actor=world["users"]["owner"])
    with Session(engine) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "discard")).one()
        assert s.get(Document, world["document_id"]) is None
    removed = json.loads(entry.before)
    assert entry.actor == "cora"
    assert removed["file"] == "draft.pdf" and len(removed["sha256"]) == 64
    assert removed["items"] and removed["items"][0]["title"]
    assert "measures" in removed["items"][0]


def test_reject_keeps_the_document_with_reason(engine, world):
    import json

    n = review.reject_document(engine, world["document_id"], actor=world["users"]["moderator_in_scope"],
                               reason="kein Ratsbeschluss")
    assert n >= 1
    with Session(engine) as s:
        assert s.get(Document, world["document_id"]) is not None
        dec = s.get(Decision, world["decision_id"])
        assert (dec.review_status, dec.reviewed_by) == ("rejected", "mona")
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "reject")).first()
        assert json.loads(entry.after)["reason"] == "kein Ratsbeschluss"
        assert review.list_drafts(s) == []


def test_publish_at_upload_needs_an_unscoped_moderator(engine, world):
    data, result = world["other"]
    before = state(engine)
    with pytest.raises(auth.PermissionDenied) as err:
        review.upload(engine, data, "x.pdf", actor=world["users"]["moderator_in_scope"], publish=True,
                      extract=lambda _d, _n: result)
    assert err.value.key == SCOPE
    with pytest.raises(auth.PermissionDenied):
        review.upload(engine, data, "x.pdf", actor=world["users"]["owner"], publish=True,
                      extract=lambda _d, _n: result)
    assert state(engine) == before
    out = review.upload(engine, data, "x.pdf", actor=world["users"]["admin"], publish=True,
                        extract=lambda _d, _n: result)
    assert out.status == "created"


@pytest.mark.parametrize("who", ["owner", "moderator_in_scope"])
def test_only_admins_change_accounts(engine, world, who):
    user = world["users"][who]
    before = state(engine)
    with session_scope(engine) as s:
        with pytest.raises(auth.PermissionDenied):
            auth.set_role(s, "otto", role="admin", actor=user)
        with pytest.raises(auth.PermissionDenied):
            auth.set_active(s, "ada", active=False, actor=user)
        with pytest.raises(auth.PermissionDenied):
            auth.set_password(s, "ada", password="new-password-123", actor=user)
    assert state(engine) == before
