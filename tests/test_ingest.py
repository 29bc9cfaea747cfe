import pytest

from evidence_mapper.ingest import IngestError, Limits, ingest_file
from conftest import make_pdf


def test_text_pdf_pages_and_boxes(perbup_pdf):
    doc = ingest_file(perbup_pdf)
    assert doc.media_type == "application/pdf"
    assert len(doc.pages) == 2
    p1 = doc.pages[0]
    assert "PERATURAN BUPATI CONTOH" in p1.text
    assert len(p1.char_boxes) == len(p1.text)
    # Top-left origin: the first line is near the top (small y), within the page.
    i = p1.text.index("BUPATI")
    box = p1.bbox_for(i, i + 6)
    assert box is not None
    x0, y0, x1, y1 = box
    assert 55 <= x0 < x1 <= p1.width
    assert 40 < y0 < y1 < 80


def test_txt(perbup_txt):
    doc = ingest_file(perbup_txt)
    assert doc.media_type == "text/plain"
    assert doc.pages[0].text.startswith("BUPATI CONTOH")
    assert doc.pages[0].char_boxes is None


def test_empty_file(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "empty" and "empty.pdf" in str(e.value)


def test_junk_named_pdf_is_not_a_pdf(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "unsupported"


def test_truncated_pdf_is_corrupt_or_readable(tmp_path, perbup_pdf):
    data = perbup_pdf.read_bytes()
    p = tmp_path / "truncated.pdf"
    p.write_bytes(data[: len(data) // 3])
    try:
        doc = ingest_file(p)
    except IngestError as e:
        assert e.kind == "corrupt"
    else:  # pdfium may recover what it can; it must not crash
        assert doc.pages


def test_encrypted_pdf(tmp_path):
    p = make_pdf(tmp_path / "secret.pdf", ["rahasia negara"], encrypt="sandi")
    with pytest.raises(IngestError) as e:
        ingest_file(p)
    assert e.value.kind == "encrypted"


def test_size_and_page_limits(tmp_path, perbup_pdf):
    with pytest.raises(IngestError) as e:
        ingest_file(perbup_pdf, Limits(max_bytes=100))
    assert e.value.kind == "too_large"
    with pytest.raises(IngestError) as e:
        ingest_file(perbup_pdf, Limits(max_pages=1))
    assert e.value.kind == "too_large"
