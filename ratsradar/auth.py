"""Accounts and roles: who may do what, checked on the server at the moment of each write.

Roles (each includes the rights of the one before):

- anyone (not logged in): view published decisions;
- ``contributor``: upload documents (they land in the review queue as drafts), edit and discard their OWN drafts;
- ``moderator``: review drafts, edit, publish, reject, discard and (soft-)delete decisions within the
  municipalities of their ``scope`` (an empty scope = all municipalities);
- ``admin``: everything, including restoring deleted decisions and managing accounts.

``require(user, action, …)`` raises ``PermissionDenied`` (with an i18n key) unless allowed. The domain functions
that write (``ratsradar.review``, ``manage``-functions here) re-read the acting account from the database inside
their transaction first (``fresh``), so a disabled account or a changed role takes effect at once, whatever the
UI still shows. Passwords are hashed with argon2id (``argon2.PasswordHasher``, salted per password); there are no default
accounts: the first admin is made with ``ratsradar user add NAME --role admin``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from models import AuditEntry, User

ROLES = ("contributor", "moderator", "admin")
RANK = {"contributor": 1, "moderator": 2, "admin": 3}
MIN_PASSWORD = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")

# action -> (lowest role, whether a municipality scope applies, whether owners below that role may act)
ACTIONS: dict[str, tuple[str, bool, bool]] = {
    "upload": ("contributor", False, False),
    "view_drafts": ("contributor", False, False),
    "edit_draft": ("moderator", True, True),  # contributors: their own drafts only
    "discard_draft": ("moderator", True, True),  # contributors: their own drafts only
    "edit_published": ("moderator", True, False),
    "publish": ("moderator", True, False),
    "reject": ("moderator", True, False),
    "delete": ("moderator", True, False),
    "restore": ("admin", False, False),
    "manage_users": ("admin", False, False),
}

# argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane): about 50 ms per hash here.
# Hashes made with other parameters still verify and are upgraded at the next login (check_needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_dummy: list[str] = []


def _dummy_hash() -> str:
    """A hash of nothing anyone knows: verified against when the account does not exist (same cost)."""
    if not _dummy:
        _dummy.append(_hasher.hash("not-a-password-of-anyone"))
    return _dummy[0]


class PermissionDenied(PermissionError):
    """An action the acting account may not take; ``key`` names the i18n message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class AccountError(ValueError):
    """Invalid account data (name taken, unknown role, short password); ``key`` names the i18n message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class SystemActor:
    """The operator at the command line (shell access to the server): acts as an admin without an account.
    Only code can pass it; no login ever yields it."""

    username: str = "cli"
    role: str = "admin"
    active: bool = True
    id: None = None
    scope: None = None
    display_name: str = "command line"


SYSTEM = SystemActor()


# --- passwords -------------------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AccountError("auth.error.password_short", n=MIN_PASSWORD)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; never raises for a malformed hash or a missing one."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


# --- scope -----------------------------------------------------------------------------------------------

def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def scope_of(user: Any) -> tuple[str, ...]:
    """The municipality names a moderator is limited to; () = all."""
    raw = getattr(user, "scope", None)
    if not raw:
        return ()
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = [x for x in raw.split(",")]
    return tuple(str(x).strip() for x in raw if str(x).strip())


def scope_json(names: Iterable[str] | None) -> str | None:
    clean = list(dict.fromkeys(" ".join(n.split()) for n in (names or ()) if n and n.strip()))
    return json.dumps(clean, ensure_ascii=False) if clean else None


def in_scope(user: Any, municipality: str | None) -> bool:
    scope = scope_of(user)
    if not scope:
        return True
    return municipality is not None and _norm(municipality) in {_norm(s) for s in scope}


# --- the check -------------------------------------------------------------------------------------------

def role_of(user: Any) -> str | None:
    return getattr(user, "role", None) if user is not None else None


def can(user: Any, action: str, **kwargs: Any) -> bool:
    try:
        require(user, action, **kwargs)
    except PermissionDenied:
        return False
    return True


def require(user: Any, action: str, *, municipality: str | None | Sequence[str | None] = (),
            owner_id: int | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may take ``action``.

    ``municipality``: the place(s) the action concerns (a name, ``None`` for "no place yet", or a list of these);
    checked against a moderator's scope. ``owner_id``: the account that uploaded the draft (for
    ``edit_draft``/``discard_draft``: a contributor may act only on their own)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None:
        raise PermissionDenied("auth.denied.login")
    if not getattr(user, "active", False):
        raise PermissionDenied("auth.denied.inactive")
    role = role_of(user)
    if role not in RANK:
        raise PermissionDenied("auth.denied.role")
    lowest, scoped, owners = ACTIONS[action]
    if owners and owner_id is not None and owner_id == getattr(user, "id", None):
        return  # one's own draft, whatever its place
    if RANK[role] < RANK[lowest]:
        raise PermissionDenied("auth.denied.owner" if owners else "auth.denied.role")
    if scoped and role != "admin":
        places = [municipality] if municipality is None or isinstance(municipality, str) else list(municipality)
        for place in places:
            if not in_scope(user, place):
                raise PermissionDenied("auth.denied.scope", place=place or "?")


def fresh(session: Session, user: Any) -> Any:
    """The acting account as the database has it now (role, scope, active), or ``None`` for anonymous.
    ``SYSTEM`` stays itself; a user object without a stored row counts as anonymous."""
    if user is None or user is SYSTEM:
        return user
    uid = getattr(user, "id", None)
    row = session.get(User, uid) if uid is not None else None
    if row is None:
        name = getattr(user, "username", None) if not isinstance(user, str) else user
        row = session.exec(select(User).where(User.username == name)).first() if name else None
    return row


def actor_name(user: Any) -> str | None:
    """The name written into audit entries and ``reviewed_by``."""
    if user is None:
        return None
    if isinstance(user, str):
        return user
    return getattr(user, "username", None)


# --- accounts --------------------------------------------------------------------------------------------

def _account_view(u: User) -> dict[str, Any]:
    """What an audit entry records about an account (never the password hash)."""
    return {"username": u.username, "display_name": u.display_name, "role": u.role, "scope": list(scope_of(u)),
            "active": u.active, "email": u.email, "oidc": bool(u.oidc_subject),
            "password": "set" if u.password_hash else None}


def _audit_user(session: Session, actor: Any, action: str, before: User | dict | None, after: User | None) -> None:
    b = _account_view(before) if isinstance(before, User) else before
    session.add(AuditEntry(actor=actor_name(actor), action=action, entity="user",
                           entity_id=f"user:{after.username if after else b['username']}",  # type: ignore[index]
                           before=json.dumps(b, ensure_ascii=False) if b else None,
                           after=json.dumps(_account_view(after), ensure_ascii=False) if after else None))


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("auth.error.role", role=role)
    return role


def normalise_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_RE.match(name):
        raise AccountError("auth.error.username", name=username)
    return name


def get_user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == (username or "").strip().lower())).first()


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.username))).all())


def create_user(session: Session, username: str, *, role: str, actor: Any, password: str | None = None,
                scope: Iterable[str] | None = None, display_name: str | None = None,
                oidc_subject: str | None = None, email: str | None = None) -> User:
    """A new account (admin or ``SYSTEM`` only), audited; no commit. Needs a password or an OIDC identity."""
    require(fresh(session, actor), "manage_users")
    name = normalise_username(username)
    _check_role(role)
    if password is None and not (oidc_subject or email):
        raise AccountError("auth.error.password_short", n=MIN_PASSWORD)
    if get_user(session, name) is not None:
        raise AccountError("auth.error.exists", name=name)
    user = User(username=name, display_name=(display_name or "").strip() or None, role=role,
                scope=scope_json(scope), password_hash=hash_password(password) if password is not None else None,
                oidc_subject=oidc_subject, email=(email or "").strip().lower() or None,
                created_by=actor_name(actor))
    session.add(user)
    session.flush()
    _audit_user(session, actor, "create", None, user)
    return user


def _target(session: Session, username: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise AccountError("auth.error.unknown", name=username)
    return user


def _last_admin_guard(session: Session, target: User, *, new_role: str | None = None,
                      new_active: bool | None = None) -> None:
    """Refuse to leave the installation without an active admin."""
    if target.role != "admin" or not target.active:
        return
    if (new_role is None or new_role == "admin") and (new_active is None or new_active):
        return
    others = session.exec(select(User).where(User.role == "admin", col(User.active).is_(True),
                                             User.id != target.id)).first()
    if others is None:
        raise AccountError("auth.error.last_admin")


def set_role(session: Session, username: str, *, role: str, actor: Any,
             scope: Iterable[str] | None = None) -> User:
    """Change an account's role and scope (admin only), audited; no commit."""
    require(fresh(session, actor), "manage_users")
    _check_role(role)
    user = _target(session, username)
    before = _account_view(user)
    _last_admin_guard(session, user, new_role=role)
    user.role = role
    user.scope = scope_json(scope)
    session.add(user)
    session.flush()
    _audit_user(session, actor, "edit", before, user)
    return user


