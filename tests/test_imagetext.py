"""The look before OCR of image areas: pictures of words are read, pictures without words are not."""

from __future__ import annotations

import io

import numpy as np
import pytest

from evidence_mapper.ingest import synth
from evidence_mapper.ingest.imagetext import LOOK_DPI, looks_like_text, ocr_dpi


def _gray(img):
    return np.asarray(img.convert("L"))


@pytest.mark.parametrize("make", [lambda: synth.render_diagram(LOOK_DPI)[0], lambda: synth.render_annex(LOOK_DPI)[0]])
def test_pictures_of_words_are_read(make):
    look = looks_like_text(_gray(make()))
    assert look.text, look.reason
    assert look.lines >= 5 and look.glyph_pt > 2


@pytest.mark.parametrize("make", [lambda: synth.render_logo(LOOK_DPI), lambda: synth.render_signature(LOOK_DPI),
                                  lambda: synth.render_photo(LOOK_DPI), lambda: synth.render_photo(LOOK_DPI, seed=7)])
def test_pictures_without_words_are_not(make):
    look = looks_like_text(_gray(make()))
    assert not look.text, look
    assert look.reason


def test_small_labels_get_more_pixels_than_prose():
    diagram = looks_like_text(_gray(synth.render_diagram(LOOK_DPI)[0]))
    annex = looks_like_text(_gray(synth.render_annex(LOOK_DPI)[0]))
    assert diagram.glyph_pt < annex.glyph_pt
    assert ocr_dpi(diagram, 200, 450) > ocr_dpi(annex, 200, 450)
    assert 200 <= ocr_dpi(annex, 200, 450) <= 450


def _pdf_with_pictures(tmp_path):
    reportlab = pytest.importorskip("reportlab")  # noqa: F841
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    def reader(img):
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "PNG")
        buf.seek(0)
        return ImageReader(buf)

    logo = reader(synth.render_logo(150))
    diagram, labels = synth.render_diagram(150)
    pdf = tmp_path / "pictures.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    w, h = A4
    for n in range(3):
        c.drawImage(logo, 40, h - 140, 80, 96)
        c.setFont("Helvetica", 11)
        c.drawString(140, h - 80, f"Laporan Pengembangan Infrastruktur TIK halaman {n + 1}")
        c.drawString(60, h - 170, "Gambar berikut menunjukkan keadaan jaringan pada tahun berjalan.")
        if n == 1:
            c.drawImage(reader(diagram), 40, h - 520, 504, 324)
        else:
            c.drawImage(reader(synth.render_photo(150, seed=n)), 60, h - 480, 324, 216)
        c.showPage()
    c.save()
    return pdf, labels


def test_text_pdf_reads_the_diagram_and_skips_logos_and_photos(tmp_path):
    from evidence_mapper.ingest import Limits, ingest_file
    from evidence_mapper.ingest import ocr

    if not ocr.available("ind"):
        pytest.skip("tesseract with Indonesian not installed")
    pdf, labels = _pdf_with_pictures(tmp_path)
    doc = ingest_file(pdf, Limits(ocr_images_min_coverage=0.1))
    by_n = {p.number: p for p in doc.pages}
    assert by_n[2].source == "text+ocr"
    assert by_n[1].source == "text" and by_n[3].source == "text"
    found = sum(1 for lab in labels if lab.split()[0].lower() in by_n[2].text.lower())
    assert found >= len(labels) // 2
    assert any("not read by OCR" in n for n in doc.skipped)


def test_a_table_pasted_as_a_picture_gives_whole_rows_with_confidences(tmp_path):
    """An inventory pasted into a text PDF as a picture: its rows become lines of tab-separated
    cells after the page's own text, each row one passage with the header as its context, and
    the row's passage carries the OCR confidence of its words (the text layer's characters have
    none)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from evidence_mapper.ingest import Limits, ingest_file, ocr
    from evidence_mapper.nlp import analyze

    if not ocr.available("ind"):
        pytest.skip("tesseract with Indonesian not installed")
    img, rows = synth.render_table(150)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "PNG")
    buf.seek(0)
    pdf = tmp_path / "inventaris.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    w, h = A4
    c.setFont("Helvetica", 11)
    c.drawString(60, h - 80, "Lampiran: daftar perangkat jaringan dan server Dinas Komunikasi dan Informatika.")
    iw, ih = img.width * 72 / 150, img.height * 72 / 150
    c.drawImage(ImageReader(buf), 60, h - 120 - ih, iw, ih)
    c.showPage()
    c.save()
    doc = ingest_file(pdf, Limits(ocr_images_min_coverage=0.05))
    page = doc.pages[0]
    assert page.source == "text+ocr"
    assert len(page.char_conf) == len(page.text) == len(page.char_boxes)
    lines = page.text.split("\n")
    layer = page.text.index("Lampiran")
    assert page.char_conf[layer] is None
    for row in rows[1:]:  # every row one line, its cells in order, split by tabs
        line = next(ln for ln in lines if ln.startswith(row[0] + "\t") and row[1] in ln)
        assert [x.strip() for x in line.split("\t")][1:] == row[1:], line
    server = next(p for p in analyze(doc).passages if "Server" in p.text and "R740" in p.text)
    assert "Router" not in server.text  # the row alone
    assert server.context and "Perangkat" in server.context
    assert server.span.ocr_confidence is not None and 0.5 < server.span.ocr_confidence <= 1
