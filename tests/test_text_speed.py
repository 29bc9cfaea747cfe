"""The fast text path reads exactly what the plain one read, and drawn pages without words are not OCRed.

Each faster routine is checked against the straightforward code it replaced (kept here as the
reference): character boxes, topology words and label groups, the network-cue gate, the text
quality score. A drawn page without a text layer is looked at before OCR: blank pages and pages of
shapes are not read, a page holding a picture of words still is.
"""

from __future__ import annotations

import ctypes
import io
import random
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from evidence_mapper.ingest import Limits, ingest_file, quality, synth
from evidence_mapper.ingest import ocr as _ocr
from evidence_mapper.ingest import pdf as P
from evidence_mapper.ingest import topology as T
from evidence_mapper.types import Page

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"


def _sample_pdfs() -> list[Path]:
    found = sorted(SAMPLE.glob("*.pdf"))
    assert found, "corpus/sample has PDFs"
    return found


# ---- character boxes -----------------------------------------------------------------------

def _boxes_one_by_one(tp, indices: list[int]) -> bytes:
    rect = pdfium_c.FS_RECTF()
    out = []
    for i in indices:
        pdfium_c.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(rect))
        out.append(bytes(rect))
    return b"".join(out)


def test_loose_boxes_are_those_of_one_call_per_character():
    checked = 0
    for path in _sample_pdfs()[:4]:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(min(3, len(pdf))):
                page = pdf[i]
                tp = page.get_textpage()
                n = tp.count_chars()
                idx = list(range(n))
                got = P._loose_boxes(tp, idx)
                assert got.shape == (n, 4)
                assert got.tobytes() == _boxes_one_by_one(tp, idx)
                checked += n
                tp.close()
                page.close()
        finally:
            pdf.close()
    assert checked > 1000


def test_loose_boxes_fall_back_when_a_call_fails():
    pdf = pdfium.PdfDocument(str(_sample_pdfs()[0]))
    page = pdf[0]
    tp = page.get_textpage()
    n = tp.count_chars()
    idx = [0, 1, n + 5, 2]  # an index past the end: pdfium refuses it, the previous box stays
    got = P._loose_boxes(tp, idx)
    assert got.tobytes() == _boxes_one_by_one(tp, idx)
    assert (got[2] == got[1]).all()
    assert P._loose_boxes(tp, []).shape == (0, 4)
    tp.close()
    page.close()
    pdf.close()


def test_page_text_cleaning_equals_the_translation_table():
    raw = "a\r\nb\x00c\ufffed\x02e\u00a0f\tg \U0001d400h\r\r\u00a0\u00a0-"
    assert P._clean(raw) == raw.translate(P._TRANSLATE) == "a\nbc-d-e f g \U0001d400h  -"
    assert set(P._TRANSLATE) == {ord(c) for c in P._DROP | set(P._MAP)}


# ---- topology words and labels ------------------------------------------------------------

def _page_words_plain(page: Page):
    out = []
    text, boxes = page.text, page.char_boxes or []
    if not boxes:
        return out
    for m in re.finditer(r"\S+", text):
        bx = [b for b in boxes[m.start():m.end()] if b]
        if not bx:
            continue
        out.append((m.group(0), (min(b[0] for b in bx), min(b[1] for b in bx), max(b[2] for b in bx),
                                 max(b[3] for b in bx))))
    return out


def _group_labels_plain(words):
    n = len(words)
    if not n:
        return []
    a = np.array([b for _, b in words], dtype=np.float64)
    x0, y0, x1, y1 = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    h = np.maximum(y1 - y0, 1e-3)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n - 1):
        j = np.arange(i + 1, n)
        hh = np.maximum(h[i], h[j])
        similar = np.minimum(h[i], h[j]) / hh > 0.55
        v_overlap = np.minimum(y1[i], y1[j]) - np.maximum(y0[i], y0[j])
        h_gap = np.maximum(x0[j] - x1[i], x0[i] - x1[j])
        same_line = (v_overlap > 0.5 * np.minimum(h[i], h[j])) & (h_gap < T.SAME_LINE_GAP * hh)
        h_overlap = np.minimum(x1[i], x1[j]) - np.maximum(x0[i], x0[j])
        v_gap = np.maximum(y0[j] - y1[i], y0[i] - y1[j])
        stacked = (h_overlap > -0.5 * hh) & (v_gap < T.STACK_GAP * hh) & (v_gap > -0.5 * hh)
        for k in j[similar & (same_line | stacked)].tolist():
            ri, rk = find(i), find(k)
            if ri != rk:
                parent[rk] = ri
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (min(a[k, 1] for k in g), min(a[k, 0] for k in g)))


