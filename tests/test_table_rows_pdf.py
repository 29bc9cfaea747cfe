"""Table rows on text PDFs and OCR pages: one passage per row, the header row as its context,
a wrapped cell kept in its row; prose, lists, forms and two-column pages left as they are.

Every PDF is drawn by the test (reportlab); the OCR path is fed tesseract TSV rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evidence_mapper.ingest import ingest_file, ocr, tablecells
from evidence_mapper.nlp import analyze

FONT = 10
LEAD = 12


def _draw_table(c, x_cols: list[float], y: float, rows: list[list[list[str]]], row_gap: float = 6) -> float:
    """Rows of cells (each cell a list of its lines) drawn cell by cell, top-aligned, the
    way table writers emit them (a wrapped cell's lines before the next cell); returns the y
    below the table."""
    h = c._pagesize[1]
    for row in rows:
        for x, cell in zip(x_cols, row):
            for k, line in enumerate(cell):
                c.drawString(x, h - (y + k * LEAD), line)
        y += max(len(cell) for cell in row) * LEAD + row_gap
    return y


BUDGET = [
    [["Kode"], ["Uraian"], ["Anggaran"]],
    [[""], [""], ["(Rp)"]],
    [["5.2.2.01"], ["Belanja Alat Tulis Kantor"], ["12.500.000"]],
    [["5.2.3.01"], ["Belanja Modal Server dan", "Perangkat Jaringan Pusat Data"], ["250.000.000"]],
    [["5.2.3.02"], ["Belanja Modal Lisensi Perangkat", "Lunak Sistem Informasi", "Kepegawaian"], ["75.000.000"]],
    [["5.2.2.15"], ["Belanja Jasa Konsultansi Arsitektur SPBE"], ["40.000.000"]],
]


def _budget_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, A4[1] - 60, "RENCANA KERJA DAN ANGGARAN DINAS KOMUNIKASI DAN INFORMATIKA")
    c.setFont("Helvetica", FONT)
    c.drawString(60, A4[1] - 90, "Rincian belanja kegiatan pembangunan pusat data daerah tahun anggaran 2024.")
    # the header's two lines are one header row: "Anggaran" over "(Rp)"
    header = [[["Kode"], ["Uraian"], ["Anggaran"]]]
    y = _draw_table(c, [60, 150, 420], 120, header, row_gap=0)
    y = _draw_table(c, [60, 150, 420], y, [[[""], [""], ["(Rp)"]]])
    y = _draw_table(c, [60, 150, 420], y, BUDGET[2:])
    c.drawString(60, A4[1] - (y + 30), "Anggaran tersebut dilaksanakan sesuai ketentuan peraturan perundang-undangan.")
    c.showPage()
    c.save()
    return path


def _register_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", FONT)
    c.drawString(60, A4[1] - 60, "DAFTAR STANDAR OPERASIONAL PROSEDUR DINAS KOMUNIKASI DAN INFORMATIKA")
    rows = [
        [["No."], ["Nama SOP"], ["Nomor"], ["Tanggal"]],
        [["1."], ["SOP Pengelolaan Pusat Data"], ["800/01/SOP"], ["2 Januari 2023"]],
        [["2."], ["SOP Pemulihan Layanan Setelah", "Gangguan Jaringan Intra Pemerintah"], ["800/02/SOP"],
         ["9 Januari 2023"]],
        [["3."], ["SOP Permintaan Subdomain"], ["800/03/SOP"], ["16 Januari 2023"]],
        [["4."], ["SOP Pencadangan Data Aplikasi"], ["800/04/SOP"], ["23 Januari 2023"]],
    ]
    _draw_table(c, [60, 90, 330, 430], 90, rows)
    c.showPage()
    c.save()
    return path


def _row_passages(doc):
    return [p for p in analyze(doc).passages if p.context]


def test_budget_rows_are_whole_passages_with_two_line_header_as_context(tmp_path):
    doc = ingest_file(_budget_pdf(tmp_path / "rka.pdf"))
    page = doc.pages[0]
    assert len(page.text) == len(page.char_boxes)
    lines = page.text.split("\n")
    assert "Kode\tUraian\tAnggaran (Rp)" in lines
    assert "5.2.3.01\tBelanja Modal Server dan Perangkat Jaringan Pusat Data\t250.000.000" in lines
    assert "5.2.3.02\tBelanja Modal Lisensi Perangkat Lunak Sistem Informasi Kepegawaian\t75.000.000" in lines
    rows = _row_passages(doc)
    assert [p.text for p in rows] == [
        "5.2.2.01 Belanja Alat Tulis Kantor 12.500.000",
        "5.2.3.01 Belanja Modal Server dan Perangkat Jaringan Pusat Data 250.000.000",
        "5.2.3.02 Belanja Modal Lisensi Perangkat Lunak Sistem Informasi Kepegawaian 75.000.000",
        "5.2.2.15 Belanja Jasa Konsultansi Arsitektur SPBE 40.000.000",
    ]
    assert {p.context for p in rows} == {"Kode | Uraian | Anggaran (Rp)"}
    # the header is context, never a passage; the prose around the table stays prose
    texts = [p.text for p in analyze(doc).passages]
    assert not any(t.startswith("Kode Uraian") for t in texts)
    assert any("sesuai ketentuan peraturan" in t and "\t" not in t for t in texts)


def test_a_wrapped_cell_keeps_its_own_boxes(tmp_path):
    """Each character still has its own box after the row is rewritten: the continuation
    line's words sit one line below the row's first line, and the row's passage has a box
    per line."""
    doc = ingest_file(_budget_pdf(tmp_path / "rka.pdf"))
    page = doc.pages[0]
    t = page.text
    i_server, i_perangkat = t.index("Server"), t.index("Perangkat Jaringan")
    b1, b2 = page.char_boxes[i_server], page.char_boxes[i_perangkat]
    assert b2[1] - b1[1] == pytest.approx(LEAD, abs=1.0)  # one line below
    assert b2[0] < b1[0]  # back at the start of the Uraian column
    assert t[t.index("\t", i_server) - 1] == "a" and page.char_boxes[t.index("\t", i_server)] is None
    row = next(p for p in _row_passages(doc) if "Server" in p.text)
    assert len(row.span.boxes) >= 2
    top = min(b[1] for b in row.span.boxes)
    bottom = max(b[3] for b in row.span.boxes)
    assert bottom - top < 3 * LEAD  # the row only, not the next one


def test_sop_register_numbered_rows(tmp_path):
    doc = ingest_file(_register_pdf(tmp_path / "sop.pdf"))
    rows = _row_passages(doc)
    assert [p.text.split()[0] for p in rows] == ["1.", "2.", "3.", "4."]
    assert rows[1].text == ("2. SOP Pemulihan Layanan Setelah Gangguan Jaringan Intra Pemerintah "
                            "800/02/SOP 9 Januari 2023")
    assert {p.context for p in rows} == {"No. | Nama SOP | Nomor | Tanggal"}


PROSE = ("Pemerintah daerah menyelenggarakan sistem pemerintahan berbasis elektronik secara terpadu "
         "dengan memanfaatkan pusat data bersama, jaringan intra pemerintah dan sistem penghubung "
         "layanan. Setiap perangkat daerah wajib menyusun rencana pengembangan aplikasi yang selaras "
         "dengan arsitektur SPBE daerah dan peta rencana SPBE, serta melaporkan pelaksanaannya kepada "
         "koordinator SPBE daerah setiap tahun anggaran. ") * 3


def _prose_pdf(path: Path, kind: str) -> Path:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    style = ParagraphStyle("b", fontName="Helvetica", fontSize=FONT, leading=LEAD, alignment=TA_JUSTIFY)
    w, h = A4
    if kind == "two-columns":
        frames = [Frame(50, 50, (w - 120) / 2, h - 100, id="l"), Frame(70 + (w - 120) / 2, 50, (w - 120) / 2, h - 100,
                                                                        id="r")]
    else:
        frames = [Frame(60, 50, w - 120, h - 100, id="one")]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate(id="p", frames=frames)])
    story = []
    for k in range(6 if kind == "two-columns" else 3):
        story += [Paragraph(PROSE, style), Spacer(1, 8)]
    if kind == "lists":
        for letter, item in zip("abcd", ["menyusun arsitektur SPBE daerah yang memuat referensi dan domain arsitektur;",
                                         "menetapkan peta rencana SPBE daerah untuk jangka waktu lima tahun sesuai "
                                         "dengan rencana pembangunan jangka menengah daerah;",
                                         "mengelola pusat data, jaringan intra dan sistem penghubung layanan;",
                                         "melaksanakan audit teknologi informasi dan komunikasi secara berkala."]):
            story.append(Paragraph(item, ParagraphStyle("li", parent=style, leftIndent=30, bulletIndent=8),
                                   bulletText=f"{letter}."))
        form = [("Menimbang", "a.", "bahwa penyelenggaraan SPBE memerlukan tata kelola yang terpadu;"),
                ("", "b.", "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a perlu ditetapkan;"),
                ("Mengingat", "1.", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"),
                ("", "2.", "Peraturan Presiden Nomor 95 Tahun 2018 tentang SPBE;")]
        from reportlab.platypus import Table

        story.append(Table([[a, ":" if a else "", b, c] for a, b, c in form], colWidths=[70, 12, 20, 360]))
    doc.build(story)
    return path


@pytest.mark.parametrize("kind", ["justified", "two-columns", "lists"])
def test_prose_columns_lists_and_forms_are_not_tables(tmp_path, monkeypatch, kind):
    seen = []
    real = tablecells.rebuild

    def spy(text, boxes, extras=None):
        out = real(text, boxes, extras)
        seen.append(out)
        return out

    monkeypatch.setattr(tablecells, "rebuild", spy)
    doc = ingest_file(_prose_pdf(tmp_path / f"{kind}.pdf", kind))
    assert seen and all(s is None for s in seen)  # every page looked at, none changed
    assert all("\t" not in p.text for p in doc.pages)
    assert not _row_passages(doc)


def test_two_column_prose_with_the_detector_on_reads_as_before(tmp_path, monkeypatch):
    """The page text with table detection equals the text without it."""
    from evidence_mapper.ingest import pdf

    path = _prose_pdf(tmp_path / "two.pdf", "two-columns")
    on = [p.text for p in ingest_file(path).pages]
    monkeypatch.setattr(pdf, "_table_rows", lambda text, boxes: (text, boxes))
    off = [p.text for p in ingest_file(path).pages]
    assert on == off


# ---- OCR pages: tesseract TSV word rows ------------------------------------------------

def _tsv(words: list[tuple[str, int, int, int, int, int, int, float]]) -> str:
    """TSV as tesseract writes it: level 5 rows (text, left, top, width, height, block, line, conf)."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head]
    for k, (text, left, top, width, height, block, line, conf) in enumerate(words):
        rows.append(f"5\t1\t{block}\t1\t{line}\t{k + 1}\t{left}\t{top}\t{width}\t{height}\t{conf}\t{text}")
    return "\n".join(rows) + "\n"


def _ocr_table_words():
    """A scanned budget table that tesseract read column by column (one block per column),
    with a title and a sentence above it. Word height 30 px, words 12 px apart."""
    words = []

    def put(block, line, x, y, text, conf=90.0):
        for wd in text.split():
            wdt = 18 * len(wd)
            words.append((wd, x, y, wdt, 30, block, line, conf))
            x += wdt + 12

    put(1, 1, 100, 50, "LAPORAN REALISASI ANGGARAN BELANJA")
    put(1, 2, 100, 100, "Dinas Komunikasi dan Informatika tahun 2024")
    # column blocks: No | Uraian | Jumlah
    col_rows = [(200, "No", "Uraian", "Jumlah"), (250, "1", "Belanja Modal Server", "150.000.000"),
                (300, "", "Ruang Data Center", ""), (350, "2", "Belanja Pemeliharaan Jaringan", "25.000.000"),
                (400, "3", "Belanja Langganan Internet", "60.000.000")]
    for line, (y, a, b, c) in enumerate(col_rows, 1):
        if a:
            put(2, line, 100, y, a)
        put(3, line, 250, y, b, conf=55.0 if "Server" in b else 90.0)
        if c:
            put(4, line, 1000, y, c)
    return words


def test_ocr_table_rows_from_word_boxes_keep_boxes_and_confidences():
    words = ocr.parse_tsv(_tsv(_ocr_table_words()))
    text, boxes, conf = ocr.page_layout(words, ocr.Frame(sx=0.24, sy=0.24))
    assert len(text) == len(boxes) == len(conf)
    lines = text.split("\n")
    assert "No\tUraian\tJumlah" in lines
    assert "1\tBelanja Modal Server Ruang Data Center\t150.000.000" in lines
    assert "3\tBelanja Langganan Internet\t60.000.000" in lines
    assert "Dinas Komunikasi dan Informatika tahun 2024" in lines  # prose line unchanged
    i = text.index("Server")
    assert conf[i] == 0.55 and conf[text.index("Ruang")] == 0.9
    assert boxes[text.index("Ruang")][1] == pytest.approx(300 * 0.24)
    assert boxes[text.index("\t")] is None

    from evidence_mapper.nlp.segment import LegalState, segment_page
    from evidence_mapper.types import Page

    page = Page(number=1, text=text, width=300, height=200, char_boxes=boxes, source="ocr", ocr_confidence=0.85,
                char_conf=conf)
    rows = [p for p in segment_page(text, 1, "0" * 64, LegalState(), source="ocr", page_boxes=page) if p.context]
    assert [p.text for p in rows] == ["1 Belanja Modal Server Ruang Data Center 150.000.000",
                                      "2 Belanja Pemeliharaan Jaringan 25.000.000",
                                      "3 Belanja Langganan Internet 60.000.000"]
    assert {p.context for p in rows} == {"No | Uraian | Jumlah"}


def test_ocr_prose_is_not_a_table():
    words = []
    sentence = ("Pemerintah daerah menyelenggarakan sistem pemerintahan berbasis elektronik secara terpadu "
                "dengan pusat data bersama").split()
    for line in range(1, 8):
        x = 100
        for k, wd in enumerate(sentence[line:line + 8]):
            wdt = 16 * len(wd)
            words.append((wd, x, 40 * line, wdt, 30, 1, line, 90.0))
            x += wdt + (40 if k % 3 == line % 3 else 12)  # justified: some wide gaps, never aligned
    parsed = ocr.parse_tsv(_tsv(words))
    text, boxes, conf = ocr.page_layout(parsed, ocr.Frame())
    assert (text, boxes) == ocr.layout(parsed, ocr.Frame())
    assert conf == ocr.char_confidences(parsed)


def test_rebuild_keeps_every_character_once():
    """The rewritten page is a new order of the same characters: nothing lost or doubled."""
    words = ocr.parse_tsv(_tsv(_ocr_table_words()))
    text, boxes = ocr.layout(words, ocr.Frame())
    arr = np.array([b if b else (np.nan,) * 4 for b in boxes], dtype=float)
    new_text, new_boxes, _ = tablecells.rebuild(text, arr)
    assert sorted(c for c in new_text if not c.isspace()) == sorted(c for c in text if not c.isspace())
    assert new_boxes.shape == (len(new_text), 4)
    # each character's box is one of the boxes it had
    had = {(c, tuple(b)) for c, b in zip(text, arr.tolist()) if not c.isspace()}
    assert all((c, tuple(b)) in had for c, b in zip(new_text, new_boxes.tolist()) if not c.isspace())


def test_a_row_passage_and_its_context_are_stored_in_the_workspace(tmp_path):
    from evidence_mapper.store import Workspace
    from evidence_mapper.store.lookup import page_passages, passage

    ws = Workspace.init(tmp_path / "ws")
    ws.ingest([_budget_pdf(tmp_path / "rka.pdf")])
    (d,) = ws.documents()
    sha = d["sha256"]
    stored = [passage(ws.db, p["id"], sha) for p in page_passages(ws.db, sha, 1)]
    row = next(p for p in stored if "Server" in p["text"])
    assert row["text"] == "5.2.3.01 Belanja Modal Server dan Perangkat Jaringan Pusat Data 250.000.000"
    assert row["context"] == "Kode | Uraian | Anggaran (Rp)"


def test_a_group_heading_row_with_one_cell_stays_in_its_table():
    from evidence_mapper.nlp.layout import tables

    text = "Kode\tUraian\tJumlah\n5.2.2\tBelanja Barang\t100\n\tBELANJA MODAL\t\n5.2.3.01\tServer\t50\n"
    (t,) = tables(text, "text")
    assert text[slice(*t.header)] == "Kode\tUraian\tJumlah"
    assert [text[a:b] for a, b in t.rows] == ["5.2.2\tBelanja Barang\t100", "\tBELANJA MODAL\t", "5.2.3.01\tServer\t50"]
    # outside a table, a line with tabs only around its text is not a row
    assert tables("Judul\n\tBELANJA MODAL\t\nlain", "text") == []


@pytest.mark.parametrize("cell,key", [("1.", True), ("5.2.2.01.", True), ("121.500,00", True), ("Rp 2.000", True),
                                      ("IV", True), ("a.", True), ("Belanja", False), ("10 CCTV", False),
                                      ("(Rp)", False)])
def test_keys(cell, key):
    assert tablecells.is_key(cell) is key


@pytest.mark.skipif(not ocr.available("ind"), reason="tesseract with 'ind' data not installed")
def test_a_scanned_budget_table_gives_row_passages(tmp_path):
    """The budget page as a scan (an image, read by tesseract): its rows come out whole too."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(_budget_pdf(tmp_path / "rka.pdf")))
    pdf[0].render(scale=250 / 72, grayscale=True).to_pil().save(tmp_path / "rka.png", dpi=(250, 250))
    pdf.close()
    doc = ingest_file(tmp_path / "rka.png")
    rows = _row_passages(doc)
    server = [p for p in rows if "Server" in p.text]
    assert len(server) == 1
    assert "Pusat Data" in server[0].text and "250.000.000" in server[0].text  # the wrapped line and the amount
    assert "Lisensi" not in server[0].text  # not merged with the next row
    assert "Uraian" in server[0].context and "Anggaran" in server[0].context


def _two_page_budget(path: Path, prose_on_top: bool) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", FONT)
    y = _draw_table(c, [60, 150, 420], 80, [BUDGET[0]])
    rows = [[[f"5.2.2.{k:02d}"], [f"Belanja Jasa Layanan Nomor {k}"], [f"{k}.000.000"]] for k in range(1, 5)]
    _draw_table(c, [60, 150, 420], y, rows)
    c.showPage()
    c.setFont("Helvetica", FONT)
    if prose_on_top:
        c.drawString(60, A4[1] - 60, "Rincian berikut memuat belanja modal untuk infrastruktur pusat data daerah.")
    more = [[[f"5.2.3.{k:02d}"], [f"Belanja Modal Perangkat Nomor {k}"], [f"{k}0.000.000"]] for k in range(1, 5)]
    _draw_table(c, [60, 150, 420], 100, more)
    c.showPage()
    c.save()
    return path


def test_a_table_running_over_the_page_break_keeps_its_header_on_the_next_page(tmp_path):
    doc = ingest_file(_two_page_budget(tmp_path / "rka2.pdf", prose_on_top=False))
    rows = _row_passages(doc)
    assert [p.span.page for p in rows] == [1] * 4 + [2] * 4
    assert {p.context for p in rows} == {"Kode | Uraian | Anggaran"}
    # a page that opens with prose starts afresh: its table has no header to carry
    doc2 = ingest_file(_two_page_budget(tmp_path / "rka3.pdf", prose_on_top=True))
    assert [p.span.page for p in _row_passages(doc2)] == [1] * 4
    assert any(p.text.startswith("5.2.3.01 Belanja Modal") and p.context is None for p in analyze(doc2).passages)


# ---- tall rows whose one-line cells are centred ---------------------------------------

CENTRED = [
    [["1."], ["Pembangunan Pusat Data Daerah", "tahap pertama termasuk ruang server", "dan sistem pendingin presisi"],
     ["250.000.000"]],
    [["2."], ["Pengadaan Lisensi Aplikasi", "Perkantoran Elektronik"], ["75.000.000"]],
    [["3."], ["Audit Keamanan Informasi"], ["40.000.000"]],
    [["4."], ["Penyusunan Arsitektur SPBE", "dan Peta Rencana SPBE Daerah", "untuk lima tahun anggaran",
              "beserta reviu tahunannya"], ["120.000.000"]],
]


def _centred_pdf(path: Path, valign: str = "middle", rules: bool = True, pad: float = 5) -> Path:
    """A ruled table of short column names whose tall rows have their one-line cells centred
    (or set at the top) between the rules; the lines of a cell drawn one after another."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    h = A4[1]
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, h - 60, "DAFTAR KEGIATAN PENGEMBANGAN LAYANAN SPBE")
    c.setFont("Helvetica", FONT)
    xs = [60, 100, 360, 500]
    y = 90.0
    for row in [[["No."], ["Kegiatan"], ["Anggaran (Rp)"]]] + CENTRED:
        n = max(len(cell) for cell in row)
        if rules:
            c.line(xs[0] - 4, h - y, xs[-1], h - y)
        for x, cell in zip(xs, row):
            top = y + pad + ((n - len(cell)) * LEAD / 2 if valign == "middle" else 0)
            for k, line in enumerate(cell):
                c.drawString(x, h - (top + k * LEAD + 9), line)
        y += n * LEAD + 2 * pad
    if rules:
        c.line(xs[0] - 4, h - y, xs[-1], h - y)
    c.drawString(60, h - (y + 30), "Kegiatan tersebut dilaksanakan sesuai ketentuan peraturan perundang-undangan.")
    c.showPage()
    c.save()
    return path


