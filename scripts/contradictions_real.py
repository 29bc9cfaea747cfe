"""Ladder contradictions on real policy documents (evaluation only).

    python scripts/contradictions_real.py WS [--framework spbe-2020]

WS: a workspace holding real documents (e.g. the cache `evaluate --real` builds). It is mapped
once (a new run), then every regulation or decree is proposed on its own, as if it were a
submission of one document, and the policy indicators whose ladder contradicts itself (a
criterion met above a level not fully met) are counted.
"""

from __future__ import annotations

import argparse
from collections import Counter

from evidence_mapper.frameworks import load_framework
from evidence_mapper.score.docinfo import REGULATION_TYPES
from evidence_mapper.score.propose import propose
from evidence_mapper.store import Workspace


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("--framework", default="spbe-2020")
    a = ap.parse_args()
    fw = load_framework(a.framework)
    ws = Workspace(a.workspace)
    run = ws.map(fw.id)
    docs = ws.evidence_docs(run)
    policy = {i.id for i in fw.indicators if i.kind == "policy"}
    n_docs = n_props = n_contra = 0
    per_ind: Counter = Counter()
    for d in docs:
        if d.meta.doc_type not in REGULATION_TYPES:
            continue
        n_docs += 1
        for p in propose(fw, [d]):
            if p.indicator not in policy or p.level is None:
                continue
            n_props += 1
            if p.contradiction:
                n_contra += 1
                per_ind[p.indicator] += 1
    print(f"{n_docs} regulation/decree documents; {n_props} policy-indicator proposals; "
          f"{n_contra} contradictions ({n_contra / max(1, n_props):.0%})")
    print("per indicator:", dict(sorted(per_ind.items())))


if __name__ == "__main__":
    main()
