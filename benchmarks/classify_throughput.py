"""Passages classified per second on one core, and model load time.

    python benchmarks/classify_throughput.py [--n 20000]

Passages are the sample corpus's own passages, repeated to --n. Prints, side by side: the
trained passage model alone (hashed n-grams + sparse linear model), the blended scorer the
product uses (trained model + keyword baseline), the keyword baseline alone, and the full
scorer ``map`` runs per document (blended passage scores, aggregation, relevance per
indicator with its rules, the institution check) counted in passages per CPU-second. Targets:
passage model >= 10,000/s, full scorer >= 5,000/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--models", type=Path, default=ROOT / "models")
    a = ap.parse_args()
    from evidence_mapper.classify import BaselineScorer
    from evidence_mapper.classify.models import TrainedScorer
    from evidence_mapper.frameworks import load_framework
    from evidence_mapper.ingest import ingest_file
    from evidence_mapper.nlp import analyze

    fw = load_framework("spbe-2020")
    texts = []
    docs = []
    for f in sorted((ROOT / "corpus" / "sample").iterdir()):
        try:
            ad = analyze(ingest_file(f))
        except Exception:  # noqa: BLE001 - a sample file the reader cannot take is not a throughput figure
            continue
        docs.append(ad)
        texts += [p.text for p in ad.passages]
    base = texts
    while len(texts) < a.n:
        texts += base
    texts = texts[: a.n]
    mean_len = sum(map(len, texts)) / len(texts)
    t0 = time.perf_counter()
    trained = TrainedScorer(fw, a.models)
    load_s = time.perf_counter() - t0
    baseline = BaselineScorer(fw)
    rows = []
    for name, fn, n in (("trained passage model", trained.passage_probabilities, len(texts)),
                        ("blended scorer (product)", trained.score_texts, min(len(texts), 3000)),
                        ("keyword baseline", baseline.score_texts, min(len(texts), 3000))):
        fn(texts[:200])  # warm up
        t0 = time.process_time()
        fn(texts[:n])
        dt = time.process_time() - t0
        rows.append((name, n, n / dt))
    import copy

    from evidence_mapper.classify.institution import Institution, apply_institution
    from evidence_mapper.types import AnalyzedDocument

    inst = Institution.of("Kabupaten Sukamaju")
    work = [copy.deepcopy(d) for d in docs if d.passages]
    for d in work[:3]:  # warm up
        trained.classify(AnalyzedDocument(doc=d.doc, meta=copy.deepcopy(d.meta), passages=d.passages))
    n_full, t_full = 0, 0.0
    while n_full < min(a.n, 3000):
        for d in work:
            meta = copy.deepcopy(d.meta)
            t0 = time.process_time()
            c = trained.classify(AnalyzedDocument(doc=d.doc, meta=meta, passages=d.passages))
            apply_institution(c, meta, inst)
            t_full += time.process_time() - t0
            n_full += len(d.passages)
    rows.append((f"full scorer ({'relevance' if trained.per_indicator else 'legacy filter'})", n_full, n_full / t_full))
    print(f"passages: {len(texts)} (mean {mean_len:.0f} characters), one thread")
    print(f"model load: {load_s * 1000:.0f} ms ({trained.model_id})")
    print(f"{'scorer':<36} {'passages':>9} {'per CPU-second':>15}")
    for name, n, rate in rows:
        print(f"{name:<36} {n:>9} {rate:>15,.0f}")
    print("targets: trained passage model >= 10,000 per CPU-second; full scorer >= 5,000 per CPU-second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
