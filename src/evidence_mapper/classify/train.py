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
from datetime import date
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
from .baseline import LINK_THRESHOLD, BaselineScorer
from .models import BLEND, DOC_FEATURES, HEAD_CHARS, LinearModel, TrainedScorer, document_view
from .. import vocab

VERSION = "1.0.0"
FORMAT = "evidence-mapper-linear/1"
TOP_K = 4000  # weights kept per label (the rest are zero): small files, same ranking
ALPHA_PASSAGE = 1e-5
C_EVIDENCE = 0.3  # strong regularization: the synthetic documents separate too easily
REVIEW_WEIGHT = 5.0  # a reviewer's decision counts as much as this many corpus passages
DOC_TYPES = list(vocab.DOC_TYPES)


@dataclass
class TrainData:
    passages: list[dict]
    documents: list[dict]
    review_passages: list[dict] = field(default_factory=list)  # {"text", "indicator", "label": 0|1}


def load_corpus(corpus: Path) -> TrainData:
    d = Path(corpus) / "training"
    if not (d / "passages.jsonl").exists():
        raise FileNotFoundError(f"{d}/passages.jsonl missing (run: python corpus/make_training.py)")
    read = lambda p: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]  # noqa: E731
    return TrainData(passages=read(d / "passages.jsonl"), documents=read(d / "documents.jsonl"))


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
    for r in data.passages:
        y = np.zeros(len(ids), dtype=np.int8)
        for lab in r["labels"]:
            y[col[int(lab)]] = 1
        texts.append(r["text"])
        rows.append(y)
        weights.append(1.0)
    # A reviewer's decision fixes one (passage, indicator) pair; the other labels of that
    # passage are unknown, so it becomes a row whose other labels copy the model's current view.
    return texts, np.array(rows), np.array(weights), ids, col


def train_passage_model(data: TrainData, fw: Framework, seed: int, folds: int = 3,
                        base: LinearModel | None = None) -> tuple[LinearModel, dict]:
    texts, Y, w, ids, col = _passage_matrix(data, fw)
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
    # Cross-validated scores: Platt scaling, per-label thresholds and the corpus CV figures.
    kf = KFold(n_splits=folds, shuffle=True, random_state=seed)
    D = np.zeros(Y.shape)
    for tr, te in kf.split(X):
        W, b = _fit_multilabel(X[tr], Y[tr], w[tr], ALPHA_PASSAGE)
        D[te] = np.asarray((X[te] @ W).todense()) + b
    a = np.ones(len(ids))
    c = np.zeros(len(ids))
    thr = np.full(len(ids), 0.5)
    Pcv = np.zeros(Y.shape)
    for j in range(len(ids)):
        a[j], c[j] = _platt(D[:, j], Y[:, j])
        Pcv[:, j] = 1.0 / (1.0 + np.exp(-np.clip(a[j] * D[:, j] + c[j], -30, 30)))
        thr[j] = _best_threshold(Pcv[:, j], Y[:, j])
    W, b = _fit_multilabel(X, Y, w, ALPHA_PASSAGE)
    model = LinearModel(name="passage-indicator", kind="multilabel", labels=ids, W=W, b=b, platt_a=a, platt_c=c,
                        thresholds=thr)
    top1 = np.argmax(Pcv, axis=1)
    has = Y.sum(axis=1) > 0
    metrics = {"cv_folds": folds, **prf(Pcv >= thr[None, :], Y),
               "top1_hit": round(float(Y[has, :][np.arange(has.sum()), top1[has]].mean()), 4),
               "brier": brier(Pcv, Y), "ece": ece(Pcv, Y), "n_passages": int(len(Y)),
               "n_review_passages": len(data.review_passages)}
    return model, metrics


def _doc(d: dict) -> IngestedDocument:
    pages = [Page(number=i + 1, text=t, source="plain") for i, t in enumerate(d["pages"])]
    return IngestedDocument(path=d["id"], sha256=hashlib.sha256(d["id"].encode()).hexdigest(), size=0,
                            media_type="text/plain", pages=pages)


def _doc_type_sgd() -> SGDClassifier:
    """One-vs-rest logistic models (softmax over their scores at prediction time)."""
    return SGDClassifier(loss="log_loss", alpha=ALPHA_PASSAGE, max_iter=15, tol=None, random_state=0, average=True)


def train_doc_type(data: TrainData, seed: int) -> tuple[LinearModel, dict]:
    heads = [d["pages"][0][:HEAD_CHARS] for d in data.documents]
    y = np.array([DOC_TYPES.index(d["doc_type"]) for d in data.documents])
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


