"""Ingest every file of ../shared/corpus-real/files and print one row per file: pages, pages
kept from the text layer, OCR pages, characters, mean OCR confidence, doc_type, number and
year read from the text, seconds, and the label's has_text_layer, or the error.

    python benchmarks/ingest_corpus_table.py [--corpus ../shared/corpus-real] [--no-ocr]

Scanned PDFs are OCRed, so a full run takes minutes.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from evidence_mapper.ingest import IngestError, Limits, ingest_path
from evidence_mapper.nlp import analyze

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    ap.add_argument("--no-ocr", action="store_true")
    a = ap.parse_args()
    labels = {}
    if (a.corpus / "labels.csv").exists():
        with open(a.corpus / "labels.csv", newline="", encoding="utf-8") as f:
            labels = {r["file"]: r.get("has_text_layer", "") for r in csv.DictReader(f)}
    limits = Limits(ocr=not a.no_ocr)
    files = sorted((a.corpus / "files").iterdir())
    print("| file | kind | pages | text-layer pages | OCR pages | chars | OCR conf | doc_type | number | year | s "
          "| label has_text_layer |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|")
    totals = [0, 0, 0, 0]
    t_all = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        for name, res in ingest_path(f, limits):
            dt = time.perf_counter() - t0
            label = labels.get(f.name, "")
            if isinstance(res, IngestError):
                print(f"| {Path(name).name} | error | | | | | | | | | {dt:.1f} | {label} ({res.kind}: {res.detail}) |")
                continue
            pages = len(res.pages)
            text_pages = sum(1 for p in res.pages if p.source == "text")
            ocr = res.ocr_pages
            chars = sum(len(p.text) for p in res.pages)
            confs = [p.ocr_confidence for p in res.pages if p.ocr_confidence is not None]
            conf = f"{sum(confs) / len(confs):.2f}" if confs else ""
            kind = res.media_type.split("/")[-1].split(".")[-1]
            m = analyze(res).meta if chars else None
            meta = f"{m.doc_type} | {m.number or ''} | {m.year or ''}" if m else " | | "
            print(f"| {Path(name).name} | {kind} | {pages} | {text_pages} | {ocr} | {chars} | {conf} | {meta} | "
                  f"{dt:.1f} | {label} |")
            totals = [totals[0] + pages, totals[1] + text_pages, totals[2] + ocr, totals[3] + chars]
            sys.stdout.flush()
    print(f"| total ({len(files)} files) | | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | | "
          f"{time.perf_counter() - t_all:.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
