"""The batch's tables (``stage_results``, ``submissions``) and the rows a batch writes beside
the documents: every SQL statement of a batch is here; ``batch/`` calls these functions."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from ..types import IngestedDocument, Page
from . import decode_boxes, decode_conf, now  # the package is loaded first: this module is imported on use

# a re-analysis that would replace passages earlier runs still link to (foreign keys refuse it)
WriteConflict = sqlite3.IntegrityError

Db = sqlite_utils.Database


def stage_result(db: Db, sha: str, stage: str, version: str) -> dict | None:
    """A stored stage result of ``sha`` at ``version`` (None: none stored, or a null one)."""
    rows = list(db.query("select result_json from stage_results where sha256 = ? and stage = ? and version = ?",
                         [sha, stage, version]))
    return json.loads(rows[0]["result_json"] or "null") if rows else None


def has_stage(db: Db, sha: str, stage: str, version: str) -> bool:
    return bool(db["stage_results"].count_where("sha256 = ? and stage = ? and version = ?", [sha, stage, version]))


def put_stage(db: Db, sha: str, stage: str, version: str, result: Any, seconds: float = 0.0) -> None:
    db["stage_results"].upsert({"sha256": sha, "stage": stage, "version": version,
                                "result_json": json.dumps(result, ensure_ascii=False), "seconds": seconds,
                                "at": now()}, pk=("sha256", "stage", "version"))


def put_submission(db: Db, row: dict) -> None:
    """One file as it was filed (``path``, region, year, indicator, status), replaced by path."""
    db["submissions"].upsert(dict(row, at=now()), pk="path")


def has_submission(db: Db, path: str) -> bool:
    return bool(db["submissions"].count_where("path = ?", [path]))


def has_document(db: Db, sha: str) -> bool:
    return bool(db["documents"].count_where("sha256 = ?", [sha]))


def add_path(db: Db, path: str, sha: str) -> None:
    """Record that ``path`` holds the document ``sha`` (kept when already recorded)."""
    db["files"].insert({"path": path, "sha256": sha, "first_seen": now()}, ignore=True)


def clear_errors(db: Db, path: str) -> None:
    db["ingest_errors"].delete_where("path = ?", [path])


def put_error(db: Db, path: str, kind: str, detail: str) -> None:
    """The error of ``path``, replacing an earlier one (a re-run adds no duplicate)."""
    clear_errors(db, path)
    db["ingest_errors"].insert({"path": path, "kind": kind, "detail": detail, "at": now()})


def passage_keys(db: Db, sha: str) -> list[tuple]:
    """(local id, text, page, start, end, section, legal unit) of the stored passages of ``sha``."""
    return [(r["local_id"], r["text"], r["page"], r["char_start"], r["char_end"], r["section"], r["legal_unit"])
            for r in db.query("select * from passages where doc_sha256 = ? order by local_id", [sha])]


def passage_count(db: Db, sha: str) -> int:
    return db["passages"].count_where("doc_sha256 = ?", [sha])


def load_document(db: Db, sha: str) -> IngestedDocument:
    """A stored document's pages as ingest made them (nlp can run on them again)."""
    row = db["documents"].get(sha)
    pages = [Page(number=r["number"], text=r["text"], width=r["width"], height=r["height"],
                  char_boxes=decode_boxes(r["char_boxes"]), source=r["source"], ocr_confidence=r["ocr_confidence"],
                  char_conf=decode_conf(r.get("char_conf")))
             for r in db.query("select * from pages where doc_sha256 = ? order by number", [sha])]
    path = next(iter(db.query("select min(path) as p from files where sha256 = ?", [sha])))["p"] or sha
    return IngestedDocument(path=path, sha256=sha, size=row["size"] or 0, media_type=row["media_type"] or "",
                            pages=pages, skipped=[n for n in (row["notes"] or "").split("\n") if n])


def batch_documents(db: Db) -> list[str]:
    """The documents a batch read (not the ones that failed), by sha256."""
    return [r["sha256"] for r in db.query(
        "select distinct sha256 from submissions where sha256 is not null and status != 'error' order by sha256")]


def submission_rows(db: Db) -> list[dict]:
    """(region, year, sha256, status) of every submission."""
    return list(db.query("select region, year, sha256, status from submissions"))


def batch_run(db: Db, key: str) -> str | None:
    """The latest finished map run made for a batch key (its inputs), if any."""
    rows = list(db.query("select id from runs where kind = 'map' and finished_at is not null and "
                         "json_extract(params_json, '$.batch_key') = ? order by started_at desc limit 1", [key]))
    return rows[0]["id"] if rows else None


def region_errors(db: Db, region: str, year: int | None, no_region: str) -> int:
    """Files of a region (and year) that failed; ``no_region`` names files filed under none."""
    return db["submissions"].count_where("coalesce(region, ?) = ? and year is ? and status = 'error'",
                                         [no_region, region, year])


def filed_documents(db: Db) -> list[dict]:
    """Documents filed under an indicator folder (path, sha256, region, year, indicator)."""
    return list(db.query("select path, sha256, region, year, indicator from submissions "
                         "where indicator is not null and sha256 is not null and status = 'ok' order by path"))


def failed_submissions(db: Db) -> list[dict]:
    """Files that failed, with their latest error detail (path, error_kind, detail)."""
    return list(db.query("select s.path, s.error_kind, (select detail from ingest_errors e where e.path = s.path "
                         "order by e.id desc limit 1) as detail from submissions s where s.status = 'error' "
                         "order by s.path"))
