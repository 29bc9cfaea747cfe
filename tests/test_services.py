"""Service levels from applications recognised in screenshots and manuals."""

from evidence_mapper.frameworks import load_framework
from evidence_mapper.nlp.applications import load_catalog, recognize
from evidence_mapper.score import EvidenceDoc, propose
from evidence_mapper.types import DocMeta, Passage, Span

FW18 = load_framework("spbe-2018")
FW20 = load_framework("spbe-2020")


def _doc(name, texts, doc_type="lainnya", status="unknown", scores=None, suffix=".jpg"):
    ps = [Passage(id=f"p1:{i * 200}-{i * 200 + len(t)}", text=t,
                  span=Span(doc_sha256=name, page=1, char_start=i * 200, char_end=i * 200 + len(t), source="ocr"))
          for i, t in enumerate(texts)]
    return EvidenceDoc(sha256=name, path=f"{name}{suffix}", meta=DocMeta(doc_type=doc_type, status=status, year=2019),
                       passages=ps, passage_scores={p.id: dict(scores or {}) for p in ps},
                       indicator_scores=dict(scores or {}), is_evidence=True)


LOGIN = ["E-KINERJA PEMERINTAH KOTA SUKAMAJU", "Silakan masuk dengan akun Anda", "Username", "Password", "Login",
         "Lupa password?"]
HOME = ["E-KINERJA PEMERINTAH KOTA SUKAMAJU", "Beranda Pengumuman Profil", "Selamat datang di aplikasi e-Kinerja"]
INPUT = ["E-KINERJA", "Input Kegiatan Harian", "Tanggal 12-03-2019 Uraian kegiatan: menyusun laporan",
         "Simpan  Batal", "Status: menunggu verifikasi atasan"]


def _p(fw, docs, iid):
    return next(x for x in propose(fw, docs, 2019) if x.indicator == iid)


def test_catalog_recognises_aliases_and_functions():
    c = load_catalog()
    evs = recognize(LOGIN, c)
    assert [e.app.id for e in evs] == ["e-kinerja"]
    assert evs[0].evidenced(c) == ["informasi", "interaksi"]
    assert recognize(["Laporan kegiatan rapat koordinasi."], c) == []


def test_login_page_is_interaksi_and_input_page_is_transaksi():
    # indicator 30 of the 2018 instrument: layanan manajemen kinerja
    assert _p(FW18, [], 30).level is None
    home = _p(FW18, [_doc("home", HOME)], 30)
    assert home.level == 1 and home.links and all(lk.doc_sha256 == "home" for lk in home.links)
    login = _p(FW18, [_doc("login", LOGIN)], 30)
    assert login.level == 2
    assert login.detail["services"][0]["app"] == "e-kinerja"
    assert login.detail["services"][0]["functions"] == ["informasi", "interaksi"]
    both = _p(FW18, [_doc("login", LOGIN), _doc("input", INPUT)], 30)
    assert both.level == 3
    # 2020 instrument: the same application is indicator 41 (kinerja pegawai)
    assert _p(FW20, [_doc("input", INPUT)], 41).level == 3


def test_plans_and_regulations_do_not_show_a_running_application():
    plan = _doc("rencana", ["Pada tahun 2020 akan dibangun aplikasi e-Kinerja dengan fitur login dan verifikasi."],
                doc_type="rencana", suffix=".pdf")
    assert _p(FW18, [plan], 30).level is None
    perwali = _doc("perwali", ["Pasal 3 Aplikasi e-Kinerja digunakan untuk input dan verifikasi kegiatan harian."],
                   doc_type="perwali", status="enacted", suffix=".pdf")
    assert _p(FW18, [perwali], 30).level is None
    # a screenshot of the JDIH portal whose OCR text looked like a regulation still shows the portal
    jdih = _doc("jdih", ["JDIH Kota Sukamaju Jaringan Dokumentasi dan Informasi Hukum",
                         "Peraturan Wali Kota Nomor 23 Tahun 2017", "Cari produk hukum", "Unduh"],
                doc_type="perwali", status="unknown")
    assert _p(FW18, [jdih], 33).level == 2  # search and download: interaksi


def test_shared_national_application_screenshot():
    lpse = _doc("lpse", ["LPSE Layanan Pengadaan Secara Elektronik Kota Sukamaju", "Cari Paket", "Login",
                         "Pengumuman Lelang", "Versi SPSE 4.3"])
    p = _p(FW18, [lpse], 31)
    assert p.level == 4 and p.detail["services"][0]["basis"] == "shared"
    # named in passing in a long plan chapter it earns only what is shown next to its name
    chapter = _doc("bab4", [f"Uraian kondisi umum bagian {i}." for i in range(30)] +
                   ["Pengadaan barang dan jasa dilaksanakan melalui LPSE."], doc_type="rencana", suffix=".pdf")
    assert _p(FW18, [chapter], 31).level == 1


