#!/usr/bin/env python
"""Generate the fictional sample submission of the fictional "Kabupaten Sukamaju".

    python corpus/make_sample.py [--out DIR]

Writes the PDFs and txt files of the submission into corpus/sample/ (only documents, so the
folder can be ingested as it is), the expected mappings into corpus/sample-expected.json and
their description into corpus/SAMPLE.md.
Everything here is FICTIONAL and made by this project; no document is an official one.
Deterministic: stdlib + reportlab only, no randomness, PDFs built with invariant=1,
so re-running gives byte-identical files.
"""

from __future__ import annotations

import json
import sys
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

HERE = Path(__file__).resolve().parent
OUT = HERE / "sample"
META = HERE
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
PAGES: dict[str, int] = {}  # file -> page count, filled by build()

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
    PAGES[fname] = doc.page
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


# --------------------------------------------------------------- 2. SK Tim Koordinasi 2024

SK_TK_NO = "188.45/215/KPTS/2024"
SK_TK_TITLE = ("PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK "
               "KABUPATEN SUKAMAJU")


def lampiran_header(kind, number, title, lampiran="LAMPIRAN"):
    """Top-right block 'LAMPIRAN / KEPUTUSAN BUPATI ... / NOMOR ... / TENTANG ...'."""
    cell = [P(lampiran), P(kind), P(f"NOMOR {number}"), P(f"TENTANG {title}")]
    t = Table([["", cell]], colWidths=[TEXT_W - 8.6 * cm, 8.6 * cm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [t, sp(12)]


def doc_sk_tim_koordinasi():
    s = letterhead_bupati()
    s += title_block([
        "KEPUTUSAN BUPATI SUKAMAJU",
        f"NOMOR {SK_TK_NO}",
        "TENTANG",
        "PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "KABUPATEN SUKAMAJU",
    ])
    s += title_block(["BUPATI SUKAMAJU,"], after=8)
    s += consider("Menimbang", [
        "bahwa untuk meningkatkan keterpaduan penyelenggaraan Sistem Pemerintahan Berbasis "
        "Elektronik di lingkungan Pemerintah Kabupaten Sukamaju, perlu dibentuk Tim Koordinasi "
        "Sistem Pemerintahan Berbasis Elektronik sebagaimana diamanatkan dalam Pasal 12 Peraturan "
        "Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem Pemerintahan "
        "Berbasis Elektronik;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Keputusan Bupati tentang Pembentukan Tim Koordinasi Sistem Pemerintahan Berbasis "
        "Elektronik Kabupaten Sukamaju;",
    ])
    s += consider("Mengingat", [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
        "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 "
        "tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang "
        "Cipta Kerja menjadi Undang-Undang;",
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik "
        "(Lembaran Negara Republik Indonesia Tahun 2018 Nomor 182);",
        "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem "
        "Pemerintahan Berbasis Elektronik (Berita Daerah Kabupaten Sukamaju Tahun 2023 "
        "Nomor 12);",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += label_row("Menetapkan", "<b>KEPUTUSAN BUPATI TENTANG PEMBENTUKAN TIM KOORDINASI SISTEM "
                                 "PEMERINTAHAN BERBASIS ELEKTRONIK KABUPATEN SUKAMAJU.</b>")
    s += diktum([
        "Membentuk Tim Koordinasi Sistem Pemerintahan Berbasis Elektronik Kabupaten Sukamaju, "
        "yang selanjutnya disebut Tim Koordinasi SPBE, dengan susunan keanggotaan sebagaimana "
        "tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan Bupati "
        "ini.",
        "Tim Koordinasi SPBE sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas "
        "sebagaimana tercantum dalam Lampiran Keputusan Bupati ini.",
        "Dalam melaksanakan tugasnya, Tim Koordinasi SPBE menyusun program kerja tahunan dan "
        "melaporkan pelaksanaannya kepada Bupati paling sedikit 1 (satu) kali dalam 6 (enam) "
        "bulan.",
        "Segala biaya yang timbul akibat ditetapkannya Keputusan Bupati ini dibebankan pada "
        "Anggaran Pendapatan dan Belanja Daerah Kabupaten Sukamaju.",
        "Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan.",
    ])
    s += signature(["Ditetapkan di Sukamaju", "pada tanggal 5 Februari 2024", "",
                    "BUPATI SUKAMAJU,", "", "ttd."], BUPATI)
    s += [sp(10), P("Tembusan Yth.:", "small"),
          P("1. Gubernur Nusantara Barat;", "small"),
          P("2. Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Sukamaju;", "small"),
          P("3. Yang bersangkutan untuk diketahui dan dilaksanakan.", "small")]

    # ---- Lampiran
    s.append(PageBreak())
    s += lampiran_header("KEPUTUSAN BUPATI SUKAMAJU", SK_TK_NO, SK_TK_TITLE)
    s += title_block(["SUSUNAN KEANGGOTAAN DAN TUGAS", "TIM KOORDINASI SISTEM PEMERINTAHAN "
                      "BERBASIS ELEKTRONIK KABUPATEN SUKAMAJU"], after=6)
    s.append(P("<b>A. Susunan Keanggotaan</b>"))
    members = [
        ("Pengarah", "Bupati Sukamaju"),
        ("Ketua", "Sekretaris Daerah Kabupaten Sukamaju"),
        ("Wakil Ketua", "Asisten Administrasi Umum Sekretariat Daerah"),
        ("Sekretaris", "Kepala Dinas Komunikasi dan Informatika"),
        ("Anggota", "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda)"),
        ("Anggota", "Kepala Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)"),
        ("Anggota", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)"),
        ("Anggota", "Inspektur Kabupaten Sukamaju"),
        ("Anggota", "Kepala Dinas Kesehatan"),
        ("Anggota", "Kepala Dinas Kependudukan dan Pencatatan Sipil"),
        ("Anggota", "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("Anggota", "Kepala Bagian Organisasi Sekretariat Daerah"),
        ("Anggota", "Kepala Bagian Hukum Sekretariat Daerah"),
        ("Anggota", "Sekretaris pada seluruh perangkat daerah di lingkungan Pemerintah "
                    "Kabupaten Sukamaju"),
    ]
    rows = [[str(i + 1), k, j] for i, (k, j) in enumerate(members)]
    s.append(grid_table(["No", "Kedudukan dalam Tim", "Jabatan"], rows,
                        [1.0 * cm, 3.6 * cm, TEXT_W - 4.6 * cm]))
    s += [sp(8), P("<b>B. Tugas Tim Koordinasi SPBE</b>")]
    tugas = [
        "melaksanakan koordinasi penyelenggaraan SPBE di seluruh perangkat daerah di "
        "lingkungan Pemerintah Kabupaten Sukamaju;",
        "melaksanakan reviu Arsitektur SPBE dan Peta Rencana SPBE Pemerintah Daerah;",
        "melaksanakan reviu dan evaluasi kebijakan internal SPBE;",
        "melaksanakan pemantauan dan evaluasi SPBE, termasuk persiapan evaluasi mandiri SPBE;",
        "berkoordinasi dengan Tim Koordinasi SPBE Nasional serta instansi pusat dan pemerintah "
        "daerah lain dalam rangka keterpaduan SPBE; dan",
        "melaporkan pelaksanaan tugas kepada Bupati.",
    ]
    for i, t in enumerate(tugas):
        s.append(Paragraph(t, ST["ayat"], bulletText=f"{i + 1}."))
    s += signature(["BUPATI SUKAMAJU,", "", "ttd."], BUPATI)
    build("sk_tim_koordinasi_spbe_2024.pdf", s,
          f"Keputusan Bupati Sukamaju Nomor {SK_TK_NO} (contoh fiktif)")


# --------------------------------------------------------------- 3. Rancangan Perbup Manrisk

def doc_rancangan_manrisk():
    s = [P("RANCANGAN", _style("draft", fontName=FONT_B, fontSize=12)), sp(4)]
    s += letterhead_bupati()
    s += title_block([
        "PERATURAN BUPATI SUKAMAJU",
        "NOMOR ... TAHUN 2024",
        "TENTANG",
        "MANAJEMEN RISIKO SISTEM PEMERINTAHAN",
        "BERBASIS ELEKTRONIK",
    ])
    s += title_block(["DENGAN RAHMAT TUHAN YANG MAHA ESA", "", "BUPATI SUKAMAJU,"], after=8)
    s += consider("Menimbang", [
        "bahwa untuk menjamin keberlangsungan Sistem Pemerintahan Berbasis Elektronik dan "
        "meningkatkan kualitas pengambilan keputusan dalam penerapannya, perlu dilaksanakan "
        "manajemen risiko Sistem Pemerintahan Berbasis Elektronik secara terencana dan terarah;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Peraturan Bupati tentang Manajemen Risiko Sistem Pemerintahan Berbasis Elektronik;",
    ])
    s += consider("Mengingat", [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor "
        "5587) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 "
        "Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun "
        "2022 tentang Cipta Kerja menjadi Undang-Undang;",
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik "
        "(Lembaran Negara Republik Indonesia Tahun 2018 Nomor 182);",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun "
        "2020 tentang Pedoman Manajemen Risiko Sistem Pemerintahan Berbasis Elektronik;",
        "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem "
        "Pemerintahan Berbasis Elektronik (Berita Daerah Kabupaten Sukamaju Tahun 2023 "
        "Nomor 12);",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += label_row("Menetapkan", "<b>PERATURAN BUPATI TENTANG MANAJEMEN RISIKO SISTEM "
                                 "PEMERINTAHAN BERBASIS ELEKTRONIK.</b>")
    s += bab("I", "KETENTUAN UMUM")
    s += pasal(1, [("Dalam Peraturan Bupati ini yang dimaksud dengan:", [
        "#1. Daerah adalah Kabupaten Sukamaju.",
        "#2. Bupati adalah Bupati Sukamaju.",
        "#3. Risiko SPBE adalah peluang terjadinya suatu peristiwa yang akan mempengaruhi "
        "keberhasilan terhadap pencapaian tujuan penerapan SPBE.",
        "#4. Manajemen Risiko SPBE adalah pendekatan sistematis yang meliputi proses, pengukuran, "
        "struktur, dan budaya untuk menentukan tindakan terbaik terkait Risiko SPBE.",
        "#5. Pemilik Risiko SPBE adalah kepala Perangkat Daerah yang bertanggung jawab atas "
        "Risiko SPBE pada unit kerjanya.",
    ])])
    s += bab("II", "PROSES MANAJEMEN RISIKO SPBE")
    s += pasal(2, [
        "Manajemen Risiko SPBE dilaksanakan oleh setiap Perangkat Daerah dengan berpedoman pada "
        "pedoman manajemen risiko SPBE yang ditetapkan oleh menteri.",
        ("Proses Manajemen Risiko SPBE meliputi:", [
            "penetapan konteks Risiko SPBE;",
            "identifikasi Risiko SPBE;",
            "analisis Risiko SPBE;",
            "evaluasi Risiko SPBE; dan",
            "penanganan Risiko SPBE.",
        ]),
    ])
    s += pasal(3, [
        "Penetapan konteks Risiko SPBE dilakukan dengan menetapkan sasaran SPBE, struktur "
        "pelaksana, pemangku kepentingan, peraturan perundang-undangan terkait, kategori risiko, "
        "area dampak, kriteria kemungkinan dan kriteria dampak, serta matriks analisis risiko.",
        "Kategori Risiko SPBE terdiri atas Risiko SPBE positif dan Risiko SPBE negatif.",
    ])
    s += pasal(4, [
        "Identifikasi Risiko SPBE dilakukan dengan menguraikan kejadian, penyebab, dan dampak "
        "dari setiap Risiko SPBE, serta mencatatnya dalam daftar Risiko SPBE.",
    ])
    s += pasal(5, [
        "Analisis Risiko SPBE dilakukan dengan menentukan level kemungkinan dan level dampak "
        "Risiko SPBE untuk memperoleh besaran Risiko SPBE.",
        "Besaran Risiko SPBE ditentukan dengan menggunakan matriks analisis risiko 5 (lima) x "
        "5 (lima).",
    ])
    s += pasal(6, [
        "Evaluasi Risiko SPBE dilakukan dengan membandingkan besaran Risiko SPBE dengan selera "
        "risiko yang ditetapkan oleh Tim Koordinasi SPBE untuk menentukan prioritas penanganan.",
    ])
    s += pasal(7, [
        ("Penanganan Risiko SPBE dilakukan dengan pilihan:", [
            "mengurangi kemungkinan terjadinya risiko;",
            "mengurangi dampak risiko;",
            "mentransfer risiko; atau",
            "menerima risiko.",
        ]),
        "Rencana penanganan Risiko SPBE dituangkan dalam dokumen rencana penanganan risiko dan "
        "dipantau oleh Pemilik Risiko SPBE.",
    ])
    s += bab("III", "KETENTUAN PENUTUP")
    s += pasal(8, ["Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."])
    s.append(P("Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini "
               "dengan penempatannya dalam Berita Daerah Kabupaten Sukamaju."))
    s += signature(["Ditetapkan di Sukamaju", "pada tanggal ..........", "", "BUPATI SUKAMAJU,"],
                   None, gap=True)
    s += [sp(6), KeepTogether([
        P("Diundangkan di Sukamaju"),
        P("pada tanggal .........."),
        P("SEKRETARIS DAERAH KABUPATEN SUKAMAJU,"),
        sp(24),
        P("<b>BERITA DAERAH KABUPATEN SUKAMAJU TAHUN 2024 NOMOR ...</b>"),
    ])]
    build("rancangan_perbup_manajemen_risiko_spbe.pdf", s,
          "Rancangan Peraturan Bupati Sukamaju tentang Manajemen Risiko SPBE (contoh fiktif)")


# --------------------------------------------------------------- 4. Rencana Induk SPBE 2023-2027

YEARS = ["2023", "2024", "2025", "2026", "2027"]


def doc_rencana_induk():
    s = kop_dinas()
    s += title_block([
        "RENCANA INDUK SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "KABUPATEN SUKAMAJU",
        "TAHUN 2023-2027",
    ], after=2)
    s += [P("(Kutipan Bab I sampai dengan Bab IV)", "center"), sp(6)]

    s += bab("I", "PENDAHULUAN")
    s += [P("<b>1.1 Latar Belakang</b>"),
          P("Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik "
            "mewajibkan pemerintah daerah menyusun Arsitektur SPBE dan Peta Rencana SPBE. "
            "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 menugaskan Dinas Komunikasi dan "
            "Informatika menyusun keduanya sebagai satu dokumen Rencana Induk SPBE untuk periode "
            "2023-2027."),
          P("<b>1.2 Maksud dan Tujuan</b>"),
          P("Rencana Induk ini dimaksudkan sebagai acuan bagi seluruh perangkat daerah dalam "
            "merencanakan, membangun, dan mengembangkan SPBE secara terpadu, serta sebagai dasar "
            "penyusunan rencana kerja dan anggaran SPBE setiap tahun."),
          P("<b>1.3 Ruang Lingkup</b>"),
          P("Rencana Induk memuat Arsitektur SPBE, Peta Rencana SPBE, serta rencana dan anggaran "
            "SPBE Pemerintah Kabupaten Sukamaju untuk jangka waktu 5 (lima) tahun.")]

    s += bab("II", "ARSITEKTUR SPBE")
    s += [P("<b>2.1 Referensi Arsitektur</b>"),
          P("Arsitektur SPBE Kabupaten Sukamaju disusun dengan berpedoman pada Arsitektur SPBE "
            "Nasional sebagaimana ditetapkan dalam Peraturan Presiden Nomor 132 Tahun 2022 serta "
            "Rencana Pembangunan Jangka Menengah Daerah. Referensi arsitektur memuat kode dan "
            "klasifikasi untuk setiap domain sehingga dapat dipetakan ke referensi arsitektur "
            "nasional."),
          P("<b>2.2 Domain Arsitektur</b>")]
    domains = [
        ("Domain Arsitektur Proses Bisnis", "memetakan 38 urusan dan 214 proses bisnis "
         "perangkat daerah, termasuk proses bisnis lintas perangkat daerah."),
        ("Domain Arsitektur Data dan Informasi", "memuat 126 kelompok data, data induk "
         "kependudukan, kewilayahan, dan kepegawaian, serta alur pertukaran data."),
        ("Domain Arsitektur Infrastruktur SPBE", "meliputi Pusat Data Daerah, Disaster Recovery "
         "Center, Jaringan Intra Pemerintah Daerah, dan Sistem Penghubung Layanan."),
        ("Domain Arsitektur Aplikasi SPBE", "memetakan 87 aplikasi, terdiri atas aplikasi umum "
         "dan aplikasi khusus, beserta rencana konsolidasinya."),
        ("Domain Arsitektur Keamanan SPBE", "mengatur pengendalian keamanan data, aplikasi, dan "
         "infrastruktur, termasuk tim tanggap insiden siber (Sukamaju-CSIRT)."),
        ("Domain Arsitektur Layanan SPBE", "memuat layanan administrasi pemerintahan dan layanan "
         "publik berbasis elektronik beserta target keterpaduannya."),
    ]
    for i, (d, t) in enumerate(domains):
        s.append(Paragraph(f"<b>{d}</b>, {t}", ST["ayat"], bulletText=f"{chr(97 + i)}."))

    s += bab("III", "PETA RENCANA SPBE")
    s.append(P("Peta Rencana SPBE disusun berpedoman pada Peta Rencana SPBE Nasional dan memuat "
               "tujuh muatan dengan program per tahun sebagai berikut."))
    peta = [
        ("Tata Kelola SPBE", ["Penetapan Perbup Penyelenggaraan SPBE",
                              "Pembentukan Tim Koordinasi SPBE",
                              "Reviu kebijakan internal SPBE",
                              "Penetapan kebijakan turunan SPBE",
                              "Evaluasi tata kelola SPBE"]),
        ("Manajemen SPBE", ["Pedoman manajemen data (Satu Data)",
                            "Pedoman manajemen risiko SPBE",
                            "Penerapan manajemen keamanan informasi",
                            "Manajemen aset TIK",
                            "Manajemen pengetahuan dan perubahan"]),
        ("Layanan SPBE", ["Penerapan SRIKANDI",
                          "Integrasi perencanaan dan penganggaran",
                          "Portal layanan publik terpadu",
                          "Integrasi layanan pengaduan",
                          "Layanan data terbuka"]),
        ("Infrastruktur SPBE", ["Penguatan Pusat Data Daerah",
                                "Perluasan jaringan intra serat optik",
                                "Pembangunan DRC",
                                "Jaringan intra seluruh kecamatan",
                                "Interkoneksi Pusat Data Nasional"]),
        ("Aplikasi SPBE", ["Inventarisasi aplikasi",
                           "Sistem Penghubung Layanan",
                           "Konsolidasi aplikasi khusus",
                           "Integrasi aplikasi umum",
                           "Evaluasi portofolio aplikasi"]),
        ("Keamanan SPBE", ["Pembentukan Sukamaju-CSIRT",
                           "Penilaian Indeks KAMI",
                           "Penerapan SMKI",
                           "Uji penetrasi aplikasi",
                           "Sertifikasi keamanan"]),
        ("Audit TIK", ["-",
                       "Audit infrastruktur SPBE",
                       "Audit aplikasi SPBE",
                       "Audit keamanan SPBE",
                       "Audit infrastruktur SPBE"]),
    ]
    rows = [[m] + progs for m, progs in peta]
    w0 = 2.9 * cm
    s.append(grid_table(["Muatan"] + YEARS, rows, [w0] + [(TEXT_W - w0) / 5] * 5))

    s += bab("IV", "RENCANA DAN ANGGARAN SPBE")
    s.append(P("Kebutuhan anggaran SPBE bersumber dari Anggaran Pendapatan dan Belanja Daerah "
               "dan dituangkan setiap tahun dalam Rencana Kerja Pemerintah Daerah serta Rencana "
               "Kerja dan Anggaran perangkat daerah. Indikasi anggaran per program (dalam juta "
               "rupiah):"))
    budget = [
        ("Tata kelola SPBE", [150, 175, 200, 150, 150]),
        ("Manajemen SPBE", [200, 350, 400, 300, 300]),
        ("Layanan SPBE", [900, 1200, 1500, 1250, 1000]),
        ("Infrastruktur SPBE", [2500, 3100, 4200, 2800, 2600]),
        ("Aplikasi SPBE", [800, 950, 1100, 900, 850]),
        ("Keamanan SPBE", [300, 450, 600, 500, 450]),
        ("Audit TIK", [0, 250, 250, 300, 250]),
    ]
    fmt = lambda v: f"{v:,}".replace(",", ".")
    rows = [[name] + [fmt(v) for v in vals] + [fmt(sum(vals))] for name, vals in budget]
    totals = [sum(v[i] for _, v in budget) for i in range(5)]
    rows.append(["<b>Jumlah</b>"] + [f"<b>{fmt(t)}</b>" for t in totals]
                + [f"<b>{fmt(sum(totals))}</b>"])
    w0 = 3.4 * cm
    s.append(grid_table(["Program"] + YEARS + ["Jumlah"], rows, [w0] + [(TEXT_W - w0) / 6] * 6))
    s += signature(["Sukamaju, 20 Desember 2023",
                    "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "KABUPATEN SUKAMAJU,", "", "ttd."],
                   KADIS, extra=[f"NIP. {KADIS_NIP}"])
    build("rencana_induk_spbe_2023_2027.pdf", s,
          "Rencana Induk SPBE Kabupaten Sukamaju 2023-2027 (contoh fiktif)")


# --------------------------------------------------------------- 5. Topologi Jaringan Intra 2024

OPD_LINKS = [
    ("Sekretariat Daerah", "Serat optik (FO)", "1 Gbps"),
    ("Sekretariat DPRD", "Serat optik (FO)", "1 Gbps"),
    ("Inspektorat", "Serat optik (FO)", "1 Gbps"),
    ("Bappeda", "Serat optik (FO)", "1 Gbps"),
    ("BPKAD", "Serat optik (FO)", "1 Gbps"),
    ("BKPSDM", "Serat optik (FO)", "1 Gbps"),
    ("Badan Pendapatan Daerah", "Serat optik (FO)", "1 Gbps"),
    ("Badan Penanggulangan Bencana Daerah", "Radio", "100 Mbps"),
    ("Badan Kesatuan Bangsa dan Politik", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Komunikasi dan Informatika (NOC)", "LAN", "10 Gbps"),
    ("Dinas Pendidikan", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Kesehatan", "Radio", "100 Mbps"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Radio", "100 Mbps"),
    ("Satuan Polisi Pamong Praja", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Sosial", "Radio", "100 Mbps"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Penanaman Modal dan PTSP", "Serat optik (FO)", "1 Gbps"),
    ("Dinas Perhubungan", "Radio", "100 Mbps"),
    ("Dinas Lingkungan Hidup", "Radio", "100 Mbps"),
    ("Dinas Pertanian dan Ketahanan Pangan", "VPN", "50 Mbps"),
    ("Dinas Perdagangan, Koperasi dan UKM", "VPN", "50 Mbps"),
    ("Kecamatan Sukamaju Kota", "Serat optik (FO)", "1 Gbps"),
    ("Kecamatan Sukamaju Utara", "VPN", "50 Mbps"),
    ("Kecamatan Sukamaju Selatan", "VPN", "50 Mbps"),
    ("Kecamatan Cibening", "Radio", "100 Mbps"),
    ("Kecamatan Mekarsari", "VPN", "50 Mbps"),
]
KEC_BELUM = ["Sindangjaya", "Pasirlaya", "Giriwangi", "Karangmulya", "Wanasari",
             "Cipadung Hilir", "Lembahhijau"]


def _node(d, cx, cy, label, w=110, h=24, fill=colors.Color(0.92, 0.95, 1.0), size=8.5):
    d.add(Rect(cx - w / 2, cy - h / 2, w, h, fillColor=fill, strokeColor=colors.black,
               strokeWidth=0.8))
    d.add(String(cx, cy - size / 3, label, fontName="Helvetica", fontSize=size,
                 textAnchor="middle"))


def _link(d, x1, y1, x2, y2, dashed=False, width=1.2):
    ln = Line(x1, y1, x2, y2, strokeColor=colors.black, strokeWidth=width)
    if dashed:
        ln.strokeDashArray = [4, 3]
    d.add(ln)


def _label(d, x, y, text, anchor="start"):
    d.add(String(x, y, text, fontName="Helvetica-Oblique", fontSize=7.5, textAnchor=anchor,
                 fillColor=colors.Color(0.1, 0.1, 0.45)))


def topology_drawing():
    W, H = TEXT_W, 560
    d = Drawing(W, H)
    cx = W / 2
    # NOC boundary
    noc = Rect(4, 262, W - 8, 176, fillColor=None, strokeColor=colors.grey, strokeWidth=0.8)
    noc.strokeDashArray = [2, 2]
    d.add(noc)
    d.add(String(10, 267, "Ruang NOC - Dinas Komunikasi dan Informatika", fontName="Helvetica-Bold",
                 fontSize=7.5, fillColor=colors.grey))
    _node(d, cx, 530, "Internet", w=120, fill=colors.Color(0.95, 0.95, 0.95))
    _node(d, 110, 470, "ISP A 500 Mbps", w=130)
    _node(d, W - 110, 470, "ISP B 300 Mbps (backup)", w=140)
    _link(d, cx - 30, 518, 110, 482)
    _link(d, cx + 30, 518, W - 110, 482, dashed=True)
    _link(d, 110, 458, cx - 20, 412)
    _link(d, W - 110, 458, cx + 20, 412, dashed=True)
    _node(d, cx, 400, "Firewall", w=120, fill=colors.Color(1.0, 0.9, 0.88))
    _link(d, cx, 388, cx, 367)
    _node(d, cx, 355, "Router", w=120)
    _link(d, cx, 343, cx, 322)
    _node(d, cx, 310, "Core Switch", w=120)
    # pusat data (left) and DRC (right)
    _node(d, 65, 310, "Server Pusat Data", w=110, fill=colors.Color(0.9, 1.0, 0.9))
    _link(d, 120, 310, cx - 60, 310, width=2)
    _label(d, 124, 314, "LAN 10 Gbps")
    _node(d, W - 60, 230, "DRC", w=90, fill=colors.Color(0.9, 1.0, 0.9))
    _link(d, cx + 60, 310, W - 60, 310, dashed=True)
    _link(d, W - 60, 310, W - 60, 242, dashed=True)
    _label(d, cx + 70, 314, "VPN (replikasi)")
    # distribution
    _link(d, cx, 298, cx, 242, width=2)
    _label(d, cx + 5, 268, "FO 1 Gbps")
    _node(d, cx, 230, "Distribution Switch", w=130)
    _link(d, cx, 218, cx, 175, width=1.2)
    xs = [52, 160, 272, 397]
    _link(d, xs[0], 175, xs[-1], 175)
    nodes = [("Bappeda", "FO 1 Gbps", False), ("BPKAD", "FO 1 Gbps", False),
             ("Dinas Kesehatan", "Radio 100 Mbps", True), ("Kecamatan Sukamaju Utara", "VPN", True)]
    for x, (name, lbl, dashed) in zip(xs, nodes):
        _link(d, x, 175, x, 122, dashed=dashed)
        _label(d, x + 4, 148, lbl)
        _node(d, x, 110, name, w={"Bappeda": 95, "BPKAD": 95, "Dinas Kesehatan": 105}.get(name, 130),
              size=8)
    # legend
    d.add(String(4, 60, "Keterangan:", fontName="Helvetica-Bold", fontSize=8))
    _link(d, 4, 46, 40, 46)
    d.add(String(46, 43, "tautan utama (serat optik / LAN)", fontName="Helvetica", fontSize=8))
    _link(d, 4, 32, 40, 32, dashed=True)
    d.add(String(46, 29, "tautan cadangan, radio, atau VPN", fontName="Helvetica", fontSize=8))
    d.add(String(4, 12, "OPD lain terhubung ke Distribution Switch; lihat Tabel 1.",
                 fontName="Helvetica", fontSize=8))
    return d


def doc_topologi():
    s = kop_dinas()
    s += title_block(["DOKUMEN TOPOLOGI JARINGAN INTRA", "PEMERINTAH KABUPATEN SUKAMAJU",
                      "TAHUN 2024"])
    n_total = len(OPD_LINKS) + len(KEC_BELUM)
    s += [P("<b>1. Gambaran Umum</b>"),
          P("Jaringan Intra Pemerintah Kabupaten Sukamaju diselenggarakan oleh Dinas Komunikasi dan "
            "Informatika sebagai pusat operasi jaringan (Network Operation Center/NOC) sesuai "
            "Pasal 8 Peraturan Bupati Sukamaju Nomor 12 Tahun 2023. Jaringan menghubungkan "
            "perangkat daerah dengan Pusat Data Daerah untuk akses aplikasi umum, aplikasi khusus, "
            "dan layanan internet yang dikelola terpusat."),
          P("<b>2. Tulang Punggung (Backbone)</b>"),
          P("Tulang punggung jaringan menggunakan kabel serat optik (fiber optic) milik Pemerintah "
            "Daerah sepanjang 38 km yang menghubungkan kompleks perkantoran pemerintah dengan "
            "kapasitas 1 Gbps per tautan. Perangkat daerah yang belum terjangkau serat optik "
            "terhubung melalui radio point-to-point 100 Mbps, sedangkan kantor kecamatan yang jauh "
            "terhubung melalui VPN di atas layanan internet setempat."),
          P("<b>3. Akses Internet</b>"),
          P("Akses internet menggunakan dua penyedia jasa internet: ISP A dengan kapasitas 500 Mbps "
            "sebagai jalur utama dan ISP B dengan kapasitas 300 Mbps sebagai jalur cadangan "
            "(backup). Seluruh lalu lintas melewati firewall dan router di NOC."),
          P("<b>4. Pusat Data dan DRC</b>"),
          P("Server Pusat Data Daerah berada di ruang server Dinas Komunikasi dan Informatika dan "
            "terhubung ke core switch dengan tautan 10 Gbps. Disaster Recovery Center (DRC) "
            "ditempatkan pada fasilitas kolokasi di ibu kota provinsi dan menerima replikasi data "
            "harian melalui VPN."),
          P("<b>5. Cakupan</b>"),
          P(f"Sampai dengan Desember 2024, jaringan intra telah menghubungkan {len(OPD_LINKS)} dari "
            f"{n_total} perangkat daerah (Tabel 1). Sebanyak {len(KEC_BELUM)} kantor kecamatan "
            f"belum terhubung, yaitu Kecamatan {', '.join(KEC_BELUM[:-1])}, dan {KEC_BELUM[-1]}, "
            "dan direncanakan terhubung pada tahun 2025-2026. Interkoneksi dengan Jaringan Intra "
            "Pemerintah yang diselenggarakan kementerian direncanakan pada tahun 2026."),
          PageBreak(),
          P("<b>Gambar 1. Topologi Jaringan Intra Pemerintah Kabupaten Sukamaju Tahun 2024</b>",
            "center"),
          sp(8), topology_drawing(),
          PageBreak(),
          P("<b>Tabel 1. Perangkat Daerah yang Terhubung ke Jaringan Intra (Desember 2024)</b>",
            "center"), sp(4)]
    rows = [[str(i + 1), n, t, b] for i, (n, t, b) in enumerate(OPD_LINKS)]
    s.append(grid_table(["No", "Perangkat Daerah", "Jenis Tautan", "Bandwidth"], rows,
                        [1.0 * cm, TEXT_W - 7.4 * cm, 3.8 * cm, 2.6 * cm]))
    s += signature(["Sukamaju, 16 Desember 2024", "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
                    "KABUPATEN SUKAMAJU,", "", "ttd."], KADIS, extra=[f"NIP. {KADIS_NIP}"])
    build("topologi_jaringan_intra_2024.pdf", s,
          "Dokumen Topologi Jaringan Intra Kabupaten Sukamaju 2024 (contoh fiktif)")


# --------------------------------------------------------------- 6. SOP Pengelolaan Pusat Data

SOP_NO = "800/12/SOP/Diskominfo/2024"

RULED = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]
GREY = colors.Color(0.88, 0.88, 0.88)


def _lines(items, style="cell", numbered=True):
    return [P(f"{i + 1}. {t}" if numbered else t, style) for i, t in enumerate(items)]


def doc_sop_pusat_data():
    c = lambda t: P(t, "cell")
    cb = lambda t: P(t, "cell_b")
    left = [P("PEMERINTAH KABUPATEN SUKAMAJU", "cell_b"), sp(2),
            P("DINAS KOMUNIKASI DAN INFORMATIKA", "cell_b"), sp(2),
            P("BIDANG INFRASTRUKTUR TEKNOLOGI INFORMASI DAN KOMUNIKASI", "cell")]
    ident = [
        [left, cb("Nomor SOP"), c(SOP_NO)],
        ["", cb("Tanggal Pembuatan"), c("8 Januari 2024")],
        ["", cb("Tanggal Revisi"), c("-")],
        ["", cb("Tanggal Efektif"), c("1 Februari 2024")],
        ["", cb("Disahkan oleh"), [c("Kepala Dinas Komunikasi dan Informatika"), c("ttd."),
                                   c(f"<b>{KADIS}</b>"), c(f"NIP. {KADIS_NIP}")]],
        ["", cb("Nama SOP"), cb("PENGELOLAAN PUSAT DATA")],
    ]
    t1 = Table(ident, colWidths=[6.0 * cm, 3.6 * cm, TEXT_W - 9.6 * cm])
    t1.setStyle(TableStyle(RULED + [("SPAN", (0, 0), (0, -1)), ("VALIGN", (0, 0), (0, -1), "MIDDLE")]))
    half = TEXT_W / 2
    detail = [
        [cb("Dasar Hukum:"), cb("Kualifikasi Pelaksana:")],
        [_lines(["Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis "
                 "Elektronik;",
                 "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar "
                 "Operasional Prosedur Administrasi Pemerintahan;",
                 "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem "
                 "Pemerintahan Berbasis Elektronik."]),
         _lines(["Pendidikan minimal D3 bidang teknologi informasi;",
                 "Memahami administrasi server, virtualisasi, dan jaringan;",
                 "Memiliki sertifikat pelatihan pengelolaan pusat data."])],
        [cb("Keterkaitan:"), cb("Peralatan/Perlengkapan:")],
        [_lines(["SOP Pencadangan dan Pemulihan Data;",
                 "SOP Penanganan Insiden Keamanan Informasi;",
                 "SOP Pengelolaan Jaringan Intra."]),
         _lines(["Rak server, UPS, dan genset;",
                 "Sistem pemantauan (network monitoring system);",
                 "Formulir permohonan layanan pusat data;",
                 "Aplikasi helpdesk/tiket."])],
        [cb("Peringatan:"), cb("Pencatatan dan Pendataan:")],
        [c("Apabila SOP ini tidak dilaksanakan, layanan aplikasi perangkat daerah dapat terganggu "
           "dan data berisiko hilang atau bocor."),
         _lines(["Formulir permohonan layanan;", "Log pemantauan harian;",
                 "Log pencadangan data ke DRC;", "Tiket insiden;", "Laporan bulanan."])],
    ]
    t2 = Table(detail, colWidths=[half, half])
    t2.setStyle(TableStyle(RULED + [("BACKGROUND", (0, 0), (-1, 0), GREY),
                                    ("BACKGROUND", (0, 2), (-1, 2), GREY),
                                    ("BACKGROUND", (0, 4), (-1, 4), GREY)]))

    s = [P("STANDAR OPERASIONAL PROSEDUR", "head"), P("PENGELOLAAN PUSAT DATA", "head"),
         P("DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN SUKAMAJU", "center_b"), sp(10),
         t1, sp(10), t2, sp(8),
         P("Ruang lingkup: SOP ini berlaku untuk layanan Pusat Data Daerah yang digunakan oleh "
           "seluruh perangkat daerah di lingkungan Pemerintah Kabupaten Sukamaju, meliputi "
           "penempatan server (kolokasi), mesin virtual, dan hosting aplikasi."),
         PageBreak(),
         P("<b>PROSEDUR PENGELOLAAN PUSAT DATA</b>", "center"), sp(6)]
    steps = [
        ("Mengajukan permohonan layanan pusat data (kolokasi, mesin virtual, atau hosting) "
         "melalui aplikasi helpdesk", "Perangkat Daerah pemohon",
         "Surat permohonan, formulir kebutuhan layanan", "1 hari", "Permohonan terdaftar"),
        ("Memverifikasi kebutuhan dan ketersediaan kapasitas", "Administrator Pusat Data",
         "Formulir, data kapasitas", "1 hari", "Hasil verifikasi"),
        ("Memberikan persetujuan atau penolakan", "Kepala Bidang Infrastruktur TIK",
         "Hasil verifikasi", "1 hari", "Persetujuan"),
        ("Menguji keamanan dan kelaikan aplikasi sebelum ditempatkan",
         "Tim Keamanan Informasi", "Kode/paket aplikasi, daftar periksa", "2 hari",
         "Laporan uji kelaikan"),
        ("Menyediakan layanan (alokasi mesin virtual/rak, alamat IP, akun akses)",
         "Administrator Pusat Data", "Persetujuan, laporan uji", "1 hari",
         "Layanan aktif, berita acara"),
        ("Memantau suhu, daya, kapasitas, dan ketersediaan layanan; mencadangkan data harian "
         "ke DRC", "Operator NOC", "Log pemantauan, jadwal pencadangan", "Setiap hari",
         "Log pemantauan, log pencadangan"),
        ("Menangani gangguan atau insiden", "Operator NOC, Administrator Pusat Data",
         "Tiket gangguan", "Paling lama 4 jam", "Tiket selesai"),
        ("Menyusun laporan bulanan penggunaan pusat data", "Kepala Bidang Infrastruktur TIK",
         "Log, tiket, data kapasitas", "5 hari kerja", "Laporan kepada Kepala Dinas"),
    ]
    head1 = [cb("No"), cb("Kegiatan"), cb("Pelaksana"), cb("Mutu Baku"), "", ""]
    head2 = ["", "", "", cb("Kelengkapan"), cb("Waktu"), cb("Output")]
    data = [head1, head2] + [[c(str(i + 1))] + [c(x) for x in st] for i, st in enumerate(steps)]
    w = [0.9 * cm, 4.6 * cm, 3.3 * cm, 3.4 * cm, 1.9 * cm]
    w.append(TEXT_W - sum(w))
    t3 = Table(data, colWidths=w, repeatRows=2)
    t3.setStyle(TableStyle(RULED + [
        ("SPAN", (3, 0), (5, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (2, 1)), ("BACKGROUND", (0, 0), (-1, 1), GREY)]))
    s.append(t3)
    build("sop_pengelolaan_pusat_data.pdf", s,
          "SOP Pengelolaan Pusat Data Diskominfo Kabupaten Sukamaju (contoh fiktif)")


# --------------------------------------------------------------- 7. Laporan Reviu Kebijakan SPBE 2025

def doc_laporan_reviu():
    s = [P("PEMERINTAH KABUPATEN SUKAMAJU", "head"),
         P("TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", "head"),
         HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=4, spaceAfter=10)]
    s += title_block(["LAPORAN REVIU DAN EVALUASI KEBIJAKAN INTERNAL SPBE",
                      "KABUPATEN SUKAMAJU", "TAHUN 2025"])
    s += bab("I", "PENDAHULUAN")
    s += [P("<b>A. Latar Belakang</b>"),
          P("Pasal 2 ayat (5) dan Pasal 3 ayat (4) Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 "
            "tentang Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik mengamanatkan reviu "
            "dan evaluasi secara berkala. Sesuai Keputusan Bupati Sukamaju Nomor "
            f"{SK_TK_NO}, reviu dilaksanakan oleh Tim Koordinasi SPBE."),
          P("<b>B. Ruang Lingkup</b>"),
          P("Reviu mencakup ketentuan Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 mengenai "
            "Arsitektur SPBE (Pasal 2), Peta Rencana SPBE (Pasal 3), dan Manajemen Data (Pasal 4), "
            "serta kesesuaiannya dengan kebijakan nasional dan pelaksanaannya di perangkat daerah."),
          P("<b>C. Metode dan Waktu</b>"),
          P("Reviu dilakukan melalui telaah dokumen, kuesioner kepada 34 perangkat daerah, dan "
            "diskusi kelompok terpumpun pada tanggal 22 Mei 2025 yang dihadiri 29 perangkat daerah. "
            "Reviu berlangsung pada bulan Mei sampai dengan Juni 2025.")]
    s += bab("II", "HASIL REVIU DAN EVALUASI")
    s.append(P("Hasil reviu dan evaluasi dirangkum dalam tabel berikut."))
    rows = [
        ["1", "Arsitektur SPBE (Pasal 2)",
         "Arsitektur SPBE Pemerintah Daerah belum dimutakhirkan sesuai Arsitektur SPBE Nasional "
         "dalam Peraturan Presiden Nomor 132 Tahun 2022; referensi arsitektur layanan belum "
         "dipetakan ke referensi nasional.",
         "Memutakhirkan Arsitektur SPBE dan menetapkannya dengan Keputusan Bupati paling lambat "
         "triwulan IV tahun 2025."],
        ["2", "Peta Rencana SPBE (Pasal 3)",
         "Program tahun 2024 berupa pedoman manajemen risiko SPBE masih berstatus rancangan; "
         "program audit TIK tahun 2025 belum dimuat dalam Dokumen Pelaksanaan Anggaran.",
         "Mempercepat penetapan Peraturan Bupati tentang Manajemen Risiko SPBE dan menyelaraskan "
         "Peta Rencana SPBE dengan rencana kerja dan anggaran tahun 2026."],
        ["3", "Manajemen Data (Pasal 4)",
         "Pasal 4 hanya mengatur tahapan penyelenggaraan Satu Data; belum mengatur arsitektur "
         "data, data induk, data referensi, basis data, kualitas data, dan interoperabilitas data.",
         "Menyusun perubahan Peraturan Bupati atau Peraturan Bupati tersendiri tentang Manajemen "
         "Data yang mengatur keenam proses manajemen data."],
    ]
    s.append(grid_table(["No", "Kebijakan yang Direviu", "Isu/Temuan", "Rekomendasi"], rows,
                        [0.9 * cm, 3.2 * cm, (TEXT_W - 4.1 * cm) / 2, (TEXT_W - 4.1 * cm) / 2]))
    s += bab("III", "KESIMPULAN DAN TINDAK LANJUT")
    s.append(P("Ketentuan Arsitektur SPBE dan Peta Rencana SPBE dalam Peraturan Bupati Sukamaju "
               "Nomor 12 Tahun 2023 masih relevan, namun perlu dimutakhirkan pelaksanaannya. "
               "Ketentuan Manajemen Data perlu diubah. Tindak lanjut yang direkomendasikan:"))
    for i, t in enumerate([
        "Dinas Komunikasi dan Informatika menyusun rancangan pemutakhiran Arsitektur SPBE "
        "(triwulan III 2025);",
        "Bagian Hukum Sekretariat Daerah memfasilitasi penetapan Peraturan Bupati tentang "
        "Manajemen Risiko SPBE (triwulan III 2025);",
        "Dinas Komunikasi dan Informatika bersama Bappeda menyusun rancangan Peraturan Bupati "
        "tentang Manajemen Data (triwulan IV 2025);",
        "Tim Koordinasi SPBE memantau pelaksanaan tindak lanjut dan melaporkannya kepada Bupati.",
    ]):
        s.append(Paragraph(t, ST["ayat"], bulletText=f"{i + 1}."))
    s += signature(["Sukamaju, 10 Juni 2025", "KETUA TIM KOORDINASI SPBE", "KABUPATEN SUKAMAJU,",
                    "", "ttd."], SEKDA_FULL, extra=[f"NIP. {SEKDA_NIP}"])
    build("laporan_reviu_kebijakan_spbe_2025.pdf", s,
          "Laporan Reviu dan Evaluasi Kebijakan Internal SPBE Kabupaten Sukamaju 2025 (contoh fiktif)")


# --------------------------------------------------------------- 8. Perbup TPP 2023 (non-evidence)

def doc_perbup_tpp():
    s = letterhead_bupati()
    s += title_block([
        "PERATURAN BUPATI SUKAMAJU",
        "NOMOR 7 TAHUN 2023",
        "TENTANG",
        "PEMBERIAN TAMBAHAN PENGHASILAN PEGAWAI",
    ])
    s += title_block(["DENGAN RAHMAT TUHAN YANG MAHA ESA", "", "BUPATI SUKAMAJU,"], after=8)
    s += consider("Menimbang", [
        "bahwa untuk meningkatkan kesejahteraan, disiplin, dan kinerja pegawai aparatur sipil "
        "negara di lingkungan Pemerintah Kabupaten Sukamaju, perlu diberikan tambahan penghasilan "
        "pegawai dengan memperhatikan kemampuan keuangan daerah;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Peraturan Bupati tentang Pemberian Tambahan Penghasilan Pegawai;",
    ])
    s += consider("Mengingat", [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) "
        "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 9 Tahun 2015 "
        "tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah (Lembaran "
        "Negara Republik Indonesia Tahun 2019 Nomor 42, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 6322);",
        "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan "
        "Keuangan Daerah;",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += label_row("Menetapkan", "<b>PERATURAN BUPATI TENTANG PEMBERIAN TAMBAHAN PENGHASILAN "
                                 "PEGAWAI.</b>")
    s += bab("I", "KETENTUAN UMUM")
    s += pasal(1, [("Dalam Peraturan Bupati ini yang dimaksud dengan:", [
        "#1. Daerah adalah Kabupaten Sukamaju.",
        "#2. Bupati adalah Bupati Sukamaju.",
        "#3. Pegawai adalah pegawai negeri sipil dan calon pegawai negeri sipil di lingkungan "
        "Pemerintah Daerah.",
        "#4. Tambahan Penghasilan Pegawai yang selanjutnya disingkat TPP adalah tambahan "
        "penghasilan yang diberikan kepada Pegawai berdasarkan pertimbangan yang objektif.",
    ])])
    s += bab("II", "KRITERIA DAN BESARAN")
    s += pasal(2, [
        ("TPP diberikan berdasarkan kriteria:", [
            "beban kerja;",
            "tempat bertugas;",
            "kondisi kerja;",
            "kelangkaan profesi; dan",
            "prestasi kerja.",
        ]),
        "Besaran TPP ditetapkan berdasarkan kelas jabatan sebagaimana tercantum dalam tabel "
        "berikut.",
    ])
    rows = [["15", "Sekretaris Daerah", "Rp 14.500.000"],
            ["14", "Asisten, Kepala Badan, Kepala Dinas", "Rp 9.750.000"],
            ["12", "Kepala Bagian, Kepala Bidang, Camat", "Rp 6.200.000"],
            ["9", "Kepala Subbagian, Kepala Seksi", "Rp 4.100.000"],
            ["7", "Jabatan pelaksana", "Rp 2.650.000"]]
    s.append(grid_table(["Kelas Jabatan", "Jabatan", "Besaran TPP per Bulan"], rows,
                        [3.0 * cm, TEXT_W - 7.5 * cm, 4.5 * cm]))
    s += bab("III", "PENGURANGAN TPP")
    s += pasal(3, [
        "TPP dikurangi apabila Pegawai terlambat masuk kerja atau pulang sebelum waktunya tanpa "
        "alasan yang sah, sebesar 1% (satu persen) untuk setiap kejadian.",
        "TPP tidak dibayarkan kepada Pegawai yang sedang menjalani cuti di luar tanggungan negara "
        "atau dijatuhi hukuman disiplin berat.",
    ])
    s += bab("IV", "KETENTUAN PENUTUP")
    s += pasal(4, ["Peraturan Bupati ini mulai berlaku pada tanggal diundangkan dan berlaku surut "
                   "sejak tanggal 1 Januari 2023."])
    s.append(P("Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini "
               "dengan penempatannya dalam Berita Daerah Kabupaten Sukamaju."))
    s += signature(["Ditetapkan di Sukamaju", "pada tanggal 20 Januari 2023", "",
                    "BUPATI SUKAMAJU,", "", "ttd."], BUPATI)
    s += [sp(8), KeepTogether([
        P("Diundangkan di Sukamaju"),
        P("pada tanggal 20 Januari 2023"),
        P("SEKRETARIS DAERAH KABUPATEN SUKAMAJU,"),
        sp(4), P("ttd."), sp(10),
        P(f"<b>{SEKDA}</b>"),
        sp(10),
        P("<b>BERITA DAERAH KABUPATEN SUKAMAJU TAHUN 2023 NOMOR 7</b>"),
    ])]
    build("perbup_tunjangan_kinerja_2023.pdf", s,
          "Peraturan Bupati Sukamaju Nomor 7 Tahun 2023 (contoh fiktif)")


# --------------------------------------------------------------- 9. Berita kegiatan (non-evidence)

def doc_berita():
    write_txt("berita_kegiatan_spbe.txt", """
diskominfo.sukamajukab.go.id (fiktif) > Berita > Kegiatan

Diskominfo Sukamaju Gelar Sosialisasi SPBE bagi Perangkat Daerah

Diposting oleh Admin Diskominfo | Jumat, 3 Mei 2024 | Dibaca 214 kali

Sukamaju, 3 Mei 2024 - Dinas Komunikasi dan Informatika Kabupaten Sukamaju menggelar sosialisasi
Sistem Pemerintahan Berbasis Elektronik (SPBE) bagi perangkat daerah di Aula Setda Kabupaten
Sukamaju, Jumat (3/5). Kegiatan diikuti sekitar 80 peserta, terdiri atas sekretaris dan pengelola
teknologi informasi dari perangkat daerah serta perwakilan kecamatan.

Kepala Dinas Komunikasi dan Informatika Kabupaten Sukamaju, Rina Marlina, dalam sambutannya
mengatakan bahwa SPBE bukan hanya urusan Diskominfo. "Keberhasilan SPBE ditentukan oleh komitmen
seluruh perangkat daerah. Kami mengajak semua pihak untuk menyiapkan data dukung evaluasi SPBE
sejak awal tahun," ujarnya.

Sosialisasi menghadirkan narasumber dari Dinas Komunikasi dan Informatika Provinsi Nusantara Barat
yang memaparkan domain dan aspek evaluasi SPBE, serta tips menyusun data dukung yang baik. Peserta
tampak antusias mengajukan pertanyaan, terutama mengenai penggunaan aplikasi umum dan
keamanan informasi.

Di akhir acara, peserta diajak mengikuti simulasi pengisian evaluasi mandiri. Diskominfo berencana
menggelar kegiatan serupa secara berkala sebagai bagian dari peningkatan literasi digital aparatur.

(Humas Diskominfo/ADM)

Tag: SPBE, sosialisasi, perangkat daerah, transformasi digital
""")


# --------------------------------------------------------------- 10. SE Bupati SRIKANDI

SE_NO = "800/45/Diskominfo/2024"
SE_TITLE = "PENGGUNAAN APLIKASI UMUM BIDANG KEARSIPAN DINAMIS (SRIKANDI)"


def doc_se_srikandi():
    write_txt("se_bupati_penggunaan_aplikasi_srikandi.txt", f"""
BUPATI SUKAMAJU
PROVINSI NUSANTARA BARAT

Yth. Kepala Perangkat Daerah
di lingkungan Pemerintah Kabupaten Sukamaju
di -
    Sukamaju

SURAT EDARAN BUPATI SUKAMAJU
NOMOR {SE_NO}
TENTANG
PENGGUNAAN APLIKASI UMUM BIDANG KEARSIPAN DINAMIS
(SRIKANDI)

1. Latar Belakang
   Dalam rangka mewujudkan tata kelola kearsipan dinamis yang efektif, efisien, dan terpadu,
   Pemerintah Kabupaten Sukamaju menerapkan Aplikasi Umum Bidang Kearsipan Dinamis yaitu Sistem
   Informasi Kearsipan Dinamis Terintegrasi (SRIKANDI) sebagaimana diamanatkan Pasal 5 Peraturan
   Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem Pemerintahan Berbasis
   Elektronik.

2. Maksud dan Tujuan
   Surat Edaran ini dimaksudkan sebagai pedoman bagi perangkat daerah dalam penggunaan SRIKANDI
   untuk pengelolaan naskah dinas, dengan tujuan terwujudnya penyelenggaraan kearsipan dinamis
   berbasis elektronik di seluruh perangkat daerah.

3. Ruang Lingkup
   Ruang lingkup Surat Edaran ini meliputi pembuatan, pengiriman, penerimaan, disposisi,
   penandatanganan, dan penyimpanan naskah dinas di lingkungan Pemerintah Kabupaten Sukamaju.

4. Dasar
   a. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;
   b. Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 679 Tahun
      2020 tentang Aplikasi Umum Bidang Kearsipan Dinamis;
   c. Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem Pemerintahan
      Berbasis Elektronik.

5. Isi Edaran
   Sehubungan dengan hal tersebut di atas, diminta kepada seluruh Kepala Perangkat Daerah untuk:
   a. menggunakan SRIKANDI untuk pembuatan, pengiriman, dan penerimaan naskah dinas paling
      lambat tanggal 1 Juli 2024;
   b. menunjuk paling sedikit 1 (satu) orang admin unit kearsipan SRIKANDI dan melaporkannya
      kepada Dinas Komunikasi dan Informatika;
   c. menandatangani naskah dinas dalam SRIKANDI dengan tanda tangan elektronik tersertifikasi;
   d. tidak lagi menggunakan naskah dinas berbentuk kertas untuk korespondensi antarperangkat
      daerah, kecuali dalam keadaan tertentu;
   e. berkoordinasi dengan Dinas Komunikasi dan Informatika dan Dinas Perpustakaan dan Kearsipan
      dalam hal memerlukan pendampingan teknis.

Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.

                                        Ditetapkan di Sukamaju
                                        pada tanggal 17 Juni 2024

                                        BUPATI SUKAMAJU,

                                        ttd.

                                        {BUPATI}

Tembusan Yth.:
1. Sekretaris Daerah Kabupaten Sukamaju;
2. Inspektur Kabupaten Sukamaju.
""")


# =========================================================================== expected.json

ISSUER = "Bupati Sukamaju"


def _lv(level, reason):
    return {"level": level, "reason": reason}


EXPECTED = [
    {
        "file": "perbup_spbe_2023.pdf", "doc_type": "perbup", "number": "12", "year": 2023,
        "title": "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "issuer": ISSUER, "status": "enacted", "is_evidence": True,
        "indicators": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "expected_levels": {
            "1": _lv(3, "Pasal 2: referensi arsitektur dan keenam domain; integrasi nasional dan "
                        "reviu berkala diatur, tetapi bukti reviu ada di laporan reviu 2025 "
                        "(bersama dokumen itu: 4)."),
            "2": _lv(3, "Pasal 3: ketujuh muatan peta rencana dan selaras Peta Rencana SPBE "
                        "Nasional; bukti reviu ada di laporan reviu 2025 (bersama dokumen itu: 4)."),
            "3": _lv(2, "Pasal 4 ditetapkan, tetapi hanya tahapan Satu Data; tidak satu pun dari "
                        "enam proses manajemen data disebut."),
            "4": _lv(3, "Pasal 6: siklus pembangunan aplikasi dan wajib konsultasi ke Dinas; "
                        "keterpaduan/pengendalian dan reviu tidak ada."),
            "5": _lv(3, "Pasal 7: pusat data wajib bagi seluruh perangkat daerah, terhubung PDN; "
                        "tidak ada bukti reviu."),
            "6": _lv(3, "Pasal 8: jaringan intra untuk seluruh perangkat daerah, terhubung JIP; "
                        "tidak ada bukti reviu."),
            "7": _lv(2, "Pasal 9: sistem penghubung layanan hanya untuk perangkat daerah "
                        "perizinan dan administrasi kependudukan."),
            "8": _lv(2, "Pasal 10: hanya ruang lingkup, penanggung jawab, perencanaan (3 dari 6 "
                        "cakupan)."),
            "9": _lv(3, "Pasal 11: ketiga jenis audit TIK; tidak ada bukti reviu."),
            "10": _lv(3, "Pasal 12: tugas tim mencakup seluruh perangkat daerah; lintas instansi "
                         "dan reviu tidak ada."),
        },
    },
    {
        "file": "sk_tim_koordinasi_spbe_2024.pdf", "doc_type": "sk",
        "number": SK_TK_NO, "year": 2024, "title": SK_TK_TITLE,
        "issuer": ISSUER, "status": "enacted", "is_evidence": True, "indicators": [10, 19],
        "expected_levels": {
            "10": _lv(3, "Lampiran: tugas tim untuk seluruh perangkat daerah dan koordinasi lintas "
                         "instansi; kebijakan tim belum direviu."),
            "19": _lv(1, "Hanya pembentukan tim; tidak ada bukti pelaksanaan program kerja."),
        },
    },
    {
        "file": "rancangan_perbup_manajemen_risiko_spbe.pdf", "doc_type": "perbup",
        "number": None, "year": 2024,
        "title": "MANAJEMEN RISIKO SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "issuer": ISSUER, "status": "draft", "is_evidence": True, "indicators": [21],
        "expected_levels": {
            "21": _lv(1, "Rancangan pedoman, belum ditetapkan dan belum diterapkan."),
        },
    },
    {
        "file": "rencana_induk_spbe_2023_2027.pdf", "doc_type": "rencana", "number": None,
        "year": 2023,
        "title": "RENCANA INDUK SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK KABUPATEN SUKAMAJU "
                 "TAHUN 2023-2027",
        "issuer": None, "status": "unknown", "is_evidence": True, "indicators": [11, 12, 13],
        "expected_levels": {
            "11": _lv(3, "Referensi arsitektur dan keenam domain, berpedoman pada Arsitektur SPBE "
                         "Nasional; tidak ada reviu berkala atas dokumen."),
            "12": _lv(3, "Tabel peta rencana memuat ketujuh muatan 2023-2027; pelaksanaan tiga "
                         "tahun dan reviu tidak dibuktikan."),
            "13": _lv(1, "Indikasi anggaran lima tahunan; tidak ada bukti konsultasi usulan "
                         "belanja TIK perangkat daerah ke Diskominfo."),
        },
    },
    {
        "file": "topologi_jaringan_intra_2024.pdf", "doc_type": "topologi", "number": None,
        "year": 2024,
        "title": "DOKUMEN TOPOLOGI JARINGAN INTRA PEMERINTAH KABUPATEN SUKAMAJU TAHUN 2024",
        "issuer": None, "status": "unknown", "is_evidence": True, "indicators": [17],
        "expected_levels": {
            "17": _lv(2, f"{len(OPD_LINKS)} dari {len(OPD_LINKS) + len(KEC_BELUM)} perangkat "
                         "daerah terhubung; interkoneksi JIP baru direncanakan."),
        },
    },
    {
        "file": "sop_pengelolaan_pusat_data.pdf", "doc_type": "sop", "number": SOP_NO,
        "year": 2024, "title": "STANDAR OPERASIONAL PROSEDUR PENGELOLAAN PUSAT DATA",
        "issuer": None, "status": "unknown", "is_evidence": True, "indicators": [16],
        "expected_levels": {
            "16": _lv(3, "SOP pusat data yang ruang lingkupnya seluruh perangkat daerah; tidak "
                         "ada interkoneksi PDN atau reviu."),
        },
    },
    {
        "file": "laporan_reviu_kebijakan_spbe_2025.pdf", "doc_type": "laporan", "number": None,
        "year": 2025,
        "title": "LAPORAN REVIU DAN EVALUASI KEBIJAKAN INTERNAL SPBE KABUPATEN SUKAMAJU "
                 "TAHUN 2025",
        "issuer": None, "status": "unknown", "is_evidence": True, "indicators": [1, 2, 3, 19],
        "expected_levels": {
            "1": _lv(4, "Bersama perbup_spbe_2023.pdf: reviu < 2 tahun berisi isu dan "
                        "rekomendasi atas Pasal 2."),
            "2": _lv(4, "Bersama perbup_spbe_2023.pdf: reviu < 2 tahun berisi isu dan "
                        "rekomendasi atas Pasal 3."),
            "3": _lv(2, "Reviu tidak menaikkan level: level 5 butuh kebijakan baru yang "
                        "menindaklanjuti rekomendasi, belum ada."),
        },
    },
    {
        "file": "perbup_tunjangan_kinerja_2023.pdf", "doc_type": "perbup", "number": "7",
        "year": 2023, "title": "PEMBERIAN TAMBAHAN PENGHASILAN PEGAWAI",
        "issuer": ISSUER, "status": "enacted", "is_evidence": False, "indicators": [],
    },
    {
        "file": "berita_kegiatan_spbe.txt", "doc_type": "berita", "number": None, "year": 2024,
        "title": "DISKOMINFO SUKAMAJU GELAR SOSIALISASI SPBE BAGI PERANGKAT DAERAH",
        "issuer": None, "status": "unknown", "is_evidence": False, "indicators": [],
    },
    {
        "file": "se_bupati_penggunaan_aplikasi_srikandi.txt", "doc_type": "se", "number": SE_NO,
        "year": 2024, "title": SE_TITLE,
        "issuer": ISSUER, "status": "enacted", "is_evidence": True, "indicators": [37],
    },
]

EXERCISES = {
    "perbup_spbe_2023.pdf": "Perbup lengkap (kop, Menimbang/Mengingat, BAB/Pasal/ayat, "
    "penetapan dan pengundangan); satu dokumen untuk sepuluh indikator kebijakan dengan level "
    "berbeda per pasal (cakupan lengkap vs sebagian).",
    "sk_tim_koordinasi_spbe_2024.pdf": "Keputusan Bupati dengan nomor berformat 188.45/.../KPTS, "
    "diktum KESATU.., halaman lampiran berisi tabel anggota dan tugas tim.",
    "rancangan_perbup_manajemen_risiko_spbe.pdf": "Rancangan: 'RANCANGAN', 'NOMOR ... TAHUN', "
    "tanggal bertitik, tanpa tanda tangan dan nama; status draft.",
    "rencana_induk_spbe_2023_2027.pdf": "Dokumen perencanaan (bukan regulasi) dengan kop dinas, "
    "tabel peta rencana per tahun dan tabel anggaran.",
    "topologi_jaringan_intra_2024.pdf": "Narasi, halaman diagram (teks di dalam gambar vektor) "
    "dan tabel perangkat daerah; cakupan sebagian.",
    "sop_pengelolaan_pusat_data.pdf": "Format SOP AP: tabel identitas dengan sel gabungan, tabel "
    "dua kolom, tabel langkah dengan header bertingkat (Mutu Baku).",
    "laporan_reviu_kebijakan_spbe_2025.pdf": "Laporan reviu (isu dan rekomendasi) yang menaikkan "
    "level bila digabung dengan Perbup 12/2023.",
    "perbup_tunjangan_kinerja_2023.pdf": "Negatif sulit: Perbup bertanda tangan dengan struktur "
    "sama, topik bukan SPBE.",
    "berita_kegiatan_spbe.txt": "Negatif: berita web yang banyak menyebut SPBE tetapi bukan "
    "data dukung.",
    "se_bupati_penggunaan_aplikasi_srikandi.txt": "Surat Edaran dalam teks polos; nomor "
    "800/45/Diskominfo/2024; dukungan layanan kearsipan dinamis.",
}


def write_expected():
    for e in EXPECTED:
        e.setdefault("expected_levels", {})
    text = json.dumps(EXPECTED, ensure_ascii=False, indent=2) + "\n"
    (META / "sample-expected.json").write_text(text, encoding="utf-8")


def write_readme():
    lines = [
        "# Sample corpus: Kabupaten Sukamaju (FICTIONAL)",
        "",
        "Every file here is **fictional**. Kabupaten Sukamaju, Provinsi Nusantara Barat, its "
        "officials, numbers, networks and budgets are invented by the evidence-mapper project. "
        "Nothing here is an official document. Every PDF page has the footer line, and every txt "
        "file starts with it:",
        "",
        f"> {FOOTER}",
        "",
        "The national acts cited (UU 23/2014, Perpres 95/2018, PermenPANRB 59/2020, ...) are "
        "real; the regional ones (Perbup Sukamaju 12/2023 etc.) are not.",
        "",
        "Regenerate (deterministic, byte-identical on re-run with the same reportlab version):",
        "",
        "```bash",
        "python corpus/make_sample.py        # e.g. .venv/bin/python corpus/make_sample.py",
        "```",
        "",
        "## Files",
        "",
        "| File | Pages | Exercises |",
        "|---|---|---|",
    ]
    for e in EXPECTED:
        f = e["file"]
        pages = PAGES.get(f, "txt")
        lines.append(f"| `{f}` | {pages} | {EXERCISES[f]} |")
    lines += [
        "",
        "## sample-expected.json",
        "",
        "One object per file: `file`, `doc_type`, `number` (as printed; null when none or a draft), "
        "`year`, `title` (text after TENTANG as printed, upper case, whitespace collapsed; for "
        "documents without TENTANG the printed title or headline), `issuer` (\"Bupati Sukamaju\" "
        "for Perbup/SK/SE, including the draft Perbup; null otherwise), `status` (enacted, draft "
        "or unknown), `is_evidence`, `indicators` (SPBE 2020 indicator numbers the document is "
        "real evidence for) and `expected_levels`: `{\"<indicator>\": {\"level\": n, \"reason\": "
        "\"...\"}}`, the level an assessor should give on this document; where the reason says "
        "\"Bersama <file>\", the level holds only together with that file. Empty when no level "
        "can be read from the document (e.g. service indicators judged on the application).",
        "",
    ]
    (META / "SAMPLE.md").write_text("\n".join(lines), encoding="utf-8")


# =========================================================================== main

DOCS = [
    doc_perbup_spbe,
    doc_sk_tim_koordinasi,
    doc_rancangan_manrisk,
    doc_rencana_induk,
    doc_topologi,
    doc_sop_pusat_data,
    doc_laporan_reviu,
    doc_perbup_tpp,
    doc_berita,
    doc_se_srikandi,
]


# Documents a 2026 (Indeks Pemdi) submission adds: corpus/make_sample_pemdi.py
import make_sample_pemdi as _pemdi  # noqa: E402

EXPECTED += _pemdi.EXPECTED
EXERCISES.update(_pemdi.EXERCISES)
DOCS += [lambda fn=fn: fn(sys.modules[__name__]) for fn in _pemdi.DOCS]


def main(argv=None):
    import argparse

    global OUT, META
    ap = argparse.ArgumentParser(description="Generate the fictional sample submission.")
    ap.add_argument("--out", type=Path, help="folder for documents and metadata (default: corpus/)")
    a = ap.parse_args(argv)
    if a.out:
        OUT, META = a.out / "sample", a.out
        META.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    for fn in DOCS:
        fn()
    write_expected()
    write_readme()


if __name__ == "__main__":
    main()
