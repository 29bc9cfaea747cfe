"""DOCX, XLSX, CSV, HTML and legacy Office: readers behind the sniffer."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from evidence_mapper.ingest import IngestError, ingest_file
from evidence_mapper.ingest.sheet import rows


def _docx(path, build):
    import docx

    d = docx.Document()
    build(d)
    d.save(path)
    return path


def test_docx_paragraphs_headings_tables_and_page_breaks(tmp_path):
    from docx.enum.text import WD_BREAK

    def build(d):
        d.add_heading("PERATURAN BUPATI SUKAMAJU", level=1)
        d.add_paragraph("Menimbang : bahwa untuk mewujudkan tata kelola pemerintahan yang baik;")
        t = d.add_table(rows=2, cols=3)
        for r, vals in enumerate([("No", "Nama Aplikasi", "OPD"), ("1", "SIMPEG", "BKPSDM")]):
            for c, v in enumerate(vals):
                t.cell(r, c).text = v
        d.add_paragraph("Pasal 1").runs[0].add_break(WD_BREAK.PAGE)
        d.add_paragraph("Lampiran: daftar aplikasi")

    doc = ingest_file(_docx(tmp_path / "perbup.docx", build))
    assert doc.media_type.endswith("wordprocessingml.document")
    assert len(doc.pages) == 2 and {p.source for p in doc.pages} == {"docx"}
    p1, p2 = doc.pages
    assert p1.text.startswith("PERATURAN BUPATI SUKAMAJU\n\n")
    assert "No\tNama Aplikasi\tOPD\n1\tSIMPEG\tBKPSDM" in p1.text
    assert p1.text.rstrip().endswith("Pasal 1") and p2.text == "Lampiran: daftar aplikasi"
    assert p1.char_boxes is None and p1.bbox_for(0, 5) is None


def test_empty_docx_is_empty(tmp_path):
    with pytest.raises(IngestError) as e:
        ingest_file(_docx(tmp_path / "kosong.docx", lambda d: None))
    assert e.value.kind == "empty"


def test_xlsx_sheets_are_pages_and_rows_are_lines(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daftar Aplikasi"
    ws.append(["No", "Nama Aplikasi", "Pemilik", "Tanggal"])
    ws.append([1, "SIMPEG", "BKPSDM", dt.datetime(2024, 3, 1)])
    ws.append([2.0, "e-Office\nversi 2", "Diskominfo", None])
    ws.append([])
    ws.append([3, "SIPD", "Bappeda", None])
    wb.create_sheet("Kosong")
    p = tmp_path / "inventaris.xlsx"
    wb.save(p)
    doc = ingest_file(p)
    assert [pg.source for pg in doc.pages] == ["cell", "cell"]
    p1 = doc.pages[0]
    assert p1.text.splitlines()[:3] == ["No\tNama Aplikasi\tPemilik\tTanggal", "1\tSIMPEG\tBKPSDM\t2024-03-01",
                                        "2\te-Office versi 2\tDiskominfo"]
    r = rows(p1)
    assert len(r) == 5 and r[3] == [""] and r[4][1] == "SIPD"  # line k = sheet row k
    apps = [x for x in r[1:] if x[0].isdigit()]
    assert len(apps) == 3
    assert "page 1: sheet 'Daftar Aplikasi', 5 rows x 4 columns" in doc.skipped
    assert "page 2: sheet 'Kosong' is empty" in doc.skipped


def test_real_xlsx_from_corpus(tmp_path):
    from conftest import CORPUS_REAL

    f = CORPUS_REAL / "files" / "doc_134.xlsx"
    if not f.exists():
        pytest.skip("corpus-real not present")
    doc = ingest_file(f)
    assert len(doc.pages) == 3
    assert "DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH" in doc.pages[0].text


def test_csv_by_delimiter(tmp_path):
    p = tmp_path / "aplikasi.csv"
    p.write_text("No;Nama Aplikasi;OPD\n1;SIMPEG;BKPSDM\n2;\"SIPD; modul anggaran\";Bappeda\n", encoding="utf-8")
    doc = ingest_file(p)
    assert doc.media_type == "text/csv" and doc.pages[0].source == "cell"
    assert rows(doc.pages[0])[2] == ["2", "SIPD; modul anggaran", "Bappeda"]


def test_html_without_tags(tmp_path):
    p = tmp_path / "berita.htm"
    p.write_bytes(b"<!-- saved page -->\n<HTML><head><title>Rapat Tim SPBE</title><style>p{}</style>"
                  b"<script>var x='<p>no</p>';</script></head><body><h1>Rapat Koordinasi</h1>"
                  b"<p>Tim Koordinasi SPBE&nbsp;menggelar rapat &amp; evaluasi.</p>"
                  b"<table><tr><td>Indeks</td><td>3,8</td></tr></table></body></HTML>")
    doc = ingest_file(p)
    assert doc.media_type == "text/html"
    t = doc.pages[0].text
    assert t.splitlines()[0] == "Rapat Tim SPBE"
    assert "Tim Koordinasi SPBE menggelar rapat & evaluasi." in t and "Indeks\t3,8" in t
    assert "var x" not in t and "p{}" not in t


def test_legacy_office_is_unsupported_with_advice(tmp_path):
    p = tmp_path / "lama.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "unsupported" and ".docx" in str(e.value)


def test_password_protected_office_is_encrypted(tmp_path):
    p = tmp_path / "rahasia.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "encrypted"


def test_damaged_docx_is_corrupt(tmp_path):
    p = tmp_path / "rusak.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<not-xml")
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "corrupt"
