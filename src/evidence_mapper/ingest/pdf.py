"""PDFs: per page, the text layer (with one box per character) or OCR, decided page by page.

* Text layer: pdfium (pypdfium2) text and one *loose* box per character
  (``FPDFText_GetLooseCharBox``: the glyph's advance width by the font's ascent/descent,
  one line-height box per character, called through the raw API), converted to points on
  the displayed page (page ``/Rotate`` applied) with the origin at the top-left.
* A page goes to OCR when its text layer has fewer than :data:`MIN_TEXT_CHARS` characters,
  when the layer is garbage (:mod:`.quality`), or when it is a scan whose existing OCR layer
  looks noisy. A replaced layer is kept unless OCR scores better on the same quality test.
* A page that keeps its text layer but carries large images (a diagram, a scanned insert:
  their labels are not in the layer) has the area those images cover rendered and OCRed
  (``Limits.ocr_images_*``); the OCR words not already in the layer are appended to the
  page text with their boxes, and the page's source becomes ``text+ocr``.
* Tables found from the character boxes (:mod:`.tablecells`) have their rows rewritten as
  lines of tab-separated cells (each character keeps its box).
* ``Page.source`` says what was kept: ``text`` | ``ocr`` | ``text+ocr`` | ``none`` (no text,
  no OCR), and ``IngestedDocument.skipped`` says why, page by page.
"""

from __future__ import annotations

import ctypes
import hashlib
from itertools import repeat
from pathlib import Path
from typing import Iterator

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ..types import BBox, Page
from . import ocr as _ocr
from .errors import IngestError
from .limits import Deadline, Limits
from .quality import Quality, text_quality
from .scan import display_transform, is_scan, page_image

# Characters pdfium emits that are not text.
_DROP = {"\r", "\x00"}
_MAP = {"\ufffe": "-", "\x02": "-", "\u00a0": " ", "\t": " "}
_NO_BOX = {"\n", " "}

# A page whose text layer has fewer non-space characters than this is treated as having none.
MIN_TEXT_CHARS = 20
# An existing OCR layer on a scanned page is redone below this quality score (a born-digital
# layer only when it is garbage, see quality.GARBAGE_BELOW).
SCAN_LAYER_REDO_BELOW = 0.95


