"""Run `inspect` on every text document of ../shared/corpus-real and compare with its labels.

    python scripts/eval_real.py [--corpus ../shared/corpus-real] [--all] [--json out.json]

Prints one row per document (doc_type, number, year and the top-3 indicators next to the
labels) and the summary figures: labelled positives with a labelled indicator in the top 3,
and negatives that are (correctly) not called evidence. By default only documents with a text
layer (text PDFs and .txt excerpts) are run; ``--all`` runs every file the ingest accepts.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from evidence_mapper.api import inspect_file
from evidence_mapper.classify.evaluate import LABEL_TYPES  # corpus-real's doc_type labels -> ours
from evidence_mapper.ingest import IngestError

ROOT = Path(__file__).resolve().parents[1]


def parse_indicators(raw: str) -> tuple[set[int], bool]:
    raw = (raw or "").strip()
    if raw.startswith("ALL"):
        return set(range(1, 48)), True
    return {int(x) for x in raw.split(";") if x.strip().isdigit()}, False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    ap.add_argument("--all", action="store_true", help="every file, not only those with a text layer")
    ap.add_argument("--json", type=Path, help="write per-document results here")
    a = ap.parse_args()
    with open(a.corpus / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not a.all:
        rows = [r for r in rows if r["has_text_layer"] == "yes" or r["file"].endswith(".txt")]

    out = []
    pos = pos_hit = neg = neg_ok = hard = hard_ok = type_ok = 0
    year_ok = year_n = 0
    print(f"{'file':<12} {'type':<9} {'label':<8} {'number':<14} {'year':>5} {'lab':>5}  ev    top3         labels")
    for r in rows:
        path = a.corpus / "files" / r["file"]
        labels, is_report = parse_indicators(r["indicators"])
        try:
            res = inspect_file(path)
        except IngestError as e:
            print(f"{r['file']:<12} ERROR {e}")
            out.append({"file": r["file"], "error": str(e)})
            continue
        top3 = [i["id"] for i in res["indicators"][:3]]
        ok_type = res["doc_type"] in LABEL_TYPES.get(r["doc_type"], set())
        type_ok += ok_type
        if r["year"].strip().isdigit():
            year_n += 1
            year_ok += res["year"] == int(r["year"])
        hard_neg = "HARD NEGATIVE" in r["notes"]
        if is_report:
            kind = "report"
        elif labels:
            kind = "pos"
            pos += 1
            pos_hit += bool(labels & set(top3))
        else:
            kind = "neg"
            neg += 1
            neg_ok += not res["is_evidence"]
            if hard_neg:
                hard += 1
                hard_ok += not res["is_evidence"]
        lab = "ALL" if is_report else ";".join(str(x) for x in sorted(labels)) or "-"
        mark = {"pos": "+" if labels & set(top3) else "x", "neg": "+" if not res["is_evidence"] else "x"}.get(kind, " ")
        print(f"{r['file']:<12} {res['doc_type']:<9} {r['doc_type']:<8} {str(res['number'])[:14]:<14} "
              f"{str(res['year']):>5} {r['year'][:5]:>5}  {'Y' if res['is_evidence'] else 'n'}{res['evidence_score']:.2f} "
              f"{','.join(map(str, top3)):<12} {lab[:24]} {mark}{' HARD' if hard_neg else ''}")
        out.append({"file": r["file"], "kind": kind, "hard_negative": hard_neg, "labels": sorted(labels),
                    "label_doc_type": r["doc_type"], "result": res})
    n = len(rows)
    print()
    print(f"documents: {n}")
    print(f"positives with a labelled indicator in the top 3: {pos_hit}/{pos}" + (f" ({pos_hit / pos:.0%})" if pos else ""))
    print(f"negatives not called evidence: {neg_ok}/{neg}" + (f" ({neg_ok / neg:.0%})" if neg else ""))
    print(f"  of which HARD NEGATIVEs not called evidence: {hard_ok}/{hard}")
    print(f"doc_type right (label mapping in LABEL_TYPES): {type_ok}/{n}")
    print(f"year right (where labelled): {year_ok}/{year_n}")
    if a.json:
        a.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