def _joined(row) -> str:
    return " ".join(" ".join(cell) for cell in row)


@pytest.mark.parametrize("rules", [True, False])
def test_a_tall_row_with_centred_cells_is_one_row(tmp_path, rules):
    """The first lines of a wrapped cell stand above the row's centred number and amount:
    they belong to that row, not to the row above (three lines, two, one and four)."""
    doc = ingest_file(_centred_pdf(tmp_path / "centred.pdf", rules=rules))
    lines = doc.pages[0].text.split("\n")
    assert "No.\tKegiatan\tAnggaran (Rp)" in lines
    assert ("1.\tPembangunan Pusat Data Daerah tahap pertama termasuk ruang server dan sistem pendingin presisi"
            "\t250.000.000") in lines
    rows = _row_passages(doc)
    assert [p.text for p in rows] == [_joined(r) for r in CENTRED]
    assert {p.context for p in rows} == {"No. | Kegiatan | Anggaran (Rp)"}
    assert not any("tersebut" in p.text for p in rows)  # the sentence under the table stays prose


def test_top_aligned_tall_rows_keep_their_lines(tmp_path):
    """The same table with every cell at the top of its row: each row's lines under its number."""
    doc = ingest_file(_centred_pdf(tmp_path / "top.pdf", valign="top"))
    assert [p.text for p in _row_passages(doc)] == [_joined(r) for r in CENTRED]


