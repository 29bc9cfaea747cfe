"""Table detection gives exactly what the straightforward code gave.

:func:`evidence_mapper.ingest.tablecells.rebuild` finds words, visual lines, areas and rows on
whole arrays and stops early on pages that cannot hold a table; the plain code it replaced
(word boxes one reduction per edge, lines and areas built in loops, gutters recomputed line by
line, the rewrite copied line by line; rows are grouped by the module's own code) is kept here as the reference. Both must give the same
text, boxes and extras on every page of the sample corpus and on generated tables (with
wrapped cells, prose around them, words emitted out of order, characters without boxes).
"""

from __future__ import annotations

import random
from bisect import bisect_left  # noqa: F401  (the reference mirrors the module)
from pathlib import Path

import numpy as np
import pytest

from evidence_mapper.ingest import Limits, ingest_file
from evidence_mapper.ingest import pdf as P
from evidence_mapper.ingest import tablecells as T

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


# ---- the reference: the plain code -------------------------------------------------------

def _ref_rebuild(text, boxes, extras=None):
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
    starts = np.nonzero(word & ~prev)[0]
    ends = np.nonzero(word & ~nxt)[0] + 1
    with np.errstate(invalid="ignore"):
        x0 = np.fmin.reduceat(boxes[:, 0], starts)
        y0 = np.fmin.reduceat(boxes[:, 1], starts)
        x1 = np.fmax.reduceat(boxes[:, 2], starts)
        y1 = np.fmax.reduceat(boxes[:, 3], starts)
    ok = ~(np.isnan(x0) | np.isnan(y0) | np.isnan(x1) | np.isnan(y1))
    ids = np.nonzero(ok)[0]
    if len(ids) < 2 * T.MIN_ROWS:
        return None
    h = y1[ids] - y0[ids]
    hm = float(np.median(h))
    if hm <= 0:
        return None
    yc = (y0[ids] + y1[ids]) / 2
    order = np.argsort(yc, kind="stable")
    ys = yc[order]
    line_of_sorted = np.concatenate(([0], np.cumsum(np.diff(ys) > T.SAME_LINE * hm)))
    line_id = np.empty(len(ids), dtype=np.int64)
    line_id[order] = line_of_sorted
    o2 = np.lexsort((x0[ids], line_id))
    w = ids[o2]
    lid = line_id[o2]
    same = lid[1:] == lid[:-1]
    gaps = x0[w[1:]] - x1[w[:-1]]
    big = same & (gaps > T.CELL_GAP * hm)
    if big.any():
        starts_w = np.concatenate(([0], np.flatnonzero(~same) + 1))
        padded = np.where(same, gaps, np.inf)
        narrowest = np.minimum.reduceat(np.append(padded, np.inf), starts_w)
        big &= (gaps > T.SPREAD * narrowest[lid[:-1]]) | (gaps > T.WIDE_GAP * hm)
    gap_lines, per_line = np.unique(lid[1:][big], return_counts=True)
    if len(gap_lines) < T.MIN_ROWS or np.count_nonzero(per_line >= T.MIN_COLUMNS - 1) < 2:
        return None
    near = np.diff(gap_lines) <= T.MAX_CONTINUATION + 1
    if not T._has_run(near, T.MIN_ROWS - 1):
        return None
    lines, segs = [], []
    wl, ll, bl = w.tolist(), lid.tolist(), big.tolist()
    for k, wi in enumerate(wl):
        if k == 0 or ll[k] != ll[k - 1]:
            lines.append([wi])
            segs.append(1)
        else:
            lines[-1].append(wi)
            if bl[k - 1]:
                segs[-1] += 1
    X0, Y0, X1, Y1 = x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist()
    top = [min(Y0[i] for i in ln) for ln in lines]
    bot = [max(Y1[i] for i in ln) for ln in lines]
    areas = _ref_areas(lines, segs, top, bot, X0, X1, hm)
    if not areas:
        return None
    word_text = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    tables = []
    for run, gutters in areas:
        rows = T._rows(run, lines, gutters, X0, X1, word_text, top, bot, hm)
        if rows is not None:
            tables.append((run, rows))
    if not tables:
        return None
    return _ref_rewrite(text, boxes, extras, starts.tolist(), ends.tolist(), lines, tables)


