"""The workspace schema: one SQLite file, readable with the sqlite3 shell or Datasette.

Machine output (documents, passages, scores, proposals, evidence links) and human decisions
are separate tables; decisions are appended, never updated.
"""

from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 1

TABLES: dict[str, dict] = {
    "documents": dict(
        columns={
            "sha256": str, "media_type": str, "size": int, "pages": int, "text_pages": int, "ocr_pages": int,
            "doc_type": str, "number": str, "year": int, "title": str, "issuer": str, "region": str,
            "status": str, "meta_json": str, "notes": str, "ingested_at": str, "ingest_version": str,
        },
        pk="sha256",
    ),
    "files": dict(  # every path a document was submitted under (one document, many paths)
        columns={"path": str, "sha256": str, "first_seen": str},
        pk="path",
        foreign_keys=[("sha256", "documents", "sha256")],
    ),
    "ingest_errors": dict(
        columns={"id": int, "path": str, "kind": str, "detail": str, "at": str},
        pk="id",
    ),
    "pages": dict(
        columns={"doc_sha256": str, "number": int, "text": str, "width": float, "height": float,
                 "source": str, "ocr_confidence": float, "char_boxes": bytes,
                 "char_conf": bytes},  # OCR pages: each character's word confidence (float32, NaN: none)
        pk=("doc_sha256", "number"),
        foreign_keys=[("doc_sha256", "documents", "sha256")],
    ),
    "passages": dict(
        columns={"id": str, "doc_sha256": str, "local_id": str, "page": int, "char_start": int, "char_end": int,
                 "x0": float, "y0": float, "x1": float, "y1": float, "text": str, "section": str,
                 "legal_unit": str, "source": str,
                 # line boxes of the passage ([[x0, y0, x1, y1], ...]), a table row's header, OCR confidence
                 "boxes_json": str, "context": str, "ocr_confidence": float},
        pk="id",
        foreign_keys=[("doc_sha256", "documents", "sha256")],
    ),
    "runs": dict(
        columns={"id": str, "kind": str, "framework": str, "model": str, "assessment_year": int,
                 "started_at": str, "finished_at": str, "params_json": str},
        pk="id",
    ),
    "doc_scores": dict(
        columns={"run_id": str, "doc_sha256": str, "framework": str, "evidence_score": float,
                 "is_evidence": int, "indicator_scores_json": str, "reasons_json": str},
        pk=("run_id", "doc_sha256"),
        foreign_keys=[("run_id", "runs", "id"), ("doc_sha256", "documents", "sha256")],
    ),
    "passage_scores": dict(
        columns={"run_id": str, "passage_id": str, "framework": str, "indicator": int, "score": float},
        pk=("run_id", "passage_id", "indicator"),
        foreign_keys=[("run_id", "runs", "id"), ("passage_id", "passages", "id")],
    ),
    "proposals": dict(
        columns={"id": str, "run_id": str, "framework": str, "indicator": int, "level": int,
                 "level_name": str, "confidence": float, "state": str, "notes_json": str,
                 "contradiction": int, "detail_json": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    ),
    "criterion_results": dict(
        columns={"proposal_id": str, "criterion_id": str, "level": int, "text": str, "state": str},
        pk=("proposal_id", "criterion_id"),
        foreign_keys=[("proposal_id", "proposals", "id")],
    ),
    "evidence_links": dict(
        columns={"id": int, "proposal_id": str, "criterion_id": str, "level": int, "passage_id": str,
                 "doc_sha256": str, "page": int, "char_start": int, "char_end": int,
                 "x0": float, "y0": float, "x1": float, "y1": float, "quote": str},
        pk="id",
        foreign_keys=[("proposal_id", "proposals", "id"), ("passage_id", "passages", "id"),
                      ("doc_sha256", "documents", "sha256")],
    ),
    "decisions": dict(  # human decisions: appended, never updated
        columns={"id": int, "framework": str, "indicator": int, "proposal_id": str, "action": str,
                 "level": int, "reason": str, "user": str, "at": str, "run_id": str, "model": str,
                 "evidence_hashes": str, "prev_hash": str, "row_hash": str},  # hash chain: store/integrity.py
        pk="id",
    ),
    # review workspace (evidence_mapper.review): accounts and the append-only audit trail
    "users": dict(
        columns={"username": str, "password_hash": str, "role": str, "region": str, "created_at": str,
                 "active": int, "session_version": int},  # session_version: +1 ends every session
        pk="username",
    ),
    "audit_events": dict(  # every review action: appended, never updated (triggers below)
        columns={"id": int, "at": str, "user": str, "role": str, "action": str, "framework": str,
                 "indicator": int, "proposal_id": str, "run_id": str, "model": str, "evidence_hashes": str,
                 "before_json": str, "after_json": str, "level": int, "reason": str, "payload_json": str,
                 "decision_id": int, "prev_hash": str, "row_hash": str},  # hash chain: store/integrity.py
        pk="id",
    ),
    "baselines": dict(  # official evaluation results (LHE) per region and year, one row per indicator
        columns={"framework": str, "region": str, "year": int, "indicator": int, "level": int,
                 "index_value": float, "predicate": str, "aspects_json": str, "domains_json": str,
                 "source_file": str, "source_sha256": str, "stored_at": str},
        pk=("framework", "region", "year", "indicator"),
    ),
    "topology_facts": dict(  # network facts read from topology diagrams at ingest (ingest/topology.py)
        columns={"id": int, "doc_sha256": str, "page": int, "kind": str, "value": str, "label": str,
                 "x0": float, "y0": float, "x1": float, "y1": float, "words_json": str, "basis": str,
                 "ends_json": str, "detail_json": str, "source": str},
        pk="id",
        foreign_keys=[("doc_sha256", "documents", "sha256")],
    ),
    # Batch runs (evidence_mapper.batch): what each stage produced for a content hash at a stage
    # version, so a re-run skips finished work and a new model version re-runs only its stages.
    "stage_results": dict(
        columns={"sha256": str, "stage": str, "version": str, "result_json": str, "seconds": float, "at": str},
        pk=("sha256", "stage", "version"),
    ),
    # Batch runs: every submitted path with what its folders say (region, year, indicator folder).
    "submissions": dict(
        columns={"path": str, "source_sha256": str, "sha256": str, "archive": str, "region": str, "year": int,
                 "indicator": int, "status": str, "error_kind": str, "at": str},
        pk="path",
    ),
}

INDEXES = [
    ("passages", ["doc_sha256", "page"]),
    ("passage_scores", ["run_id", "indicator"]),
    ("proposals", ["run_id", "indicator"]),
    ("evidence_links", ["proposal_id"]),
    ("decisions", ["framework", "indicator"]),
    ("files", ["sha256"]),
    ("audit_events", ["framework", "indicator"]),
    ("baselines", ["framework", "region", "year"]),
    ("topology_facts", ["doc_sha256", "kind"]),
    ("submissions", ["region", "year"]),
    ("submissions", ["sha256"]),
]

# decisions and audit events are append-only in the file itself, not only by convention
TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {t}_no_{op.lower()} BEFORE {op} ON {t} "
    f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END"
    for t in ("decisions", "audit_events") for op in ("UPDATE", "DELETE")
]


def create(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    for name, spec in TABLES.items():
        if not db[name].exists():
            db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"))
        else:  # additive migration: columns added since the workspace was made
            have = {c.name for c in db[name].columns}
            for col, typ in spec["columns"].items():
                if col not in have:
                    db[name].add_column(col, typ)
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
    for sql in TRIGGERS:
        db.execute(sql)
    if not db["meta"].exists():
        db["meta"].create({"key": str, "value": str}, pk="key")
    db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
