"""Batch workers that start warm.

A fresh worker process pays for its imports (pdfium, numpy and scipy for ingest, spaCy for the
sentencizer, scikit-learn for the scorer) and for building what the stages cache (the NLP
pipeline, the shipped scorer) before its first file: seconds per worker, and the local pool
replaces each worker after ``max_tasks_per_child`` files. Importing this module does that work
once: the local pool names it as the forkserver's preload, so the forkserver imports and builds
everything once and every worker forked from it starts with it in (copy-on-write) memory. Where
there is no forkserver (spawn), the pool's initializer calls :func:`warm` in each worker, which
is what its first file would have paid anyway.

Nothing here reads a task: only what does not depend on one (the shipped scorer of the default
framework; a workspace's own model is loaded by the first file that needs it).
"""

from __future__ import annotations

# What the forkserver imports before it forks workers (multiprocessing's preload).
PRELOAD = [__name__]

_warm = False


def warm() -> bool:
    """Import the stages' modules and build their task-independent caches; True when done
    (now or before). Any failure leaves the worker cold, never broken: the first file then pays
    for what is missing, as without warming."""
    global _warm
    if _warm:
        return True
    try:
        from scipy import ndimage  # noqa: F401 - the look before OCR of images

        from .. import ingest  # noqa: F401 - pdfium, numpy and the readers
        from ..classify import get_scorer
        from ..ingest import imagetext  # noqa: F401
        from ..nlp import analyze
        from ..nlp.segment import pipeline
        from ..types import IngestedDocument, Page
        from . import stages  # noqa: F401

        text = ("PERATURAN BUPATI SUKAMAJU NOMOR 1 TAHUN 2024 TENTANG SISTEM PEMERINTAHAN BERBASIS "
                "ELEKTRONIK\n\nPasal 1\nArsitektur SPBE Daerah ditetapkan dan direviu setiap tahun.")
        doc = IngestedDocument(path="warm.txt", sha256="0" * 64, size=len(text), media_type="text/plain",
                               pages=[Page(number=1, text=text, source="plain")])
        pipeline()(text)  # the sentencizer (spaCy), built once
        a = analyze(doc)
        if a.passages:
            get_scorer().classify(a)
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        return False
    _warm = True
    return True


warm()