def _ref_areas(lines, segs, top, bot, X0, X1, hm):
    out, area, spans, pending = [], [], [], []

    def across(k, gut):
        return any(a < g1 - (g1 - g0) / 4 and b > g0 + (g1 - g0) / 4
                   for a, b in [(X0[i], X1[i]) for i in lines[k]] for g0, g1 in gut)

    def close():
        multi = sum(1 for k in area if segs[k] >= 2)
        gut = T._gaps(T._merge([], [(X0[i], X1[i]) for k in area for i in lines[k]]), hm)
        if not (multi >= T.MIN_ROWS and len(gut) + 1 >= T.MIN_COLUMNS):
            return
        tail = []
        for q in pending:
            prev = (tail or area)[-1]
            if top[q] - bot[prev] > T.TIGHT * hm or across(q, gut):
                break
            if any((X0[i] + X1[i]) / 2 < gut[0][0] for i in lines[q]):
                break
            tail.append(q)
        if tail:
            more = T._gaps(T._merge([], [(X0[i], X1[i]) for k in area + tail for i in lines[k]]), hm)
            if len(more) == len(gut):
                out.append((area + tail, more))
                return
        out.append((list(area), gut))

    def start(k):
        area[:] = [k]
        spans[:] = T._merge([], [(X0[i], X1[i]) for i in lines[k]])
        pending.clear()

    for k in range(len(lines)):
        mine = [(X0[i], X1[i]) for i in lines[k]]
        last = (pending or area)[-1] if area else None
        if last is not None and top[k] - bot[last] > T.MAX_ROW_GAP * hm:
            close()
            area.clear()
            pending.clear()
        if segs[k] < 2:
            if not area:
                continue
            gut = T._gaps(spans, hm, T.CELL_GAP)
            multi = sum(1 for j in area if segs[j] >= 2)
            if (across(k, gut) and multi >= 2) or len(pending) >= T.MAX_CONTINUATION:
                close()
                area.clear()
                pending.clear()
                continue
            pending.append(k)
            continue
        if not area:
            start(k)
            continue
        old = T._gaps(spans, hm, T.CELL_GAP)
        new_spans = T._merge(spans, mine)
        new = T._gaps(new_spans, hm, T.CELL_GAP)
        kept = all(any(n0 < g1 and n1 > g0 for n0, n1 in new) for g0, g1 in old)
        multi = sum(1 for j in area if segs[j] >= 2)
        if multi == 1 and any(across(q, new) for q in pending):
            kept = None
        if kept is not None and (kept or (multi < T.MIN_ROWS and len(T._gaps(new_spans, hm)) + 1 >= T.MIN_COLUMNS)):
            area.extend(pending)
            pending.clear()
            area.append(k)
            spans[:] = new_spans
            continue
        close()
        start(k)
    if area:
        close()
    return out


def _ref_rewrite(text, boxes, extras, starts, ends, lines, tables):
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    n = len(codes)
    word_owner = np.full(len(starts) + 1, -1, dtype=np.int64)
    for t, (run, _) in enumerate(tables):
        word_owner[[i for k in run for i in lines[k]]] = t
    blank = (codes <= 0x20) | (codes == 0xA0) | (codes == 0x3000)
    first = np.zeros(n, dtype=np.int64)
    first[np.asarray(starts, dtype=np.int64)] = 1
    char_word = np.cumsum(first) - 1
    char_word[blank] = len(starts)
    owner = word_owner[char_word]
    breaks = np.flatnonzero(codes == 0x0A)
    line_a = np.concatenate(([0], breaks + 1))
    line_b = np.concatenate((breaks, [n]))
    owned = np.concatenate(([0], np.cumsum(owner >= 0)))
    has = np.flatnonzero((owned[line_b] - owned[line_a]) > 0)
    parts, placed, cur = [], set(), 0
    for a, b in zip(line_a[has].tolist(), line_b[has].tolist()):
        parts.append(np.arange(cur, a))
        own = owner[a:b]
        for t in sorted(set(own[own >= 0].tolist())):
            if t not in placed:
                placed.add(t)
                for row in tables[t][1]:
                    ln = []
                    for c, cell in enumerate(row):
                        if c:
                            ln.append(-3)
                        for k, i in enumerate(cell):
                            if k:
                                ln.append(-1)
                            ln.extend(range(starts[i], ends[i]))
                    parts.append(np.asarray(ln, dtype=np.int64))
                    parts.append(np.array([-2], dtype=np.int64))
        kept = np.flatnonzero(own < 0) + a
        if len(kept) and not blank[kept].all():
            parts.append(kept)
            cur = b
        else:
            cur = b + 1
    parts.append(np.arange(cur, n))
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


# ---- the comparison ----------------------------------------------------------------------

