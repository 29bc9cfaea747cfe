"""Train every model from ``corpus/`` (and optionally a workspace's review decisions).

Deterministic: fixed seeds, single-threaded solvers, sorted inputs and byte-stable model
files, so the same corpus gives the same bytes. Writes into ``out``:

    passage-indicator.{json,npz}   doc-type.{json,npz}   evidence-filter.{json,npz}
    card.json (data, date, version, metrics)   MODEL_CARD.md (the same for people)
"""

from __future__ import annotations

import hashlib
import json
import random
import warnings
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import KFold

from ..frameworks import Framework, load_framework
from ..nlp import analyze
from ..types import IngestedDocument, Page
from .features import N_FEATURES, hashed_ngrams
from .modelio import save_arrays, save_manifest
from .realcorpus import find_real_corpus, load_real
from .relevance import feature_names, pair_features, rule_mask
from .baseline import LINK_THRESHOLD, BaselineScorer
from .models import (BLEND, DOC_CHARS, DOC_MODEL, DOC_TYPE_MIN_PROB, HEAD_CHARS, LinearModel, TrainedScorer,
                     document_text, document_view)
from .. import vocab

VERSION = "2.1.0"
FORMAT = "evidence-mapper-linear/1"
TOP_K = 4000  # weights kept per label (the rest are zero): small files, same ranking
ALPHA_PASSAGE = 1e-5
C_EVIDENCE = 0.3  # strong regularization: the synthetic documents separate too easily
REVIEW_WEIGHT = 5.0  # a reviewer's decision counts as much as this many corpus passages
REAL_WEIGHT = 2.0  # a real document or passage counts as much as this many synthetic ones
CV_FOLDS = 5  # grouped folds (by issuer) of the relevance model
C_RELEVANCE = 0.3
MIN_POS_THRESHOLD = 8  # positives an indicator needs for its own threshold (fewer: shrunk to the common one)
DOC_TYPES = list(vocab.DOC_TYPES)


@dataclass
class TrainData:
    passages: list[dict]
    documents: list[dict]
    review_passages: list[dict] = field(default_factory=list)  # {"text", "indicator", "label": 0|1}
    real_documents: list[dict] = field(default_factory=list)  # corpus/real, each with its issuer "group"
    real_passages: list[dict] = field(default_factory=list)
    real_dir: Path | None = None


def load_corpus(corpus: Path, real: Path | str | None = None, use_real: bool = True, log=None) -> TrainData:
    """The synthetic corpus (``corpus/training``) and, when found, the real one (see
    :func:`realcorpus.find_real_corpus`)."""
    d = Path(corpus) / "training"
    if not (d / "passages.jsonl").exists():
        raise FileNotFoundError(f"{d}/passages.jsonl missing (run: python corpus/make_training.py)")
    read = lambda p: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]  # noqa: E731
    data = TrainData(passages=read(d / "passages.jsonl"), documents=read(d / "documents.jsonl"))
    rdir = find_real_corpus(real, corpus) if use_real else None
    if rdir is not None:
        data.real_documents, data.real_passages = load_real(rdir, log=log)
        data.real_dir = rdir
    return data


