"""Benchmark: OCR pages/s of the ingest path vs the plain tesseract CLI, like for like, and peak
memory ingesting a long text PDF.

    python benchmarks/ocr_vs_tesseract.py [--corpus ../shared/corpus-real]
           [--docs doc_034.pdf doc_097.pdf doc_039.pdf] [--pages 3] [--workers N]

1. The first ``--pages`` pages of each scanned PDF (has_text_layer=no) are copied into one PDF.
   Reference and ingest read the SAME images at the SAME dpi in the SAME language with the SAME
   threads: each page's image is taken exactly as ingest takes it (``scan.page_image``: the
   stored scan, turned upright and made grey, at the resolution ingest gives tesseract) and
   written as the PNM file ingest hands to tesseract; the reference runs
   ``tesseract PAGE.pnm stdout -l LANG --psm 3 --dpi D tsv`` with ``OMP_THREAD_LIMIT=1`` (as
   ingest does), one page after another (1 worker) and ``--workers`` pages at a time (as
   ingest's pool does). Ingest: ``ingest_file`` on the PDF with 1 and with ``--workers``
   workers (image taken from the PDF, TSV parsed into text and a box per character, re-reads
   of weak pages). Ratios compare the same worker count; the tesseract calls and the CPU time
   of the tesseract processes of each side are printed beside them (ingest makes more calls
   when it re-reads a weak page: orientation check, despeckled copy), and ingest's own CPU
   time (this process, all threads: the work that competes with tesseract for the cores).
   tesseract with its own OpenMP threads is shown for information only (not like for like).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from evidence_mapper.ingest import Limits, ingest_file
from evidence_mapper.ingest import ocr as _ocr
from evidence_mapper.ingest.ocr import _pnm
from evidence_mapper.ingest.scan import page_image, render_page

ROOT = Path(__file__).resolve().parents[1]


CALLS = [0]


def _count_calls() -> None:
    """Count ingest's tesseract calls (every read, orientation check and re-read)."""
    run = _ocr._run

    def counted(*args, **kw):
        CALLS[0] += 1
        return run(*args, **kw)

    _ocr._run = counted


def _self_cpu() -> float:
    """CPU seconds (user + system) of this process, all threads: ingest's own work besides tesseract."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _child_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children: the tesseract runs."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


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
    ap.add_argument("--lang", default=Limits().ocr_lang, help="tesseract languages, both sides")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="pages read at a time, both sides (ingest's default: one per core)")
    a = ap.parse_args()
    if not shutil.which("tesseract"):
        print("needs tesseract", file=sys.stderr)
        return 1
    files = [a.corpus / "files" / d for d in a.docs]
    tmp = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    try:
        # -- the same pages, the same images, dpi, language and threads for both --------------
        combined = pdfium.PdfDocument.new()
        for f in files:
            src = pdfium.PdfDocument(str(f))
            combined.import_pages(src, list(range(min(a.pages, len(src)))))
            src.close()
        combined.save(str(tmp / "scans.pdf"))
        combined.close()
        lim = Limits(ocr_lang=a.lang)
        images: list[tuple[Path, int]] = []
        pdf = pdfium.PdfDocument(str(tmp / "scans.pdf"))
        for i in range(len(pdf)):
            page = pdf[i]
            img, _, dpi, _ = page_image(page, lim.ocr_dpi, lim.max_pixels)
            page.close()
            pnm = tmp / f"page{i + 1:03d}.pnm"
            pnm.write_bytes(_pnm(img))  # the bytes ingest hands to tesseract
            images.append((pnm, dpi))
        pdf.close()
        npages = len(images)
        workers = a.workers
        print(f"{npages} scanned pages ({a.pages} each from {', '.join(a.docs)}), language {a.lang}, "
              f"{os.cpu_count()} cores, {workers} workers, load average {os.getloadavg()[0]:.2f}")

        def cli_one(item: tuple[Path, int], env: dict) -> None:
            pnm, dpi = item
            subprocess.run(["tesseract", str(pnm), "stdout", "-l", a.lang, "--psm", "3", "--dpi", str(dpi), "tsv"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)

        def cli(n: int, env: dict) -> tuple[float, float]:
            c0, t0 = _child_cpu(), time.perf_counter()
            with ThreadPoolExecutor(n) as pool:
                list(pool.map(lambda it: cli_one(it, env), images))
            return time.perf_counter() - t0, _child_cpu() - c0

        one_thread = dict(os.environ, OMP_THREAD_LIMIT="1")

        def ours(n: int):
            CALLS[0] = 0
            c0, s0, t0 = _child_cpu(), _self_cpu(), time.perf_counter()
            doc = ingest_file(tmp / "scans.pdf", Limits(ocr_lang=a.lang, ocr_workers=n))
            dt, cpu, own = time.perf_counter() - t0, _child_cpu() - c0, _self_cpu() - s0
            assert doc.ocr_pages == npages, (doc.ocr_pages, npages)
            return doc, dt, cpu, own, CALLS[0]

        _count_calls()
        rows = []
        for n in sorted({1, workers}):
            t_ref, cpu_ref = cli(n, one_thread)
            doc, t_ours, cpu_ours, own, calls = ours(n)
            rows.append((n, t_ref, cpu_ref, t_ours, cpu_ours, own, calls, doc))
        t_omp, cpu_omp = cli(1, dict(os.environ))  # tesseract's own threads: for information
        for n, t_ref, cpu_ref, t_ours, cpu_ours, own, calls, _ in rows:
            print(f"{n} worker(s): tesseract CLI {npages / t_ref:6.2f} pages/s ({t_ref:.1f} s, {npages} calls, "
                  f"{cpu_ref:.1f} s CPU) | ingest_file {npages / t_ours:6.2f} pages/s ({t_ours:.1f} s, {calls} calls, "
                  f"{cpu_ours:.1f} s tesseract CPU, {own:.2f} s own CPU) | {t_ref / t_ours:.2f}x the CLI")
        print(f"(tesseract CLI, one page at a time with its own OpenMP threads: {npages / t_omp:.2f} pages/s, "
              f"{t_omp:.1f} s, {cpu_omp:.1f} s CPU; not like for like)")
        docs = [r[-1] for r in rows]
        retries = sum(1 for x in docs[-1].skipped if "turned" in x or "despeckled" in x)
        print(f"  mean OCR confidence {sum(p.ocr_confidence or 0 for p in docs[-1].pages) / npages:.3f}; "
              f"pages re-read (orientation/despeckle): {retries}; same text with 1 and {workers} workers: "
              f"{[p.text for p in docs[0].pages] == [p.text for p in docs[-1].pages]}")

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
