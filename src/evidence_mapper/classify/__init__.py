"""Classify: passages and documents to indicators, with scores.

Every scorer has ``model_id``, ``score_texts(texts) -> array[n, n_indicators]`` and
``classify(analyzed) -> DocClassification``. :func:`get_scorer` returns the default one.
"""

from __future__ import annotations

from functools import lru_cache

from ..frameworks import Framework, load_framework
from .baseline import EVIDENCE_THRESHOLD, LINK_THRESHOLD, BaselineScorer

__all__ = ["BaselineScorer", "get_scorer", "LINK_THRESHOLD", "EVIDENCE_THRESHOLD"]


@lru_cache(maxsize=4)
def _scorer(framework: Framework) -> BaselineScorer:
    return BaselineScorer(framework)


def get_scorer(framework: Framework | str = "spbe-2020") -> BaselineScorer:
    fw = load_framework(framework) if isinstance(framework, str) else framework
    return _scorer(fw)
