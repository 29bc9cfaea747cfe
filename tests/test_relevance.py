"""Relevance per (document, indicator), its rules, and the institution under assessment.

The documents here are written for the tests, in the conventions of public Indonesian
regulations, decrees, budget sheets and evaluation reports (invented regions and numbers).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from evidence_mapper.classify.institution import (REASON_NATIONAL, REASON_OTHER, Institution, apply_institution,
                                                  infer_kind, issuer_check, issuers_summary, own_internal,
                                                  same_region)
from evidence_mapper.classify.relevance import plan_indicators, rule_mask, signals
from evidence_mapper.classify.train import (assign_folds, choose_thresholds, cohen_kappa, document_folds,
                                            load_corpus, reliability)
from evidence_mapper.frameworks import load_framework
from evidence_mapper.types import DocClassification

ROOT = Path(__file__).resolve().parents[1]
FW = load_framework("spbe-2020")
IDS = [i.id for i in FW.indicators]
KINDS = [i.kind for i in FW.indicators]
POLICY = [i.id for i in FW.indicators if i.kind == "policy"]


TOPOLOGY = ("TOPOLOGI JARINGAN INTRA PEMERINTAH KABUPATEN TANJUNG HARAPAN TAHUN 2024\n"
            "Dinas Komunikasi dan Informatika\n"
            "Core switch di ruang server Dinas terhubung melalui fiber optik ke 24 perangkat daerah.\n"
            "Router internet 2 x 500 Mbps; VLAN per perangkat daerah; firewall di sisi pusat data.\n")


def analyzed(text: str):
    from evidence_mapper.nlp import analyze
    from evidence_mapper.types import IngestedDocument, Page

    doc = IngestedDocument(path="x.txt", sha256="0" * 64, size=len(text), media_type="text/plain",
                           pages=[Page(number=1, text=text, width=0, height=0, source="text")])
    return analyze(doc)


def allowed_ids(meta) -> set[int]:
    al, forced, _ = rule_mask(meta, IDS, KINDS)
    return {i for i, a in zip(IDS, al) if a}


DPA = ("DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH (DPA-SKPD)\n"
       "Pemerintah Kabupaten Tanjung Harapan Tahun Anggaran 2023\n"
       "Urusan Pemerintahan : 2.16 Komunikasi dan Informatika\n"
       "Organisasi : Dinas Komunikasi dan Informatika\n"
       "Program : Program Pengelolaan Aplikasi Informatika\n"
       "Kegiatan : 2.16.03.02 - {activity}\n"
       "Belanja Barang dan Jasa 48.500.000\n")

SK_TEAM = ("KEPUTUSAN BUPATI TANJUNG HARAPAN\nNOMOR 100.3.3.2/215/KPTS/2024\nTENTANG\n{title}\n"
           "BUPATI TANJUNG HARAPAN,\nMenimbang : a. bahwa untuk kelancaran pelaksanaan kegiatan perlu dibentuk tim;\n"
           "MEMUTUSKAN:\nKESATU : Membentuk tim dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran.\n"
           "KEDUA : Tim bertugas menyusun rencana kerja dan melaporkan hasilnya kepada Bupati.\n")

PERMEN_BINDING = ("PERATURAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\nREPUBLIK INDONESIA\n"
                  "NOMOR 59 TAHUN 2020\nTENTANG\nPEMANTAUAN DAN EVALUASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n"
                  "DENGAN RAHMAT TUHAN YANG MAHA ESA\nMENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\n"
                  "REPUBLIK INDONESIA,\nPasal 1\nEvaluasi SPBE dilaksanakan terhadap Instansi Pusat dan Pemerintah Daerah.\n")

KEPMEN_OWN = ("KEPUTUSAN MENTERI KELAUTAN DAN PERIKANAN\nREPUBLIK INDONESIA\nNOMOR 12/KEPMEN-KP/2023\nTENTANG\n"
              "TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK DI LINGKUNGAN KEMENTERIAN KELAUTAN DAN PERIKANAN\n"
              "MENTERI KELAUTAN DAN PERIKANAN REPUBLIK INDONESIA,\nMenimbang : a. bahwa dalam rangka pelaksanaan SPBE "
              "perlu dibentuk Tim Koordinasi SPBE;\nMEMUTUSKAN:\nKESATU : Membentuk Tim Koordinasi SPBE Kementerian "
              "Kelautan dan Perikanan.\n")

PERBUP_PLAN = ("PERATURAN BUPATI TANJUNG HARAPAN\nNOMOR 31 TAHUN 2022\nTENTANG\n{title}\nDENGAN RAHMAT TUHAN YANG MAHA "
               "ESA\nBUPATI TANJUNG HARAPAN,\nMenimbang : a. bahwa untuk memberikan arah pelaksanaan SPBE;\n"
               "Pasal 2\n{title_lc} sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari "
               "Peraturan Bupati ini.\n")

LHE = ("KEMENTERIAN PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\nLAPORAN HASIL EVALUASI SPBE\n"
       "PEMERINTAH KABUPATEN TANJUNG HARAPAN TAHUN 2023\nIndeks SPBE 2,41 predikat Baik.\n")


# -- rules per indicator ----------------------------------------------------------------------
@pytest.mark.parametrize("activity, none", [
    ("Penyediaan Jasa Kebersihan Kantor", True),
    ("Pemeliharaan Gedung dan Bangunan Kantor", True),
    ("Pengelolaan Pusat Data dan Jaringan Intra Pemerintah", False),
])
def test_budget_activity_outside_ict_is_evidence_for_no_indicator(activity, none):
    a = analyzed(DPA.format(activity=activity))
    assert a.meta.doc_type == "anggaran"
    assert signals(a.meta)["budget_outside_ict"] == float(none)
    got = allowed_ids(a.meta)
    assert (got == set()) is none
    if none:
        assert rule_mask(a.meta, IDS, KINDS)[2] == ["budget activity outside ICT/SPBE"]


@pytest.mark.parametrize("title, none", [
    ("PEMBENTUKAN TIM PENYUSUN DOKUMEN RENCANA KONTINJENSI BENCANA BANJIR", True),
    ("PEMBENTUKAN PANITIA PENYELENGGARA PERAYAAN HARI JADI KABUPATEN", True),
    ("PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", False),
])
def test_team_decree_for_another_subject_is_evidence_for_no_indicator(title, none):
    a = analyzed(SK_TEAM.format(title=title))
    assert a.meta.doc_type == "sk"
    assert (allowed_ids(a.meta) == set()) is none


def test_organisation_regulation_is_not_an_spbe_policy_but_the_rest_is_learned():
    a = analyzed("PERATURAN BUPATI TANJUNG HARAPAN\nNOMOR 88 TAHUN 2021\nTENTANG\nKEDUDUKAN, SUSUNAN ORGANISASI, TUGAS "
                 "DAN FUNGSI SERTA TATA KERJA DINAS KOMUNIKASI DAN INFORMATIKA\nPasal 4\nDinas menyelenggarakan urusan "
                 "komunikasi, informatika, statistik dan persandian.\n")
    s = signals(a.meta)
    assert s["general_title"] == 1.0
    got = allowed_ids(a.meta)
    assert not got & set(POLICY)
    assert got == set(IDS) - set(POLICY)


def test_evaluation_result_and_news_are_evidence_for_no_indicator():
    a = analyzed(LHE)
    assert a.meta.signals.get("evaluation_result")
    assert allowed_ids(a.meta) == set()
    news = analyzed("Tanjung Harapan, (12/03/2024) - Dinas Kominfo meluncurkan aplikasi layanan pengaduan warga. "
                    "Berita ini diakses 2.000 kali.\n")
    news.meta.doc_type = "berita"
    assert allowed_ids(news.meta) == set()


def test_national_regulation_binding_everyone_is_nobodys_policy():
    a = analyzed(PERMEN_BINDING)
    assert a.meta.signals.get("national")
    assert not own_internal(a.meta)
    assert allowed_ids(a.meta) == set()
    assert "national regulation" in rule_mask(a.meta, IDS, KINDS)[2]


def test_ministry_decree_on_its_own_spbe_team_is_left_to_the_model():
    a = analyzed(KEPMEN_OWN)
    assert a.meta.signals.get("national") and a.meta.doc_type == "sk"
    assert own_internal(a.meta)
    assert allowed_ids(a.meta) == set(IDS)


@pytest.mark.parametrize("title, expect", [
    ("RENCANA INDUK SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK TAHUN 2022-2026", {1, 2, 11, 12}),
    ("ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK KABUPATEN TANJUNG HARAPAN", {1, 11}),
    ("PETA RENCANA SPBE TAHUN 2023-2027", {2, 12}),
    ("MASTER PLAN SMART CITY KABUPATEN TANJUNG HARAPAN", {2, 12}),
    ("PENYELENGGARAAN PARKIR DI TEPI JALAN UMUM", set()),
])
def test_perkada_adopting_a_plan_is_evidence_for_that_plans_indicators(title, expect):
    a = analyzed(PERBUP_PLAN.format(title=title, title_lc=title.capitalize()))
    assert a.meta.doc_type == "perbup"
    assert plan_indicators(a.meta) == expect
    _, forced, _ = rule_mask(a.meta, IDS, KINDS)
    assert forced == expect


def test_network_topology_is_evidence_for_the_intra_network_by_the_frameworks_own_list():
    """The framework lists "Topologi jaringan intra pemerintah daerah" as 17's typical evidence:
    a topology document (here the real corpus's table of the access points of a city council's
    secretariat, labelled 17 by reading it) is evidence for 17; other types are not forced."""
    fw17 = FW.indicator(17)
    assert any("topologi jaringan" in e.lower() for e in fw17.evidence_typical)
    real = [d for d in load_corpus(ROOT / "corpus", None).real_documents if d.get("doc_type") == "topologi"]
    assert real and all(17 in d["indicators"] for d in real)
    a = analyzed(TOPOLOGY)
    assert a.meta.doc_type == "topologi"
    _, forced, _ = rule_mask(a.meta, IDS, KINDS)
    assert forced == {17}
    b = analyzed(TOPOLOGY.replace("TOPOLOGI JARINGAN", "LAPORAN KEGIATAN"))
    assert b.meta.doc_type != "topologi" and 17 not in rule_mask(b.meta, IDS, KINDS)[1]


def test_decree_on_the_spbe_coordination_team_is_evidence_for_its_policy():
    """10's first typical evidence is a regulation or decree on the Tim Koordinasi SPBE; the real
    corpus's Kepmenko 70/2023 (the ministry's own team) is labelled 10 by reading it. A decree
    forming another team is not."""
    assert any("tim koordinasi spbe" in e.lower() for e in FW.indicator(10).evidence_typical)
    real = [d for d in load_corpus(ROOT / "corpus", None).real_documents
            if "KEPUTUSAN MENTERI KOORDINATOR" in d["pages"][0][:300] and "TIM KOORDINASI" in d["pages"][0][:400]]
    assert real and all(10 in d["indicators"] for d in real)
    for d in real:
        assert 10 in rule_mask(analyzed("\n".join(d["pages"])[:6000]).meta, IDS, KINDS)[1]
    a = analyzed(SK_TEAM.format(title="PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK"))
    assert a.meta.doc_type == "sk" and 10 in rule_mask(a.meta, IDS, KINDS)[1]
    b = analyzed(SK_TEAM.format(title="PEMBENTUKAN TIM KOORDINASI PENANGGULANGAN KEMISKINAN"))
    assert 10 not in rule_mask(b.meta, IDS, KINDS)[1]


# -- the institution under assessment -----------------------------------------------------
@pytest.mark.parametrize("name, kind", [
    ("Kabupaten Tanjung Harapan", "daerah"), ("Kota Sukamaju", "daerah"), ("Provinsi Nusa Harapan", "daerah"),
    ("Kementerian Kelautan dan Perikanan", "pusat"), ("Badan Siber dan Sandi Negara", "pusat"),
    ("Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "pusat"), (None, None), ("Sukamaju", None),
])
def test_institution_type_is_read_from_the_name(name, kind):
    assert infer_kind(name) == kind
    assert Institution.of(name).kind == kind
    assert Institution.of(name, "pusat").kind == "pusat"  # stated beats inferred
    with pytest.raises(ValueError):
        Institution.of(name, "provinsi")


def test_another_regions_document_never_counts_whatever_its_type():
    home = Institution.of("Kabupaten Tanjung Harapan")
    own_dpa = analyzed(DPA.format(activity="Pengelolaan Pusat Data"))
    assert issuer_check(own_dpa.meta, home) is None
    other_dpa = analyzed(DPA.replace("Kabupaten Tanjung Harapan", "Kabupaten Lembah Hijau")
                         .format(activity="Pengelolaan Pusat Data"))
    assert other_dpa.meta.region == "Kabupaten Lembah Hijau"
    assert issuer_check(other_dpa.meta, home) == REASON_OTHER
    sop = analyzed("STANDAR OPERASIONAL PROSEDUR\nPENGELOLAAN RUANG SERVER\nDINAS KOMUNIKASI DAN INFORMATIKA KOTA "
                   "TANJUNG HARAPAN\nNomor SOP : 800/12/2023\n1. Petugas mencatat kunjungan ke ruang server.\n")
    assert sop.meta.region == "Kota Tanjung Harapan"
    assert issuer_check(sop.meta, home) == REASON_OTHER  # the city is not the regency of the same name
    assert same_region("Kab. Tanjung Harapan", "Kabupaten Tanjung Harapan")
    assert issuer_check(analyzed(PERMEN_BINDING).meta, home) == REASON_NATIONAL
    assert issuer_check(analyzed(KEPMEN_OWN).meta, home) == REASON_NATIONAL  # a ministry's decree is not the region's


def test_central_agency_counts_its_own_decree_not_national_rules_or_other_ministries():
    kkp = Institution.of("Kementerian Kelautan dan Perikanan")
    assert kkp.kind == "pusat"
    assert issuer_check(analyzed(KEPMEN_OWN).meta, kkp) is None
    assert issuer_check(analyzed(PERMEN_BINDING).meta, kkp) == REASON_NATIONAL
    other = analyzed(KEPMEN_OWN.replace("KELAUTAN DAN PERIKANAN", "KESEHATAN").replace("Kelautan dan Perikanan",
                                                                                         "Kesehatan"))
    assert issuer_check(other.meta, kkp) == REASON_OTHER
    assert issuer_check(analyzed(DPA.format(activity="Pengelolaan Pusat Data")).meta, kkp) == REASON_OTHER


def test_apply_institution_turns_a_yes_into_a_no_with_the_reason():
    cls = DocClassification(evidence_score=0.9, is_evidence=True, indicator_scores={16: 0.8}, passage_scores=[],
                            model="m")
    other = analyzed(DPA.replace("Kabupaten Tanjung Harapan", "Kabupaten Lembah Hijau")
                     .format(activity="Pengelolaan Pusat Data"))
    out = apply_institution(cls, other.meta, Institution.of("Kabupaten Tanjung Harapan"))
    assert not out.is_evidence and out.reasons == [REASON_OTHER] and out.evidence_score <= 0.2
    assert out.indicator_scores == {16: 0.8}  # kept for a reviewer
    assert apply_institution(cls, other.meta, Institution.of("Kabupaten Lembah Hijau")) is cls
    assert apply_institution(cls, other.meta, None) is cls
    metas = [other.meta, analyzed(DPA.format(activity="Pusat Data")).meta, analyzed(PERMEN_BINDING).meta]
    s = issuers_summary(metas)
    assert set(s) == {"Kabupaten Lembah Hijau", "Kabupaten Tanjung Harapan"} | {k for k in s if "Menteri" in k}
    assert len(s) == 3


# -- grouped cross-validation and thresholds -------------------------------------------------
def test_grouped_folds_keep_each_issuer_in_one_fold():
    groups = [f"g{i % 7}" for i in range(50)] + ["big"] * 20
    f = assign_folds(groups, 5)
    for g in set(groups):
        assert len({int(x) for x, gg in zip(f, groups) if gg == g}) == 1
    assert set(f.tolist()) == set(range(5))
    assert (assign_folds(groups, 5) == f).all()  # deterministic


def test_thresholds_shrink_towards_the_common_one_with_few_positives():
    rng = np.random.RandomState(0)
    Y = np.zeros((200, 3), dtype=np.int8)
    Y[:60, 0] = 1  # many positives
    Y[:2, 1] = 1  # two positives
    P = np.clip(Y * 0.7 + rng.rand(200, 3) * 0.3, 0, 1)
    P[:2, 1] = 0.95
    thr = choose_thresholds(P, Y, np.ones_like(P, bool))
    assert 0.35 < thr[0] < 0.65  # the middle of the 0.3-0.7 plateau, not its edge
    common = thr[2]  # no positives: the common threshold
    assert min(common, 0.95) <= thr[1] <= max(common, 0.95)
    assert abs(thr[1] - common) < abs(0.95 - common)


def test_kappa_and_reliability():
    a = np.array([1, 1, 0, 0, 1, 0, 1, 0])
    assert cohen_kappa(a, a) == 1.0
    assert cohen_kappa(a, 1 - a) == -1.0
    r = reliability(np.array([0.05, 0.15, 0.95, 0.91]), np.array([0, 0, 1, 0]))
    assert sum(b["n"] for b in r) == 4
    assert r[-1]["mean_p"] == 0.93 and r[-1]["observed"] == 0.5


def _fake_real(dst: Path, n: int = 24) -> Path:
    dst.mkdir(parents=True)
    docs = [json.loads(x) for x in (ROOT / "corpus/training/documents.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = docs[:n]
    with gzip.open(dst / "documents.jsonl.gz", "wt", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": f"r{i}", "text": "\f".join(d["pages"]), "doc_type": d["doc_type"],
                                "issuer": f"Kabupaten Contoh {i % 6}", "spbe2020_indicators": d["indicators"],
                                "negative_kind": None if d["indicators"] else "other_team"}) + "\n")
    with gzip.open(dst / "passages.jsonl.gz", "wt", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"doc_id": f"r{i}", "text": d["pages"][0][:200],
                                "criterion": f"{d['indicators'][0]}.2" if d["indicators"] else None}) + "\n")
    return dst


def test_real_corpus_is_read_with_issuer_groups_and_its_absence_is_said(tmp_path, monkeypatch):
    monkeypatch.delenv("EVIDENCE_MAPPER_REAL_CORPUS", raising=False)
    src = ROOT / "corpus"
    real = _fake_real(tmp_path / "real")
    data = load_corpus(src, real)
    assert data.real_dir == real and len(data.real_documents) == 24 and len(data.real_passages) == 24
    assert {d["group"] for d in data.real_documents} == {f"real:kabupaten contoh {i}" for i in range(6)}
    assert all(p["labels"] == (d["indicators"][:1]) for p, d in zip(data.real_passages, data.real_documents))
    fold, by_group = document_folds(data, 3)
    real_folds = fold[len(data.documents):]
    for d, f in zip(data.real_documents, real_folds):
        assert by_group[d["group"]] == f
    monkeypatch.setenv("EVIDENCE_MAPPER_REAL_CORPUS", str(real))
    assert load_corpus(src).real_dir == real
    monkeypatch.setenv("EVIDENCE_MAPPER_REAL_CORPUS", str(tmp_path / "missing"))
    if not (src / "real" / "documents.jsonl.gz").exists():
        assert load_corpus(src).real_dir is None



def test_combination_figures_say_what_the_union_adds():
    from evidence_mapper.classify.cvreport import _combination
    from evidence_mapper.classify.train import _decision_figures

    y = np.array([1, 1, 1, 1, 0, 0, 0, 0], bool)
    rel = np.array([1, 1, 0, 0, 0, 0, 0, 0], bool)
    leg = np.array([0, 1, 1, 0, 1, 0, 0, 0], bool)
    union = _decision_figures(rel | leg, y)
    assert union["recall"] == 0.75 and union["negatives_called_evidence"] == 0.25
    assert _decision_figures(rel, y)["recall"] == 0.5 and _decision_figures(rel & leg, y)["recall"] == 0.25
    text = "\n".join(_combination({"legacy_model": "m", "relevance": _decision_figures(rel, y),
                                   "legacy": _decision_figures(leg, y), "union": union,
                                   "intersection": _decision_figures(rel & leg, y)}))
    assert "union" in text and "recall 0.750" in text
