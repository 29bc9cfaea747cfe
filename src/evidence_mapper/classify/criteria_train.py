"""Training of the criterion matcher (:mod:`.criteria`) from the real corpus.

Pairs: every passage of a document labelled as evidence against every criterion (SPBE 2020) of
the document's labelled indicators (the scorer asks the criterion question only of documents
the evidence models already linked to the indicator); ``all_passages`` adds the passages of every
other document, paired with the three indicators whose text each is closest to. A pair is
positive when the passage's criterion (or one of its other criteria) is that criterion.

Labels: when ``corpus/real/readings/`` holds readings (careful per-passage criterion labels,
see :mod:`.realcorpus`), only the read passages train and are evaluated; otherwise the rule
labels of ``passages.jsonl.gz``. Cross-validation folds are grouped by issuer (GroupKFold), so
every figure is on issuers the fold never trained on; the rule detector on the same pairs (all
term groups of the criterion found in the passage) is reported beside it, overall, per indicator
and per criterion where there are at least :data:`MIN_SUPPORT` positive pairs. Deterministic:
the same corpus gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import numpy as np

from ..frameworks import Framework, load_framework
from ..nlp.terms import normalize
from .criteria import FEATURES, FORMAT, _query_vector_cached, criterion_query, indicator_query, pair_features, \
    passage_vectors
from .realcorpus import READINGS_DIR, read_passages

TOP_INDICATORS = 3
C = 1.0
USE_IN_SCORING = False
FOLDS = 5
MIN_SUPPORT = 5  # positive pairs an indicator or criterion needs for its own P/R line
VERSION = "1.0.0"


def load_corpus(cdir: Path, log=None) -> tuple[dict, list[dict], str, dict]:
    """(labels per document id, passages with the readings applied, corpus sha256, readings report).
    The sha256 is that of ``passages.jsonl.gz``, followed by each readings file when there are any."""
    cdir = Path(cdir)
    docs = {}
    with gzip.open(cdir / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d["labels"]
    passages, report = read_passages(cdir, log=log)
    files = [cdir / "passages.jsonl.gz"] + sorted((cdir / READINGS_DIR).glob("*.jsonl"))
    if len(files) == 1:
        sha = hashlib.sha256(files[0].read_bytes()).hexdigest()
    else:
        h = hashlib.sha256()
        for p in files:
            h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).hexdigest().encode())
        sha = h.hexdigest()
    return docs, passages, sha, report


def _positive_criteria(p: dict) -> set[str]:
    return {c for c in [p.get("criterion"), *(p.get("also") or [])] if c}


def build_pairs(docs: dict, passages: list[dict], fw: Framework, evidence_docs_only: bool = True):
    """(X, y, groups, meta) of the (passage, criterion) pairs; ``meta``: (passage index, criterion id)."""
    inds = list(fw.indicators)
    texts = [p["text"] for p in passages]
    if not texts:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=int), np.zeros(0, dtype=object), []
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
        pos_crit = _positive_criteria(p)
        cand.update(int(c.split("-")[0]) for c in pos_crit if int(c.split("-")[0]) in pos_of)
        if not evidence_docs_only:
            cand.update(inds[k].id for k in np.argsort(-cos_ind[n], kind="stable")[:TOP_INDICATORS])
        norm = normalize(p["text"])
        v = V[n]
        for ind_id in sorted(cand):
            ind = inds[pos_of[ind_id]]
            for c in crit_of[ind_id]:
                cc = float((v @ _query_vector_cached(criterion_query(c)).T).toarray()[0, 0])
                X.append(pair_features(norm, len(p["text"]), cc, float(cos_ind[n, pos_of[ind_id]]), c))
                y.append(int(c.id in pos_crit))
                groups.append(lab.get("issuer") or p["doc_id"])
                meta.append((n, c.id))
    return np.asarray(X), np.asarray(y), np.asarray(groups), meta


def fit(X, y):
    from sklearn.linear_model import LogisticRegression

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


def _breakdown(keys: list, learned, rule, y) -> list[dict]:
    """P/R of the learned matcher and of the rule per key (indicator or criterion) with enough support."""
    out = []
    keys = np.asarray(keys)
    for k in sorted(set(keys.tolist()), key=lambda x: [int(v) if str(v).isdigit() else str(v)
                                                          for v in str(x).split("-")]):
        m = keys == k
        support = int(y[m].sum())
        if support < MIN_SUPPORT:
            continue
        out.append({"key": str(k), "support": support, "pairs": int(m.sum()),
                    "learned": pr(learned[m], y[m]), "rule": pr(rule[m], y[m])})
    return out


def cross_validate(cdir: Path, folds: int = FOLDS, all_passages: bool = False, framework: str = "spbe-2020",
                   log=None) -> tuple[dict, tuple]:
    """Grouped CV figures, and what the final fit needs (X, y, threshold, corpus sha256)."""
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.model_selection import GroupKFold

    fw = load_framework(framework)
    docs, passages, sha, report = load_corpus(Path(cdir), log=log)
    read = [p for p in passages if p.get("read")]
    use = read if read else passages
    X, y, groups, meta = build_pairs(docs, use, fw, evidence_docs_only=not all_passages)
    if not len(y) or y.sum() == 0 or y.sum() == len(y):
        raise ValueError(f"{cdir}: no (passage, criterion) pairs with both labels to learn from")
    n_issuers = len(set(groups.tolist()))
    k = min(folds, n_issuers)
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=k).split(X, y, groups):
        oof[te] = 0.0 if y[tr].sum() == 0 else predict(fit(X[tr], y[tr]), X[te])
    thr = best_f1_threshold(oof, y)
    rule = X[:, FEATURES.index("rule_all")].astype(int)
    learned = (oof >= thr).astype(int)
    either = np.maximum(rule, learned)
    # top-1: among the criteria paired with a positive passage, is one of its own criteria ranked first?
    by_passage: dict[int, list[tuple[float, int]]] = {}
    for (n, _), s, t in zip(meta, oof, y):
        by_passage.setdefault(n, []).append((s, t))
    pos = [v for v in by_passage.values() if any(t for _, t in v)]
    top1 = sum(1 for v in pos if max(v, key=lambda st: st[0])[1] == 1) / len(pos) if pos else 0.0
    crit_ids = [c for _, c in meta]
    cv = {
        "folds": k, "grouping": "issuer", "n_issuers": n_issuers, "n_passages": len({n for n, _ in meta}),
        "labels": "readings" if read else "rules",
        "n_read_passages": len(read), "readings_ignored": len(report["mismatches"]),
        "pairs_from": ("read passages" if read else "passages")
                      + (" (all documents)" if all_passages else " of documents labelled as evidence"),
        "n_pairs": int(len(y)), "n_positive_pairs": int(y.sum()),
        "roc_auc": round(float(roc_auc_score(y, oof)), 4),
        "average_precision": round(float(average_precision_score(y, oof)), 4),
        "threshold": round(thr, 4), "learned": pr(learned, y), "rule": pr(rule, y), "rule_or_learned": pr(either, y),
        "top1_criterion_of_positive_passages": round(top1, 3),
        "recall_at_precision": {str(t): pr((oof >= threshold_for(oof, y, t)).astype(int), y)["recall"]
                                for t in (0.2, 0.3, 0.5)},
        "rule_average_precision": round(float(average_precision_score(y, rule)), 4),
        "per_indicator": _breakdown([c.split("-")[0] for c in crit_ids], learned, rule, y),
        "per_criterion": _breakdown(crit_ids, learned, rule, y),
    }
    return cv, (X, y, thr, sha, bool(read))


def format_breakdown(cv: dict) -> str:
    """The per-indicator and per-criterion P/R lines of the CV (support >= MIN_SUPPORT)."""
    lines = [f"Grouped CV by issuer ({cv['folds']} folds, {cv['n_issuers']} issuers, labels: {cv['labels']}, "
             f"{cv['n_passages']} passages, {cv['n_positive_pairs']} positive of {cv['n_pairs']} pairs); "
             f"P/R where at least {MIN_SUPPORT} positive pairs:",
             f"  {'':<10} {'support':>7} | {'learned P':>9} {'R':>6} | {'rule P':>7} {'R':>6}"]
    for title, key in (("indicator", "per_indicator"), ("criterion", "per_criterion")):
        for x in cv.get(key) or []:
            lines.append(f"  {title[:4]} {x['key']:<5} {x['support']:>7} | {x['learned']['precision']:>9.3f} "
                         f"{x['learned']['recall']:>6.3f} | {x['rule']['precision']:>7.3f} {x['rule']['recall']:>6.3f}")
    lines.append(f"  {'all':<10} {cv['n_positive_pairs']:>7} | {cv['learned']['precision']:>9.3f} "
                 f"{cv['learned']['recall']:>6.3f} | {cv['rule']['precision']:>7.3f} {cv['rule']['recall']:>6.3f}")
    return "\n".join(lines)


def train_matcher(cdir: Path, out: Path, folds: int = FOLDS, all_passages: bool = False, log=None) -> dict:
    """Cross-validate, fit on every pair and write the matcher's JSON file; returns its manifest."""
    cv, (X, y, thr, sha, read) = cross_validate(cdir, folds=folds, all_passages=all_passages, log=log)
    coef, b, mean, scale = fit(X, y)
    corpus = "corpus/real/passages.jsonl.gz" + (" + corpus/real/readings/*.jsonl (read passages only)" if read else "")
    manifest = {
        "format": FORMAT, "name": "criterion-matcher", "version": VERSION, "features": FEATURES,
        "coef": [round(float(v), 6) for v in coef], "intercept": round(b, 6),
        "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
        "threshold": round(thr, 4), "threshold_rule": "best F1 on the grouped out-of-fold scores",
        "data": {"corpus": corpus, "corpus_sha256": sha, "framework": "spbe-2020",
                 "top_indicators": TOP_INDICATORS, "C": C, "class_weight": "balanced"},
        "metrics_cv": cv,
        # switched on only where it improves the paired development case (evaluate --levels):
        "use_in_scoring": USE_IN_SCORING,
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


__all__ = ["train_matcher", "cross_validate", "build_pairs", "load_corpus", "format_breakdown", "MIN_SUPPORT"]
