"""Hand-written passage templates for the training corpus (made by this project; fictional).

Each indicator of SPBE 2020 has templates in the registers regions actually write in:
regulation articles (Pasal/ayat), decree dictums (KESATU...), master-plan narrative, SOP steps,
reports and budget lines. Negatives cover what merely talks about SPBE or looks like evidence
but is not: national regulations, news, slides, performance-indicator rules, teams formed for
other topics, PPID/public-information SOPs, payroll, taxes, organisation charts.

Slots: {D} region ("Kabupaten Sukamaju"), {KD} head ("Bupati Sukamaju"), {OPD} a unit,
{Y} a year, {N} a number, {APP} an application name for the indicator.
"""

# indicator -> templates. A template may carry extra labels after "||" (e.g. "||11").
POSITIVE: dict[int, list[str]] = {
    1: [
        "Arsitektur SPBE Pemerintah {D} sebagaimana dimaksud dalam Pasal {N} ayat (1) disusun untuk jangka waktu 5 (lima) tahun dan ditetapkan oleh {KD}.",
        "Arsitektur SPBE Pemerintah Daerah memuat referensi arsitektur dan domain arsitektur yang meliputi arsitektur proses bisnis, arsitektur data dan informasi, arsitektur infrastruktur SPBE, arsitektur aplikasi SPBE, arsitektur keamanan SPBE dan arsitektur layanan SPBE.",
        "Arsitektur SPBE Pemerintah Daerah disusun dengan berpedoman pada Arsitektur SPBE Nasional dan Rencana Pembangunan Jangka Menengah Daerah.",
        "Reviu Arsitektur SPBE dilakukan pada paruh waktu dan tahun terakhir pelaksanaan atau sewaktu-waktu sesuai dengan kebutuhan oleh Perangkat Daerah yang membidangi komunikasi dan informatika.",
        "Setiap Perangkat Daerah wajib berpedoman pada Arsitektur SPBE Pemerintah Daerah dalam menyusun rencana dan anggaran SPBE.",
    ],
    2: [
        "Peta Rencana SPBE Pemerintah {D} disusun untuk jangka waktu 5 (lima) tahun dan ditetapkan dengan Peraturan Bupati.",
        "Peta Rencana SPBE memuat tata kelola SPBE, manajemen SPBE, layanan SPBE, infrastruktur SPBE, aplikasi SPBE, keamanan SPBE dan audit teknologi informasi dan komunikasi.",
        "Peta Rencana SPBE Pemerintah Daerah disusun dengan berpedoman pada Peta Rencana SPBE Nasional, Arsitektur SPBE Pemerintah Daerah, dan rencana strategis Perangkat Daerah.",
        "Rencana Induk SPBE ditetapkan sebagai acuan bagi seluruh Perangkat Daerah dalam menyusun program dan kegiatan pengembangan teknologi informasi dan komunikasi.",
        "Peta Rencana SPBE dilakukan reviu setiap tahun atau sewaktu-waktu sesuai dengan hasil pemantauan dan evaluasi SPBE.",
    ],
    3: [
        "Manajemen data dilaksanakan melalui serangkaian proses pengelolaan arsitektur data, data induk, data referensi, basis data, kualitas data, dan interoperabilitas data.",
        "Penyelenggaraan Satu Data {D} bertujuan untuk mewujudkan data yang akurat, mutakhir, terpadu, dapat dipertanggungjawabkan, mudah diakses dan dibagipakaikan.",
        "Walidata tingkat daerah dilaksanakan oleh Perangkat Daerah yang menyelenggarakan urusan pemerintahan di bidang statistik dan persandian; produsen data adalah setiap Perangkat Daerah.",
        "Forum Satu Data {D} dipimpin oleh Sekretaris Daerah dan beranggotakan Bappeda, Dinas Komunikasi dan Informatika serta produsen data.",
        "Setiap data yang dihasilkan Perangkat Daerah wajib memenuhi standar data, memiliki metadata dan menggunakan kode referensi.",
    ],
    4: [
        "Pembangunan dan pengembangan aplikasi SPBE oleh Perangkat Daerah dilaksanakan melalui tahapan analisis kebutuhan, perencanaan, rancang bangun, implementasi, uji kelaikan, pemeliharaan dan evaluasi.",
        "Setiap Perangkat Daerah yang akan membangun aplikasi wajib berkonsultasi dan mendapatkan rekomendasi teknis dari Dinas Komunikasi dan Informatika.",
        "Kode sumber aplikasi yang dibangun oleh Perangkat Daerah wajib diserahkan dan disimpan pada repositori aplikasi Pemerintah Daerah.",
        "Pembangunan aplikasi khusus mengutamakan penggunaan aplikasi umum yang telah ditetapkan oleh Menteri dan tidak menduplikasi fungsi aplikasi yang sudah ada.",
        "Standar teknis pengembangan aplikasi meliputi standar antarmuka, standar basis data, standar keamanan dan dokumentasi aplikasi.",
    ],
    5: [
        "Pusat Data Pemerintah Daerah dikelola oleh Dinas Komunikasi dan Informatika dan digunakan oleh seluruh Perangkat Daerah untuk penempatan server dan aplikasi.",
        "Perangkat Daerah dilarang membangun pusat data sendiri dan wajib menggunakan layanan pusat data Pemerintah Daerah atau Pusat Data Nasional.",
        "Layanan pusat data meliputi layanan colocation, hosting aplikasi, penyimpanan data, dan pemulihan bencana melalui disaster recovery center.",
        "Pusat data harus memenuhi standar ruang server, catu daya cadangan, sistem pendingin, proteksi kebakaran dan pengamanan akses fisik.",
        "Pusat data Pemerintah Daerah wajib terhubung dengan Pusat Data Nasional sesuai ketentuan peraturan perundang-undangan.",
    ],
    6: [
        "Jaringan Intra Pemerintah Daerah menghubungkan seluruh Perangkat Daerah, kecamatan dan kelurahan dalam satu jaringan tertutup yang dikelola Dinas Komunikasi dan Informatika.",
        "Penggunaan jaringan intra Pemerintah Daerah bertujuan menjaga keamanan dalam melakukan pengiriman data dan informasi antar Perangkat Daerah.",
        "Perangkat Daerah wajib menggunakan jaringan intra Pemerintah Daerah dan dilarang membangun jaringan intra sendiri tanpa rekomendasi Dinas.",
        "Jaringan intra Pemerintah Daerah terhubung dengan Jaringan Intra Pemerintah melalui sistem penghubung layanan yang ditetapkan Menteri.",
        "Penyediaan akses internet dan interkoneksi jaringan komunikasi data bagi Perangkat Daerah dilaksanakan secara terpusat.",
    ],
    7: [
        "Sistem penghubung layanan Pemerintah Daerah digunakan untuk melakukan pertukaran data dan informasi antar aplikasi SPBE Perangkat Daerah.",
        "Setiap aplikasi SPBE wajib menyediakan antarmuka pemrograman aplikasi (API) agar dapat terintegrasi melalui sistem penghubung layanan.",
        "Integrasi layanan dan interoperabilitas data antar Perangkat Daerah dilaksanakan melalui API gateway yang dikelola Dinas Komunikasi dan Informatika.",
        "Perangkat Daerah wajib mendaftarkan layanan berbagi pakai dan web service yang dibangunnya ke dalam katalog sistem penghubung layanan.",
        "Sistem penghubung layanan Pemerintah Daerah terhubung dengan Sistem Penghubung Layanan Pemerintah yang diselenggarakan secara nasional.",
    ],
    8: [
        "Manajemen keamanan informasi SPBE meliputi penetapan ruang lingkup, penetapan penanggung jawab, perencanaan, dukungan pengoperasian, evaluasi kinerja, dan perbaikan berkelanjutan.",
        "Kepala Dinas Komunikasi dan Informatika ditetapkan sebagai penanggung jawab keamanan informasi SPBE di lingkungan Pemerintah Daerah.",
        "Setiap Perangkat Daerah wajib menerapkan standar keamanan SPBE yang meliputi kerahasiaan, keutuhan, ketersediaan, keaslian dan nirsangkal.",
        "Pengamanan informasi elektronik dilakukan dengan penggunaan sertifikat elektronik dan persandian sesuai ketentuan Badan Siber dan Sandi Negara.",
        "Insiden keamanan informasi wajib dilaporkan kepada tim tanggap insiden siber Pemerintah Daerah paling lambat 1 x 24 jam.",
    ],
    9: [
        "Audit teknologi informasi dan komunikasi meliputi audit infrastruktur SPBE, audit aplikasi SPBE dan audit keamanan SPBE.",
        "Audit TIK dilaksanakan paling sedikit 1 (satu) kali dalam 2 (dua) tahun oleh lembaga pelaksana audit TIK pemerintah atau lembaga yang terakreditasi.",
        "Hasil audit TIK disampaikan kepada {KD} dan ditindaklanjuti oleh Perangkat Daerah pemilik aset paling lambat 3 (tiga) bulan.",
        "Pelaksanaan audit teknologi informasi dan komunikasi berpedoman pada standar dan tata cara audit TIK yang ditetapkan oleh Kepala Lembaga.",
    ],
    10: [
        "Dalam rangka penyelenggaraan SPBE di Pemerintah Daerah dibentuk Tim Koordinasi SPBE yang ditetapkan dengan Keputusan {KD}.",
        "Tim Koordinasi SPBE Pemerintah Daerah diketuai oleh Sekretaris Daerah dengan Kepala Dinas Komunikasi dan Informatika sebagai sekretaris dan kepala Perangkat Daerah sebagai anggota.",
        "Tim Koordinasi SPBE mempunyai tugas melakukan koordinasi dan penerapan kebijakan SPBE, arsitektur SPBE, peta rencana SPBE serta pemantauan dan evaluasi SPBE di Pemerintah Daerah.",
        "KESATU: Membentuk Tim Koordinasi Sistem Pemerintahan Berbasis Elektronik {D} dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran.",
        "KEDUA: Tim Koordinasi SPBE sebagaimana dimaksud dalam Diktum KESATU bertugas menyusun rencana kerja, melaksanakan rapat koordinasi dan melaporkan hasilnya kepada {KD}.",
    ],
    11: [
        "Dokumen Arsitektur SPBE {D} Tahun {Y} menggambarkan kondisi saat ini dan kondisi target arsitektur proses bisnis, data dan informasi, aplikasi, infrastruktur, keamanan dan layanan SPBE.",
        "Arsitektur Layanan SPBE {D} terdiri atas 42 layanan administrasi pemerintahan dan 65 layanan publik yang dipetakan ke referensi arsitektur layanan nasional.",
        "Arsitektur Aplikasi SPBE memetakan 87 aplikasi yang digunakan Perangkat Daerah ke dalam referensi arsitektur aplikasi beserta rencana integrasinya.",
        "Domain arsitektur data dan informasi memuat daftar data induk, data referensi dan alur pertukaran data antar Perangkat Daerah.",
        "Reviu dokumen Arsitektur SPBE tahun {Y} menyesuaikan hasil evaluasi SPBE dan perubahan Arsitektur SPBE Nasional.",
    ],
    12: [
        "Peta Rencana SPBE {D} Tahun {Y} memuat program dan kegiatan tata kelola, manajemen, layanan, infrastruktur, aplikasi dan keamanan SPBE dengan target dan penanggung jawab per tahun.",
        "Tahapan pelaksanaan Rencana Induk SPBE dibagi ke dalam tiga fase: penguatan fondasi, integrasi layanan, dan optimalisasi layanan berbasis elektronik.",
        "Visi SPBE {D} adalah terwujudnya sistem pemerintahan berbasis elektronik yang terpadu dan menyeluruh untuk pelayanan publik yang berkualitas; misi SPBE dijabarkan dalam program prioritas.",
        "Program kerja SPBE tahun {Y} meliputi pembangunan pusat data, integrasi aplikasi kepegawaian, dan penguatan keamanan informasi sesuai peta rencana.",
        "Roadmap e-government tahun {Y} sampai dengan 2029 disusun berdasarkan analisis kesenjangan antara kondisi saat ini dan kondisi yang diharapkan.",
    ],
    13: [
        "Belanja teknologi informasi dan komunikasi Perangkat Daerah dikonsultasikan kepada Dinas Komunikasi dan Informatika sebelum dimuat dalam rencana kerja dan anggaran.",
        "Program Pengelolaan Aplikasi Informatika: Kegiatan Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik, pagu anggaran Rp 1.250.000.000.",
        "Rekapitulasi anggaran TIK seluruh Perangkat Daerah tahun anggaran {Y} disusun oleh Tim Koordinasi SPBE untuk menjamin keterpaduan rencana dan anggaran SPBE.",
        "Dokumen Pelaksanaan Anggaran SKPD: Belanja jasa konsultansi penyusunan masterplan teknologi informasi dan komunikasi.",
        "Keterpaduan rencana dan anggaran SPBE dilakukan dengan mencocokkan usulan belanja TIK dengan Peta Rencana SPBE dan Arsitektur SPBE.",
    ],
    14: [
        "Peta proses bisnis Pemerintah {D} disusun sebagai acuan dalam penyederhanaan proses bisnis dan pembangunan aplikasi SPBE.",
        "Peta lintas fungsi layanan perizinan menggambarkan alur kerja antar Perangkat Daerah dan titik integrasi dengan aplikasi.",
        "Inovasi proses bisnis dilakukan dengan menyederhanakan tahapan layanan dari tujuh langkah menjadi tiga langkah berbasis elektronik.",
        "Setiap Perangkat Daerah menyusun peta proses bisnis level 0 sampai dengan level 3 sesuai pedoman penyusunan peta proses bisnis.",
    ],
    15: [
        "Inventarisasi aplikasi tahun {Y}: 112 aplikasi tercatat, 64 aplikasi aktif, 18 aplikasi tidak digunakan dan diusulkan untuk dihentikan.",
        "Pembangunan aplikasi {APP} dilakukan melalui tahapan analisis kebutuhan, perancangan, pengkodean, pengujian dan implementasi sesuai standar pengembangan aplikasi.",
        "Rekomendasi teknis pembangunan aplikasi diterbitkan Dinas Komunikasi dan Informatika setelah dilakukan konsultasi dan penilaian kebutuhan aplikasi.",
        "Pemeliharaan dan pengembangan aplikasi sistem informasi pemerintahan dilaksanakan oleh tim pengembang Bidang Aplikasi Informatika.",
        "Katalog aplikasi SPBE memuat nama aplikasi, pemilik proses bisnis, platform, basis data dan status integrasi.",
    ],
    16: [
        "Ruang server Pusat Data Diskominfo dilengkapi rak server, UPS, genset, pendingin ruangan presisi, sistem pemadam kebakaran dan kontrol akses.",
        "Layanan pusat data melayani 48 aplikasi Perangkat Daerah dalam bentuk colocation dan hosting pada server virtual.",
        "Prosedur pengoperasian pusat data meliputi pemantauan suhu ruang server, pencadangan data harian dan pencatatan akses masuk ruang server.",
        "SOP Pengelolaan Ruang Pusat Data: petugas mencatat setiap kunjungan, memeriksa kondisi perangkat dan melaporkan gangguan kepada kepala bidang.",
        "Pusat data cadangan (disaster recovery center) ditempatkan pada lokasi berbeda dan direplikasi secara berkala.",
    ],
    17: [
        "Topologi jaringan WAN Pemerintah {D} menghubungkan 38 Perangkat Daerah ke pusat data melalui fiber optik dengan kapasitas 100 Mbps.",
        "Jaringan intra menggunakan router core di pusat data, switch distribusi di setiap gedung dan access point pada kantor kecamatan.",
        "Pembangunan jaringan telekomunikasi antar Perangkat Daerah meliputi penarikan kabel fiber optik, pemasangan perangkat jaringan dan konfigurasi VPN.",
        "Bandwidth internet Pemerintah Daerah sebesar 1 Gbps didistribusikan ke Perangkat Daerah melalui jaringan intra dengan manajemen bandwidth terpusat.",
        "Laporan pemantauan jaringan intra tahun {Y} mencatat ketersediaan jaringan 99,2 persen dan 14 gangguan yang telah ditangani.",
    ],
    18: [
        "Sistem penghubung layanan {D} telah mengintegrasikan aplikasi kepegawaian, keuangan dan perencanaan melalui API gateway.",
        "Daftar API yang tersedia pada sistem penghubung layanan: data pegawai, data penduduk, data anggaran dan data aset daerah.",
        "Pertukaran data antar aplikasi dilakukan melalui web service yang terdaftar di katalog layanan API dan dipantau penggunaannya.",
        "Integrasi aplikasi Perangkat Daerah dengan SPLP nasional dilaksanakan untuk layanan administrasi kependudukan dan perizinan.",
    ],
    19: [
        "Notulen Rapat Koordinasi Tim Koordinasi SPBE tanggal 12 Maret {Y} membahas persiapan penilaian mandiri SPBE dan tindak lanjut rekomendasi evaluasi.",
        "Program kerja Tim Koordinasi SPBE tahun {Y} meliputi sosialisasi SPBE, penyusunan arsitektur, pemantauan aplikasi dan evaluasi SPBE internal.",
        "Laporan pelaksanaan tugas Tim Koordinasi SPBE disampaikan kepada {KD} setiap semester.",
        "Tim Koordinasi SPBE melaksanakan penilaian mandiri SPBE dan menyusun rencana aksi peningkatan indeks SPBE.",
        "Sekretaris Daerah selaku Ketua Tim Koordinasi SPBE memimpin rapat koordinasi penyelenggaraan SPBE dengan seluruh kepala Perangkat Daerah.",
    ],
    20: [
        "Kolaborasi penerapan SPBE dilakukan melalui tim kerja lintas Perangkat Daerah untuk membangun layanan terpadu.",
        "Nota kesepahaman kerja sama antara Pemerintah {D} dan perguruan tinggi dalam pengembangan aplikasi dan sumber daya manusia SPBE.",
        "Forum SPBE daerah menjadi wadah kolaborasi antar Perangkat Daerah, akademisi dan komunitas dalam penerapan SPBE.",
        "Kegiatan bersama antar Perangkat Daerah dalam pembangunan aplikasi layanan terpadu dilaksanakan dengan pembagian peran yang jelas.",
    ],
    21: [
        "Manajemen risiko SPBE dilaksanakan melalui penetapan konteks, identifikasi risiko, analisis risiko, evaluasi risiko dan penanganan risiko.",
        "Register risiko SPBE memuat kejadian risiko, penyebab, dampak, level kemungkinan, level dampak, besaran risiko dan rencana penanganan.",
        "Selera risiko SPBE Pemerintah Daerah ditetapkan oleh Komite Manajemen Risiko SPBE yang diketuai Sekretaris Daerah.",
        "Pemilik risiko SPBE adalah kepala Perangkat Daerah yang bertanggung jawab atas layanan dan aplikasi SPBE.",
    ],
    22: [
        "Penerapan manajemen keamanan informasi dilakukan dengan pengisian Indeks KAMI dan tindak lanjut atas hasil penilaiannya.",
        "Pengendalian keamanan informasi meliputi firewall, antivirus terpusat, pengelolaan kata sandi, pembatasan hak akses dan pencadangan data.",
        "Tim tanggap insiden siber (CSIRT) {D} menangani 27 insiden keamanan informasi selama tahun {Y}.",
        "Penggunaan sertifikat elektronik pada aplikasi naskah dinas dan tanda tangan elektronik bekerja sama dengan Balai Sertifikasi Elektronik.",
        "Kajian keamanan fisik ruang server merekomendasikan kontrol akses, kamera pengawas dan pemisahan zona keamanan.",
    ],
    23: [
        "Daftar data {D} tahun {Y} memuat 312 data sektoral dari 34 produsen data yang telah diverifikasi walidata.",
        "Forum Satu Data menetapkan data prioritas, standar data dan metadata yang digunakan seluruh Perangkat Daerah.",
        "Pengumpulan, pengolahan dan pemutakhiran data statistik sektoral dilakukan oleh produsen data dan diperiksa walidata.",
        "Kualitas data diperiksa melalui pemeriksaan kelengkapan, konsistensi dan kemutakhiran sebelum dipublikasikan.",
    ],
    24: [
        "Daftar inventaris perangkat TIK: 412 unit komputer, 128 laptop, 76 printer, 12 server dan 40 switch beserta kondisi dan lokasinya.",
        "Manajemen aset TIK meliputi perencanaan, pengadaan, pemeliharaan, pemanfaatan dan penghapusan aset teknologi informasi dan komunikasi.",
        "Evaluasi tingkat kematangan pengelolaan perangkat TI menunjukkan 23 persen perangkat dalam kondisi rusak ringan dan perlu diremajakan.",
        "Lisensi perangkat lunak yang digunakan Perangkat Daerah dicatat dalam daftar aset TIK beserta masa berlakunya.",
    ],
    25: [
        "Analisis kebutuhan pelatihan SDM SPBE tahun {Y} menetapkan kebutuhan kompetensi pranata komputer, pengelola keamanan informasi dan analis data.",
        "Bimbingan teknis pengembangan aplikasi dan keamanan informasi diikuti oleh 45 aparatur dari seluruh Perangkat Daerah.",
        "Pengembangan kompetensi sumber daya manusia SPBE dilakukan melalui diklat, sertifikasi kompetensi dan uji kompetensi jabatan fungsional pranata komputer.",
        "Standar kompetensi pengelola TIK ditetapkan sebagai dasar penempatan dan pengembangan karier aparatur SPBE.",
    ],
    26: [
        "Sistem manajemen pengetahuan {D} menyimpan dokumentasi pengetahuan, praktik baik dan panduan teknis yang dapat diakses seluruh aparatur.",
        "Berbagi pengetahuan dilakukan melalui forum diskusi bulanan dan repositori pengetahuan berbasis elektronik.",
        "Pengetahuan tacit pegawai yang akan pensiun didokumentasikan menjadi pengetahuan eksplisit dalam basis pengetahuan.",
    ],
    27: [
        "Manajemen perubahan SPBE dilaksanakan melalui perencanaan perubahan, analisis dampak perubahan, pengembangan, implementasi dan pemantauan perubahan.",
        "Permintaan perubahan aplikasi diajukan melalui formulir change request dan disetujui oleh pemilik proses bisnis sebelum diterapkan.",
        "Sosialisasi perubahan sistem dilakukan kepada pengguna dengan melibatkan agen perubahan di setiap Perangkat Daerah.",
    ],
    28: [
        "Layanan helpdesk SPBE menerima permintaan layanan dan laporan gangguan dari pengguna melalui tiket layanan elektronik.",
        "Service desk Diskominfo mencatat 1.245 tiket gangguan layanan selama tahun {Y} dengan rata-rata waktu penyelesaian 6 jam.",
        "Tingkat layanan (service level agreement) untuk aplikasi prioritas ditetapkan dengan ketersediaan 99 persen.",
        "Pengelolaan insiden layanan SPBE meliputi pencatatan, klasifikasi, eskalasi, penyelesaian dan penutupan tiket.",
    ],
    29: [
        "Laporan hasil audit infrastruktur SPBE tahun {Y} memuat temuan pada pusat data dan jaringan intra beserta rekomendasi perbaikan.",
        "Audit infrastruktur SPBE dilaksanakan oleh auditor TIK bersertifikat terhadap pusat data, jaringan intra dan sistem penghubung layanan.",
        "Tindak lanjut temuan audit infrastruktur: 8 dari 11 temuan telah diselesaikan dan dilaporkan kepada Tim Koordinasi SPBE.",
    ],
    30: [
        "Audit aplikasi SPBE dilakukan terhadap aplikasi {APP} meliputi pemeriksaan fungsionalitas, kinerja, integrasi dan dokumentasi aplikasi.",
        "Laporan hasil audit aplikasi merekomendasikan perbaikan kontrol akses dan pencatatan log pada aplikasi layanan publik.",
        "Rencana audit aplikasi tahun {Y} mencakup lima aplikasi prioritas yang dipilih berdasarkan tingkat risiko.",
    ],
    31: [
        "Audit keamanan SPBE meliputi penilaian kerentanan dan uji penetrasi terhadap aplikasi dan infrastruktur Pemerintah Daerah.",
        "Hasil vulnerability assessment oleh BSSN menemukan 14 kerentanan tingkat tinggi yang telah ditindaklanjuti.",
        "Audit keamanan informasi dilaksanakan oleh auditor keamanan bersertifikat lead auditor ISO 27001.",
    ],
    32: [
        "Aplikasi {APP} digunakan untuk penyusunan rencana kerja Perangkat Daerah, usulan musrenbang dan pokok pikiran DPRD secara elektronik.",
        "Layanan perencanaan pembangunan daerah dilaksanakan secara elektronik melalui aplikasi e-planning yang terintegrasi dengan penganggaran.",
        "Usulan kegiatan hasil musrenbang kecamatan diinput melalui e-musrenbang dan diverifikasi Bappeda.",
        "Tata cara penggunaan aplikasi perencanaan pembangunan daerah meliputi pendaftaran pengguna, input usulan, verifikasi dan penetapan RKPD.",
    ],
    33: [
        "Penyusunan RKA SKPD dan DPA SKPD dilaksanakan melalui aplikasi {APP} yang terintegrasi dengan aplikasi perencanaan.",
        "Layanan penganggaran berbasis elektronik mencakup penyusunan KUA PPAS, RAPBD, anggaran kas dan pergeseran anggaran.",
        "Tim Anggaran Pemerintah Daerah melakukan verifikasi RKA secara daring melalui sistem informasi penganggaran.",
    ],
    34: [
        "Penatausahaan keuangan daerah meliputi penerbitan SPP, SPM dan SP2D dilakukan secara elektronik melalui aplikasi {APP}.",
        "Aplikasi keuangan daerah terintegrasi dengan bank kas daerah sehingga pembayaran dilakukan secara non tunai.",
        "Laporan keuangan Pemerintah Daerah disusun melalui aplikasi akuntansi pemerintahan berbasis elektronik.",
    ],
    35: [
        "Pengadaan barang dan jasa Pemerintah Daerah dilaksanakan secara elektronik melalui Layanan Pengadaan Secara Elektronik (LPSE) dengan aplikasi SPSE.",
        "UKPBJ mengelola tender, e-purchasing melalui e-katalog dan pengumuman rencana umum pengadaan melalui SiRUP.",
        "Kegiatan Layanan Pengadaan Secara Elektronik: belanja pemeliharaan server LPSE dan honorarium admin agency.",
    ],
    36: [
        "Layanan kepegawaian dilaksanakan secara elektronik melalui aplikasi {APP} untuk pengelolaan data pegawai, kenaikan pangkat dan kenaikan gaji berkala.",
        "Pengajuan cuti, mutasi dan pensiun pegawai dilakukan secara daring dan terintegrasi dengan SIASN Badan Kepegawaian Negara.",
        "Data ASN pada sistem informasi kepegawaian dimutakhirkan secara berkala oleh pengelola kepegawaian Perangkat Daerah.",
    ],
    37: [
        "Tata naskah dinas elektronik dilaksanakan melalui aplikasi {APP} untuk surat masuk, surat keluar dan disposisi elektronik.",
        "Pengelolaan arsip dinamis secara elektronik meliputi penciptaan, penggunaan, pemeliharaan dan penyusutan arsip.",
        "Seluruh Perangkat Daerah wajib menggunakan aplikasi SRIKANDI untuk persuratan dan kearsipan dinamis.",
    ],
    38: [
        "Pengelolaan barang milik daerah dilaksanakan melalui aplikasi {APP} meliputi penatausahaan, inventarisasi dan penghapusan barang.",
        "Kartu inventaris barang dan sensus barang milik daerah dicatat secara elektronik oleh pengurus barang Perangkat Daerah.",
        "Aplikasi e-BMD terintegrasi dengan aplikasi keuangan untuk rekonsiliasi nilai aset daerah.",
    ],
    39: [
        "Inspektorat melaksanakan pengawasan internal secara elektronik melalui aplikasi {APP} untuk perencanaan pemeriksaan dan pemantauan tindak lanjut.",
        "Laporan hasil pemeriksaan dan tindak lanjut temuan APIP dicatat dan dipantau melalui sistem informasi pengawasan.",
        "Reviu laporan keuangan dan probity audit pengadaan didokumentasikan dalam aplikasi e-audit Inspektorat.",
    ],
    40: [
        "Aplikasi {APP} digunakan untuk perencanaan kinerja, pengukuran kinerja, pelaporan kinerja dan evaluasi akuntabilitas kinerja instansi pemerintah.",
        "Perjanjian kinerja dan cascading kinerja Perangkat Daerah disusun secara elektronik melalui aplikasi e-SAKIP.",
        "Evaluasi AKIP internal dilaksanakan oleh Inspektorat melalui aplikasi akuntabilitas kinerja berbasis elektronik.",
    ],
    41: [
        "Penilaian kinerja pegawai dilakukan melalui aplikasi {APP} berdasarkan sasaran kinerja pegawai dan aktivitas harian.",
        "Aplikasi e-kinerja terintegrasi dengan perhitungan tambahan penghasilan pegawai berdasarkan capaian kinerja.",
        "Rencana hasil kerja dan penilaian SKP pegawai disusun dan disetujui atasan langsung secara elektronik.",
    ],
    42: [
        "Pengelolaan pengaduan pelayanan publik dilaksanakan melalui SP4N-LAPOR! dan kanal pengaduan {APP} yang terhubung dengan seluruh Perangkat Daerah.",
        "Admin pengaduan Perangkat Daerah wajib menindaklanjuti laporan masyarakat paling lama 5 (lima) hari kerja.",
        "Rekapitulasi pengaduan masyarakat tahun {Y}: 846 laporan diterima, 812 laporan selesai ditindaklanjuti.",
    ],
    43: [
        "Portal data terbuka {D} menyediakan 540 dataset dari 32 Perangkat Daerah yang dapat diunduh oleh masyarakat.",
        "Setiap dataset pada portal satu data dilengkapi metadata, format terbuka dan lisensi penggunaan data.",
        "Katalog data sektoral dipublikasikan melalui portal open data dan disediakan API data untuk pengembang.",
    ],
    44: [
        "Jaringan Dokumentasi dan Informasi Hukum {D} menyediakan produk hukum daerah, abstrak peraturan dan monografi hukum secara daring.",
        "Bagian Hukum Sekretariat Daerah mengelola website JDIH yang terintegrasi dengan JDIHN.",
        "Database peraturan pada JDIH dimutakhirkan setiap kali produk hukum daerah diundangkan.",
    ],
    45: [
        "Layanan perizinan berusaha dilaksanakan secara elektronik melalui sistem OSS dan aplikasi {APP} pada Dinas Penanaman Modal dan PTSP.||46;47",
        "Pendaftaran pasien dan antrean online pada RSUD dilaksanakan melalui aplikasi {APP}.||46;47",
        "Layanan administrasi kependudukan secara daring melalui aplikasi {APP} memungkinkan pengajuan KTP-el dan akta kelahiran tanpa datang ke kantor.||46;47",
        "Layanan publik berbasis elektronik pada sektor pendidikan meliputi pendaftaran peserta didik baru secara online.||46;47",
    ],
}

