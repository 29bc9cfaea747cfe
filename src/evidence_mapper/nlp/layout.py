"""Page layout as an assessor reads it: page furniture, table rows and the boxes of lines.

* **Furniture**: running headers and footers, page numbers and repeated stamps. A line is
  furniture when it is a page-number line ("12", "- 12 -", "Halaman 3 dari 9", "Page 2 of 5")
  at the top or bottom edge of a page, or when the same line (digits ignored, so "Halaman | 37"
  matches "Halaman | 38") stands at the top or bottom edge of several pages. The edge is a band
  of :data:`EDGE_BAND` of the page height when the page has boxes, else the first and last
  :data:`EDGE_LINES` lines. A short line repeated on most pages of a long document (a stamp
  "SALINAN", "DRAFT") is furniture wherever it stands. Furniture stays in the page text (the
  page is shown as it is) but never starts, ends or sits inside a passage.
* **Table rows**: lines of cells separated by tabs (spreadsheets, DOCX tables, and the tables
  :mod:`..ingest.tablecells` finds from the boxes of text PDF and OCR pages) are rows; a line
  with one filled cell (a group heading) inside a table is a row too; each row is one passage, never cut and never merged with the next, and the table's header row is
  kept as the row's context (the column names) rather than becoming a passage of its own.
* **Layout breaks**: on pages with boxes, a vertical gap, a jump up or a move to another
  column ends a block even where the text has no blank line, so a passage stays in one place
  of the page.
* **Line boxes**: a passage's highlight is the list of boxes of its own lines (a new box
  where the text breaks a line, moves to another column or jumps vertically), not one box
  around everything from its first to its last character.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..types import BBox, IngestedDocument, Page

# Share of the page height, at the top and at the bottom, where headers and footers stand.
EDGE_BAND = 0.11
# Without boxes: the first and last this many non-empty lines of a page are its edges.
EDGE_LINES = 2
# A line (digits ignored) at the edge of at least this share of a document's pages, and of
# at least two pages, is a running header or footer.
REPEAT_SHARE = 0.3
# A short line anywhere on at least this share of the pages (documents of 4+ pages) is a stamp.
STAMP_SHARE = 0.5
STAMP_MAX_CHARS = 40
# A running header or footer is at most this long (a body sentence repeated is not one).
REPEAT_MAX_CHARS = 120

_PAGE_NO = re.compile(
    r"^\s*(?:[-–—|.\s]*)(?:(?:halaman|hal\.?|hlm\.?|page|pg\.?)\s*[:.]?\s*)?"
    r"(?:\d{1,4}|[ivxlc]{1,6})"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?(?:[-–—|.\s]*)$",
    re.I,
)


def is_page_number(line: str) -> bool:
    """``12``, ``- 12 -``, ``Halaman 3 dari 9``, ``Page 2 of 5``, ``iv``, ``3/10``."""
    s = line.strip()
    return bool(s) and len(s) <= 30 and bool(_PAGE_NO.match(s))


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


@dataclass
class Line:
    start: int
    end: int  # without the line break
    text: str
    top: float | None = None  # y of the line's first and last boxed characters (top-left origin)
    bottom: float | None = None
    left: float | None = None  # x of the first boxed character's left and the last one's right
    right: float | None = None


def lines_of(page: Page) -> list[Line]:
    """Non-empty lines of a page with their vertical place (from the first and last boxed
    characters of each line, so the cost is per line, not per character)."""
    out: list[Line] = []
    text = page.text
    boxes = page.char_boxes or None
    nb = len(boxes) if boxes else 0
    pos = 0
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if not raw.strip():
            continue
        ln = Line(a, b, raw)
        if boxes:
            first = last = None
            for i in range(a, min(b, nb)):
                if boxes[i]:
                    first = boxes[i]
                    break
            if first:
                for i in range(min(b, nb) - 1, a - 1, -1):
                    if boxes[i]:
                        last = boxes[i]
                        break
            if first and last:
                ln.top, ln.bottom = min(first[1], last[1]), max(first[3], last[3])
                ln.left, ln.right = first[0], max(first[2], last[2])
        out.append(ln)
    return out


def _edges(page: Page, lines: list[Line]) -> list[Line]:
    """Lines at the top or bottom edge of a page."""
    if page.height and any(ln.top is not None for ln in lines):
        lo, hi = EDGE_BAND * page.height, (1 - EDGE_BAND) * page.height
        return [ln for ln in lines if ln.top is not None and (ln.bottom <= lo or ln.top >= hi)]
    if len(lines) <= 2 * EDGE_LINES:
        return [ln for ln in lines if is_page_number(ln.text)]
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def furniture(doc: IngestedDocument, lines: dict[int, list[Line]] | None = None) -> dict[int, list[tuple[int, int]]]:
    """Character ranges ``[start, end)`` of the furniture lines of each page (page number ->
    ranges). Spreadsheets and DOCX pages have no furniture (no running headers in the text).
    ``lines``: a dict filled with each page's :func:`lines_of` (page number -> lines), for
    :func:`layout_breaks` to use again."""
    pages = [p for p in doc.pages if p.text.strip() and p.source not in ("cell", "docx", "plain")]
    if not pages:
        return {}
    lines = {} if lines is None else lines
    for p in pages:
        lines[p.number] = lines_of(p)
    edges = {p.number: _edges(p, lines[p.number]) for p in pages}
    norms: dict[str, str] = {}  # each distinct line normalised once

    def _key(text: str) -> str:
        k = norms.get(text)
        if k is None:
            k = norms[text] = _norm(text)
        return k

    at_edge: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for p in pages:
        at_edge.update({_key(ln.text) for ln in edges[p.number]})
        anywhere.update({_key(ln.text) for ln in lines[p.number] if len(ln.text.strip()) <= STAMP_MAX_CHARS})
    n = len(pages)
    need = max(2, int(REPEAT_SHARE * n + 0.999))
    out: dict[int, list[tuple[int, int]]] = {}
    for p in pages:
        edge_ids = {id(ln) for ln in edges[p.number]}
        for ln in lines[p.number]:
            key = _key(ln.text)
            hit = False
            if id(ln) in edge_ids:
                hit = is_page_number(ln.text) or (n >= 2 and at_edge[key] >= need and _wordy(key)
                                                  and len(key) <= REPEAT_MAX_CHARS)
            if not hit and n >= 4 and len(ln.text.strip()) <= STAMP_MAX_CHARS and _wordy(key):
                hit = anywhere[key] >= max(3, STAMP_SHARE * n)
            if hit:
                out.setdefault(p.number, []).append((ln.start, ln.end))
    return out


def _wordy(key: str) -> bool:
    """A repeated line counts only when it has letters (not a repeated rule '_____')."""
    w = _WORDY.get(key)
    if w is None:
        if len(_WORDY) > 65536:
            _WORDY.clear()
        w = _WORDY[key] = sum(c.isalpha() for c in key) >= 3
    return w


_WORDY: dict[str, bool] = {}  # lines seen again and again (furniture) are counted once


# A line more than this many line heights below the previous one (and more than half a line
# beyond the page's usual line gap, for 1.5 or double spacing) starts a new block: a paragraph
# or section gap the text layer does not mark with a blank line.
GAP_LINES = 0.8


def layout_breaks(page: Page, lines: list[Line] | None = None) -> dict[int, str]:
    """Start offsets of the lines of a page with boxes where a new block begins although the
    text has no blank line: a vertical gap of more than :data:`GAP_LINES` line heights, a
    line above the previous one (the next column, a box placed out of order), or a line
    beside the previous one with no horizontal overlap (a column next to it). Values: "gap"
    or "jump" (a heading is not carried over a jump into the block that follows). ``lines``:
    the page's :func:`lines_of`, when already known."""
    if not page.char_boxes:
        return {}
    lines = [ln for ln in (lines_of(page) if lines is None else lines) if ln.top is not None]
    # the page's usual gap between consecutive lines (line spacing: single, 1.5, double)
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top >= a.bottom)
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out: dict[int, str] = {}
    for prev, ln in zip(lines, lines[1:]):
        h = max(prev.bottom - prev.top, ln.bottom - ln.top, 1.0)
        if ln.top < prev.top - 0.5 * h or ln.left > prev.right + h or ln.right < prev.left - h:
            out[ln.start] = "jump"
        elif ln.top - prev.bottom > max(GAP_LINES * h, usual + 0.5 * h):
            out[ln.start] = "gap"
    return out


