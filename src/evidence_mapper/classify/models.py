"""Trained text models and the scorer that uses them.

Four linear models over :mod:`features` (hashed character 3-5-grams), trained by
:mod:`train` from ``corpus/`` and stored by :mod:`modelio` (JSON + arrays, no pickle):

* ``passage-indicator``: multi-label, one calibrated logistic model per SPBE 2020 indicator
  (Platt scaling fitted on cross-validated scores, a threshold per label). The passage-level
  evidence score is the highest indicator probability.
* ``doc-type``: one-vs-rest logistic models over a document's head (softmax), consulted where the
  metadata rules find no type (``lainnya``) or the rules' type is not sure.
* ``doc-indicator`` (optional): multi-label, one calibrated logistic model per indicator over the
  document read as a whole (the first :data:`DOC_CHARS` characters of its passages), trained on documents that
  are evidence: which indicators such a document is evidence for. It takes :data:`DOC_BLEND` of a
  document's indicator scores.
* ``evidence-filter``: logistic model over document features (best indicator probabilities,
  who issued it, national/news/negative-topic signals, type) that says whether a document is
  evidence for any indicator at all.

:class:`TrainedScorer` has the same interface as the baseline (``model_id``, ``score_texts``,
``classify``).
"""

from __future__ import annotations

import copy

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ..frameworks import Framework
from ..nlp.terms import normalize
from ..types import AnalyzedDocument, DocClassification, DocMeta, PassageScore
from .baseline import (LINK_THRESHOLD, NEGATIVE_TITLE_CUES, RULES_VERSION, evidence_vetoes, title_has, REGION_DOC_TYPES, SECTION_WEIGHTS, UMBRELLA_TITLE_CUES,
                       BaselineScorer)
from .features import N_FEATURES, hashed_ngrams
from .relevance import REASON_NO_INDICATOR, decide, pair_features, rule_mask
from .modelio import ModelFileError, load_arrays, load_manifest, sha256_file

PASSAGE_FLOOR = 0.2
HEAD_CHARS = 800
# The document-indicator model (``doc-indicator``) reads the document as a whole, up to this
# many characters of its passages (normalized, :func:`document_text`), and its calibrated probability takes this share of
# a document's indicator score (the rest: the passages' blended scores, :func:`aggregate`). The
# share was chosen by grouped cross-validation by issuer on the training corpus (MODEL_CARD.md).
DOC_CHARS = 6000
DOC_BLEND = 0.25
DOC_MODEL = "doc-indicator"
DOC_TYPE_MIN_PROB = 0.55
RULED_OUT_SCORE = 0.29  # below the level logic's document threshold (0.30)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


