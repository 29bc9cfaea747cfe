"""Train the criterion matcher (src/evidence_mapper/classify/criteria.py) on corpus/real.

    python scripts/train_criterion_matcher.py            # grouped CV figures + writes models/criterion-matcher.json
    python scripts/train_criterion_matcher.py --cv-only  # figures only

Pairs: every passage of a document labelled as evidence (corpus/real/passages.jsonl.gz) against
every criterion (SPBE 2020) of the document's labelled indicators: the scorer asks the criterion
question only of documents the evidence models already linked to the indicator
(``--all-passages`` adds the passages of every other document, paired with the three indicators
whose text each is closest to). A pair is positive when the passage's criterion label is that criterion.
Cross-validation folds are grouped by issuer (GroupKFold), so every figure is on issuers the fold
never trained on. The rule detector on the same pairs (all term groups of the criterion found in
the passage) is printed beside it. Deterministic: the same corpus gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_mapper.classify.criteria import (  # noqa: E402
    DEFAULT_PATH, FEATURES, FORMAT, _query_vector_cached, criterion_query, indicator_query, pair_features,
    passage_vectors)
from evidence_mapper.frameworks import load_framework  # noqa: E402
from evidence_mapper.nlp.terms import normalize  # noqa: E402

TOP_INDICATORS = 3
C = 1.0
USE_IN_SCORING = False


def load_corpus(cdir: Path):
    docs = {}
    with gzip.open(cdir / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d["labels"]
    with gzip.open(cdir / "passages.jsonl.gz", "rt", encoding="utf-8") as f:
        passages = [json.loads(line) for line in f]
    sha = hashlib.sha256((cdir / "passages.jsonl.gz").read_bytes()).hexdigest()
    return docs, passages, sha


def build_pairs(docs, passages, fw, evidence_docs_only=True):
    inds = list(fw.indicators)
    texts = [p["text"] for p in passages]
    V = passage_vectors(texts)
    Qi = np.vstack([_query_vector_cached(indicator_query(i)).toarray() for i in inds])
    cos_ind = np.asarray(V @ Qi.T)  # passages x indicators
    crit_of = {i.id: [c for lv in i.levels.values() for c in lv.criteria] for i in inds}
    pos_of = {i.id: k for k, i in enumerate(inds)}
    X, y, groups, meta = [], [], [], []
    for n, p in enumerate(passages):
        lab = docs.get(p["doc_id"], {})
        cand = set(lab.get("spbe2020_indicators") or [])
        if evidence_docs_only and not cand:
            continue  # the scorer asks for criteria only in documents that are evidence for the indicator
        if p.get("indicator"):
            cand.add(int(p["indicator"]))
        if not evidence_docs_only:
            cand.update(inds[k].id for k in np.argsort(-cos_ind[n], kind="stable")[:TOP_INDICATORS])
        norm = normalize(p["text"])
        v = V[n]
        for ind_id in sorted(cand):
            ind = inds[pos_of[ind_id]]
            for c in crit_of[ind_id]:
                cc = float((v @ _query_vector_cached(criterion_query(c)).T).toarray()[0, 0])
                X.append(pair_features(norm, len(p["text"]), cc, float(cos_ind[n, pos_of[ind_id]]), c))
                y.append(int(p.get("criterion") == c.id))
                groups.append(lab.get("issuer") or p["doc_id"])
                meta.append((n, c.id))
    return np.asarray(X), np.asarray(y), np.asarray(groups), meta


def fit(X, y):
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="lbfgs")
    lr.fit((X - mean) / scale, y)
    return lr.coef_[0], float(lr.intercept_[0]), mean, scale


def predict(model, X):
    coef, b, mean, scale = model
    return 1.0 / (1.0 + np.exp(-(((X - mean) / scale) @ coef + b)))


def pr(pred, y):
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def threshold_for(scores, y, target):
    """Lowest threshold whose precision reaches the target (the most recall at that precision)."""
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], y[order]
    tp = np.cumsum(t)
    prec = tp / np.arange(1, len(t) + 1)
    ok = np.where(prec >= target)[0]
    if not len(ok):
        return float(s[0])
    return float(s[ok.max()])


def best_f1_threshold(scores, y):
    """The threshold of the best F1 on the out-of-fold scores."""
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], y[order]
    tp = np.cumsum(t)
    k = np.arange(1, len(t) + 1)
    f1 = 2 * tp / (k + t.sum())
    return float(s[int(np.argmax(f1))])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus" / "real"))
    ap.add_argument("--out", default=str(DEFAULT_PATH))
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--all-passages", action="store_true",
                    help="also pair passages of non-evidence documents (with their 3 closest indicators)")
    a = ap.parse_args(argv)
    fw = load_framework("spbe-2020")
    docs, passages, sha = load_corpus(Path(a.corpus))
    X, y, groups, meta = build_pairs(docs, passages, fw, evidence_docs_only=not a.all_passages)
    n_issuers = len(set(groups))
    oof = np.zeros(len(y))
    gkf = GroupKFold(n_splits=a.folds)
    for tr, te in gkf.split(X, y, groups):
        if y[tr].sum() == 0:
            oof[te] = 0.0
            continue
        oof[te] = predict(fit(X[tr], y[tr]), X[te])
    thr = best_f1_threshold(oof, y)
    rule = X[:, FEATURES.index("rule_all")].astype(int)
    learned = (oof >= thr).astype(int)
    either = np.maximum(rule, learned)
    # top-1: among the criteria paired with a positive passage, is its own criterion ranked first?
    by_passage: dict[int, list[tuple[float, int]]] = {}
    for (n, _), s, t in zip(meta, oof, y):
        by_passage.setdefault(n, []).append((s, t))
    pos = [v for v in by_passage.values() if any(t for _, t in v)]
    top1 = sum(1 for v in pos if max(v, key=lambda st: st[0])[1] == 1) / len(pos) if pos else 0.0
    cv = {
        "folds": a.folds, "grouping": "issuer", "n_issuers": n_issuers, "n_passages": len({n for n, _ in meta}),
        "pairs_from": "all passages" if a.all_passages else "passages of documents labelled as evidence",
        "n_pairs": int(len(y)), "n_positive_pairs": int(y.sum()),
        "roc_auc": round(float(roc_auc_score(y, oof)), 4), "average_precision": round(float(average_precision_score(y, oof)), 4),
        "threshold": round(thr, 4), "learned": pr(learned, y), "rule": pr(rule, y), "rule_or_learned": pr(either, y),
        "top1_criterion_of_positive_passages": round(top1, 3),
        "recall_at_precision": {str(t): pr((oof >= threshold_for(oof, y, t)).astype(int), y)["recall"]
                                for t in (0.2, 0.3, 0.5)},
        "rule_average_precision": round(float(average_precision_score(y, rule)), 4),
    }
    print(json.dumps(cv, indent=1))
    if a.cv_only:
        return 0
    coef, b, mean, scale = fit(X, y)
    manifest = {
        "format": FORMAT, "name": "criterion-matcher", "version": "1.0.0", "features": FEATURES,
        "coef": [round(float(v), 6) for v in coef], "intercept": round(b, 6),
        "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
        "threshold": round(thr, 4), "threshold_rule": "best F1 on the grouped out-of-fold scores",
        "data": {"corpus": "corpus/real/passages.jsonl.gz", "corpus_sha256": sha, "framework": "spbe-2020",
                 "top_indicators": TOP_INDICATORS, "C": C, "class_weight": "balanced"},
        "metrics_cv": cv,
        # switched on only where it improves the paired development case (evaluate --levels):
        "use_in_scoring": USE_IN_SCORING,
    }
    Path(a.out).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
