"""Hostile inputs: each must give a clear IngestError or a bounded result, never a crash, a
hang, or a write outside the temporary folders. Every input is made by the test itself.

case                                   outcome
-------------------------------------  ------------------------------------------------------
zero-byte file                         IngestError empty
truncated PDF (first third)            IngestError corrupt, or the pages pdfium recovers
encrypted PDF                          IngestError encrypted
PDF with 5,000 pages                   IngestError too_large (default max_pages 3000);
                                       with the limit raised: 5,000 blank pages, no OCR, < 2 s
20000 x 20000 px PNG (header)          IngestError too_large, from the header, nothing decoded
truncated PNG (pixel data cut)         IngestError corrupt
zip bomb (20 MB of zeros, ratio ~1000) IngestError too_large (compression ratio)
ZIP with 2,001 members                 IngestError too_large (member count)
DOCX container hiding a zip bomb       IngestError too_large, before python-docx opens it
ZIP with ../, absolute and link paths  IngestError unsafe per member, nothing written anywhere,
                                       the safe member still read
ZIP with an encrypted member           IngestError encrypted for that member
PDF named .docx / DOCX named .pdf      read by content (application/pdf / DOCX)
binary junk named .pdf                 IngestError unsupported
scanned PDF over its time limit        IngestError timeout (OCR processes killed at the limit)
PDF whose page tree loops              readable pages kept, a note per page that cannot load;
                                       inspect --json answers (no traceback)
plain text / HTML named .docx / .pdf   IngestError unsupported, saying what the bytes are
text of 1.2 million characters         read in bounded pieces, passages cover all of it
CSV of 9,000 rows; XLSX of 300,000     one passage per row, header row as context

Run ``pytest tests/test_hostile_inputs.py -v`` to see each case's id.
"""

from __future__ import annotations

import os
import signal
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from evidence_mapper.ingest import IngestError, Limits, ingest_file, ingest_path
from evidence_mapper.ingest import ocr as ocr_mod
from conftest import make_pdf


@pytest.fixture(autouse=True)
def no_hang():
    """Fail (instead of hanging) any case that runs longer than 60 s."""

    def boom(*_):
        raise TimeoutError("hostile input case hung")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _raises(path, kind, limits=Limits()):
    with pytest.raises(IngestError) as e:
        ingest_file(path, limits)
    assert e.value.kind == kind, str(e.value)
    assert Path(path).name in str(e.value)  # the message names the file
    return e.value


def _png_header(w: int, h: int, idat: bytes = b"") -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_zero_byte_file(tmp_path):
    p = tmp_path / "nol.pdf"
    p.write_bytes(b"")
    _raises(p, "empty")


