import pytest

from evidence_mapper.nlp.metadata import extract_metadata
from conftest import PERBUP_TEXT


def test_perbup_metadata():
    m = extract_metadata(PERBUP_TEXT)
    assert m.doc_type == "perbup"
    assert m.number == "12"
    assert m.year == 2023
    assert m.title == "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK"
    assert m.issuer == "Bupati Contoh"
    assert m.region == "Kabupaten Contoh"
    assert m.status == "enacted"


def test_sk_with_compound_number():
    text = ("BUPATI DONGGALA\nPROVINSI SULAWESI TENGAH\nKEPUTUSAN BUPATI DONGGALA\n"
            "NOMOR 188.45/0590/DINSOS/2025\nTENTANG\nPEMBENTUKAN TIM KOORDINASI SPBE\n\nBUPATI DONGGALA,\n"
            "Menimbang : a. bahwa ...")
    m = extract_metadata(text)
    assert m.doc_type == "sk"
    assert m.number == "188.45/0590/DINSOS/2025"
    assert m.year == 2025
    assert m.title == "PEMBENTUKAN TIM KOORDINASI SPBE"
    assert m.issuer == "Bupati Donggala"


def test_draft_with_blank_number():
    text = ("RANCANGAN\nPERATURAN BUPATI SUKAMAJU\nNOMOR ... TAHUN 2024\nTENTANG\nMANAJEMEN RISIKO SPBE\n\n"
            "Ditetapkan di Sukamaju\npada tanggal ....................\nBUPATI SUKAMAJU,\n")
    m = extract_metadata(text)
    assert m.doc_type == "perbup"
    assert m.number is None
    assert m.year == 2024
    assert m.status == "draft"


def test_blank_number_without_rancangan_is_draft():
    text = ("KEPUTUSAN WALIKOTA SINGKAWANG\nNOMOR\n\nTAHUN 2018\n\nTENTANG\nSTRUKTUR PENGELOLA LAYANAN INFORMASI\n\n"
            "Menimbang : a. bahwa ...\n\nDitetapkan di Singkawang\npada tanggal\n")
    m = extract_metadata(text)
    assert m.doc_type == "sk"
    assert m.number is None
    assert m.year == 2018
    assert m.status == "draft"


def test_surat_edaran_and_national_regulation():
    se = extract_metadata("SURAT EDARAN BUPATI SUKAMAJU\nNOMOR 800/45/Diskominfo/2024\nTENTANG\nPENGGUNAAN APLIKASI SRIKANDI\n")
    assert (se.doc_type, se.number, se.year) == ("se", "800/45/Diskominfo/2024", 2024)
    nat = extract_metadata("PERATURAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\n"
                           "REPUBLIK INDONESIA\nNOMOR 5 TAHUN 2020\nTENTANG\nPEDOMAN MANAJEMEN RISIKO SPBE\n")
    assert nat.doc_type == "lainnya"
    assert nat.year == 2020
    assert nat.region is None


# -- OCR text of scans: noisy title blocks ------------------------------------------------

def test_ocr_number_with_spaces_and_colon():
    text = ("BUPATI SUKAMAJU\nPROVINSI NUSANTARA\n\nKEPUTUSAN BUPATI SUKAMAJU\nNomor : 188.45 / 123 / 2025\n\n"
            "TENTANG\n\nPEMBENTUKAN TIM KOORDINASI SPBE\n\nBUPATI SUKAMAJU,\n")
    m = extract_metadata(text)
    assert (m.doc_type, m.number, m.year) == ("sk", "188.45/123/2025", 2025)
    assert m.title == "PEMBENTUKAN TIM KOORDINASI SPBE"


def test_number_glued_to_tahun_by_ocr():
    text = ("PERATURAN BUPATI SUKAMAJU\n\nNOMOR 39TAHUN 2019\nTENTANG\nSATU DATA KABUPATEN SUKAMAJU\n\n"
            "DENGAN RAHMAT TUHAN YANG MAHA ESA\n")
    m = extract_metadata(text)
    assert (m.doc_type, m.number, m.year) == ("perbup", "39", 2019)


def test_ocr_blank_for_a_handwritten_number_is_kept_as_dots():
    text = ("KEPUTUSAN BUPATI SUKAMAJU\nNOMOR 188.45/ ......... /Diskominfo/2025\nTENTANG\nTIM PENGELOLA PUSAT DATA\n\n"
            "Menimbang : a. bahwa ...")
    m = extract_metadata(text)
    assert m.number == "188.45/.../Diskominfo/2025"
    assert m.year == 2025 and m.signals.get("number_partly_blank")
    text2 = text.replace("188.45/ ......... /Diskominfo/2025", "188.45/          /2025")
    assert extract_metadata(text2).number == "188.45/.../2025"


def test_ocr_misread_heading_words_still_give_the_type():
    m = extract_metadata("BUPAT1 SUKAMAJU\n\nKEPUTUSAM BUPAT1 SUKAMAJU\nN0MOR 800/45/2024\n\nTEN TANG\n\n"
                         "STANDAR LAYANAN APLIKASI\n\nBUPATI SUKAMAJU,\n")
    assert m.doc_type == "sk" and m.number == "800/45/2024" and m.year == 2024
    assert m.title == "STANDAR LAYANAN APLIKASI"
    p = extract_metadata("PERATURAN 8UPATI SUKAMAJU\nNOMOR 7 TAHUN 2O24\nTENTANG\nARSITEKTUR SPBE\n")
    assert p.doc_type == "perbup" and p.number == "7"


