"""A batch over whole archives: ingest -> nlp -> classify in workers, one writer, then
proposals per region and an archive-wide ranking.

Resumable: every file is keyed by its content hash and the ingest version, every document
by its content hash and the nlp and model versions (table ``stage_results``); each document
is written in one transaction, and a file is marked done only after all its documents are
in. Killed at any point, the same command continues where it stopped; a new model version
re-runs only classification (and the proposals that depend on it).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterator

from ..errors import EvidenceMapperError
from ..i18n import default_lang, labels, t
from ..frameworks import load_framework
from ..ingest import Limits
from ..score import compute_index
from ..score.propose import DOC_LINK_THRESHOLD
from ..store import Workspace, batchdb, now, read, transaction
from ..types import IngestedDocument
from . import stages
from .engines import make_engine
from .layout import filing_of
from .progress import Progress
from .sources import Source, list_sources, sha256_source

NO_REGION = "(tanpa wilayah)"


@dataclass
class BatchOptions:
    framework: str | None = None
    engine: str = "local"  # serial | local | dask
    workers: int | None = None  # default: one per core
    scheduler: str | None = None  # dask: tcp://host:port; none starts a LocalCluster
    dask_processes: bool = True  # LocalCluster: worker processes (False: threads in this process)
    max_tasks_per_child: int = 50
    limits: Limits | None = None  # default: Limits(ocr_workers=1) in pools (one tesseract per worker)
    progress: str = "auto"  # auto | rich | plain | none
    progress_every: float = 10.0
    lang: str | None = None  # messages: id (default) or en


@dataclass
class _Stats:
    timings: dict[str, float] = field(default_factory=lambda: {k: 0.0 for k in (
        "hash", "read", "ingest", "nlp", "classify", "write", "map")})
    workers: dict[str, dict] = field(default_factory=dict)
    files_done: int = 0
    files_skipped: int = 0
    docs: int = 0
    docs_written: int = 0
    pages: int = 0
    ocr_pages: int = 0
    reanalyzed: int = 0
    reclassified: int = 0
    failures: list[dict] = field(default_factory=list)  # tasks that failed as a whole (worker crash)

    def add_worker(self, w: dict | None) -> None:
        if not w:
            return
        key = f"{w['host']}:{w['pid']}"
        cur = self.workers.setdefault(key, {"peak_rss_kb": 0, "peak_child_rss_kb": 0, "tasks": 0})
        cur["peak_rss_kb"] = max(cur["peak_rss_kb"], w["peak_rss_kb"])
        cur["peak_child_rss_kb"] = max(cur["peak_child_rss_kb"], w["peak_child_rss_kb"])
        cur["tasks"] += 1

    def add_timings(self, t: dict) -> None:
        for k, v in t.items():
            self.timings[k] = self.timings.get(k, 0.0) + v


class BatchWriter:
    """The single writer: every row of a batch goes through here, in the parent process."""

    def __init__(self, ws: Workspace, framework: str):
        self.ws = ws
        self.db = ws.db
        self.fw = framework
        md = ws.model_dir()  # the workspace's own models classify, as in 'map'
        self.model_dir = str(md.resolve()) if md else None
        self.versions = stages.stage_versions(framework, self.model_dir)
        self.cstage = stages.classify_stage(framework)

    # -- stage records -----------------------------------------------------------------
    def stage_done(self, sha: str, stage: str) -> dict | None:
        return batchdb.stage_result(self.db, sha, stage, self.versions[stage])

    def has_stage(self, sha: str, stage: str) -> bool:
        return batchdb.has_stage(self.db, sha, stage, self.versions[stage])

    def _stage_row(self, db, sha: str, stage: str, result: Any, seconds: float = 0.0) -> None:
        batchdb.put_stage(db, sha, stage, self.versions[stage], result, seconds)

    def _submission(self, db, label: str, src: Source, file_sha: str, doc_sha: str | None, status: str,
                    error_kind: str | None = None) -> None:
        f = filing_of(label, src.root)
        batchdb.put_submission(db, {"path": label, "source_sha256": file_sha, "sha256": doc_sha, "archive": src.root,
                                    "region": f.region, "year": f.year, "indicator": f.indicator, "status": status,
                                    "error_kind": error_kind})

    # -- one file ------------------------------------------------------------------------
    def write_file(self, src: Source, file_sha: str, result: dict, stats: _Stats) -> tuple[int, int, int]:
        """Store what a worker made of one file; returns (documents, pages, errors)."""
        listing, ndocs, npages, nerr = [], 0, 0, 0
        for e in result["entries"]:
            label = e["label"]
            suffix = label[len(src.label):] if label.startswith(src.label) else label
            if "error" in e:
                self._write_error(src, file_sha, label, e["error"], e.get("detail", ""))
                listing.append([suffix, None, "error", e["error"]])
                nerr += 1
                continue
            a = e["doc"]
            sha = a.doc.sha256
            status = "ok" if a.passages else "no_text"
            cls = e.get("classification")

            def extra(db, a=a, label=label, sha=sha, status=status, cls=cls):
                self._stage_row(db, sha, stages.NLP_STAGE, {"passages": len(a.passages)})
                if cls is not None:
                    self._stage_row(db, sha, self.cstage, cls)
                self._submission(db, label, src, file_sha, sha, status)
                batchdb.clear_errors(db, label)

            if batchdb.has_document(self.db, sha) and (
                    self.has_stage(sha, stages.NLP_STAGE) or self.same_passages(sha, a)):
                with transaction(self.db):  # the same bytes under another path: only the path is new
                    batchdb.add_path(self.db, label, sha)
                    extra(self.db)
            elif not self.write_document(label, a, extra, stats):
                nerr += 1
                continue
            listing.append([suffix, sha, status, None])
            ndocs += 1
            npages += len(a.doc.pages)
            stats.ocr_pages += a.doc.ocr_pages
        with transaction(self.db):
            self._stage_row(self.db, file_sha, stages.FILE_STAGE, {"label": src.label, "entries": listing})
        return ndocs, npages, nerr

    def same_passages(self, sha: str, a) -> bool:
        """True when the stored passages of ``sha`` are exactly the ones ``a`` has."""
        key = lambda p: (p.id, p.text, p.span.page, p.span.char_start, p.span.char_end, p.section,  # noqa: E731
                         p.span.legal_unit)
        return batchdb.passage_keys(self.db, sha) == sorted(key(p) for p in a.passages)

    def write_document(self, label: str, a, extra, stats: "_Stats") -> bool:
        """Write one document in one transaction; False (and a listed failure) when earlier runs
        still point at passages a re-analysis would replace."""
        try:
            self.ws.write_document(label, a, extra=extra)
        except batchdb.WriteConflict as e:
            stats.failures.append({"path": label, "kind": "conflict", "error": (
                f"passages changed but earlier runs link to the old ones ({e}); use a new workspace "
                "for the new nlp version")})
            return False
        stats.docs_written += 1
        return True

    def _write_error(self, src: Source, file_sha: str, label: str, kind: str, detail: str) -> None:
        with transaction(self.db):  # re-running replaces the error row: no duplicates
            batchdb.put_error(self.db, label, kind, detail)
            self._submission(self.db, label, src, file_sha, None, "error", kind)

    def restore_listing(self, src: Source, file_sha: str, done: dict) -> tuple[int, int]:
        """A file already processed (same bytes): record its submission rows under this path."""
        ndocs = nerr = 0
        with transaction(self.db):
            for suffix, sha, status, kind in done.get("entries", []):
                label = src.label + suffix if suffix.startswith("/") or not suffix else suffix
                if sha:
                    batchdb.add_path(self.db, label, sha)
                    ndocs += 1
                else:
                    nerr += 1
                if not batchdb.has_submission(self.db, label):
                    self._submission(self.db, label, src, file_sha, sha, status, kind)
        return ndocs, nerr

    # -- stored documents back out (re-running later stages) ---------------------------------
    def load_document(self, sha: str) -> IngestedDocument:
        return batchdb.load_document(self.db, sha)


def _docs_under_batch(db) -> list[str]:
    return batchdb.batch_documents(db)


def run_batch(ws: Workspace, archives: list[str], opts: BatchOptions | None = None,
              echo: Callable[[str], None] | None = None) -> dict:
    """Run a batch over ``archives`` into ``ws``; returns the run report (plain data)."""
    opts = opts or BatchOptions()
    lock = _lock(ws)
    try:
        return _run_batch(ws, archives, opts, echo)
    finally:
        lock.close()


class BatchLocked(RuntimeError, EvidenceMapperError):
    pass


def _lock(ws: Workspace):
    """One batch writer per workspace: a second one is refused, not interleaved."""
    import fcntl

    f = open(ws.path / "batch.lock", "w")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        raise BatchLocked(f"{ws.path}: another batch is writing this workspace")
    return f


def _run_batch(ws: Workspace, archives: list[str], opts: BatchOptions, echo) -> dict:
    fw = load_framework(opts.framework or ws.config.get("framework", "spbe-2020"))
    writer = BatchWriter(ws, fw.id)
    stats = _Stats()
    started, t_start = now(), time.perf_counter()
    sources, bad_archives = list_sources([str(a) for a in archives])
    lang = opts.lang or default_lang()
    prog = Progress(opts.progress, opts.progress_every, lang=lang) if opts.progress != "none" else Progress("none")
    prog.phase = t("phase_ingest", lang)
    engine = make_engine(opts.engine, opts.workers, opts.scheduler, opts.max_tasks_per_child, opts.dask_processes)
    limits = opts.limits or (Limits() if engine.name == "serial" else Limits(ocr_workers=1))
    prog.start(len(sources))
    try:
        # 1. files: hash here (cheap), skip what is done, the rest to the workers
        def file_tasks() -> Iterator[dict]:
            for src in sources:
                t0 = time.perf_counter()
                try:
                    sha = sha256_source(src.source)
                except OSError as e:
                    stats.timings["hash"] += time.perf_counter() - t0
                    stats.failures.append({"path": src.label, "kind": "not_found", "error": f"cannot read: {e}"})
                    prog.file_done(0, 0, 1)
                    continue
                stats.timings["hash"] += time.perf_counter() - t0
                done = writer.stage_done(sha, stages.FILE_STAGE)
                if done is not None:
                    ndocs, nerr = writer.restore_listing(src, sha, done)
                    stats.files_skipped += 1
                    prog.file_done(0, 0, nerr, skipped=True)
                    continue
                yield {"source": src.source, "label": src.label, "limits": limits, "framework": fw.id,
                       "model_dir": writer.model_dir, "_src": src, "_sha": sha}

        for task, res in engine.run(_strip(stages.process_file), file_tasks()):
            src, sha = task["_src"], task["_sha"]
            if isinstance(res, BaseException):
                stats.failures.append({"path": src.label, "kind": "crashed", "error": f"{type(res).__name__}: {res}"})
                prog.file_done(0, 0, 1)
                continue
            stats.add_timings(res["timings"])
            stats.add_worker(res.get("worker"))
            t0 = time.perf_counter()
            ocr_before = stats.ocr_pages
            ndocs, npages, nerr = writer.write_file(src, sha, res, stats)
            stats.timings["write"] += time.perf_counter() - t0
            stats.files_done += 1
            stats.docs += ndocs
            stats.pages += npages
            prog.file_done(ndocs, npages, nerr, ocr_pages=stats.ocr_pages - ocr_before)

        # 2. documents whose nlp or model version changed: only those stages again
        shas = _docs_under_batch(ws.db)
        stale_nlp = [s for s in shas if not writer.has_stage(s, stages.NLP_STAGE)]
        stale_cls = [s for s in shas if s not in set(stale_nlp) and not writer.has_stage(s, writer.cstage)
                     and batchdb.passage_count(ws.db, s)]
        if stale_nlp or stale_cls:
            prog.set_phase(t("phase_rerun", lang), len(stale_nlp) + len(stale_cls))

            def re_tasks() -> Iterator[dict]:
                for s in stale_nlp:
                    yield {"kind": "nlp", "sha256": s, "doc": writer.load_document(s), "framework": fw.id,
                           "model_dir": writer.model_dir}
                for s in stale_cls:
                    meta, passages = ws.load_analyzed(s)
                    yield {"kind": "classify", "sha256": s, "meta": meta, "passages": passages, "framework": fw.id,
                           "model_dir": writer.model_dir}

            for task, res in engine.run(_rerun, re_tasks()):
                if isinstance(res, BaseException):
                    stats.failures.append({"path": task["sha256"], "kind": "crashed", "error": str(res)})
                    prog.file_done(0, 0, 1)
                    continue
                stats.add_timings(res["timings"])
                stats.add_worker(res.get("worker"))
                s, cls = res["sha256"], res["classification"]
                t0 = time.perf_counter()
                if task["kind"] == "nlp":
                    a = res["doc"]

                    def extra(db, a=a, s=s, cls=cls):
                        writer._stage_row(db, s, stages.NLP_STAGE, {"passages": len(a.passages)})
                        if cls is not None:
                            writer._stage_row(db, s, writer.cstage, cls)

                    if writer.same_passages(s, a):  # same passages: earlier runs' links stay valid
                        with transaction(ws.db):
                            extra(ws.db)
                        stats.reanalyzed += 1
                    elif writer.write_document(a.doc.path, a, extra, stats):
                        stats.reanalyzed += 1
                elif cls is not None:
                    with transaction(ws.db):
                        writer._stage_row(ws.db, s, writer.cstage, cls)
                    stats.reclassified += 1
                stats.timings["write"] += time.perf_counter() - t0
                prog.file_done(1, 0, 0)
    finally:
        engine.close()

    # 3. proposals per region (and year), the same run reused while nothing it rests on changed
    prog.set_phase(t("phase_map", lang))
    t0 = time.perf_counter()
    regions = map_regions(ws, writer, fw.id)
    stats.timings["map"] += time.perf_counter() - t0
    prog.close()
    wall = time.perf_counter() - t_start
    report = _report(ws, writer, fw, archives, sources, bad_archives, stats, regions, opts, engine, started, wall)
    if echo:
        echo(summary_text(report, lang))
    return report


def _strip(fn):
    return _Call(fn)


class _Call:
    """Sends a task to a worker without the parent's bookkeeping keys."""

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, task: dict) -> Any:
        return self.fn({k: v for k, v in task.items() if not k.startswith("_")})


