"""Review accounts: username, argon2id password hash, role (assessor | region | admin)."""

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
    if ws.db["users"].count_where("username = ?", [username]) and not replace:
        raise ReviewError(f"user {username!r} exists")
    with transaction(ws.db):
        ws.db["users"].upsert({"username": username, "password_hash": _HASHER.hash(password), "role": role,
                               "region": region, "created_at": now(), "active": 1}, pk="username")
    return Actor(username, role, region)


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
