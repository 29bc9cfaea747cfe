"""Small reads the review app, the page renderer and the evaluator need: one document, one
page, one passage, the scores of a run, the audit events of an indicator. All SQL of those
callers is here."""

from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

Db = sqlite_utils.Database


def document(db: Db, sha: str) -> dict | None:
    """The ``documents`` row of ``sha`` (None: unknown)."""
    rows = list(db.query("select * from documents where sha256 = ?", [sha or ""]))
    return rows[0] if rows else None


def has_document(db: Db, sha: str) -> bool:
    return bool(db["documents"].count_where("sha256 = ?", [sha or ""]))


def document_shas(db: Db) -> set[str]:
    return {r["sha256"] for r in db.query("select sha256 from documents")}


def page(db: Db, sha: str, number: int) -> dict | None:
    """One page row (text, char_boxes, width, height, ...), None when there is none."""
    rows = list(db.query("select * from pages where doc_sha256 = ? and number = ?", [sha, number]))
    return rows[0] if rows else None


def page_texts(db: Db, sha: str) -> list[str]:
    """The text of every page of ``sha`` in order (empty pages left out)."""
    return [r["text"] for r in db.query("select text from pages where doc_sha256 = ? order by number", [sha])
            if r["text"]]


def passage(db: Db, passage_id: str, sha: str) -> dict | None:
    """A passage of document ``sha`` (None: not of that document)."""
    rows = list(db.query("select * from passages where id = ? and doc_sha256 = ?", [passage_id, sha]))
    return rows[0] if rows else None


def page_passages(db: Db, sha: str, number: int) -> list[dict]:
    return list(db.query("select id, char_start, char_end, legal_unit, text from passages where "
                         "doc_sha256 = ? and page = ? order by char_start", [sha, number]))


def doc_scores(db: Db, run_id: str) -> dict[str, dict]:
    """The document scores of a run by sha256."""
    return {d["doc_sha256"]: d for d in db.query("select * from doc_scores where run_id = ?", [run_id])}


def passage_score_max(db: Db, run_id: str) -> dict[int, float]:
    """The best passage score per indicator of a run."""
    return {r["indicator"]: r["s"] for r in db.query(
        "select indicator, max(score) as s from passage_scores where run_id = ? group by indicator", [run_id])}


def audit_events(db: Db, framework: str, indicator: int | None = None,
                 actions: Iterable[str] | None = None) -> list[dict]:
    """Audit events of a framework (an indicator, some actions), oldest first. Read through
    the connection itself, so it sees the rows of a transaction in progress."""
    sql = "select * from audit_events where framework = ?"
    args: list[Any] = [framework]
    if indicator is not None:
        sql += " and indicator = ?"
        args.append(indicator)
    if actions:
        acts = list(actions)
        sql += f" and action in ({','.join('?' * len(acts))})"
        args += acts
    cur = db.conn.execute(sql + " order by id", args)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