def set_active(session: Session, username: str, *, active: bool, actor: Any) -> User:
    """Disable (or enable again) an account (admin only), audited; no commit. Accounts are never deleted."""
    require(fresh(session, actor), "manage_users")
    user = _target(session, username)
    before = _account_view(user)
    _last_admin_guard(session, user, new_active=active)
    user.active = active
    session.add(user)
    session.flush()
    _audit_user(session, actor, "disable" if not active else "enable", before, user)
    return user


def set_password(session: Session, username: str, *, password: str, actor: Any) -> User:
    """Set a new password (admin only), audited without the password; no commit."""
    require(fresh(session, actor), "manage_users")
    user = _target(session, username)
    before = _account_view(user)
    user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    _audit_user(session, actor, "password", before, user)
    return user


class LoginLocked(Exception):
    """Too many failed logins for one name: refused without checking the password for ``retry_after_s``."""

    def __init__(self, retry_after_s: float) -> None:
        super().__init__(f"locked for {retry_after_s:.0f} s")
        self.retry_after_s = retry_after_s


LOGIN_FAILURES = 5  # failed logins for one name within LOGIN_WINDOW_S lock that name ...
LOGIN_WINDOW_S = 900.0  # ... until the oldest of them is this old (per server process)
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()


def _throttle_key(username: str) -> str:
    return " ".join((username or "").split()).casefold()[:200]


