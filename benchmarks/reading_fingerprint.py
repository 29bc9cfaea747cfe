"""What the reading stages hand on, as a fingerprint, to prove a speed change altered nothing.

For every document it records each page's text, source and character boxes, the topology
facts, the notes, the metadata and every passage (offsets, text, legal unit, section, table
context, box, line boxes, OCR confidence), hashed per page and per passage:

    python benchmarks/reading_fingerprint.py --write /tmp/before.json      # before a change
    python benchmarks/reading_fingerprint.py --compare /tmp/before.json    # after it

Default input: ``corpus/sample`` (every file, default settings). ``--real`` adds the text
PDFs of ``../shared/corpus-real`` (OCR off, as the like-for-like text benchmark reads them);
figures on it are a report only. ``--compare`` prints each difference and exits 1 on any.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from evidence_mapper.ingest import IngestError, Limits, ingest_file
from evidence_mapper.nlp import analyze
from evidence_mapper.types import to_dict

ROOT = Path(__file__).resolve().parents[1]


def _h(obj) -> str:
    return hashlib.sha1(json.dumps(obj, sort_keys=True, default=repr).encode()).hexdigest()[:16]


def fingerprint(path: Path, limits: Limits) -> dict:
    try:
        doc = ingest_file(path, limits)
    except IngestError as e:
        return {"error": str(e)}
    ad = analyze(doc)
    pages = {str(p.number): _h([p.source, p.text, p.width, p.height,
                                [list(b) if b else None for b in (p.char_boxes or [])]]) for p in doc.pages}
    passages = {}
    for ps in ad.passages:
        s = ps.span
        passages[ps.id] = _h([ps.text, ps.section, ps.context, s.legal_unit, s.source, s.bbox, s.boxes,
                              s.ocr_confidence])
    return {"pages": pages, "passages": passages, "notes": _h(doc.skipped),
            "topology": _h([to_dict(f) for f in doc.topology]), "meta": _h(to_dict(ad.meta))}


def inputs(real: bool) -> list[tuple[str, Path, Limits]]:
    out = [(f"sample/{p.name}", p, Limits()) for p in sorted((ROOT / "corpus" / "sample").iterdir()) if p.is_file()]
    if real:
        corpus = ROOT.parent / "shared" / "corpus-real"
        with open(corpus / "labels.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        out += [(f"real/{r['file']}", corpus / "files" / r["file"], Limits(ocr=False)) for r in rows
                if r["file"].endswith(".pdf") and r["has_text_layer"] == "yes"]
    return out


def compare(old: dict, new: dict) -> list[str]:
    diffs = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a is None or b is None:
            diffs.append(f"{name}: only {'after' if a is None else 'before'}")
            continue
        if "error" in a or "error" in b:
            if a != b:
                diffs.append(f"{name}: {a.get('error')} -> {b.get('error')}")
            continue
        for key in ("notes", "topology", "meta"):
            if a[key] != b[key]:
                diffs.append(f"{name}: {key} differ")
        for key in ("pages", "passages"):
            for k in sorted(set(a[key]) | set(b[key])):
                if a[key].get(k) != b[key].get(k):
                    diffs.append(f"{name}: {key[:-1]} {k} " + ("differs" if k in a[key] and k in b[key]
                                                                else "only before" if k in a[key] else "only after"))
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", type=Path)
    g.add_argument("--compare", type=Path)
    ap.add_argument("--real", action="store_true", help="Also the text PDFs of ../shared/corpus-real (OCR off).")
    a = ap.parse_args()
    found = {name: fingerprint(p, lim) for name, p, lim in inputs(a.real)}
    n_pass = sum(len(v.get("passages", {})) for v in found.values())
    n_pages = sum(len(v.get("pages", {})) for v in found.values())
    if a.write:
        a.write.write_text(json.dumps(found, indent=1, sort_keys=True))
        print(f"{len(found)} documents, {n_pages} pages, {n_pass} passages written to {a.write}")
        return 0
    old = json.loads(a.compare.read_text())
    diffs = compare(old, found)
    for d in diffs[:200]:
        print(d)
    print(f"{len(found)} documents, {n_pages} pages, {n_pass} passages: {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
