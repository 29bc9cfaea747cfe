"""Benchmark: document metadata recovered from OCR text of the real scans (corpus-real files
with ``has_text_layer = no``), against their labels.

    PYTHONPATH=src python benchmarks/scan_metadata.py [--corpus ../shared/corpus-real] [--cache out/scan_ocr]

Each scan is read through ``ingest_file`` (OCR of every page), then
:func:`evidence_mapper.nlp.metadata.extract_metadata` runs on the joined page text. With
``--cache DIR`` the OCR pages are saved there as JSON (one file per scan) and reused by the
next run, so metadata rules can be re-measured without OCRing again (``--no-cache`` forces OCR).

Compared with the labels (``labels.csv``):
* doc_type: the label's type; ours is mapped (topologi -> topology, laporan -> report,
  se / lainnya / rencana / anggaran / berita / pergub -> other).
* number: the ``Nomor X`` in the label's title; blanks (``...``) must come out as blanks
  (``188.45/.../2025``); spaces and case ignored.
* year: the label's year.
* title: the label's ``tentang ...`` part; a match is a similarity ratio >= 0.85 after
  lower-casing and collapsing everything but letters and digits.
* issuer: ours must name the label's region (e.g. "Donggala" for "Kabupaten Donggala"), or
  for a ministry its office ("Menteri X" for "Kementerian X").
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import time
from pathlib import Path

from evidence_mapper.ingest import ingest_file
from evidence_mapper.nlp.metadata import extract_metadata

TYPE_MAP = {"topologi": "topology", "laporan": "report", "perda": "perda", "perbup": "perbup", "perwali": "perwali",
            "sk": "sk", "sop": "sop"}
TITLE_MIN_RATIO = 0.85


def label_number(title: str) -> str | None:
    m = re.search(r"\bNomor\s+(\S+)", title)
    return m.group(1) if m else None


def label_subject(title: str) -> str:
    m = re.search(r"\btentang\s+(.+)$", title, re.I)
    return m.group(1) if m else title


def norm_number(s: str | None) -> str:
    if not s:
        return ""
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[.…_]{2,}", "...", s)
    return s.lower().rstrip(".")


def norm_words(s: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (s or "").lower()))


def title_ratio(ours: str | None, label: str) -> float:
    return difflib.SequenceMatcher(None, norm_words(ours), norm_words(label)).ratio()


def issuer_ok(ours: str | None, label: str) -> bool:
    """Ours names the label's region or agency ("Bupati Donggala" for "Kabupaten Donggala";
    the office "Menteri X" for the ministry "Kementerian X")."""
    place = re.sub(r"\(.*?\)", "", label)
    place = re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", place.strip())
    place = re.sub(r"^Kementerian\b", "Menteri", place)
    return bool(ours) and norm_words(place) in norm_words(ours)


def load_pages(path: Path, cache: Path | None) -> tuple[list[dict], float]:
    if cache is not None:
        f = cache / (path.name + ".json")
        if f.exists():
            return json.loads(f.read_text(encoding="utf-8")), 0.0
    t0 = time.perf_counter()
    doc = ingest_file(path)
    dt = time.perf_counter() - t0
    pages = [{"number": p.number, "source": p.source, "text": p.text, "ocr_confidence": p.ocr_confidence}
             for p in doc.pages]
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / (path.name + ".json")).write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    return pages, dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus-real"))
    ap.add_argument("--cache", default=None, help="folder for OCR results (reused when present)")
    ap.add_argument("--no-cache", action="store_true", help="OCR again even when cached")
    ap.add_argument("--verbose", "-v", action="store_true", help="print what was recovered per file")
    a = ap.parse_args()
    corpus = Path(a.corpus)
    labels = corpus / "labels.csv"
    if not labels.exists():
        print(f"no labels at {labels}", file=sys.stderr)
        return 2
    cache = None if (a.no_cache or not a.cache) else Path(a.cache)
    if a.no_cache and a.cache:  # refresh the cache
        cache_w = Path(a.cache)
        for f in cache_w.glob("*.json"):
            f.unlink()
        cache = cache_w
    rows = [r for r in csv.DictReader(open(labels, encoding="utf-8")) if r["has_text_layer"].strip() == "no"]
    head = f"{'file':<12} {'pages':>5} {'ocr':>4} {'s':>5}  {'type (ours/label)':<22} {'number (ours | label)':<48} {'year':<11} {'title':>6}  issuer"
    print(head)
    print("-" * len(head))
    tot = {"type": 0, "number": 0, "year": 0, "title": 0, "issuer": 0}
    n_pages = n_ocr = 0
    t_all = 0.0
    for r in rows:
        path = corpus / "files" / r["file"]
        pages, dt = load_pages(path, cache)
        t_all += dt
        text = "\n".join(p["text"] for p in pages if p["text"])
        m = extract_metadata(text)
        ours_type = TYPE_MAP.get(m.doc_type, "other")
        ok_type = ours_type == r["doc_type"]
        lab_num = label_number(r["title"])
        ok_num = norm_number(m.number) == norm_number(lab_num)
        ok_year = str(m.year or "") == r["year"].strip()
        ratio = title_ratio(m.title, label_subject(r["title"]))
        ok_title = ratio >= TITLE_MIN_RATIO
        ok_iss = issuer_ok(m.issuer, r["issuer"])
        for k, v in (("type", ok_type), ("number", ok_num), ("year", ok_year), ("title", ok_title), ("issuer", ok_iss)):
            tot[k] += int(v)
        ocr = sum(1 for p in pages if p["source"] == "ocr")
        n_pages += len(pages)
        n_ocr += ocr
        mark = lambda ok: "+" if ok else "-"  # noqa: E731
        num_cell = f"{m.number or ('(blank)' if m.signals.get('number_blank') else '-')} | {lab_num}"
        print(f"{r['file']:<12} {len(pages):>5} {ocr:>4} {dt:>5.0f}  {mark(ok_type)} {m.doc_type + '/' + r['doc_type']:<20} "
              f"{mark(ok_num)} {num_cell[:46]:<46} {mark(ok_year)} {str(m.year):<4}/{r['year']:<4} "
              f"{mark(ok_title)} {ratio:.2f}  {mark(ok_iss)} {m.issuer}")
        if a.verbose:
            print(f"    title ours : {m.title}\n    title label: {label_subject(r['title'])}")
    n = len(rows)
    print("-" * len(head))
    print(f"{n} scans, {n_pages} pages, {n_ocr} OCR pages" + (f", OCR {t_all:.0f} s" if t_all else ", OCR from cache"))
    print("matches: " + ", ".join(f"{k} {v}/{n}" for k, v in tot.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