def open_pdf(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise IngestError(str(path), "encrypted") from e
        raise IngestError(str(path), "corrupt", str(e)) from e


def _to_display(arr: np.ndarray, page: pdfium.PdfPage) -> np.ndarray:
    """(n, 4) user-space boxes (left, bottom, right, top) -> displayed (x0, y0, x1, y1)."""
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    w0, h0 = cx1 - cx0, cy1 - cy0
    l, b, r, t = arr[:, 0] - cx0, arr[:, 1] - cy0, arr[:, 2] - cx0, arr[:, 3] - cy0
    rot = page.get_rotation() % 360
    if rot == 90:
        out = (b, l, t, r)
    elif rot == 180:
        out = (w0 - r, b, w0 - l, t)
    elif rot == 270:
        out = (h0 - t, w0 - r, h0 - b, w0 - l)
    else:
        out = (l, h0 - t, r, h0 - b)
    return np.round(np.stack(out, axis=1), 2)


_GET_LOOSE_BOX = None


def _loose_boxes(tp: pdfium.PdfTextPage, indices: list[int]) -> np.ndarray:
    """``FPDFText_GetLooseCharBox`` of each character index, as (n, 4) float32 rows (left, top,
    right, bottom), written by pdfium straight into one array: the calls are made by ``map``
    through a prototype taking plain addresses, so the Python work per character is one
    call (about half the time of a loop building a rectangle object per character). Should
    a call fail, the characters are read again one by one, as before."""
    global _GET_LOOSE_BOX
    n = len(indices)
    out = np.zeros((n, 4), dtype=np.float32)
    if not n:
        return out
    if _GET_LOOSE_BOX is None:
        addr = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
        _GET_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(addr)
    handle = ctypes.cast(tp.raw, ctypes.c_void_p).value
    base = out.ctypes.data
    ok = list(map(_GET_LOOSE_BOX, repeat(handle, n), indices, range(base, base + 16 * n, 16)))
    if all(ok):
        return out
    rect = pdfium_c.FS_RECTF()  # a failed call leaves the previous character's box, as before
    ref = ctypes.byref(rect)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    chunks = []
    for i in indices:
        get_box(tp.raw, i, ref)
        chunks.append(bytes(rect))
    return np.frombuffer(b"".join(chunks), dtype=np.float32).reshape(-1, 4).copy()


_TRANSLATE = str.maketrans({"\r": None, "\x00": None, **_MAP})


def _clean(raw: str) -> str:
    """``raw.translate(_TRANSLATE)``: characters dropped and mapped, one ``str.replace`` each
    (about ten times faster than ``translate`` with a dict)."""
    for ch in _DROP:
        raw = raw.replace(ch, "")
    for ch, to in _MAP.items():
        raw = raw.replace(ch, to)
    return raw


def page_text(page: pdfium.PdfPage) -> tuple[str, list[BBox | None], float, float]:
    """Text of one page and a box per character, top-left origin, in points.

    The per-character work in Python is one raw ``FPDFText_GetLooseCharBox`` call; the rest
    (dropping, mapping, converting, rounding) is done on whole arrays.
    """
    width, height = page.get_size()
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        raw = tp.get_text_range(0, n) if n else ""
        if not raw:
            return "", [], width, height
        codes = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32)
        # pdfium's index of each character: one past a character outside the BMP takes two.
        pdf_idx = np.arange(len(codes)) + np.concatenate(([0], np.cumsum(codes > 0xFFFF)[:-1]))
        keep = (codes != 0x0D) & (codes != 0x00)
        text = _clean(raw)
        kept_codes, kept_idx = codes[keep], pdf_idx[keep]
        want = (kept_codes != 0x0A) & (kept_codes != 0x20) & (kept_codes != 0x09) & (kept_codes != 0xA0)
        m = len(text)
        boxes: list[BBox | None] = [None] * m
        ltrb = _loose_boxes(tp, kept_idx[want].tolist())
        if len(ltrb):
            # FS_RECTF is (left, top, right, bottom) floats
            ltrb = ltrb.astype(np.float64)
            lbrt = ltrb[:, [0, 3, 2, 1]]
            ok = (lbrt[:, 2] > lbrt[:, 0]) & (lbrt[:, 3] > lbrt[:, 1])
            disp = _to_display(lbrt, page)
            pos = np.nonzero(want)[0]
            full = np.full((m, 4), np.nan)
            full[pos[ok]] = disp[ok]
            text, full = _table_rows(text, full)
            m = len(text)
            has = ~np.isnan(full[:, 0])
            cols = [c.tolist() for c in full.T]
            boxes = list(zip(*cols))
            for j in np.nonzero(~has)[0].tolist():
                boxes[j] = None
        return text, boxes, width, height
    finally:
        tp.close()


def _table_rows(text: str, boxes: np.ndarray) -> tuple[str, np.ndarray]:
    """The page's table rows as lines of tab-separated cells (see :mod:`.tablecells`)."""
    from .tablecells import rebuild

    done = rebuild(text, boxes)
    return (done[0], done[1]) if done else (text, boxes)


# Images smaller than this share of the page are ignored when looking for image areas to OCR.
IMAGE_PART_MIN = 0.03


def image_area(page: pdfium.PdfPage, min_coverage: float) -> tuple[float, float, float, float, float] | None:
    """The box (top-left origin, points) around the page's larger images and the share of
    the page the images cover, when that share is at least ``min_coverage``; else None.

    Images split into strips or tiles (common for exported diagrams) count together."""
    if min_coverage <= 0:
        return None
    pw, ph = page.get_size()
    boxes = [box for box, _ in _image_boxes(page, keys=False)]
    if not boxes:
        return None
    covered = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes)
    share = min(1.0, covered / (pw * ph))
    if share < min_coverage:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes),
            round(share, 3))


def _image_boxes(page: pdfium.PdfPage, keys: bool = True) -> list[tuple[tuple[float, float, float, float], bytes]]:
    """Boxes (top-left origin, points) of the page's images of at least ``IMAGE_PART_MIN`` of
    the page, each with a key identifying the image's data (the same logo on every page, the
    same key; empty without ``keys``)."""
    pw, ph = page.get_size()
    f = display_transform(page)
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            l, b, r, t = obj.get_bounds()
        except pdfium.PdfiumError:
            continue
        xs, ys = zip(*(f(x, y) for x, y in ((l, b), (r, b), (l, t), (r, t))))
        x0, y0, x1, y1 = max(0, min(xs)), max(0, min(ys)), min(pw, max(xs)), min(ph, max(ys))
        if (x1 - x0) * (y1 - y0) < IMAGE_PART_MIN * pw * ph:
            continue
        n = pdfium_c.FPDFImageObj_GetImageDataRaw(obj.raw, None, 0) if keys else 0
        key = b""
        if 0 < n <= 64 * 1024 * 1024:
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFImageObj_GetImageDataRaw(obj.raw, buf, n)
            key = hashlib.sha1(buf.raw).digest() + f"{round(x1 - x0)}x{round(y1 - y0)}".encode()
        out.append(((x0, y0, x1, y1), key))
    return out


