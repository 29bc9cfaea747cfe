"""The workspace: one SQLite file (through sqlite-utils), the single source of truth.

It runs the stages (ingest -> nlp -> classify -> score), keys documents by content hash so
re-ingesting the same bytes is a no-op, writes each document in one transaction (nothing
half-written), and keeps every run's machine output apart from human decisions.
"""

from __future__ import annotations

import hashlib
import json
import os
import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import numpy as np
import sqlite_utils

from ..classify import get_scorer, scorer_thresholds
from ..classify.institution import Institution, apply_institution, issuers_summary
from ..frameworks import load_framework
from ..ingest import IngestError, Limits, iter_files
from ..pipeline import INGEST_VERSION, MapOutput, Plan, StoredDoc, classify_and_score, iter_file
from ..score import EvidenceDoc, compute_index
from ..types import AnalyzedDocument, DocClassification, DocMeta, Passage, Span
from ..errors import EvidenceMapperError
from . import integrity, perms, read, schema
from .db import connect, ensure_schema, set_wal, transaction  # noqa: F401 (transaction: API)

DB_NAME = "workspace.sqlite"
CONFIG_NAME = "config.json"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WorkspaceError(EvidenceMapperError):
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


def encode_conf(conf) -> bytes | None:
    """Per-character OCR confidences as float32 (NaN where a character has none)."""
    if not conf:
        return None
    return np.array([math.nan if c is None else c for c in conf], dtype=np.float32).tobytes()


def decode_conf(blob: bytes | None) -> list | None:
    if not blob:
        return None
    # confidences are stored at 3 decimals (ingest.ocr.char_confidences): read back exactly
    return [None if math.isnan(c) else round(float(c), 3) for c in np.frombuffer(blob, dtype=np.float32)]


def _zip_member_bytes(shown: Path, max_bytes: int = 200 * 1024 * 1024) -> bytes | None:
    """The bytes of ``archive.zip/folder/file`` (one level of archive), or None."""
    import zipfile

    parts = shown.parts
    for k in range(len(parts) - 1, 0, -1):
        arc = Path(*parts[:k])
        if arc.is_file():
            name = "/".join(parts[k:])
            try:
                with zipfile.ZipFile(arc) as zf:
                    info = zf.getinfo(name)
                    if info.file_size > max_bytes:
                        return None
                    return zf.read(info)
            except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
                return None
    return None


def topology_rows(sha: str, facts) -> list[dict]:
    """``topology_facts`` rows of a document's network facts."""
    rows = []
    for f in facts:
        b = f.bbox or (None, None, None, None)
        rows.append({"doc_sha256": sha, "page": f.page, "kind": f.kind, "value": f.value, "label": f.label,
                     "x0": b[0], "y0": b[1], "x1": b[2], "y1": b[3],
                     "words_json": json.dumps(f.words, ensure_ascii=False), "basis": f.basis,
                     "ends_json": json.dumps(f.ends, ensure_ascii=False),
                     "detail_json": json.dumps(f.detail, ensure_ascii=False, default=str), "source": f.source})
    return rows


