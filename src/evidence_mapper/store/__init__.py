"""The workspace: one SQLite file (through sqlite-utils), the single source of truth.

It runs the stages (ingest -> nlp -> classify -> score), keys documents by content hash so
re-ingesting the same bytes is a no-op, writes each document in one transaction (nothing
half-written), and keeps every run's machine output apart from human decisions.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import numpy as np
import sqlite_utils

from ..classify import get_scorer
from ..frameworks import load_framework
from ..ingest import IngestError, Known, Limits, ingest_path, iter_files
from ..nlp import analyze
from ..score import EvidenceDoc, compute_index, propose
from ..types import AnalyzedDocument, DocClassification, DocMeta, IngestedDocument, Passage, Span
from . import schema

DB_NAME = "workspace.sqlite"
CONFIG_NAME = "config.json"
INGEST_VERSION = "1"


def transaction(db: sqlite_utils.Database):
    """One real transaction (BEGIN ... COMMIT, rolled back on error). ``with db.conn:`` is not
    one: sqlite-utils 4 commits each statement that opened an implicit transaction."""
    atomic = getattr(db, "atomic", None)
    return atomic() if atomic is not None else db.conn


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WorkspaceError(Exception):
    pass


@dataclass
class IngestSummary:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) ingested, no text yet
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, message)

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "skipped": [{"file": p, "reason": r} for p, r in self.skipped],
            "errors": [{"file": p, "kind": k, "error": m} for p, k, m in self.errors],
        }


def encode_boxes(boxes) -> bytes:
    if not boxes:
        return b""
    arr = np.array([b if b is not None else (math.nan,) * 4 for b in boxes], dtype=np.float32)
    return arr.tobytes()


def decode_boxes(blob: bytes | None) -> list | None:
    if not blob:
        return None
    arr = np.frombuffer(blob, dtype=np.float32).reshape(-1, 4)
    return [None if math.isnan(r[0]) else tuple(float(x) for x in r) for r in arr]


class Workspace:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        dbp = self.path / DB_NAME
        if not dbp.exists():
            raise WorkspaceError(f"{self.path}: not a workspace (run 'evidence-mapper init {self.path}')")
        self.db = sqlite_utils.Database(dbp)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        schema.create(self.db)
        cfg = self.path / CONFIG_NAME
        self.config: dict[str, Any] = json.loads(cfg.read_text(encoding="utf-8")) if cfg.exists() else {}

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    def init(cls, path: str | Path, *, framework: str = "spbe-2020", region: str | None = None,
             year: int | None = None) -> "Workspace":
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        load_framework(framework)  # fail early on an unknown framework
        cfg = p / CONFIG_NAME
        if not cfg.exists():
            cfg.write_text(json.dumps({"framework": framework, "region": region, "assessment_year": year,
                                       "created_at": now()}, indent=2), encoding="utf-8")
        db = sqlite_utils.Database(p / DB_NAME)
        db.execute("PRAGMA journal_mode = WAL")
        schema.create(db)
        db.close()
        return cls(p)

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db["meta"].get("schema_version")["value"])

    # -- ingest ----------------------------------------------------------------------------
    def ingest(self, paths: list[str | Path], limits: Limits = Limits(),
               progress: Callable[[str, str], None] | None = None) -> IngestSummary:
        """Ingest files, folders and ZIP archives (one document per member, recorded under
        ``archive.zip/folder/file``); a bad file is recorded and the rest goes on."""
        summary = IngestSummary()

        def known(digest: str) -> bool:
            return bool(self.db["documents"].count_where("sha256 = ? and ingest_version = ?",
                                                         [digest, INGEST_VERSION]))

        for f in iter_files(paths):
            for fpath, res in ingest_path(f, limits, skip=known):
                if isinstance(res, Known):
                    with transaction(self.db):
                        self.db["files"].insert({"path": fpath, "sha256": res.sha256, "first_seen": now()},
                                                ignore=True)
                    summary.duplicates.append(fpath)
                    if progress:
                        progress(fpath, "duplicate")
                    continue
                if isinstance(res, IngestError):
                    self._error(summary, res)
                    if progress:
                        progress(fpath, f"error: {res.kind}")
                    continue
                doc = res
                try:
                    analyzed = analyze(doc)
                except Exception as e:  # an analysis bug must not stop the batch
                    self._error(summary, IngestError(fpath, "corrupt", f"{type(e).__name__}: {e}"))
                    if progress:
                        progress(fpath, "error: corrupt")
                    continue
                self._write_document(fpath, analyzed)
                if not any(p.text.strip() for p in doc.pages):
                    summary.skipped.append((fpath, "; ".join(doc.skipped[:3]) or "no text"))
                    state = "skipped (no text)"
                else:
                    summary.added.append(fpath)
                    state = "added"
                if progress:
                    progress(fpath, state)
        return summary

    def _error(self, summary: IngestSummary, e: IngestError) -> None:
        summary.errors.append((e.path, e.kind, str(e)))
        with transaction(self.db):
            self.db["ingest_errors"].insert({"path": e.path, "kind": e.kind, "detail": str(e), "at": now()})

    def _write_document(self, fpath: str, a: AnalyzedDocument) -> None:
        self.write_document(fpath, a)

    def write_document(self, fpath: str, a: AnalyzedDocument,
                       extra: Callable[[sqlite_utils.Database], None] | None = None) -> None:
        """Store one analyzed document (document, path, pages, passages) in one transaction;
        ``extra(db)`` runs inside the same transaction (e.g. a batch's stage records)."""
        doc, meta = a.doc, a.meta
        sha = doc.sha256
        with transaction(self.db):  # one transaction: the document is stored whole or not at all
            for t in ("passages", "pages"):
                self.db[t].delete_where("doc_sha256 = ?", [sha])
            self.db["documents"].upsert(
                {
                    "sha256": sha, "media_type": doc.media_type, "size": doc.size, "pages": len(doc.pages),
                    "text_pages": sum(1 for p in doc.pages if p.text.strip()), "ocr_pages": doc.ocr_pages,
                    "doc_type": meta.doc_type, "number": meta.number, "year": meta.year, "title": meta.title,
                    "issuer": meta.issuer, "region": meta.region, "status": meta.status,
                    "meta_json": json.dumps(meta.signals, ensure_ascii=False, default=str),
                    "notes": "\n".join(doc.skipped), "ingested_at": now(), "ingest_version": INGEST_VERSION,
                },
                pk="sha256",
            )
            self.db["files"].insert({"path": fpath, "sha256": sha, "first_seen": now()}, ignore=True)
            self.db["pages"].insert_all(
                (
                    {"doc_sha256": sha, "number": p.number, "text": p.text, "width": p.width, "height": p.height,
                     "source": p.source, "ocr_confidence": p.ocr_confidence, "char_boxes": encode_boxes(p.char_boxes)}
                    for p in doc.pages
                ),
                pk=("doc_sha256", "number"),
            )
            self.db["passages"].insert_all(
                (self._passage_row(sha, p) for p in a.passages), pk="id", batch_size=500,
            )
            if extra is not None:
                extra(self.db)

    @staticmethod
    def passage_key(sha: str, local_id: str) -> str:
        return f"{sha[:16]}:{local_id}"

    def _passage_row(self, sha: str, p: Passage) -> dict:
        b = p.span.bbox or (None, None, None, None)
        return {
            "id": self.passage_key(sha, p.id), "doc_sha256": sha, "local_id": p.id, "page": p.span.page,
            "char_start": p.span.char_start, "char_end": p.span.char_end, "x0": b[0], "y0": b[1], "x1": b[2],
            "y1": b[3], "text": p.text, "section": p.section, "legal_unit": p.span.legal_unit, "source": p.span.source,
        }

    # -- reading back ----------------------------------------------------------------------
    def documents(self) -> list[dict]:
        docs = list(self.db.query("select * from documents order by doc_type, year, title"))
        for d in docs:
            d["paths"] = [r["path"] for r in self.db.query("select path from files where sha256 = ? order by path",
                                                             [d["sha256"]])]
        return docs

    def errors(self) -> list[dict]:
        return list(self.db.query("select path, kind, detail, max(at) as at from ingest_errors group by path, kind "
                                  "order by path"))

    def load_analyzed(self, sha: str) -> tuple[DocMeta, list[Passage]]:
        row = self.db["documents"].get(sha)
        meta = DocMeta(doc_type=row["doc_type"], number=row["number"], year=row["year"], title=row["title"],
                       issuer=row["issuer"], status=row["status"], region=row["region"],
                       signals=json.loads(row["meta_json"] or "{}"))
        passages = []
        for r in self.db.query("select * from passages where doc_sha256 = ? order by page, char_start", [sha]):
            bbox = (r["x0"], r["y0"], r["x1"], r["y1"]) if r["x0"] is not None else None
            passages.append(Passage(
                id=r["local_id"], text=r["text"], section=r["section"],
                span=Span(doc_sha256=sha, page=r["page"], char_start=r["char_start"], char_end=r["char_end"],
                          bbox=bbox, source=r["source"], legal_unit=r["legal_unit"]),
            ))
        return meta, passages

    # -- map -------------------------------------------------------------------------------
    def map(self, framework: str | None = None, assessment_year: int | None = None, *,
            shas: list[str] | None = None, params: dict | None = None,
            classified: Callable[[str], DocClassification | None] | None = None) -> str:
        """Classify every document and propose a level per indicator; returns the run id.

        ``shas`` limits the run to those documents (e.g. one region of a batch), ``params`` is
        kept with the run, and ``classified(sha)`` may hand over a stored classification
        instead of classifying again."""
        fw = load_framework(framework or self.config.get("framework", "spbe-2020"))
        fid = fw.id
        scorer = get_scorer(fw)
        year = assessment_year or self.config.get("assessment_year")
        run_id = f"run-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        started = now()
        ev_docs: list[EvidenceDoc] = []
        doc_rows, pscore_rows = [], []
        paths = {r["sha256"]: r["path"] for r in self.db.query("select sha256, min(path) as path from files group by sha256")}
        wanted = set(shas) if shas is not None else None
        for row in self.db.query("select sha256 from documents order by sha256"):
            sha = row["sha256"]
            if wanted is not None and sha not in wanted:
                continue
            meta, passages = self.load_analyzed(sha)
            if not passages:
                continue
            cls = classified(sha) if classified else None
            if cls is None:
                fake = IngestedDocument(path=paths.get(sha, sha), sha256=sha, size=0, media_type="", pages=[])
                cls = scorer.classify(AnalyzedDocument(doc=fake, meta=meta, passages=passages))
            pmap: dict[str, dict[int, float]] = {}
            for ps in cls.passage_scores:
                pmap.setdefault(ps.passage_id, {})[ps.indicator] = ps.score
                pscore_rows.append({"run_id": run_id, "passage_id": self.passage_key(sha, ps.passage_id),
                                    "framework": fid, "indicator": ps.indicator, "score": ps.score})
            doc_rows.append({"run_id": run_id, "doc_sha256": sha, "framework": fid,
                             "evidence_score": cls.evidence_score, "is_evidence": int(cls.is_evidence),
                             "indicator_scores_json": json.dumps(cls.indicator_scores)})
            ev_docs.append(EvidenceDoc(sha256=sha, path=paths.get(sha, sha), meta=meta, passages=passages,
                                       passage_scores=pmap, indicator_scores=cls.indicator_scores,
                                       is_evidence=cls.is_evidence))
        proposals = propose(fw, ev_docs, year)
        with transaction(self.db):
            self.db["runs"].insert({"id": run_id, "kind": "map", "framework": fid, "model": scorer.model_id,
                                    "assessment_year": year, "started_at": started, "finished_at": None,
                                    "params_json": json.dumps(params or {}, ensure_ascii=False)})
            self.db["doc_scores"].insert_all(doc_rows)
            self.db["passage_scores"].insert_all(pscore_rows, batch_size=1000)
            for pr in proposals:
                pid = f"{run_id}:{pr.indicator}"
                self.db["proposals"].insert({"id": pid, "run_id": run_id, "framework": fid, "indicator": pr.indicator,
                                             "level": pr.level, "level_name": pr.level_name,
                                             "confidence": pr.confidence, "state": pr.state})
                self.db["criterion_results"].insert_all(
                    {"proposal_id": pid, "criterion_id": c.criterion_id, "level": c.level, "text": c.text,
                     "state": c.state} for c in pr.criteria)
                rows = []
                for c in pr.criteria:
                    for lk in c.links:
                        b = lk.span.bbox or (None, None, None, None)
                        rows.append({"proposal_id": pid, "criterion_id": c.criterion_id, "level": c.level,
                                     "passage_id": self.passage_key(lk.doc_sha256, lk.passage_id),
                                     "doc_sha256": lk.doc_sha256, "page": lk.span.page,
                                     "char_start": lk.span.char_start, "char_end": lk.span.char_end,
                                     "x0": b[0], "y0": b[1], "x1": b[2], "y1": b[3], "quote": lk.quote})
                self.db["evidence_links"].insert_all(rows)
            self.db["runs"].update(run_id, {"finished_at": now()})
        return run_id

    # -- results ---------------------------------------------------------------------------
    def latest_run(self, framework: str | None = None) -> dict | None:
        fid = load_framework(framework or self.config.get("framework", "spbe-2020")).id
        rows = list(self.db.query("select * from runs where kind = 'map' and framework = ? and finished_at is not null "
                                  "order by started_at desc, rowid desc limit 1", [fid]))
        return rows[0] if rows else None

    def results(self, framework: str | None = None, run_id: str | None = None) -> dict:
        """Everything a report needs for one run (default: the latest), as plain data."""
        fw = load_framework(framework or self.config.get("framework", "spbe-2020"))
        fid = fw.id
        run = self.db["runs"].get(run_id) if run_id else self.latest_run(framework)
        if run is None:
            raise WorkspaceError(f"{self.path}: no finished 'map' run for {fid} (run 'evidence-mapper map')")
        docs = {d["sha256"]: d for d in self.documents()}
        dscores = {r["doc_sha256"]: r for r in self.db.query("select * from doc_scores where run_id = ?", [run["id"]])}
        indicators = []
        for pr in self.db.query("select * from proposals where run_id = ? order by indicator", [run["id"]]):
            ind = fw.indicator(pr["indicator"])
            crits = list(self.db.query("select * from criterion_results where proposal_id = ? order by level, criterion_id",
                                       [pr["id"]]))
            links = list(self.db.query("select * from evidence_links where proposal_id = ? order by level, id", [pr["id"]]))
            for lk in links:
                d = docs.get(lk["doc_sha256"], {})
                lk["doc_title"] = d.get("title")
                lk["doc_path"] = (d.get("paths") or [None])[0]
                lk["bbox"] = [lk["x0"], lk["y0"], lk["x1"], lk["y1"]] if lk["x0"] is not None else None
                lk["legal_unit"] = self.db["passages"].get(lk["passage_id"])["legal_unit"]
            for c in crits:
                c["links"] = [lk for lk in links if lk["criterion_id"] == c["criterion_id"]]
            nxt = pr["level"] + 1 if pr["level"] else fw.scale_min
            unmet_next = [c for c in crits if c["level"] == nxt and c["state"] != "met"]
            indicators.append({
                "id": ind.id, "name": ind.name, "domain_id": ind.domain_id, "aspect_id": ind.aspect_id,
                "weight": ind.weight, "level": pr["level"], "level_name": pr["level_name"],
                "confidence": pr["confidence"], "state": pr["state"], "criteria": crits,
                "links": [lk for lk in links if pr["level"] and lk["level"] <= pr["level"]],
                "next_level": nxt if nxt <= fw.scale_max else None,
                "unmet_next": unmet_next, "evidence_typical": list(ind.evidence_typical),
            })
        levels = {i["id"]: i["level"] for i in indicators}
        idx = compute_index(fw, levels, missing_as=fw.scale_min)
        return {
            "framework": {"id": fw.id, "name": fw.name, "regulation": fw.regulation},
            "workspace": str(self.path), "region": self.config.get("region"),
            "run": {k: run[k] for k in ("id", "model", "assessment_year", "started_at", "finished_at")},
            "documents": [dict(d, **{
                "evidence_score": dscores.get(s, {}).get("evidence_score"),
                "is_evidence": bool(dscores.get(s, {}).get("is_evidence")),
            }) for s, d in docs.items()],
            "errors": self.errors(),
            "indicators": indicators,
            "gaps": [i["id"] for i in indicators if i["state"] == "insufficient_evidence"],
            "index": idx.to_json() | {"gaps_counted_at": fw.scale_min},
            "domains": [{"id": d.id, "name": d.name, "weight": d.weight} for d in fw.domains],
            "aspects": [{"id": a.id, "domain_id": a.domain_id, "name": a.name, "weight": a.weight} for a in fw.aspects],
        }