class ImageLooks:
    """Which image areas of a document's text pages are worth OCR (see :mod:`.imagetext`).
    Decisions are kept per image (by its data), so a logo on every page is looked at once."""

    def __init__(self) -> None:
        self.looks: dict[bytes, object] = {}
        self.skipped = 0

    def text_area(self, page: pdfium.PdfPage, min_coverage: float, dpi_floor: int, dpi_ceiling: int
                  ) -> tuple[tuple[float, float, float, float], float, int, int, str] | None:
        """(box, share of the page, OCR dpi, tesseract page segmentation, why) around the
        pictures that hold text, when the page's images cover at least ``min_coverage``; None
        when there is nothing to read. Images that touch (a diagram exported in strips or
        tiles) are one picture, read whole when any part of it holds lines of text."""
        from .imagetext import LOOK_DPI, looks_like_text, ocr_dpi

        if min_coverage <= 0:
            return None
        pw, ph = page.get_size()
        found = _image_boxes(page)
        if not found or sum((b[2] - b[0]) * (b[3] - b[1]) for b, _ in found) < min_coverage * pw * ph:
            return None
        kept, dpis, prose, sparse = [], [], 0, 0
        for group in _touching(found):
            text_parts = []
            for box, key in group:
                look = self.looks.get(key) if key else None
                if look is None:
                    x0, y0, x1, y1 = box
                    img = page.render(scale=LOOK_DPI / 72, grayscale=True, crop=(x0, ph - y1, pw - x1, y0)).to_pil()
                    look = looks_like_text(np.asarray(img.convert("L")), LOOK_DPI)
                    if key:
                        self.looks[key] = look
                if look.text:
                    text_parts.append(look)
            if not text_parts:
                self.skipped += len(group)
                continue
            kept.extend(box for box, _ in group)
            dpis.extend(ocr_dpi(lk, dpi_floor, dpi_ceiling) for lk in text_parts)
            for lk in text_parts:
                if lk.prose:
                    prose += 1
                else:
                    sparse += 1
        if not kept:
            return None
        share = min(1.0, sum((b[2] - b[0]) * (b[3] - b[1]) for b in kept) / (pw * ph))
        box = (min(b[0] for b in kept), min(b[1] for b in kept), max(b[2] for b in kept), max(b[3] for b in kept))
        # Lines of prose (a pasted page, a table) are read once, as a page; labels scattered over
        # a drawing twice, as a page and as sparse text (each finds labels the other misses).
        psm = 3 if prose >= sparse else 0
        return box, round(share, 3), max(dpis), psm, f"{len(kept)} of {len(found)} images hold lines of text"


def _touching(found: list[tuple[tuple[float, float, float, float], bytes]], gap: float = 2.0) -> list[list]:
    """Images grouped into pictures: boxes that touch or overlap (within ``gap`` points)."""
    groups: list[list] = []
    for item in found:
        b = item[0]
        hit = [g for g in groups if any(b[0] <= o[2] + gap and o[0] <= b[2] + gap and b[1] <= o[3] + gap
                                        and o[1] <= b[3] + gap for o, _ in g)]
        merged = [item]
        for g in hit:
            merged.extend(g)
            groups.remove(g)
        groups.append(merged)
    return groups


def drawn_without_text(page: pdfium.PdfPage) -> int | None:
    """For a page without a text layer that is drawn rather than scanned (no image covers it):
    the number of glyph-sized marks standing in lines of text on a quick grey rendering
    (:mod:`.imagetext`, about 100 dpi) when there are too few to hold words (a blank page, a
    page of lines and shapes, a lone logo); None when the page is to be read by OCR (a scan, or
    marks in lines of text, a drawing's labels included even among much other ink)."""
    from .imagetext import LOOK_DPI, MIN_LINE_GLYPHS, looks_like_text

    if is_scan(page):
        return None
    img = page.render(scale=LOOK_DPI / 72, grayscale=True).to_pil()
    look = looks_like_text(np.asarray(img.convert("L")), LOOK_DPI)
    if look.text or look.glyphs >= MIN_LINE_GLYPHS:
        return None
    return look.glyphs


