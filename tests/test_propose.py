"""Assessor rules the proposal must hold, on small hand-made evidence."""

from evidence_mapper.frameworks import load_framework
from evidence_mapper.score import EvidenceDoc, propose
from evidence_mapper.types import DocMeta, Passage, Span

FW = load_framework("spbe-2020")


def _doc(name, texts, indicator, *, doc_type="perbup", status="enacted", year=2023, score=0.9):
    passages = [Passage(id=f"p1:{i * 100}-{i * 100 + len(t)}", text=t,
                        span=Span(doc_sha256=name, page=1, char_start=i * 100, char_end=i * 100 + len(t)))
                for i, t in enumerate(texts)]
    return EvidenceDoc(sha256=name, path=f"{name}.pdf",
                       meta=DocMeta(doc_type=doc_type, status=status, year=year, number="1"),
                       passages=passages, passage_scores={p.id: {indicator: score} for p in passages},
                       indicator_scores={indicator: score}, is_evidence=True)


ARSITEKTUR = [
    "Arsitektur SPBE Daerah memuat referensi arsitektur dan domain arsitektur.",
    "Domain arsitektur meliputi proses bisnis, data dan informasi, infrastruktur SPBE, aplikasi SPBE, "
    "keamanan SPBE, dan layanan SPBE.",
    "Arsitektur SPBE Daerah diselaraskan dengan Arsitektur SPBE Nasional untuk integrasi antar instansi pusat "
    "dan pemerintah daerah.",
]


def _by_id(props, iid):
    return next(p for p in props if p.indicator == iid)


def test_no_evidence_is_an_explicit_gap():
    p = _by_id(propose(FW, [], 2024), 1)
    assert p.level is None and p.state == "insufficient_evidence" and p.links == []


def test_draft_supports_level_one_only():
    draft = _doc("draft", ARSITEKTUR, 1, status="draft", year=2024)
    p = _by_id(propose(FW, [draft], 2024), 1)
    assert p.level == 1
    assert all(lk.doc_sha256 == "draft" for lk in p.links)
    enacted = _doc("enacted", ARSITEKTUR, 1, status="enacted", year=2023)
    assert _by_id(propose(FW, [enacted], 2024), 1).level >= 3


def test_every_proposed_level_has_links_for_each_criterion():
    p = _by_id(propose(FW, [_doc("perbup", ARSITEKTUR, 1)], 2024), 1)
    assert p.level is not None
    for c in p.criteria:
        if c.level <= p.level:
            assert c.state == "met" and c.links, c.criterion_id


def test_review_must_be_recent():
    perbup = _doc("perbup", ARSITEKTUR, 1, year=2020)
    review = ["Laporan reviu dan evaluasi kebijakan Arsitektur SPBE: hasil reviu menemukan isu dan rekomendasi."]
    recent = _doc("reviu", review, 1, doc_type="laporan", status="unknown", year=2023)
    stale = _doc("reviu-lama", review, 1, doc_type="laporan", status="unknown", year=2019)
    assert _by_id(propose(FW, [perbup, recent], 2024), 1).level >= 4
    assert _by_id(propose(FW, [perbup, stale], 2024), 1).level == 3


def _meta_doc(name, texts, indicator, meta: DocMeta, score=0.9):
    d = _doc(name, texts, indicator, score=score)
    d.meta = meta
    return d


def test_revoked_regulation_does_not_count():
    old = _meta_doc("perbup-lama", ARSITEKTUR, 1, DocMeta(doc_type="perbup", number="12", year=2019, status="enacted",
                                                          title="Penyelenggaraan E-Government", region="Kabupaten Sukamaju"))
    new_text = ["Pada saat Peraturan Bupati ini mulai berlaku, Peraturan Bupati Sukamaju Nomor 12 Tahun 2019 "
                "tentang Penyelenggaraan E-Government dicabut dan dinyatakan tidak berlaku."]
    new = _meta_doc("perbup-baru", new_text, 10, DocMeta(doc_type="perbup", number="7", year=2023, status="enacted",
                                                         title="Penyelenggaraan SPBE", region="Kabupaten Sukamaju"))
    alone = _by_id(propose(FW, [old], 2024, region="Kabupaten Sukamaju"), 1)
    assert alone.level is not None
    p = _by_id(propose(FW, [old, new], 2024, region="Kabupaten Sukamaju"), 1)
    assert p.level is None and p.state == "insufficient_evidence"
    assert any("dicabut oleh Penyelenggaraan SPBE" in n for n in p.notes)


