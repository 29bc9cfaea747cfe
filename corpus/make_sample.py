#!/usr/bin/env python
"""Generate the fictional sample submission of the fictional "Kabupaten Sukamaju".

    python corpus/make_sample.py

Writes PDFs, txt files, expected.json and README.md into corpus/sample/.
Everything here is FICTIONAL and made by this project; no document is an official one.
Deterministic: stdlib + reportlab only, no randomness, PDFs built with invariant=1,
so re-running gives byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

OUT = Path(__file__).resolve().parent / "sample"
FOOTER = "DOKUMEN CONTOH FIKTIF - dibuat oleh proyek evidence-mapper, bukan dokumen resmi"

# Fictional people (all invented).
BUPATI = "ANDIKA PRATAMA"
SEKDA = "BAMBANG SURYADI"
SEKDA_FULL = "Drs. BAMBANG SURYADI, M.Si."
SEKDA_NIP = "19700312 199503 1 004"
KADIS = "RINA MARLINA, S.Kom., M.T."
KADIS_NIP = "19780521 200312 2 002"

PAGE_W, PAGE_H = A4
MARGIN_L = 2.5 * cm
MARGIN_R = 2.0 * cm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R

# --------------------------------------------------------------------------- styles

FONT = "Times-Roman"
FONT_B = "Times-Bold"


def _style(name, **kw):
    base = dict(fontName=FONT, fontSize=10.5, leading=13.2, alignment=TA_LEFT, spaceAfter=2)
    base.update(kw)
    return ParagraphStyle(name, **base)


ST = {
    "body": _style("body"),
    "center": _style("center", alignment=TA_CENTER),
    "center_b": _style("center_b", alignment=TA_CENTER, fontName=FONT_B),
    "head": _style("head", alignment=TA_CENTER, fontName=FONT_B, fontSize=12, leading=15),
    "heading": _style("heading", alignment=TA_CENTER, fontName=FONT_B, keepWithNext=1),
    "pasal": _style("pasal", alignment=TA_CENTER, keepWithNext=1),
    "h1": _style("h1", fontName=FONT_B, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
    "h2": _style("h2", fontName=FONT_B, spaceBefore=6, spaceAfter=3),
    "ayat": _style("ayat", leftIndent=26, bulletIndent=0),
    "huruf": _style("huruf", leftIndent=48, bulletIndent=26, spaceAfter=1),
    "cell": _style("cell", fontSize=9.5, leading=11.5, spaceAfter=0),
    "cell_b": _style("cell_b", fontSize=9.5, leading=11.5, spaceAfter=0, fontName=FONT_B),
    "small": _style("small", fontSize=9, leading=11),
}


def P(text, style="body"):
    return Paragraph(text, ST[style] if isinstance(style, str) else style)


def sp(h=6):
    return Spacer(1, h)


# --------------------------------------------------------------------------- page furniture


def _furniture(number_pages=True):
    """onPage callback: footer on every page, '- n -' page number on pages >= 2."""

    def draw(canv, doc):
        canv.saveState()
        canv.setFont("Helvetica", 7.5)
        canv.drawCentredString(PAGE_W / 2, 1.2 * cm, FOOTER)
        if number_pages and doc.page > 1:
            canv.setFont(FONT, 10)
            canv.drawCentredString(PAGE_W / 2, PAGE_H - 1.4 * cm, f"- {doc.page} -")
        canv.restoreState()

    return draw


def build(fname, story, title, subject="", number_pages=True):
    path = OUT / fname
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN_L,
        rightMargin=MARGIN_R,
        topMargin=2.0 * cm,
        bottomMargin=2.0 * cm,
        title=title,
        author="evidence-mapper (contoh fiktif)",
        subject=subject or "Dokumen contoh fiktif",
        creator="corpus/make_sample.py",
        invariant=1,
    )
    cb = _furniture(number_pages)
    doc.build(story, onFirstPage=cb, onLaterPages=cb)
    return path


def write_txt(fname, body):
    text = FOOTER + "\n\n" + body.strip("\n") + "\n"
    (OUT / fname).write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- building blocks


def letterhead_bupati():
    return [P("BUPATI SUKAMAJU", "head"), P("PROVINSI NUSANTARA BARAT", "head"), sp(10)]


def kop_dinas():
    return [
        P("PEMERINTAH KABUPATEN SUKAMAJU", "head"),
        P("DINAS KOMUNIKASI DAN INFORMATIKA", _style("kop", alignment=TA_CENTER, fontName=FONT_B,
                                                     fontSize=14, leading=17)),
        P("Jalan Merdeka Nomor 17, Sukamaju 45123, Telepon (0261) 555017, "
          "Laman diskominfo.sukamajukab.go.id (fiktif)", _style("kopa", alignment=TA_CENTER,
                                                                 fontSize=9, leading=11)),
        HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceBefore=2, spaceAfter=10),
    ]


def title_block(lines, after=10):
    out = [P(line, "center_b") for line in lines]
    out.append(sp(after))
    return out


def consider(label, items, marker="letter"):
    """Menimbang / Mengingat block as a 4-column table (label, ':', a./1., text).

    One row per item so the block can break between pages."""
    rows = []
    for i, text in enumerate(items):
        m = f"{chr(97 + i)}." if marker == "letter" else f"{i + 1}."
        rows.append([P(label if i == 0 else ""), P(":" if i == 0 else ""), P(m), P(text)])
    t = Table(rows, colWidths=[2.6 * cm, 0.5 * cm, 0.8 * cm, TEXT_W - 3.9 * cm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return [t, sp(6)]


def label_row(label, text):
    """'Menetapkan : TEXT' style single row."""
    t = Table([[P(label), P(":"), P(text)]], colWidths=[2.6 * cm, 0.5 * cm, TEXT_W - 3.1 * cm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [t, sp(4)]


def bab(num, name):
    return [sp(6), P(f"BAB {num}", "heading"), P(name, "heading")]


def pasal(n, ayat, intro=None):
    """A pasal. `ayat` is a list; each item is text or (text, [huruf items]).

    A single item is printed without '(1)'; several are numbered (1), (2), ...
    """
    out = [sp(4), P(f"Pasal {n}", "pasal")]
    numbered = len(ayat) > 1
    for i, item in enumerate(ayat):
        text, sub = (item, None) if isinstance(item, str) else item
        if numbered:
            out.append(Paragraph(text, ST["ayat"], bulletText=f"({i + 1})"))
        else:
            out.append(P(text))
        if sub:
            indent = ST["huruf"] if numbered else _style("huruf0", leftIndent=22, bulletIndent=0,
                                                       spaceAfter=1)
            for j, s in enumerate(sub):
                mark = f"{chr(97 + j)}." if not s.startswith("#") else None
                if mark is None:  # '#n. text' = numbered item
                    num, s = s[1:].split(" ", 1)
                    mark = num
                out.append(Paragraph(s, indent, bulletText=mark))
    return out


def diktum(items):
    """KESATU : ... KEDUA : ... for a Keputusan."""
    names = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH"]
    rows = [[P(names[i]), P(":"), P(text)] for i, text in enumerate(items)]
    t = Table(rows, colWidths=[2.6 * cm, 0.5 * cm, TEXT_W - 3.1 * cm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [t]


def signature(lines, name, extra=(), gap=True):
    """Right-hand signature block. `lines` go above the name (place/date, office, 'ttd.')."""
    cell = [P(x) for x in lines]
    if gap:
        cell.append(sp(14))
    cell.append(P(f"<b>{name}</b>") if name else sp(1))
    cell += [P(x) for x in extra]
    t = Table([["", cell]], colWidths=[TEXT_W - 7.6 * cm, 7.6 * cm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [sp(10), KeepTogether([t])]


def grid_table(header, rows, widths, font_size=9.5, repeat=1):
    """Ruled table; cells wrapped in Paragraphs."""
    data = [[P(h, "cell_b") for h in header]]
    for r in rows:
        data.append([c if not isinstance(c, str) else P(c, "cell") for c in r])
    t = Table(data, colWidths=widths, repeatRows=repeat)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


# =========================================================================== documents

# --------------------------------------------------------------- 1. Perbup SPBE 2023

def doc_perbup_spbe():
    s = letterhead_bupati()
    s += title_block([
        "PERATURAN BUPATI SUKAMAJU",
        "NOMOR 12 TAHUN 2023",
        "TENTANG",
        "PENYELENGGARAAN SISTEM PEMERINTAHAN",
        "BERBASIS ELEKTRONIK",
    ])
    s += title_block(["DENGAN RAHMAT TUHAN YANG MAHA ESA", "", "BUPATI SUKAMAJU,"], after=8)
    s += consider("Menimbang", [
        "bahwa untuk mewujudkan tata kelola pemerintahan yang bersih, efektif, transparan, dan "
        "akuntabel serta pelayanan publik yang berkualitas dan terpercaya di Kabupaten Sukamaju, "
        "diperlukan penyelenggaraan Sistem Pemerintahan Berbasis Elektronik yang terpadu;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Peraturan Bupati tentang Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik;",
    ])
    s += consider("Mengingat", [
        "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik "
        "(Lembaran Negara Republik Indonesia Tahun 2008 Nomor 58, Tambahan Lembaran Negara "
        "Republik Indonesia Nomor 4843) sebagaimana telah diubah dengan Undang-Undang Nomor 19 "
        "Tahun 2016 tentang Perubahan atas Undang-Undang Nomor 11 Tahun 2008 tentang Informasi "
        "dan Transaksi Elektronik;",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
        "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 9 Tahun 2015 "
        "tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik "
        "(Lembaran Negara Republik Indonesia Tahun 2018 Nomor 182);",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 59 Tahun "
        "2020 tentang Pemantauan dan Evaluasi Sistem Pemerintahan Berbasis Elektronik;",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += label_row("Menetapkan", "<b>PERATURAN BUPATI TENTANG PENYELENGGARAAN SISTEM PEMERINTAHAN "
                                 "BERBASIS ELEKTRONIK.</b>")

    s += bab("I", "KETENTUAN UMUM")
    s += pasal(1, [("Dalam Peraturan Bupati ini yang dimaksud dengan:", [
        "#1. Daerah adalah Kabupaten Sukamaju.",
        "#2. Pemerintah Daerah adalah Bupati sebagai unsur penyelenggara Pemerintahan Daerah.",
        "#3. Bupati adalah Bupati Sukamaju.",
        "#4. Perangkat Daerah adalah unsur pembantu Bupati dan Dewan Perwakilan Rakyat Daerah "
        "dalam penyelenggaraan urusan pemerintahan yang menjadi kewenangan Daerah.",
        "#5. Dinas adalah Dinas Komunikasi dan Informatika Kabupaten Sukamaju.",
        "#6. Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE adalah "
        "penyelenggaraan pemerintahan yang memanfaatkan teknologi informasi dan komunikasi untuk "
        "memberikan layanan kepada pengguna SPBE.",
        "#7. Arsitektur SPBE adalah kerangka dasar yang mendeskripsikan integrasi proses bisnis, "
        "data dan informasi, infrastruktur SPBE, aplikasi SPBE, dan keamanan SPBE untuk "
        "menghasilkan layanan SPBE yang terintegrasi.",
    ])])

    s += bab("II", "ARSITEKTUR SPBE")
    s += pasal(2, [
        "Bupati menetapkan Arsitektur SPBE Pemerintah Daerah untuk jangka waktu 5 (lima) tahun.",
        ("Arsitektur SPBE sebagaimana dimaksud pada ayat (1) memuat:", [
            "referensi arsitektur; dan",
            "domain arsitektur.",
        ]),
        ("Domain arsitektur sebagaimana dimaksud pada ayat (2) huruf b meliputi:", [
            "domain arsitektur proses bisnis;",
            "domain arsitektur data dan informasi;",
            "domain arsitektur infrastruktur SPBE;",
            "domain arsitektur aplikasi SPBE;",
            "domain arsitektur keamanan SPBE; dan",
            "domain arsitektur layanan SPBE.",
        ]),
        "Arsitektur SPBE Pemerintah Daerah disusun dengan berpedoman pada Arsitektur SPBE "
        "Nasional dan Rencana Pembangunan Jangka Menengah Daerah, serta terintegrasi dengan "
        "Arsitektur SPBE Nasional untuk mendukung keterpaduan SPBE antara instansi pusat dan "
        "pemerintah daerah.",
        "Arsitektur SPBE Pemerintah Daerah direviu dan dievaluasi secara berkala paling sedikit "
        "1 (satu) kali dalam 1 (satu) tahun oleh Tim Koordinasi SPBE.",
    ])

    s += bab("III", "PETA RENCANA SPBE")
    s += pasal(3, [
        "Peta Rencana SPBE Pemerintah Daerah disusun oleh Dinas berkoordinasi dengan Badan "
        "Perencanaan Pembangunan Daerah dan ditetapkan oleh Bupati.",
        ("Peta Rencana SPBE sebagaimana dimaksud pada ayat (1) memuat:", [
            "tata kelola SPBE;",
            "manajemen SPBE;",
            "layanan SPBE;",
            "infrastruktur SPBE;",
            "aplikasi SPBE;",
            "keamanan SPBE; dan",
            "audit teknologi informasi dan komunikasi.",
        ]),
        "Peta Rencana SPBE Pemerintah Daerah disusun dengan berpedoman pada Peta Rencana SPBE "
        "Nasional, Arsitektur SPBE Pemerintah Daerah, dan Rencana Strategis Perangkat Daerah.",
        "Peta Rencana SPBE Pemerintah Daerah direviu dan dievaluasi secara berkala paling sedikit "
        "1 (satu) kali dalam 1 (satu) tahun.",
    ])

    s += bab("IV", "MANAJEMEN DATA")
    s += pasal(4, [
        "Manajemen data dilaksanakan untuk menjamin terwujudnya data yang akurat, mutakhir, "
        "terintegrasi, dan dapat diakses sesuai dengan prinsip Satu Data Indonesia.",
        ("Penyelenggaraan Satu Data di Daerah meliputi:", [
            "perencanaan data;",
            "pengumpulan data;",
            "pemeriksaan data; dan",
            "penyebarluasan data.",
        ]),
        "Dinas bertindak sebagai walidata Pemerintah Daerah.",
    ])

    s += bab("V", "APLIKASI SPBE")
    s += pasal(5, [
        "Perangkat Daerah wajib menggunakan Aplikasi Umum yang telah ditetapkan oleh menteri "
        "yang menyelenggarakan urusan pemerintahan di bidang aparatur negara.",
        "Dalam hal Perangkat Daerah tidak menggunakan Aplikasi Umum, Perangkat Daerah wajib "
        "mendapatkan pertimbangan dari Dinas.",
    ])
    s += pasal(6, [
        "Pembangunan Aplikasi Khusus oleh Perangkat Daerah dilaksanakan melalui tahapan analisis "
        "kebutuhan, perencanaan, rancang bangun, implementasi, uji kelaikan, pemeliharaan, dan "
        "evaluasi.",
        "Rencana pembangunan Aplikasi Khusus wajib dikonsultasikan terlebih dahulu kepada Dinas "
        "sebelum dianggarkan.",
    ])

    s += bab("VI", "INFRASTRUKTUR SPBE")
    s += pasal(7, [
        "Pemerintah Daerah menyelenggarakan Pusat Data Daerah yang dikelola oleh Dinas.",
        "Seluruh Perangkat Daerah wajib menggunakan layanan Pusat Data Daerah untuk penempatan "
        "server, aplikasi, dan data.",
        "Pusat Data Daerah terhubung dengan Pusat Data Nasional sesuai dengan ketentuan "
        "peraturan perundang-undangan.",
    ])
    s += pasal(8, [
        "Pemerintah Daerah menyelenggarakan Jaringan Intra Pemerintah Daerah yang menghubungkan "
        "seluruh Perangkat Daerah.",
        "Jaringan Intra Pemerintah Daerah terhubung dengan Jaringan Intra Pemerintah yang "
        "diselenggarakan oleh kementerian yang menyelenggarakan urusan pemerintahan di bidang "
        "komunikasi dan informatika.",
    ])
    s += pasal(9, [
        "Perangkat Daerah yang menyelenggarakan layanan perizinan dan layanan administrasi "
        "kependudukan wajib menggunakan Sistem Penghubung Layanan Pemerintah Daerah.",
        "Sistem Penghubung Layanan Pemerintah Daerah dikelola oleh Dinas.",
    ])

    s += bab("VII", "KEAMANAN SPBE")
    s += pasal(10, [
        "Dinas menerapkan manajemen keamanan informasi untuk menjamin keberlangsungan SPBE.",
        ("Manajemen keamanan informasi sebagaimana dimaksud pada ayat (1) meliputi:", [
            "penetapan ruang lingkup;",
            "penetapan penanggung jawab; dan",
            "perencanaan keamanan informasi.",
        ]),
    ])

    s += bab("VIII", "AUDIT TEKNOLOGI INFORMASI DAN KOMUNIKASI")
    s += pasal(11, [
        ("Audit Teknologi Informasi dan Komunikasi terdiri atas:", [
            "audit infrastruktur SPBE;",
            "audit aplikasi SPBE; dan",
            "audit keamanan SPBE.",
        ]),
        "Audit sebagaimana dimaksud pada ayat (1) dilaksanakan paling sedikit 1 (satu) kali dalam "
        "2 (dua) tahun oleh lembaga pelaksana audit yang terakreditasi.",
    ])

    s += bab("IX", "TIM KOORDINASI SPBE")
    s += pasal(12, [
        "Dalam rangka meningkatkan keterpaduan pelaksanaan SPBE, Bupati membentuk Tim "
        "Koordinasi SPBE Pemerintah Daerah.",
        "Tim Koordinasi SPBE diketuai oleh Sekretaris Daerah.",
        ("Tim Koordinasi SPBE bertugas:", [
            "mengoordinasikan penerapan SPBE di seluruh Perangkat Daerah;",
            "melaksanakan reviu Arsitektur SPBE dan Peta Rencana SPBE; dan",
            "melaksanakan pemantauan dan evaluasi SPBE.",
        ]),
        "Susunan keanggotaan Tim Koordinasi SPBE ditetapkan dengan Keputusan Bupati.",
    ])

    s += bab("X", "KETENTUAN PENUTUP")
    s += pasal(13, ["Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."])
    s.append(P("Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini "
               "dengan penempatannya dalam Berita Daerah Kabupaten Sukamaju."))
    s += signature(["Ditetapkan di Sukamaju", "pada tanggal 14 Maret 2023", "", "BUPATI SUKAMAJU,",
                    "", "ttd."], BUPATI)
    s += [sp(8), KeepTogether([
        P("Diundangkan di Sukamaju"),
        P("pada tanggal 14 Maret 2023"),
        P("SEKRETARIS DAERAH KABUPATEN SUKAMAJU,"),
        sp(4), P("ttd."), sp(10),
        P(f"<b>{SEKDA}</b>"),
        sp(10),
        P("<b>BERITA DAERAH KABUPATEN SUKAMAJU TAHUN 2023 NOMOR 12</b>"),
    ])]
    build("perbup_spbe_2023.pdf", s,
          "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 (contoh fiktif)")


# =========================================================================== main

DOCS = [
    doc_perbup_spbe,
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for fn in DOCS:
        fn()


if __name__ == "__main__":
    main()
