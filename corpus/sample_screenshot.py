"""A fictional application screenshot added to the sample submission by `make demo`: the
e-Kinerja login page of Kabupaten Sukamaju, drawn as a PNG (read by OCR at ingest). A login page
shows the performance-management service at interaksi level.

    python corpus/sample_screenshot.py OUT_DIR
"""

from __future__ import annotations

from pathlib import Path

FILE = "tangkapan_layar_ekinerja_login.png"
LINES = [
    ("E-KINERJA PEMERINTAH KABUPATEN SUKAMAJU", 34),
    ("Aplikasi Kinerja Harian Pegawai", 26),
    ("", 20),
    ("Silakan masuk dengan akun Anda", 26),
    ("Username   [ NIP pegawai            ]", 26),
    ("Password   [ ****************       ]", 26),
    ("[ Login ]      Lupa password?", 26),
    ("", 20),
    ("Dinas Komunikasi dan Informatika Kabupaten Sukamaju 2025", 22),
    ("DOKUMEN CONTOH FIKTIF - bukan tangkapan layar aplikasi nyata", 22),
]

EXPECTED_LEVELS = {"41": 2}  # spbe-2020: Layanan Kinerja Pegawai, interaksi (a login page)


def make(out: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1400, 760), "white")
    draw = ImageDraw.Draw(img)
    y = 40
    for text, size in LINES:
        font = ImageFont.load_default(size=size)
        if text:
            draw.text((60, y), text, fill="black", font=font)
        y += int(size * 2.1)
    path = out / FILE
    img.save(path, format="PNG", optimize=False)
    return path


if __name__ == "__main__":
    import sys

    d = Path(sys.argv[1] if len(sys.argv) > 1 else "out/demo-extra")
    d.mkdir(parents=True, exist_ok=True)
    print(make(d))