def test_amended_regulation_still_counts_and_is_noted():
    old = _meta_doc("perbup-lama", ARSITEKTUR, 1, DocMeta(doc_type="perbup", number="12", year=2019, status="enacted",
                                                          title="Arsitektur SPBE", region="Kabupaten Sukamaju"))
    amend = _meta_doc("perubahan", ["Perubahan atas Peraturan Bupati Sukamaju Nomor 12 Tahun 2019 tentang Arsitektur SPBE."],
                      10, DocMeta(doc_type="perbup", number="3", year=2023, status="enacted",
                                  title="Perubahan atas Peraturan Bupati Nomor 12 Tahun 2019", region="Kabupaten Sukamaju"))
    p = _by_id(propose(FW, [old, amend], 2024, region="Kabupaten Sukamaju"), 1)
    assert p.level is not None and p.level >= 3
    assert any("telah diubah" in n for n in p.notes)


def test_other_regions_regulation_does_not_count():
    other = _meta_doc("tetangga", ARSITEKTUR, 1, DocMeta(doc_type="perbup", number="4", year=2023, status="enacted",
                                                         title="Arsitektur SPBE", region="Kabupaten Lembah Hijau"))
    assert _by_id(propose(FW, [other], 2024), 1).level is not None  # no region given: not checked
    p = _by_id(propose(FW, [other], 2024, region="Kabupaten Sukamaju"), 1)
    assert p.level is None
    assert any("bukan Kabupaten Sukamaju" in n for n in p.notes)


def test_document_after_the_assessment_period_does_not_count():
    later = _meta_doc("nanti", ARSITEKTUR, 1, DocMeta(doc_type="perbup", number="4", year=2025, status="enacted",
                                                      title="Arsitektur SPBE", region="Kabupaten Sukamaju"))
    assert _by_id(propose(FW, [later], 2025, region="Kabupaten Sukamaju"), 1).level is not None
    assert _by_id(propose(FW, [later], 2024, region="Kabupaten Sukamaju"), 1).level is None


KEPEGAWAIAN = ["Layanan kepegawaian berbasis elektronik melalui aplikasi SIMPEG menyediakan informasi data pegawai "
               "dan fitur pencarian serta unggah dokumen kenaikan pangkat."]


def test_service_indicator_needs_application_evidence_not_a_regulation():
    reg = _meta_doc("perbup-simpeg", KEPEGAWAIAN, 36, DocMeta(doc_type="perbup", number="9", year=2023,
                                                               status="enacted", title="Layanan Kepegawaian"))
    p = _by_id(propose(FW, [reg], 2024), 36)
    assert p.level is None
    assert any("indikator layanan" in n for n in p.notes)
    app = _meta_doc("manual-simpeg", KEPEGAWAIAN, 36, DocMeta(doc_type="laporan", year=2023, status="unknown",
                                                                title="Manual Aplikasi SIMPEG"))
    q = _by_id(propose(FW, [app], 2024), 36)
    assert q.level is not None and q.level >= 1
    assert all(lk.doc_sha256 == "manual-simpeg" for lk in q.links)


def test_review_without_a_year_is_unclear_not_met():
    perbup = _doc("perbup", ARSITEKTUR, 1, year=2020)
    review = ["Laporan reviu dan evaluasi kebijakan Arsitektur SPBE: hasil reviu menemukan isu dan rekomendasi."]
    undated = _doc("reviu", review, 1, doc_type="laporan", status="unknown", year=None)
    p = _by_id(propose(FW, [perbup, undated], 2024), 1)
    assert p.level == 3
    states = {c.level: c.state for c in p.criteria if c.level == 4}
    assert "unclear" in states.values()