def test_levels_fall_when_their_evidence_is_removed():
    lpse = _doc("lpse", ["LPSE Kota Sukamaju", "Login", "Cari Paket"])
    tnde = _doc("tnde", ["PEMERINTAH KOTA SUKAMAJU", "Membuat Surat Baru", "List Surat Masuk (39)", "Pencarian Surat",
                         "Disposisi"])
    full = [_doc("login", LOGIN), _doc("input", INPUT), lpse, tnde]
    levels = {p.indicator: p.level for p in propose(FW18, full, 2019)}
    assert levels[30] == 3 and levels[31] == 4 and levels[25] == 3
    for removed, ind in (("input", 30), ("lpse", 31), ("tnde", 25)):
        rest = [d for d in full if d.sha256 != removed]
        after = {p.indicator: p.level for p in propose(FW18, rest, 2019)}
        assert (after[ind] or 0) < levels[ind], removed
        assert all(after[i] == levels[i] for i in levels if i != ind), removed
    none = {p.indicator: p.level for p in propose(FW18, [lpse], 2019)}
    assert none[30] is None and none[25] is None


def test_editions_use_the_catalog_of_their_base():
    fw19 = load_framework("spbe-2019")
    assert _p(fw19, [_doc("login", LOGIN)], 30).level == 2
    portal = _doc("izin", ["SiCantik Cloud Perizinan Online Kota Sukamaju", "Registrasi akun pemohon", "Login"])
    assert _p(fw19, [portal], 36).level == 2  # row 35-2 repeats indicator 35


def _decree(name, title, texts, status="enacted", number="188.45/1589/HK/2019"):
    d = _doc(name, texts, doc_type="sk", status=status, suffix=".pdf")
    d.meta = DocMeta(doc_type="sk", status=status, year=2019, title=title, number=number)
    return d


def test_an_enacted_decree_adopting_an_application_shows_the_service_up_to_transaksi():
    title = "PENETAPAN PELAKSANAAN SISTEM INFORMASI PERENCANAAN PEMBANGUNAN DAERAH BERBASIS ELEKTRONIK / E-PLANNING"
    lampiran = ["KESATU Menetapkan pelaksanaan e-Planning di Kota Sukamaju.",
                "Modul Usulan: digunakan oleh user admin untuk input pagu dan verifikasi usulan perangkat daerah.",
                "Data usulan terintegrasi dengan aplikasi penganggaran."]
    p = _p(FW18, [_decree("sk", title, lampiran)], 27)  # layanan manajemen perencanaan
    assert p.level == 3  # integration named in a decree is not shown running: no kolaborasi
    assert p.detail["services"][0]["basis"] == "decree"
    assert all(lk.doc_sha256 == "sk" for lk in p.links)
    # the same text without the decree's number (a draft), or a decree whose title names no
    # application, shows nothing running
    assert _p(FW18, [_decree("draft", title, lampiran, status="draft", number=None)], 27).level is None
    other = _p(FW18, [_decree("sk2", "PEMBENTUKAN TIM PENYUSUN RENCANA KERJA", lampiran)], 27)
    assert not other.detail.get("services")


def test_a_screenshot_naming_no_application_is_recognised_by_its_service_screen():
    form = ["DINAS KOMUNIKASI DAN INFORMATIKA INPUT PERATURAN BARU", "Jenis Peraturan | KEPUTUSAN WALIKOTA",
            "Nomor Tanggal Tentang", "Simpan", "PERATURAN TERKIRIM PERATURAN KOREKSI PERATURAN FINAL LOGOUT"]
    p = _p(FW18, [_doc("form", form)], 33)  # layanan dokumentasi dan informasi hukum
    assert p.level == 3 and p.detail["services"][0]["basis"] == "unnamed"
    assert p.links and all(lk.doc_sha256 == "form" for lk in p.links)
    # one cue is not enough, and the same text in a PDF report is not a screenshot
    assert _p(FW18, [_doc("one", ["INPUT PERATURAN BARU", "Simpan"])], 33).level is None
    assert not _p(FW18, [_doc("pdf", form, doc_type="laporan", suffix=".pdf")], 33).detail.get("services")
    # it shows no integration, and it says nothing about another service
    assert _p(FW18, [_doc("form", form + ["Data terintegrasi dengan sistem lain"])], 33).level == 3
    assert _p(FW18, [_doc("form", form)], 30).level is None
