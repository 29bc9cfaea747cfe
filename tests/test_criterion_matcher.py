"""The criterion matcher learned from corpus/real: a JSON file, read without pickle, switched off in
scoring unless it earned its place, and when on it meets criteria only through factual passages."""

import json

import numpy as np

from evidence_mapper.classify.criteria import DEFAULT_PATH, FEATURES, FORMAT, CriterionMatcher
from evidence_mapper.frameworks import load_framework
from evidence_mapper.score import EvidenceDoc, propose
from evidence_mapper.score.propose import scoring_matcher
from evidence_mapper.types import DocMeta, Passage, Span

FW = load_framework("spbe-2020")
IND = {i.id: i for i in FW.indicators}


def _crit(cid):
    ind = IND[int(cid.split("-")[0])]
    return ind, next(c for lv in ind.levels.values() for c in lv.criteria if c.id == cid)


def test_model_file_is_json_with_grouped_cv_figures():
    m = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert m["format"] == FORMAT and m["features"] == FEATURES and len(m["coef"]) == len(FEATURES)
    cv = m["metrics_cv"]
    assert cv["grouping"] == "issuer" and cv["n_positive_pairs"] > 0 and 0.5 < cv["roc_auc"] <= 1.0
    assert m["use_in_scoring"] is False  # it did not improve the paired development case


def test_matcher_prefers_the_criterion_a_passage_states():
    m = CriterionMatcher.load()
    ind, team = _crit("10-2-b")
    _, budget = _crit("13-1-a")
    text = ("KEDUA: Tim Koordinasi SPBE mempunyai tugas: a. mengoordinasikan penerapan SPBE; "
            "b. melaksanakan reviu dan evaluasi SPBE.")
    s_team = m.score_pairs([text], team, ind)[0]
    s_budget = m.score_pairs([text], budget, IND[13])[0]
    assert s_team > s_budget
    assert np.all(m.score_pairs([text, text], team, ind) == s_team)  # deterministic


def _doc(texts, doc_type="perbup", status="enacted"):
    ps = [Passage(id=f"p1:{i * 300}-{i * 300 + len(t)}", text=t,
                  span=Span(doc_sha256="d", page=1, char_start=i * 300, char_end=i * 300 + len(t), source="text"))
          for i, t in enumerate(texts)]
    return EvidenceDoc(sha256="d", path="d.pdf", meta=DocMeta(doc_type=doc_type, status=status, year=2024, number="5"),
                       passages=ps, passage_scores={p.id: {10: 0.9} for p in ps}, indicator_scores={10: 0.9},
                       is_evidence=True)


class _Always:
    """A matcher that accepts every pair: shows what the scorer lets it decide."""
    threshold = 0.5

    def score_pairs(self, texts, crit, ind):
        return np.ones(len(texts))


def test_scoring_uses_it_only_when_switched_on_and_only_on_factual_passages(monkeypatch):
    monkeypatch.delenv("EVIDENCE_MAPPER_CRITERION_MATCHER", raising=False)
    assert scoring_matcher() is None
    monkeypatch.setenv("EVIDENCE_MAPPER_CRITERION_MATCHER", "on")
    assert scoring_matcher() is not None
    monkeypatch.delenv("EVIDENCE_MAPPER_CRITERION_MATCHER")
    fact = _doc(["Pasal 2 Rapat koordinasi diselenggarakan setiap bulan."])
    rules = next(p for p in propose(FW, [fact], 2024, matcher=None) if p.indicator == 10)
    learned = next(p for p in propose(FW, [fact], 2024, matcher=_Always()) if p.indicator == 10)
    assert (learned.level or 0) > (rules.level or 0)
    assert learned.detail["learned_criteria"] and all(lk.passage_id for lk in learned.links)
    # a recommendation meets nothing, learned or not
    rec = _doc(["Tim koordinasi sebaiknya segera dibentuk dan direkomendasikan menyusun rencana."], doc_type="laporan",
               status="unknown")
    p = next(p for p in propose(FW, [rec], 2024, matcher=_Always()) if p.indicator == 10)
    assert p.level is None