# ---- tables ---------------------------------------------------------------------------

# Title rows (one cell) skipped, at most, before a table's header row.
HEADER_SEARCH_ROWS = 8


@dataclass
class Table:
    header: tuple[int, int] | None  # the header row's range, or None
    rows: list[tuple[int, int]]  # ranges of the data rows, in order


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _looks_like_header(line: str) -> bool:
    cells = [c for c in _cells(line) if c]
    if len(cells) < 2:
        return False
    return not any(re.fullmatch(r"[\d.,\-/%:() Rp]+", c) for c in cells)


def tables(text: str, source: str) -> list[Table]:
    """Tables of a page's text: runs of lines with tab-separated cells (two lines or more);
    on spreadsheet pages every line is a row. A run's header is its first row of two cells or
    more (after up to :data:`HEADER_SEARCH_ROWS` title rows of one cell, which stand alone)
    when none of its cells is a number."""
    out: list[Table] = []
    run: list[tuple[int, int]] = []
    pos = 0
    all_rows = source == "cell"

    def close() -> None:
        if len(run) >= 2 or (all_rows and run):
            # the header is the first row of column names; title rows above it (one cell each:
            # a sheet's title, the agency, the year) are rows of their own, without context
            k = 0
            while k < min(len(run) - 1, HEADER_SEARCH_ROWS) and len([c for c in _cells(text[slice(*run[k])]) if c]) <= 1:
                k += 1
            if not (k + 1 < len(run) and _looks_like_header(text[slice(*run[k])])):
                k = None
            if k is None:
                out.append(Table(header=None, rows=list(run)))
            else:
                if k:
                    out.append(Table(header=None, rows=run[:k]))
                out.append(Table(header=run[k], rows=run[k + 1:]))
        run.clear()

    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if not raw.strip():
            if not all_rows:
                close()
            continue
        if all_rows or "\t" in raw.strip("\t ") or (run and raw.count("\t") >= 2):
            # a row with one filled cell (a group heading) inside a table is still a row
            run.append((a, b))
        else:
            close()
    close()
    return out


