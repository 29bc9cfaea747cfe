"""Report: what looking at drawn pages before OCR saves and loses, on ../shared/corpus-real.

A PDF page without a text layer is either a scan (an image covers it: always read by OCR) or
drawn (vector graphics, small pictures, or nothing visible). A drawn page is looked at first
(``ingest/pdf.py: drawn_without_text``, a ~100 dpi grey render and the quick text-line detector
of ``ingest/imagetext.py``); only pages with marks in lines of text are read. For every PDF of
the corpus this prints, per page without a text layer, whether it is a scan or drawn, the
look's decision and time, and, for each drawn page the look skips, the words a full OCR of it
(as before the look) finds: the words the look gives up. Scans are read as before, so their
words are unchanged by construction.

    python benchmarks/drawn_pages_look.py [--corpus ../shared/corpus-real]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from evidence_mapper.ingest import Limits
from evidence_mapper.ingest import ocr as _ocr
from evidence_mapper.ingest.pdf import MIN_TEXT_CHARS, drawn_without_text, page_text
from evidence_mapper.ingest.scan import is_scan, page_image

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    a = ap.parse_args()
    with open(a.corpus / "labels.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["file"].endswith(".pdf")]
    lim = Limits()
    can_ocr = _ocr.tesseract_path() is not None and not _ocr.missing_languages(lim.ocr_lang)
    scans = drawn = skipped = lost = 0
    look_s = ocr_s = 0.0
    for r in rows:
        pdf = pdfium.PdfDocument(str(a.corpus / "files" / r["file"]))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    text = page_text(page)[0]
                    if len("".join(text.split())) >= MIN_TEXT_CHARS or pdfium_c.FPDFPage_CountObjects(page) == 0:
                        continue
                    if is_scan(page):
                        scans += 1
                        continue
                    drawn += 1
                    t0 = time.perf_counter()
                    marks = drawn_without_text(page)
                    look_s += time.perf_counter() - t0
                    line = f"{r['file']} page {i + 1}: drawn, look {time.perf_counter() - t0:.3f} s, "
                    if marks is None:
                        print(line + "read by OCR")
                        continue
                    skipped += 1
                    words = "?"
                    if can_ocr:
                        img, frame, dpi, _ = page_image(page, lim.ocr_dpi, lim.max_pixels)
                        t0 = time.perf_counter()
                        res = _ocr.ocr_image(img, frame, lang=lim.ocr_lang, dpi=dpi, deadline=time.monotonic() + 300)
                        ocr_s += time.perf_counter() - t0
                        found = res.text.split()
                        lost += len(found)
                        words = f"{len(found)} {found[:8]}"
                    print(line + f"skipped ({marks} marks in lines); a full OCR finds {words} words")
                finally:
                    page.close()
        finally:
            pdf.close()
    print(f"pages without a text layer: {scans} scans (read as before), {drawn} drawn; "
          f"{skipped} drawn pages not OCRed ({look_s:.2f} s of looks, {ocr_s:.1f} s of OCR saved); "
          f"words a full OCR finds on them: {lost if can_ocr else 'not measured (no tesseract)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