# Documents whose topic is SPBE but which a region did not issue, or which are about something
# else that shares words with the indicators.
NEGATIVE: dict[str, list[str]] = {
    "national": [
        "Peraturan Menteri ini mulai berlaku pada tanggal diundangkan. Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Menteri ini dengan penempatannya dalam Berita Negara Republik Indonesia.",
        "Instansi Pusat dan Pemerintah Daerah menerapkan manajemen risiko SPBE sesuai dengan pedoman sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Peraturan Menteri ini.",
        "Pedoman ini dimaksudkan sebagai acuan bagi Kementerian, Lembaga dan Pemerintah Daerah dalam menyusun peta proses bisnis.",
        "Presiden Republik Indonesia menimbang bahwa untuk memperoleh data yang akurat, mutakhir, terpadu perlu perbaikan tata kelola data yang dihasilkan oleh pemerintah melalui Satu Data Indonesia.",
        "Menteri melakukan pembinaan dan pengawasan atas penyelenggaraan sistem manajemen pengamanan informasi secara nasional.",
        "Ditetapkan di Jakarta oleh Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia dan diundangkan dalam Berita Negara.",
        "Buku panduan ini disusun oleh Direktorat Jenderal Aplikasi Informatika sebagai petunjuk bagi kabupaten/kota dalam menyusun masterplan smart city.",
    ],
    "news": [
        "Jakarta, Kominfo - Menteri menyampaikan bahwa transformasi digital pemerintahan menjadi prioritas nasional dalam lima tahun ke depan, kata dia kepada wartawan.",
        "Bupati membuka acara sosialisasi aplikasi kepada warga di pendopo kabupaten, Senin pagi, didampingi sejumlah pejabat.",
        "Berita: Pemerintah kota raih penghargaan inovasi pelayanan publik dalam ajang kompetisi tingkat provinsi.",
        "Warga antusias mengikuti lomba desa digital yang digelar dinas setempat pada peringatan hari jadi kabupaten.",
    ],
    "slides": [
        "Best practice smart city: Liverpool, Barcelona and Singapore use smart lighting and IoT sensors to save energy up to 60 percent.",
        "Agenda: 1. Latar belakang 2. Studi kasus 3. Solusi vendor 4. Penawaran harga 5. Tanya jawab. Terima kasih.",
        "Produk kami menyediakan lampu jalan cerdas dengan kontrol jarak jauh dan garansi lima tahun.",
    ],
    "kinerja": [
        "Indikator kinerja utama Perangkat Daerah ditetapkan sebagai ukuran keberhasilan pencapaian tujuan dan sasaran strategis.",
        "Penetapan indikator kinerja individu bagi pejabat struktural dilaksanakan setiap awal tahun anggaran.",
        "Target indikator kinerja persentase layanan yang terselesaikan tepat waktu sebesar 85 persen.",
    ],
    "ppid": [
        "Pejabat Pengelola Informasi dan Dokumentasi melayani permohonan informasi publik dalam jangka waktu paling lama 10 hari kerja.",
        "Standar operasional prosedur pelayanan informasi publik: pemohon mengisi formulir permohonan informasi di meja layanan PPID.",
        "Keberatan atas permohonan informasi publik diajukan kepada atasan PPID paling lambat 30 hari kerja.",
        "Struktur pengelola layanan informasi dan dokumentasi terdiri dari atasan PPID, PPID utama dan PPID pembantu.",
        "Setiap badan publik wajib membuka akses bagi setiap pemohon informasi publik kecuali informasi yang dikecualikan.",
    ],
    "other_team": [
        "Membentuk Tim Percepatan Penurunan Stunting {D} dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran Keputusan ini.",
        "Tim Pencegahan dan Pengendalian Penyakit Menular bertugas melaksanakan surveilans dan penanggulangan kejadian luar biasa.",
        "Tim Penyusun Rencana Kerja Pemerintah Daerah bertugas menghimpun usulan program dari Perangkat Daerah.",
        "Membentuk Tim Pelaksana Pemberian Bantuan Sosial kepada keluarga miskin dengan tugas melakukan verifikasi data penerima.",
    ],
    "sotk": [
        "Dinas Komunikasi dan Informatika mempunyai tugas membantu Wali Kota melaksanakan urusan pemerintahan bidang komunikasi dan informatika, statistik dan persandian.",
        "Susunan organisasi Dinas terdiri atas Kepala Dinas, Sekretariat, Bidang Informasi dan Komunikasi Publik, Bidang Aplikasi Informatika dan Unit Pelaksana Teknis.",
        "Sekretariat mempunyai tugas melaksanakan penyiapan bahan koordinasi, umum, kepegawaian, keuangan dan perencanaan di lingkungan Dinas.",
        "Kepala Bidang mempunyai fungsi penyusunan program kerja bidang, pelaksanaan koordinasi dan pelaporan pelaksanaan tugas kepada Kepala Dinas.",
    ],
    "finance_other": [
        "Besaran tarif retribusi pelayanan persampahan ditetapkan berdasarkan jenis bangunan dan volume sampah.",
        "Pajak daerah terdiri atas pajak hotel, pajak restoran, pajak hiburan, pajak reklame dan pajak penerangan jalan.",
        "Tambahan penghasilan pegawai diberikan berdasarkan beban kerja, prestasi kerja dan kondisi kerja.",
        "Belanja makanan dan minuman rapat sebanyak 120 kotak dengan harga satuan Rp 35.000.",
        "Sewa kendaraan dinas operasional bagi pejabat eselon II dilaksanakan melalui perjanjian sewa dengan pihak ketiga.",
        "Pembagian jasa pelayanan pada Rumah Sakit Umum Daerah ditetapkan sebesar 40 persen dari pendapatan layanan.",
        "Belanja modal pengadaan meubelair dan peralatan kantor untuk Sekretariat Dinas.",
    ],
    "budget_other": [
        "Program Pelayanan Administrasi Perkantoran. Kegiatan Penyediaan Makanan dan Minuman. Belanja makanan dan minuman rapat 240 kotak x Rp 30.000.",
        "Kode Rekening 5.2.2.01.01 Belanja alat tulis kantor: kertas HVS 50 rim, map ordner 40 buah, tinta printer 24 botol.",
        "Program Peningkatan Sarana dan Prasarana Aparatur. Kegiatan Pemeliharaan Rutin Kendaraan Dinas: belanja bahan bakar minyak dan suku cadang.",
        "Urusan Pemerintahan: Komunikasi dan Informatika. Organisasi: Dinas Komunikasi dan Informatika. Kegiatan Penyediaan Jasa Kebersihan Kantor, honorarium tenaga kebersihan 6 orang x 12 bulan.",
        "Rincian Anggaran Belanja Langsung menurut Program dan Per Kegiatan Satuan Kerja Perangkat Daerah: Belanja Pegawai, Belanja Barang dan Jasa, Belanja Modal.",
        "Indikator dan Tolok Ukur Kinerja Belanja Langsung: Capaian Program, Masukan (Dana yang dibutuhkan), Keluaran, Hasil. Kelompok Sasaran Kegiatan: Aparatur Dinas.",
        "Belanja jasa publikasi dan dokumentasi kegiatan pimpinan melalui media cetak dan media elektronik.",
        "Belanja perjalanan dinas luar daerah dalam rangka konsultasi dan koordinasi ke kementerian.",
    ],
    "general_legal": [
        "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan. Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Bupati ini dengan penempatannya dalam Berita Daerah.",
        "Dalam Peraturan Daerah ini yang dimaksud dengan Daerah adalah {D}; Pemerintah Daerah adalah Bupati sebagai unsur penyelenggara Pemerintahan Daerah.",
        "Koperasi sebagai badan usaha yang beranggotakan orang seorang atau badan hukum koperasi berlandaskan prinsip koperasi.",
        "Standar pelayanan minimal ketenteraman dan ketertiban umum meliputi penegakan Peraturan Daerah dan pelayanan perlindungan masyarakat.",
        "Rencana Pembangunan Jangka Menengah Daerah memuat visi, misi, tujuan, sasaran dan program pembangunan daerah untuk lima tahun.",
        "Pengamanan kantor dilaksanakan oleh petugas keamanan melalui pemeriksaan tamu, penguncian pintu dan patroli malam hari.",
        "Surat izin cuti tahunan diajukan pegawai secara tertulis kepada atasan langsung dan diteruskan kepada Sekretaris.",
        "Pelatihan jurnalistik dan fotografi bagi pengelola media sosial Perangkat Daerah dilaksanakan selama tiga hari.",
        "Penyediaan peralatan dan perlengkapan kantor berupa komputer unit, printer dan meja kerja untuk staf sekretariat.",
    ],
}

