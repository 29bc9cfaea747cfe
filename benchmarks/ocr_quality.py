"""Benchmark: character error rate (CER) of the OCR path on synthetic scans of known
Indonesian legal text, per font, resolution and degradation.

    python benchmarks/ocr_quality.py [--dpi 150 300]

Pages are drawn by :func:`evidence_mapper.ingest.synth.render_page` (fonts shipped with
reportlab, DejaVu where installed, and PIL's default font), saved as PNG with their dpi and
read through ``ingest_file``; CER = edit distance / reference length, whitespace runs
counted as one space (:func:`evidence_mapper.ingest.synth.cer`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from evidence_mapper.ingest import ingest_file
from evidence_mapper.ingest.synth import LEGAL_TEXT, cer, font_files, render_page

CASES = {
    "clean": {},
    "skew 1.5deg": {"angle": 1.5},
    "speckle 1%": {"noise": 0.01},
    "stamp": {"stamp": True},
    "speckle+stamp+skew": {"noise": 0.01, "stamp": True, "angle": -1.0},
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    a = ap.parse_args()
    fonts: dict[str, Path | None] = {**font_files(), "PIL-default": None}
    tmp = Path(tempfile.mkdtemp(prefix="ocr-cer-"))
    print(f"{len(LEGAL_TEXT)} reference characters; CER per font / dpi / case (conf = mean word confidence)")
    header = f"{'font':<12} {'dpi':>4}  " + "  ".join(f"{c:>18}" for c in CASES)
    print(header)
    all_cer: dict[str, list[float]] = {c: [] for c in CASES}
    t0 = time.perf_counter()
    for name, path in fonts.items():
        for dpi in a.dpi:
            cells = []
            for case, kw in CASES.items():
                img = render_page(dpi=dpi, font=path, seed=7, **kw)
                f = tmp / "page.png"
                img.save(f, dpi=(dpi, dpi))
                page = ingest_file(f).pages[0]
                c = cer(LEGAL_TEXT, page.text)
                all_cer[case].append(c)
                cells.append(f"{c:7.4f} (conf {page.ocr_confidence or 0:.2f})")
            print(f"{name:<12} {dpi:>4}  " + "  ".join(f"{x:>18}" for x in cells))
    print("mean CER per case: " + ", ".join(f"{c} {sum(v) / len(v):.4f}" for c, v in all_cer.items()))
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
