"""Train the criterion matcher (src/evidence_mapper/classify/criteria.py) on corpus/real.

    python scripts/train_criterion_matcher.py            # grouped CV figures + writes models/criterion-matcher.json
    python scripts/train_criterion_matcher.py --cv-only  # figures only

`evidence-mapper train` rebuilds the same file with every other model; this script is the matcher
alone. Pairs, labels and folds: see src/evidence_mapper/classify/criteria_train.py. When
corpus/real/readings/*.jsonl holds readings, only the read passages train and are evaluated
(readings whose id or text_sha256 does not match a passage are reported and ignored); otherwise
the rule labels of passages.jsonl.gz. Cross-validation folds are grouped by issuer (GroupKFold);
the figures are printed as JSON, then per indicator and per criterion (learned matcher beside the
rule detector) where the support allows. Deterministic: the same corpus gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_mapper.classify.criteria import DEFAULT_PATH  # noqa: E402
from evidence_mapper.classify.criteria_train import FOLDS, cross_validate, format_breakdown, train_matcher  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus" / "real"))
    ap.add_argument("--out", default=str(DEFAULT_PATH))
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--all-passages", action="store_true",
                    help="also pair passages of non-evidence documents (with their 3 closest indicators)")
    a = ap.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr)  # noqa: E731
    if a.cv_only:
        cv, _ = cross_validate(Path(a.corpus), folds=a.folds, all_passages=a.all_passages, log=log)
    else:
        cv = train_matcher(Path(a.corpus), Path(a.out), folds=a.folds, all_passages=a.all_passages, log=log)["metrics_cv"]
    print(json.dumps({k: v for k, v in cv.items() if k not in ("per_indicator", "per_criterion")}, indent=1))
    print(format_breakdown(cv))
    if not a.cv_only:
        print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