@dataclass
class LinearModel:
    """``scores = X @ W + b``; multi-label (sigmoid + Platt) or multi-class (softmax)."""

    name: str
    kind: str  # "multilabel" | "multiclass" | "dense"
    labels: list
    W: sp.csc_matrix | np.ndarray
    b: np.ndarray
    platt_a: np.ndarray | None = None
    platt_c: np.ndarray | None = None
    thresholds: np.ndarray | None = None
    mean: np.ndarray | None = None  # dense features: standardization
    scale: np.ndarray | None = None
    manifest: dict | None = None
    _Wr: object = None  # W for fast products with sparse features, made on first use
    _rows: np.ndarray | None = None  # feature -> row of _Wr (sparse W: its non-empty rows, then a zero row)

    def decision(self, X) -> np.ndarray:
        if self.kind == "dense":
            X = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
            return X @ self.W + self.b
        if self._Wr is None:
            self._prepare()
        if self._rows is not None and sp.issparse(X):
            # the non-empty rows of a sparse W as a dense block: one sparse-dense product, each
            # feature entry added in the same order as the sparse-sparse product did
            X = sp.csr_matrix(X)
            X = sp.csr_matrix((X.data, self._rows[X.indices], X.indptr), shape=(X.shape[0], self._Wr.shape[0]))
            return X @ self._Wr + self.b
        Y = X @ (sp.csr_matrix(self.W) if self._rows is not None else self._Wr)
        return (Y.toarray() if sp.issparse(Y) else np.asarray(Y)) + self.b

    def _prepare(self) -> None:
        if not sp.issparse(self.W):
            self._Wr = self.W
            return
        W = sp.csr_matrix(self.W)
        used = np.flatnonzero(np.diff(W.indptr) > 0)
        rows = np.full(W.shape[0], len(used), dtype=np.int32)
        rows[used] = np.arange(len(used), dtype=np.int32)
        self._rows = rows
        self._Wr = np.vstack([W[used].toarray(), np.zeros((1, W.shape[1]), dtype=W.dtype)])

    def proba(self, X) -> np.ndarray:
        d = self.decision(X)
        if self.kind == "multiclass":
            d = d - d.max(axis=1, keepdims=True)
            e = np.exp(d)
            return e / e.sum(axis=1, keepdims=True)
        if self.platt_a is not None:
            d = self.platt_a * d + self.platt_c
        return sigmoid(d)

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"b": np.asarray(self.b, dtype=np.float64)}
        if sp.issparse(self.W):
            W = sp.csc_matrix(self.W)
            W.sort_indices()
            out.update(W_data=W.data.astype(np.float32), W_indices=W.indices.astype(np.int32),
                       W_indptr=W.indptr.astype(np.int64), W_shape=np.array(W.shape, dtype=np.int64))
        else:
            out["W"] = np.asarray(self.W, dtype=np.float64)
        for k in ("platt_a", "platt_c", "thresholds", "mean", "scale"):
            v = getattr(self, k)
            if v is not None:
                out[k] = np.asarray(v, dtype=np.float64)
        return out

    @classmethod
    def load(cls, directory: Path, name: str) -> "LinearModel":
        m = load_manifest(directory / f"{name}.json")
        if m.get("format") != "evidence-mapper-linear/1":
            raise ModelFileError(f"{directory / name}.json: unknown model format {m.get('format')!r}")
        npz = directory / f"{name}.npz"
        if m.get("weights_sha256") and sha256_file(npz) != m["weights_sha256"]:
            raise ModelFileError(f"{npz}: weights do not match the manifest's sha256")
        a = load_arrays(npz)
        if "W_data" in a:
            W = sp.csc_matrix((a["W_data"], a["W_indices"], a["W_indptr"]), shape=tuple(a["W_shape"]))
        else:
            W = a["W"]
        return cls(name=name, kind=m["kind"], labels=m["labels"], W=W, b=a["b"], platt_a=a.get("platt_a"),
                   platt_c=a.get("platt_c"), thresholds=a.get("thresholds"), mean=a.get("mean"),
                   scale=a.get("scale"), manifest=m)


# -- document features shared by training and inference --------------------------------------
DOC_FEATURES = [
    "best", "top3", "title_best", "frac_linked", "national", "region", "region_type",
    "negative_title", "news", "draft", "umbrella", "unattributed", "type_lainnya", "baseline_evidence",
]
BLEND = 0.5  # weight of the trained passage model against the framework-keyword baseline


def doc_features(meta: DocMeta, doc_scores: np.ndarray, title_scores: np.ndarray, frac_linked: float,
                 baseline_evidence: float) -> list[float]:
    title = normalize(meta.title or "")
    s = np.sort(doc_scores)[::-1]
    return [
        float(s[0]) if len(s) else 0.0,
        float(s[:3].mean()) if len(s) else 0.0,
        float(title_scores.max()) if len(title_scores) else 0.0,
        frac_linked,
        float(bool(meta.signals.get("national"))),
        float(bool(meta.region)),
        float(meta.doc_type in REGION_DOC_TYPES),
        float(any(c in title for c in NEGATIVE_TITLE_CUES)),
        float(meta.doc_type == "berita"),
        float(meta.status == "draft"),
        float(meta.doc_type in {"perda", "perbup", "perwali", "pergub"} and title_has(title, UMBRELLA_TITLE_CUES)),
        float(meta.doc_type == "lainnya" and not meta.region),
        float(meta.doc_type == "lainnya"),
        baseline_evidence,
    ]


