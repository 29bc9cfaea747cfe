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
