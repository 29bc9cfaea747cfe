"""Classify: passages and documents to indicators, with scores.

Every scorer has ``model_id``, ``score_texts(texts) -> array[n, n_indicators]`` and
``classify(analyzed) -> DocClassification``. :func:`get_scorer` returns the trained models
(``models/``, see :mod:`.models`) for SPBE 2020 when they are present, else the baseline.
For SPBE 2018 and PeGI it returns the same models carried through the crosswalk
(:mod:`.crosswalk`). ``EVIDENCE_MAPPER_MODELS`` points at another model directory;
``EVIDENCE_MAPPER_MODELS=baseline`` forces the baseline.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

from ..errors import ModelsMissingWarning
from ..frameworks import Framework, FrameworkError, load_crosswalk, load_framework
from .baseline import EVIDENCE_THRESHOLD, LINK_THRESHOLD, BaselineScorer
from .crosswalk import CrosswalkScorer
from .models import TrainedScorer, models_available

__all__ = ["ModelsMissingWarning", "BaselineScorer", "TrainedScorer", "CrosswalkScorer", "get_scorer", "default_model_dir", "LINK_THRESHOLD",
           "EVIDENCE_THRESHOLD", "scorer_thresholds"]

TRAINED_FRAMEWORKS = {"spbe-2020"}
CROSSWALK_SOURCE = "spbe-2020"  # the framework the trained models know


@lru_cache(maxsize=1)
def _warn_missing() -> None:
    # once per process, loud: a user of a build without models/ gets a worse product otherwise unnoticed
    warnings.warn("PERINGATAN / WARNING: model terlatih tidak ditemukan; usulan memakai baseline kata kunci "
                  "yang lebih lemah (trained models not found; using the weaker keyword baseline). "
                  "Pasang paket lengkap atau jalankan 'evidence-mapper train' (install the full package or run "
                  "'evidence-mapper train'); EVIDENCE_MAPPER_MODELS=baseline memilih baseline tanpa peringatan.",
                  ModelsMissingWarning, stacklevel=3)


def default_model_dir() -> Path | None:
    env = os.environ.get("EVIDENCE_MAPPER_MODELS")
    if env:
        return None if env == "baseline" else Path(env)
    here = Path(__file__).resolve()
    for cand in (here.parents[3] / "models", here.parent / "data"):
        if models_available(cand):
            return cand
    return None


@lru_cache(maxsize=8)
def _scorer(framework: Framework, directory: str | None, kind: str):
    if kind == "trained" and directory:
        return TrainedScorer(framework, Path(directory))
    if kind == "crosswalk" and directory:
        source = _scorer(load_framework(CROSSWALK_SOURCE), directory, "trained")
        from ..frameworks.pemdi import is_continuous
        if is_continuous(framework):  # Indeks Pemdi: its own evidence call beside the trained filter
            from .pemdi import PemdiScorer
            return PemdiScorer(framework, source, load_crosswalk(CROSSWALK_SOURCE, framework.id))
        return CrosswalkScorer(framework, source, load_crosswalk(CROSSWALK_SOURCE, framework.id))
    return BaselineScorer(framework)


@lru_cache(maxsize=16)
def _has_crosswalk(fw: Framework) -> bool:
    try:
        load_crosswalk(CROSSWALK_SOURCE, fw.id)
    except FrameworkError:
        return False
    return True


def scorer_thresholds(scorer) -> dict[int, float] | None:
    """Per-indicator link thresholds of a trained scorer (None: the baseline's constant)."""
    thr = getattr(scorer, "thresholds", None)
    if thr is None:
        return None
    return {iid: float(t) for iid, t in zip(scorer.indicator_ids, thr)}


def get_scorer(framework: Framework | str = "spbe-2020", model_dir: str | Path | None = None,
               kind: str = "auto"):
    """``kind``: "auto" (trained when available), "trained" or "baseline"."""
    fw = load_framework(framework) if isinstance(framework, str) else framework
    crosswalk = fw.id not in TRAINED_FRAMEWORKS and _has_crosswalk(fw)
    if kind == "baseline" or (fw.id not in TRAINED_FRAMEWORKS and not crosswalk):
        return _scorer(fw, None, "baseline")
    d = Path(model_dir) if model_dir else default_model_dir()
    if d is not None and models_available(d):
        return _scorer(fw, str(d.resolve()), "crosswalk" if crosswalk else "trained")
    if kind == "trained":
        raise FileNotFoundError(f"no trained models in {d} (run 'evidence-mapper train')")
    if os.environ.get("EVIDENCE_MAPPER_MODELS") != "baseline":
        _warn_missing()
    return _scorer(fw, None, "baseline")
