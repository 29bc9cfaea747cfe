"""Models 1.0.0 (``models/legacy/``): the document-level evidence filter the relevance decision
is OR-ed with, and the passage and doc-type models it reads documents with.

The recipe of release 1.0.0, kept so that ``train`` rebuilds every shipped file: trained on the
synthetic corpus alone (``corpus/training``; it never sees a real document, so its decisions on
the real corpus are out of sample), 3-fold cross-validation (shuffled, seeded) for the passage
model's Platt scaling and thresholds, and one logistic model over the 14 document features of
:data:`models.DOC_FEATURES` with the fixed threshold 0.5. Deterministic like :mod:`train`.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from ..frameworks import Framework, load_framework
from ..nlp import analyze
from .baseline import LINK_THRESHOLD, BaselineScorer
from .features import N_FEATURES, hashed_ngrams
from .modelio import save_arrays, save_manifest
from .models import BLEND, DOC_FEATURES, LinearModel, TrainedScorer, document_view
from .train import (ALPHA_PASSAGE, C_EVIDENCE, FORMAT, REVIEW_WEIGHT, TrainData, _doc, _fit_multilabel,
                    calibrate_columns, brier, corpus_digest, ece, load_corpus, prf, train_doc_type)

LEGACY_VERSION = "1.0.0"
LEGACY_FOLDS = 3
LEGACY_THRESHOLD = 0.5


def train_legacy_passage_model(data: TrainData, fw: Framework, seed: int) -> tuple[LinearModel, dict]:
    ids = [i.id for i in fw.indicators]
    col = {iid: j for j, iid in enumerate(ids)}
    texts, rows = [], []
    for r in data.passages:
        y = np.zeros(len(ids), dtype=np.int8)
        for lab in r["labels"]:
            y[col[int(lab)]] = 1
        texts.append(r["text"])
        rows.append(y)
    Y, w = np.array(rows), np.ones(len(rows))
    X = hashed_ngrams(texts)
    if data.review_passages:  # never in the shipped files; kept for symmetry with train.py
        rv = data.review_passages
        Yr = np.zeros((len(rv), len(ids)), dtype=np.int8)
        for i, r in enumerate(rv):
            Yr[i, col[int(r["indicator"])]] = int(r["label"])
        X = sp.vstack([X, hashed_ngrams([r["text"] for r in rv])]).tocsr()
        Y = np.vstack([Y, Yr])
        w = np.concatenate([w, np.full(len(rv), REVIEW_WEIGHT)])
    kf = KFold(n_splits=LEGACY_FOLDS, shuffle=True, random_state=seed)
    D = np.zeros(Y.shape)
    for tr, te in kf.split(X):
        W, b = _fit_multilabel(X[tr], Y[tr], w[tr], ALPHA_PASSAGE)
        D[te] = np.asarray((X[te] @ W).todense()) + b
    a, c, thr, Pcv = calibrate_columns(D, Y)
    W, b = _fit_multilabel(X, Y, w, ALPHA_PASSAGE)
    model = LinearModel(name="passage-indicator", kind="multilabel", labels=ids, W=W, b=b, platt_a=a, platt_c=c,
                        thresholds=thr)
    top1 = np.argmax(Pcv, axis=1)
    has = Y.sum(axis=1) > 0
    metrics = {"cv_folds": LEGACY_FOLDS, **prf(Pcv >= thr[None, :], Y),
               "top1_hit": round(float(Y[has, :][np.arange(has.sum()), top1[has]].mean()), 4),
               "brier": brier(Pcv, Y), "ece": ece(Pcv, Y), "n_passages": int(len(Y)),
               "n_review_passages": len(data.review_passages)}
    return model, metrics


def doc_feature_rows(docs: list[dict], passage: LinearModel, fw: Framework) -> np.ndarray:
    """The filter's features of each training document, as the scorer computes them."""
    baseline = BaselineScorer(fw)
    thresholds = BLEND * np.asarray(passage.thresholds) + (1 - BLEND) * LINK_THRESHOLD
    policy_idx = np.array([i.kind == "policy" for i in fw.indicators])
    return np.array([document_view(passage, baseline, thresholds, policy_idx, analyze(_doc(d))).features
                     for d in docs])


def train_legacy_filter(data: TrainData, fw: Framework, passage: LinearModel, seed: int) -> tuple[LinearModel, dict]:
    F = doc_feature_rows(data.documents, passage, fw)
    y = np.array([int(d["is_evidence"]) for d in data.documents])
    mean = F.mean(axis=0)
    scale = F.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (F - mean) / scale
    kf = KFold(n_splits=LEGACY_FOLDS, shuffle=True, random_state=seed)
    p = np.zeros(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
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
        "format": FORMAT, "name": model.name, "kind": model.kind, "labels": model.labels,
        "version": LEGACY_VERSION, "features": {"kind": "hashed-char-ngrams", "n_features": N_FEATURES,
                                                "ngrams": [3, 4, 5]},
        "weights_sha256": digest, **extra})
    return digest