REGIONS = [
    ("Kabupaten Sukamaju", "Bupati Sukamaju"), ("Kota Tirtamulya", "Wali Kota Tirtamulya"),
    ("Kabupaten Lembah Hijau", "Bupati Lembah Hijau"), ("Kota Batu Putih", "Wali Kota Batu Putih"),
    ("Provinsi Nusa Harapan", "Gubernur Nusa Harapan"), ("Kabupaten Pesisir Raya", "Bupati Pesisir Raya"),
]
OPDS = ["Dinas Komunikasi dan Informatika", "Badan Perencanaan Pembangunan Daerah", "Badan Kepegawaian Daerah",
        "Inspektorat Daerah", "Dinas Kesehatan", "Badan Pengelolaan Keuangan dan Aset Daerah", "Sekretariat Daerah"]
APPS = {32: ["SIPD Perencanaan", "e-Planning", "SIMRENDA"], 33: ["SIPD Penganggaran", "e-Budgeting"],
        34: ["SIPD Penatausahaan", "SIMDA Keuangan"], 36: ["SIMPEG", "e-Pegawai"], 37: ["SRIKANDI", "e-Office"],
        38: ["e-BMD", "SIMDA BMD"], 39: ["e-Audit", "SIPENA"], 40: ["e-SAKIP", "e-Performance"],
        41: ["e-Kinerja", "SIKAP"], 42: ["SP4N-LAPOR!", "Lapor Bupati"], 45: ["SiCantik", "e-Antrean", "Dukcapil Online"],
        15: ["SIMPATIK", "e-Retribusi"], 30: ["SIMPEG", "e-Office"]}

