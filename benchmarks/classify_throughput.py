"""Passages classified per second on one core, and model load time.

    python benchmarks/classify_throughput.py [--n 20000]

Passages are the sample corpus's own passages, repeated to --n. Prints, side by side: the
trained passage model alone (hashed n-grams + sparse linear model), the blended scorer the
product uses (trained model + keyword baseline), and the keyword baseline alone.
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
    a = ap.parse_args()
    from evidence_mapper.classify import BaselineScorer
    from evidence_mapper.classify.models import TrainedScorer
    from evidence_mapper.frameworks import load_framework
    from evidence_mapper.ingest import ingest_file
    from evidence_mapper.nlp import analyze

    fw = load_framework("spbe-2020")
    texts = []
    for f in sorted((ROOT / "corpus" / "sample").iterdir()):
        try:
            texts += [p.text for p in analyze(ingest_file(f)).passages]
        except Exception:  # noqa: BLE001 - a sample file the reader cannot take is not a throughput figure
            continue
    base = texts
    while len(texts) < a.n:
        texts += base
    texts = texts[: a.n]
    mean_len = sum(map(len, texts)) / len(texts)
    t0 = time.perf_counter()
    trained = TrainedScorer(fw, ROOT / "models")
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
    print(f"passages: {len(texts)} (mean {mean_len:.0f} characters), one thread")
    print(f"model load: {load_s * 1000:.0f} ms ({trained.model_id})")
    print(f"{'scorer':<28} {'passages':>9} {'per CPU-second':>15}")
    for name, n, rate in rows:
        print(f"{name:<28} {n:>9} {rate:>15,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