def _scattered_page(seed: int, n_words: int) -> Page:
    """Words scattered over a page in random order and sizes (labels of a diagram), some
    characters without a box, some stacked and side by side."""
    rnd = random.Random(seed)
    text, boxes = [], []
    for k in range(n_words):
        word = "".join(rnd.choice("abcdefghRSTU0123") for _ in range(rnd.randint(1, 8)))
        size = rnd.choice([6.0, 8.0, 8.5, 10.0, 14.0, 24.0])
        x, y = rnd.uniform(0, 560), rnd.uniform(0, 800)
        if k and rnd.random() < 0.4:  # right after or under the previous word
            px0, py0, px1, py1 = next(b for b in reversed(boxes) if b)
            x, y = (px1 + rnd.uniform(0, 8), py0) if rnd.random() < 0.5 else (px0, py1 + rnd.uniform(0, 4))
        for c in word:
            w = size * 0.55
            boxes.append(None if rnd.random() < 0.05 else (round(x, 2), round(y, 2), round(x + w, 2),
                                                              round(y + size, 2)))
            text.append(c)
            x += w
        text.append(" " if rnd.random() < 0.8 else "\n")
        boxes.append(None)
    return Page(number=1, text="".join(text), width=595, height=842, char_boxes=boxes, source="text")


@pytest.mark.parametrize("seed,n", [(0, 1), (1, 7), (2, 150), (3, 700), (4, 1500)])
def test_topology_words_and_labels_are_those_of_the_plain_code(seed, n, monkeypatch):
    page = _scattered_page(seed, n)
    words = T.page_words(page)
    assert words == _page_words_plain(page)
    assert len(words) >= max(1, n // 2)
    plain = _group_labels_plain(words)
    assert T.group_labels(words) == plain
    monkeypatch.setattr(T, "PAIR_ROWS", 3)  # blocks and column chunks of any size give the same groups
    monkeypatch.setattr(T, "PAIR_COLUMNS", 5)
    assert T.group_labels(words) == plain
    if n >= 150:
        assert any(len(g) > 1 for g in plain) and any(len(g) == 1 for g in plain)


def test_topology_words_of_sample_pages_are_those_of_the_plain_code():
    doc = ingest_file(_sample_pdfs()[0], Limits(ocr=False))
    for page in doc.pages[:3]:
        words = T.page_words(page)
        assert words and words == _page_words_plain(page)
        assert T.group_labels(words) == _group_labels_plain(words)


# ---- the network-cue gate ------------------------------------------------------------------

def test_cue_count_equals_the_case_insensitive_gate():
    assert T._CUES.pattern.isascii()
    texts = [
        "Core Switch ke ROUTER Mikrotik, FortiGate UTM, 100 MBPS FO dari TELKOM dan ICON+ (backup)",
        "ruang server / PUSAT DATA, drc, Disaster Recovery, Network Operation center, ap, WI-FI, nas",
        "dinas kominfo: 20mbps lintasarta, 1 GBPS astinet, ICONNET, biznet, xl, isp lokal, bts menara",
        "Server\u212a and \u017ferver, \u0130SP \u0131sp, Router\u0130 - kelvin sign, long s, dotted and dotless i",
        "Éclair ROUTÉR Ñand Straße ΣΩ internet\u00a0server\u2009router",
        "",
    ]
    rnd = random.Random(5)
    words = ["router", "Switch", "SERVER", "ap", "Internet", "cloud", "ISP", "10", "Mbps", "telkom", "kab.", "İ",
             "ı", "ſ", "K", "x", "-", "Wi-Fi", "1con+", "Icon--", "data center", "\n"]
    texts += [" ".join(rnd.choice(words) for _ in range(200)) for _ in range(30)]
    for text in texts:
        assert T.cue_count(text) == len(T._CUES.findall(text)), text[:80]
    assert T.cue_count(texts[0]) >= 8
    assert T._FOLDS_TO_ASCII.search(texts[3])  # the gate itself is used there


# ---- text quality --------------------------------------------------------------------------

def _quality_plain(text: str) -> quality.Quality:
    n = 0
    reasons: dict[str, int] = {}
    for tok in quality._SPLIT_RE.split(text):
        if not tok:
            continue
        r = quality._classify(tok)
        if not r:
            continue
        n += 1
        if r != "ok":
            reasons[r] = reasons.get(r, 0) + 1
    bad = sum(reasons.values())
    return quality.Quality(score=round(1 - bad / n, 4) if n else 1.0, tokens=n, reasons=reasons)


def test_text_quality_equals_token_by_token():
    texts = [synth.LEGAL_TEXT, "dcngan bclum meiaksanakan PRES!DEN 2OL9 perLrmusan dengan dengan (cid:12) GLYPH<1>",
             "", "a / b / c", "te:'padu te:'padu trRESIDEN xxx qwrtp qwrtp dengan bahwa"]
    doc = ingest_file(_sample_pdfs()[0], Limits(ocr=False))
    texts += [p.text for p in doc.pages]
    for text in texts:
        got, want = quality.text_quality(text), _quality_plain(text)
        assert got == want and list(got.reasons) == list(want.reasons) and got.explain() == want.explain()
    assert quality.text_quality(texts[1]).reasons


# ---- drawn pages without a text layer ------------------------------------------------------

def _png(img) -> io.BytesIO:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "PNG")
    buf.seek(0)
    return buf


