"""The image to OCR for one PDF page, and where it sits on the page.

A scanned page is usually one image covering the page. Its pixels are taken as they are
stored (``PdfImage.get_bitmap(render=False)``), turned and flipped to the page's displayed
orientation (page ``/Rotate`` and the image's placement matrix), which is faster than
rendering the page (measured: ~40-80 ms vs ~70-120 ms per A4 page at 300 dpi, see
benchmarks/ocr_vs_tesseract.py) and keeps the scan's own resolution. Anything else (no
page-covering image, a skewed placement, stored pixels that do not look like a small render
of the page, e.g. an inverted 1-bit /Decode or a stencil mask) falls back to rendering the
page at the OCR dpi.

All coordinates returned are PDF points on the *displayed* page, origin at the top-left.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageStat

from .ocr import Frame

# An image counts as "the scan" when it covers at least this share of the page.
SCAN_COVERAGE = 0.85
# Stored pixels are used only if their mean grey level is this close (0-255) to the render's.
MAX_GREY_DIFF = 40.0
# Keep the stored image unless it is more than this factor above the OCR dpi (then scale down);
# scale up images below MIN_DPI.
MAX_DPI_FACTOR = 1.5
MIN_DPI = 150


def display_transform(page: pdfium.PdfPage):
    """Function mapping PDF user-space (x, y) to displayed-page points, top-left origin."""
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    w0, h0 = cx1 - cx0, cy1 - cy0
    rot = page.get_rotation() % 360

    def f(x: float, y: float) -> tuple[float, float]:
        ux, uy = x - cx0, y - cy0
        if rot == 90:
            return uy, ux
        if rot == 180:
            return w0 - ux, uy
        if rot == 270:
            return h0 - uy, w0 - ux
        return ux, h0 - uy

    return f


def _images(page: pdfium.PdfPage) -> list[pdfium.PdfImage]:
    return list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def scan_image_object(page: pdfium.PdfPage):
    """The image object covering most of the page, with its displayed box, or None."""
    pw, ph = page.get_size()
    best = None
    for obj in _images(page):
        try:
            l, b, r, t = obj.get_bounds()
        except pdfium.PdfiumError:
            continue
        f = display_transform(page)
        xs, ys = zip(*(f(x, y) for x, y in ((l, b), (r, b), (l, t), (r, t))))
        x0, y0, x1, y1 = max(0, min(xs)), max(0, min(ys)), min(pw, max(xs)), min(ph, max(ys))
        area = max(0.0, x1 - x0) * max(0.0, y1 - y0)
        if best is None or area > best[0]:
            best = (area, obj, (x0, y0, x1, y1))
    if best is None or best[0] < SCAN_COVERAGE * pw * ph:
        return None
    return best[1], best[2]


def is_scan(page: pdfium.PdfPage) -> bool:
    """True when one image covers (nearly) the whole page: a scan, whatever text lies over it."""
    return scan_image_object(page) is not None


def _upright(obj: pdfium.PdfImage, page: pdfium.PdfPage, bitmap: Image.Image) -> Image.Image | None:
    """Stored pixels turned to the displayed orientation; None for a skewed placement."""
    a, b, c, d, e, f_ = obj.get_matrix().get()
    to = display_transform(page)
    # Pixel (0, 0) is the unit square's (0, 1); image x runs along (a, b), image y along (-c, -d).
    p00 = to(c + e, d + f_)
    px = to(a + c + e, b + d + f_)
    py = to(e, f_)
    dx = (px[0] - p00[0], px[1] - p00[1])
    dy = (py[0] - p00[0], py[1] - p00[1])
    eps = 1e-3 * (abs(dx[0]) + abs(dx[1]) + abs(dy[0]) + abs(dy[1]))
    if abs(dx[1]) <= eps and abs(dy[0]) <= eps:  # image x along page x
        img = bitmap
        if dx[0] < 0:
            img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        if dy[1] < 0:
            img = img.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        return img
    if abs(dx[0]) <= eps and abs(dy[1]) <= eps:  # image x along page y
        img = bitmap.transpose(Image.Transpose.TRANSPOSE)  # rows <-> columns
        if dx[1] < 0:
            img = img.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        if dy[0] < 0:
            img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        return img
    return None


def _plain(obj: pdfium.PdfImage) -> bool:
    """A JPEG/JPEG 2000 image in grey or RGB: its stored pixels are what the page shows
    (no 1-bit /Decode or /BlackIs1 inversion, no CMYK), so no check against a render."""
    try:
        filters = obj.get_filters()
        meta = obj.get_metadata()
    except pdfium.PdfiumError:
        return False
    return (len(filters) == 1 and filters[0] in ("DCTDecode", "JPXDecode") and meta.bits_per_pixel >= 8
            and meta.colorspace in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB))


def _looks_like_render(page: pdfium.PdfPage, img: Image.Image, box: tuple[float, float, float, float]) -> bool:
    """Sanity check against a small render: inverted or masked images look different."""
    x0, y0, x1, y1 = box
    thumb = page.render(scale=24 / 72, grayscale=True).to_pil()
    cropped = thumb.crop((round(x0 / 3), round(y0 / 3), round(x1 / 3), round(y1 / 3))) if x1 > x0 else thumb
    small = img.resize((max(1, cropped.width), max(1, cropped.height)), Image.Resampling.BOX)
    return abs(ImageStat.Stat(_grey(cropped)).mean[0] - ImageStat.Stat(small).mean[0]) <= MAX_GREY_DIFF


def _grey(img: Image.Image) -> Image.Image:
    return img if img.mode == "L" else img.convert("L")


def render_page(page: pdfium.PdfPage, dpi: int, max_pixels: int) -> tuple[Image.Image, Frame, int]:
    """The page rendered in grey at ``dpi``, lowered so the image stays under ``max_pixels``."""
    w, h = page.get_size()
    px = (w * dpi / 72) * (h * dpi / 72)
    if px > max_pixels:
        dpi = max(1, int(dpi * (max_pixels / px) ** 0.5))
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().copy()
    return _grey(img), Frame(0.0, 0.0, w / img.width, h / img.height), dpi


def page_image(page: pdfium.PdfPage, dpi: int, max_pixels: int) -> tuple[Image.Image, Frame, int, str]:
    """(grey image, frame, dpi of the image, how: "embedded" | "rendered") for OCR."""
    found = scan_image_object(page)
    if found is not None:
        obj, (x0, y0, x1, y1) = found
        try:
            pw_, ph_ = obj.get_px_size()
            if pw_ * ph_ > max_pixels:
                raise ValueError("image too large")
            # Grey first (a copy that owns its pixels), then turned: a mode conversion is per
            # pixel, so it gives the same image as turning first, and turning 1 byte per pixel
            # instead of 4 is cheaper.
            bitmap = obj.get_bitmap(render=False).to_pil().convert("L")
            img = _upright(obj, page, bitmap)
        except (pdfium.PdfiumError, ValueError, OSError):
            img = None
        if img is not None and img.width > 0 and img.height > 0:
            eff = img.width / max(1e-6, (x1 - x0) / 72)
            if eff > MAX_DPI_FACTOR * dpi or eff < MIN_DPI:
                target = dpi if eff > dpi else min(dpi, eff * 3)
                k = target / eff
                img = img.resize((max(1, round(img.width * k)), max(1, round(img.height * k))), Image.Resampling.BILINEAR)
                eff = target
            if _plain(obj) or _looks_like_render(page, img, (x0, y0, x1, y1)):
                frame = Frame(x0, y0, (x1 - x0) / img.width, (y1 - y0) / img.height)
                return img, frame, int(round(eff)), "embedded"
    img, frame, d = render_page(page, dpi, max_pixels)
    return img, frame, d, "rendered"