def test_rows_without_padding_are_not_regrouped(tmp_path):
    """Rows set one under the other with no space between them (wrapped lines as close to the
    next row as to their own): lines stay in the row of the number above them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", FONT)
    _draw_table(c, [60, 150, 420], 90, BUDGET[:1] + BUDGET[2:], row_gap=0)
    c.showPage()
    c.save()
    rows = _row_passages(ingest_file(path))
    assert [p.text for p in rows] == [_joined(r) for r in BUDGET[2:]]


def test_the_last_rows_wrapped_cell_stays_in_it_and_a_note_under_the_table_does_not(tmp_path):
    """The last row's wrapped lines end the table; a note set right under it, from the left
    margin, stays prose."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "last.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", FONT)
    last = [["5.2.3.09"], ["Belanja Modal Perangkat Keamanan", "Jaringan dan Firewall Pusat Data"], ["95.000.000"]]
    y = _draw_table(c, [60, 150, 420], 90, BUDGET[:1] + BUDGET[2:] + [last])
    c.drawString(60, A4[1] - (y - 6 + LEAD), "Keterangan: angka dalam rupiah sesuai dokumen pelaksanaan anggaran.")
    c.showPage()
    c.save()
    doc = ingest_file(path)
    rows = _row_passages(doc)
    assert [p.text for p in rows] == [_joined(r) for r in BUDGET[2:] + [last]]
    assert any(p.text.startswith("Keterangan: angka") and not p.context for p in analyze(doc).passages)