def test_ocr_title_split_by_blank_lines_and_margin_words():
    # OCR of a scanned title block: blank lines inside the title, the margin's "Menimbang"
    # and "Mengingat" read in between, a list letter on its own line.
    text = ("BUPATI SUKAMAJU\nPROVINSI NUSANTARA\n\nPERATURAN BUPATI SUKAMAJU\nNOMOR 4 TAHUN 2025\n\nTENTANG\n\n"
            "PENYELENGGARAAN SISTEM PEMERINTAHAN\n\na.\n\nMenimbang\n\nMengingat\n\n— BERBASIS ELEKTRONIK\n\n"
            "DENGAN RAHMAT TUHAN YANG MAHA ESA\n\nBUPATI SUKAMAJU,\n\nbahwa untuk mewujudkan tata kelola ...")
    m = extract_metadata(text)
    assert m.title == "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK"
    assert (m.doc_type, m.number, m.year, m.issuer) == ("perbup", "4", 2025, "Bupati Sukamaju")


def test_title_stops_at_a_heading_ending_in_colon():
    text = ("SURAT EDARAN\nNomor: 41.a/kdh.SKM.800/06.2020\n\nPETUNJUK TEKNIS TENTANG\n\n"
            "TATA CARA PEMBENTUKAN PRODUK HUKUM DAERAH\nDASAR HUKUM:\nUndang-Undang Nomor 12 Tahun 2011 ...")
    m = extract_metadata(text)
    assert m.doc_type == "se" and m.number == "41.a/kdh.SKM.800/06.2020"
    assert m.title == "TATA CARA PEMBENTUKAN PRODUK HUKUM DAERAH"


def test_rancangan_in_a_consideration_is_not_a_draft_mark():
    text = ("PERATURAN DAERAH KOTA SUKAMAJU\nNOMOR 6 TAHUN 2018\nTENTANG\nANGGARAN PENDAPATAN DAN BELANJA DAERAH "
            "TAHUN ANGGARAN 2019\n\nMenimbang : a. bahwa DPRD bersama Wali Kota telah menyempurnakan Rancangan "
            "Peraturan Daerah tentang Anggaran Pendapatan dan Belanja Daerah;\n\nPasal 1\nAPBD ...\n\n"
            "Ditetapkan di Sukamaju\npada tanggal 28 Desember 2018\nWALI KOTA SUKAMAJU\nttd\n")
    m = extract_metadata(text)
    assert m.status == "enacted"
    # a lower-case draft mark in the title block still marks a draft
    m2 = extract_metadata("Rancangan\nPeraturan Bupati Sukamaju\nNomor ... Tahun 2024\nTentang\nTim SPBE\n\n"
                          "Menimbang : bahwa ...\n")
    assert m2.status == "draft"


def test_region_stops_at_the_date_and_a_kind_word_alone_names_no_region():
    """ "Kota Denpasar Tanggal" is Kota Denpasar; "Kota" with no place is no region at all, so a
    document is never counted as another region's for a word the header ran into."""
    dated = extract_metadata("KEPUTUSAN WALIKOTA DENPASAR TANGGAL 2 JANUARI 2019\nTENTANG\n"
                             "TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n")
    assert dated.region == "Kota Denpasar"
    bare = extract_metadata("PEMERINTAH KOTA\nDINAS KOMUNIKASI DAN INFORMATIKA\nLaporan kegiatan jaringan\n"
                            "KEPUTUSAN WALIKOTA NOMOR 5 TAHUN 2019\n")
    assert bare.region is None and bare.issuer is None


@pytest.mark.parametrize("opening", [
    "PATI, Lingkarjateng.id – Pemerintah Kabupaten (Pemkab) Pati melalui Dinas Komunikasi",
    "Medan (ANTARA) - Dinas Komunikasi dan Informatika Provinsi Sumatera Utara menekankan",
    "BANTENRAYA.COM – Perkuat penangkalan peretasan web, aplikasi dan jaringan",
    "Metaranews.co, Kediri – Persamaan persepsi dalam Sistem Pemerintahan Berbasis Elektronik",
    "Manokwari, TP – Sejak tahun lalu, Dinas Persandian, Komunikasi dan Informatika",
])
def test_a_news_dateline_makes_the_document_news(opening):
    """A news article opens with a dateline (place, outlet, dash, the story): it is news even
    when the story names a regulation, so the news rule applies to it."""
    text = opening + " Peraturan Bupati Nomor 5 Tahun 2021 tentang Sistem Pemerintahan Berbasis Elektronik.\n"
    assert extract_metadata(text).doc_type == "berita"


@pytest.mark.parametrize("text", [
    "DAFTAR INVENTARIS PERANGKAT TIK\nLaptop, ASUS - 3 unit\nServer, HP – Proliant DL380 Gen10\n",
    "BAB I - Pendahuluan dan latar belakang penyusunan rencana induk\n",
    "Kabupaten Sukamaju, DISKOMINFO - Dinas yang menangani urusan komunikasi\n",
    "PERATURAN BUPATI SUKAMAJU\nNOMOR 5 TAHUN 2020\nTENTANG\nSISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n"
    "Sukamaju, DISKOMINFO – Dinas yang menyelenggarakan urusan pemerintahan\n",
])
def test_list_rows_and_headings_with_a_dash_are_not_datelines(text):
    assert extract_metadata(text).doc_type != "berita"
