"""Review accounts: username, argon2id password hash, role (assessor | region | admin).

Each account has a session version: a session cookie carries the version it was issued
under and is refused once the account's version moved on, so logout, a password change and
``users disable`` end every session of the account at once, server-side."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..store import Workspace, accounts
from .core import ROLES, Actor, ReviewError

_HASHER = PasswordHasher()
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# verified against when the username is unknown, so a wrong name costs as long as a wrong password
_DUMMY = _HASHER.hash("not a password")
MIN_PASSWORD = 8


def add_user(ws: Workspace, username: str, password: str, role: str, region: str | None = None,
             replace: bool = False) -> Actor:
    if not _NAME.match(username or ""):
        raise ReviewError("username: 1-64 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise ReviewError(f"role must be one of {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise ReviewError(f"password: at least {MIN_PASSWORD} characters")
    if role == "region" and not region:
        region = ws.config.get("region")
        if not region and len(ws.run_regions()) > 1:
            raise ReviewError("a region account on a workspace with several regions must name its region "
                              "(--region): " + ", ".join(ws.run_regions()))
    if accounts.exists(ws.db, username) and not replace:
        raise ReviewError(f"user {username!r} exists")
    version = session_version(ws, username, active_only=False)
    accounts.put(ws.db, username, _HASHER.hash(password), role, region, (version or 0) + 1)
    return Actor(username, role, region)


def session_version(ws: Workspace, username: str, active_only: bool = True) -> int | None:
    """The account's session version (None: no such account, or disabled)."""
    return accounts.session_version(ws.db, username, active_only)


def end_sessions(ws: Workspace, username: str) -> None:
    """End every session of the account (logout everywhere)."""
    accounts.bump_session(ws.db, username)


def set_password(ws: Workspace, username: str, password: str) -> None:
    """A new password; every session of the account ends."""
    if len(password or "") < MIN_PASSWORD:
        raise ReviewError(f"password: at least {MIN_PASSWORD} characters")
    if not accounts.exists(ws.db, username):
        raise ReviewError(f"no user {username!r}")
    accounts.bump_session(ws.db, username, password_hash=_HASHER.hash(password))


def disable_user(ws: Workspace, username: str, active: bool = False) -> None:
    """Disable (or enable again) an account; disabling ends every session of it at once."""
    if not accounts.exists(ws.db, username):
        raise ReviewError(f"no user {username!r}")
    accounts.bump_session(ws.db, username, active=1 if active else 0)


def get_user(ws: Workspace, username: str) -> Actor | None:
    r = accounts.active(ws.db, username)
    if r is None:
        return None
    return Actor(r["username"], r["role"], r["region"])


def authenticate(ws: Workspace, username: str, password: str) -> Actor | None:
    row = accounts.active(ws.db, username)
    rows = [row] if row else []
    try:
        if not rows:
            _HASHER.verify(_DUMMY, password or "")
            return None
        _HASHER.verify(rows[0]["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not rows:
        return None
    r = rows[0]
    return Actor(r["username"], r["role"], r["region"])


def list_users(ws: Workspace) -> list[dict]:
    return accounts.listing(ws.db)
