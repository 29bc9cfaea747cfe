"""A criterion matcher learned from real labelled passages.

The rule detectors of a framework (``check.terms_all`` / ``terms_any``) ask for words; an
assessor reads whether a passage says what the criterion asks. This model scores a
(passage, criterion) pair from a handful of features that exist for every criterion of every
framework edition, so what it learned on SPBE 2020 criteria carries over to the 2018 instrument:

- how close the passage is to the criterion's own text and the evidence it names
  (hashed character n-grams, cosine), and to the indicator's name, description and keywords;
- which share of the criterion's term groups the passage contains, whether it contains them all
  (the rule, on this passage alone), how many term hits it has;
- the criterion's level and the passage's length.

It is a logistic regression; the file ``models/criterion-matcher.json`` holds its weights, the
feature scaling, the decision threshold and the grouped cross-validation figures (folds by
issuer). No pickle: JSON only. ``scripts/train_criterion_matcher.py`` rebuilds it from
``corpus/real/passages.jsonl.gz`` (seeded, byte-identical).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..frameworks import Criterion, Indicator
from ..nlp.terms import normalize, phrase_regex
from .features import hashed_ngrams

FORMAT = "evidence-mapper-criterion-matcher/1"
MODEL_NAME = "criterion-matcher"
FEATURES = ["cos_criterion", "cos_indicator", "groups_frac", "rule_all", "term_hits", "level", "length",
            "cos_x_groups"]
_IN_REPO = Path(__file__).resolve().parents[3] / "models" / f"{MODEL_NAME}.json"
_IN_WHEEL = Path(__file__).resolve().parent / "data" / f"{MODEL_NAME}.json"  # setup.py copies models/ there
DEFAULT_PATH = _IN_REPO if _IN_REPO.exists() or not _IN_WHEEL.exists() else _IN_WHEEL


def term_groups(crit: Criterion) -> list[tuple[str, ...]]:
    chk = crit.check or {}
    groups = [tuple(g) for g in chk.get("terms_all", []) if g]
    if chk.get("terms_any"):
        groups.append(tuple(chk["terms_any"]))
    return groups


def criterion_query(crit: Criterion) -> str:
    return f"{crit.text} {crit.evidence or ''}"


def indicator_query(ind: Indicator) -> str:
    return " ".join([ind.name, getattr(ind, "description", "") or "", " ".join(getattr(ind, "keywords", ()) or ())])


def _unit(X):
    X = X.tocsr().astype(np.float64)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return X.multiply(1.0 / norms[:, None]).tocsr()


def passage_vectors(texts: list[str]):
    return _unit(hashed_ngrams(texts))


@lru_cache(maxsize=4096)
def _query_vector_cached(text: str):
    return _unit(hashed_ngrams([text]))


def term_features(norm_text: str, groups: list[tuple[str, ...]]) -> tuple[float, float, float]:
    if not groups:
        return 0.0, 0.0, 0.0
    hit_groups = 0
    hits = 0
    for g in groups:
        n = sum(1 for t in g if phrase_regex(t).search(norm_text))
        hits += n
        hit_groups += n > 0
    frac = hit_groups / len(groups)
    return frac, float(hit_groups == len(groups)), math.log1p(hits)


def pair_features(norm_text: str, n_chars: int, cos_c: float, cos_i: float, crit: Criterion) -> list[float]:
    frac, rule, hits = term_features(norm_text, term_groups(crit))
    return [cos_c, cos_i, frac, rule, hits, (crit.level - 1) / 4.0, math.log1p(n_chars) / 10.0, cos_c * frac]


@dataclass
class CriterionMatcher:
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    manifest: dict

    @classmethod
    def load(cls, path: Path | str | None = None) -> "CriterionMatcher":
        p = Path(path) if path else DEFAULT_PATH
        m = json.loads(p.read_text(encoding="utf-8"))
        if m.get("format") != FORMAT or m.get("features") != FEATURES:
            raise ValueError(f"{p}: not a criterion matcher of format {FORMAT}")
        return cls(coef=np.asarray(m["coef"], dtype=np.float64), intercept=float(m["intercept"]),
                   mean=np.asarray(m["mean"], dtype=np.float64), scale=np.asarray(m["scale"], dtype=np.float64),
                   threshold=float(m["threshold"]), manifest=m)

    def decision(self, X: np.ndarray) -> np.ndarray:
        Z = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
        return Z @ self.coef + self.intercept

    def proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision(X)))

    def score_pairs(self, texts: list[str], crit: Criterion, ind: Indicator) -> np.ndarray:
        """Probability that each passage text meets ``crit`` of ``ind``."""
        if not texts:
            return np.zeros(0)
        V = passage_vectors(texts)
        qc = _query_vector_cached(criterion_query(crit))
        qi = _query_vector_cached(indicator_query(ind))
        cc = np.asarray((V @ qc.T).todense()).ravel()
        ci = np.asarray((V @ qi.T).todense()).ravel()
        X = [pair_features(normalize(t), len(t), float(a), float(b), crit) for t, a, b in zip(texts, cc, ci)]
        return self.proba(np.asarray(X))


_LOADED: dict[str, CriterionMatcher | None] = {}


def load_matcher(path: Path | str | None = None) -> CriterionMatcher | None:
    """The shipped matcher, or None when its file is missing or unreadable (rules alone then)."""
    key = str(path or DEFAULT_PATH)
    if key not in _LOADED:
        try:
            _LOADED[key] = CriterionMatcher.load(path)
        except (OSError, ValueError, KeyError):
            _LOADED[key] = None
    return _LOADED[key]