class Workspace:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        dbp = self.path / DB_NAME
        if not dbp.exists():
            raise WorkspaceError(f"{self.path}: not a workspace (run 'evidence-mapper init {self.path}')")
        try:
            perms.tighten(self.path)  # 0700 folder, 0600 database: only the owner reads hashes and text
        except OSError:  # a workspace the user may read but not change
            pass
        self.db = connect(dbp)  # busy timeout first; read-only when the workspace cannot be written
        self.readonly = self.db.readonly
        try:  # a dropped audit table or trigger is reported, never silently made again
            integrity.check_open(self.db)
        except integrity.TamperError as e:
            self.db.close()
            raise WorkspaceError(f"{self.path}: {e}") from e
        ensure_schema(self.db)  # writes only when the schema is out of date
        if not self.readonly:
            integrity.mark(self.db)
        cfg = self.path / CONFIG_NAME
        self.config: dict[str, Any] = json.loads(cfg.read_text(encoding="utf-8")) if cfg.exists() else {}

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    def init(cls, path: str | Path, *, framework: str = "spbe-2020", region: str | None = None,
             year: int | None = None, institution_type: str | None = None) -> "Workspace":
        p = Path(path)
        load_framework(framework)  # fail early on an unknown framework
        p.parent.mkdir(parents=True, exist_ok=True)
        perms.private_dir(p)
        cfg = p / CONFIG_NAME
        if not cfg.exists():
            perms.write_private(cfg, json.dumps({"framework": framework, "region": region, "assessment_year": year,
                                                 "created_at": now(), "institution_type": Institution.of(region, institution_type).kind},
                                                indent=2).encode("utf-8"))
        dbp = p / DB_NAME
        target = dbp
        if not dbp.exists():  # built aside and renamed: a stop during init leaves no half-made workspace
            target = p / (DB_NAME + ".new")
            for extra in ("", "-wal", "-shm"):
                Path(str(target) + extra).unlink(missing_ok=True)
            perms.write_private(target, b"")  # 0600 before SQLite writes (its -wal/-shm follow its mode)
        db = connect(target, readonly=False)
        set_wal(db)
        ensure_schema(db)
        db.close()
        if target != dbp:
            os.replace(target, dbp)
        return cls(p)

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db["meta"].get("schema_version")["value"])

    # -- ingest ----------------------------------------------------------------------------
    def ingest(self, paths: list[str | Path], limits: Limits = Limits(),
               progress: Callable[[str, str], None] | None = None,
               then: Callable[[IngestSummary], None] | None = None,
               on_file: Callable[[dict], None] | None = None) -> IngestSummary:
        """Ingest files, folders and ZIP archives (one document per member, recorded under
        ``archive.zip/folder/file``); a bad file is recorded and the rest goes on.

        Each document is written in its own transaction; with ``then``, everything is written
        in ONE transaction at the end, with ``then(summary)`` (e.g. an upload's audit row)
        inside it: all of it is stored, or nothing.
        ``on_file({"path", "state", "pages", "ocr_pages", "error"})`` follows every file
        (state: added, duplicate, skipped, error)."""
        summary = IngestSummary()
        told = on_file or (lambda info: None)
        pending: list[Callable[[], None]] = []

        def write(fn: Callable[[], None]) -> None:
            if then is None:
                fn()
            else:
                pending.append(fn)

        def known(digest: str) -> bool:
            return bool(self.db["documents"].count_where("sha256 = ? and ingest_version = ?",
                                                         [digest, INGEST_VERSION]))

        def add_path(fpath: str, sha: str) -> None:
            with transaction(self.db):
                self.db["files"].insert({"path": fpath, "sha256": sha, "first_seen": now()}, ignore=True)

        plan = Plan(limits=limits)  # ingest -> nlp; classification waits for 'map'
        for f in iter_files(paths):
            for e in iter_file(str(f), plan, skip=known):
                fpath = e["label"]
                if "known" in e:
                    write(lambda fpath=fpath, sha=e["known"]: add_path(fpath, sha))
                    summary.duplicates.append(fpath)
                    self.keep_original(fpath, e["known"])
                    if progress:
                        progress(fpath, "duplicate")
                    told({"path": fpath, "state": "duplicate", "pages": 0, "ocr_pages": 0, "error": None})
                    continue
                if "error" in e:
                    summary.errors.append((e["path"], e["error"], e["message"]))
                    write(lambda e=e: self._error_row(IngestError(e["path"], e["error"], e["detail"])))
                    if progress:
                        progress(fpath, f"error: {e['error']}")
                    told({"path": fpath, "state": "error", "pages": 0, "ocr_pages": 0, "error": e["message"],
                          "kind": e["error"], "detail": e["detail"]})
                    continue
                analyzed = e["doc"]
                doc = analyzed.doc
                write(lambda fpath=fpath, analyzed=analyzed: self._write_document(fpath, analyzed))
                self.keep_original(fpath, doc.sha256)
                if not any(p.text.strip() for p in doc.pages):
                    summary.skipped.append((fpath, "; ".join(doc.skipped[:3]) or "no text"))
                    state = "skipped (no text)"
                else:
                    summary.added.append(fpath)
                    state = "added"
                if progress:
                    progress(fpath, state)
                told({"path": fpath, "state": state.split()[0], "pages": len(doc.pages),
                      "ocr_pages": doc.ocr_pages, "error": None})
        if then is not None:
            with transaction(self.db):
                for fn in pending:
                    fn()
                then(summary)
        return summary

    def keep_original(self, fpath: str, sha: str) -> Path | None:
        """Keep a copy of a submitted file's bytes as ``files/<sha256>`` (pages are rendered
        from it for review). Archive members have no path on disk and are not kept."""
        dest = self.path / "files" / sha
        src = Path(fpath)
        if dest.exists():
            return dest
        data = src.read_bytes() if src.is_file() else _zip_member_bytes(src)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            return None
        perms.private_dir(dest.parent, self.path)
        tmp = dest.with_name(sha + ".part")
        perms.write_private(tmp, data)
        tmp.replace(dest)
        return dest

    def _error(self, summary: IngestSummary, e: IngestError) -> None:
        summary.errors.append((e.path, e.kind, str(e)))
        self._error_row(e)

    def _error_row(self, e: IngestError) -> None:
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
            for t in ("passages", "pages", "topology_facts"):
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
                     "source": p.source, "ocr_confidence": p.ocr_confidence, "char_boxes": encode_boxes(p.char_boxes),
                     "char_conf": encode_conf(p.char_conf)}
                    for p in doc.pages
                ),
                pk=("doc_sha256", "number"),
            )
            self.db["passages"].insert_all(
                (self._passage_row(sha, p) for p in a.passages), pk="id", batch_size=500,
            )
            if doc.topology:
                self.db["topology_facts"].insert_all(topology_rows(sha, doc.topology))
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
            "boxes_json": json.dumps([list(x) for x in p.span.boxes]) if p.span.boxes else None,
            "context": p.context, "ocr_confidence": p.span.ocr_confidence,
        }

    # -- reading back ----------------------------------------------------------------------
    def documents(self) -> list[dict]:
        docs = list(self.db.query("select * from documents order by doc_type, year, title"))
        for d in docs:
            d["paths"] = [r["path"] for r in self.db.query("select path from files where sha256 = ? order by path",
                                                             [d["sha256"]])]
        return docs

    def topology(self, sha: str) -> list[dict]:
        """Network facts stored for a document (``topology_facts``), in reading order."""
        out = []
        for r in self.db.query("select * from topology_facts where doc_sha256 = ? order by page, id", [sha]):
            out.append({"kind": r["kind"], "value": r["value"], "label": r["label"], "page": r["page"],
                        "bbox": [r["x0"], r["y0"], r["x1"], r["y1"]] if r["x0"] is not None else None,
                        "words": json.loads(r["words_json"] or "[]"), "basis": r["basis"],
                        "ends": json.loads(r["ends_json"] or "[]"), "detail": json.loads(r["detail_json"] or "{}"),
                        "source": r["source"]})
        return out

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
                          bbox=bbox, source=r["source"], legal_unit=r["legal_unit"],
                          boxes=[tuple(x) for x in json.loads(r["boxes_json"])] if r.get("boxes_json") else None,
                          ocr_confidence=r.get("ocr_confidence")),
                context=r.get("context"),
            ))
        return meta, passages

    # -- map -------------------------------------------------------------------------------
    def map(self, framework: str | None = None, assessment_year: int | None = None, *,
            shas: list[str] | None = None, params: dict | None = None,
            classified: Callable[[str], DocClassification | None] | None = None,
            region: str | None = None) -> str:
        """Classify every document and propose a level per indicator; returns the run id.

        ``shas`` limits the run to those documents (e.g. one region of a batch), ``params`` is
        kept with the run, and ``classified(sha)`` may hand over a stored classification
        instead of classifying again."""
        fw = load_framework(framework or self.config.get("framework", "spbe-2020"))
        fid = fw.id
        year = assessment_year or self.config.get("assessment_year")
        run_id = f"run-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        started = now()
        md = self.model_dir()
        out = classify_and_score(fw, self.stored_docs(shas), year=year, region=region or self.config.get("region"),
                                 institution=self.institution(region),
                                 model_dir=str(md) if md else None, classified=classified)
        self.write_run(run_id, fw, out, year=year, started=started, params=params)
        return run_id

    def stored_docs(self, shas: list[str] | None = None) -> list[StoredDoc]:
        """The analysed documents (all, or ``shas``) as a map run takes them, by sha256."""
        rules_types = {r["sha256"]: r["doc_type"] for r in self.db.query("select sha256, doc_type from documents")}
        paths = {r["sha256"]: r["path"] for r in self.db.query("select sha256, min(path) as path from files group by sha256")}
        wanted = set(shas) if shas is not None else None
        out = []
        for row in self.db.query("select sha256 from documents order by sha256"):
            sha = row["sha256"]
            if wanted is not None and sha not in wanted:
                continue
            meta, passages = self.load_analyzed(sha)
            out.append(StoredDoc(sha256=sha, path=paths.get(sha, sha), meta=meta, passages=passages,
                                 doc_type=rules_types.get(sha)))
        return out

    def write_run(self, run_id: str, fw, out: MapOutput, *, year: int | None, started: str,
                  params: dict | None = None) -> None:
        """Store a map run (classifications, proposals, criteria, links) in one transaction."""
        fid = fw.id
        models, proposals, type_updates = out.models, out.proposals, out.type_updates
        doc_rows, pscore_rows = [], []
        for sha, cls in out.classifications:
            for ps in cls.passage_scores:
                pscore_rows.append({"run_id": run_id, "passage_id": self.passage_key(sha, ps.passage_id),
                                    "framework": fid, "indicator": ps.indicator, "score": ps.score})
            doc_rows.append({"run_id": run_id, "doc_sha256": sha, "framework": fid,
                             "evidence_score": cls.evidence_score, "is_evidence": int(cls.is_evidence),
                             "indicator_scores_json": json.dumps(cls.indicator_scores),
                             "reasons_json": json.dumps(cls.reasons, ensure_ascii=False)})
        with transaction(self.db):
            self.db["runs"].insert({"id": run_id, "kind": "map", "framework": fid,
                                    "model": " + ".join(sorted(models)) if models else out.model_id,
                                    "assessment_year": year, "started_at": started, "finished_at": None,
                                    "params_json": json.dumps(params or {}, ensure_ascii=False)})
            self.db["doc_scores"].insert_all(doc_rows)
            for sha, dt in type_updates.items():
                self.db["documents"].update(sha, {"doc_type": dt})
            self.db["passage_scores"].insert_all(pscore_rows, batch_size=1000)
            for pr in proposals:
                pid = f"{run_id}:{pr.indicator}"
                self.db["proposals"].insert({"id": pid, "run_id": run_id, "framework": fid, "indicator": pr.indicator,
                                             "level": pr.level, "level_name": pr.level_name,
                                             "confidence": pr.confidence, "state": pr.state,
                                             "notes_json": json.dumps(pr.notes, ensure_ascii=False),
                                             "contradiction": int(pr.contradiction),
                                             "detail_json": json.dumps(pr.detail, ensure_ascii=False)})
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

    def institution(self, region: str | None = None) -> Institution:
        """The institution under assessment: ``region`` (a batch run's) or the workspace's, and its
        type (``init --institution-type``, else read from the name)."""
        name = region or self.config.get("region")
        kind = self.config.get("institution_type") if name == self.config.get("region") else None
        return Institution.of(name, kind)

    def issuers(self, shas: list[str] | None = None) -> dict[str, int]:
        """Documents per issuing region or institution (unknown issuers left out)."""
        wanted = set(shas) if shas is not None else None
        metas = [DocMeta(doc_type=r["doc_type"], issuer=r["issuer"], region=r["region"],
                         signals={"national": True} if (r["issuer"] and not r["region"]) else {})
                 for r in self.db.query("select sha256, doc_type, issuer, region from documents")
                 if wanted is None or r["sha256"] in wanted]
        return issuers_summary(metas)

    def model_dir(self) -> Path | None:
        """Models retrained from this workspace's reviews (``train --from-reviews``), if any."""
        return read.workspace_model_dir(self.path)

    def review_examples(self, framework: str = "spbe-2020") -> list[dict]:
        """Reviewers' decisions as training examples: one (passage text, indicator, label) each.

        accept: the proposal's evidence passages are right for the indicator (1); reject: they are
        not (0); a decision naming a passage (added evidence) makes that passage a positive. The
        latest decision per (passage, indicator) wins. Only decisions on ``framework``'s
        indicators (the one the models are trained on): an SPBE 2018 or PeGI indicator number
        means something else."""
        cols = {c.name for c in self.db["decisions"].columns}
        seen: dict[tuple[str, int], dict] = {}
        for d in self.db.query("select * from decisions where coalesce(framework, ?) = ? order by id",
                               [framework, framework]):
            label = {"accept": 1, "reject": 0, "add_evidence": 1}.get(d["action"])
            if label is None:
                continue
            pids = []
            if "passage_id" in cols and d.get("passage_id"):
                pids = [d["passage_id"]]
            elif d.get("proposal_id"):
                pids = [r["passage_id"] for r in self.db.query(
                    "select distinct passage_id from evidence_links where proposal_id = ?", [d["proposal_id"]])]
            for pid in pids:
                row = self.db["passages"].get(pid) if pid else None
                if row:
                    seen[(pid, int(d["indicator"]))] = {"text": row["text"], "indicator": int(d["indicator"]),
                                                        "label": label, "passage_id": pid}
        return [seen[k] for k in sorted(seen)]

    # -- results ---------------------------------------------------------------------------
    def latest_run(self, framework: str | None = None, region: str | None = None,
                   year: int | None = None) -> dict | None:
        """The latest finished map run; with ``region`` (and ``year``), a batch region's."""
        return read.latest_run(self, framework, region, year)

    def run_keys(self, framework: str | None = None) -> list[tuple[str, int | None]]:
        """(region, assessment year) of the batch runs in this workspace, sorted."""
        return read.run_keys(self, framework)

    def run_regions(self, framework: str | None = None) -> list[str]:
        """Regions that batch runs proposed levels for in this workspace, sorted."""
        return sorted({r for r, _ in self.run_keys(framework)})

    def results(self, framework: str | None = None, run_id: str | None = None, region: str | None = None,
                year: int | None = None) -> "read.RunResults":
        """Everything a report needs for one run (see :mod:`.read`): ``run_id``, else the latest
        run for ``region`` (and ``year``), else the latest run. Near-duplicate documents (the same
        text, other bytes) are shown once; Indeks Pemdi runs carry their continuous values."""
        out = read.read_results(self, framework, run_id, region, year)
        from .dedupe import merge_near_duplicates, text_fingerprints
        from .external import with_values  # continuous values (Indeks Pemdi); no-op for SPBE
        out = with_values(self, load_framework(out["framework"]["id"]), out)
        return merge_near_duplicates(out, text_fingerprints(self.db, [d["sha256"] for d in out["documents"]]))

    # -- official baselines ----------------------------------------------------------------
    def add_baseline(self, lhe: dict, *, region: str | None = None, year: int | None = None,
                     framework: str | None = None) -> dict:
        """Store an official evaluation report (the ``lhe --json`` contract, or a parsed
        fixture with the same keys) as a region's baseline; replaces the same region/year."""
        fid = load_framework(framework or lhe.get("framework") or self.config.get("framework", "spbe-2020")).id
        reg = region or lhe.get("region") or self.config.get("region") or ""
        yr = year or lhe.get("year")
        if yr is None:
            raise WorkspaceError("baseline has no year (give --year)")
        levels = {int(k): int(v) for k, v in (lhe.get("levels") or {}).items() if v is not None}
        if not levels:
            raise WorkspaceError("baseline has no level table")
        common = {"framework": fid, "region": reg, "year": int(yr), "index_value": lhe.get("index"),
                  "predicate": lhe.get("predicate"), "aspects_json": json.dumps(lhe.get("aspects") or {}),
                  "domains_json": json.dumps(lhe.get("domains") or {}),
                  "source_file": lhe.get("file") or lhe.get("source_file"),
                  "source_sha256": lhe.get("sha256"), "stored_at": now()}
        with transaction(self.db):  # replaced whole or not at all
            self.db["baselines"].delete_where("framework = ? and region = ? and year = ?", [fid, reg, int(yr)])
            self.db["baselines"].insert_all(dict(common, indicator=k, level=v) for k, v in sorted(levels.items()))
        return self.baselines(fid, reg, int(yr))[0]

    def baselines(self, framework: str | None = None, region: str | None = None,
                  year: int | None = None) -> list[dict]:
        """Stored baselines, newest year first: ``{framework, region, year, index, predicate,
        aspects, domains, levels, source_file, source_sha256}``."""
        fid = load_framework(framework or self.config.get("framework", "spbe-2020")).id
        if not self.db["baselines"].exists():
            return []
        where, args = "framework = ?", [fid]
        if region is not None:
            where, args = where + " and region = ?", args + [region]
        if year is not None:
            where, args = where + " and year = ?", args + [year]
        out: dict[tuple, dict] = {}
        for r in self.db.query(f"select * from baselines where {where} order by year desc, region, indicator", args):
            b = out.setdefault((r["region"], r["year"]), {
                "framework": fid, "region": r["region"], "year": r["year"], "index": r["index_value"],
                "predicate": r["predicate"], "aspects": json.loads(r["aspects_json"] or "{}"),
                "domains": json.loads(r["domains_json"] or "{}"), "levels": {},
                "source_file": r["source_file"], "source_sha256": r["source_sha256"]})
            b["levels"][str(r["indicator"])] = r["level"]
        return list(out.values())

    def latest_baseline(self, framework: str | None = None, region: str | None = None,
                        year: int | None = None) -> dict | None:
        """The official result of ``region`` (default: the workspace's) that stands beside a run
        of assessment year ``year``: that year's when stored, else the newest."""
        return read.official_baseline(self, framework, region, year)

    def evidence_docs(self, run_id: str | None = None, framework: str | None = None) -> list[EvidenceDoc]:
        """The classified documents of a run (default: the latest) as the scorer takes them,
        so a subset (one region of an archive) can be proposed again without re-classifying."""
        run = self.db["runs"].get(run_id) if run_id else self.latest_run(framework)
        if run is None:
            raise WorkspaceError(f"{self.path}: no finished 'map' run (run 'evidence-mapper map')")
        pscores: dict[str, dict[str, dict[int, float]]] = {}
        for r in self.db.query("select passage_id, indicator, score from passage_scores where run_id = ?", [run["id"]]):
            prefix, local = r["passage_id"].split(":", 1)
            pscores.setdefault(prefix, {}).setdefault(local, {})[r["indicator"]] = r["score"]
        paths = {r["sha256"]: r["path"] for r in self.db.query("select sha256, min(path) as path from files group by sha256")}
        # the same per-indicator link thresholds as the run's scorer, so a re-proposal equals the run's
        thresholds = scorer_thresholds(get_scorer(load_framework(run["framework"]), model_dir=self.model_dir()))
        out = []
        for r in self.db.query("select * from doc_scores where run_id = ? order by doc_sha256", [run["id"]]):
            sha = r["doc_sha256"]
            meta, passages = self.load_analyzed(sha)
            out.append(EvidenceDoc(sha256=sha, path=paths.get(sha, sha), meta=meta, passages=passages,
                                   passage_scores=pscores.get(sha[:16], {}),
                                   indicator_scores={int(k): v for k, v in json.loads(r["indicator_scores_json"]).items()},
                                   is_evidence=bool(r["is_evidence"]), link_thresholds=thresholds))
        return out
