"""Connections and transactions of a workspace file.

- The busy timeout is the first thing set on every connection, so a writer waits for another
  one (up to :data:`BUSY_TIMEOUT_S`) instead of failing with "database is locked".
- Every write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock before it
  reads, so it never has to upgrade a read snapshot later (which fails at once, whatever the
  busy timeout, when another writer committed in between). sqlite-utils' own ``atomic()``
  (used by insert/upsert/update/delete) goes through the same transaction.
- Opening never writes: the schema is created or migrated only when it is out of date and the
  file is writable; a read-only workspace (``chmod -w``) is opened read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import sqlite_utils

from . import schema

BUSY_TIMEOUT_S = float(os.environ.get("EVIDENCE_MAPPER_BUSY_TIMEOUT", "15"))  # seconds a writer waits
last_opened: Path | None = None  # the workspace file this process opened last (named in errors)


class WorkspaceDB(sqlite_utils.Database):
    """A sqlite-utils database whose transactions are ``BEGIN IMMEDIATE`` (nested: savepoints)."""

    readonly: bool = False

    @contextlib.contextmanager
    def atomic(self) -> Iterator["WorkspaceDB"]:
        with transaction(self):
            yield self


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One real write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any
    error; inside another one, a savepoint. (``with db.conn:`` is not one: it only commits
    what the driver happened to open.)"""
    conn = db.conn
    if conn.in_transaction:
        sp = f"em_{uuid.uuid4().hex}"
        conn.execute(f"SAVEPOINT {sp}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {sp}")
                conn.execute(f"RELEASE SAVEPOINT {sp}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {sp}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def writable(path: Path) -> bool:
    """True when the database file and its folder (for the -wal/-shm files) may be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _raw(path: Path, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
    if not readonly:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    else:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def connect(path: str | Path, *, readonly: bool | None = None) -> WorkspaceDB:
    """Open a workspace file: busy timeout first, foreign keys on; read-only when the file or its
    folder cannot be written (or ``readonly``). Writes nothing."""
    global last_opened
    p = Path(path)
    last_opened = p.parent
    ro = (not writable(p)) if readonly is None else readonly
    # a folder nobody may write holds no live writer: with no -wal file, the file is read as it is
    immutable = ro and not os.access(p.parent, os.W_OK) and not p.with_name(p.name + "-wal").exists()
    conn = _raw(p, ro, immutable)
    if ro and not immutable:
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
        except sqlite3.OperationalError:  # a WAL file with no -shm beside it in a read-only folder
            conn.close()
            conn = _raw(p, True, immutable=True)
    db = WorkspaceDB(conn)
    db.readonly = ro
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA recursive_triggers = ON")  # REPLACE's delete fires the append-only triggers
    return db


def schema_fingerprint() -> str:
    """What the current code's schema looks like; stored in ``meta`` so opening a workspace
    whose schema is current needs no write at all."""
    spec = {"version": schema.SCHEMA_VERSION,
            "tables": {n: {"columns": sorted(s["columns"]), "pk": s["pk"]} for n, s in schema.TABLES.items()},
            "indexes": [[t, list(c)] for t, c in schema.INDEXES], "triggers": list(schema.TRIGGERS)}
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _stored_fingerprint(db: sqlite_utils.Database) -> str | None:
    try:
        rows = db.execute("select value from meta where key = 'schema_fingerprint'").fetchall()
    except sqlite3.OperationalError:  # no meta table yet
        return None
    return rows[0][0] if rows else None


def ensure_schema(db: WorkspaceDB) -> bool:
    """Create or migrate the schema when it is out of date, in one write transaction; returns
    True when it wrote. A read-only workspace is left as it is (readers cope with an older one)."""
    want = schema_fingerprint()
    if _stored_fingerprint(db) == want or db.readonly:
        return False
    with transaction(db):
        if _stored_fingerprint(db) == want:  # another process migrated while this one waited
            return False
        schema.create(db)
        db["meta"].upsert({"key": "schema_fingerprint", "value": want}, pk="key")
    return True


def set_wal(db: sqlite_utils.Database) -> None:
    """WAL journal (readers never block the writer); a property of the file, set once."""
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")