def render_area(page: pdfium.PdfPage, box: tuple[float, float, float, float], dpi: int, max_pixels: int
                ) -> tuple[Image.Image, _ocr.Frame, int]:
    """A part of the displayed page rendered in grey at ``dpi`` (lowered to stay under
    ``max_pixels``) and the frame mapping its pixels to page points."""
    pw, ph = page.get_size()
    x0, y0, x1, y1 = box
    px = ((x1 - x0) * dpi / 72) * ((y1 - y0) * dpi / 72)
    if px > max_pixels:
        dpi = max(1, int(dpi * (max_pixels / px) ** 0.5))
    img = page.render(scale=dpi / 72, grayscale=True, crop=(x0, ph - y1, pw - x1, y0)).to_pil().copy()
    if img.mode != "L":
        img = img.convert("L")
    return img, _ocr.Frame(x0, y0, (x1 - x0) / max(1, img.width), (y1 - y0) / max(1, img.height)), dpi


def merge_ocr_words(page: Page, text: str, boxes: list[BBox | None], conf: list[float | None] | None = None
                    ) -> tuple[str, list[BBox | None], list[float | None], int]:
    """Append OCR text to a page's text layer, dropping OCR words whose centre lies on a
    character the layer already has (text drawn over the image). A tab between two kept words
    of a line (cells of a table row) stays a tab. Returns (text, boxes, per-character OCR
    confidence: None for the layer's characters, words added)."""
    have = np.array([b for b in (page.char_boxes or []) if b], dtype=np.float64).reshape(-1, 4)
    out_t: list[str] = []
    out_b: list[BBox | None] = []
    out_c: list[float | None] = []
    added = 0
    for line in _split_keep(text, boxes, conf):
        kept = []
        for word, wboxes, wconf, tab in line:
            bx = [b for b in wboxes if b]
            if bx and len(have):
                cx = (min(b[0] for b in bx) + max(b[2] for b in bx)) / 2
                cy = (min(b[1] for b in bx) + max(b[3] for b in bx)) / 2
                if np.any((have[:, 0] <= cx) & (cx <= have[:, 2]) & (have[:, 1] <= cy) & (cy <= have[:, 3])):
                    continue
            kept.append((word, wboxes, wconf, tab))
        if not kept:
            continue
        if out_t:
            out_t.append("\n")
            out_b.append(None)
            out_c.append(None)
        for i, (word, wboxes, wconf, tab) in enumerate(kept):
            if i:
                out_t.append("\t" if tab else " ")
                out_b.append(None)
                out_c.append(None)
            out_t.append(word)
            out_b.extend(wboxes)
            out_c.extend(wconf)
            added += 1
    n = len(page.text)
    if not added:
        return page.text, list(page.char_boxes or []), [None] * n, 0
    sep = "\n\n" if page.text else ""
    return (page.text + sep + "".join(out_t), list(page.char_boxes or []) + [None] * len(sep) + out_b,
            [None] * (n + len(sep)) + out_c, added)


def _split_keep(text: str, boxes: list[BBox | None], conf: list[float | None] | None = None
                ) -> list[list[tuple[str, list[BBox | None], list[float | None], bool]]]:
    """Lines of (word, its character boxes, its characters' confidences, whether a tab comes
    before it) of an OCR text."""
    lines: list[list[tuple[str, list[BBox | None], list[float | None], bool]]] = [[]]
    i, n = 0, len(text)
    tab = False
    while i < n:
        ch = text[i]
        if ch == "\n":
            if lines[-1]:
                lines.append([])
            tab = False
            i += 1
            continue
        if ch.isspace():
            tab = tab or ch == "\t"
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        wconf = list(conf[i:j]) if conf is not None else [None] * (j - i)
        lines[-1].append((text[i:j], list(boxes[i:j]), wconf, tab and bool(lines[-1])))
        tab = False
        i = j
    return [ln for ln in lines if ln]