def _fit_binary(X, y, w, C) -> tuple[np.ndarray, float]:
    if y.min() == y.max():
        return np.zeros(X.shape[1]), (-8.0 if y.max() == 0 else 8.0)
    # Logistic loss by SGD: as good as liblinear here and some 15x faster on hashed n-grams.
    m = SGDClassifier(loss="log_loss", alpha=ALPHA_PASSAGE, class_weight="balanced", max_iter=15, tol=None,
                      random_state=0, average=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m.fit(X, y, sample_weight=w)
    return m.coef_.ravel(), float(m.intercept_[0])


def _prune(coef: np.ndarray, k: int = TOP_K) -> sp.csc_matrix:
    """Keep the k largest weights per column; a sparse (n_features x labels) matrix."""
    cols, rows, vals = [], [], []
    for j in range(coef.shape[1]):
        c = coef[:, j]
        nz = np.flatnonzero(c)
        if len(nz) > k:
            nz = nz[np.argsort(-np.abs(c[nz]), kind="stable")[:k]]
        nz = np.sort(nz)
        rows.append(nz)
        cols.append(np.full(len(nz), j))
        vals.append(c[nz])
    r, cc, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    return sp.csc_matrix((v.astype(np.float32), (r, cc)), shape=coef.shape)


def _fit_multilabel(X, Y, w, C) -> tuple[sp.csc_matrix, np.ndarray]:
    coef = np.zeros((X.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    for j in range(Y.shape[1]):
        coef[:, j], b[j] = _fit_binary(X, Y[:, j], w, C)
    return _prune(coef), b


def _platt(d: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if y.min() == y.max():
        return 1.0, 0.0
    m = LogisticRegression(C=100.0, solver="lbfgs")
    m.fit(d.reshape(-1, 1), y)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def calibrate_columns(D: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per label (column): Platt scaling of the out-of-fold decision values ``D`` against ``Y``,
    the calibrated probabilities and the threshold that suits them best."""
    k = Y.shape[1]
    a, c, thr, P = np.ones(k), np.zeros(k), np.full(k, 0.5), np.zeros(Y.shape)
    for j in range(k):
        a[j], c[j] = _platt(D[:, j], Y[:, j])
        P[:, j] = 1.0 / (1.0 + np.exp(-np.clip(a[j] * D[:, j] + c[j], -30, 30)))
        thr[j] = _best_threshold(P[:, j], Y[:, j])
    return a, c, thr, P


def _best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    best, best_t = -1.0, 0.5
    for t in np.arange(0.2, 0.81, 0.05):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / max(1.0, pred.sum() + (y == 1).sum())
        if f1 > best + 1e-9:
            best, best_t = f1, float(round(t, 2))
    return best_t


def prf(pred: np.ndarray, Y: np.ndarray) -> dict:
    tp = (pred & (Y == 1)).sum(axis=0).astype(float)
    fp = (pred & (Y == 0)).sum(axis=0).astype(float)
    fn = (~pred & (Y == 1)).sum(axis=0).astype(float)
    p = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=(tp + fp) > 0)
    r = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=(tp + fn) > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros_like(tp), where=(p + r) > 0)
    has = (Y == 1).sum(axis=0) > 0
    mt, mf, mn = tp.sum(), fp.sum(), fn.sum()
    mp = mt / max(1.0, mt + mf)
    mr = mt / max(1.0, mt + mn)
    return {"macro_precision": round(float(p[has].mean()), 4), "macro_recall": round(float(r[has].mean()), 4),
            "macro_f1": round(float(f[has].mean()), 4), "micro_f1": round(2 * mp * mr / max(1e-9, mp + mr), 4)}


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return round(float(np.mean((p - y) ** 2)), 4)


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    p, y = p.ravel(), y.ravel()
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - y[m].mean())
    return round(float(total / max(1, len(p))), 4)


def _passage_matrix(data: TrainData, fw: Framework):
    ids = [i.id for i in fw.indicators]
    col = {iid: j for j, iid in enumerate(ids)}
    texts, rows, weights = [], [], []
    for r in data.passages + data.real_passages:
        y = np.zeros(len(ids), dtype=np.int8)
        for lab in r["labels"]:
            y[col[int(lab)]] = 1
        texts.append(r["text"])
        rows.append(y)
        weights.append(REAL_WEIGHT if "group" in r else 1.0)
    # A reviewer's decision fixes one (passage, indicator) pair; the other labels of that
    # passage are unknown, so it becomes a row whose other labels copy the model's current view.
    return texts, np.array(rows), np.array(weights), ids, col


def _fit_calibrated(X, Y, w, fold: np.ndarray, k: int):
    """Multi-label logistic models fitted on every fold but one (``fold``: each row's fold),
    Platt scaling and thresholds from their out-of-fold scores, and the models fitted on all
    rows: ``(W, b, platt_a, platt_c, thresholds, out-of-fold probabilities, [(W, b) per fold])``."""
    D = np.zeros(Y.shape)
    fitted = []
    for f in range(k):
        tr, te = fold != f, fold == f
        Wf, bf = _fit_multilabel(X[tr], Y[tr], w[tr], ALPHA_PASSAGE)
        fitted.append((Wf, bf))
        D[te] = np.asarray((X[te] @ Wf).todense()) + bf
    a, c, thr, Pcv = calibrate_columns(D, Y)
    W, b = _fit_multilabel(X, Y, w, ALPHA_PASSAGE)
    return W, b, a, c, thr, Pcv, fitted


def train_passage_model(data: TrainData, fw: Framework, seed: int, folds: int = CV_FOLDS,
                        base: LinearModel | None = None, fold_of_group: dict[str, int] | None = None,
                        fold_models: list | None = None) -> tuple[LinearModel, dict]:
    """The passage model, Platt-scaled and thresholded on cross-validated scores. Real passages
    fall in the fold of their issuer (``fold_of_group``); the fold models (each blind to its
    fold's issuers) are appended to ``fold_models`` when a list is given."""
    texts, Y, w, ids, col = _passage_matrix(data, fw)
    groups = [None] * len(data.passages) + [r.get("group") for r in data.real_passages]
    X = hashed_ngrams(texts)
    if data.review_passages:
        rv = data.review_passages
        Xr = hashed_ngrams([r["text"] for r in rv])
        # Other labels of a reviewed passage: what the current model says (rounded).
        Yr = (base.proba(Xr) >= np.asarray(base.thresholds)).astype(np.int8) if base is not None else \
            np.zeros((len(rv), len(ids)), dtype=np.int8)
        for i, r in enumerate(rv):
            Yr[i, col[int(r["indicator"])]] = int(r["label"])
        X = sp.vstack([X, Xr]).tocsr()
        Y = np.vstack([Y, Yr])
        w = np.concatenate([w, np.full(len(rv), REVIEW_WEIGHT)])
        groups += [None] * len(rv)
    # Cross-validated scores: Platt scaling, per-label thresholds and the corpus CV figures.
    n = Y.shape[0]
    fold = np.empty(n, dtype=int)
    fold[np.random.RandomState(seed).permutation(n)] = np.arange(n) % folds
    for i, g in enumerate(groups):
        if g is not None and fold_of_group and g in fold_of_group:
            fold[i] = fold_of_group[g]
    W, b, a, c, thr, Pcv, fitted = _fit_calibrated(X, Y, w, fold, folds)
    model = LinearModel(name="passage-indicator", kind="multilabel", labels=ids, W=W, b=b, platt_a=a, platt_c=c,
                        thresholds=thr)
    if fold_models is not None:
        fold_models.extend(LinearModel(name="passage-indicator", kind="multilabel", labels=ids, W=Wf, b=bf,
                                       platt_a=a, platt_c=c, thresholds=thr) for Wf, bf in fitted)
    top1 = np.argmax(Pcv, axis=1)
    has = Y.sum(axis=1) > 0
    metrics = {"cv_folds": folds, **prf(Pcv >= thr[None, :], Y),
               "top1_hit": round(float(Y[has, :][np.arange(has.sum()), top1[has]].mean()), 4),
               "brier": brier(Pcv, Y), "ece": ece(Pcv, Y), "n_passages": int(len(Y)),
               "n_review_passages": len(data.review_passages)}
    return model, metrics


def train_doc_indicator(data: TrainData, fw: Framework, fold: np.ndarray, k: int = CV_FOLDS,
                        fold_models: list | None = None) -> tuple[LinearModel, dict]:
    """The document-indicator model: per indicator, a logistic model over the whole document
    (hashed character n-grams of the first ``DOC_CHARS`` characters of its passages,
    :func:`.models.document_text`), trained on the documents
    that are evidence for at least one indicator (synthetic and real, a real one weighing
    ``REAL_WEIGHT``): which indicators such a document is evidence for. Platt-scaled on
    out-of-fold scores of the grouped folds ``fold`` (every training document's, as
    :func:`document_folds`); the fold models (each blind to its fold) are appended to
    ``fold_models`` when a list is given."""
    docs = data.documents + data.real_documents
    ids = [i.id for i in fw.indicators]
    col = {iid: j for j, iid in enumerate(ids)}
    Y = np.zeros((len(docs), len(ids)), dtype=np.int8)
    for i, d in enumerate(docs):
        for lab in d.get("indicators") or []:
            if int(lab) in col:
                Y[i, col[int(lab)]] = 1
    pos = np.flatnonzero(Y.any(axis=1))
    X = hashed_ngrams([document_text(analyze(_doc(docs[i]))) for i in pos], max_chars=DOC_CHARS)
    Yp, fp = Y[pos], fold[pos]
    w = np.array([REAL_WEIGHT if docs[i].get("real") else 1.0 for i in pos])
    W, b, a, c, thr, Pcv, fitted = _fit_calibrated(X, Yp, w, fp, k)
    model = LinearModel(name=DOC_MODEL, kind="multilabel", labels=ids, W=W, b=b, platt_a=a, platt_c=c, thresholds=thr)
    if fold_models is not None:
        fold_models.extend(LinearModel(name=DOC_MODEL, kind="multilabel", labels=ids, W=Wf, b=bf, platt_a=a,
                                       platt_c=c, thresholds=thr) for Wf, bf in fitted)
    real = np.array([bool(docs[i].get("real")) for i in pos])
    t1, t3 = top_hits(Yp[real], Pcv[real]) if real.any() else top_hits(Yp, Pcv)
    metrics = {"cv_folds": k, "n_documents": int(len(pos)), "n_real_documents": int(real.sum()),
               "max_chars": DOC_CHARS, "top1_hit": t1, "top3_hit": t3, "brier": brier(Pcv, Yp), "ece": ece(Pcv, Yp)}
    return model, metrics


def _doc(d: dict) -> IngestedDocument:
    pages = [Page(number=i + 1, text=t, source="plain") for i, t in enumerate(d["pages"])]
    return IngestedDocument(path=d["id"], sha256=hashlib.sha256(d["id"].encode()).hexdigest(), size=0,
                            media_type="text/plain", pages=pages)


def _doc_type_sgd() -> SGDClassifier:
    """One-vs-rest logistic models (softmax over their scores at prediction time)."""
    return SGDClassifier(loss="log_loss", alpha=ALPHA_PASSAGE, max_iter=15, tol=None, random_state=0, average=True)


def train_doc_type(data: TrainData, seed: int) -> tuple[LinearModel, dict]:
    docs = [d for d in data.documents + data.real_documents if d.get("doc_type") in DOC_TYPES]
    heads = [d["pages"][0][:HEAD_CHARS] for d in docs]
    y = np.array([DOC_TYPES.index(d["doc_type"]) for d in docs])
    X = hashed_ngrams(heads)
    kf = KFold(n_splits=3, shuffle=True, random_state=seed)
    pred = np.zeros(len(y), dtype=int)
    for tr, te in kf.split(X):
        m = _doc_type_sgd().fit(X[tr], y[tr])
        pred[te] = m.classes_[np.argmax(m.decision_function(X[te]), axis=1)]
    m = _doc_type_sgd().fit(X, y)
    coef = np.zeros((N_FEATURES, len(DOC_TYPES)))
    b = np.full(len(DOC_TYPES), -30.0)
    for k, cls in enumerate(m.classes_):
        coef[:, cls] = m.coef_[k]
        b[cls] = m.intercept_[k]
    model = LinearModel(name="doc-type", kind="multiclass", labels=DOC_TYPES, W=_prune(coef), b=b)
    return model, {"cv_accuracy": round(float((pred == y).mean()), 4), "n_documents": int(len(y))}


# -- relevance per (document, indicator) ----------------------------------------------------
@dataclass
class RelevanceData:
    """Every training document's (document, indicator) pairs, their features computed as the
    scorer computes them on a document it has not seen (the passage model of another fold)."""

    F: np.ndarray  # (documents * indicators, features)
    Y: np.ndarray  # (documents, indicators) labels
    allowed: np.ndarray  # (documents, indicators): the rules leave the pair to the model
    forced: np.ndarray  # (documents, indicators): a rule makes the pair relevant
    fold: np.ndarray  # (documents,) grouped fold
    real: np.ndarray  # (documents,) from the real corpus
    weight: np.ndarray  # (documents,)
    groups: list[str]
    kinds: list[str]  # the documents' kind labels ("pos", "neg:...")
    doc_types: list[str]  # the types the scorer decided
    oof_evidence: np.ndarray | None = None  # (held-out documents,) the out-of-fold evidence decision
    oof_proba: np.ndarray | None = None  # (documents, indicators) out-of-fold relevance probabilities


def assign_folds(groups: list[str], k: int) -> np.ndarray:
    """Grouped folds: the largest groups first, each to the fold with fewest documents so far
    (ties: the lower fold), groups sorted by name among equals. Deterministic."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    load = [0] * k
    where: dict[str, int] = {}
    for g in sorted(sizes, key=lambda x: (-sizes[x], x)):
        f = min(range(k), key=lambda i: (load[i], i))
        where[g] = f
        load[f] += sizes[g]
    return np.array([where[g] for g in groups], dtype=int)


def document_folds(data: TrainData, k: int) -> tuple[np.ndarray, dict[str, int]]:
    """Grouped folds of every training document (synthetic, then real) and of each real issuer."""
    docs = data.documents + data.real_documents
    real = np.array([bool(d.get("real")) for d in docs], dtype=bool)
    fold = np.zeros(len(docs), dtype=int)
    if real.any():
        fold[real] = assign_folds([d["group"] for d in docs if d.get("real")], k)
    fold[~real] = np.arange(int((~real).sum())) % k
    return fold, {d["group"]: int(f) for d, f in zip(docs, fold) if d.get("real")}


def relevance_data(data: TrainData, fw: Framework, passage: LinearModel, doctype: LinearModel,
                   k: int = CV_FOLDS, log=lambda s: None, fold_models: list | None = None,
                   doc_models: list | None = None) -> RelevanceData:
    """``fold_models``: the passage model of each fold (blind to that fold's real passages);
    without real passages every document is featured by ``passage``. ``doc_models``: the
    document-indicator model of each fold (blind to that fold's documents), or None."""
    docs = data.documents + data.real_documents
    ids = [i.id for i in fw.indicators]
    col = {iid: j for j, iid in enumerate(ids)}
    kinds = [i.kind for i in fw.indicators]
    groups = [d.get("group") or f"syn:{i % k}" for i, d in enumerate(docs)]
    fold, fold_of_group = document_folds(data, k)
    real = np.array([bool(d.get("real")) for d in docs], dtype=bool)
    if not data.real_passages:
        fold_models = None
    log(f"relevance: {len(docs)} documents ({int(real.sum())} real from {len(fold_of_group)} issuers), {k} grouped "
        "folds" + ("" if fold_models else "; passage model shared by all folds"))
    baseline = BaselineScorer(fw)
    policy_idx = np.array([i.kind == "policy" for i in fw.indicators])
    typer = _DocTyper(doctype)
    F, Y, allowed, forced, dtypes = [], [], [], [], []
    for i, d in enumerate(docs):
        a = analyze(_doc(d))
        typer.fill(a)
        pm = fold_models[fold[i]] if fold_models else passage
        thr = BLEND * np.asarray(pm.thresholds) + (1 - BLEND) * LINK_THRESHOLD
        view = document_view(pm, baseline, thr, policy_idx, a, doc_models[fold[i]] if doc_models else None)
        F.append(pair_features(view, a.meta, thr, ids, kinds))
        al, fo, _ = rule_mask(a.meta, ids, kinds)
        allowed.append(al)
        forced.append(np.array([iid in fo for iid in ids]))
        y = np.zeros(len(ids), dtype=np.int8)
        for lab in d.get("indicators") or []:
            if int(lab) in col:
                y[col[int(lab)]] = 1
        Y.append(y)
        dtypes.append(a.meta.doc_type)
    return RelevanceData(F=np.vstack(F), Y=np.array(Y), allowed=np.array(allowed), forced=np.array(forced),
                         fold=fold, real=real, weight=np.where(real, REAL_WEIGHT, 1.0), groups=groups,
                         kinds=[str(d.get("kind", "")) for d in docs], doc_types=dtypes)


class _DocTyper:
    """The doc-type step of :meth:`TrainedScorer.classify`, for training documents."""

    def __init__(self, model: LinearModel):
        self.model = model

    def fill(self, a) -> None:
        meta = a.meta
        if meta.doc_type in (None, "lainnya"):
            head = "\n".join(p.text for p in a.passages[:6])[:HEAD_CHARS]
            p = self.model.proba(hashed_ngrams([head]))[0]
            j = int(np.argmax(p))
            dt = str(self.model.labels[j])
            if dt != "lainnya" and p[j] >= DOC_TYPE_MIN_PROB and not meta.signals.get("national"):
                meta.doc_type = dt


def _fit_relevance(F: np.ndarray, y: np.ndarray, w: np.ndarray):
    mean = F.mean(axis=0)
    scale = F.std(axis=0)
    scale[scale == 0] = 1.0
    if y.min() == y.max():
        return mean, scale, np.zeros(F.shape[1]), (8.0 if y.max() else -8.0)
    m = LogisticRegression(C=C_RELEVANCE, solver="lbfgs", max_iter=3000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m.fit((F - mean) / scale, y, sample_weight=w)
    return mean, scale, m.coef_.ravel().copy(), float(m.intercept_[0])


def _decide(mean, scale, coef, b, F):
    return ((F - mean) / scale) @ coef + b


THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


def _f1(pred: np.ndarray, y: np.ndarray) -> float:
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(1.0, float(pred.sum() + (y == 1).sum()))


def _best_plateau(P: np.ndarray, Y: np.ndarray) -> float:
    """The middle of the thresholds that share the best F1 (not its edge: a held-out document
    a little below the training positives still passes)."""
    f = np.array([_f1(P >= t, Y) for t in THRESHOLD_GRID])
    best = THRESHOLD_GRID[f >= f.max() - 1e-9]
    return float(best[(len(best) - 1) // 2])


def choose_thresholds(P: np.ndarray, Y: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Per indicator, the threshold with the best F1 on these (cross-validated) probabilities,
    shrunk towards the common threshold when the indicator has few positives."""
    Pm = np.where(allowed, P, 0.0)
    common = _best_plateau(Pm, Y)
    out = np.full(Y.shape[1], float(common))
    for j in range(Y.shape[1]):
        n = int(Y[:, j].sum())
        if n == 0:
            continue
        tj = _best_plateau(Pm[:, j], Y[:, j])
        out[j] = round((n * float(tj) + MIN_POS_THRESHOLD * float(common)) / (n + MIN_POS_THRESHOLD), 4)
    return out


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    po = float((a == b).mean()) if len(a) else 0.0
    pe = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean())) if len(a) else 0.0
    return round((po - pe) / (1 - pe), 4) if pe < 1 else 0.0


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    p, y = np.ravel(p), np.ravel(y)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        out.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(m.sum()),
                    "mean_p": round(float(p[m].mean()), 4) if m.any() else None,
                    "observed": round(float(y[m].mean()), 4) if m.any() else None})
    return out


def cross_validate_relevance(rd: RelevanceData, ids: list[int]) -> tuple[np.ndarray, dict]:
    """Grouped cross-validation of the relevance model: decisions out of fold for every pair,
    and the figures on the held-out documents (the real ones when there are any), each fold's
    Platt scaling and thresholds fitted on the other folds' out-of-fold scores only."""
    n_docs, n_ind = rd.Y.shape
    y = rd.Y.ravel()
    al = rd.allowed.ravel()
    pair_doc = np.repeat(np.arange(n_docs), n_ind)
    pair_fold = rd.fold[pair_doc]
    w = rd.weight[pair_doc]
    D = np.zeros(len(y))
    k = int(rd.fold.max()) + 1
    for f in range(k):
        tr = (pair_fold != f) & al
        te = pair_fold == f
        mean, scale, coef, b = _fit_relevance(rd.F[tr], y[tr], w[tr])
        D[te] = _decide(mean, scale, coef, b, rd.F[te])
    evald = rd.real if rd.real.any() else np.ones(n_docs, bool)
    P = np.zeros((n_docs, n_ind))
    pred = np.zeros((n_docs, n_ind), dtype=bool)
    Dm = D.reshape(n_docs, n_ind)
    for f in range(k):
        # Platt and thresholds from every other-fold document (the synthetic ones bring the
        # positives a small real corpus lacks); figures on the held-out (real) documents.
        other = rd.fold != f
        test = (rd.fold == f) & evald
        if not test.any() or not other.any():
            continue
        o_pairs = rd.allowed[other]
        a, c = _platt(Dm[other][o_pairs], rd.Y[other][o_pairs])
        Po = np.where(rd.allowed[other], _sig(a * Dm[other] + c), 0.0)
        thr = choose_thresholds(Po, rd.Y[other], rd.allowed[other])
        Pt = np.where(rd.allowed[test], _sig(a * Dm[test] + c), 0.0)
        pt = (Pt >= thr[None, :]) | rd.forced[test]
        Pt = np.where(rd.forced[test], np.maximum(Pt, thr[None, :]), Pt)
        P[test], pred[test] = Pt, pt
    Ye, Pe, pe = rd.Y[evald], P[evald], pred[evald]
    rd.oof_evidence = pe.any(axis=1)
    rd.oof_proba = P
    return D, relevance_metrics(Ye, Pe, pe, ids, [kd for kd, e in zip(rd.kinds, evald) if e],
                                [g for g, e in zip(rd.groups, evald) if e], bool(rd.real.any()),
                                S=product_scores(rd)[evald])


def product_scores(rd: "RelevanceData") -> np.ndarray:
    """The document scores per indicator the scorer reports (``indicator_scores``: the blended text
    score, at most :data:`models.RULED_OUT_SCORE` where a rule excludes the indicator), which
    ``inspect`` and ``evaluate`` rank by."""
    from .models import RULED_OUT_SCORE
    n_docs, n_ind = rd.Y.shape
    S = rd.F[:, 0].reshape(n_docs, n_ind)
    return np.where(rd.allowed, S, np.minimum(S, RULED_OUT_SCORE))


def top_hits(Y: np.ndarray, R: np.ndarray) -> tuple[float, float]:
    """(top-1, top-3) hit rates of the labelled indicators among the positives, ranking by ``R``
    (ties: the lower indicator first, as the scorer's ranking)."""
    pos = np.flatnonzero(Y.any(axis=1))
    if not len(pos):
        return 0.0, 0.0
    order = np.argsort(-R, axis=1, kind="stable")
    t1 = np.mean([bool(Y[i, order[i, 0]]) for i in pos])
    t3 = np.mean([bool(Y[i, order[i, :3]].any()) for i in pos])
    return round(float(t1), 4), round(float(t3), 4)


def _sig(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def relevance_metrics(Y: np.ndarray, P: np.ndarray, pred: np.ndarray, ids: list[int], kinds: list[str],
                      groups: list[str], real: bool, S: np.ndarray | None = None) -> dict:
    per = []
    for j, iid in enumerate(ids):
        yj, pj = Y[:, j] == 1, pred[:, j]
        tp, fp, fn = int((yj & pj).sum()), int((~yj & pj).sum()), int((yj & ~pj).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per.append({"indicator": iid, "support": int(yj.sum()), "predicted": int(pj.sum()), "precision": round(p, 4),
                    "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0})
    has = [x for x in per if x["support"]]
    ev_true, ev_pred = Y.any(axis=1), pred.any(axis=1)
    score = P.max(axis=1) if P.size else np.zeros(0)
    pos = ev_true
    order = np.argsort(-P, axis=1, kind="stable")
    top3 = [bool(Y[i, order[i, :3]].any()) for i in np.flatnonzero(pos)]
    top1 = [bool(Y[i, order[i, 0]]) for i in np.flatnonzero(pos)]
    neg_kinds: dict[str, list[int]] = {}
    for i in np.flatnonzero(~pos):
        k = kinds[i].split(":")[1] if ":" in kinds[i] else kinds[i]
        neg_kinds.setdefault(k, [0, 0])
        neg_kinds[k][0] += 1
        neg_kinds[k][1] += int(ev_pred[i])
    tp = int((ev_true & ev_pred).sum())
    return {
        "on": "real corpus, grouped by issuer" if real else "synthetic corpus (no real corpus found)",
        "documents": int(len(Y)), "issuers": len(set(groups)), "positives": int(pos.sum()),
        "per_indicator": per,
        "macro_f1": round(float(np.mean([x["f1"] for x in has])) if has else 0.0, 4),
        "macro_precision": round(float(np.mean([x["precision"] for x in has])) if has else 0.0, 4),
        "macro_recall": round(float(np.mean([x["recall"] for x in has])) if has else 0.0, 4),
        "evidence": {"kappa": cohen_kappa(ev_true, ev_pred), "accuracy": round(float((ev_true == ev_pred).mean()), 4),
                     "recall": round(tp / max(1, int(ev_true.sum())), 4),
                     "precision": round(tp / max(1, int(ev_pred.sum())), 4),
                     "negatives_called_evidence": round(float(ev_pred[~ev_true].mean()) if (~ev_true).any() else 0.0, 4),
                     "ece": ece(score, ev_true.astype(float)), "reliability": reliability(score, ev_true.astype(float))},
        "pairs": {"ece": ece(P, Y.astype(float)), "brier": brier(P, Y.astype(float)),
                  "reliability": reliability(P, Y.astype(float))},
        "top3_hit": round(float(np.mean(top3)), 4) if top3 else 0.0,
        "top1_hit": round(float(np.mean(top1)), 4) if top1 else 0.0,
        **({"ranking_scores": dict(zip(("top1_hit", "top3_hit"), top_hits(Y, S)))} if S is not None else {}),
        "negatives_called_evidence_by_kind": {k: {"n": v[0], "called_evidence": v[1]} for k, v in sorted(neg_kinds.items())},
    }


def train_relevance(data: TrainData, fw: Framework, passage: LinearModel, doctype: LinearModel,
                    log=lambda s: None, k: int = CV_FOLDS, fold_models: list | None = None,
                    keep: list | None = None, doc_models: list | None = None) -> tuple[LinearModel, dict]:
    """The relevance model and its grouped CV figures; ``keep`` (a list) receives the
    :class:`RelevanceData` (its out-of-fold evidence decision included)."""
    ids = [i.id for i in fw.indicators]
    rd = relevance_data(data, fw, passage, doctype, k=k, log=log, fold_models=fold_models, doc_models=doc_models)
    if keep is not None:
        keep.append(rd)
    D, metrics = cross_validate_relevance(rd, ids)
    n_docs, n_ind = rd.Y.shape
    Dm = D.reshape(n_docs, n_ind)
    a, c = _platt(Dm[rd.allowed], rd.Y[rd.allowed])
    P = np.where(rd.allowed, _sig(a * Dm + c), 0.0)
    thr = choose_thresholds(P, rd.Y, rd.allowed)
    y = rd.Y.ravel()
    ok = rd.allowed.ravel()
    w = rd.weight[np.repeat(np.arange(n_docs), n_ind)]
    mean, scale, coef, b = _fit_relevance(rd.F[ok], y[ok], w[ok])
    model = LinearModel(name="evidence-filter", kind="dense", labels=["relevance"], W=coef.reshape(-1, 1),
                        b=np.array([b]), mean=mean, scale=scale, platt_a=np.array([a]), platt_c=np.array([c]),
                        thresholds=thr)
    metrics.update({"n_documents": int(n_docs), "n_real_documents": int(rd.real.sum()), "folds": k,
                    "platt": [round(a, 4), round(c, 4)],
                    "thresholds": {str(i): round(float(t), 4) for i, t in zip(ids, thr)}})
    return model, metrics

def _write(model: LinearModel, out: Path, extra: dict) -> str:
    digest = save_arrays(out / f"{model.name}.npz", model.arrays())
    save_manifest(out / f"{model.name}.json", {
        "format": FORMAT, "name": model.name, "kind": model.kind, "labels": model.labels, "version": VERSION,
        "features": {"kind": "hashed-char-ngrams", "n_features": N_FEATURES, "ngrams": [3, 4, 5]},
        "weights_sha256": digest, **extra})
    model.manifest = {"version": VERSION, "weights_sha256": digest, **extra}
    return digest


def corpus_digest(data: TrainData) -> str:
    h = hashlib.sha256()
    for r in data.passages + data.documents + data.review_passages + data.real_passages + data.real_documents:
        h.update(json.dumps(r, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def train_all(corpus: Path, out: Path, seed: int = 0, framework: str = "spbe-2020",
              review_passages: list[dict] | None = None, base_dir: Path | None = None,
              log=lambda s: None, real: Path | str | None = None, use_real: bool = True,
              date: str | None = None, legacy_dir: Path | None = None) -> dict:
    """Train every model from the synthetic corpus (``corpus/training``) and the real one
    (``real``, else ``$EVIDENCE_MAPPER_REAL_CORPUS``, else ``corpus/real``; none: synthetic only).
    ``date`` is the card's date (default: today); ``legacy_dir``: the 1.0.0 document filter
    whose union with the relevance decision the card reports (grouped CV, real corpus)."""
    random.seed(seed)
    np.random.seed(seed)
    fw = load_framework(framework)
    data = load_corpus(corpus, real, use_real=use_real, log=log)
    data.review_passages = list(review_passages or [])
    if data.real_dir is None:
        log("no real corpus found (corpus/real/documents.jsonl.gz): training on the synthetic corpus alone")
    else:
        log(f"real corpus {data.real_dir}: {len(data.real_documents)} documents, {len(data.real_passages)} passages"
            f" ({sum(1 for p in data.real_passages if p.get('read'))} read)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    base = LinearModel.load(base_dir, "passage-indicator") if (base_dir and data.review_passages) else None
    log(f"passage model: {len(data.passages)} synthetic + {len(data.real_passages)} real passages, "
        f"{len(data.review_passages)} reviewed")
    _, fold_of_group = document_folds(data, CV_FOLDS)
    fold_models: list = []
    passage, m_pass = train_passage_model(data, fw, seed, base=base, fold_of_group=fold_of_group,
                                          fold_models=fold_models)
    log(f"  macro F1 (cv) {m_pass['macro_f1']}")
    doctype, m_type = train_doc_type(data, seed)
    log(f"doc-type model: cv accuracy {m_type['cv_accuracy']}")
    doc_folds, _ = document_folds(data, CV_FOLDS)
    doc_models: list = []
    docmodel, m_doc = train_doc_indicator(data, fw, doc_folds, CV_FOLDS, fold_models=doc_models)
    log(f"document-indicator model: {m_doc['n_documents']} evidence documents, top-3 (cv) {m_doc['top3_hit']}")
    kept: list = []
    evidence, m_ev = train_relevance(data, fw, passage, doctype, log=log, fold_models=fold_models, keep=kept,
                                     doc_models=doc_models)
    from .models import models_available
    if legacy_dir is not None and models_available(Path(legacy_dir)) and data.real_documents:
        log(f"legacy document filter {legacy_dir}: reading the real corpus")
        m_ev["combination"] = union_figures(data, fw, kept[0].oof_evidence, Path(legacy_dir))
    log(f"relevance per indicator ({m_ev['on']}): macro F1 {m_ev['macro_f1']}, evidence kappa "
        f"{m_ev['evidence']['kappa']}, ECE {m_ev['pairs']['ece']}")
    digest = corpus_digest(data)
    data_info = {"corpus": "corpus/training (made by corpus/make_training.py)"
                           + (" + corpus/real" if data.real_dir else ""), "corpus_sha256": digest,
                 "passages": len(data.passages), "documents": len(data.documents),
                 "real_documents": len(data.real_documents), "real_passages": len(data.real_passages),
                 "real_issuers": len({d["group"] for d in data.real_documents}),
                 "review_passages": len(data.review_passages), "seed": seed, "framework": fw.id}
    hashes = {
        "passage-indicator": _write(passage, out, {"metrics_cv": m_pass, "data": data_info}),
        "doc-type": _write(doctype, out, {"metrics_cv": m_type, "data": data_info}),
        DOC_MODEL: _write(docmodel, out, {"metrics_cv": m_doc, "data": data_info,
                                          "features": {"kind": "hashed-char-ngrams", "n_features": N_FEATURES,
                                                       "ngrams": [3, 4, 5], "max_chars": DOC_CHARS}}),
        "evidence-filter": _write(evidence, out, {"metrics_cv": m_ev, "data": data_info, "role": "relevance",
                                                  "indicators": [i.id for i in fw.indicators],
                                                  "feature_names": feature_names([i.id for i in fw.indicators])}),
    }
    when = None if data.review_passages else (date or _today())
    card = {"version": VERSION, "date": when,
            "data": data_info, "files_sha256": hashes,
            "metrics_cv_on_corpus": {"passage-indicator": m_pass, "doc-type": m_type, DOC_MODEL: m_doc,
                                     "evidence-filter": m_ev},
            "note": "The relevance figures are grouped cross-validation by issuer on the real corpus (synthetic "
                    "documents only ever train); quality on unseen real documents is measured with "
                    "'evidence-mapper evaluate --real'."}
    # The card's date is the only thing that changes between two runs on the same data (give
    # ``date`` to fix it); the model files themselves are byte-identical.
    (out / "card.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    TrainedScorer(fw, out)  # the written files load
    return card


def _today() -> str:
    return _date.today().isoformat()


def _decision_figures(pred: np.ndarray, y: np.ndarray) -> dict:
    pred, y = np.asarray(pred, bool), np.asarray(y, bool)
    return {"kappa": cohen_kappa(pred, y), "recall": round(float(pred[y].mean()), 4) if y.any() else None,
            "negatives_called_evidence": round(float(pred[~y].mean()), 4) if (~y).any() else None,
            "precision": round(float(y[pred].mean()), 4) if pred.any() else None}


def union_figures(data: TrainData, fw: Framework, oof_evidence: np.ndarray, legacy_dir: Path) -> dict:
    """The evidence decision of the relevance model (out of fold), of the legacy document filter
    (models 1.0.0: trained on the synthetic corpus only, so every real document is unseen by it)
    and of their union, on the real corpus: what decides whether the product combines them."""
    sc = TrainedScorer(fw, legacy_dir)
    y = np.array([bool(d.get("indicators")) for d in data.real_documents])
    leg = np.array([sc.classify(analyze(_doc(d))).is_evidence for d in data.real_documents])
    rel = np.asarray(oof_evidence, bool)
    return {"legacy_model": sc.model_id, "relevance": _decision_figures(rel, y), "legacy": _decision_figures(leg, y),
            "union": _decision_figures(rel | leg, y), "intersection": _decision_figures(rel & leg, y)}


def grouped_cv(corpus: Path, real: Path | str | None = None, seed: int = 0, framework: str = "spbe-2020",
               folds: int = CV_FOLDS, log=lambda s: None, legacy_dir: Path | None = None) -> dict:
    """The relevance model's grouped cross-validation by issuer (as ``train`` runs it), without
    writing models: the figures ``evaluate --cv`` prints."""
    random.seed(seed)
    np.random.seed(seed)
    fw = load_framework(framework)
    data = load_corpus(corpus, real, log=log)
    if data.real_dir is None:
        log("no real corpus found (corpus/real/documents.jsonl.gz): cross-validating on the synthetic corpus alone")
    else:
        log(f"real corpus {data.real_dir}: {len(data.real_documents)} documents, {len(data.real_passages)} passages"
            f" ({sum(1 for p in data.real_passages if p.get('read'))} read)")
    _, fold_of_group = document_folds(data, folds)
    fold_models: list = []
    passage, _ = train_passage_model(data, fw, seed, folds=folds, fold_of_group=fold_of_group, fold_models=fold_models)
    doctype, _ = train_doc_type(data, seed)
    doc_folds, _ = document_folds(data, folds)
    doc_models: list = []
    train_doc_indicator(data, fw, doc_folds, folds, fold_models=doc_models)
    rd = relevance_data(data, fw, passage, doctype, k=folds, log=log, fold_models=fold_models, doc_models=doc_models)
    _, metrics = cross_validate_relevance(rd, [i.id for i in fw.indicators])
    metrics["folds"] = folds
    from .models import models_available
    if legacy_dir is not None and models_available(Path(legacy_dir)) and data.real_documents:
        log(f"legacy document filter {legacy_dir}: reading the real corpus")
        metrics["combination"] = union_figures(data, fw, rd.oof_evidence, Path(legacy_dir))
    return metrics
