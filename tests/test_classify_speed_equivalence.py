"""The scorer's fast paths give the numbers of the plain computations they replace.

* the baseline's TF-IDF rows (n-gram columns cached per word) are sklearn's
  ``TfidfVectorizer.transform``, bit for bit, and their product with the indicator profiles
  (dense) the sparse product;
* a sparse linear model's product (its non-empty weight rows as a dense block) is the
  sparse-sparse product ``X @ W``, bit for bit;
* ``title_has`` (one pattern per cue list) answers as one search per cue;
* end to end, ``classify`` + the institution check on the sample corpus and on documents of
  ``corpus/real`` give the same classifications, signals and unrounded scores with the fast
  paths as with the plain ones.
"""

from __future__ import annotations

import copy
import dataclasses
import gzip
import json
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from evidence_mapper.classify import baseline as baseline_mod
from evidence_mapper.classify import models as models_mod
from evidence_mapper.classify import relevance as relevance_mod
from evidence_mapper.classify.baseline import (ICT_TITLE_TERMS, NEGATIVE_TITLE_CUES, TEAM_WORDS, UMBRELLA_TITLE_CUES,
                                               BaselineScorer, title_has)
from evidence_mapper.classify.features import hashed_ngrams
from evidence_mapper.classify.institution import Institution, apply_institution
from evidence_mapper.classify.models import LinearModel, TrainedScorer, document_view, models_available
from evidence_mapper.classify.realcorpus import load_real
from evidence_mapper.classify.relevance import GENERAL_TITLE_CUES, pair_features
from evidence_mapper.frameworks import load_framework
from evidence_mapper.ingest import ingest_file
from evidence_mapper.nlp import analyze
from evidence_mapper.nlp.terms import normalize
from evidence_mapper.types import AnalyzedDocument

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
REAL = ROOT / "corpus" / "real"
FW = load_framework("spbe-2020")

needs_models = pytest.mark.skipif(not models_available(MODELS), reason="models/ not built")

ODD_TEXTS = ["", " ", "a", "ab c", "SPBE", "e-government e-Government  E-GOVERNMENT", "tim\tkoordinasi\nspbe",
             "Pelindungan data pribadi — ÉLECTRONIQUE naïve café", "x" * 5000, "spbe " * 300,
             "ﬁle ﬂow İstanbul ß ẞ", "12-3 4/5 (a) [b] {c}"]