def _rerun(task: dict) -> dict:
    return stages.reanalyze(task) if task["kind"] == "nlp" else stages.reclassify(task)


# -- per region ---------------------------------------------------------------------------
def region_groups(db) -> dict[tuple[str, int | None], list[str]]:
    groups: dict[tuple[str, int | None], set[str]] = {}
    for r in batchdb.submission_rows(db):
        key = (r["region"] or NO_REGION, r["year"])
        g = groups.setdefault(key, set())
        if r["sha256"] and r["status"] != "error":
            g.add(r["sha256"])
    return {k: sorted(v) for k, v in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))}


def map_regions(ws: Workspace, writer: BatchWriter, framework: str) -> list[dict]:
    """One map run per (region, year) over that region's documents, reusing stored
    classifications; a run whose inputs are unchanged is not made again."""
    out = []
    for (region, year), shas in region_groups(ws.db).items():
        key = hashlib.sha256(json.dumps([framework, writer.versions, region, year, shas]).encode()).hexdigest()
        run_id = batchdb.batch_run(ws.db, key)
        if run_id:
            reused = True
        else:
            def classified(sha: str):
                d = writer.stage_done(sha, writer.cstage)
                return stages.classification_from_json(d) if d else None

            run_id = ws.map(framework, year, shas=shas, classified=classified, region=region,
                            params={"batch": True, "region": region, "year": year, "documents": len(shas),
                                    "batch_key": key})
            reused = False
        out.append({"region": region, "year": year, "run_id": run_id, "documents": len(shas), "reused": reused})
    return out


