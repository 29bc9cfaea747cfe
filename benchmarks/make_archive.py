"""A realistic, fictional archive of SPBE submissions for batch benchmarks and tests.

    python benchmarks/make_archive.py --out /tmp/archive --docs 1000 --regions 20 --seed 0

Lays files out as regions hand them in: ``{year}/{region}/Indikator NN/{file}``, some at a
region's root, some bundled as one ZIP per indicator folder, some filed under the wrong
indicator folder (a region's filing is a signal to check). The mix follows real submissions:
about 40% of pages are scans (text rendered to an image with noise and a little skew, saved
as an image-only PDF), text PDFs of regulations, SKs, SOPs and plans, budget sheets (XLSX),
spreadsheets (CSV), DOCX letters, topology diagrams, news pages, and some bad files
(truncated PDFs, random bytes, empty files, a ZIP with a ``..`` path).

The texts come from the fictional sample corpus that ``corpus/make_sample.py`` generates
(``corpus/sample/``): its documents are read once, then each new document takes one of
them, puts in its own region, numbers, dates and officials, and drops or repeats sentences so
no two documents share bytes. Every page says the document is fictional. Nothing made here
is committed; the layout and counts are printed at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "corpus"))

from evidence_mapper.ingest import ingest_file  # noqa: E402
from evidence_mapper.ingest.synth import font_files, render_page  # noqa: E402

import make_sample  # noqa: E402  the sample's generator: its footer and officials' names

FICTIONAL = ["Sukamaju", "Mekarjaya", "Sindangsari", "Tanjungrejo", "Karangsari", "Wanasari", "Girimulya",
             "Pasirjaya", "Sumberwangi", "Cibatuhilir", "Lembah Hijau", "Muara Sejahtera", "Bukitraya",
             "Tanah Merah Baru", "Pantai Indah", "Rawabening", "Sidomakmur", "Kalijaya", "Banyuwening",
             "Gunungsari", "Telukjaya", "Sukarame", "Cimanggu Baru", "Pulau Harapan"]
NAMES = ["ANDIKA PRATAMA", "SITI RAHAYU", "BUDI SANTOSO", "DEWI LESTARI", "AGUS SETIAWAN", "RINA WULANDARI",
         "HENDRA GUNAWAN", "NURUL HIDAYAH", "JOKO PURNOMO", "MAYA SARI"]
# Sample document -> (kind, indicator folder it belongs under)
TEMPLATES = {
    "perbup_spbe_2023.pdf": ("perbup", 1),
    "sk_tim_koordinasi_spbe_2024.pdf": ("sk", 10),
    "rancangan_perbup_manajemen_risiko_spbe.pdf": ("perbup", 21),
    "rencana_induk_spbe_2023_2027.pdf": ("rencana", 12),
    "sop_pengelolaan_pusat_data.pdf": ("sop", 16),
    "laporan_reviu_kebijakan_spbe_2025.pdf": ("laporan", 1),
    "perbup_tunjangan_kinerja_2023.pdf": ("perbup", 41),
    "se_bupati_penggunaan_aplikasi_srikandi.txt": ("se", 37),
    "berita_kegiatan_spbe.txt": ("berita", 20),
}
FOOTER = make_sample.FOOTER


def load_templates() -> dict[str, list[str]]:
    """Page texts of the sample corpus (``corpus/make_sample.py`` output), per document."""
    sample = ROOT / "corpus" / "sample"
    out = {}
    for name in TEMPLATES:
        doc = ingest_file(sample / name)
        out[name] = [p.text for p in doc.pages if p.text.strip()]
    return out


def regionalize(text: str, region: tuple[str, str], rnd: random.Random) -> str:
    kind, name = region
    head = "Wali Kota" if kind == "Kota" else "Bupati"
    t = text.replace("Kabupaten Sukamaju", f"{kind} {name}").replace("KABUPATEN SUKAMAJU", f"{kind} {name}".upper())
    t = t.replace("BUPATI SUKAMAJU", f"{head} {name}".upper()).replace("Bupati Sukamaju", f"{head} {name}")
    t = t.replace("Sukamaju", name).replace("SUKAMAJU", name.upper())
    if kind == "Kota":
        t = t.replace("PERATURAN BUPATI", "PERATURAN WALI KOTA").replace("Peraturan Bupati", "Peraturan Wali Kota")
    t = t.replace(make_sample.BUPATI, rnd.choice(NAMES))
    t = re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(rnd.choice([2021, 2022, 2023, 2024, 2025])) if rnd.random() < 0.3
               else m.group(0), t)
    t = re.sub(r"\bNOMOR \d+\b", lambda m: f"NOMOR {rnd.randint(1, 120)}", t)
    lines = [ln for ln in t.splitlines() if ln.strip()]
    kept = []
    for ln in lines:  # drop or repeat a few lines: every document its own bytes
        r = rnd.random()
        if r < 0.06 and len(lines) > 12:
            continue
        kept.append(ln)
        if r > 0.97:
            kept.append(ln)
    kept.append(f"Kode arsip: {rnd.randrange(16 ** 8):08x}")
    kept.append(FOOTER)
    return "\n".join(kept)


def wrap(text: str, width: int = 92) -> list[str]:
    out = []
    for ln in text.splitlines():
        while len(ln) > width:
            cut = ln.rfind(" ", 0, width)
            cut = cut if cut > 20 else width
            out.append(ln[:cut])
            ln = ln[cut:].lstrip()
        out.append(ln)
    return out


def text_pdf(pages: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    w, h = A4
    for text in pages:
        lines = wrap(text)
        for start in range(0, max(1, len(lines)), 52):
            y = h - 60
            for ln in lines[start:start + 52]:
                c.setFont("Times-Roman", 10.5)
                c.drawString(60, y, ln)
                y -= 14
            c.setFont("Times-Italic", 7)
            c.drawString(60, 30, FOOTER)
            c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: list[str], rnd: random.Random, dpi: int = 150) -> bytes:
    fonts = list(font_files().values())
    imgs = []
    for k, text in enumerate(pages):
        lines = wrap(text, 78)[:48]
        img = render_page("\n".join(lines), dpi=dpi, font=rnd.choice(fonts) if fonts else None, size_pt=11,
                          angle=rnd.uniform(-1.2, 1.2), noise=rnd.uniform(0.002, 0.01), stamp=rnd.random() < 0.3,
                          seed=rnd.randrange(1 << 30), height_in=11.69)
        imgs.append(img.convert("L"))
    buf = io.BytesIO()
    imgs[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=imgs[1:])
    return buf.getvalue()


def budget_xlsx(region: tuple[str, str], rnd: random.Random) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "RKA SPBE"
    ws.append([f"RENCANA KERJA DAN ANGGARAN BELANJA SPBE {region[0].upper()} {region[1].upper()}"])
    ws.append([f"Tahun Anggaran {rnd.choice([2023, 2024, 2025])}"])
    ws.append(["No", "Program / Kegiatan", "Perangkat Daerah", "Pagu (Rp)", "Keterangan"])
    items = ["Pengembangan Aplikasi Layanan Publik", "Pemeliharaan Pusat Data", "Jaringan Intra Pemerintah Daerah",
             "Penyusunan Arsitektur SPBE", "Audit Keamanan Informasi", "Pelatihan SDM TIK", "Lisensi Perangkat Lunak",
             "Sistem Penghubung Layanan", "Manajemen Data dan Satu Data", "Keterpaduan Rencana dan Anggaran SPBE"]
    for k, it in enumerate(rnd.sample(items, rnd.randint(5, len(items))), 1):
        ws.append([k, it, "Dinas Komunikasi dan Informatika", rnd.randrange(50, 2500) * 1_000_000,
                   rnd.choice(["", "prioritas", "lanjutan", "baru"])])
    ws.append([FOOTER])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_csv(region: tuple[str, str], rnd: random.Random) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["No", "Nama Aplikasi", "Perangkat Daerah", "Status", "Terintegrasi SPLP"])
    apps = ["SIMPEG", "e-Kinerja", "SRIKANDI", "SIPD", "LAPOR!", "e-Budgeting", "Satu Data", "JDIH", "e-Office"]
    for k, a in enumerate(rnd.sample(apps, rnd.randint(4, len(apps))), 1):
        w.writerow([k, a, f"Diskominfo {region[0]} {region[1]}", rnd.choice(["aktif", "pengembangan"]),
                    rnd.choice(["ya", "tidak"])])
    w.writerow([FOOTER])
    return buf.getvalue().encode("utf-8")


def letter_docx(text: str) -> bytes:
    from docx import Document

    d = Document()
    for ln in text.splitlines():
        d.add_paragraph(ln)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def topology_pdf(region: tuple[str, str], rnd: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
    w, h = landscape(A4)
    c.setFont("Times-Bold", 14)
    c.drawString(50, h - 50, f"TOPOLOGI JARINGAN INTRA PEMERINTAH {region[0].upper()} {region[1].upper()}")
    c.setFont("Helvetica", 8)
    core = (w / 2, h / 2)
    c.roundRect(core[0] - 60, core[1] - 12, 120, 24, 4)
    c.drawCentredString(core[0], core[1] - 3, "Pusat Data - Core Switch")
    opds = ["Bappeda", "BPKAD", "BKPSDM", "Dinas Kesehatan", "Disdukcapil", "Inspektorat", "DPMPTSP", "Sekretariat",
            "Dinas Pendidikan", "Kecamatan"]
    for k, o in enumerate(rnd.sample(opds, rnd.randint(5, len(opds)))):
        x, y = 80 + (k % 5) * 150, (h - 130) if k < 5 else 90
        c.line(core[0], core[1], x + 50, y + 12)
        c.roundRect(x, y, 100, 24, 4)
        c.drawCentredString(x + 50, y + 9, o)
    c.drawString(50, 40, f"Keterangan: fiber optik / VPN IP, bandwidth {rnd.choice([50, 100, 200])} Mbps. {FOOTER}")
    c.showPage()
    c.save()
    return buf.getvalue()


def bad_file(rnd: random.Random, good_pdf: bytes) -> tuple[str, bytes]:
    k = rnd.randrange(5)
    if k == 0:
        return "scan_terpotong.pdf", good_pdf[: len(good_pdf) // 3]
    if k == 1:
        return "lampiran.pdf", bytes(rnd.randrange(256) for _ in range(4096))
    if k == 2:
        return "kosong.pdf", b""
    if k == 3:
        return "dokumen_lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rnd.randrange(256) for _ in range(2048))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../luar.txt", "jalur berbahaya")
        z.writestr("catatan.txt", f"Catatan arsip {rnd.randrange(1 << 30)}\n{FOOTER}")
    return "paket_bukti.zip", buf.getvalue()


def make_archive(out: Path, docs: int = 1000, regions: int = 20, seed: int = 0, scan_share: float = 0.42) -> dict:
    rnd = random.Random(seed)
    templates = load_templates()
    names = rnd.sample(FICTIONAL, min(regions, len(FICTIONAL)))
    while len(names) < regions:
        names.append(f"Contoh {len(names) + 1}")
    regs = [("Kota" if rnd.random() < 0.3 else "Kabupaten", n) for n in names]
    stats = {"documents": 0, "files": 0, "kinds": {}, "pages": 0, "scanned_pages": 0, "misfiled": 0, "bad": 0}

    def put(rel: str, data: bytes, kind: str, pages: int = 0, scanned: int = 0) -> None:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        stats["files"] += 1
        stats["kinds"][kind] = stats["kinds"].get(kind, 0) + 1
        stats["pages"] += pages
        stats["scanned_pages"] += scanned

    per_region = [docs // regions + (1 if k < docs % regions else 0) for k in range(regions)]
    names_t = list(TEMPLATES)
    for (kind, name), n in zip(regs, per_region):
        year = rnd.choice([2023, 2024, 2025])
        folder_name = f"{kind} {name}" if rnd.random() < 0.8 else f"{'KAB.' if kind == 'Kabupaten' else 'KOTA'} {name.upper()}"
        base = f"{year}/{folder_name}"
        zipped: dict[int, list[tuple[str, bytes]]] = {}
        zip_folders = {rnd.choice([1, 10, 12, 16])} if rnd.random() < 0.4 else set()
        for k in range(n):
            stats["documents"] += 1
            r = rnd.random()
            tname = rnd.choice(names_t)
            tkind, ind = TEMPLATES[tname]
            pages_t = templates[tname]
            start = rnd.randrange(len(pages_t))
            take = pages_t[start:start + rnd.randint(1, 3)]
            texts = [regionalize(t, (kind, name), rnd) for t in take]
            if r < 0.03:
                fname, data = bad_file(rnd, text_pdf(texts))
                stats["bad"] += 1
                put(f"{base}/{fname.replace('.', f'_{k:03d}.', 1)}", data, "bad")
                continue
            if rnd.random() < 0.1:  # filed under another indicator's folder
                ind = rnd.choice([i for i in range(1, 48) if i != ind])
                stats["misfiled"] += 1
            folder = f"{base}/Indikator {ind:02d}" if rnd.random() < 0.85 else base
            stem = f"{tkind}_{k:03d}"
            cut = [0.03 + scan_share]  # cumulative shares of the other kinds after the scans
            for share in (0.25, 0.09, 0.04, 0.04, 0.05):
                cut.append(cut[-1] + share * (1 - scan_share) / 0.55)
            if r < cut[0]:  # scans: mostly short SKs and regulations
                texts = texts[:2]
                data, ext, kd, sc = scanned_pdf(texts, rnd), "pdf", "scan", len(texts)
            elif r < cut[1]:
                data, ext, kd, sc = text_pdf(texts), "pdf", "text_pdf", 0
            elif r < cut[2]:
                data, ext, kd, sc, ind = budget_xlsx((kind, name), rnd), "xlsx", "xlsx", 0, 13
                texts = ["sheet"]
                folder = f"{base}/Indikator 13" if folder != base else base
            elif r < cut[3]:
                data, ext, kd, sc = sheet_csv((kind, name), rnd), "csv", "csv", 0
                texts = ["sheet"]
            elif r < cut[4]:
                data, ext, kd, sc = letter_docx("\n".join(texts)), "docx", "docx", 0
                texts = texts[:1]
            elif r < cut[5]:
                data, ext, kd, sc = topology_pdf((kind, name), rnd), "pdf", "topology", 0
                texts = ["topologi"]
                folder = f"{base}/Indikator 17" if folder != base else base
            else:
                data, ext, kd, sc = "\n\n".join(texts).encode("utf-8"), "txt", "txt", 0
            npages = len(texts) if kd in ("scan", "docx", "txt") else (len(texts) if kd == "text_pdf" else 1)
            if ind in zip_folders and folder != base:
                zipped.setdefault(ind, []).append((f"{stem}.{ext}", data))
                stats["kinds"][kd] = stats["kinds"].get(kd, 0) + 1
                stats["pages"] += npages
                stats["scanned_pages"] += sc
                continue
            put(f"{folder}/{stem}.{ext}", data, kd, npages, sc)
        for ind, members in zipped.items():
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                for mname, data in members:
                    z.writestr(f"Indikator {ind:02d}/{mname}", data)
            p = out / base / f"Indikator {ind:02d}.zip"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(buf.getvalue())
            stats["files"] += 1
            stats["kinds"]["zip"] = stats["kinds"].get("zip", 0) + 1
    stats["regions"] = [f"{k} {n}" for k, n in regs]
    stats["scanned_page_share"] = round(stats["scanned_pages"] / max(1, stats["pages"]), 3)
    return stats


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--regions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scan-share", type=float, default=0.42, help="share of documents that are scans")
    a = ap.parse_args(argv)
    stats = make_archive(a.out, a.docs, a.regions, a.seed, a.scan_share)
    print(json.dumps(stats, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
