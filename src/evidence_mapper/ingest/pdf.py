"""Text PDFs: per-page text with one box per character (pypdfium2, the fast path).

pdfplumber stays available for the places where its table tools earn their cost (level
tables of evaluation reports); bulk positioned text goes through pdfium, which gives the
same per-character boxes some 20x faster.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from ..types import BBox, Page
from .errors import IngestError

# Characters pdfium emits that are not text.
_DROP = {"\r", "\x00"}
_MAP = {"\ufffe": "-", "\x02": "-", "\u00a0": " ", "\t": " "}

# A page whose text layer has fewer non-space characters than this is treated as having none.
MIN_TEXT_CHARS = 20


def open_pdf(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise IngestError(str(path), "encrypted") from e
        raise IngestError(str(path), "corrupt", str(e)) from e


def page_text(page: pdfium.PdfPage) -> tuple[str, list[BBox | None], float, float]:
    """Text of one page and a box per character, top-left origin, in points."""
    width, height = page.get_size()
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        raw = tp.get_text_range(0, n) if n else ""
        chars: list[str] = []
        boxes: list[BBox | None] = []
        for i, ch in enumerate(raw):
            if ch in _DROP:
                continue
            ch = _MAP.get(ch, ch)
            chars.append(ch)
            if ch in "\n ":
                boxes.append(None)
                continue
            left, bottom, right, top = tp.get_charbox(i)
            if right <= left and top <= bottom:
                boxes.append(None)
            else:
                boxes.append((round(left, 2), round(height - top, 2), round(right, 2), round(height - bottom, 2)))
        return "".join(chars), boxes, width, height
    finally:
        tp.close()


def read_pdf_pages(path: Path, max_pages: int | None = None) -> tuple[list[Page], list[str], int]:
    """Pages with a usable text layer, notes about the others, and the total page count."""
    pdf = open_pdf(path)
    try:
        total = len(pdf)
        if max_pages is not None and total > max_pages:
            raise IngestError(str(path), "too_large", f"{total} pages > limit {max_pages}")
        pages: list[Page] = []
        notes: list[str] = []
        for i in range(total):
            page = pdf[i]
            try:
                text, boxes, w, h = page_text(page)
            finally:
                page.close()
            if sum(1 for c in text if not c.isspace()) < MIN_TEXT_CHARS:
                notes.append(f"page {i + 1}: no text layer (needs OCR)")
                pages.append(Page(number=i + 1, text="", width=w, height=h, char_boxes=[], source="none"))
                continue
            pages.append(Page(number=i + 1, text=text, width=w, height=h, char_boxes=boxes, source="text"))
        return pages, notes, total
    finally:
        pdf.close()