def real_passage_texts() -> list[str]:
    with gzip.open(REAL / "passages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def plain_similarity(self, norm):
    return (self.vectorizer.transform(norm) @ self.profile_matrix.T.tocsr()).toarray()


def plain_decision(self, X):
    if self.kind == "dense":
        X = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
        return X @ self.W + self.b
    Y = X @ (sp.csr_matrix(self.W) if sp.issparse(self.W) else self.W)
    return (Y.toarray() if sp.issparse(Y) else np.asarray(Y)) + self.b


def plain_title_has(title, cues):
    return any(re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", title) for c in cues)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return real_passage_texts() + ODD_TEXTS


def test_tfidf_is_the_vectorizers(texts, monkeypatch):
    b = BaselineScorer(FW)
    norm = [normalize(t) for t in texts]
    want = b.vectorizer.transform(norm)
    for _ in range(2):  # words cut on the first pass, read from the cache on the second
        got = b.tfidf(norm)
        assert got.shape == want.shape
        assert np.array_equal(got.indptr, want.indptr)
        assert np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)
    monkeypatch.setattr(baseline_mod, "WORD_CACHE_SIZE", 50)  # the cache emptied again and again
    got = sp.vstack([b.tfidf(norm[i:i + 40]) for i in range(0, len(norm), 40)]).tocsr()
    assert got.shape == want.shape and (got != want).nnz == 0


def test_baseline_scores_are_the_plain_ones(texts, monkeypatch):
    got = BaselineScorer(FW).score_texts(texts)
    monkeypatch.setattr(BaselineScorer, "profile_similarity", plain_similarity)
    want = BaselineScorer(FW).score_texts(texts)
    assert np.array_equal(got, want)


@needs_models
@pytest.mark.parametrize("directory", ["", "legacy"])
@pytest.mark.parametrize("name", ["passage-indicator", "doc-type"])
def test_sparse_model_product_is_the_sparse_product(texts, directory, name):
    m = LinearModel.load(MODELS / directory, name)
    X = hashed_ngrams(texts)
    want = (X @ sp.csr_matrix(m.W)).toarray() + m.b
    got = m.decision(X)
    assert got.dtype == want.dtype and np.array_equal(got, want)
    assert np.array_equal(m.decision(X[:0]), want[:0])


def test_sparse_model_product_float64_weights():
    """Models being trained hold float64 weights, some feature rows empty."""
    rng = np.random.default_rng(3)
    W = sp.random(5000, 6, density=0.01, format="csc", random_state=rng, dtype=np.float64)
    W.data -= 0.5
    m = LinearModel(name="t", kind="multilabel", labels=list(range(6)), W=W, b=rng.normal(size=6))
    X = hashed_ngrams(["rencana induk spbe", "jaringan intra", "", "sop layanan"], n_features=5000)
    want = (X @ sp.csr_matrix(W)).toarray() + m.b
    got = m.decision(X)
    assert got.dtype == want.dtype and np.array_equal(got, want)


def test_title_has_is_one_search_per_cue():
    titles = [normalize(t) for t in real_passage_texts()[:1500]]
    with gzip.open(REAL / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        titles += [normalize((json.loads(line).get("labels") or {}).get("title") or "") for line in f]
    titles += ["tim", "tim-", "timah", "e-government", "spbe2", "xspbe", "it", "it's", "ti ", "sistem informasi",
               "keputusan tentang tim koordinasi spbe", ""]
    found = 0
    for cues in (ICT_TITLE_TERMS, TEAM_WORDS, UMBRELLA_TITLE_CUES, NEGATIVE_TITLE_CUES, GENERAL_TITLE_CUES, []):
        for t in titles:
            want = plain_title_has(t, cues)
            assert title_has(t, cues) == want, (t, cues)
            found += want
    assert found > 100  # the cues are found in many of these texts, not in none


def classify_all(docs, scorer):
    """Everything ``map`` computes per document, unrounded where the scorer has it."""
    out = []
    for d in docs:
        for inst in (Institution.of("Kabupaten Sukamaju"), Institution.of("Kementerian Komunikasi dan Informatika")):
            meta = copy.deepcopy(d.meta)
            c = apply_institution(scorer.classify(AnalyzedDocument(doc=d.doc, meta=meta, passages=d.passages)), meta,
                                  inst)
            out.append((dataclasses.asdict(c), meta.signals, meta.doc_type))
        meta = copy.deepcopy(d.meta)
        scorer.fill_doc_type(meta, d.passages)
        view = document_view(scorer.passage, scorer.baseline, scorer.thresholds, scorer.policy_idx,
                             AnalyzedDocument(doc=d.doc, meta=meta, passages=d.passages))
        F = pair_features(view, meta, scorer.thresholds, scorer.indicator_ids, scorer.kinds)
        out.append((view.passage_scores, view.doc_scores, view.features, scorer.evidence.proba(F)))
    return out


@pytest.fixture(scope="module")
def documents():
    docs = []
    for f in sorted((ROOT / "corpus" / "sample").iterdir()):
        try:
            docs.append(analyze(ingest_file(f)))
        except Exception:  # noqa: BLE001 - a sample file the reader cannot take is no document here
            continue
    from evidence_mapper.classify.train import _doc

    real, _ = load_real(REAL)
    docs += [analyze(_doc(d)) for d in real[::10]]
    return [d for d in docs if d.passages]


@needs_models
def test_full_scorer_is_the_plain_one(documents, monkeypatch):
    assert len(documents) > 60
    fast = classify_all(documents, TrainedScorer(FW, MODELS))
    monkeypatch.setattr(BaselineScorer, "profile_similarity", plain_similarity)
    monkeypatch.setattr(LinearModel, "decision", plain_decision)
    for mod in (baseline_mod, models_mod, relevance_mod):
        monkeypatch.setattr(mod, "title_has", plain_title_has)
    plain = classify_all(documents, TrainedScorer(FW, MODELS))
    assert len(fast) == len(plain)
    evidence = 0
    for a, b in zip(fast, plain):
        if len(a) == 3:
            assert a == b
            evidence += a[0]["is_evidence"]
        else:
            for x, y in zip(a, b):
                assert np.array_equal(np.asarray(x), np.asarray(y))
    assert 0 < evidence < len(documents) * 2  # both decisions occur, so the comparison covers both
