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


# ---- pictures without words, and pictures of words, for the image-area look ------------

DIAGRAM_LABELS = ["Internet", "Router Mikrotik", "Firewall Fortigate", "Core Switch", "Ruang Server",
                  "Dinas Kominfo", "Bappeda", "Kecamatan Kota", "100 Mbps Telkom", "50 Mbps Icon+ (backup)",
                  "Access Point", "Server Aplikasi", "Storage NAS", "Switch Distribusi"]


def render_diagram(dpi: int = 150, seed: int = 0) -> tuple[Image.Image, list[str]]:
    """A network diagram as an image: boxed labels joined by lines. Returns (image, labels)."""
    rnd = random.Random(seed)
    px = dpi / 72
    w, h = int(7 * dpi), int(4.5 * dpi)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    f = ImageFont.load_default(size=int(8 * px))
    boxes = []
    labels = DIAGRAM_LABELS[:]
    rnd.shuffle(labels)
    cols = 4
    for i, lab in enumerate(labels):
        cx = int((i % cols + 0.5) * w / cols)
        cy = int((i // cols + 0.5) * h / ((len(labels) + cols - 1) // cols))
        tw = d.textlength(lab, font=f)
        box = (cx - tw / 2 - 6 * px, cy - 8 * px, cx + tw / 2 + 6 * px, cy + 8 * px)
        boxes.append(box)
        d.rectangle(box, outline=40, width=max(1, int(px)))
        d.text((cx - tw / 2, cy - 5 * px), lab, fill=0, font=f)
    for a, b in zip(boxes, boxes[1:]):
        d.line(((a[0] + a[2]) / 2, a[3], (b[0] + b[2]) / 2, b[1]), fill=90, width=max(1, int(px)))
    return img, labels


def render_logo(dpi: int = 150, seed: int = 0) -> Image.Image:
    """An emblem without words: a shield, rings and a star in flat tones."""
    s = int(1.3 * dpi)
    img = Image.new("L", (s, int(s * 1.2)), 255)
    d = ImageDraw.Draw(img)
    d.polygon([(s * 0.1, s * 0.1), (s * 0.9, s * 0.1), (s * 0.9, s * 0.7), (s * 0.5, s * 1.15), (s * 0.1, s * 0.7)],
              fill=150, outline=20)
    d.ellipse((s * 0.25, s * 0.25, s * 0.75, s * 0.75), fill=230, outline=30, width=max(2, s // 60))
    pts = []
    import math
    for k in range(10):
        r = s * (0.2 if k % 2 == 0 else 0.08)
        a = math.pi / 2 + k * math.pi / 5
        pts.append((s * 0.5 + r * math.cos(a), s * 0.5 - r * math.sin(a)))
    d.polygon(pts, fill=60)
    return img


def render_signature(dpi: int = 150, seed: int = 0) -> Image.Image:
    """A handwritten signature: a few long connected strokes."""
    rnd = random.Random(seed)
    w, h = int(2.2 * dpi), int(0.8 * dpi)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    x, y = w * 0.05, h * 0.6
    pts = [(x, y)]
    for _ in range(40):
        x += rnd.uniform(0, w * 0.03)
        y = min(h * 0.95, max(h * 0.05, y + rnd.uniform(-h * 0.35, h * 0.35)))
        pts.append((x, y))
    d.line(pts, fill=20, width=max(2, dpi // 60), joint="curve")
    d.line([(w * 0.1, h * 0.8), (w * 0.9, h * 0.7)], fill=20, width=max(2, dpi // 70))
    return img


def render_photo(dpi: int = 150, seed: int = 0) -> Image.Image:
    """A photograph-like picture: smooth shapes and gradients in continuous tone, with grain."""
    rnd = random.Random(seed)
    w, h = int(4.5 * dpi), int(3 * dpi)
    small = Image.new("L", (24, 16))
    small.putdata([rnd.randrange(30, 230) for _ in range(24 * 16)])
    img = small.resize((w, h), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(dpi / 40))
    d = ImageDraw.Draw(img)
    for _ in range(12):  # racks, cables: darker bars and lines
        x = rnd.randrange(w)
        d.rectangle((x, rnd.randrange(h // 3), x + rnd.randrange(w // 12, w // 5), h), fill=rnd.randrange(20, 120))
    grain = Image.effect_noise((w, h), 18)
    return Image.blend(img, grain, 0.15)


def render_annex(dpi: int = 150) -> tuple[Image.Image, str]:
    """A scanned page of prose pasted into a report as a picture: (image, its text)."""
    text = LEGAL_TEXT
    return render_page(text, dpi=dpi, size_pt=11, noise=0.002, seed=3), text


TABLE_ROWS = [
    ["No", "Perangkat", "Merek dan Tipe", "Jumlah"],
    ["1", "Server", "Dell PowerEdge R740", "2"],
    ["2", "Router", "Mikrotik CCR1036", "3"],
    ["3", "Switch", "Cisco Catalyst 2960", "12"],
    ["4", "Firewall", "Fortigate 200F", "1"],
]


def render_table(dpi: int = 150, rows: list[list[str]] | None = None, size_pt: float = 11) -> tuple[Image.Image, list[list[str]]]:
    """A ruled table (an inventory pasted into a report as a picture): (image, its rows, the
    first one the header)."""
    rows = rows or TABLE_ROWS
    px = dpi / 72
    f = ImageFont.load_default(size=int(size_pt * px))
    pad = int(6 * px)
    d0 = ImageDraw.Draw(Image.new("L", (1, 1)))
    widths = [max(int(d0.textlength(r[c], font=f)) for r in rows) + 2 * pad for c in range(len(rows[0]))]
    row_h = int(size_pt * 2.2 * px)
    w, h = sum(widths) + 2 * pad + 1, row_h * len(rows) + 2 * pad + 1
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    xs = [pad]
    for cw in widths:
        xs.append(xs[-1] + cw)
    for r, row in enumerate(rows):
        y = pad + r * row_h
        for c, cell in enumerate(row):
            d.text((xs[c] + pad, y + (row_h - size_pt * px) / 2), cell, fill=0, font=f)
    for r in range(len(rows) + 1):
        d.line((xs[0], pad + r * row_h, xs[-1], pad + r * row_h), fill=0, width=max(1, int(px)))
    for x in xs:
        d.line((x, pad, x, pad + len(rows) * row_h), fill=0, width=max(1, int(px)))
    return img, rows
