"""Can an image hold words worth reading? A quick look before any OCR.

Text PDFs carry many images whose words are not in the text layer: topology diagrams, scanned
annexes, screenshots, tables pasted as pictures. They also carry logos, stamps, signatures and
photos, which carry no words that matter and cost as much OCR. :func:`looks_like_text` tells
them apart on a small grey rendering (about 100 dpi) in a few milliseconds:

* ink is separated from the background (Otsu's threshold, in the polarity where ink is the
  minority, so white-on-dark labels count too);
* glyph-sized connected components (a few points high, not much wider than high) are kept;
* words are glyphs standing side by side on one baseline band, close together; lines of text are
  bands with several such glyphs.

An image is read when it has enough glyphs in text lines, and they are a real share of its ink
(a photo's texture makes glyph-sized specks too, but scattered, not in lines). The decision and
its figures are returned so the caller can note why an image was skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Rendering resolution of the look (dots per inch).
LOOK_DPI = 100
# Glyph height range, points (a 5-pt label to a 28-pt heading).
GLYPH_MIN_PT, GLYPH_MAX_PT = 3.0, 28.0
# A glyph's width is at most this many times its height (joined letters of a word in a bold font).
GLYPH_MAX_ASPECT = 4.0
# Glyphs side by side on a line are at most this many heights apart.
GLYPH_GAP = 1.6
# A text line has at least this many glyphs in a row.
LINE_MIN_GLYPHS = 4
# Read an image with at least this many glyphs in text lines...
MIN_LINE_GLYPHS = 12
# ... making up at least this share of its ink components (photos and drawings without labels
# have many components, few of them in lines).
MIN_LINE_SHARE = 0.15
# Prose: at least this many lines, holding at least this share of the ink components.
PROSE_MIN_LINES = 8
PROSE_MIN_SHARE = 0.5
# Glyph height, in pixels, the OCR resolution aims at: tesseract reads best with capital letters
# about 30 pixels high (its documentation on image quality).
TARGET_GLYPH_PX = 30.0


@dataclass(frozen=True)
class Look:
    text: bool
    glyphs: int  # glyph-sized components in text lines
    components: int  # ink components of any size
    lines: int
    reason: str
    glyph_pt: float = 0.0  # median height of the glyphs in lines, points

    @property
    def prose(self) -> bool:
        """Lines of running text (a pasted page, a table) rather than labels over a drawing."""
        return self.lines >= PROSE_MIN_LINES and self.glyphs >= PROSE_MIN_SHARE * self.components


def ocr_dpi(look: Look, floor: int, ceiling: int) -> int:
    """The resolution at which the image's glyphs are about ``TARGET_GLYPH_PX`` pixels high
    (what tesseract reads best), within [floor, ceiling]: small diagram labels get more pixels,
    a pasted page of prose fewer."""
    if look.glyph_pt <= 0:
        return ceiling
    return int(min(ceiling, max(floor, TARGET_GLYPH_PX / look.glyph_pt * 72)))


def _otsu(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    mt = m0[-1]
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def looks_like_text(gray: np.ndarray, dpi: float = LOOK_DPI) -> Look:
    """``gray``: a uint8 image (0 = black) rendered at ``dpi``."""
    from scipy import ndimage

    h, w = gray.shape[:2]
    px_per_pt = dpi / 72.0
    lo, hi = GLYPH_MIN_PT * px_per_pt, GLYPH_MAX_PT * px_per_pt
    if h < lo * 2 or w < lo * 4:
        return Look(False, 0, 0, 0, "too small to hold a line of text")
    if int(gray.max()) - int(gray.min()) < 40:
        return Look(False, 0, 0, 0, "flat image, no contrast")
    t = _otsu(gray)
    dark = gray <= t
    ink = dark if dark.mean() <= 0.5 else ~dark
    labels, n = ndimage.label(ink)
    if n == 0:
        return Look(False, 0, 0, 0, "no ink")
    boxes = ndimage.find_objects(labels)
    ys = np.array([(s[0].start, s[0].stop) for s in boxes], dtype=np.float64)
    xs = np.array([(s[1].start, s[1].stop) for s in boxes], dtype=np.float64)
    heights, widths = ys[:, 1] - ys[:, 0], xs[:, 1] - xs[:, 0]
    sizes = np.bincount(labels.ravel())[1:]
    specks = sizes < 3
    glyph = (heights >= lo) & (heights <= hi) & (widths <= GLYPH_MAX_ASPECT * heights) & ~specks
    components = int((~specks).sum())
    idx = np.nonzero(glyph)[0]
    if len(idx) < LINE_MIN_GLYPHS:
        return Look(False, 0, components, 0, f"{len(idx)} glyph-sized marks")
    # Glyphs in reading order by line band: sort by vertical centre, then chain neighbours.
    cy = (ys[idx, 0] + ys[idx, 1]) / 2
    order = idx[np.argsort(cy, kind="stable")]
    in_line = np.zeros(len(heights), dtype=bool)
    lines = 0
    bands: list[list[int]] = []
    centres = ((ys[:, 0] + ys[:, 1]) / 2).tolist()
    hl = heights.tolist()
    rc = rh = 0.0
    for g in order.tolist():
        c, hg = centres[g], hl[g]
        if bands and abs(c - rc) <= 0.5 * max(rh, hg):
            band = bands[-1]
            band.append(g)
            k = len(band)  # running means of the band's centre and height
            rc += (c - rc) / k
            rh += (hg - rh) / k
            continue
        bands.append([g])
        rc, rh = c, hg
    for band in bands:
        if len(band) < LINE_MIN_GLYPHS:
            continue
        band.sort(key=lambda k: xs[k, 0])
        run = [band[0]]
        for k in band[1:]:
            prev = run[-1]
            gap = xs[k, 0] - xs[prev, 1]
            if gap <= GLYPH_GAP * max(heights[k], heights[prev]) and abs(heights[k] - heights[prev]) <= 0.6 * max(
                    heights[k], heights[prev]):
                run.append(k)
                continue
            if len(run) >= LINE_MIN_GLYPHS:
                in_line[run] = True
                lines += 1
            run = [k]
        if len(run) >= LINE_MIN_GLYPHS:
            in_line[run] = True
            lines += 1
    glyphs = int(in_line.sum())
    share = glyphs / max(1, components)
    if glyphs < MIN_LINE_GLYPHS:
        return Look(False, glyphs, components, lines, f"{glyphs} marks in lines of text")
    if share < MIN_LINE_SHARE:
        return Look(False, glyphs, components, lines, f"marks in lines of text are {share:.0%} of the ink: a picture")
    glyph_pt = float(np.median(heights[in_line])) / px_per_pt
    return Look(True, glyphs, components, lines, f"{glyphs} marks in {lines} lines of text", round(glyph_pt, 2))
