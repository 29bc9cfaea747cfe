"""Modality of passages: only facts and provisions satisfy criteria."""

import pytest

from evidence_mapper.frameworks import load_framework
from evidence_mapper.nlp.modality import modality, text_modality
from evidence_mapper.score import EvidenceDoc, propose
from evidence_mapper.types import DocMeta, Passage, Span

CASES = [
    # an earlier evaluation's recommendation copied into a report
    ("Perencanaan dan penganggaran TIK sebaiknya tertuang dalam dokumen perencanaan daerah.", "recommendation"),
    ("Direkomendasikan agar Pemerintah Kota menyusun Arsitektur SPBE yang selaras dengan Arsitektur Nasional.",
     "recommendation"),
    ("Perlu disusun kebijakan internal tentang manajemen data yang berlaku bagi seluruh perangkat daerah.",
     "recommendation"),
    ("Rekomendasi: 1) menetapkan Peraturan Wali Kota tentang Tim Koordinasi SPBE.", "recommendation"),
    ("Pemerintah Kabupaten belum memiliki kebijakan internal terkait pusat data.", "absence"),
    ("Tidak terdapat dokumen reviu dan evaluasi terhadap Rencana Induk SPBE.", "absence"),
    ("Pada tahun 2020 akan dibangun pusat data yang melayani seluruh perangkat daerah.", "plan"),
    ("Rencana tindak lanjut: integrasi aplikasi e-Kinerja dengan aplikasi SIMPEG.", "plan"),
    ("Aplikasi e-Kinerja digunakan oleh seluruh perangkat daerah untuk mencatat kegiatan harian pegawai.", "fact"),
    ("Rapat Tim Pengarah SPBE dilaksanakan pada tanggal 12 Maret 2019 di Ruang Rapat Sekretariat Daerah.", "fact"),
    ("Laporan kegiatan tahun yang akan datang disampaikan kepada Wali Kota.", "fact"),
]


@pytest.mark.parametrize("text,label", CASES)
def test_text_modality(text, label):
    assert text_modality(text) == label


def test_regulation_body_is_a_provision_even_with_perlu():
    art = "Perangkat Daerah perlu melakukan integrasi aplikasi melalui sistem penghubung layanan."
    assert modality(art, doc_type="perwali", status="enacted") == "provision"
    assert modality(art, doc_type="laporan", status="unknown") == "recommendation"
    assert modality(art, doc_type="perwali", status="draft") == "recommendation"


FW = load_framework("spbe-2018")


def _doc(name, texts, indicator, doc_type="laporan", status="unknown", score=0.9):
    ps = [Passage(id=f"p1:{i * 200}-{i * 200 + len(t)}", text=t,
                  span=Span(doc_sha256=name, page=1, char_start=i * 200, char_end=i * 200 + len(t)))
          for i, t in enumerate(texts)]
    return EvidenceDoc(sha256=name, path=f"{name}.pdf", meta=DocMeta(doc_type=doc_type, status=status, year=2019),
                       passages=ps, passage_scores={p.id: {indicator: score} for p in ps},
                       indicator_scores={indicator: score}, is_evidence=True)


def test_recommendation_does_not_meet_a_criterion_but_the_fact_does():
    # indicator 5 (pusat data), level 1: a concept or policy on the data centre exists
    rec = _doc("rekomendasi", ["Kebijakan pengoperasian pusat data sebaiknya segera ditetapkan oleh Wali Kota."], 5)
    p = next(x for x in propose(FW, [rec], 2019) if x.indicator == 5)
    assert p.level is None
    assert any(f["modality"] == "recommendation" for f in p.detail.get("findings", []))
    fact = _doc("rancangan", ["Rancangan Peraturan Wali Kota tentang pengoperasian pusat data telah disusun."], 5,
                doc_type="perwali", status="draft")
    p2 = next(x for x in propose(FW, [rec, fact], 2019) if x.indicator == 5)
    assert p2.level == 1 and all(lk.doc_sha256 == "rancangan" for lk in p2.links)


def test_contradiction_is_flagged_and_credits_one_step_only():
    # indicator 5 (pusat data): enacted, integration with the national data centre regulated (level 4),
    # but nothing says for which units it applies (level 3 unmet): a contradiction, not "no level"
    texts = ["Pasal 7 Pusat data dikelola oleh Dinas Komunikasi dan Informatika.",
             "Pasal 8 Pusat data daerah melakukan interkoneksi dengan pusat data nasional."]
    reg = _doc("perwali", texts, 5, doc_type="perwali", status="enacted")
    reg.meta.number = "7"
    p = next(x for x in propose(FW, [reg], 2019) if x.indicator == 5)
    assert p.contradiction and p.detail["uncertainty"] == "high"
    c = p.detail["contradiction"]
    assert "5-4-a" in c["met_above"] and "5-3-a" in c["unmet_below"]
    assert p.level == c["ladder_level"] + 1 == c["credited_level"]
    assert p.links and any(lk.criterion_id == "5-4-a" for lk in p.links)
    assert any("Kontradiksi" in n for n in p.notes)
    # with the scope stated the ladder is consistent
    reg2 = _doc("perwali2", texts + ["Pasal 9 Peraturan ini berlaku bagi seluruh perangkat daerah."], 5,
                doc_type="perwali", status="enacted")
    reg2.meta.number = "8"
    p2 = next(x for x in propose(FW, [reg2], 2019) if x.indicator == 5)
    assert not p2.contradiction and p2.level == 4


