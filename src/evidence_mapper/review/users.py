"""Review accounts: username, argon2id password hash, role (assessor | region | admin).

Each account has a session version: a session cookie carries the version it was issued
under and is refused once the account's version moved on, so logout, a password change and
``users disable`` end every session of the account at once, server-side."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..store import Workspace, now, transaction
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
    if ws.db["users"].count_where("username = ?", [username]) and not replace:
        raise ReviewError(f"user {username!r} exists")
    version = session_version(ws, username, active_only=False)
    with transaction(ws.db):
        ws.db["users"].upsert({"username": username, "password_hash": _HASHER.hash(password), "role": role,
                               "region": region, "created_at": now(), "active": 1,
                               "session_version": (version or 0) + 1}, pk="username")
    return Actor(username, role, region)


def session_version(ws: Workspace, username: str, active_only: bool = True) -> int | None:
    """The account's session version (None: no such account, or disabled)."""
    rows = list(ws.db.query("select coalesce(session_version, 0) as v from users where username = ?"
                            + (" and active = 1" if active_only else ""), [username or ""]))
    return int(rows[0]["v"]) if rows else None


def end_sessions(ws: Workspace, username: str) -> None:
    """End every session of the account (logout everywhere)."""
    with ws.db.conn:
        ws.db.execute("update users set session_version = coalesce(session_version, 0) + 1 where username = ?",
                      [username])


def set_password(ws: Workspace, username: str, password: str) -> None:
    """A new password; every session of the account ends."""
    if len(password or "") < MIN_PASSWORD:
        raise ReviewError(f"password: at least {MIN_PASSWORD} characters")
    if not ws.db["users"].count_where("username = ?", [username]):
        raise ReviewError(f"no user {username!r}")
    with ws.db.conn:
        ws.db.execute("update users set password_hash = ?, session_version = coalesce(session_version, 0) + 1 "
                      "where username = ?", [_HASHER.hash(password), username])


def disable_user(ws: Workspace, username: str, active: bool = False) -> None:
    """Disable (or enable again) an account; disabling ends every session of it at once."""
    if not ws.db["users"].count_where("username = ?", [username]):
        raise ReviewError(f"no user {username!r}")
    with ws.db.conn:
        ws.db.execute("update users set active = ?, session_version = coalesce(session_version, 0) + 1 "
                      "where username = ?", [1 if active else 0, username])


def get_user(ws: Workspace, username: str) -> Actor | None:
    rows = list(ws.db.query("select * from users where username = ? and active = 1", [username]))
    if not rows:
        return None
    r = rows[0]
    return Actor(r["username"], r["role"], r["region"])


def authenticate(ws: Workspace, username: str, password: str) -> Actor | None:
    rows = list(ws.db.query("select * from users where username = ? and active = 1", [username or ""]))
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
    return list(ws.db.query("select username, role, region, created_at, active from users order by username"))