# Document heads by type, for the document-type model. {T} is a title.
DOC_HEADS: dict[str, list[str]] = {
    "perda": ["PERATURAN DAERAH {DU}\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nDEWAN PERWAKILAN RAKYAT DAERAH"],
    "perbup": ["BUPATI {PU}\nPROVINSI NUSA HARAPAN\nPERATURAN BUPATI {PU}\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nBUPATI {PU},"],
    "perwali": ["WALI KOTA {PU}\nPERATURAN WALI KOTA {PU}\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nWALI KOTA {PU},"],
    "pergub": ["GUBERNUR {PU}\nPERATURAN GUBERNUR {PU}\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}\nDENGAN RAHMAT TUHAN YANG MAHA ESA"],
    "sk": ["KEPUTUSAN BUPATI {PU}\nNOMOR : 188.45/{N}/KPTS/{Y}\nTENTANG\n{T}\nBUPATI {PU},\nMenimbang :",
           "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA\nNOMOR 800/{N}/DISKOMINFO/{Y}\nTENTANG\n{T}\nMEMUTUSKAN:\nMenetapkan :"],
    "se": ["SURAT EDARAN\nNOMOR : 400/{N}/SETDA/{Y}\nTENTANG\n{T}\nYth. Kepala Perangkat Daerah\ndi Lingkungan Pemerintah Daerah"],
    "sop": ["STANDAR OPERASIONAL PROSEDUR\n{T}\nNomor SOP : {N}/SOP/{Y}\nTanggal Pembuatan\nDasar Hukum\nKualifikasi Pelaksana\nPelaksana Mutu Baku Kelengkapan Waktu Output"],
    "rencana": ["RENCANA INDUK SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n{DU}\nTAHUN {Y} - 2029\nBAB I PENDAHULUAN\n1.1 Latar Belakang",
                "MASTERPLAN {T}\n{DU}\nBAB II GAMBARAN UMUM\n2.1 Kondisi Saat Ini"],
    "topologi": ["TOPOLOGI JARINGAN INTRA PEMERINTAH {DU}\nRouter Core  Firewall  Switch Distribusi\nISP Telkom 200 Mbps  Link Backup 50 Mbps\nPusat Data Diskominfo  Dinas Kesehatan  Kecamatan"],
    "laporan": ["LAPORAN {T}\nTAHUN {Y}\nDINAS KOMUNIKASI DAN INFORMATIKA\nKATA PENGANTAR\nBAB I PENDAHULUAN",
                "LAPORAN HASIL KEGIATAN\n{T}\nRINGKASAN EKSEKUTIF"],
    "anggaran": ["DOKUMEN PELAKSANAAN ANGGARAN\nSATUAN KERJA PERANGKAT DAERAH\n(DPA-SKPD)\nTahun Anggaran {Y}\nUrusan Pemerintahan : Komunikasi dan Informatika\nKegiatan : {T}\nKode Rekening Uraian Jumlah",
                 "RINCIAN DOKUMEN PELAKSANAAN ANGGARAN BELANJA LANGSUNG\nProgram dan Kegiatan\nKegiatan : {T}\nRincian Perhitungan Volume Satuan Harga"],
    "berita": ["{DU} - Dinas Kominfo menggelar kegiatan {T} pada hari Selasa ({Y}). Kepala Dinas mengatakan kegiatan ini penting. Penulis: Humas. Editor: Admin"],
    "lainnya": ["PERATURAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\nREPUBLIK INDONESIA\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}",
                "PERATURAN PRESIDEN REPUBLIK INDONESIA\nNOMOR {N} TAHUN {Y}\nTENTANG\n{T}",
                "ABSTRAK\nPERATURAN DAERAH {DU} NOMOR {N} TAHUN {Y}\nTENTANG {T}\nABSTRAK : - Dasar hukum", "Best Practice {T}\nAgenda\nCase study\nThank you"],
}