def aggregate(passage_probs: np.ndarray, weights: np.ndarray, title_probs: np.ndarray,
              thresholds: np.ndarray) -> tuple[np.ndarray, float, int]:
    """Document-level score per indicator from its passages' probabilities and its title."""
    n_ind = passage_probs.shape[1] if passage_probs.ndim == 2 and passage_probs.shape[0] else len(title_probs)
    if passage_probs.shape[0] == 0:
        return 0.4 * title_probs, 0.0, 0
    P = passage_probs * weights[:, None]
    S = np.sort(P, axis=0)[::-1]
    top1 = S[0]
    top3 = S[:3].mean(axis=0)
    linked_mask = P >= thresholds[None, :]
    linked = linked_mask.sum(axis=0)
    scores = 0.45 * top1 + 0.25 * top3 + 0.30 * title_probs + 0.02 * np.minimum(linked, 5)
    frac = float(linked_mask.any(axis=1).mean())
    return np.clip(scores, 0.0, 1.0)[:n_ind], frac, int(linked_mask.any(axis=1).sum())


@dataclass
class DocumentView:
    passage_scores: np.ndarray  # (passages, indicators), section-weighted
    doc_scores: np.ndarray
    features: list[float]
    title_scores: np.ndarray | None = None  # the title's blended score per indicator


def document_text(analyzed: AnalyzedDocument) -> str:
    """What the document-indicator model reads: the document's passages as classifiers read them,
    in order (page furniture left out). Passages, not pages: a stored document is classified again
    from its passages alone (``map``, batch workers, ``evaluate``), so every path reads the same."""
    return "\n".join(p.reading for p in analyzed.passages)


def document_view(passage: LinearModel, baseline, thresholds: np.ndarray, policy_idx: np.ndarray,
                  analyzed: AnalyzedDocument, doc_model: LinearModel | None = None) -> DocumentView:
    """Blend the trained passage model with the keyword baseline and build the document's
    features. Used by the scorer and by training, so both see the same numbers. With
    ``doc_model`` (the document-indicator model), a document's indicator scores are
    ``(1 - DOC_BLEND)`` of the passages' and ``DOC_BLEND`` of that model's probability."""
    passages, meta = analyzed.passages, analyzed.meta
    n_ind = len(thresholds)
    texts = [p.reading for p in passages] + ([meta.title] if meta.title else [])
    if texts:  # passages and title in one batch: each model called once per document
        B = BLEND * passage.proba(hashed_ngrams(texts)) + (1 - BLEND) * baseline.score_texts(texts)
    else:
        B = np.zeros((0, n_ind))
    P = B[: len(passages)]
    if len(passages):
        weights = np.array([SECTION_WEIGHTS.get(p.section or "", 1.0) for p in passages])
        P = P * weights[:, None]
    tp = B[len(passages)] if meta.title else np.zeros(n_ind)
    doc_scores, frac, _ = aggregate(P, np.ones(len(P)), tp, thresholds)
    if doc_model is not None:
        q = doc_model.proba(hashed_ngrams([document_text(analyzed)], max_chars=DOC_CHARS))[0]
        doc_scores = (1 - DOC_BLEND) * doc_scores + DOC_BLEND * q
    if meta.doc_type in {"perda", "perbup", "perwali", "pergub"} and title_has(normalize(meta.title or ""),
                                                                                UMBRELLA_TITLE_CUES):
        doc_scores = np.where(policy_idx, np.minimum(1.0, doc_scores + 0.25), doc_scores)
    base_ev = baseline.evidence_from(meta, dict(zip(baseline.indicator_ids, doc_scores.tolist())))
    return DocumentView(P, doc_scores, doc_features(meta, doc_scores, tp, frac, base_ev), tp)


