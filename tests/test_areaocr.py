"""OCR of image areas, one job per read and each image read once (ingest/areaocr.py): the text
is the same as reading each area's reads one after the other, and holds every word each read
gives."""

from __future__ import annotations

import re
import time

import pytest

from evidence_mapper.ingest import areaocr, ocr, synth
from evidence_mapper.ingest.ocr import Frame

pytestmark = pytest.mark.skipif(not ocr.available("ind"), reason="tesseract with Indonesian not installed")

DPI = 300


@pytest.fixture(scope="module")
def diagram():
    img, labels = synth.render_diagram(DPI)
    return img.convert("L"), labels


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower())}


def _direct(img, psm: int) -> list[ocr.Word]:
    return ocr.read_words(img, lang="ind", dpi=DPI, deadline=time.monotonic() + 300, psm=psm)


def _areas(img, n: int = 1) -> dict[int, tuple]:
    return {k: ("how", img, Frame(0, 0, 72 / DPI, 72 / DPI), DPI, 0) for k in range(1, n + 1)}


def test_a_diagram_reads_every_word_of_both_reads(diagram):
    img, labels = diagram
    areaocr.clear_cache()
    (_, (_, page)), = list(areaocr.read_areas(_areas(img), lang="ind", deadline=time.monotonic() + 300, workers=2))
    got = _words(page.text)
    kept = lambda ws: [w for w in ws if w.conf >= 40 and any(c.isalnum() for c in w.text)]  # noqa: E731
    as_page, sparse = kept(_direct(img, 3)), kept(_direct(img, 11))
    assert as_page and sparse
    assert {x for w in as_page for x in _words(w.text)} <= got  # everything read as a page
    assert {x for w in sparse for x in _words(w.text)} & got  # the sparse-text read is part of it
    found = sum(1 for lab in labels if lab.split()[0].lower() in page.text.lower())
    assert found >= len(labels) // 2


def test_parallel_cached_reads_equal_one_after_the_other(diagram):
    img, _ = diagram
    areaocr.clear_cache()
    one = list(areaocr.read_areas(_areas(img), lang="ind", deadline=time.monotonic() + 300, workers=1))
    areaocr.clear_cache()
    before = dict(areaocr.stats)
    many = list(areaocr.read_areas(_areas(img, 3), lang="ind", deadline=time.monotonic() + 300, workers=3))
    assert areaocr.stats["reads"] - before["reads"] == 2  # the same picture on three pages: read once, twice over
    assert [k for k, _ in many] == [1, 2, 3]
    for _, (_, page) in many:
        assert page.text == one[0][1][1].text and page.boxes == one[0][1][1].boxes
    again = list(areaocr.read_areas(_areas(img), lang="ind", deadline=time.monotonic() + 300, workers=2))
    assert areaocr.stats["reads"] - before["reads"] == 2 and areaocr.stats["cached"] > before["cached"]
    assert again[0][1][1].text == one[0][1][1].text


def test_the_sparse_read_adds_only_words_where_the_page_read_has_none(monkeypatch):
    W = lambda t, x, conf=90.0: ocr.Word(text=t, left=x, top=10, width=40, height=12, conf=conf, block=1, par=1, line=1)  # noqa: E731
    reads = {3: [W("Router", 0), W("noise", 200, conf=20.0)],
             11: [W("Rooter", 5), W("Switch", 100), W("Switch", 110), W("~~", 300), W("Server", 400, conf=39.0)]}
    monkeypatch.setattr(ocr, "read_words", lambda img, *, lang, dpi, deadline, psm: reads[psm])
    areaocr.clear_cache()
    from PIL import Image

    img = Image.new("L", (500, 40), 255)
    (_, (_, page)), = list(areaocr.read_areas(_areas(img), lang="ind", deadline=time.monotonic() + 300))
    # "Rooter" lies on "Router"; the second "Switch" on the first; "~~" has no letter; "Server"
    # and "noise" are below the confidence kept
    assert page.text == "Router\nSwitch" and page.words == 2  # apart: two labels
    assert len(page.boxes) == len(page.text) and page.boxes[0] == (0.0, 2.4, 1.6, 5.28)


def test_a_read_that_fails_names_the_failure(diagram, monkeypatch):
    img, _ = diagram
    areaocr.clear_cache()

    def boom(*a, **k):
        raise ocr.OcrError("tesseract exited 1: broken")

    monkeypatch.setattr(ocr, "read_words", boom)
    with pytest.raises(ocr.OcrError, match="broken"):
        list(areaocr.read_areas(_areas(img), lang="ind", deadline=time.monotonic() + 300, workers=2))
