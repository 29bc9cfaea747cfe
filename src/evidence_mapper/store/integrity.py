"""Tamper evidence for the human record: ``decisions`` and ``audit_events``.

Both tables are append-only in the file (triggers refuse UPDATE and DELETE; with
``PRAGMA recursive_triggers`` on, ``INSERT OR REPLACE`` / ``REPLACE INTO`` fire the DELETE
trigger and are refused too). On top, every row carries a hash chain:

    row_hash = sha256(prev_hash + "\\n" + canonical(row))        prev_hash of row 1 = 64 zeros

where ``canonical(row)`` is the sorted JSON of the row's non-null columns (ids included, the
hash columns excluded, every value as text). Rows written before the chain existed have no
stored hash but are still folded into it, so the first chained row seals them. Changing,
removing, inserting or reordering any row breaks the chain from that row on; the latest
hash (the chain head) is in ``review export``'s ``final.json``, so a head kept elsewhere
shows a later truncation or rewrite too.

:func:`verify` checks the chain, the triggers and the tables and says what was altered;
:func:`check_open` refuses to open a workspace whose chained tables or triggers are gone
(instead of silently making new, empty ones).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from . import schema

CHAINED = ("decisions", "audit_events")
GENESIS = "0" * 64
HASH_COLS = ("prev_hash", "row_hash")
MARK = "integrity_chain"  # meta key: the chained tables and their triggers were in place


class TamperError(Exception):
    pass


def expected_triggers() -> dict[str, str]:
    out = {}
    for sql in schema.TRIGGERS:
        name = re.search(r"IF NOT EXISTS (\w+)", sql).group(1)
        out[name] = _norm(sql.replace("IF NOT EXISTS ", ""))
    return out


def _norm(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "").strip()).rstrip(";").strip().lower()


def _text(v: Any) -> str:
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def canonical(row: dict) -> str:
    return json.dumps({k: _text(v) for k, v in row.items() if v is not None and k not in HASH_COLS},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def link(prev: str, row: dict) -> str:
    return hashlib.sha256((prev + "\n" + canonical(row)).encode("utf-8")).hexdigest()


def _conn(db) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def _rows(conn: sqlite3.Connection, table: str):
    cur = conn.execute(f"select * from {table} order by id")
    cols = [c[0] for c in cur.description]
    for r in cur:
        yield dict(zip(cols, r))


def head(db, table: str) -> tuple[int, str]:
    """(rows, chain head) of ``table``: the last row's stored hash, or the chain computed over
    rows that have none."""
    conn = _conn(db)
    last = conn.execute(f"select id, row_hash from {table} order by id desc limit 1").fetchone()
    n = conn.execute(f"select count(*) from {table}").fetchone()[0]
    if last is None:
        return 0, GENESIS
    if last[1]:
        return n, last[1]
    h = GENESIS
    for r in _rows(conn, table):
        h = link(h, r)
    return n, h


def stamp(db, table: str, row: dict) -> dict:
    """``row`` with its id (the next one), ``prev_hash`` and ``row_hash``; call it inside the
    transaction that inserts the row (BEGIN IMMEDIATE), so no other writer comes between."""
    conn = _conn(db)
    row = dict(row)
    row["id"] = conn.execute(f"select coalesce(max(id), 0) + 1 from {table}").fetchone()[0]
    _, prev = head(conn, table)
    row["prev_hash"] = prev
    row["row_hash"] = link(prev, row)
    return row


def insert(db, table: str, row: dict) -> dict:
    """Stamp and insert one row of a chained table (inside the caller's transaction)."""
    conn = _conn(db)
    row = stamp(conn, table, row)
    conn.execute(f"insert into {table} ({','.join(row)}) values ({','.join('?' * len(row))})", list(row.values()))
    return row


def heads(db) -> dict:
    """``{table: {"rows": n, "head": hash}}`` of the chained tables (for exports)."""
    out = {}
    for t in CHAINED:
        n, h = head(db, t)
        out[t] = {"rows": n, "head": h}
    return out


# -- checks ------------------------------------------------------------------------------------

def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}


def _triggers(conn) -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in conn.execute("select name, tbl_name, sql from sqlite_master "
                                                     "where type = 'trigger'")}


def _marked(conn) -> bool:
    if "meta" not in _tables(conn):
        return False
    return conn.execute("select count(*) from meta where key = ?", [MARK]).fetchone()[0] > 0


