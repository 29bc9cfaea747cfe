"""The ``users`` table: accounts of the review app (hashes only; hashing lives in review)."""

from __future__ import annotations

import sqlite_utils

from . import now
from .db import transaction

Db = sqlite_utils.Database


def exists(db: Db, username: str) -> bool:
    return bool(db["users"].count_where("username = ?", [username]))


def put(db: Db, username: str, password_hash: str, role: str, region: str | None, session_version: int) -> None:
    """Create or replace an account (active)."""
    with transaction(db):
        db["users"].upsert({"username": username, "password_hash": password_hash, "role": role, "region": region,
                            "created_at": now(), "active": 1, "session_version": session_version}, pk="username")


def session_version(db: Db, username: str, active_only: bool = True) -> int | None:
    rows = list(db.query("select coalesce(session_version, 0) as v from users where username = ?"
                         + (" and active = 1" if active_only else ""), [username or ""]))
    return int(rows[0]["v"]) if rows else None


def bump_session(db: Db, username: str, **changes) -> None:
    """Change ``password_hash`` and/or ``active`` of an account; every session of it ends."""
    sets = "".join(f"{k} = ?, " for k in changes if k in ("password_hash", "active"))
    args = [v for k, v in changes.items() if k in ("password_hash", "active")]
    with transaction(db):
        db.execute(f"update users set {sets}session_version = coalesce(session_version, 0) + 1 where username = ?",
                   args + [username])


def active(db: Db, username: str) -> dict | None:
    """The row of an active account (None: none, or disabled)."""
    rows = list(db.query("select * from users where username = ? and active = 1", [username or ""]))
    return rows[0] if rows else None


def listing(db: Db) -> list[dict]:
    return list(db.query("select username, role, region, created_at, active from users order by username"))