def _drawn_pdf(tmp_path: Path) -> Path:
    """Page 1: a white box only (blank to the eye); 2: lines and shapes; 3: a picture of a
    diagram with labels (half the page, not a scan); 4: nothing drawn at all."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w, h = A4
    path = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(1, 1, 1)
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.setStrokeColorRGB(0, 0, 0)
    c.setFillColorRGB(0.8, 0.8, 0.8)
    for k in range(6):
        c.rect(60 + 80 * k, 500, 60, 120, fill=1)
        c.line(90 + 80 * k, 500, 300, 200)
    c.circle(300, 200, 40, fill=0)
    c.showPage()
    diagram, _ = synth.render_diagram(150)
    c.drawImage(ImageReader(_png(diagram)), 40, h / 2 - 50, w - 80, (w - 80) * diagram.height / diagram.width)
    c.showPage()
    c.showPage()
    c.save()
    return path


def test_drawn_pages_without_lines_of_text_are_looked_at_not_ocred(tmp_path):
    path = _drawn_pdf(tmp_path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert P.drawn_without_text(pdf[0]) is not None
        assert P.drawn_without_text(pdf[1]) is not None
        assert P.drawn_without_text(pdf[2]) is None  # a picture of words
    finally:
        pdf.close()


def _counting(monkeypatch) -> list[int]:
    calls = [0]
    run = _ocr._run

    def counted(*a, **k):
        calls[0] += 1
        return run(*a, **k)

    monkeypatch.setattr(_ocr, "_run", counted)
    return calls


def test_only_the_page_of_words_is_read(tmp_path, monkeypatch):
    if _ocr.tesseract_path() is None or _ocr.missing_languages("ind"):
        pytest.skip("tesseract with 'ind' not installed")
    path = _drawn_pdf(tmp_path)
    calls = _counting(monkeypatch)
    doc = ingest_file(path, Limits(ocr_workers=1))
    by = {p.number: p for p in doc.pages}
    notes = "\n".join(doc.skipped)
    for n in (1, 2):
        assert by[n].source == "none" and not by[n].text
        assert re.search(rf"page {n}: no text layer; drawn page without lines of text \(\d+ marks in lines\), "
                         r"not read by OCR", notes)
    assert "page 4: blank (nothing drawn)" in notes
    assert by[3].source == "ocr" and len(by[3].text.split()) >= 5
    assert calls[0] >= 1
    looked = calls[0]
    # without the look every drawn page is read
    calls[0] = 0
    doc = ingest_file(path, Limits(ocr_workers=1, ocr_pages_look=False))
    assert calls[0] > looked
    assert "drawn page without lines of text" not in "\n".join(doc.skipped)
