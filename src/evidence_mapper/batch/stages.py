"""The stage functions a batch runs in its workers (process pool, Dask task or in-process).

Each takes a plain task dict and returns plain, picklable data; none touches the workspace.
The parent (the single writer) stores what comes back. Heavy work happens here: reading the
bytes (fsspec), ingest (PDF parsing, OCR), nlp (passages, metadata) and classification.
"""

from __future__ import annotations

import os
import resource
import threading
import time
from typing import Any

from ..classify import get_scorer
from ..ingest import IngestError, Limits, ingest_path
from ..nlp import analyze
from ..store import INGEST_VERSION
from ..types import AnalyzedDocument, DocClassification, IngestedDocument, PassageScore
from .sources import local_copy

# Stage versions: a stored result is reused only at the same version. Bump NLP_VERSION when
# segmentation or metadata extraction changes; INGEST_VERSION lives with the store; the
# classify stage's version is the scorer's model id.
NLP_VERSION = "2"
FILE_STAGE = "file"
NLP_STAGE = "nlp"


def classify_stage(framework: str) -> str:
    return f"classify:{framework}"


def model_version(framework: str, model_dir: str | None = None) -> str:
    """The id of the model that classifies: the workspace's own (``model_dir``) when it has
    one, else the shipped one. Workers get the same ``model_dir`` in their tasks."""
    return get_scorer(framework, model_dir=model_dir).model_id


# pdfium is not thread-safe: when a Dask worker runs tasks in threads, one file at a time per
# process goes through ingest.
_INGEST_LOCK = threading.Lock()


def _rss() -> dict:
    """Peak resident memory of this worker process so far. ``peak_child_rss_kb`` is the largest
    of its finished children (tesseract); a child's figure includes the pages it shared with
    the worker when it was forked, so it over-states what tesseract itself used."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"pid": os.getpid(), "host": os.uname().nodename, "peak_rss_kb": me, "peak_child_rss_kb": kids}


def classification_to_json(c: DocClassification) -> dict:
    return {"evidence_score": c.evidence_score, "is_evidence": bool(c.is_evidence),
            "indicator_scores": {str(k): v for k, v in c.indicator_scores.items()},
            "passage_scores": [[p.passage_id, p.indicator, p.score] for p in c.passage_scores], "model": c.model,
            "doc_type": c.doc_type, "reasons": list(c.reasons)}


def classification_from_json(d: dict) -> DocClassification:
    return DocClassification(
        evidence_score=d["evidence_score"], is_evidence=d["is_evidence"],
        indicator_scores={int(k): v for k, v in d["indicator_scores"].items()},
        passage_scores=[PassageScore(passage_id=a, indicator=b, score=c) for a, b, c in d["passage_scores"]],
        model=d["model"], doc_type=d.get("doc_type"), reasons=list(d.get("reasons", [])))


def _classify(a: AnalyzedDocument, framework: str, model_dir: str | None = None) -> dict:
    signals = dict(a.meta.signals)  # the scorer notes its reasons in the signals; store them as nlp left them
    try:
        return classification_to_json(get_scorer(framework, model_dir=model_dir).classify(a))
    finally:
        a.meta.signals = signals


def _relabel(label: str, local: str, shown: str) -> str:
    return shown + label[len(local):] if label.startswith(local) else label


def process_file(task: dict[str, Any]) -> dict[str, Any]:
    """One archive file (a document, or a ZIP of them): read -> ingest -> nlp -> classify.

    Returns ``{"label", "entries": [...], "timings": {stage: seconds}, "worker": {...}}``;
    each entry is ``{"label", "doc": AnalyzedDocument, "classification": dict}`` or
    ``{"label", "error": kind, "detail": str}``. Per-file errors are entries, never raised.
    """
    limits: Limits = task["limits"]
    framework: str = task["framework"]
    timings = {"read": 0.0, "ingest": 0.0, "nlp": 0.0, "classify": 0.0}
    entries: list[dict] = []
    shown = task["label"]
    with _INGEST_LOCK:
        t0 = time.perf_counter()
        try:
            ctx = local_copy(task["source"])
            local = ctx.__enter__()
        except Exception as e:  # unreadable source: a per-file error
            timings["read"] += time.perf_counter() - t0
            return {"label": shown, "entries": [{"label": shown, "error": "not_found" if isinstance(
                e, FileNotFoundError) else "corrupt", "detail": f"cannot read: {type(e).__name__}: {e}"}],
                "timings": timings, "worker": _rss()}
        try:
            timings["read"] += time.perf_counter() - t0
            gen = ingest_path(local, limits)
            while True:
                t0 = time.perf_counter()
                try:
                    label, res = next(gen)
                except StopIteration:
                    break
                finally:
                    timings["ingest"] += time.perf_counter() - t0
                label = _relabel(label, str(local), shown)
                if isinstance(res, IngestError):
                    entries.append({"label": label, "error": res.kind, "detail": res.detail or ""})
                    continue
                res.path = label
                t0 = time.perf_counter()
                try:
                    a = analyze(res)
                except Exception as e:  # an analysis bug must not stop the batch
                    entries.append({"label": label, "error": "corrupt", "detail": f"{type(e).__name__}: {e}"})
                    continue
                finally:
                    timings["nlp"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                cls = _classify(a, framework, task.get("model_dir")) if a.passages else None
                timings["classify"] += time.perf_counter() - t0
                entries.append({"label": label, "doc": a, "classification": cls})
        finally:
            ctx.__exit__(None, None, None)
    return {"label": shown, "entries": entries, "timings": timings, "worker": _rss()}


def reanalyze(task: dict[str, Any]) -> dict[str, Any]:
    """nlp -> classify again on a stored document's pages (the nlp version changed)."""
    doc: IngestedDocument = task["doc"]
    t0 = time.perf_counter()
    a = analyze(doc)
    t1 = time.perf_counter()
    cls = _classify(a, task["framework"], task.get("model_dir")) if a.passages else None
    return {"sha256": doc.sha256, "doc": a, "classification": cls,
            "timings": {"nlp": t1 - t0, "classify": time.perf_counter() - t1}, "worker": _rss()}


def reclassify(task: dict[str, Any]) -> dict[str, Any]:
    """Classify a stored document's passages again (the model changed)."""
    t0 = time.perf_counter()
    a = AnalyzedDocument(doc=IngestedDocument(path=task["sha256"], sha256=task["sha256"], size=0, media_type="",
                                              pages=[]), meta=task["meta"], passages=task["passages"])
    cls = _classify(a, task["framework"], task.get("model_dir")) if a.passages else None
    return {"sha256": task["sha256"], "classification": cls, "timings": {"classify": time.perf_counter() - t0},
            "worker": _rss()}


def stage_versions(framework: str, model_dir: str | None = None) -> dict[str, str]:
    return {FILE_STAGE: INGEST_VERSION, NLP_STAGE: NLP_VERSION,
            classify_stage(framework): model_version(framework, model_dir)}
