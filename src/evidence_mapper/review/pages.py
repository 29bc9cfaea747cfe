"""Page images for the review viewer, rendered on demand and cached under ``WS/cache/pages``.

PDFs are rendered with pdfium from the kept original (``WS/files/<sha256>``); images from
their bytes; anything else (and documents whose original is not kept, such as archive
members) from the stored page text, drawn at its character boxes when there are any.
Boxes everywhere are PDF points, top-left origin, so the viewer places a highlight at
``x / page width`` whatever the pixel size of the image.

Every rendering stays within a pixel budget (``Limits.view_max_pixels``, never above the
ingest budget ``Limits.max_pixels``): a huge page is drawn at a lower scale, never at 1.5x.
At most ``RENDER_SLOTS`` pages are drawn at once, and one page once however many ask for it.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import textwrap
import threading
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..ingest.limits import Limits
from ..store import Workspace, decode_boxes, perms

SHA = re.compile(r"^[0-9a-f]{64}$")
SCALE = 1.5  # pixels per point (108 dpi)
A4 = (595.0, 842.0)
_LIMITS = Limits()
MAX_PIXELS = min(_LIMITS.view_max_pixels, _LIMITS.max_pixels)
RENDER_SLOTS = 2  # pages drawn at the same time (each holds up to MAX_PIXELS x 4 bytes)
_SLOTS = threading.BoundedSemaphore(RENDER_SLOTS)
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"]


class PageNotFound(LookupError):
    pass


def page_size(ws: Workspace, sha: str, page: int) -> tuple[float, float]:
    rows = list(ws.db.query("select width, height from pages where doc_sha256 = ? and number = ?", [sha, page]))
    if not rows:
        raise PageNotFound(f"{sha[:12]} page {page}")
    w, h = rows[0]["width"], rows[0]["height"]
    return (float(w), float(h)) if w and h else A4


def scale_for(w: float, h: float, max_pixels: int = MAX_PIXELS) -> float:
    """Pixels per point for a ``w`` x ``h`` pt page: ``SCALE``, lowered so the image stays
    within ``max_pixels`` (and at least one pixel a side)."""
    w, h = max(float(w or 1), 1.0), max(float(h or 1), 1.0)
    s = SCALE
    if w * s * h * s > max_pixels:
        s = math.sqrt(max_pixels / (w * h)) * 0.999
    return max(s, 1e-6)


def _dims(w: float, h: float, s: float) -> tuple[int, int]:
    return max(1, int(w * s)), max(1, int(h * s))


def _font(size: int):
    size = max(4, min(int(size), 72))
    for f in _FONTS:
        if os.path.exists(f):
            return ImageFont.truetype(f, size)
    return ImageFont.load_default(size=size)


def _render_text(text: str, boxes, size: tuple[float, float]) -> Image.Image:
    w, h = size
    k = scale_for(w, h)  # pixels per point, lowered for a huge page
    img = Image.new("RGB", _dims(w, h, k), "white")
    draw = ImageDraw.Draw(img)
    if boxes and any(boxes):
        fonts: dict[int, object] = {}
        for ch, b in zip(text, boxes):
            if not b or ch.isspace():
                continue
            px = max(4, int((b[3] - b[1]) * k * 0.85))
            f = fonts.get(px) or fonts.setdefault(px, _font(px))
            draw.text((b[0] * k, b[1] * k), ch, fill="black", font=f)
        return img
    f = _font(int(10 * k))
    y = 40 * k
    for para in text.splitlines():
        for line in textwrap.wrap(para, 95) or [""]:
            if y > (h - 30) * k:
                draw.text((40 * k, y), "…", fill="black", font=f)
                return img
            draw.text((40 * k, y), line, fill="black", font=f)
            y += 14 * k
    return img


def render_page(ws: Workspace, sha: str, page: int) -> Image.Image:
    doc = ws.db["documents"].get(sha)
    size = page_size(ws, sha, page)
    orig = ws.path / "files" / sha
    media = doc["media_type"] or ""
    if orig.is_file() and media == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(orig))
        try:
            if not 1 <= page <= len(pdf):
                raise PageNotFound(f"{sha[:12]} page {page}")
            pg = pdf[page - 1]
            pw, ph = pg.get_size()
            return pg.render(scale=scale_for(pw, ph)).to_pil().convert("RGB")
        finally:
            pdf.close()
    if orig.is_file() and media.startswith("image/"):
        with Image.open(orig) as im:
            try:
                im.seek(page - 1)
            except EOFError as e:
                raise PageNotFound(f"{sha[:12]} page {page}") from e
            want = _dims(size[0], size[1], scale_for(*size))
            im.draft("RGB", want)  # JPEG: decode at a reduced size where possible
            return im.convert("RGB").resize(want)
    rows = list(ws.db.query("select text, char_boxes from pages where doc_sha256 = ? and number = ?", [sha, page]))
    return _render_text(rows[0]["text"] or "", decode_boxes(rows[0]["char_boxes"]), size)


def page_png(ws: Workspace, sha: str, page: int) -> Path:
    """The cached PNG of one page (rendered on first use). Raises PageNotFound."""
    if not SHA.match(sha or "") or not isinstance(page, int) or page < 1:
        raise PageNotFound("bad page reference")
    if not ws.db["documents"].count_where("sha256 = ?", [sha]):
        raise PageNotFound(f"{sha[:12]}: unknown document")
    page_size(ws, sha, page)
    cache = ws.path / "cache" / "pages"
    out = cache / f"{sha}-{page}.png"
    if out.is_file():
        return out
    perms.private_dir(cache, ws.path)
    key = str(out)
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(key, threading.Lock())
    with lock:  # one rendering of a page, however many requests ask for it at once
        try:
            if out.is_file():
                return out
            with _SLOTS:
                img = render_page(ws, sha, page)
                fd, tmp = tempfile.mkstemp(dir=cache, suffix=".part")
                os.close(fd)
                try:
                    img.save(tmp, "PNG", optimize=False)
                    os.replace(tmp, out)
                finally:
                    img.close()
                    if os.path.exists(tmp):
                        os.unlink(tmp)
        finally:
            with _LOCKS_GUARD:
                _LOCKS.pop(key, None)
    return out
