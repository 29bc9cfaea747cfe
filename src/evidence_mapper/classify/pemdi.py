"""The Indeks Pemdi (2026) scorer: the SPBE 2020 models through the crosswalk, plus Pemdi's own
evidence call.

Pemdi asks for evidence SPBE never did (a personal-data-protection policy, a user-satisfaction
survey, a CSIRT decree): the trained evidence filter, which learned SPBE evidence, may set such
a document aside. Here a document is evidence when the trained filter says so or when Pemdi's
own keyword profile does (the shared vetoes, such as news or a non-ICT title, still apply:
they are part of both decisions).
"""

from __future__ import annotations

import copy

from ..types import AnalyzedDocument, DocClassification
from .crosswalk import CrosswalkScorer


class PemdiScorer(CrosswalkScorer):
    name = "crosswalk-pemdi"

    def classify(self, analyzed: AnalyzedDocument) -> DocClassification:
        out = super().classify(analyzed)
        if out.is_evidence:
            return out
        own = self.baseline.classify(AnalyzedDocument(doc=analyzed.doc, meta=copy.deepcopy(analyzed.meta),
                                                      passages=analyzed.passages))
        if own.is_evidence and not own.reasons:
            out.is_evidence = True
            out.evidence_score = max(out.evidence_score, own.evidence_score)
        return out


__all__ = ["PemdiScorer"]
