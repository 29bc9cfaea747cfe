"""The SPBE 2020 models serving the older frameworks (SPBE 2018, PeGI) through the crosswalk.

The trained models know the 47 SPBE 2020 indicators. For an archive assessed under another
framework, :class:`CrosswalkScorer` runs them and carries each score to the target indicators
the crosswalk (``frameworks/data/crosswalk.json``) maps it to, taking the larger of that and the
target framework's own keyword baseline (so target indicators without a mapping still get
scores from their own texts). Whether a document is evidence at all is the trained filter's
decision: it does not depend on the framework.
"""

from __future__ import annotations

import copy

import numpy as np

from ..frameworks import Framework
from ..types import AnalyzedDocument, DocClassification, PassageScore
from .baseline import LINK_THRESHOLD, PASSAGE_FLOOR, BaselineScorer


class CrosswalkScorer:
    name = "crosswalk"

    def __init__(self, framework: Framework, source, mapping: dict[int, list[int]]):
        self.framework = framework
        self.source = source  # a scorer of the source framework (the trained SPBE 2020 models)
        self.baseline = BaselineScorer(framework)
        self.indicator_ids = [i.id for i in framework.indicators]
        col = {iid: j for j, iid in enumerate(self.indicator_ids)}
        # M[i, j] = 1 when source indicator i maps to target indicator j
        self.M = np.zeros((len(source.indicator_ids), len(self.indicator_ids)))
        for i, sid in enumerate(source.indicator_ids):
            for t in mapping.get(sid, []):
                if t in col:
                    self.M[i, col[t]] = 1.0
        self.mapped = self.M.any(axis=0)
        unknown = sorted({t for v in mapping.values() for t in v} - set(col))
        if unknown:
            raise ValueError(f"crosswalk to {framework.id} names indicators it does not have: {unknown}")
        # Link thresholds: a target's score is the larger of a carried score and the baseline's,
        # so it links at the lowest of the baseline's threshold and those of the source
        # indicators that map to it; targets nothing maps to keep the baseline's.
        src_thr = getattr(source, "thresholds", None)
        self.thresholds = np.full(len(self.indicator_ids), LINK_THRESHOLD)
        if src_thr is not None:
            for j in np.nonzero(self.mapped)[0]:
                self.thresholds[j] = min(LINK_THRESHOLD, float(np.min(np.asarray(src_thr)[self.M[:, j] > 0])))

    @property
    def model_id(self) -> str:
        return f"{self.source.model_id}/crosswalk:{self.framework.id}"

    def carry(self, S: np.ndarray) -> np.ndarray:
        """Source scores (n, source indicators) to target scores: the best mapped source."""
        if S.shape[0] == 0:
            return np.zeros((0, len(self.indicator_ids)))
        return (S[:, :, None] * self.M[None, :, :]).max(axis=1)

    def score_texts(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.indicator_ids)))
        return np.maximum(self.carry(self.source.score_texts(texts)), self.baseline.score_texts(texts))

    def classify(self, analyzed: AnalyzedDocument) -> DocClassification:
        own = self.baseline.classify(AnalyzedDocument(doc=analyzed.doc, meta=copy.deepcopy(analyzed.meta),
                                                      passages=analyzed.passages))
        src = self.source.classify(analyzed)  # sets the metadata signals (type, evidence reasons)
        s_ids = self.source.indicator_ids
        doc_src = np.array([[src.indicator_scores.get(i, 0.0) for i in s_ids]])
        doc = np.maximum(self.carry(doc_src)[0], [own.indicator_scores.get(i, 0.0) for i in self.indicator_ids])
        # passage scores: the source's, carried over, merged with the target baseline's own
        pos = {iid: k for k, iid in enumerate(s_ids)}
        best: dict[tuple[str, int], float] = {(p.passage_id, p.indicator): p.score for p in own.passage_scores}
        for p in src.passage_scores:
            for j in np.nonzero(self.M[pos[p.indicator]])[0]:
                key = (p.passage_id, self.indicator_ids[int(j)])
                best[key] = max(best.get(key, 0.0), p.score)
        kept = [PassageScore(passage_id=pid, indicator=iid, score=round(s, 4))
                for (pid, iid), s in sorted(best.items()) if s >= PASSAGE_FLOOR]
        return DocClassification(
            evidence_score=src.evidence_score, is_evidence=src.is_evidence,
            indicator_scores={iid: round(float(s), 4) for iid, s in zip(self.indicator_ids, doc)},
            passage_scores=kept, model=self.model_id, doc_type=src.doc_type, reasons=list(src.reasons))


__all__ = ["CrosswalkScorer"]