def _same(got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return (got[0] == want[0] and got[1].shape == want[1].shape and np.array_equal(got[1], want[1], equal_nan=True)
            and got[2] == want[2])


def _sample_pages(monkeypatch) -> list[tuple[str, np.ndarray]]:
    """(text, boxes) of every text page of the corpus's PDFs, as page_text hands them over."""
    seen = []
    real = P._table_rows

    def spy(text, boxes):
        seen.append((text, boxes.copy()))
        return real(text, boxes)

    monkeypatch.setattr(P, "_table_rows", spy)
    files = sorted((CORPUS / "sample").glob("*.pdf")) + sorted((CORPUS / "topology").glob("*.pdf"))
    assert files
    for f in files:
        ingest_file(f, Limits(ocr=False))
    return seen


def test_sample_corpus_pages_give_what_the_plain_code_gave(monkeypatch):
    pages = _sample_pages(monkeypatch)
    changed = 0
    for text, boxes in pages:
        want = _ref_rebuild(text, boxes)
        assert _same(T.rebuild(text, boxes), want), text[:200]
        changed += want is not None
    assert changed >= 5 and changed < len(pages)  # tables and pages without one both checked


WORDS = ("Belanja Modal Server Jaringan Pusat Data Aplikasi Layanan SPBE Dinas Komunikasi Informatika "
         "Pengelolaan Keamanan Informasi Arsitektur Peta Rencana Audit Tata Kelola").split()


def _page(rng: random.Random, extras: bool):
    """A page of text and boxes: prose lines, then a table of random columns (some cells
    wrapped over lines, some empty, numbered rows or not), then prose; the lines of a table
    row emitted cell by cell or line by line; some characters without a box."""
    lines: list[list[tuple[str, float, float]]] = []  # per emitted line: (word, x, y)
    lh, cw = rng.choice([(10.0, 5.0), (12.0, 6.0), (8.0, 4.4)])
    y = 60.0

    def prose(k):
        nonlocal y
        for _ in range(k):
            x, ln = 60.0, []
            for wd in rng.sample(WORDS, rng.randint(4, 9)):
                ln.append((wd, x, y))
                x += (len(wd) + 1) * cw * rng.choice([1.0, 1.0, 1.3])
            lines.append(ln)
            y += lh * rng.choice([1.2, 1.2, 2.0])

    prose(rng.randint(0, 4))
    ncol = rng.randint(2, 5)
    xs = [60.0]
    for _ in range(ncol - 1):
        xs.append(xs[-1] + rng.choice([40, 90, 150, 200]))
    numbered = rng.random() < 0.6
    for r in range(rng.randint(2, 8)):
        cells = []
        for c in range(ncol):
            if c == 0 and numbered:
                cells.append([[f"{r + 1}."]] if r else [["No."]])
                continue
            if rng.random() < 0.15:
                cells.append([])
                continue
            nlines = rng.choice([1, 1, 1, 2, 3])
            cells.append([rng.sample(WORDS, rng.randint(1, 3)) for _ in range(nlines)])
        by_cell = rng.random() < 0.5
        height = max((len(c) for c in cells), default=1) or 1
        if by_cell:
            for c, cell in enumerate(cells):
                for k, ws in enumerate(cell):
                    x, ln = xs[c], []
                    for wd in ws:
                        ln.append((wd, x, y + k * lh * 1.2))
                        x += (len(wd) + 1) * cw
                    lines.append(ln)
        else:
            for k in range(height):
                ln = []
                for c, cell in enumerate(cells):
                    if k < len(cell):
                        x = xs[c]
                        for wd in cell[k]:
                            ln.append((wd, x, y + k * lh * 1.2))
                            x += (len(wd) + 1) * cw
                if ln:
                    lines.append(ln)
        y += height * lh * 1.2 + rng.choice([0, 2, 6])
    prose(rng.randint(0, 3))
    text, boxes = [], []
    for j, ln in enumerate(lines):
        if j:
            text.append("\n")
            boxes.append((np.nan,) * 4)
        for k, (wd, x, yy) in enumerate(ln):
            if k:
                text.append(" ")
                boxes.append((np.nan,) * 4)
            for i, ch in enumerate(wd):
                b = (round(x + i * cw, 2), round(yy, 2), round(x + (i + 1) * cw, 2), round(yy + lh, 2))
                boxes.append((np.nan,) * 4 if rng.random() < 0.01 else b)
                text.append(ch)
    arr = np.array(boxes, dtype=np.float64)
    ex = [[rng.random() for _ in text]] if extras else None
    return "".join(text), arr, ex


@pytest.mark.parametrize("seed", range(6))
def test_generated_tables_give_what_the_plain_code_gave(seed):
    rng = random.Random(seed)
    changed = 0
    for k in range(60):
        text, boxes, ex = _page(rng, extras=k % 3 == 0)
        want = _ref_rebuild(text, boxes, ex)
        assert _same(T.rebuild(text, boxes, ex), want), text
        changed += want is not None
    assert changed >= 10  # most generated pages hold a table


def test_median_is_numpys():
    rng = np.random.default_rng(1)
    for m in range(1, 60):
        h = np.round(rng.random(m) * 20, 2)
        assert T._median(h) == float(np.median(h))