class TrainedScorer:
    """The trained models behind the scorer interface."""

    name = "trained-linear"

    def __init__(self, framework: Framework, directory: Path):
        self.framework = framework
        self.directory = Path(directory)
        self.passage = LinearModel.load(self.directory, "passage-indicator")
        self.doc_type = LinearModel.load(self.directory, "doc-type")
        self.evidence = LinearModel.load(self.directory, "evidence-filter")
        # optional (models before 2.1.0 have none): the document read as a whole
        self.doc_model = LinearModel.load(self.directory, DOC_MODEL) if _has_model(self.directory, DOC_MODEL) else None
        ids = [int(x) for x in self.passage.labels]
        if ids != [i.id for i in framework.indicators]:
            raise ModelFileError(f"{self.directory}: passage model labels do not match {framework.id}")
        self.indicator_ids = ids
        self.version = (self.passage.manifest or {}).get("version", "0")
        # the passage model's digest, then the other models' and the veto rules' version:
        # anything that changes a decision changes the id (batch runs key classification on it)
        digest = (self.passage.manifest or {}).get("weights_sha256", "")[:8]
        others = "".join((m.manifest or {}).get("weights_sha256", "")[:4]
                         for m in (self.doc_type, self.evidence, self.doc_model) if m is not None)
        self._model_id = f"{self.name}@{self.version}+{digest}.{others}.r{RULES_VERSION}"
        self.thresholds = np.asarray(self.passage.thresholds)
        self.evidence_threshold = float((self.evidence.manifest or {}).get("threshold", 0.5))
        self.policy_idx = np.array([ind.kind == "policy" for ind in framework.indicators])
        self.thresholds = BLEND * self.thresholds + (1 - BLEND) * LINK_THRESHOLD
        self.baseline = BaselineScorer(framework)
        self.kinds = [ind.kind for ind in framework.indicators]
        # evidence-filter.json with role "relevance": the per-(document, indicator) model
        self.per_indicator = (self.evidence.manifest or {}).get("role") == "relevance"
        if self.per_indicator:
            self.relevance_thresholds = np.asarray(self.evidence.thresholds, dtype=np.float64)
            if len(self.relevance_thresholds) != len(ids):
                raise ModelFileError(f"{self.directory}: relevance thresholds do not match {framework.id}")
        # legacy/: the document-level evidence filter of models 1.0.0 (with its own passage and
        # doc-type models). A document is evidence when the relevance model finds an indicator
        # OR that filter calls it evidence: grouped cross-validation by issuer on the real corpus
        # gave the union the best agreement (see MODEL_CARD.md).
        self.legacy: "TrainedScorer | None" = None
        if self.per_indicator and models_available(self.directory / LEGACY_DIR):
            self.baseline = _MemoBaseline(self.baseline)
            self.legacy = TrainedScorer(framework, self.directory / LEGACY_DIR)
            if self.legacy.per_indicator:
                raise ModelFileError(f"{self.directory / LEGACY_DIR}: not a document-level evidence filter")
            self.legacy.baseline = self.baseline
            self._model_id += "+" + self.legacy.model_id.split("+", 1)[-1]

    @property
    def model_id(self) -> str:
        return self._model_id

    def score_texts(self, texts: list[str]) -> np.ndarray:
        """Passage scores: the trained model blended with the keyword baseline."""
        if not texts:
            return np.zeros((0, len(self.indicator_ids)))
        return BLEND * self.passage.proba(hashed_ngrams(texts)) + (1 - BLEND) * self.baseline.score_texts(texts)

    def passage_probabilities(self, texts: list[str]) -> np.ndarray:
        """The trained passage model alone (calibrated probabilities)."""
        if not texts:
            return np.zeros((0, len(self.indicator_ids)))
        return self.passage.proba(hashed_ngrams(texts))

    def predict_doc_type(self, meta: DocMeta, head: str) -> tuple[str, float]:
        p = self.doc_type.proba(hashed_ngrams([head[:HEAD_CHARS]]))[0]
        j = int(np.argmax(p))
        return str(self.doc_type.labels[j]), float(p[j])

    def fill_doc_type(self, meta: DocMeta, passages) -> None:
        """The doc-type model decides where the metadata rules found no type."""
        if meta.doc_type in (None, "lainnya"):
            head = "\n".join(p.text for p in passages[:6])[:HEAD_CHARS]
            dt, prob = self.predict_doc_type(meta, head)
            if dt != "lainnya" and prob >= DOC_TYPE_MIN_PROB and not meta.signals.get("national"):
                meta.signals["doc_type_rules"] = meta.doc_type
                meta.signals["doc_type_model"] = [dt, round(prob, 3)]
                meta.doc_type = dt

    def classify(self, analyzed: AnalyzedDocument) -> DocClassification:
        passages = analyzed.passages
        meta = analyzed.meta
        lmeta = None
        if self.legacy is not None:  # the legacy filter reads the document as the rules left it
            lmeta = copy.copy(meta)
            lmeta.signals = dict(meta.signals)
        self.fill_doc_type(meta, passages)
        view = document_view(self.passage, self.baseline, self.thresholds, self.policy_idx,
                             AnalyzedDocument(doc=analyzed.doc, meta=meta, passages=passages), self.doc_model)
        f = view.features
        doc_scores = view.doc_scores
        unattributed = f[DOC_FEATURES.index("unattributed")] and not meta.signals.get("national")
        relevance: dict[int, float] = {}
        if self.per_indicator:
            # Relevance per (document, indicator), then the per-indicator rules.
            F = pair_features(view, meta, self.thresholds, self.indicator_ids, self.kinds)
            probs = self.evidence.proba(F)[:, 0]
            allowed, forced, rule_reasons = rule_mask(meta, self.indicator_ids, self.kinds)
            p, rel = decide(probs, allowed, forced, self.relevance_thresholds, self.indicator_ids)
            is_evidence = bool(rel.any())
            ev = float(p.max()) if len(p) else 0.0
            relevance = {iid: round(float(x), 4) for iid, x in zip(self.indicator_ids, p)}
            reasons = [] if is_evidence else (rule_reasons or [REASON_NO_INDICATOR])
            if lmeta is not None and not is_evidence:
                lc = self.legacy.classify(AnalyzedDocument(doc=analyzed.doc, meta=lmeta, passages=passages))
                if lc.is_evidence:
                    is_evidence, reasons = True, []
                    ev = max(ev, float(lc.evidence_score))
                    meta.signals["evidence_by"] = "document filter"
            # an indicator the rules exclude is not linked by the level logic
            doc_scores = np.where(allowed, doc_scores, np.minimum(doc_scores, RULED_OUT_SCORE))
        else:
            ev = float(self.evidence.proba(np.array([f]))[0, 0])
            vetoes = evidence_vetoes(meta)
            if vetoes:
                ev *= 0.35
            is_evidence = ev >= self.evidence_threshold and not vetoes
            reasons = list(vetoes)
        if unattributed and not is_evidence:
            reasons.append("unattributed document")
        meta.signals["evidence_reasons"] = reasons
        kept = []
        Pw = view.passage_scores
        rows, cols = np.nonzero(Pw >= PASSAGE_FLOOR)
        for i, j in zip(rows.tolist(), cols.tolist()):
            kept.append(PassageScore(passage_id=passages[i].id, indicator=self.indicator_ids[j],
                                     score=round(float(Pw[i, j]), 4)))
        return DocClassification(
            evidence_score=round(ev, 4),
            is_evidence=is_evidence,
            indicator_scores={iid: round(float(s), 4) for iid, s in zip(self.indicator_ids, doc_scores)},
            passage_scores=kept,
            model=self.model_id,
            doc_type=meta.doc_type if "doc_type_model" in meta.signals else None,
            reasons=list(reasons),
            indicator_relevance=relevance,
        )


class _MemoBaseline:
    """The keyword baseline with the last call's scores kept: the relevance model and the legacy
    filter score the same passages and title one after the other."""

    def __init__(self, inner):
        self.inner = inner
        self._key: tuple | None = None
        self._val = None

    def score_texts(self, texts):
        key = tuple(texts)
        if key != self._key:
            self._key, self._val = key, self.inner.score_texts(texts)
        return self._val

    def __getattr__(self, name):
        return getattr(self.inner, name)


LEGACY_DIR = "legacy"


def _has_model(directory: Path, name: str) -> bool:
    return (directory / f"{name}.json").exists() and (directory / f"{name}.npz").exists()


def models_available(directory: Path) -> bool:
    return all(_has_model(directory, n) for n in ("passage-indicator", "doc-type", "evidence-filter"))


__all__ = ["TrainedScorer", "LinearModel", "doc_features", "aggregate", "DOC_FEATURES", "models_available",
           "N_FEATURES"]
