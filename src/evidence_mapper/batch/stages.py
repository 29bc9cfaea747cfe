"""The worker side of a batch: the pipeline's runner (:mod:`evidence_mapper.pipeline`) wrapped
for a process pool, a Dask task or this process.

Each function takes a plain task dict and returns plain, picklable data; none touches the
workspace. The parent (the single writer) stores what comes back. The stages and their
versions are declared once, in the pipeline; here a file is only fetched (fsspec) and its
documents relabelled with the path it was filed under.
"""

from __future__ import annotations

import os
import resource
import threading
import time
from typing import Any

from ..pipeline import (FILE_STAGE, NLP_STAGE, Plan, classification_from_json,  # noqa: F401 (API)
                        classification_to_json, classify_record, model_version, run_file, stage_versions)
from ..pipeline import reanalyze as _reanalyze
from ..pipeline import reclassify as _reclassify
from .sources import local_copy

classify_stage = classify_record  # the stage record name of a framework's classification

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


def _relabel(label: str, local: str, shown: str) -> str:
    return shown + label[len(local):] if label.startswith(local) else label


def _plan(task: dict[str, Any]) -> Plan:
    return Plan(limits=task.get("limits") or Plan().limits, framework=task["framework"],
                model_dir=task.get("model_dir"))


def process_file(task: dict[str, Any]) -> dict[str, Any]:
    """One archive file (a document, or a ZIP of them): read, then the pipeline's
    ingest -> nlp -> classify (:func:`evidence_mapper.pipeline.run_file`).

    Returns ``{"label", "entries": [...], "timings": {stage: seconds}, "worker": {...}}``;
    each entry is ``{"label", "doc": AnalyzedDocument, "classification": dict}`` or
    ``{"label", "error": kind, "detail": str}``. Per-file errors are entries, never raised.
    """
    shown = task["label"]
    timings = {"read": 0.0, "ingest": 0.0, "nlp": 0.0, "classify": 0.0}
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
            out = run_file(local, _plan(task), relabel=lambda label: _relabel(label, str(local), shown))
        finally:
            ctx.__exit__(None, None, None)
    for k, v in out["timings"].items():
        timings[k] = timings.get(k, 0.0) + v
    return {"label": shown, "entries": out["entries"], "timings": timings, "worker": _rss()}


def reanalyze(task: dict[str, Any]) -> dict[str, Any]:
    """nlp -> classify again on a stored document's pages (the nlp version changed)."""
    return dict(_reanalyze(task["doc"], _plan(task)), worker=_rss())


def reclassify(task: dict[str, Any]) -> dict[str, Any]:
    """Classify a stored document's passages again (the model changed)."""
    return dict(_reclassify(task["sha256"], task["meta"], task["passages"], _plan(task)), worker=_rss())