def train_legacy(corpus: Path, out: Path, seed: int = 0, framework: str = "spbe-2020", log=lambda s: None,
                 date: str | None = None) -> dict:
    """Rebuild ``out`` (normally ``models/legacy``) from the synthetic corpus; returns its card."""
    random.seed(seed)
    np.random.seed(seed)
    fw = load_framework(framework)
    data = load_corpus(corpus, use_real=False)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    log(f"legacy models {LEGACY_VERSION}: {len(data.passages)} synthetic passages, {len(data.documents)} documents")
    passage, m_pass = train_legacy_passage_model(data, fw, seed)
    doctype, m_type = train_doc_type(data, seed)
    evidence, m_ev = train_legacy_filter(data, fw, passage, seed)
    log(f"  legacy evidence filter: cv accuracy {m_ev['cv_accuracy']}")
    data_info = {"corpus": "corpus/training (made by corpus/make_training.py)", "corpus_sha256": corpus_digest(data),
                 "passages": len(data.passages), "documents": len(data.documents),
                 "review_passages": 0, "seed": seed, "framework": fw.id}
    hashes = {
        "passage-indicator": _write(passage, out, {"metrics_cv": m_pass, "data": data_info}),
        "doc-type": _write(doctype, out, {"metrics_cv": m_type, "data": data_info}),
        "evidence-filter": _write(evidence, out, {"metrics_cv": m_ev, "data": data_info,
                                                  "threshold": LEGACY_THRESHOLD, "feature_names": DOC_FEATURES}),
    }
    card = {"version": LEGACY_VERSION, "date": date, "data": data_info, "files_sha256": hashes,
            "metrics_cv_on_corpus": {"passage-indicator": m_pass, "doc-type": m_type, "evidence-filter": m_ev},
            "note": "Cross-validation figures on the project's own corpus; quality is measured on real documents "
                    "with 'evidence-mapper evaluate --real'."}
    import json
    (out / "card.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_legacy_card(out, card)
    TrainedScorer(fw, out)  # the written files load
    return card


def write_legacy_card(out: Path, card: dict) -> Path:
    m = card["metrics_cv_on_corpus"]
    p, t, e = m["passage-indicator"], m["doc-type"], m["evidence-filter"]
    d = card["data"]
    lines = [
        f"# evidence-mapper models {card['version']}",
        "",
        f"Trained: {card.get('date') or '-'}; framework {d['framework']}; seed {d['seed']}.",
        f"Data: {d['corpus']}: {d['passages']} labelled passages and {d['documents']} documents, all written by "
        "this project (templates, the framework's own level texts, synthetic OCR noise; see corpus/README.md).",
        f"Corpus sha256: `{d['corpus_sha256']}`.",
        "",
        "| file | sha256 |",
        "|---|---|",
        *[f"| {k}.npz | `{v}` |" for k, v in sorted(card["files_sha256"].items())],
        "",
        "## Models",
        "- **passage-indicator**: 47 one-vs-rest logistic models (SGD, log loss) over hashed character 3-5-grams, "
        "Platt-calibrated on 3-fold cross-validated scores, one threshold per label; 4,000 weights kept per label.",
        "- **doc-type**: one-vs-rest logistic models (SGD) over the first 800 characters, softmax over their scores; "
        "used only where the metadata rules find no type.",
        "- **evidence-filter**: logistic model over 14 document features (best blended indicator scores, issuer, "
        "national/news/negative-topic signals, type, the keyword baseline's evidence score); evidence at 0.5.",
        "- At inference the passage scores blend the passage model (50%) with the framework-keyword baseline (50%).",
        "",
        "Rebuilt by `evidence-mapper train` (release 1.0.0's recipe, classify/legacy_train.py) with the models "
        "beside it; the document features are computed by today's reading of a document (nlp, keyword baseline).",
        "",
        "## Cross-validation on the project's corpus (not a quality claim)",
        f"- passage-indicator: macro F1 {p['macro_f1']}, micro F1 {p['micro_f1']}, top-1 {p['top1_hit']}, "
        f"Brier {p['brier']}, ECE {p['ece']}",
        f"- doc-type: accuracy {t['cv_accuracy']}",
        f"- evidence-filter: accuracy {e['cv_accuracy']}, false-evidence rate {e['cv_false_evidence_rate']}, "
        f"Brier {e['brier']}",
        "",
        "## Quality on real documents",
        "Measured with `evidence-mapper evaluate --real ../shared/corpus-real` (documents never used in training); "
        "see the README's table.",
    ]
    path = Path(out) / "MODEL_CARD.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


__all__ = ["train_legacy", "write_legacy_card", "LEGACY_VERSION"]
