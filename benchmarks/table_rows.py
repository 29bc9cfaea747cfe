"""Benchmark: are the table rows of budget sheets and registers whole passages?

    python benchmarks/table_rows.py [--corpus ../shared/corpus-real] [--files doc_073.pdf ...]

Method (independent of the product's own table detection):

* Documents: the text PDFs of the corpus whose ``labels.csv`` title or type names a budget
  sheet or register (DPA, RKA, Renja, "Rencana Program ... Pendanaan", anggaran, SOP, daftar,
  inventaris, register, rekapitulasi), or the files given with ``--files``.
* Rows, the reference: ``pdftotext -layout`` (poppler, another reader of the same page) lays
  each page out in columns of spaces. A *row* is a layout line of at least three cells (runs
  of two spaces or more between them) that starts with a key (a number "1"/"1.", an account
  code "5.2.2.01.") or ends with an amount ("121.500,00"). Its *anchor* is its first two
  words, its *tail* the first word of its last cell; the indented one-cell lines right under
  it (up to three) are its wrapped cell's next lines, each known by its first two words.
  Rows whose anchor is not unique on the page ("Honor PPK" under every account) are counted
  apart ("ambiguous") and left out. A cell centred over several lines puts the reference
  off (its lines above the row's line go to the row above): the figure is a lower bound.
* Whole: a row is whole when exactly one passage of its page holds its anchor, that passage
  also holds its tail after the anchor and its wrapped lines (not cut), and it holds no other
  row's anchor of the page (not merged). Rows whose anchor no passage holds are counted
  apart ("not found"). "Whole with column names": whole rows whose passage carries its
  table's header row as ``context``.
* Printed: rows, whole rows and their share, cut and merged rows, per document and in all.
  Passages come from ``ingest_file`` + ``analyze`` of the code on ``PYTHONPATH``, so the same
  script measures the code before and after a change.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

from evidence_mapper.ingest import ingest_file
from evidence_mapper.nlp import analyze

ROOT = Path(__file__).resolve().parents[1]
PICK = re.compile(r"\b(DPA|RKA|Renja|anggaran|pendanaan|SOP|daftar|inventaris|register|rekapitulasi)\b", re.I)
KEY = re.compile(r"^\s*(\d{1,3}\.?|\d+(?:\.\d+)+\.?)\s+\S")


def pick(corpus: Path) -> list[Path]:
    out = []
    with open(corpus / "labels.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["file"].lower().endswith(".pdf") or r.get("has_text_layer") != "yes":
                continue
            if PICK.search(r.get("title", "")) or r.get("doc_type") in ("sop", "anggaran"):
                out.append(corpus / "files" / r["file"])
    return out


AMOUNT = re.compile(r"^(?:Rp\.?\s*)?\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?$")


def reference_rows(path: Path) -> dict[int, list[tuple[str, str, list[str]]]]:
    """Page number -> rows as (anchor, tail, continuations), from ``pdftotext -layout``."""
    txt = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         timeout=300).stdout
    out: dict[int, list[tuple[str, str, list[str]]]] = {}
    for n, page in enumerate(txt.split("\f"), 1):
        last: list[str] | None = None  # continuations of the row above
        for line in page.split("\n"):
            cells = [c for c in re.split(r"\s{2,}", line.strip()) if c]
            keyed = bool(KEY.match(line))
            if len(cells) >= 3 and (keyed or AMOUNT.match(cells[-1])):
                first = cells[0].split()
                if len(first) >= 2:  # "1 Belanja" in one cell: key and the first word
                    anchor = f"{first[0]} {first[1]}"
                else:
                    anchor = f"{first[0]} {cells[1].split()[0]}"
                last = []
                out.setdefault(n, []).append((anchor, cells[-1].split()[0], last))
                continue
            indent = len(line) - len(line.lstrip())
            if last is not None and len(cells) == 1 and indent >= 8 and not AMOUNT.match(cells[0]) \
                    and len(last) < 3:
                last.append(" ".join(cells[0].split()[:2]))  # a wrapped cell's next line
                continue
            last = None
    return out


def measure(path: Path) -> dict[str, int]:
    rows = reference_rows(path)
    doc = ingest_file(path)
    passages: dict[int, list[str]] = {}
    contexts: dict[str, str | None] = {}
    for p in analyze(doc).passages:
        t = " ".join(p.text.split())
        passages.setdefault(p.span.page, []).append(t)
        contexts[t] = p.context
    res = {"rows": 0, "whole": 0, "cut": 0, "merged": 0, "not_found": 0, "ambiguous": 0, "with_header": 0}
    for n, page_rows in rows.items():
        texts = passages.get(n, [])
        anchors = [a for a, _, _ in page_rows]
        for anchor, tail, more in page_rows:
            if anchors.count(anchor) > 1:  # the same first words in two rows of the page
                res["ambiguous"] += 1
                continue
            res["rows"] += 1
            holders = [t for t in texts if anchor in t]
            if not holders:
                res["not_found"] += 1
                continue
            t = holders[0]
            after = t[t.index(anchor) + len(anchor):]
            cut = len(holders) > 1 or tail not in after or any(m not in t for m in more)
            others = sum(1 for a in anchors if a != anchor and a in t)
            if cut:
                res["cut"] += 1
            if others:
                res["merged"] += 1
            if not cut and not others:
                res["whole"] += 1
                res["with_header"] += bool(contexts.get(t))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-real"))
    ap.add_argument("--files", nargs="*", help="files of the corpus to measure instead of the picked ones")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = [corpus / "files" / f for f in args.files] if args.files else pick(corpus)
    total = {"rows": 0, "whole": 0, "cut": 0, "merged": 0, "not_found": 0, "ambiguous": 0, "with_header": 0}
    for f in files:
        try:
            r = measure(f)
        except Exception as e:  # one line per unreadable file, the rest goes on
            print(f"{f.name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        for k in total:
            total[k] += r[k]
        share = r["whole"] / r["rows"] if r["rows"] else float("nan")
        print(f"{f.name:12s} rows {r['rows']:4d}  whole {r['whole']:4d} ({share:5.1%})  cut {r['cut']:4d}  "
              f"merged {r['merged']:4d}  not found {r['not_found']:3d}  ambiguous {r['ambiguous']:3d}  "
              f"whole with column names {r['with_header']:4d}")
    share = total["whole"] / total["rows"] if total["rows"] else float("nan")
    print(f"{'all':12s} rows {total['rows']:4d}  whole {total['whole']:4d} ({share:5.1%})  cut {total['cut']:4d}  "
          f"merged {total['merged']:4d}  not found {total['not_found']:3d}  ambiguous {total['ambiguous']:3d}  "
          f"whole with column names {total['with_header']:4d}  ({len(files)} documents)")


if __name__ == "__main__":
    main()