def ranking(ws: Workspace, framework: str, regions: list[dict]) -> list[dict]:
    fw = load_framework(framework)
    rows = []
    for g in regions:
        levels = read.run_levels(ws, g["run_id"])
        idx = compute_index(fw, levels, missing_as=fw.scale_min).to_json()
        nerr = batchdb.region_errors(ws.db, g["region"], g["year"], NO_REGION)
        rows.append({"region": g["region"], "year": g["year"], "index": idx["index"], "predicate": idx["predicate"],
                     "proposed": sum(1 for v in levels.values() if v), "gaps": sum(1 for v in levels.values() if not v),
                     "documents": g["documents"], "errors": nerr, "run_id": g["run_id"]})
    rows.sort(key=lambda r: (-r["index"], r["region"], r["year"] or 0))
    for k, r in enumerate(rows, 1):
        r["rank"] = k
    return rows


def filing_checks(ws: Workspace, writer: BatchWriter, top: int = 3) -> list[dict]:
    """Documents a region filed under an indicator folder, next to what the model reads in them;
    ``agrees`` is False when the folder's indicator scores below the document-link threshold."""
    out = []
    for r in batchdb.filed_documents(ws.db):
        d = writer.stage_done(r["sha256"], writer.cstage)
        if not d:
            continue
        scores = {int(k): v for k, v in d["indicator_scores"].items()}
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:top]
        folder = scores.get(r["indicator"], 0.0)
        out.append({"path": r["path"], "region": r["region"], "year": r["year"], "folder_indicator": r["indicator"],
                    "folder_score": folder, "model_top": [{"indicator": i, "score": s} for i, s in best],
                    "agrees": folder >= DOC_LINK_THRESHOLD})
    return out


