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