# OCR words of an image area kept only at or above this confidence (0-100): diagrams and
# photos give many low-confidence fragments.
AREA_MIN_WORD_CONF = 40.0
# Tesseract page segmentation for image areas: 11 = sparse text (labels scattered over a drawing).
AREA_PSM = 11


def _rejoin_lines(words: list[_ocr.Word]) -> list[_ocr.Word]:
    """Sparse-text OCR reports every word apart; put words that sit side by side on one
    baseline (gap under a word height) back on one line, lines in reading order."""
    bands: list[list[_ocr.Word]] = []  # words sharing a baseline band
    for w in sorted(words, key=lambda w: (w.top + w.height / 2, w.left)):
        for band in bands:
            ref = band[0]
            overlap = min(ref.top + ref.height, w.top + w.height) - max(ref.top, w.top)
            if overlap > 0.5 * min(ref.height, w.height):
                band.append(w)
                break
        else:
            bands.append([w])
    rows: list[list[_ocr.Word]] = []
    for band in bands:
        band.sort(key=lambda w: w.left)
        row = [band[0]]
        for w in band[1:]:
            last = row[-1]
            if w.left - (last.left + last.width) < 1.2 * max(last.height, w.height):
                row.append(w)
            else:
                rows.append(row)
                row = [w]
        rows.append(row)
    rows.sort(key=lambda r: (min(w.top for w in r), r[0].left))
    out = []
    for i, row in enumerate(rows):
        for w in row:
            out.append(_ocr.Word(text=w.text, left=w.left, top=w.top, width=w.width, height=w.height, conf=w.conf,
                                 block=1, par=1, line=i + 1))
    return out


def _ocr_areas(areas: dict[int, tuple], limits: Limits, deadline: Deadline) -> Iterator[tuple[int, tuple[str, _ocr.OcrPage]]]:
    """OCR the image areas of text pages in parallel; (page, (how, result)) in page order
    (each read a job of its own, an image read once: see :mod:`.areaocr`)."""
    from .areaocr import read_areas

    return read_areas(areas, lang=limits.ocr_lang, deadline=deadline.at, workers=limits.ocr_workers)


def _ocr_state(limits: Limits) -> str | None:
    """None when OCR can run, else why not."""
    if not limits.ocr:
        return "OCR off"
    missing = _ocr.missing_languages(limits.ocr_lang)
    if _ocr.tesseract_path() is None:
        return "OCR unavailable: tesseract not installed"
    if missing:
        return f"OCR unavailable: tesseract language data missing ({'+'.join(missing)})"
    return None


