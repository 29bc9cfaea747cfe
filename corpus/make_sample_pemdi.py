"""Documents a 2026 (Indeks Pemdi) submission of the fictional Kabupaten Sukamaju adds.

Called by corpus/make_sample.py, which passes itself (``m``) for its page builders and
constants. Everything here is FICTIONAL; no document is an official one. Each document is
evidence mainly for Pemdi items (data protection, incident handling, user support, user
satisfaction); ``pemdi_items`` in sample-expected.json lists the portal codes it should meet.
"""

from __future__ import annotations

PDP_NO = "9"
TTIS_NO = "188.45/61/KPTS/2025"
FDP_SOP_NO = "800/112/SOP-Diskominfo/2025"


def doc_perbup_pdp(m):
    P, sp = m.P, m.sp
    title = "TATA KELOLA PELINDUNGAN DATA PRIBADI DI LINGKUNGAN PEMERINTAH KABUPATEN SUKAMAJU"
    s = m.letterhead_bupati()
    s += m.title_block(["PERATURAN BUPATI SUKAMAJU", f"NOMOR {PDP_NO} TAHUN 2025", "TENTANG",
                        "TATA KELOLA PELINDUNGAN DATA PRIBADI", "DI LINGKUNGAN PEMERINTAH KABUPATEN SUKAMAJU"])
    s += m.title_block(["DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI SUKAMAJU,"], after=8)
    s += m.consider("Menimbang", [
        "bahwa layanan digital Pemerintah Kabupaten Sukamaju memproses data pribadi penduduk dan "
        "pegawai sehingga pelindungan data pribadi perlu diatur secara menyeluruh;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Peraturan Bupati tentang Tata Kelola Pelindungan Data Pribadi di Lingkungan Pemerintah "
        "Kabupaten Sukamaju;",
    ])
    s += m.consider("Mengingat", [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;",
        "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan Sistem "
        "Pemerintahan Berbasis Elektronik;",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += m.label_row("Menetapkan", f"<b>PERATURAN BUPATI TENTANG {title}.</b>")
    s += m.bab("I", "KETENTUAN UMUM")
    s += m.pasal(1, ["Dalam Peraturan Bupati ini yang dimaksud dengan:", (
        "", ["Data Pribadi adalah data tentang orang perseorangan yang teridentifikasi atau dapat "
             "diidentifikasi secara tersendiri atau dikombinasi dengan informasi lainnya.",
             "Subjek Data Pribadi adalah orang perseorangan yang pada dirinya melekat Data Pribadi.",
             "Pejabat Pelindungan Data Pribadi adalah pejabat yang ditunjuk untuk memastikan "
             "pemrosesan Data Pribadi sesuai ketentuan pelindungan data pribadi."])])
    s += m.bab("II", "PRINSIP DAN TATA KELOLA")
    s += m.pasal(2, [
        "Tata kelola pelindungan data pribadi diterapkan pada seluruh layanan digital perangkat "
        "daerah berdasarkan prinsip pelindungan data pribadi: terbatas dan spesifik, sah, "
        "transparan, sesuai tujuan, akurat, aman, bertanggung jawab, dan dapat dimusnahkan.",
        "Setiap perangkat daerah menyusun catatan pemrosesan data pribadi (Record of Processing "
        "Activities/RoPA) untuk setiap layanan digital yang memproses data pribadi.",
    ])
    s += m.bab("III", "PEJABAT PELINDUNGAN DATA PRIBADI")
    s += m.pasal(3, [
        "Bupati menunjuk Kepala Dinas Komunikasi dan Informatika sebagai Pejabat Pelindungan Data "
        "Pribadi (data protection officer/DPO) Pemerintah Kabupaten Sukamaju.",
        "Pejabat Pelindungan Data Pribadi menyusun program kerja, memantau kepatuhan, dan "
        "melaporkan pelaksanaan tugasnya kepada Bupati setiap tahun.",
    ])
    s += m.bab("IV", "HAK SUBJEK DATA DAN PEMBERITAHUAN PRIVASI")
    s += m.pasal(4, [
        "Perangkat daerah menyediakan mekanisme pemenuhan hak subjek data untuk mengakses, "
        "memperbaiki, dan menghapus data pribadinya melalui formulir permohonan dan prosedur "
        "penanganan paling lama 3 x 24 jam.",
        "Setiap layanan digital menampilkan pemberitahuan privasi (privacy notice) yang "
        "menjelaskan tujuan, dasar pemrosesan, dan masa retensi data pribadi.",
    ])
    s += m.bab("V", "PENGAMANAN DAN RISIKO")
    s += m.pasal(5, [
        "Pengamanan data pribadi dilaksanakan melalui pengaturan hak akses berdasarkan matriks "
        "kewenangan, enkripsi, dan pencatatan akses.",
        "Perangkat daerah melakukan penilaian dampak pelindungan data pribadi sebelum layanan "
        "digital baru dioperasikan dan mencatat risiko data pribadi dalam daftar risiko.",
        "Sosialisasi dan pelatihan pelindungan data pribadi bagi pegawai dilaksanakan paling "
        "sedikit 1 (satu) kali setiap tahun.",
    ])
    s += m.bab("VI", "KETENTUAN PENUTUP")
    s += m.pasal(6, ["Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."])
    s += m.signature(["Ditetapkan di Sukamaju", "pada tanggal 14 Maret 2025", "",
                      "BUPATI SUKAMAJU,", "", "ttd."], m.BUPATI)
    s += m.signature(["Diundangkan di Sukamaju", "pada tanggal 14 Maret 2025", "",
                      "SEKRETARIS DAERAH KABUPATEN SUKAMAJU,", "", "ttd."], m.SEKDA)
    s += [sp(4), P(f"BERITA DAERAH KABUPATEN SUKAMAJU TAHUN 2025 NOMOR {PDP_NO}", "small")]
    s.append(m.PageBreak())
    s += m.lampiran_header("PERATURAN BUPATI SUKAMAJU", f"{PDP_NO} TAHUN 2025", title)
    s += m.title_block(["HASIL IDENTIFIKASI KONDISI DAN KEBUTUHAN", "PELINDUNGAN DATA PRIBADI"], after=6)
    rows = [
        ["1", "Tata kelola pelindungan data pribadi", "Belum ada kebijakan tertulis", "Kebijakan tata kelola dan RoPA"],
        ["2", "Kompetensi pegawai", "Sosialisasi pelindungan data pribadi belum rutin", "Program pelatihan tahunan"],
        ["3", "Pejabat pelindungan data pribadi", "Fungsi ditangani bidang persandian", "Penunjukan DPO"],
        ["4", "Hak subjek data", "Permohonan ditangani tanpa prosedur", "Mekanisme pemenuhan hak subjek data"],
        ["5", "Pemberitahuan privasi", "Belum ada kebijakan privasi pada portal", "Privacy notice setiap layanan"],
        ["6", "Pengamanan data pribadi", "Hak akses belum terdokumentasi", "Matriks hak akses"],
        ["7", "Risiko data pribadi", "Belum ada penilaian dampak", "Penilaian dampak pelindungan data pribadi"],
    ]
    s.append(m.grid_table(["No", "Aspek", "Uraian kondisi saat ini", "Hasil identifikasi kebutuhan"], rows,
                          [1.0 * m.cm, 4.2 * m.cm, 5.0 * m.cm, m.TEXT_W - 10.2 * m.cm]))
    s += m.signature(["BUPATI SUKAMAJU,", "", "ttd."], m.BUPATI)
    m.build("perbup_pelindungan_data_pribadi_2025.pdf", s,
            f"Peraturan Bupati Sukamaju Nomor {PDP_NO} Tahun 2025 (contoh fiktif)")


def doc_sk_ttis(m):
    P, sp = m.P, m.sp
    s = m.letterhead_bupati()
    s += m.title_block(["KEPUTUSAN BUPATI SUKAMAJU", f"NOMOR {TTIS_NO}", "TENTANG",
                        "PEMBENTUKAN TIM TANGGAP INSIDEN SIBER (SUKAMAJU-CSIRT)", "KABUPATEN SUKAMAJU"])
    s += m.title_block(["BUPATI SUKAMAJU,"], after=8)
    s += m.consider("Menimbang", [
        "bahwa untuk menangani insiden siber pada layanan digital Pemerintah Kabupaten Sukamaju "
        "secara cepat dan terkoordinasi perlu dibentuk Tim Tanggap Insiden Siber;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Keputusan Bupati tentang Pembentukan Tim Tanggap Insiden Siber Kabupaten Sukamaju;",
    ])
    s += m.consider("Mengingat", [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
    ], marker="number")
    s += [P("MEMUTUSKAN:", "center_b"), sp(2)]
    s += m.label_row("Menetapkan", "<b>KEPUTUSAN BUPATI TENTANG PEMBENTUKAN TIM TANGGAP INSIDEN "
                                   "SIBER (SUKAMAJU-CSIRT) KABUPATEN SUKAMAJU.</b>")
    s += m.diktum([
        "Membentuk Tim Tanggap Insiden Siber Kabupaten Sukamaju (Computer Security Incident "
        "Response Team/Sukamaju-CSIRT) dengan susunan keanggotaan sebagaimana tercantum dalam "
        "Lampiran Keputusan Bupati ini.",
        "Sukamaju-CSIRT bertugas menerima laporan insiden siber, melakukan penanganan insiden, "
        "pemulihan layanan, dan koordinasi dengan Badan Siber dan Sandi Negara.",
        "Sukamaju-CSIRT melaporkan rekapitulasi penanganan insiden kepada Bupati setiap triwulan.",
        "Keputusan Bupati ini mulai berlaku pada tanggal ditetapkan.",
    ])
    s += m.signature(["Ditetapkan di Sukamaju", "pada tanggal 3 Juni 2025", "",
                      "BUPATI SUKAMAJU,", "", "ttd."], m.BUPATI)
    s.append(m.PageBreak())
    s += m.lampiran_header("KEPUTUSAN BUPATI SUKAMAJU", TTIS_NO,
                           "PEMBENTUKAN TIM TANGGAP INSIDEN SIBER (SUKAMAJU-CSIRT) KABUPATEN SUKAMAJU")
    rows = [["1", "Penanggung Jawab", "Kepala Dinas Komunikasi dan Informatika"],
            ["2", "Ketua", "Kepala Bidang Persandian dan Keamanan Informasi"],
            ["3", "Anggota", "Pranata komputer pada Bidang Infrastruktur TIK"],
            ["4", "Anggota", "Sandiman pada Bidang Persandian dan Keamanan Informasi"]]
    s.append(m.grid_table(["No", "Kedudukan dalam Tim", "Jabatan"], rows,
                          [1.0 * m.cm, 3.6 * m.cm, m.TEXT_W - 4.6 * m.cm]))
    s += m.signature(["BUPATI SUKAMAJU,", "", "ttd."], m.BUPATI)
    m.build("sk_tim_tanggap_insiden_siber_2025.pdf", s,
            f"Keputusan Bupati Sukamaju Nomor {TTIS_NO} (contoh fiktif)")


def doc_laporan_survei(m):
    P, sp = m.P, m.sp
    s = m.kop_dinas()
    s += m.title_block(["LAPORAN HASIL SURVEI KEPUASAN PENGGUNA LAYANAN DIGITAL",
                        "PEMERINTAH KABUPATEN SUKAMAJU TAHUN 2025"])
    s += [P("<b>1. Pelaksanaan survei</b>"),
          P("Survei kepuasan pengguna layanan digital dilaksanakan pada Juli-Agustus 2025 terhadap "
            "1.240 responden pengguna lima layanan digital: perizinan daring, administrasi "
            "kependudukan, pengaduan masyarakat, pendaftaran puskesmas, dan pembayaran retribusi "
            "pasar. Kuesioner mengikuti sembilan unsur pelayanan."), sp(4),
          P("<b>2. Hasil kepuasan pengguna</b>"),
          P("Indeks kepuasan pengguna layanan digital sebesar 81,4 (kategori baik). Hasil kepuasan "
            "pengguna setiap layanan dipublikasikan pada portal instansi sukamajukab.go.id/kepuasan "
            "(fiktif)."), sp(4)]
    rows = [["Perizinan daring", "312", "83,1", "18.420"],
            ["Administrasi kependudukan", "401", "80,2", "52.310"],
            ["Pengaduan masyarakat", "188", "78,9", "3.120"],
            ["Pendaftaran puskesmas", "205", "82,6", "40.870"],
            ["Pembayaran retribusi pasar", "134", "81,0", "9.650"]]
    s.append(m.grid_table(["Layanan digital", "Responden", "Nilai kepuasan",
                           "Jumlah transaksi layanan 2025"], rows,
                          [5.6 * m.cm, 2.6 * m.cm, 3.0 * m.cm, m.TEXT_W - 11.2 * m.cm]))
    s += [sp(6), P("<b>3. Jumlah transaksi layanan digital</b>"),
          P("Jumlah transaksi layanan digital dalam kurun waktu 1 tahun (Januari-Desember 2025) "
            "sebanyak 124.370 transaksi, dihitung dari log aplikasi setiap layanan."), sp(4),
          P("<b>4. Pelibatan kelompok rentan</b>"),
          P("Diskusi kelompok terpumpun melibatkan perwakilan kelompok rentan: penyandang "
            "disabilitas netra dan rungu, lansia, serta warga di desa tanpa akses internet, untuk "
            "menilai kemudahan penggunaan layanan digital."), sp(4),
          P("<b>5. Umpan balik dan tindak lanjut</b>"),
          P("Umpan balik pengguna dikumpulkan melalui formulir pada setiap layanan. Tindak lanjut "
            "pengelolaan kepuasan pengguna yang telah dilaksanakan: penyederhanaan formulir perizinan, "
            "panduan suara untuk pengguna disabilitas netra, dan jam layanan bantuan daring yang diperpanjang. "
            "Laporan tindak lanjut disampaikan kepada Bupati pada Oktober 2025."), sp(8)]
    s += m.signature(["Sukamaju, 15 September 2025", "Kepala Dinas Komunikasi dan Informatika,",
                      "", "ttd."], m.KADIS, extra=[f"NIP. {m.KADIS_NIP}"])
    m.build("laporan_survei_kepuasan_layanan_digital_2025.pdf", s,
            "Laporan Hasil Survei Kepuasan Pengguna Layanan Digital 2025 (contoh fiktif)")


def doc_sop_service_desk(m):
    P, sp = m.P, m.sp
    s = [P("STANDAR OPERASIONAL PROSEDUR", "head"), P("LAYANAN SERVICE DESK", "head"),
         P("FASILITAS DUKUNGAN PENGGUNA LAYANAN DIGITAL", "center_b"),
         P("DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN SUKAMAJU", "center_b"), sp(8),
         P(f"Nomor SOP: {FDP_SOP_NO} · Tanggal efektif: 2 Mei 2025 · Disahkan oleh Kepala Dinas "
           "Komunikasi dan Informatika"), sp(6),
         P("Ruang lingkup: fasilitas dukungan pengguna (service desk/helpdesk) untuk seluruh layanan "
           "digital Pemerintah Kabupaten Sukamaju melalui telepon, surel, dan aplikasi tiket."), sp(6),
         P("<b>A. Service Level Agreement (SLA) layanan digital</b>")]
    rows = [["Perizinan daring", "99,0%", "4 jam", "1 hari kerja"],
            ["Administrasi kependudukan", "99,5%", "2 jam", "1 hari kerja"],
            ["Pengaduan masyarakat", "98,0%", "8 jam", "3 hari kerja"]]
    s.append(m.grid_table(["Layanan digital", "Ketersediaan", "Waktu respons", "Waktu penyelesaian"], rows,
                          [5.6 * m.cm, 3.0 * m.cm, 3.0 * m.cm, m.TEXT_W - 11.6 * m.cm]))
    s += [sp(6), P("<b>B. SLA per proses layanan bantuan</b>")]
    rows = [["1", "Pencatatan tiket oleh service desk", "Petugas service desk", "15 menit"],
            ["2", "Klasifikasi dan eskalasi ke tim teknis", "Koordinator service desk", "1 jam"],
            ["3", "Penyelesaian gangguan", "Tim teknis", "sesuai SLA layanan"],
            ["4", "Konfirmasi kepada pengguna dan penutupan tiket", "Petugas service desk", "1 hari kerja"]]
    s.append(m.grid_table(["No", "Proses", "Pelaksana", "Batas waktu (SLA per proses)"], rows,
                          [1.0 * m.cm, 7.0 * m.cm, 4.0 * m.cm, m.TEXT_W - 12.0 * m.cm]))
    s += [sp(6), P("<b>C. Pemantauan SLA</b>"),
          P("Kepatuhan SLA dipantau melalui dasbor aplikasi tiket; pada triwulan II 2025 SLA "
            "dipenuhi sebagian (87% tiket selesai tepat waktu). Rekap pemantauan SLA dilaporkan "
            "setiap bulan kepada Kepala Dinas.")]
    m.build("sop_layanan_service_desk_2025.pdf", s, f"SOP {FDP_SOP_NO} (contoh fiktif)")


DOCS = [doc_perbup_pdp, doc_sk_ttis, doc_laporan_survei, doc_sop_service_desk]

ISSUER = "Bupati Sukamaju"
# is_evidence and indicators concern SPBE 2020 (as for the other files; null: borderline); is_evidence_pemdi and
# pemdi_items the Indeks Pemdi run.
EXPECTED = [
    {"file": "perbup_pelindungan_data_pribadi_2025.pdf", "doc_type": "perbup", "number": PDP_NO, "year": 2025,
     "title": "TATA KELOLA PELINDUNGAN DATA PRIBADI DI LINGKUNGAN PEMERINTAH KABUPATEN SUKAMAJU",
     "issuer": ISSUER, "status": "enacted", "is_evidence": False, "indicators": [], "is_evidence_pemdi": True,
     "pemdi_items": ["I8-L1-01", "I8-L1-03", "I8-L2-01", "I8-L2-03", "I8-L2-04", "I8-L2-05"]},
    {"file": "sk_tim_tanggap_insiden_siber_2025.pdf", "doc_type": "sk", "number": TTIS_NO, "year": 2025,
     "title": "PEMBENTUKAN TIM TANGGAP INSIDEN SIBER (SUKAMAJU-CSIRT) KABUPATEN SUKAMAJU",
     "issuer": ISSUER, "status": "enacted", "is_evidence": True, "indicators": [8, 22], "is_evidence_pemdi": True,
     "pemdi_items": ["I12-L2-01"]},
    {"file": "laporan_survei_kepuasan_layanan_digital_2025.pdf", "doc_type": "laporan", "number": None,
     "year": 2025, "title": "LAPORAN HASIL SURVEI KEPUASAN PENGGUNA LAYANAN DIGITAL PEMERINTAH KABUPATEN "
                            "SUKAMAJU TAHUN 2025",
     "issuer": None, "status": "unknown", "is_evidence": None, "indicators": [42, 45, 46, 47], "is_evidence_pemdi": True,
     "pemdi_items": ["I20-L1-01", "I20-L1-02", "I20-L1-03", "I20-L1-04"]},
    {"file": "sop_layanan_service_desk_2025.pdf", "doc_type": "sop", "number": FDP_SOP_NO, "year": 2025,
     "title": "STANDAR OPERASIONAL PROSEDUR LAYANAN SERVICE DESK FASILITAS DUKUNGAN PENGGUNA LAYANAN DIGITAL",
     "issuer": None, "status": "unknown", "is_evidence": True, "indicators": [28], "is_evidence_pemdi": True,
     "pemdi_items": ["I19-L1-01", "I19-L1-02"]},
]
EXERCISES = {
    "perbup_pelindungan_data_pribadi_2025.pdf": "Pemdi 2026: kebijakan pelindungan data pribadi "
    "(prinsip, RoPA, DPO, hak subjek data, privacy notice, pengamanan, risiko) dengan lampiran hasil "
    "identifikasi kebutuhan; butir I8. Bukan data dukung SPBE 2020 (topik baru Pemdi).",
    "sk_tim_tanggap_insiden_siber_2025.pdf": "Pemdi 2026: penetapan Tim Tanggap Insiden Siber (CSIRT); "
    "butir I12-L2-01.",
    "laporan_survei_kepuasan_layanan_digital_2025.pdf": "Pemdi 2026: laporan survei kepuasan pengguna "
    "layanan digital (hasil, jumlah transaksi, kelompok rentan, tindak lanjut); butir I20. Untuk SPBE 2020 "
    "kasus batas (is_evidence null): bukan data dukung yang lazim, tetapi menyebut lima layanan elektronik yang "
    "berjalan dengan jumlah transaksi dari log aplikasi; bila dianggap bukti, untuk 42 dan 45-47.",
    "sop_layanan_service_desk_2025.pdf": "Pemdi 2026: SOP service desk dengan SLA layanan dan SLA per "
    "proses, pemantauan SLA; butir I19.",
}