def test_umbrella_regulation_chapter_meets_another_indicators_policy():
    # the classifier linked this e-government regulation to indicator 6 only; its chapter on the
    # data centre is still the data-centre policy (indicator 5)
    texts = ["BAB I KETENTUAN UMUM Pasal 1 Pusat data adalah fasilitas penempatan sistem elektronik.",
             "BAB IV PUSAT DATA Pasal 10 Pemerintah Daerah menyelenggarakan pusat data.",
             "Pasal 11 Pusat data digunakan oleh seluruh perangkat daerah.",
             "BAB V INTEGRASI APLIKASI Pasal 12 Aplikasi diintegrasikan melalui web service."]
    reg = _doc("umbrella", texts, 6, doc_type="perwali", status="enacted", score=0.9)
    reg.meta.number = "35"
    reg.meta.title = "Penyelenggaraan Sistem Elektronik di Lingkungan Pemerintah Kota"
    p = next(x for x in propose(FW, [reg], 2019) if x.indicator == 5)
    assert p.level is not None and p.level >= 3
    assert all(lk.doc_sha256 == "umbrella" for lk in p.links)
    # the definition in Ketentuan Umum alone regulates nothing
    only_def = _doc("def", texts[:1], 6, doc_type="perwali", status="enacted")
    only_def.meta.number = "36"
    assert next(x for x in propose(FW, [only_def], 2019) if x.indicator == 5).level is None


def test_findings_reach_the_gap_report():
    from evidence_mapper.score.gaps import gap_report

    rec = _doc("rekomendasi", ["Kebijakan pengoperasian pusat data sebaiknya segera ditetapkan oleh Wali Kota."], 5)
    p = next(x for x in propose(FW, [rec], 2019) if x.indicator == 5)
    results = {"indicators": [{"id": p.indicator, "level": p.level, "criteria": [], "detail": p.detail}]}
    row = next(r for r in gap_report(results, FW)["indicators"] if r["id"] == 5)
    assert row["findings"] and row["findings"][0]["modality"] == "recommendation"
    assert "sebaiknya" in row["findings"][0]["quote"]


def test_a_citation_inside_a_regulation_is_a_reference_not_a_provision():
    from evidence_mapper.nlp.modality import modality, satisfies, feeds_gaps
    cite = ("Keputusan Menteri Dalam Negeri Nomor 17 Tahun 2000 tentang Sistem Informasi Manajemen Kepegawaian "
            "Departemen Dalam Negeri dan Pemerintah Daerah,")
    # the scan's layout put the Mengingat entry in the body: still the decree's legal basis
    assert modality(cite, "sk", "enacted", "batang_tubuh") == "reference"
    assert not satisfies("reference") and not feeds_gaps("reference")
    assert modality("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
                    "Indonesia Tahun 2014 Nomor 244)", "perwali", "enacted", "batang_tubuh") == "reference"
    # the regulation's own title and its articles stay provisions
    assert modality("PERATURAN WALIKOTA DENPASAR NOMOR 35 TAHUN 2014 TENTANG PENYELENGGARAAN SISTEM ELEKTRONIK",
                    "perwali", "enacted", "batang_tubuh") == "provision"
    assert modality("Pasal 6 Pada saat Peraturan ini mulai berlaku maka Peraturan Walikota Nomor 16 Tahun 2017 "
                    "tentang Kriteria dicabut.", "perwali", "enacted", "batang_tubuh") == "provision"
    # a report that names a decree states that it exists
    assert modality("Keputusan Bupati Nomor 12 Tahun 2023 tentang Tim Koordinasi SPBE.", "laporan", "unknown",
                    None) == "fact"


def test_a_numbered_definition_of_a_regulation_is_a_reference():
    from evidence_mapper.nlp.modality import modality
    assert modality("21. Aplikasi umum adalah aplikasi e-government yang bersifat umum dan dapat digunakan oleh "
                    "seluruh Instansi.", "perwali", "enacted", "batang_tubuh") == "reference"
    assert modality("5. Dinas Komunikasi dan Informatika yang selanjutnya disebut Diskominfo adalah perangkat daerah.",
                    "perbup", "enacted", "batang_tubuh") == "reference"
    # tasks, aims and articles that say "adalah" still provide
    for t in ("1. Tugas Tim Koordinasi adalah mengoordinasikan penerapan SPBE.",
              "2) Tujuan penyelenggaraan SPBE adalah meningkatkan layanan.",
              "Pasal 5 Tim Koordinasi SPBE adalah tim yang dibentuk oleh Bupati."):
        assert modality(t, "perbup", "enacted", "batang_tubuh") == "provision", t