def _check_throttle(key: str, now: float) -> None:
    with _failures_lock:
        recent = [t for t in _failures.get(key, []) if now - t < LOGIN_WINDOW_S]
        _failures[key] = recent
        if len(recent) >= LOGIN_FAILURES:
            raise LoginLocked(LOGIN_WINDOW_S - (now - recent[0]))


def _note_login(key: str, ok: bool, now: float) -> None:
    with _failures_lock:
        if ok:
            _failures.pop(key, None)
        else:
            _failures.setdefault(key, []).append(now)


def reset_login_failures() -> None:
    """Forget every failed login (a server restart does the same)."""
    with _failures_lock:
        _failures.clear()


def authenticate(session: Session, username: str, password: str, *, now: float | None = None) -> User | None:
    """The active account with this name and password, or ``None`` (same answer for a wrong name or a wrong
    password; a missing account costs the same hashing time). Rehashes an outdated hash; no commit.

    After ``LOGIN_FAILURES`` failed logins for a name within ``LOGIN_WINDOW_S`` the name is locked until the
    oldest of them has aged out: ``LoginLocked`` is raised without checking the password (whether or not the
    account exists). A successful login clears the count."""
    now = time.monotonic() if now is None else now
    key = _throttle_key(username)
    _check_throttle(key, now)
    try:
        name = normalise_username(username)
    except AccountError:
        verify_password(None, password or "")
        _note_login(key, False, now)
        return None
    user = get_user(session, name)
    ok = verify_password(user.password_hash if user else None, password or "")
    if not ok or user is None or not user.active:
        _note_login(key, False, now)
        return None
    _note_login(key, True, now)
    if _hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = _hasher.hash(password)
        session.add(user)
    return user


def user_for_oidc(session: Session, *, subject: str | None, email: str | None) -> User | None:
    """The active account an OpenID Connect login maps to: by subject first, then by e-mail (the subject is
    then remembered). Unknown identities get no account automatically: an admin creates it first."""
    user = None
    if subject:
        user = session.exec(select(User).where(User.oidc_subject == subject)).first()
    if user is None and email:
        user = session.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is not None and subject and not user.oidc_subject:
            user.oidc_subject = subject
            session.add(user)
    if user is None or not user.active:
        return None
    return user