def read_pdf(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    """Every page of a PDF (text layer or OCR, decided per page) and per-page notes."""
    deadline = deadline or Deadline(limits.max_seconds, str(path))
    pdf = open_pdf(path)
    try:
        total = len(pdf)
        if total > limits.max_pages:
            raise IngestError(str(path), "too_large", f"{total} pages > limit {limits.max_pages}")
        if total == 0:
            raise IngestError(str(path), "empty", "PDF has no pages")
        pages: dict[int, Page] = {}
        layer_quality: dict[int, Quality] = {}
        notes: dict[int, list[str]] = {}
        why_not = _ocr_state(limits)
        image_pages: dict[int, tuple] = {}  # text pages whose images are OCRed: (how, image, frame, dpi)
        unloadable: list[int] = []  # pages pdfium cannot load
        looks = ImageLooks()

        def jobs() -> Iterator[_ocr.OcrJob]:
            for i in range(total):
                deadline.check(f"at page {i + 1} of {total}")
                n = i + 1
                try:
                    page = pdf[i]
                except pdfium.PdfiumError as e:  # a looping page tree, a damaged page object
                    pages[n] = Page(number=n, text="", char_boxes=[], source="none")
                    notes.setdefault(n, []).append(f"page {n}: cannot be loaded ({e}); skipped")
                    unloadable.append(n)
                    continue
                try:
                    text, boxes, w, h = page_text(page)
                    reason = None
                    if len("".join(text.split())) < MIN_TEXT_CHARS:
                        pages[n] = Page(number=n, text="", width=w, height=h, char_boxes=[], source="none")
                        if pdfium_c.FPDFPage_CountObjects(page) == 0:
                            notes.setdefault(n, []).append(f"page {n}: blank (nothing drawn)")
                            continue
                        reason = "no text layer"
                    else:
                        pages[n] = Page(number=n, text=text, width=w, height=h, char_boxes=boxes, source="text")
                        q = text_quality(text)
                        if q.garbage:
                            reason = f"garbage text layer, {q.explain()}"
                        elif q.judged and q.score < SCAN_LAYER_REDO_BELOW and is_scan(page):
                            reason = f"noisy OCR layer on a scan, {q.explain()}"
                        if reason:
                            layer_quality[n] = q
                    if reason is None:
                        if (why_not or len(image_pages) >= limits.ocr_images_max_pages
                                or pages[n].source != "text"):
                            continue
                        if limits.ocr_images_look:
                            if is_scan(page):  # a scan's text layer is already its OCR
                                continue
                            found = looks.text_area(page, limits.ocr_images_min_coverage,
                                                    limits.ocr_images_dpi_floor, limits.ocr_images_dpi)
                            if found is None:
                                continue
                            box, share, area_dpi, psm, why = found
                        else:
                            area = image_area(page, limits.ocr_images_min_coverage)
                            if area is None or is_scan(page):
                                continue
                            *box, share = area
                            area_dpi, psm, why = limits.ocr_images_dpi, 0, "every image read"
                        deadline.check(f"at page {n} of {total}")
                        img, frame, dpi = render_area(page, tuple(box), area_dpi, limits.max_pixels)
                        image_pages[n] = (f"OCR of images covering {share:.0%} of the page at {dpi} dpi ({why})",
                                          img, frame, dpi, psm)
                        continue
                    if why_not:
                        notes.setdefault(n, []).append(f"page {n}: {reason} ({why_not})")
                        continue
                    if reason == "no text layer" and limits.ocr_pages_look:
                        marks = drawn_without_text(page)
                        if marks is not None:
                            notes.setdefault(n, []).append(f"page {n}: {reason}; drawn page without lines of text "
                                                           f"({marks} marks in lines), not read by OCR")
                            continue
                    try:
                        img, frame, dpi, how = page_image(page, limits.ocr_dpi, limits.max_pixels)
                    except pdfium.PdfiumError as e:
                        raise IngestError(str(path), "ocr_failed", f"page {n}: cannot get its image: {e}") from e
                    notes.setdefault(n, []).append(f"page {n}: {reason}; OCR of the {how} image at {dpi} dpi")
                finally:
                    page.close()
                yield _ocr.OcrJob(key=n, image=img, frame=frame, dpi=dpi)

        try:
            for n, res in _ocr.ocr_pages(jobs(), lang=limits.ocr_lang, deadline=deadline.at,
                                         workers=limits.ocr_workers):
                old = pages[n]
                notes[n].extend(f"page {n}: {x}" for x in res.notes)
                if n in layer_quality:
                    q_ocr = text_quality(res.text)
                    if not (q_ocr.judged and q_ocr.score > layer_quality[n].score):
                        notes[n].append(f"page {n}: text layer kept (OCR {q_ocr.explain()})")
                        continue
                    notes[n].append(f"page {n}: text layer replaced by OCR ({q_ocr.explain()})")
                if not res.text.strip():
                    notes[n].append(f"page {n}: OCR found no text")
                pages[n] = Page(number=n, text=res.text, width=old.width, height=old.height, char_boxes=res.boxes,
                                source="ocr", ocr_confidence=res.confidence, char_conf=res.char_conf)
            if looks.skipped:
                notes.setdefault(0, []).append(f"{looks.skipped} images without lines of text (logos, stamps, "
                                               "signatures, photos) not read by OCR")
            for n, (how, res) in _ocr_areas(image_pages, limits, deadline):
                old = pages[n]
                text, boxes, conf, added = merge_ocr_words(old, res.text, res.boxes, res.char_conf)
                notes.setdefault(n, []).append(f"page {n}: {how}: {added} words added")
                if added:
                    pages[n] = Page(number=n, text=text, width=old.width, height=old.height, char_boxes=boxes,
                                    source="text+ocr", ocr_confidence=res.confidence, char_conf=conf)
        except _ocr.OcrError as e:
            if e.timeout:
                raise IngestError(str(path), "timeout", f"over {limits.max_seconds:g} s during OCR") from e
            raise IngestError(str(path), "ocr_failed", str(e)) from e
        if len(unloadable) == total:
            raise IngestError(str(path), "corrupt", f"none of its {total} pages can be loaded")
        flat = [x for k in sorted(notes) for x in notes[k]]
        return [pages[k] for k in sorted(pages)], flat
    finally:
        pdf.close()
