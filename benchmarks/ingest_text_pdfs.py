"""Benchmark: pages/s ingesting the text PDFs of ../shared/corpus-real, beside pdftotext.

Both run in this process's run on the same files, so the ratio is what matters:

    python benchmarks/ingest_text_pdfs.py [--corpus ../shared/corpus-real] [--repeat 1]

Prints one line per measured path and the ratio to pdftotext. "OCR off" is the like-for-like
comparison (pdftotext does no OCR; beside wall time, the ratio of CPU seconds, which a busy
machine disturbs less); "default" also OCRs the pages of these PDFs that have no
text layer (or a noisy OCR layer), which pdftotext returns empty, and the image areas that hold
lines of text; "every image area" is the default before images were looked at first (each image
area of a page read twice at 450 dpi), with the tesseract calls of each path. The default
path also prints the words its OCR of image areas added (what is read, to compare before and
after a change) and the CPU time of its tesseract processes (the floor of its wall time, divided
by the cores). OCR reads kept in the process (ingest/areaocr.py) are forgotten before every
repetition, so each one reads every image.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from evidence_mapper.ingest import Limits, ingest_file
from evidence_mapper.nlp import analyze

NO_OCR = Limits(ocr=False)
EVERY_IMAGE = Limits(ocr_images_look=False, ocr_pages_look=False)
OCR_PAGES = [0]
CALLS = [0]
ADDED = [0]  # words the OCR of image areas added to the pages' text (default path)


def _count_tesseract_calls() -> None:
    from evidence_mapper.ingest import ocr

    run = ocr._run

    def counted(*a, **k):
        CALLS[0] += 1
        return run(*a, **k)

    ocr._run = counted

ROOT = Path(__file__).resolve().parents[1]


def _forget_reads() -> None:
    """Every repetition reads its images afresh (OCR reads are kept per process: areaocr)."""
    try:
        from evidence_mapper.ingest.areaocr import clear_cache
    except ImportError:  # a version without the cache
        return
    clear_cache()


def text_pdfs(corpus: Path) -> list[Path]:
    with open(corpus / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [corpus / "files" / r["file"] for r in rows if r["file"].endswith(".pdf") and r["has_text_layer"] == "yes"]


def _child_cpu() -> float:
    """CPU seconds (user + system) of finished child processes: the tesseract runs."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


CPU: dict[str, float] = {}  # CPU seconds per path (this process, or pdftotext's processes)


def timed(fn, files, repeat, name=None):
    best = None
    pages = 0
    for _ in range(repeat):
        _forget_reads()
        c0 = time.process_time()
        t0 = time.perf_counter()
        pages = sum(fn(f) for f in files)
        dt = time.perf_counter() - t0
        if name and (best is None or dt < best):
            CPU[name] = time.process_time() - c0
        best = dt if best is None else min(best, dt)
    return pages, best


def run_pdftotext(f: Path) -> int:
    subprocess.run(["pdftotext", "-q", str(f), "-"], stdout=subprocess.DEVNULL, check=False)
    out = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def run_ingest(f: Path) -> int:
    return len(ingest_file(f, NO_OCR).pages)


def run_ingest_default(f: Path) -> int:
    doc = ingest_file(f)
    OCR_PAGES[0] += doc.ocr_pages
    ADDED[0] += sum(int(m.group(1)) for m in map(_ADDED_RE.search, doc.skipped) if m)
    return len(doc.pages)


_ADDED_RE = re.compile(r"(\d+) words added")


def run_ingest_every_image(f: Path) -> int:
    return len(ingest_file(f, EVERY_IMAGE).pages)


def run_ingest_nlp(f: Path) -> int:
    doc = ingest_file(f, NO_OCR)
    analyze(doc)
    return len(doc.pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-every-image", action="store_true", help="Leave out the slow every-image-area path.")
    ap.add_argument("--text-only", action="store_true",
                    help="Only pdftotext and the OCR-off paths (the like-for-like text figures).")
    a = ap.parse_args()
    files = text_pdfs(a.corpus)
    if not files:
        print("no text PDFs found", file=sys.stderr)
        return 1
    print(f"{len(files)} text PDFs from {a.corpus}")
    results = {}
    if shutil.which("pdftotext"):
        # pdfinfo is only used to count pages; time pdftotext alone.
        pages = sum(run_pdftotext(f) for f in files)
        t0 = time.perf_counter()
        c0 = _child_cpu()
        for _ in range(a.repeat):
            for f in files:
                subprocess.run(["pdftotext", "-q", str(f), "-"], stdout=subprocess.DEVNULL, check=False)
        results["pdftotext"] = (pages, (time.perf_counter() - t0) / a.repeat)
        CPU["pdftotext"] = (_child_cpu() - c0) / a.repeat
    else:
        print("pdftotext not installed: no reference", file=sys.stderr)
    results["ingest, OCR off (text + char boxes)"] = timed(run_ingest, files, a.repeat,
                                                         "ingest, OCR off (text + char boxes)")
    results["ingest + nlp, OCR off"] = timed(run_ingest_nlp, files, a.repeat, "ingest + nlp, OCR off")
    _count_tesseract_calls()
    calls = {}
    CALLS[0] = 0
    c0 = _child_cpu()
    if not a.text_only:
        results["ingest, default (OCR where needed)"] = timed(run_ingest_default, files, a.repeat)
    tess_cpu = (_child_cpu() - c0) / a.repeat
    calls["ingest, default (OCR where needed)"] = CALLS[0] // a.repeat
    if not (a.skip_every_image or a.text_only):
        CALLS[0] = 0
        results["ingest, every image area read"] = timed(run_ingest_every_image, files, a.repeat)
        calls["ingest, every image area read"] = CALLS[0] // a.repeat
    ref = results.get("pdftotext")
    ref_rate = ref[0] / ref[1] if ref else None
    for name, (pages, dt) in results.items():
        rate = pages / dt
        ratio = f"  {rate / ref_rate:.2f}x pdftotext" if ref_rate else ""
        tess = f"  ({calls[name]} tesseract calls)" if name in calls else ""
        cpu = ""
        if name in CPU and CPU.get("pdftotext"):
            cpu = f"  (CPU {CPU[name]:.2f} s: {(pages / CPU[name]) / (ref[0] / CPU['pdftotext']):.2f}x pdftotext by CPU)"
        print(f"{name:<36} {pages:>5} pages {dt:>7.2f} s {rate:>8.1f} pages/s{ratio}{tess}{cpu}")
    if a.text_only:
        print(f"(load average {os.getloadavg()[0]:.2f} at the end; {os.cpu_count()} cores)")
        return 0
    print(f"(default mode OCRed {OCR_PAGES[0] // a.repeat} pages: pages without a text layer, or a noisy one; "
          f"OCR of image areas added {ADDED[0] // a.repeat} words)")
    wall = results["ingest, default (OCR where needed)"][1]
    print(f"(tesseract CPU in the default path: {tess_cpu:.1f} s, {tess_cpu / wall:.2f} cores busy over its "
          f"{wall:.1f} s; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
