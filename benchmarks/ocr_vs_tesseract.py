"""Benchmark: OCR pages/s of the ingest path vs the plain tesseract CLI on the same page images,
and peak memory ingesting a long text PDF.

    python benchmarks/ocr_vs_tesseract.py [--corpus ../shared/corpus-real]
           [--docs doc_034.pdf doc_097.pdf doc_039.pdf] [--pages 3]

1. The first ``--pages`` pages of each scanned PDF (has_text_layer=no) are copied into one
   PDF, and their stored images are extracted with ``pdfimages -png`` (poppler) for the
   reference. Reference: ``tesseract IMG - -l ind --psm 3`` on each PNG, one after another,
   tesseract's own defaults (OpenMP threads on). Ours: ``ingest_file`` on the PDF: image
   taken from the PDF, one tesseract per core with OMP_THREAD_LIMIT=1, TSV parsed into text
   and a box per character, low-confidence retries.
2. How the page image is obtained: stored image (``get_bitmap(render=False)``) vs rendering
   the page at 300 dpi, per page.
3. Peak RSS of a fresh process ingesting doc_032.pdf (127 pages, text layer), beside the
   peak of a process that only imports the package.

All figures are measured in this run, on this machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from evidence_mapper.ingest import Limits, ingest_file
from evidence_mapper.ingest.scan import page_image, render_page

ROOT = Path(__file__).resolve().parents[1]


def _pixels(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as im:
        return im.width * im.height


_PEAK = """
import re, resource
try:
    print(int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child_peak_rss_mb(code: str) -> float:
    """Peak RSS (MiB) of a fresh Python process running ``code`` (VmHWM, else ru_maxrss)."""
    out = subprocess.run([sys.executable, "-c", code + "\n" + _PEAK], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    ap.add_argument("--docs", nargs="+", default=["doc_034.pdf", "doc_097.pdf", "doc_039.pdf"])
    ap.add_argument("--pages", type=int, default=3, help="pages per document")
    a = ap.parse_args()
    if not shutil.which("tesseract") or not shutil.which("pdfimages"):
        print("needs tesseract and pdfimages (poppler-utils)", file=sys.stderr)
        return 1
    files = [a.corpus / "files" / d for d in a.docs]
    tmp = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    try:
        # -- the same pages for both ---------------------------------------------------------
        combined = pdfium.PdfDocument.new()
        pngs: list[Path] = []
        for f in files:
            src = pdfium.PdfDocument(str(f))
            n = min(a.pages, len(src))
            combined.import_pages(src, list(range(n)))
            src.close()
            out = tmp / f.stem
            out.mkdir()
            subprocess.run(["pdfimages", "-p", "-f", "1", "-l", str(n), "-png", str(f), str(out / "img")], check=True,
                           stderr=subprocess.DEVNULL)
            for page in range(1, n + 1):  # the page's scan: its largest image (not a stamp overlay)
                imgs = list(out.glob(f"img-{page:03d}-*.png"))
                pngs.append(max(imgs, key=lambda q: _pixels(q)))
        combined.save(str(tmp / "scans.pdf"))
        combined.close()
        npages = len(pngs)
        print(f"{npages} scanned pages ({a.pages} each from {', '.join(a.docs)}), {os.cpu_count()} cores")

        def cli(env: dict) -> float:
            t0 = time.perf_counter()
            for png in pngs:
                subprocess.run(["tesseract", str(png), "-", "-l", "ind", "--psm", "3"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True, env=env)
            return time.perf_counter() - t0

        t_cli = cli(dict(os.environ))
        t_cli1 = cli(dict(os.environ, OMP_THREAD_LIMIT="1"))

        t0 = time.perf_counter()
        doc = ingest_file(tmp / "scans.pdf")
        t_ours = time.perf_counter() - t0
        assert doc.ocr_pages == npages, (doc.ocr_pages, npages)

        t0 = time.perf_counter()
        doc1 = ingest_file(tmp / "scans.pdf", Limits(ocr_workers=1))
        t_ours1 = time.perf_counter() - t0
        retries = sum(1 for n in doc.skipped if "turned" in n or "despeckled" in n)

        print(f"{'tesseract CLI (sequential, own threads)':<44} {npages / t_cli:6.2f} pages/s  ({t_cli:.1f} s)")
        print(f"{'tesseract CLI (sequential, OMP_THREAD_LIMIT=1)':<44} {npages / t_cli1:6.2f} pages/s  ({t_cli1:.1f} s)")
        print(f"{'ingest_file, 1 worker':<44} {npages / t_ours1:6.2f} pages/s  ({t_ours1:.1f} s)")
        print(f"{'ingest_file, default workers':<44} {npages / t_ours:6.2f} pages/s  ({t_ours:.1f} s)  "
              f"{(npages / t_ours) / (npages / t_cli):.2f}x CLI")
        print(f"  mean OCR confidence {sum(p.ocr_confidence or 0 for p in doc.pages) / npages:.3f}; "
              f"pages re-read (orientation/despeckle): {retries}; same text with 1 worker: "
              f"{[p.text for p in doc.pages] == [p.text for p in doc1.pages]}")

        # -- image extraction vs rendering ---------------------------------------------------
        pdf = pdfium.PdfDocument(str(tmp / "scans.pdf"))
        t_emb = t_ren = 0.0
        hows = []
        for i in range(len(pdf)):
            page = pdf[i]
            t0 = time.perf_counter()
            _, _, _, how = page_image(page, 300, Limits().max_pixels)
            t_emb += time.perf_counter() - t0
            hows.append(how)
            t0 = time.perf_counter()
            render_page(page, 300, Limits().max_pixels)
            t_ren += time.perf_counter() - t0
            page.close()
        pdf.close()
        print(f"page image: stored image {1000 * t_emb / npages:.0f} ms/page ({hows.count('embedded')} of {npages} "
              f"used as stored), render at 300 dpi {1000 * t_ren / npages:.0f} ms/page")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # -- memory -------------------------------------------------------------------------------
    big = a.corpus / "files" / "doc_032.pdf"
    if big.exists():
        base = child_peak_rss_mb("import evidence_mapper.ingest")
        t0 = time.perf_counter()
        peak = child_peak_rss_mb(f"from evidence_mapper.ingest import ingest_file\n"
                                 f"d = ingest_file({str(big)!r})\nassert len(d.pages) == 127")
        dt = time.perf_counter() - t0
        print(f"peak RSS ingesting doc_032.pdf (127 pages): {peak:.0f} MiB (import alone {base:.0f} MiB), {dt:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