def test_truncated_pdf(tmp_path, perbup_pdf):
    p = tmp_path / "potong.pdf"
    p.write_bytes(perbup_pdf.read_bytes()[: perbup_pdf.stat().st_size // 3])
    try:
        doc = ingest_file(p)
    except IngestError as e:
        assert e.kind == "corrupt" and "potong.pdf" in str(e)
    else:
        assert 0 < len(doc.pages) <= 2


def test_encrypted_pdf(tmp_path):
    _raises(make_pdf(tmp_path / "sandi.pdf", ["rahasia"], encrypt="sandi"), "encrypted")


@pytest.fixture(scope="module")
def pdf_5000(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("big") / "ribuan.pdf"
    pdf = pdfium.PdfDocument.new()
    for _ in range(5000):
        pdf.new_page(595, 842)
    pdf.save(str(p))
    pdf.close()
    return p


def test_pdf_with_5000_pages_is_refused_by_default(pdf_5000):
    t = time.perf_counter()
    e = _raises(pdf_5000, "too_large")
    assert "5000 pages" in str(e) and time.perf_counter() - t < 2


def test_pdf_with_5000_pages_is_bounded_when_allowed(pdf_5000):
    t = time.perf_counter()
    doc = ingest_file(pdf_5000, Limits(max_pages=10_000))
    assert len(doc.pages) == 5000 and doc.ocr_pages == 0  # blank pages are not sent to OCR
    assert time.perf_counter() - t < 5


def test_20000_px_image_is_refused_from_its_header(tmp_path):
    p = tmp_path / "poster.png"
    p.write_bytes(_png_header(20000, 20000, zlib.compress(b"\x00" * 1000)))
    t = time.perf_counter()
    e = _raises(p, "too_large")
    assert time.perf_counter() - t < 1
    assert "pixels" in str(e)


def test_image_over_the_configured_pixel_limit(tmp_path):
    p = tmp_path / "besar.png"
    p.write_bytes(_png_header(9000, 9000, zlib.compress(b"\x00" * 1000)))  # under PIL's own bomb limit
    e = _raises(p, "too_large", Limits(max_pixels=50_000_000))
    assert "9000x9000" in str(e)


@pytest.mark.skipif(not ocr_mod.available("ind"), reason="tesseract not installed")
def test_truncated_png_is_corrupt(tmp_path):
    from PIL import Image

    full = tmp_path / "full.png"
    Image.new("L", (600, 400), 255).save(full)
    p = tmp_path / "cut.png"
    p.write_bytes(full.read_bytes()[:60])
    _raises(p, "corrupt")


def _single(path, limits=Limits()):
    entries = list(ingest_path(path, limits))
    assert len(entries) == 1, entries
    return entries[0][1]


def test_zip_bomb_by_ratio(tmp_path):
    p = tmp_path / "bom.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("nol.txt", b"\x00" * (20 * 1024 * 1024))
    assert p.stat().st_size < 100_000
    err = _single(p)
    assert isinstance(err, IngestError) and err.kind == "too_large" and "ratio" in str(err)


def test_zip_bomb_by_total_size(tmp_path):
    p = tmp_path / "total.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as z:
        for i in range(3):
            z.writestr(f"f{i}.txt", os.urandom(400_000))
    err = _single(p, Limits(max_archive_bytes=1_000_000))
    assert isinstance(err, IngestError) and err.kind == "too_large" and "uncompressed" in str(err)


def test_zip_with_too_many_members(tmp_path):
    p = tmp_path / "banyak.zip"
    with zipfile.ZipFile(p, "w") as z:
        for i in range(2001):
            z.writestr(f"f{i}.txt", b"x")
    err = _single(p)
    assert isinstance(err, IngestError) and err.kind == "too_large" and "members" in str(err)


def test_docx_hiding_a_zip_bomb(tmp_path):
    p = tmp_path / "bom.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/image1.bin", b"\x00" * (20 * 1024 * 1024))
    _raises(p, "too_large")


def test_zip_with_traversal_absolute_and_link_members(tmp_path, monkeypatch):
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    p = tmp_path / "jahat.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("../../evil.txt", b"Peraturan Bupati jahat")
        z.writestr("/tmp/evil-abs.txt", b"Peraturan Bupati jahat")
        z.writestr("ok/../../evil2.txt", b"Peraturan Bupati jahat")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (0o120777 << 16)
        z.writestr(link, "/etc/passwd")
        z.writestr("Indikator 1/baik.txt", b"Peraturan Bupati tentang SPBE")
    before = set(os.listdir("/tmp"))
    got = dict(ingest_path(p))
    kinds = {name.split("jahat.zip/")[1]: (r.kind if isinstance(r, IngestError) else "ok") for name, r in got.items()}
    assert kinds == {"../../evil.txt": "unsafe", "tmp/evil-abs.txt": "unsafe", "ok/../../evil2.txt": "unsafe",
                     "link.txt": "unsafe", "Indikator 1/baik.txt": "ok"}
    for where in (tmp_path, tmp_path / "work", work, Path("/")):
        assert not any((where / n).exists() for n in ("evil.txt", "evil2.txt"))
    assert not Path("/tmp/evil-abs.txt").exists()
    assert not {n for n in set(os.listdir("/tmp")) - before if not n.startswith(("pytest", "tmp"))}


def test_zip_with_an_encrypted_member(tmp_path):
    p = tmp_path / "kunci.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("rahasia.txt", b"Peraturan Bupati rahasia")
    data = bytearray(p.read_bytes())
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):  # set the 'encrypted' flag bit in both headers
        i = data.find(sig)
        off = i + (6 if sig == b"PK\x03\x04" else 8)
        data[off] |= 0x1
    p.write_bytes(bytes(data))
    err = _single(p)
    assert isinstance(err, IngestError) and err.kind == "encrypted" and "rahasia.txt" in str(err)


def test_wrong_extensions_are_read_by_content(tmp_path, perbup_pdf):
    import docx

    pdf_as_docx = tmp_path / "sebenarnya-pdf.docx"
    pdf_as_docx.write_bytes(perbup_pdf.read_bytes())
    doc = ingest_file(pdf_as_docx)
    assert doc.media_type == "application/pdf" and doc.pages[0].source == "text"

    d = docx.Document()
    d.add_paragraph("Peraturan Bupati tentang SPBE")
    real = tmp_path / "real.docx"
    d.save(real)
    docx_as_pdf = tmp_path / "sebenarnya-docx.pdf"
    docx_as_pdf.write_bytes(real.read_bytes())
    doc = ingest_file(docx_as_pdf)
    assert doc.media_type.endswith("wordprocessingml.document") and "Peraturan Bupati" in doc.pages[0].text


def test_binary_junk_named_pdf(tmp_path):
    p = tmp_path / "sampah.pdf"
    p.write_bytes(os.urandom(50_000))
    _raises(p, "unsupported")


@pytest.mark.skipif(not ocr_mod.available("ind"), reason="tesseract not installed")
def test_scanned_pdf_over_its_time_limit(tmp_path):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from evidence_mapper.ingest.synth import render_page

    img = render_page(dpi=300)
    p = tmp_path / "lambat.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(4):
        c.drawImage(ImageReader(img), 0, 0, 595, 595 * img.height / img.width)
        c.showPage()
    c.save()
    t = time.perf_counter()
    _raises(p, "timeout", Limits(max_seconds=1.0))
    assert time.perf_counter() - t < 5


def _looping_pdf(path: Path) -> Path:
    """A PDF whose page tree lists itself among its kids: page 1 loads, pages 2 and 3 do not."""
    body = b"BT /F1 12 Tf 72 770 Td (Peraturan Bupati Sukamaju tentang Sistem Pemerintahan Berbasis Elektronik) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R 5 0 R] /Count 3 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
    return path


def test_pdf_whose_page_tree_loops_keeps_its_readable_pages(tmp_path):
    doc = ingest_file(_looping_pdf(tmp_path / "putar.pdf"))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert "Peraturan Bupati Sukamaju" in doc.pages[0].text
    assert [p.text for p in doc.pages[1:]] == ["", ""]
    assert sum("cannot be loaded" in n for n in doc.skipped) == 2


def test_inspect_answers_json_for_a_looping_page_tree(tmp_path):
    import json
    import subprocess
    import sys

    p = _looping_pdf(tmp_path / "putar.pdf")
    r = subprocess.run([sys.executable, "-m", "evidence_mapper", "inspect", str(p), "--json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["pages"] == 3 and out["text_pages"] == 1
    assert any("page 2: cannot be loaded" in n for n in out["notes"])
    assert "Traceback" not in r.stderr


def test_plain_text_named_docx_is_refused_with_the_reason(tmp_path):
    p = tmp_path / "perwali.docx"
    p.write_text("PERATURAN WALIKOTA DENPASAR\nNOMOR 5 TAHUN 2023\nTENTANG SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n",
                 encoding="utf-8")
    e = _raises(p, "unsupported")
    assert "plain text" in str(e) and "Word document" in str(e)
    q = tmp_path / "scan.pdf"
    q.write_text("<html><body>Peraturan Bupati</body></html>", encoding="utf-8")
    assert "HTML" in str(_raises(q, "unsupported"))
    ok = tmp_path / "catatan.txt"  # the same bytes under a text name are read
    ok.write_bytes(p.read_bytes())
    assert ingest_file(ok).media_type == "text/plain"


def test_text_over_a_million_characters_is_read_in_chunks(tmp_path):
    from evidence_mapper.nlp import analyze

    line = "Pemerintah daerah menyelenggarakan layanan berbasis elektronik secara terpadu dan aman. "
    p = tmp_path / "panjang.txt"
    p.write_text(line * (1_200_000 // len(line) + 1), encoding="utf-8")  # one block, no blank line
    doc = ingest_file(p)
    assert len(doc.pages[0].text) > 1_000_000
    a = analyze(doc)
    covered = sum(x.span.char_end - x.span.char_start for x in a.passages)
    assert covered > 0.95 * len(doc.pages[0].text)
    assert max(x.span.char_end - x.span.char_start for x in a.passages) < 1000


def test_csv_of_9000_rows_gives_one_passage_per_row(tmp_path):
    from evidence_mapper.nlp import analyze

    p = tmp_path / "inventaris.csv"
    rows = ["No,Nama Aplikasi,Perangkat Daerah,Status"] + [
        f"{i},Aplikasi layanan nomor {i},Dinas Komunikasi dan Informatika,Aktif" for i in range(1, 9001)]
    p.write_text("\n".join(rows), encoding="utf-8")
    a = analyze(ingest_file(p))
    assert len(a.passages) == 9000
    assert a.passages[0].text.startswith("1 Aplikasi layanan nomor 1 ")
    assert a.passages[0].context == "No | Nama Aplikasi | Perangkat Daerah | Status"


@pytest.mark.slow
def test_spreadsheet_of_300000_rows_is_read(tmp_path):
    import openpyxl

    from evidence_mapper.nlp import analyze

    signal.alarm(600)  # writing and reading 300,000 rows with openpyxl takes a minute or two
    p = tmp_path / "besar.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["No", "Uraian", "Jumlah"])
    for i in range(1, 300_001):
        ws.append([i, f"Belanja pemeliharaan {i}", i * 1000])
    wb.save(p)
    a = analyze(ingest_file(p, Limits(max_seconds=600)))
    assert len(a.passages) == 300_000
    assert a.passages[-1].text == "300000 Belanja pemeliharaan 300000 300000000"
