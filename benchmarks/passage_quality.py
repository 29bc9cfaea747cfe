"""Benchmark: passages as an assessor reads them, on ../shared/corpus-real (evaluation only).

    python benchmarks/passage_quality.py [--corpus ../shared/corpus-real] [--ocr] [--limit N]

For every document (OCR off unless ``--ocr``: text PDFs, spreadsheets, text files) the
passages are built twice in the same run:

* **before**: segmentation as it was (page furniture not set aside, no layout breaks, one box
  per passage from its first to its last character; spreadsheet/DOCX rows as now);
* **now**: furniture lines never in a passage, a list of line boxes per passage.

Printed:

* furniture: the share of passages that hold a furniture line (running header or footer,
  page number, stamp, as :func:`evidence_mapper.nlp.layout.furniture` finds them), before
  and now; and, as a check independent of that detector, the share of passages with a
  "Halaman N" / "Page N of M" text or a bare page number at their start or end;
* boxes: over the evidence quotes ``inspect --json`` would show (best 5 indicators, 3 quotes
  each), the median and 95th percentile of the highlighted area over the page area, and the
  share of quotes whose highlight covers more than half the page. "before" highlights the
  passage's one box; "now" highlights its line boxes (their summed area; the union box of
  those lines, still given as ``bbox``, is printed too).
* table rows: passages that are whole rows of a table (spreadsheets, DOCX) and how many of
  them carry their header row as context.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from evidence_mapper.classify import get_scorer
from evidence_mapper.frameworks import load_framework
from evidence_mapper.ingest import IngestError, Limits, ingest_file
from evidence_mapper.nlp import extract_metadata
from evidence_mapper.nlp import layout
from evidence_mapper.nlp import segment as seg
from evidence_mapper.types import AnalyzedDocument

ROOT = Path(__file__).resolve().parents[1]
_PAGE_TEXT = re.compile(r"\b(?:halaman|hal\.|page)\s*[:|]?\s*\d{1,4}\b", re.I)
_EDGE_NUM = re.compile(r"^\d{1,3}\s|\s\d{1,3}$")


def passages(doc, before: bool):
    """The document's passages the old way (``before``) or the current way."""
    if not before:
        return seg.segment_document(doc)
    state = seg.LegalState()
    out = []
    breaks, seg._layout.layout_breaks = seg._layout.layout_breaks, lambda page, lines=None: {}  # no layout breaks then
    try:
        for page in doc.pages:
            if not page.text.strip():
                continue
            out.extend(_old_page(page, doc, state))
    finally:
        seg._layout.layout_breaks = breaks
    return out


def _old_page(page, doc, state):
    ps = seg.segment_page(page.text, page.number, doc.sha256, state, source=page.source, page_boxes=page)
    for p in ps:  # the old box: every character from the passage's first to its last
        p.span.bbox = page.bbox_for(p.span.char_start, p.span.char_end)
        p.span.boxes = [p.span.bbox] if p.span.bbox else None
    return ps


def area(b) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def pct(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    ap.add_argument("--ocr", action="store_true", help="OCR pages without a text layer (slow)")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    files = sorted(p for p in (a.corpus / "files").iterdir() if p.is_file())
    if a.limit:
        files = files[: a.limit]
    fw = load_framework("spbe-2020")
    scorer = get_scorer(fw)
    limits = Limits(ocr=a.ocr)
    stats = {k: {"passages": 0, "furniture": 0, "page_text": 0, "quotes": [], "union": []} for k in ("before", "now")}
    rows = rows_ctx = docs = 0
    for f in files:
        try:
            doc = ingest_file(f, limits)
        except IngestError:
            continue
        if not any(p.text.strip() for p in doc.pages):
            continue
        docs += 1
        furn = layout.furniture(doc)
        sizes = {p.number: (p.width, p.height) for p in doc.pages}
        meta = extract_metadata("\n".join(p.text for p in doc.pages if p.text))
        for key in ("before", "now"):
            ps = passages(doc, key == "before")
            st = stats[key]
            st["passages"] += len(ps)
            for p in ps:
                rng = furn.get(p.span.page, [])
                if any(p.span.char_start < b and a_ < p.span.char_end for a_, b in rng):
                    st["furniture"] += 1
                if _PAGE_TEXT.search(p.text) or _EDGE_NUM.search(p.text):
                    st["page_text"] += 1
            if key == "now":  # rows of tables: cells apart (a tab), or under a header row
                row = [p for p in ps if p.context is not None or (p.span.source in ("cell", "docx") and "\t" in
                       doc.pages[p.span.page - 1].text[p.span.char_start:p.span.char_end])]
                rows += len(row)
                rows_ctx += sum(1 for p in row if p.context is not None)
            cls = scorer.classify(AnalyzedDocument(doc=doc, meta=meta, passages=ps))
            by_id = {p.id: p for p in ps}
            by_ind: dict[int, list] = {}
            for s in cls.passage_scores:
                by_ind.setdefault(s.indicator, []).append(s)
            top = sorted(cls.indicator_scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
            for iid, _ in top:
                for s in sorted(by_ind.get(iid, []), key=lambda s: -s.score)[:3]:
                    p = by_id[s.passage_id]
                    w, h = sizes.get(p.span.page, (None, None))
                    if not (w and h and p.span.boxes):
                        continue
                    st["quotes"].append(sum(area(b) for b in p.span.boxes) / (w * h))
                    st["union"].append(area(p.span.bbox) / (w * h))
    print(f"{docs} documents with text from {a.corpus} (OCR {'on' if a.ocr else 'off'})")
    for key in ("before", "now"):
        st = stats[key]
        n = max(1, st["passages"])
        q = st["quotes"]
        over = sum(1 for x in q if x > 0.5) / max(1, len(q))
        print(f"{key:<7} passages {st['passages']:>6}  with furniture {st['furniture'] / n:6.2%}"
              f"  with 'Halaman N'/edge page number {st['page_text'] / n:6.2%}")
        print(f"{'':<7} evidence quotes with boxes {len(q):>4}  highlighted area / page: median {pct(q, .5):.3f}"
              f"  p95 {pct(q, .95):.3f}  over half the page {over:6.2%}")
        if key == "now":
            u = st["union"]
            print(f"{'':<7} union box of the lines / page: median {pct(u, .5):.3f}  p95 {pct(u, .95):.3f}"
                  f"  over half the page {sum(1 for x in u if x > 0.5) / max(1, len(u)):6.2%}")
    print(f"table rows as passages (spreadsheets, DOCX): {rows}, with their header row as context: {rows_ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
