"""PDFs: per page, the text layer (with one box per character) or OCR, decided page by page.

* Text layer: pdfium (pypdfium2) text and one *loose* box per character
  (``FPDFText_GetLooseCharBox``: the glyph's advance width by the font's ascent/descent,
  one line-height box per character, called through the raw API), converted to points on
  the displayed page (page ``/Rotate`` applied) with the origin at the top-left.
* A page goes to OCR when its text layer has fewer than :data:`MIN_TEXT_CHARS` characters,
  when the layer is garbage (:mod:`.quality`), or when it is a scan whose existing OCR layer
  looks noisy. A replaced layer is kept unless OCR scores better on the same quality test.
* ``Page.source`` says what was kept: ``text`` | ``ocr`` | ``none`` (no text, no OCR), and
  ``IngestedDocument.skipped`` says why, page by page.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Iterator

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..types import BBox, Page
from . import ocr as _ocr
from .errors import IngestError
from .limits import Deadline, Limits
from .quality import Quality, text_quality
from .scan import is_scan, page_image

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


_TRANSLATE = str.maketrans({"\r": None, "\x00": None, **_MAP})


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
        text = raw.translate(_TRANSLATE)
        kept_codes, kept_idx = codes[keep], pdf_idx[keep]
        want = ~np.isin(kept_codes, (0x0A, 0x20, 0x09, 0xA0))
        rect = pdfium_c.FS_RECTF()
        ref = ctypes.byref(rect)
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        handle = tp.raw
        chunks = []
        for i in kept_idx[want].tolist():
            get_box(handle, i, ref)
            chunks.append(bytes(rect))
        m = len(text)
        boxes: list[BBox | None] = [None] * m
        if chunks:
            # FS_RECTF is (left, top, right, bottom) floats
            ltrb = np.frombuffer(b"".join(chunks), dtype=np.float32).reshape(-1, 4).astype(np.float64)
            lbrt = ltrb[:, [0, 3, 2, 1]]
            ok = (lbrt[:, 2] > lbrt[:, 0]) & (lbrt[:, 3] > lbrt[:, 1])
            disp = _to_display(lbrt, page)
            pos = np.nonzero(want)[0]
            full = np.full((m, 4), np.nan)
            full[pos[ok]] = disp[ok]
            has = ~np.isnan(full[:, 0])
            cols = [c.tolist() for c in full.T]
            boxes = list(zip(*cols))
            for j in np.nonzero(~has)[0].tolist():
                boxes[j] = None
        return text, boxes, width, height
    finally:
        tp.close()


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

        def jobs() -> Iterator[_ocr.OcrJob]:
            for i in range(total):
                deadline.check(f"at page {i + 1} of {total}")
                n = i + 1
                page = pdf[i]
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
                        continue
                    if why_not:
                        notes.setdefault(n, []).append(f"page {n}: {reason} ({why_not})")
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
                                source="ocr", ocr_confidence=res.confidence)
        except _ocr.OcrError as e:
            if e.timeout:
                raise IngestError(str(path), "timeout", f"over {limits.max_seconds:g} s during OCR") from e
            raise IngestError(str(path), "ocr_failed", str(e)) from e
        flat = [x for k in sorted(notes) for x in notes[k]]
        return [pages[k] for k in sorted(pages)], flat
    finally:
        pdf.close()
