"""Table rows on pages with positions (text PDFs, OCR pages): cells separated by tabs.

A text layer or an OCR read gives words with boxes but no cell separators, so a table row
comes out as words and spaces (a row whose cell wraps even comes out over several lines,
sometimes in another order). This module finds table areas from the boxes alone and
rewrites each of their rows as one line of cells separated by ``"\\t"``, the form the NLP
stage reads as a table row (one passage per row, the header row as its context, see
:mod:`..nlp.layout`). Every character keeps its own box: the rewritten text is a new order
of the same characters (plus inserted tabs, spaces and line breaks without a box), so
character offsets and boxes stay consistent.

How (cheap first, only pages that pass it pay for the rest):

* **Words and visual lines**: whitespace-separated words with the union box of their
  characters; words whose vertical centres lie within :data:`SAME_LINE` of a line height are
  one visual line (whatever order the text layer emitted them in), sorted left to right.
* **Quick test**: a visual line with a horizontal gap wider than :data:`CELL_GAP` line
  heights between two words (and than :data:`SPREAD` times the line's narrowest gap, so the
  even wide gaps of justified text are not cell gaps) has two *segments*. A page without
  :data:`MIN_ROWS` such lines close together, or without two lines of :data:`MIN_COLUMNS`
  segments, has no table and is returned unchanged (most prose pages stop here).
* **Areas**: grown line by line, top to bottom. **Gutters** are the x-intervals that no word
  of the area's several-segment lines covers; the columns lie between them. A line joins
  while the gutters as wide as a cell gap hold (before :data:`MIN_ROWS` lines they may
  still change); up to :data:`MAX_CONTINUATION` one-segment lines (wrapped cells) may stand
  between two lines of several segments, unless a word of theirs lies across the middle of
  a gutter (a title, a sentence); a vertical gap over :data:`MAX_ROW_GAP` line heights ends
  an area. Under the area's first line alone (short column names leave wide gutters) such a
  line waits for the next line of several segments and is judged against the gutters both
  leave. One-segment lines right under the last row, set tight (:data:`TIGHT`), outside the
  first column and across no gutter, end the area (its last row's wrapped cell).
* **Not a table**: fewer than :data:`MIN_COLUMNS` columns (a numbered or lettered list, a
  "label: value" pair, two-column prose), a column of only colons (forms, "Menimbang : a.
  bahwa"), or every column holding long text (a page set in three columns of prose).
* **Rows**: a line whose first column is empty, which holds no number, code or amount, and
  which fills only some of the columns the row's first line fills continues the row above (a
  wrapped cell); any other line starts a new row. The lines above the first line with a
  number (at most :data:`MAX_HEADER_LINES`, when numbered rows follow) are one header row,
  so a header spanning two lines stays one row of column names.
* **Centred rows**: in a tall row whose one-line cells (number, amount) are centred, the
  wrapped cell's first lines stand above the row's first line. Lines closing the row above
  that stand tight to the new row and apart from the row above (by :data:`CENTRED_GAP` line
  heights more) move to the new row when its wrapped cells go on below its first line,
  centred on it; otherwise rows are grouped without moving them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

# Words whose vertical centres differ by less than this share of the line height share a line.
SAME_LINE = 0.45
# A gap between two words of a line wider than this many line heights separates two cells.
CELL_GAP = 0.8
# ... and more than this many times the line's narrowest gap between words (justified text
# spreads its gaps evenly), unless it is wider than WIDE_GAP line heights.
SPREAD = 2.0
WIDE_GAP = 3.0
# A gutter (an x-interval no word of the area covers) is at least this many line heights wide.
MIN_GUTTER = 0.4
# An area needs this many lines with two cells or more, and this many columns.
MIN_ROWS = 3
MIN_COLUMNS = 3
# Lines of one cell (wrapped cells) allowed between two lines of several cells.
MAX_CONTINUATION = 3
# A vertical gap of more than this many line heights ends an area.
MAX_ROW_GAP = 2.5
# Lines set at most this many line heights apart are lines of one cell (tight leading).
TIGHT = 0.5
# A row's first lines stand apart from the row above by at least this many line heights more
# than they do from each other (a tall row whose one-line cells are centred).
CENTRED_GAP = 0.2
# Header lines (without numbers) merged into one header row.
MAX_HEADER_LINES = 3
# When every column's median cell holds at least this many characters, the area is prose
# set in columns, not a table.
PROSE_CELL_CHARS = 20

_KEY = re.compile(r"^(?=.*\d)[\d.,:;()\-/%=xX+*' ]*(?:Rp\.?)?[\d.,:;()\-/%=xX+*' ]*$|^[IVXLC]{1,5}\.?$|^[a-zA-Z][.)]$")
_COLON = {":", "=", "：", "-"}


def is_key(cell: str) -> bool:
    """A number, a code, an amount or an enumerator ("1.", "5.2.2.01.", "121.500,00",
    "Rp 2.000", "IV", "a.")."""
    return bool(_KEY.match(cell.strip()))


def rebuild(text: str, boxes: np.ndarray, extras: list[list] | None = None
            ) -> tuple[str, np.ndarray, list[list] | None] | None:
    """The page text with its table rows as tab-separated cells, the boxes (``(n, 4)``:
    x0, y0, x1, y1, top-left origin, NaN where a character has none) and ``extras`` (lists
    with one value per character, such as OCR confidences) in the new order; None when the
    page has no table (nothing to change)."""
    n = len(text)
    if n == 0 or boxes.shape[0] != n:
        return None
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    space = (codes <= 0x20) | (codes == 0xA0) | (codes == 0x3000)
    word = ~space
    if not word.any():
        return None
    prev = np.concatenate(([False], word[:-1]))
    nxt = np.concatenate((word[1:], [False]))
    starts = np.flatnonzero(word & ~prev)
    ends = np.flatnonzero(word & ~nxt) + 1
    # the union box of each word (its characters up to the next word: spaces have no box)
    with np.errstate(invalid="ignore"):
        lo = np.fmin.reduceat(boxes[:, :2], starts, axis=0)
        hi = np.fmax.reduceat(boxes[:, 2:4], starts, axis=0)
    x0, y0, x1, y1 = lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1]
    ids = np.flatnonzero(~(np.isnan(lo).any(axis=1) | np.isnan(hi).any(axis=1)))
    if len(ids) < 2 * MIN_ROWS:
        return None
    wy0, wy1 = y0[ids], y1[ids]
    hm = _median(wy1 - wy0)
    if hm <= 0:
        return None
    yc = (wy0 + wy1) / 2
    order = np.argsort(yc, kind="stable")
    line_of_sorted = np.zeros(len(ids), dtype=np.int64)
    np.cumsum(np.diff(yc[order]) > SAME_LINE * hm, out=line_of_sorted[1:])
    line_id = np.empty(len(ids), dtype=np.int64)
    line_id[order] = line_of_sorted
    # words in (line, x) order
    o2 = np.lexsort((x0[ids], line_id))
    w = ids[o2]
    lid = line_id[o2]
    same = lid[1:] == lid[:-1]
    gaps = x0[w[1:]] - x1[w[:-1]]
    big = same & (gaps > CELL_GAP * hm)
    if np.count_nonzero(big) < 2 * (MIN_COLUMNS - 1):
        return None  # two lines of MIN_COLUMNS segments need this many cell gaps
    # justified text spreads its words evenly: a gap is a cell gap only when it is wider
    # than the line's narrowest gap between words (or very wide)
    starts_w = np.concatenate(([0], np.flatnonzero(~same) + 1))
    padded = np.where(same, gaps, np.inf)
    narrowest = np.minimum.reduceat(np.append(padded, np.inf), starts_w)
    big &= (gaps > SPREAD * narrowest[lid[:-1]]) | (gaps > WIDE_GAP * hm)
    counts = np.bincount(lid[:-1][big])
    gap_lines = np.flatnonzero(counts)
    if len(gap_lines) < MIN_ROWS or np.count_nonzero(counts >= MIN_COLUMNS - 1) < 2:
        return None
    # MIN_ROWS lines of several segments close together (at most MAX_CONTINUATION lines between)
    near = np.diff(gap_lines) <= MAX_CONTINUATION + 1
    if not _has_run(near, MIN_ROWS - 1):
        return None
    return _rebuild_slow(text, codes, space, boxes, extras, starts, ends, x0, y0, x1, y1, w, lid, big, hm,
                         starts_w)


def _median(h: np.ndarray) -> float:
    """``float(np.median(h))`` of a non-empty array without NaN, by one partition."""
    m = len(h)
    k = m // 2
    if m % 2:
        return float(np.partition(h, k)[k])
    p = np.partition(h, (k - 1, k))
    return float((p[k - 1] + p[k]) / 2)


def _has_run(flags: np.ndarray, n: int) -> bool:
    """True when ``flags`` holds ``n`` True values in a row."""
    if n <= 0:
        return True
    if len(flags) < n:
        return False
    c = np.concatenate(([0], np.cumsum(flags.astype(np.int64))))
    return bool(np.any(c[n:] - c[:-n] == n))


def _rebuild_slow(text, codes, space, boxes, extras, starts, ends, x0, y0, x1, y1, w, lid, big, hm, line_starts):
    # visual lines: lists of word indices (left to right) and their number of segments
    cut = line_starts[1:].tolist()
    wl = w.tolist()
    lines: list[list[int]] = [wl[i:j] for i, j in zip([0] + cut, cut + [len(wl)])]
    segs = (np.bincount(lid[:-1][big], minlength=len(lines)) + 1).tolist()
    top = np.minimum.reduceat(y0[w], line_starts).tolist()
    bot = np.maximum.reduceat(y1[w], line_starts).tolist()
    X0, X1 = x0.tolist(), x1.tolist()

    areas = _areas(lines, segs, top, bot, X0, X1, hm)
    if not areas:
        return None

    sl, el = starts.tolist(), ends.tolist()
    word_text = {i: text[sl[i]:el[i]] for run, _ in areas for k in run for i in lines[k]}
    tables = []
    for run, gutters in areas:
        rows = _rows(run, lines, gutters, X0, X1, word_text, top, bot, hm)
        if rows is not None:
            tables.append((run, rows))
    if not tables:
        return None
    return _rewrite(codes, space, boxes, extras, starts, sl, el, lines, tables)


def _merge(spans: list[tuple[float, float]], add: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for s, e in sorted(spans + add):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _gaps(spans: list[tuple[float, float]], hm: float, width: float = MIN_GUTTER) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in zip(spans, spans[1:]) if b[0] - a[1] >= width * hm]


def _areas(lines, segs, top, bot, X0, X1, hm) -> list[tuple[list[int], list[tuple[float, float]]]]:
    """Table areas, top to bottom: (line numbers, gutters). An area grows line by line while
    its gutters hold: once it has :data:`MIN_ROWS` lines of several segments, a line that
    would close a gutter as wide as a cell gap (or a one-segment line across one) ends it.
    Narrower gutters (a stripe that the few lines seen so far leave empty inside a column)
    may close as lines come."""
    out: list[tuple[list[int], list[tuple[float, float]]]] = []
    area: list[int] = []
    spans: list[tuple[float, float]] = []
    wide: list[tuple[float, float]] = []  # the gaps of spans as wide as a cell gap
    pending: list[int] = []
    multi = 0  # the area's lines of several segments

    def close() -> None:
        if multi < MIN_ROWS:
            return
        # the columns: gutters no word of the area covers (one-segment lines included)
        spans = _merge([], [(X0[i], X1[i]) for k in area for i in lines[k]])
        gut = _gaps(spans, hm)
        if len(gut) + 1 < MIN_COLUMNS:
            return
        # lines of one segment right under the last row, set tight (the last lines of a
        # wrapped cell), outside the first column and across no gutter, end it
        tail = []
        for q in pending:
            if top[q] - bot[(tail or area)[-1]] > TIGHT * hm or _across(lines[q], gut, X0, X1) \
                    or any((X0[i] + X1[i]) / 2 < gut[0][0] for i in lines[q]):
                break
            tail.append(q)
        if tail:
            with_tail = _gaps(_merge(spans, [(X0[i], X1[i]) for q in tail for i in lines[q]]), hm)
            if len(with_tail) == len(gut):
                out.append((area + tail, with_tail))
                return
        out.append((list(area), gut))

    for k in range(len(lines)):
        last = (pending or area)[-1] if area else None
        if last is not None and top[k] - bot[last] > MAX_ROW_GAP * hm:
            close()
            area.clear()
            pending.clear()
        if segs[k] < 2:
            if not area:
                continue
            if len(pending) >= MAX_CONTINUATION or (_across(lines[k], wide, X0, X1) and multi > 1):
                close()
                area.clear()
                pending.clear()
                continue
            # after the area's first line (a header of short column names) the gutters are
            # still wide: a line across one waits for the next line of several segments (a
            # wrapped cell centred in its row starts above the row's one-line cells)
            pending.append(k)
            continue
        mine = [(X0[i], X1[i]) for i in lines[k]]
        if area:
            new_spans = _merge(spans, mine)
            new = _gaps(new_spans, hm, CELL_GAP)
            kept = all(any(n0 < g1 and n1 > g0 for n0, n1 in new) for g0, g1 in wide)
            if multi == 1 and any(_across(lines[q], new, X0, X1) for q in pending):
                pass  # a title or a sentence under the first line: that line alone is no table
            elif kept or (multi < MIN_ROWS and len(_gaps(new_spans, hm)) + 1 >= MIN_COLUMNS):
                area.extend(pending)
                pending.clear()
                area.append(k)
                multi += 1
                spans[:] = new_spans
                wide[:] = new
                continue
            close()
        # a new area starts at this line
        area[:] = [k]
        multi = 1
        spans[:] = _merge([], mine)
        wide[:] = _gaps(spans, hm, CELL_GAP)
        pending.clear()
    if area:
        close()
    return out


def _across(line, gutters, X0, X1) -> bool:
    """A word of the line lies across a gutter: over its middle half (a wrapped cell may run
    a little into it)."""
    return any(X0[i] < g1 - (g1 - g0) / 4 and X1[i] > g0 + (g1 - g0) / 4 for i in line for g0, g1 in gutters)


def _rows(run, lines, gutters, X0, X1, word_text, top, bot, hm):
    """Rows of an area: each a list of cells, each cell a list of word indices; None when the
    area is not a table."""
    bounds = [(g0 + g1) / 2 for g0, g1 in gutters]
    ncol = len(bounds) + 1
    cells_by_line = []
    for k in run:
        cells: list[list[int]] = [[] for _ in range(ncol)]
        for i in lines[k]:
            cells[bisect_left(bounds, (X0[i] + X1[i]) / 2)].append(i)
        cells_by_line.append(cells)
    # drop columns that no line of the area fills
    used = [c for c in range(ncol) if any(cl[c] for cl in cells_by_line)]
    if len(used) < MIN_COLUMNS:
        return None
    cells_by_line = [[cl[c] for c in used] for cl in cells_by_line]
    ncol = len(used)
    strs = [[" ".join(word_text[i] for i in cell) for cell in cl] for cl in cells_by_line]
    if sum(1 for s in strs if sum(1 for c in s if c) >= MIN_COLUMNS) < 2:
        return None
    for c in range(ncol):
        filled = [s[c] for s in strs if s[c]]
        if filled and all(f in _COLON for f in filled):
            return None  # "label : value" forms, "Menimbang : a. bahwa ..."
    medians = []
    for c in range(ncol):
        lens = sorted(len(s[c]) for s in strs if s[c])
        medians.append(lens[len(lens) // 2] if lens else 0)
    if all(m >= PROSE_CELL_CHARS for m in medians):
        return None  # prose set in columns
    keyed = [any(is_key(c) for c in s if c) for s in strs]
    fills = [{c for c in range(ncol) if cl[c]} for cl in cells_by_line]
    tops = [top[k] for k in run]
    bots = [bot[k] for k in run]
    held: set[int] = set()
    while True:
        groups, failed = _group(cells_by_line, keyed, fills, tops, bots, hm, held)
        if not failed:
            break
        held |= failed
    return [[[i for j in g for i in cells_by_line[j][c]] for c in range(ncol)] for g in groups]


def _group(cells_by_line, keyed, fills, tops, bots, hm, held):
    """The lines of each row (area line numbers, top to bottom), and the lines that started a
    row with lines pulled up from the row above that did not prove a centred row (to be
    grouped again without pulling)."""
    rows: list[list[int]] = []
    # header: the lines above the first line with a number, merged (when few and followed by rows)
    first = next((j for j, kd in enumerate(keyed) if kd), None)
    start = 0
    if first is not None and 1 < first <= MAX_HEADER_LINES:
        rows.append(list(range(first)))
        start = first
    row_cols: set[int] = set()  # the columns the first lines of the current row fill
    pulled: list[tuple[int, int]] = []  # (row, lines pulled up into it)
    m = 0  # lines pulled up into the current row
    for j in range(start, len(cells_by_line)):
        cl = cells_by_line[j]
        cols = fills[j]
        # a wrapped cell's next line: no first cell, no number, and only some of the
        # columns the row's first line fills (a form's next label and value fill them all)
        if rows and row_cols and not cl[0] and not keyed[j] and cols < row_cols:
            rows[-1].append(j)
            continue
        # (never the row above's own first line, nor the lines it pulled up)
        up = [] if j in held or not rows else _pull_up(rows[-1][m:], j, cells_by_line, keyed, tops, bots, hm)
        if up:
            del rows[-1][-len(up):]
            pulled.append((len(rows), len(up)))
        rows.append(up + [j])
        m = len(up)
        row_cols = cols.union(*(fills[q] for q in up))
    failed = set()
    for r, n_up in pulled:
        row = rows[r]
        above = set().union(*(fills[q] for q in row[:n_up]))
        rest = set().union(*(fills[q] for q in row[n_up:]))
        # centred: the wrapped cells go on below the row's line, and their lines are centred
        # on it (as many below as above)
        tall = [q for q in row if fills[q] & above]
        mid = (tops[tall[0]] + bots[tall[-1]]) / 2
        if not above <= rest or abs(mid - (tops[row[n_up]] + bots[row[n_up]]) / 2) > CENTRED_GAP * hm:
            failed.add(row[n_up])
    return rows, failed


def _pull_up(prev: list[int], j: int, cells_by_line, keyed, tops, bots, hm) -> list[int]:
    """The last lines of the row above that belong to the row starting at line ``j``: a tall
    row whose one-line cells are centred has its wrapped cells' first lines above them, set
    tight to the row and apart from the row above (by :data:`CENTRED_GAP` line heights more)."""
    if len(prev) < 2:
        return []
    seq = prev + [j]
    gaps = [tops[b] - bots[a] for a, b in zip(seq, seq[1:])]
    cut = max(range(len(prev) - 1), key=lambda k: gaps[k])  # the row boundary: after seq[cut]
    if gaps[cut] <= max(gaps[cut + 1:]) + CENTRED_GAP * hm or max(gaps[cut + 1:]) > TIGHT * hm:
        return []
    up = prev[cut + 1:]
    if any(cells_by_line[q][0] or keyed[q] for q in up):
        return []
    return up


def _rewrite(codes, space, boxes, extras, starts, sl, el, lines, tables):
    """The new order of characters: each table's rows (cells by tabs) where its first word
    stood in the text, its words removed elsewhere, lines left empty dropped."""
    n = len(codes)
    word_owner = np.full(len(starts) + 1, -1, dtype=np.int64)  # table of each word (last: none)
    for t, (run, _) in enumerate(tables):
        word_owner[[i for k in run for i in lines[k]]] = t
    first = np.zeros(n, dtype=np.int64)
    first[starts] = 1
    char_word = np.cumsum(first) - 1  # the word each character is in (or follows)
    char_word[space] = len(starts)  # spaces belong to no word
    owner = word_owner[char_word]  # table of each character's word, -1 for none
    # the text line of each character, its line break included
    brk = codes == 0x0A
    line_of = np.cumsum(brk) - brk
    nlines = int(line_of[-1]) + 1
    mine = owner >= 0
    owned = np.bincount(line_of[mine], minlength=nlines)
    rest = np.bincount(line_of[~mine & ~space], minlength=nlines)
    # a line whose characters all went to tables (blanks aside) goes, with its line break
    gone = (owned > 0) & (rest == 0)
    kept = np.flatnonzero(~mine & ~gone[line_of])
    # each table where the line of its first character starts (tables of one line in order)
    line_a = np.concatenate(([0], np.flatnonzero(brk) + 1))
    first_char = np.full(len(tables), n, dtype=np.int64)
    np.minimum.at(first_char, owner[mine], np.flatnonzero(mine))
    at = line_a[line_of[first_char]]
    parts: list[np.ndarray] = []  # original index per new character; -1 space, -2 break, -3 tab
    cur = 0
    for t in sorted(range(len(tables)), key=lambda t: (at[t], t)):
        cut = int(np.searchsorted(kept, at[t]))
        parts.append(kept[cur:cut])
        cur = max(cur, cut)
        parts.append(_table_index(tables[t][1], sl, el))
    parts.append(kept[cur:])
    idx = np.concatenate(parts)
    src = idx >= 0
    out = np.empty(len(idx), dtype=np.uint32)
    out[src] = codes[idx[src]]
    out[idx == -1] = 0x20
    out[idx == -2] = 0x0A
    out[idx == -3] = 0x09
    nb = np.full((len(idx), boxes.shape[1]), np.nan)
    nb[src] = boxes[idx[src]]
    new_extras = None
    if extras is not None:
        il = idx.tolist()
        new_extras = [[(e[i] if i >= 0 else None) for i in il] for e in extras]
    return out.tobytes().decode("utf-32-le"), nb, new_extras


def _table_index(rows, sl, el) -> np.ndarray:
    """The table's rows, one line each: original character indices, -3 for a tab between
    cells, -1 for a space between words, -2 for the line break after each row."""
    first: list[int] = []  # per piece: its first index (or its mark), and its length
    size: list[int] = []
    for row in rows:
        for c, cell in enumerate(row):
            if c:
                first.append(-3)
                size.append(1)
            for k, i in enumerate(cell):
                if k:
                    first.append(-1)
                    size.append(1)
                first.append(sl[i])
                size.append(el[i] - sl[i])
        first.append(-2)
        size.append(1)
    f = np.asarray(first, dtype=np.int64)
    z = np.asarray(size, dtype=np.int64)
    offset = np.cumsum(z) - z
    # within a piece the index counts up from its first one; a mark's piece has one value
    return np.repeat(f - offset, z) + np.arange(int(z.sum()), dtype=np.int64)
