"""Shared fixtures: small documents the tests make themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS_REAL = SHARED / "corpus-real"
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"

PERBUP_TEXT = """BUPATI CONTOH
PROVINSI NUSANTARA

PERATURAN BUPATI CONTOH
NOMOR 12 TAHUN 2023

TENTANG

PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK

DENGAN RAHMAT TUHAN YANG MAHA ESA

BUPATI CONTOH,

Menimbang : a. bahwa untuk mewujudkan tata kelola pemerintahan yang bersih, efektif, transparan, dan akuntabel perlu Sistem Pemerintahan Berbasis Elektronik;
b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Bupati;

Mengingat : 1. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;

MEMUTUSKAN:
Menetapkan : PERATURAN BUPATI TENTANG PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK.

BAB I
KETENTUAN UMUM

Pasal 1
Dalam Peraturan Bupati ini yang dimaksud dengan:
1. Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE adalah penyelenggaraan pemerintahan yang memanfaatkan teknologi informasi dan komunikasi.

Pasal 5
(1) Arsitektur SPBE Daerah memuat referensi arsitektur dan domain arsitektur proses bisnis, data dan informasi, infrastruktur SPBE, aplikasi SPBE, keamanan SPBE, dan layanan SPBE.
(2) Arsitektur SPBE Daerah direviu dan dievaluasi secara berkala paling sedikit 1 (satu) kali dalam 5 (lima) tahun.

Ditetapkan di Contoh
pada tanggal 14 Maret 2023
BUPATI CONTOH,
ttd.
NAMA BUPATI
"""


def make_pdf(path: Path, pages: list[str], **canvas_kw) -> Path:
    """A text PDF with one page per string, lines drawn top to bottom (A4, Helvetica 10)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **canvas_kw)
    _, h = A4
    for text in pages:
        y = h - 60
        c.setFont("Helvetica", 10)
        for line in text.splitlines():
            c.drawString(60, y, line)
            y -= 14
            if y < 40:
                break
        c.showPage()
    c.save()
    return path


@pytest.fixture
def perbup_pdf(tmp_path: Path) -> Path:
    lines = PERBUP_TEXT.splitlines()
    return make_pdf(tmp_path / "perbup.pdf", ["\n".join(lines[:30]), "\n".join(lines[30:])])


@pytest.fixture
def perbup_txt(tmp_path: Path) -> Path:
    p = tmp_path / "perbup.txt"
    p.write_text(PERBUP_TEXT, encoding="utf-8")
    return p
