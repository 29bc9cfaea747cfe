"""The image handed to OCR for a scanned page: the stored pixels, made grey and turned to the
displayed orientation, pixel for pixel what the page shows.

Every PDF is drawn by the test (reportlab, lossless Flate images); no OCR is run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from evidence_mapper.ingest.scan import page_image

DPI = 200  # stored resolution: kept as it is for an OCR dpi of 300 (no scaling)


@pytest.fixture(scope="module")
def upright() -> Image.Image:
    """A colour image no turn or flip maps onto itself: noise plus a dark block at the top-left."""
    rng = np.random.default_rng(7)
    px = rng.integers(0, 256, size=(280, 200, 3), dtype=np.uint8)
    px[:40, :60] = (10, 20, 200)
    return Image.fromarray(px, "RGB")


def _pdf(path: Path, stored: Image.Image, place: str, rotate: int) -> Path:
    """One page showing ``stored`` placed by ``place``, the page turned by /Rotate ``rotate``."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w, h = stored.width * 72 / DPI, stored.height * 72 / DPI
    sideways = place in ("rot90", "rot270")
    c = canvas.Canvas(str(path), pagesize=(h, w) if sideways else (w, h), invariant=1)
    if place == "flipx":
        c.translate(w, 0)
        c.scale(-1, 1)
    elif place == "flipy":
        c.translate(0, h)
        c.scale(1, -1)
    elif place == "rot90":  # image x runs up the page
        c.translate(h, 0)
        c.rotate(90)
    elif place == "rot270":
        c.translate(0, w)
        c.rotate(270)
    c.drawImage(ImageReader(stored), 0, 0, w, h)
    c.showPage()
    c.save()
    if rotate:
        pdf = pdfium.PdfDocument(str(path))
        pdf[0].set_rotation(rotate)
        pdf.save(str(path))
        pdf.close()
    return path


# (placement of the stored image, page /Rotate, how the stored image is turned from upright):
# each page displays the upright image.
CASES = [
    ("plain", 0, None),
    ("flipx", 0, "FLIP_LEFT_RIGHT"),
    ("flipy", 0, "FLIP_TOP_BOTTOM"),
    ("rot90", 0, "ROTATE_270"),
    ("rot270", 0, "ROTATE_90"),
    ("plain", 90, "ROTATE_90"),
    ("plain", 180, "ROTATE_180"),
    ("plain", 270, "ROTATE_270"),
    ("rot90", 90, None),
]


@pytest.mark.parametrize("mode", ["RGB", "L"])
@pytest.mark.parametrize("place,rotate,turn", CASES)
def test_stored_scan_is_grey_and_upright_pixel_for_pixel(tmp_path, upright, mode, place, rotate, turn):
    src = upright.convert(mode)
    stored = src.transpose(Image.Transpose[turn]) if turn else src
    pdf = pdfium.PdfDocument(str(_pdf(tmp_path / "scan.pdf", stored, place, rotate)))
    page = pdf[0]
    img, frame, dpi, how = page_image(page, 300, 10**8)
    pw, ph = page.get_size()
    page.close()
    pdf.close()
    assert how == "embedded" and dpi == DPI
    assert img.mode == "L" and img.size == upright.size
    assert img.tobytes() == upright.convert("L").tobytes()
    assert (frame.sx * img.width, frame.sy * img.height) == pytest.approx((pw, ph), abs=0.01)
