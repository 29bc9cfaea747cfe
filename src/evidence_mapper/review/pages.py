"""Page images for the review viewer, rendered on demand and cached under ``WS/cache/pages``.

PDFs are rendered with pdfium from the kept original (``WS/files/<sha256>``); images from
their bytes; anything else (and documents whose original is not kept, such as archive
members) from the stored page text, drawn at its character boxes when there are any.
Boxes everywhere are PDF points, top-left origin, so the viewer places a highlight at
``x / page width`` whatever the pixel size of the image.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..store import Workspace, decode_boxes

SHA = re.compile(r"^[0-9a-f]{64}$")
SCALE = 1.5  # pixels per point (108 dpi)
A4 = (595.0, 842.0)
_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"]


class PageNotFound(LookupError):
    pass


def page_size(ws: Workspace, sha: str, page: int) -> tuple[float, float]:
    rows = list(ws.db.query("select width, height from pages where doc_sha256 = ? and number = ?", [sha, page]))
    if not rows:
        raise PageNotFound(f"{sha[:12]} page {page}")
    w, h = rows[0]["width"], rows[0]["height"]
    return (float(w), float(h)) if w and h else A4


def _font(size: int):
    size = max(4, min(int(size), 72))
    for f in _FONTS:
        if os.path.exists(f):
            return ImageFont.truetype(f, size)
    return ImageFont.load_default(size=size)


def _render_text(text: str, boxes, size: tuple[float, float]) -> Image.Image:
    w, h = size
    img = Image.new("RGB", (int(w * SCALE), int(h * SCALE)), "white")
    draw = ImageDraw.Draw(img)
    if boxes and any(boxes):
        fonts: dict[int, object] = {}
        for ch, b in zip(text, boxes):
            if not b or ch.isspace():
                continue
            px = max(4, int((b[3] - b[1]) * SCALE * 0.85))
            f = fonts.get(px) or fonts.setdefault(px, _font(px))
            draw.text((b[0] * SCALE, b[1] * SCALE), ch, fill="black", font=f)
        return img
    f = _font(int(10 * SCALE))
    y = 40 * SCALE
    for para in text.splitlines():
        for line in textwrap.wrap(para, 95) or [""]:
            if y > (h - 30) * SCALE:
                draw.text((40 * SCALE, y), "…", fill="black", font=f)
                return img
            draw.text((40 * SCALE, y), line, fill="black", font=f)
            y += 14 * SCALE
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
            return pdf[page - 1].render(scale=SCALE).to_pil().convert("RGB")
        finally:
            pdf.close()
    if orig.is_file() and media.startswith("image/"):
        with Image.open(orig) as im:
            try:
                im.seek(page - 1)
            except EOFError as e:
                raise PageNotFound(f"{sha[:12]} page {page}") from e
            return im.convert("RGB").resize((int(size[0] * SCALE), int(size[1] * SCALE)))
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
    cache.mkdir(parents=True, exist_ok=True)
    img = render_page(ws, sha, page)
    fd, tmp = tempfile.mkstemp(dir=cache, suffix=".part")
    os.close(fd)
    img.save(tmp, "PNG", optimize=False)
    os.replace(tmp, out)
    return out