def structure_problems(db) -> list[str]:
    """Missing chained tables, missing or altered append-only triggers, extra triggers on them."""
    conn = _conn(db)
    tables = _tables(conn)
    problems = [f"table {t} is missing (dropped)" for t in CHAINED if t not in tables]
    have = _triggers(conn)
    for name, sql in expected_triggers().items():
        if name not in have:
            problems.append(f"trigger {name} is missing (dropped): {name.split('_no_')[0]} can be changed")
        elif _norm(have[name][1]) != sql:
            problems.append(f"trigger {name} was altered")
    for name, (tbl, _) in have.items():
        if tbl in CHAINED and name not in expected_triggers():
            problems.append(f"unexpected trigger {name} on {tbl}")
    return problems


def check_open(db) -> None:
    """Raise :class:`TamperError` when a workspace that had its chained tables and triggers
    lost them (they would otherwise be made again, empty)."""
    conn = _conn(db)
    if not _marked(conn):
        return
    problems = structure_problems(conn)
    if problems:
        raise TamperError("tampering detected: " + "; ".join(problems)
                          + " (run 'evidence-mapper verify' and restore the workspace from a copy)")


def mark(db) -> None:
    """Record that the chained tables and triggers are in place (after ``schema.create``)."""
    conn = _conn(db)
    if not _marked(conn) and not structure_problems(conn):
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # opened read-only: marked by the next writer
            return
        try:
            conn.execute("insert or replace into meta (key, value) values (?, '1')", [MARK])
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            conn.execute("ROLLBACK")


def chain_problems(db, table: str, limit: int = 20) -> tuple[list[str], int, str]:
    """What is wrong with ``table``'s chain: (problems, rows, recomputed head)."""
    conn = _conn(db)
    cols = {r[1] for r in conn.execute(f"pragma table_info({table})")}
    if not set(HASH_COLS) <= cols:
        return [f"{table}: hash columns missing ({', '.join(HASH_COLS)})"], 0, GENESIS
    problems: list[str] = []
    h, n, prev_id, chained = GENESIS, 0, 0, False
    for r in _rows(conn, table):
        n += 1
        if r["id"] != prev_id + 1:
            problems.append(f"{table}: rows {prev_id + 1}..{r['id'] - 1} are missing (removed)")
        if r["row_hash"] is None:
            if chained:
                problems.append(f"{table} row {r['id']}: no hash (written or rewritten outside the chain)")
        else:
            chained = True
            if r["prev_hash"] != h:
                problems.append(f"{table} row {r['id']}: does not follow the row before it "
                                "(a row before it was changed, removed or inserted)")
            elif r["row_hash"] != link(h, r):
                problems.append(f"{table} row {r['id']}: content altered")
        h = r["row_hash"] or link(h, r)  # go on from the stored hash: each break is reported once
        prev_id = r["id"]
        if len(problems) >= limit:
            problems.append(f"{table}: more problems not listed")
            break
    return problems, n, h


def verify(path: str | Path, expected_head: str | None = None) -> dict:
    """Check a workspace file without changing it: SQLite's own check, the chained tables and
    their triggers, each chain, and (with ``expected_head``, e.g. from an earlier export) that
    the chain still holds that head. ``{"ok": bool, "problems": [...], "chains": {...}}``."""
    p = Path(path)
    dbp = p / "workspace.sqlite" if p.is_dir() else p
    if not dbp.is_file():
        return {"ok": False, "problems": [f"{dbp}: no workspace file"], "chains": {}}
    conn = sqlite3.connect(f"file:{dbp}?mode=ro", uri=True)
    try:
        problems: list[str] = []
        qc = conn.execute("pragma quick_check").fetchone()[0]
        if qc != "ok":
            problems.append(f"sqlite quick_check: {qc}")
        problems += structure_problems(conn)
        if not _marked(conn):
            problems.append("integrity mark missing from meta (never opened by this version, or removed)")
        chains = {}
        tables = _tables(conn)
        for t in CHAINED:
            if t not in tables:
                continue
            probs, n, h = chain_problems(conn, t)
            problems += probs
            stored = conn.execute(f"select row_hash from {t} order by id desc limit 1").fetchone()
            chains[t] = {"rows": n, "head": (stored[0] if stored and stored[0] else h)}
        if expected_head:
            found = any(conn.execute(f"select count(*) from {t} where row_hash = ?", [expected_head]).fetchone()[0]
                        for t in CHAINED if t in tables) or expected_head in {c["head"] for c in chains.values()}
            if not found:
                problems.append(f"chain head {expected_head[:16]}… is no longer in the chain "
                                "(rows were removed or rewritten since it was taken)")
        return {"ok": not problems, "problems": problems, "chains": chains}
    finally:
        conn.close()
