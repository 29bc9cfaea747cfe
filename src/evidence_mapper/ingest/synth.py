"""Synthetic scans with known text, and the character error rate, for OCR tests and benchmarks.

:func:`render_page` draws lines of text on an A4-shaped grey page at a given dpi with a
given font, optionally turned a little, speckled with noise and overprinted with a
stamp-like circle; :func:`cer` scores OCR output against the text drawn.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LEGAL_TEXT = """PERATURAN BUPATI SUKAMAJU
NOMOR 12 TAHUN 2023
TENTANG
SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK
Menimbang : a. bahwa untuk mewujudkan tata kelola pemerintahan
yang bersih, efektif, transparan, dan akuntabel perlu
Sistem Pemerintahan Berbasis Elektronik;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud
dalam huruf a, perlu menetapkan Peraturan Bupati;
Pasal 5
(1) Arsitektur SPBE Daerah memuat referensi arsitektur
dan domain arsitektur proses bisnis, data dan informasi.
(2) Arsitektur SPBE Daerah direviu dan dievaluasi secara
berkala paling sedikit 1 (satu) kali dalam 5 (lima) tahun."""


def font_files() -> dict[str, Path]:
    """TrueType fonts that are always present: the ones shipped with reportlab (dev
    dependency), plus DejaVu where the system has it."""
    out: dict[str, Path] = {}
    try:
        import reportlab

        d = Path(reportlab.__file__).parent / "fonts"
        for name in ("Vera.ttf", "VeraBd.ttf"):
            if (d / name).exists():
                out[name.removesuffix(".ttf")] = d / name
    except ImportError:
        pass
    for p in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),):
        if p.exists():
            out[p.stem] = p
    return out


def render_page(text: str = LEGAL_TEXT, *, dpi: int = 300, font: str | Path | None = None, size_pt: float = 12,
                angle: float = 0.0, noise: float = 0.0, stamp: bool = False, seed: int = 0,
                width_in: float = 8.27, height_in: float | None = None) -> Image.Image:
    """A grey page image of ``text`` (one drawn line per text line) at ``dpi``.

    ``angle``: degrees counter-clockwise the page is turned (scanner skew); ``noise``: share
    of pixels flipped to random grey; ``stamp``: a ring with text over the body, as an
    office stamp.
    """
    rnd = random.Random(seed)
    px = dpi / 72
    f = ImageFont.truetype(str(font), int(size_pt * px)) if font else ImageFont.load_default(size=int(size_pt * px))
    lines = text.splitlines()
    line_h = int(size_pt * 1.5 * px)
    margin = int(72 * px)
    w = int(width_in * dpi)
    h = int(height_in * dpi) if height_in else margin * 2 + line_h * (len(lines) + 1)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    y = margin
    for line in lines:
        d.text((margin, y), line, fill=0, font=f)
        y += line_h
    if stamp:
        r = int(0.7 * dpi)
        cx, cy = int(w * 0.62), int(margin + line_h * len(lines) * 0.55)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=110, width=max(2, int(3 * px)))
        d.ellipse((cx - r + int(8 * px), cy - r + int(8 * px), cx + r - int(8 * px), cy + r - int(8 * px)),
                  outline=110, width=max(1, int(1.5 * px)))
        sf = ImageFont.truetype(str(font), int(7 * px)) if font else ImageFont.load_default(size=int(7 * px))
        d.text((cx - int(r * 0.6), cy - int(4 * px)), "SEKRETARIAT DAERAH", fill=110, font=sf)
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise > 0:
        pix = img.load()
        for _ in range(int(noise * w * h)):
            x, yy = rnd.randrange(w), rnd.randrange(h)
            pix[x, yy] = rnd.randrange(0, 256)
        img = img.filter(ImageFilter.MedianFilter(1)) if noise > 0.2 else img
    return img


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance / reference length, whitespace runs counted as
    one space (OCR line and paragraph breaks are not errors)."""
    ref, hyp = _norm(reference), _norm(hypothesis)
    return levenshtein(ref, hyp) / max(1, len(ref))
