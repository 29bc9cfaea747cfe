"""Grouped cross-validation by issuer of the per-indicator relevance model on the real corpus.

    python scripts/eval_grouped_cv.py [--corpus corpus] [--real-corpus DIR] [--folds 5] [--json out.json]

The same as ``evidence-mapper evaluate --cv``: per-indicator precision/recall/F1, macro F1, Cohen's
kappa of the evidence decision (the relevance model's, and its union with the 1.0 document filter
of ``MODELS/legacy`` that the product takes), ECE and a reliability table, and the labelled
indicator's top-1/top-3 among the positives (ranked by relevance, and by the indicator scores that
``inspect`` and ``evaluate`` rank by). No issuer is in both the training and the test part of a
fold; synthetic documents only ever train.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evidence_mapper.classify.cvreport import format_cv
from evidence_mapper.classify.train import CV_FOLDS, grouped_cv

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--real-corpus", type=Path, default=None,
                    help="folder with documents.jsonl.gz (default: $EVIDENCE_MAPPER_REAL_CORPUS, else CORPUS/real)")
    ap.add_argument("--folds", type=int, default=CV_FOLDS)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--models", type=Path, default=ROOT / "models",
                    help="models folder whose legacy/ document filter is combined with the relevance decision")
    a = ap.parse_args()
    m = grouped_cv(a.corpus, a.real_corpus, folds=a.folds, log=lambda s: print(s, file=sys.stderr),
                   legacy_dir=a.models / "legacy")
    print(format_cv(m))
    if a.json:
        a.json.write_text(json.dumps(m, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
