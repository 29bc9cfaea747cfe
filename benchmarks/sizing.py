"""Sizing: pages per minute of `evidence-mapper ingest` + `map` for text pages and for scanned
pages, with peak memory, beside a reference measured in the same run (pdftotext for the text
pages, plain `tesseract` on the same page images for the scanned ones).

    python benchmarks/sizing.py [--pages 30] [--out out/sizing]

The documents are made here (fictional regulation text, A4); the scanned PDF holds the text
PDF's pages rendered at 200 dpi as images, so both carry the same words.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARA = ("Pasal {n}\n(1) Pemerintah Daerah menyelenggarakan Sistem Pemerintahan Berbasis Elektronik secara terpadu\n"
        "dengan arsitektur SPBE daerah yang memuat domain proses bisnis, data dan informasi, infrastruktur,\n"
        "aplikasi, keamanan dan layanan SPBE.\n(2) Arsitektur SPBE daerah direviu paling sedikit 1 (satu) kali\n"
        "dalam 5 (lima) tahun dan dievaluasi oleh Tim Koordinasi SPBE yang ditetapkan dengan Keputusan Bupati.\n"
        "(3) Pusat data daerah dikelola sesuai standar operasional prosedur dan rencana keberlangsungan layanan.\n")


def make_text_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, h = A4
    for p in range(pages):
        y = h - 60
        c.setFont("Helvetica", 10)
        text = "PERATURAN BUPATI CONTOH NOMOR 12 TAHUN 2024\n" + "".join(PARA.format(n=p * 6 + k) for k in range(1, 7))
        for line in text.splitlines():
            c.drawString(60, y, line)
            y -= 14
        c.showPage()
    c.save()


def make_scan_pdf(text_pdf: Path, out: Path, work: Path) -> list[Path]:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(text_pdf), str(work / "pg")], check=True)
    imgs = sorted(work.glob("pg-*.png"))
    frames = [Image.open(i).convert("L") for i in imgs]
    frames[0].save(out, save_all=True, append_images=frames[1:], resolution=200)
    return imgs


def timed(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of a command (GNU time)."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return wall, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    work = a.out or Path(tempfile.mkdtemp(prefix="em-sizing-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    text_pdf, scan_pdf = work / "teks.pdf", work / "pindai.pdf"
    make_text_pdf(text_pdf, a.pages)
    imgs = make_scan_pdf(text_pdf, scan_pdf, work)
    env = dict(os.environ)
    em = [sys.executable, "-m", "evidence_mapper"]
    print(f"{a.pages} A4 pages each; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'run':<40} {'wall s':>7} {'pages/min':>10} {'peak RSS MB':>12}")
    for name, pdf in (("text", text_pdf), ("scanned", scan_pdf)):
        ws = work / f"ws-{name}"
        subprocess.run(em + ["init", str(ws), "--region", "Kabupaten Contoh", "--year", "2024"], check=True,
                       capture_output=True, env=env)
        w_ing, rss_ing = timed(em + ["ingest", str(ws), str(pdf), "--progress", "none"], env)
        w_map, rss_map = timed(em + ["map", str(ws)], env)
        print(f"{'evidence-mapper ingest, ' + name:<40} {w_ing:>7.1f} {60 * a.pages / w_ing:>10.1f} {rss_ing / 1024:>12.0f}")
        print(f"{'evidence-mapper map, ' + name:<40} {w_map:>7.1f} {60 * a.pages / w_map:>10.1f} {rss_map / 1024:>12.0f}")
        print(f"{'  ingest + map, ' + name:<40} {w_ing + w_map:>7.1f} {60 * a.pages / (w_ing + w_map):>10.1f}")
    w, rss = timed(["pdftotext", str(text_pdf), str(work / "ref.txt")], env)
    print(f"{'reference: pdftotext, text':<40} {w:>7.1f} {60 * a.pages / w:>10.1f} {rss / 1024:>12.0f}")
    t0 = time.monotonic()
    peak = 0
    for img in imgs:
        _, rss = timed(["tesseract", str(img), str(work / "ref"), "-l", "ind", "--dpi", "200"], env)
        peak = max(peak, rss)
    w = time.monotonic() - t0
    print(f"{'reference: tesseract per page, scanned':<40} {w:>7.1f} {60 * a.pages / w:>10.1f} {peak / 1024:>12.0f}")


if __name__ == "__main__":
    main()