def _report(ws, writer, fw, archives, sources, bad_archives, stats: _Stats, regions, opts, engine, started, wall):
    roots = sorted({s.root for s in sources})
    errors = []
    for a, kind, detail in bad_archives:
        errors.append({"path": a, "kind": kind, "error": detail})
    for r in batchdb.failed_submissions(ws.db):
        if any(r["path"].startswith(root) for root in roots):
            errors.append({"path": r["path"], "kind": r["error_kind"], "error": r["detail"] or ""})
    errors.extend(stats.failures)
    checks = filing_checks(ws, writer)
    rank = ranking(ws, fw.id, regions)
    for row in rank:
        mine = [c for c in checks if (c["region"] or NO_REGION) == row["region"] and c["year"] == row["year"]]
        row["filed_under_indicator"] = len(mine)
        row["filing_disagreements"] = sum(1 for c in mine if not c["agrees"])
    total_stage = sum(stats.timings.values()) or 1.0
    return {
        "started_at": started, "finished_at": now(), "wall_seconds": round(wall, 2),
        "workspace": str(ws.path), "framework": fw.id, "archives": [str(a) for a in archives],
        "engine": engine.name, "workers": getattr(engine, "workers", 1), "stage_versions": writer.versions,
        "files": len(sources), "files_processed": stats.files_done, "files_skipped_done": stats.files_skipped,
        "documents": stats.docs, "documents_written": stats.docs_written, "pages": stats.pages,
        "ocr_pages": stats.ocr_pages, "reanalyzed": stats.reanalyzed, "reclassified": stats.reclassified,
        "rates": {"documents_per_min": round(60 * stats.docs / wall, 2) if wall else 0.0,
                  "pages_per_s": round(stats.pages / wall, 3) if wall else 0.0},
        "stages": {k: {"seconds": round(v, 3), "share": round(v / total_stage, 4)} for k, v in stats.timings.items()},
        "workers_memory": {k: {"peak_rss_mb": round(v["peak_rss_kb"] / 1024, 1),
                               "peak_child_rss_mb": round(v["peak_child_rss_kb"] / 1024, 1), "tasks": v["tasks"]}
                           for k, v in stats.workers.items()},
        "regions": rank, "errors": errors,
        "filing_disagreements": [c for c in checks if not c["agrees"]],
    }