def doc_feature_rows(docs: list[dict], passage: LinearModel, fw: Framework) -> np.ndarray:
    """The evidence filter's features of each training document, computed exactly as the
    scorer computes them at inference (:func:`models.document_view`)."""
    baseline = BaselineScorer(fw)
    thresholds = BLEND * np.asarray(passage.thresholds) + (1 - BLEND) * LINK_THRESHOLD
    policy_idx = np.array([i.kind == "policy" for i in fw.indicators])
    return np.array([document_view(passage, baseline, thresholds, policy_idx, analyze(_doc(d))).features
                     for d in docs])


def train_evidence_filter(data: TrainData, fw: Framework, passage: LinearModel, seed: int) -> tuple[LinearModel, dict]:
    F = doc_feature_rows(data.documents, passage, fw)
    y = np.array([int(d["is_evidence"]) for d in data.documents])
    mean = F.mean(axis=0)
    scale = F.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (F - mean) / scale
    kf = KFold(n_splits=3, shuffle=True, random_state=seed)
    p = np.zeros(len(y))
    for tr, te in kf.split(Z):
        m = LogisticRegression(C=C_EVIDENCE, solver="lbfgs", max_iter=1000)
        m.fit(Z[tr], y[tr])
        p[te] = m.predict_proba(Z[te])[:, 1]
    m = LogisticRegression(C=C_EVIDENCE, solver="lbfgs", max_iter=1000)
    m.fit(Z, y)
    model = LinearModel(name="evidence-filter", kind="dense", labels=["evidence"], W=m.coef_.T.copy(),
                        b=m.intercept_.copy(), mean=mean, scale=scale)
    neg = y == 0
    metrics = {"cv_accuracy": round(float(((p >= 0.5) == y).mean()), 4),
               "cv_false_evidence_rate": round(float((p[neg] >= 0.5).mean()), 4),
               "cv_recall": round(float((p[~neg] >= 0.5).mean()), 4), "brier": brier(p, y), "ece": ece(p, y),
               "n_documents": int(len(y)),
               "weights": {k: round(float(v), 4) for k, v in zip(DOC_FEATURES, m.coef_[0])}}
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
    for r in data.passages + data.documents + data.review_passages:
        h.update(json.dumps(r, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def train_all(corpus: Path, out: Path, seed: int = 0, framework: str = "spbe-2020",
              review_passages: list[dict] | None = None, base_dir: Path | None = None,
              log=lambda s: None) -> dict:
    random.seed(seed)
    np.random.seed(seed)
    fw = load_framework(framework)
    data = load_corpus(corpus)
    data.review_passages = list(review_passages or [])
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    base = LinearModel.load(base_dir, "passage-indicator") if (base_dir and data.review_passages) else None
    log(f"passage model: {len(data.passages)} corpus passages, {len(data.review_passages)} reviewed")
    passage, m_pass = train_passage_model(data, fw, seed, base=base)
    log(f"  macro F1 (cv) {m_pass['macro_f1']}")
    doctype, m_type = train_doc_type(data, seed)
    log(f"doc-type model: cv accuracy {m_type['cv_accuracy']}")
    evidence, m_ev = train_evidence_filter(data, fw, passage, seed)
    log(f"evidence filter: cv accuracy {m_ev['cv_accuracy']}")
    digest = corpus_digest(data)
    data_info = {"corpus": "corpus/training (made by corpus/make_training.py)", "corpus_sha256": digest,
                 "passages": len(data.passages), "documents": len(data.documents),
                 "review_passages": len(data.review_passages), "seed": seed, "framework": fw.id}
    hashes = {
        "passage-indicator": _write(passage, out, {"metrics_cv": m_pass, "data": data_info}),
        "doc-type": _write(doctype, out, {"metrics_cv": m_type, "data": data_info}),
        "evidence-filter": _write(evidence, out, {"metrics_cv": m_ev, "data": data_info, "threshold": 0.5,
                                                  "feature_names": DOC_FEATURES}),
    }
    card = {"version": VERSION, "date": date.today().isoformat() if not data.review_passages else None,
            "data": data_info, "files_sha256": hashes,
            "metrics_cv_on_corpus": {"passage-indicator": m_pass, "doc-type": m_type, "evidence-filter": m_ev},
            "note": "Cross-validation figures on the project's own corpus; quality is measured on real documents "
                    "with 'evidence-mapper evaluate --real'."}
    # The card's date is the only thing that changes between two runs on the same data; the
    # model files themselves are byte-identical.
    (out / "card.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    TrainedScorer(fw, out)  # the written files load
    return card