def header_context(text: str, header: tuple[int, int] | None) -> str | None:
    """A table header as context: its column names joined by ' | '."""
    if header is None:
        return None
    return " | ".join(c for c in _cells(text[header[0]:header[1]]) if c) or None


# ---- boxes ----------------------------------------------------------------------------

def line_boxes(page: Page, start: int, end: int) -> list[BBox]:
    """Boxes of the lines of characters ``[start, end)``: a new box at a line break, when the
    next character stands on another baseline, or when it jumps left (another column)."""
    boxes = page.char_boxes
    if not boxes:
        return []
    text = page.text
    n = len(text)
    out: list[tuple[float, float, float, float]] = []
    have = False
    x0 = y0 = x1 = y1 = 0.0
    lo = hi = left = 0.0  # the line's limits, recomputed only when its box grows
    a = max(0, start)
    for i, b in enumerate(boxes[a:min(end, len(boxes))], a):  # the hot loop of segmentation: plain locals
        if b is None:
            if have and i < n and text[i] == "\n":
                out.append((x0, y0, x1, y1))
                have = False
            continue
        bx0, by0, bx1, by1 = b
        if have:
            cy = (by0 + by1) / 2
            if cy < lo or cy > hi or bx1 < left:
                out.append((x0, y0, x1, y1))
                have = False
        if not have:
            x0, y0, x1, y1 = bx0, by0, bx1, by1
            have = True
            q = 0.25 * (y1 - y0)
            lo, hi, left = y0 - q, y1 + q, x0 - 1
            continue
        if bx0 < x0:
            x0 = bx0
            left = x0 - 1
        if bx1 > x1:
            x1 = bx1
        if by0 < y0 or by1 > y1:
            if by0 < y0:
                y0 = by0
            if by1 > y1:
                y1 = by1
            q = 0.25 * (y1 - y0)
            lo, hi = y0 - q, y1 + q
    if have:
        out.append((x0, y0, x1, y1))
    return [(round(a, 2), round(b, 2), round(c, 2), round(d, 2)) for a, b, c, d in out]


def union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# ---- OCR confidence -------------------------------------------------------------------

# A quote whose OCR words average below this confidence (0-1) is marked as read from a poor scan.
LOW_QUOTE_CONFIDENCE = 0.70


def low_confidence(conf: float | None) -> bool:
    return conf is not None and conf < LOW_QUOTE_CONFIDENCE


def passage_extras(row: dict) -> dict:
    """What an evidence link shows of its passage beside the box: the passage's line boxes,
    its OCR confidence and whether that is low, and a table row's column names. ``row`` is a
    stored passage (``boxes_json``, ``ocr_confidence``, ``context`` columns, any may be absent)."""
    import json

    raw = row.get("boxes_json")
    conf = row.get("ocr_confidence")
    return {"boxes": json.loads(raw) if raw else None, "ocr_confidence": conf,
            "low_confidence": low_confidence(conf), "context": row.get("context")}