def summary_text(report: dict, lang: str | None = None) -> str:
    """The final summary as plain text in ``lang``: the ranking per region, then the errors."""
    rates = report["rates"]
    cols = t("batch_cols", lang).split("|")
    lines = [t("batch_summary", lang, files=report["files"], done=report["files_skipped_done"], docs=report["documents"],
               pages=report["pages"], ocr=report["ocr_pages"], secs=f"{report['wall_seconds']:.1f}",
               docs_min=f"{rates['documents_per_min']:.1f}", pages_min=f"{60 * rates['pages_per_s']:.1f}",
               errors=len(report["errors"])), "",
             f"{cols[0]:>3}  {cols[1]:<32} {cols[2]:>5}  {cols[3]:>6}  {cols[4]:<12} {cols[5]:>5} {cols[6]:>6} "
             f"{cols[7]:>11} {cols[8]:>7}"]
    for r in report["regions"]:
        lines.append(f"{r['rank']:>3}  {r['region'][:32]:<32} {r['year'] or '':>5}  {r['index']:>6.2f}  "
                     f"{r['predicate']:<12} {r['documents']:>5} {r['errors']:>6} {r['gaps']:>11} "
                     f"{r['filing_disagreements']:>3}/{r['filed_under_indicator']:<3}")
    dis = report.get("filing_disagreements") or []
    if dis:
        lines += ["", t("batch_filing", lang, n=len(dis))]
        for d in dis[:30]:
            top = ", ".join(f"{x['indicator']} ({x['score']:.2f})" for x in d["model_top"])
            lines.append(t("batch_filing_row", lang, folder=d["folder_indicator"], score=f"{d['folder_score']:.2f}",
                           top=top, path=d["path"]))
        if len(dis) > 30:
            lines.append(t("batch_filing_more", lang, n=len(dis) - 30))
    if report["errors"]:
        kinds = labels()[lang if lang in labels() else default_lang()].get("error_kinds", {})
        lines += ["", t("batch_errors", lang)]
        lines += [f"  {e['path']}: {kinds.get(e['kind'], e['kind'])}" + (f" ({e['error']})" if e["error"] else "")
                  for e in report["errors"]]
    return "\n".join(lines)


def utc_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
