"""Passages as an assessor reads them: no page furniture, one box per line, table rows whole.

Every document is made by the test (reportlab, python-docx, openpyxl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_mapper.ingest import ingest_file
from evidence_mapper.nlp import analyze
from evidence_mapper.nlp.layout import furniture, is_page_number, line_boxes, tables
from evidence_mapper.types import IngestedDocument, Page

BODY = [
    "Pemerintah Kabupaten Sukamaju menetapkan arsitektur SPBE sebagai acuan pembangunan aplikasi.",
    "Setiap perangkat daerah wajib menggunakan pusat data bersama yang dikelola Dinas Kominfo.",
    "Rencana induk ini memuat peta rencana layanan publik berbasis elektronik lima tahun ke depan.",
]


def _pdf_with_furniture(path: Path, pages: int = 4) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(60, h - 30, f"Rencana Induk SPBE Kabupaten Sukamaju 2024-2028   Halaman | {n + 30}")
        c.setFont("Helvetica", 10)
        y = h - 90
        for k in range(3):
            for line in BODY:
                c.drawString(60, y, f"{line} ({n}.{k})")
                y -= 14
            y -= 14  # paragraph gap
        c.setFont("Helvetica", 9)
        c.drawCentredString(w / 2, 30, str(n + 30))
        c.drawString(w - 120, 30, "SALINAN")
        c.showPage()
    c.save()
    return path


def test_headers_footers_page_numbers_and_stamps_never_reach_passages(tmp_path):
    doc = ingest_file(_pdf_with_furniture(tmp_path / "rencana.pdf"))
    assert "Halaman | 31" in doc.pages[0].text  # kept in the page text, for display
    a = analyze(doc)
    assert a.passages
    for p in a.passages:
        assert "Halaman" not in p.text and "SALINAN" not in p.text, p.text
        assert not p.text.split()[0].isdigit(), p.text  # no stray page number in front
        assert not p.text.split()[-1].isdigit(), p.text
    # every body line still reaches a passage
    joined = " ".join(p.text for p in a.passages)
    assert joined.count("pusat data bersama") == 4 * 3


def test_furniture_without_boxes_uses_first_and_last_lines():
    pages = [Page(number=n, text=f"LAPORAN KINERJA DINAS KOMINFO\n{BODY[n - 1]}\n{BODY[n % 3]} ({n})\n"
                                 f"{BODY[(n + 1) % 3]} [{n}]\n- {n} -", source="plain") for n in range(1, 4)]
    # plain pages have no furniture detection; the same pages as OCR text do
    doc = IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="application/pdf",
                           pages=[Page(number=p.number, text=p.text, source="ocr") for p in pages])
    furn = furniture(doc)
    for p in doc.pages:
        got = [p.text[a:b] for a, b in furn[p.number]]
        assert got == ["LAPORAN KINERJA DINAS KOMINFO", f"- {p.number} -"]
    doc_plain = IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="text/plain", pages=pages)
    assert furniture(doc_plain) == {}


def test_a_table_row_that_is_furniture_is_never_a_passage():
    """A table header repeated at the top of every page (and a footer row of cells) is page
    furniture: it stays in the page text but no row passage holds it; the data rows under it
    are still passages, each with the header as context."""
    from evidence_mapper.nlp.segment import segment_document

    head = "Uraian\tVolume\tAnggaran\tRealisasi\tSisa anggaran"
    items = ["server basis data", "perangkat jaringan inti", "lisensi perangkat lunak", "penyimpanan cadangan",
             "firewall aplikasi web", "pendingin ruang server", "catu daya tak terputus", "kabel serat optik",
             "perangkat titik akses", "pemantauan jaringan", "sertifikat elektronik", "layanan awan pemerintah",
             "pusat kendali kota", "konsol manajemen server", "aplikasi naskah dinas", "portal satu data",
             "perangkat konferensi video", "sistem antrean layanan", "kamera pengawas kantor", "penguat sinyal"]
    pages = []
    for n in range(1, 6):
        rows = "\n".join(f"Belanja modal {items[(n - 1) * 4 + k - 1]}\t{k}\t{k * 1000}\t{k}\t{k * 900}"
                         for k in range(1, 5))
        pages.append(Page(number=n, text=f"{head}\n{rows}\nwww.contoh.go.id\tDinas Kominfo\tHalaman {n}",
                          source="ocr"))
    doc = IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="application/pdf", pages=pages)
    furn = furniture(doc)
    assert all(furn.get(p.number) for p in pages)
    passages = segment_document(doc)
    for ps in passages:
        for a, b in furn.get(ps.span.page, []):
            assert not (ps.span.char_start < b and a < ps.span.char_end), (ps.text, pages[ps.span.page - 1].text[a:b])
    rows = [ps for ps in passages if ps.text.startswith("Belanja modal")]
    assert len(rows) == 20 and all(ps.context for ps in rows)


def _boxed_page(n: int, lines: list[tuple[str, float]]) -> Page:
    """A page of lines at given heights (points from the top), one box per character."""
    text, boxes = [], []
    for k, (line, y) in enumerate(lines):
        if k:
            text.append("\n")
            boxes.append(None)
        for i, ch in enumerate(line):
            text.append(ch)
            boxes.append(None if ch == " " else (60 + 5 * i, y, 65 + 5 * i, y + 10))
    return Page(number=n, text="".join(text), width=595, height=842, char_boxes=boxes, source="text")


def test_a_line_repeated_mid_page_is_not_furniture_but_at_the_top_it_is():
    def doc(y):
        return IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="application/pdf", pages=[
            _boxed_page(n, [(f"{BODY[n - 1]} {n}", 200), ("Ketentuan umum berlaku bagi seluruh perangkat", y),
                            (f"{BODY[n % 3]} {n}", 500)]) for n in (1, 2, 3)])

    mid = doc(400.0)
    assert furniture(mid) == {}
    top = doc(40.0)
    furn = furniture(top)
    assert [top.pages[0].text[a:b] for a, b in furn[1]] == ["Ketentuan umum berlaku bagi seluruh perangkat"]
    assert sorted(furn) == [1, 2, 3]


@pytest.mark.parametrize("line,want", [("12", True), ("- 12 -", True), ("Halaman 3 dari 9", True),
                                       ("Page 2 of 5", True), ("iv", True), ("3/10", True),
                                       ("Pasal 12", False), ("12 Januari 2024", False), ("BAB IV", False)])
def test_page_number_lines(line, want):
    assert is_page_number(line) is want


def _two_column_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    c.setFont("Helvetica", 10)
    y = h - 80
    for k in range(12):  # left column, one paragraph, 12 lines
        c.drawString(50, y, f"kolom kiri baris {k} tentang tata kelola data dan layanan")
        y -= 13
    c.showPage()
    c.save()
    return path


def test_a_passage_box_is_the_union_of_its_own_lines(tmp_path):
    doc = ingest_file(_two_column_pdf(tmp_path / "kolom.pdf"))
    a = analyze(doc)
    p = a.passages[0]
    assert p.span.boxes and len(p.span.boxes) >= 2
    ys = [b[1] for b in p.span.boxes]
    assert ys == sorted(ys)  # one box per line, top to bottom
    for b in p.span.boxes:
        assert 8 <= b[3] - b[1] <= 16  # a line high, not a block
    bb = p.span.bbox
    assert bb == (min(b[0] for b in p.span.boxes), min(b[1] for b in p.span.boxes),
                  max(b[2] for b in p.span.boxes), max(b[3] for b in p.span.boxes))


def test_line_boxes_split_at_a_column_jump():
    text = "abc def"
    # "abc" on the right column, "def" back on the left at the same height: two boxes
    boxes = [(300, 10, 305, 20), (305, 10, 310, 20), (310, 10, 315, 20), None,
             (50, 10, 55, 20), (55, 10, 60, 20), (60, 10, 65, 20)]
    page = Page(number=1, text=text, width=600, height=800, char_boxes=boxes)
    assert line_boxes(page, 0, 7) == [(300, 10, 315, 20), (50, 10, 65, 20)]


def test_docx_table_rows_are_whole_passages_with_their_header(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Rekapitulasi anggaran belanja teknologi informasi dan komunikasi tahun 2024.")
    t = d.add_table(rows=4, cols=3)
    for r, cells in enumerate([("Kode Rekening", "Uraian", "Jumlah (Rp)"),
                               ("5.2.02", "Belanja Modal Server", "150.000.000"),
                               ("5.2.03", "Belanja Modal Jaringan Fiber Optik Antar Perangkat Daerah", "320.000.000"),
                               ("5.2.04", "Belanja Lisensi Perangkat Lunak", "75.000.000")]):
        for k, v in enumerate(cells):
            t.cell(r, k).text = v
    p = tmp_path / "anggaran.docx"
    d.save(p)
    a = analyze(ingest_file(p))
    rows = [x for x in a.passages if x.context]
    assert [x.text for x in rows] == ["5.2.02 Belanja Modal Server 150.000.000",
                                      "5.2.03 Belanja Modal Jaringan Fiber Optik Antar Perangkat Daerah 320.000.000",
                                      "5.2.04 Belanja Lisensi Perangkat Lunak 75.000.000"]
    assert {x.context for x in rows} == {"Kode Rekening | Uraian | Jumlah (Rp)"}
    assert not any(x.text.startswith("Kode Rekening") for x in a.passages)  # the header is no passage


def test_tables_header_needs_words():
    text = "No\tNama\tStatus\n1\tSIMPEG\tAktif\n2\tSIPD\tAktif"
    (t,) = tables(text, "cell")
    assert text[t.header[0]:t.header[1]] == "No\tNama\tStatus" and len(t.rows) == 2
    (t2,) = tables("1\tSIMPEG\tAktif\n2\tSIPD\tAktif", "cell")
    assert t2.header is None and len(t2.rows) == 2


def test_inspect_json_keeps_bbox_and_adds_line_boxes(tmp_path):
    from evidence_mapper.api import inspect_file

    out = inspect_file(_pdf_with_furniture(tmp_path / "rencana.pdf"))
    items = [e for ind in out["indicators"] for e in ind["evidence"]]
    assert items
    for e in items:
        assert e["bbox"] and e["boxes"] and len(e["bbox"]) == 4
        assert all(len(b) == 4 for b in e["boxes"])
        assert e["low_confidence"] is False and e["ocr_confidence"] is None
        assert "Halaman" not in e["text"]


def test_ocr_word_confidence_reaches_characters_and_passages():
    from evidence_mapper.ingest import ocr
    from evidence_mapper.nlp.segment import LegalState, segment_page

    words = [ocr.Word("Server", 0, 0, 60, 10, 91.0, 1, 1, 1), ocr.Word("ruang", 70, 0, 50, 10, 35.0, 1, 1, 1),
             ocr.Word("data", 0, 20, 40, 10, 80.0, 1, 1, 2), ocr.Word("Diskominfo", 0, 60, 90, 10, 20.0, 2, 1, 1)]
    text, boxes = ocr.layout(words, ocr.Frame())
    conf = ocr.char_confidences(words)
    assert len(conf) == len(text) == len(boxes)
    assert conf[text.index("ruang")] == 0.35 and conf[text.index("data")] == 0.8 and conf[text.index(" ")] is None
    page = Page(number=1, text=text, width=200, height=100, char_boxes=boxes, source="ocr", ocr_confidence=0.57,
                char_conf=conf)
    (p,) = segment_page(text, 1, "0" * 64, LegalState(), source="ocr", page_boxes=page)
    # mean over the passage's characters: each word weighs by its length
    want = (6 * 0.91 + 5 * 0.35 + 4 * 0.8 + 10 * 0.2) / 25
    assert p.span.ocr_confidence == pytest.approx(want, abs=1e-3)
    page.char_conf = None  # read back without per-character values: the page's mean
    (p2,) = segment_page(text, 1, "0" * 64, LegalState(), source="ocr", page_boxes=page)
    assert p2.span.ocr_confidence == 0.57


def test_word_confidences_survive_the_workspace(tmp_path):
    """A stored OCR page read back (batch re-analysis after a segmentation change) gives the
    same passages, OCR confidences included, as the page fresh from OCR."""
    from evidence_mapper.batch.run import BatchWriter
    from evidence_mapper.ingest import ocr
    from evidence_mapper.store import Workspace, decode_conf, encode_conf

    words = [ocr.Word("Server", 0, 0, 60, 10, 91.0, 1, 1, 1), ocr.Word("ruang", 70, 0, 50, 10, 35.7, 1, 1, 1),
             ocr.Word("Diskominfo", 0, 60, 90, 10, 20.3, 2, 1, 1)]
    text, boxes = ocr.layout(words, ocr.Frame())
    conf = ocr.char_confidences(words)
    assert decode_conf(encode_conf(conf)) == conf and encode_conf(None) is None
    page = Page(number=1, text=text, width=200, height=100, char_boxes=boxes, source="ocr", ocr_confidence=0.49,
                char_conf=conf)
    doc = IngestedDocument(path=str(tmp_path / "scan.png"), sha256="ab" * 32, size=10, media_type="image/png",
                           pages=[page])
    ws = Workspace.init(tmp_path / "ws")
    fresh = analyze(doc)
    ws.write_document(doc.path, fresh)
    back = BatchWriter(ws, "spbe-2020").load_document(doc.sha256)
    assert back.pages[0].char_conf == conf
    again = analyze(back)
    assert [(p.text, p.span.ocr_confidence) for p in again.passages] == \
        [(p.text, p.span.ocr_confidence) for p in fresh.passages]
    assert fresh.passages[0].span.ocr_confidence != 0.49  # per word, not the page's mean


def test_low_confidence_marks():
    from evidence_mapper.nlp.layout import low_confidence, passage_extras

    assert low_confidence(0.4) and not low_confidence(0.9) and not low_confidence(None)
    ex = passage_extras({"boxes_json": "[[1, 2, 3, 4]]", "ocr_confidence": 0.41, "context": "No | Uraian"})
    assert ex == {"boxes": [[1, 2, 3, 4]], "ocr_confidence": 0.41, "low_confidence": True, "context": "No | Uraian"}


def test_evidence_links_carry_line_boxes_and_low_ocr_marks_reach_the_reports(tmp_path):
    from evidence_mapper.report import render
    from evidence_mapper.store import Workspace

    sample = Path(__file__).resolve().parents[1] / "corpus" / "sample"
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Sukamaju", year=2025)
    ws.ingest([sample / "perbup_spbe_2023.pdf", sample / "sk_tim_koordinasi_spbe_2024.pdf"])
    ws.map("spbe-2020")
    links = [lk for ind in ws.results()["indicators"] for c in ind["criteria"] for lk in c["links"]]
    assert links and all(lk["boxes"] and lk["low_confidence"] is False for lk in links)
    # the same passages as if read from a poor scan
    ws.db.execute("update passages set ocr_confidence = 0.42")
    ws.db.conn.commit()
    r = ws.results()
    links = [lk for ind in r["indicators"] for c in ind["criteria"] for lk in c["links"]]
    assert all(lk["low_confidence"] and lk["ocr_confidence"] == 0.42 for lk in links)
    assert "OCR kurang jelas (42%)" in render(r, "md") and "OCR kurang jelas (42%)" in render(r, "html")
    assert "low OCR confidence (42%)" in render(r, "md", lang="en")


def test_a_passage_stays_in_one_column_and_one_paragraph():
    left = ["Arsitektur SPBE pemerintah daerah memuat referensi", "layanan, data, aplikasi dan keamanan",
            "yang ditetapkan oleh kepala daerah."]
    right = ["Peta rencana SPBE memuat tata kelola, layanan,", "infrastruktur dan aplikasi untuk lima tahun",
             "ke depan sesuai rencana pembangunan daerah."]
    # pdfium order: the left column, then the right one starting back at the top of the page
    page = _boxed_page(1, [(t, 100 + 12 * k) for k, t in enumerate(left)] +
                       [(t, 100 + 12 * k) for k, t in enumerate(right)])
    page.char_boxes = [None if b is None else ((b[0] + 300, b[1], b[2] + 300, b[3]) if i > page.text.index("Peta")
                       else b) for i, b in enumerate(page.char_boxes)]
    i = page.text.index("Peta")
    page.char_boxes[i] = (360, 100, 365, 110)
    doc = IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="application/pdf", pages=[page])
    ps = analyze(doc).passages
    assert [p.text.split()[0] for p in ps] == ["Arsitektur", "Peta"]
    for p in ps:
        assert p.span.bbox[2] - p.span.bbox[0] < 300  # never across both columns


def test_a_photo_keeps_its_size_and_exif_date(tmp_path):
    from PIL import Image

    from evidence_mapper.ingest import Limits

    img = Image.new("RGB", (640, 480), (40, 90, 160))
    ex = Image.Exif()
    ex[0x0132] = "2024:03:01 10:15:00"
    p = tmp_path / "ruang_server.jpg"
    img.save(p, exif=ex)
    doc = ingest_file(p, Limits(ocr=False))
    assert len(doc.pages) == 1 and doc.pages[0].width / doc.pages[0].height == pytest.approx(640 / 480)
    assert "page 1: image 640x480 px, taken 2024-03-01 10:15:00" in doc.skipped


def test_double_spaced_lines_stay_one_passage_and_a_paragraph_gap_still_splits():
    para1 = ["Pemerintah daerah menetapkan kebijakan internal", "arsitektur SPBE yang memuat referensi",
             "arsitektur dan domain arsitektur SPBE."]
    para2 = ["Peta rencana SPBE disusun untuk lima tahun", "dan ditinjau setiap tahun oleh tim koordinasi."]
    ys = [100, 124, 148, 196, 220]  # double spacing (gap 14 pt on 10 pt lines), then a wider paragraph gap
    page = _boxed_page(1, list(zip(para1 + para2, ys)))
    doc = IngestedDocument(path="x", sha256="0" * 64, size=1, media_type="application/pdf", pages=[page])
    ps = analyze(doc).passages
    assert [p.text.split()[0] for p in ps] == ["Pemerintah", "Peta"]


def test_a_photo_without_text_is_stored_and_counted_in_the_reports(tmp_path):
    from PIL import Image

    from evidence_mapper.ingest import Limits
    from evidence_mapper.report import render
    from evidence_mapper.store import Workspace

    sample = Path(__file__).resolve().parents[1] / "corpus" / "sample"
    photo = tmp_path / "ruang_server.jpg"
    Image.new("RGB", (320, 240), (40, 90, 160)).save(photo)
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Sukamaju", year=2025)
    summary = ws.ingest([sample / "sk_tim_koordinasi_spbe_2024.pdf", photo], Limits(ocr=False))
    assert [p for p, _ in summary.skipped] == [str(photo)]  # no text, yet stored
    ws.map("spbe-2020")
    r = ws.results()
    flags = {(d["paths"] or [""])[0].rsplit("/", 1)[-1]: d["image_without_text"] for d in r["documents"]}
    assert flags == {"ruang_server.jpg": True, "sk_tim_koordinasi_spbe_2024.pdf": False}
    assert r["images_without_text"] == 1
    assert "1 gambar tanpa teks terbaca" in render(r, "md") and "1 gambar tanpa teks terbaca" in render(r, "html")
    assert "1 images without readable text" in render(r, "md", lang="en")


def test_a_sheet_header_under_title_rows_gives_the_rows_their_column_names():
    text = ("RENCANA KERJA DAN ANGGARAN DINAS KOMINFO\nTahun Anggaran 2024\n\n"
            "Kode Rekening\tUraian\tJumlah (Rp)\n5.2.02\tBelanja Modal Server\t150.000.000\n"
            "5.2.03\tBelanja Lisensi Perangkat Lunak\t75.000.000")
    ts = tables(text, "cell")
    assert [t.header for t in ts][0] is None and len(ts[0].rows) == 2  # the two title rows, alone
    assert text[slice(*ts[1].header)] == "Kode Rekening\tUraian\tJumlah (Rp)" and len(ts[1].rows) == 2
    page = Page(number=1, text=text, source="cell")
    doc = IngestedDocument(path="rka.xlsx", sha256="0" * 64, size=1, media_type="text/csv", pages=[page])
    rows = {p.text: p.context for p in analyze(doc).passages}
    assert rows["5.2.02 Belanja Modal Server 150.000.000"] == "Kode Rekening | Uraian | Jumlah (Rp)"
    assert not any(t.startswith("Kode Rekening") for t in rows)
    # a row of words inside a table without a header stays a row, not a header
    (t,) = tables("1\tSIMPEG\tAktif\nA\tSIPD\tAktif\n3\tSRIKANDI\tAktif", "cell")
    assert t.header is None and len(t.rows) == 3
