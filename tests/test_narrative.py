import copy
import json

import pytest

from _report_ws import sample_ws_path
from evidence_mapper.report import render
from evidence_mapper.score.narrative import cite_document, narrate
from evidence_mapper.store import Workspace

SHA = "a" * 64
DOCS = {SHA: {"sha256": SHA, "doc_type": "perbup", "number": "12", "year": 2023, "status": "enacted",
              "title": "Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik", "paths": ["x/perbup.pdf"]}}


def _link(level, crit, page=2, legal="Pasal 5 ayat (1)"):
    return {"doc_sha256": SHA, "page": page, "char_start": 10 * level, "char_end": 10 * level + 50,
            "quote": "Arsitektur SPBE Daerah memuat referensi arsitektur dan domain arsitektur.",
            "legal_unit": legal, "doc_title": "X", "doc_path": "x/perbup.pdf", "criterion_id": crit, "level": level}


def _indicator(level):
    crits = [
        {"criterion_id": "1-1-a", "level": 1, "text": "Rancangan kebijakan arsitektur tersedia", "state": "met",
         "links": [_link(1, "1-1-a")]},
        {"criterion_id": "1-2-a", "level": 2, "text": "Kebijakan arsitektur ditetapkan", "state": "met" if level else "not_met",
         "links": [_link(2, "1-2-a")] if level else []},
        {"criterion_id": "1-3-a", "level": 3, "text": "Kebijakan mengatur referensi arsitektur", "state": "not_met",
         "links": [], "evidence": "Perbup SPBE yang ditetapkan: pasal referensi arsitektur",
         "text_en": "The policy regulates the architecture reference models"},
    ]
    if not level:
        crits[0]["state"], crits[0]["links"] = "not_met", []
    return {"id": 1, "name": "Kebijakan Internal Arsitektur SPBE", "level": level,
            "level_name": "Terdefinisi dan Konsisten" if level else None, "next_level_name": "Terpadu",
            "state": "proposed" if level else "insufficient_evidence", "criteria": crits}


def test_chain_cites_document_number_legal_unit_and_page():
    ind = _indicator(2)
    before = copy.deepcopy(ind)
    n = narrate(ind, DOCS, "id", baseline_level=1, baseline_year=2023)
    assert ind == before  # pure: the input is not changed
    assert n["fakta"] and n["fakta"][0]["document"].startswith("Peraturan Bupati Nomor 12 Tahun 2023 tentang")
    assert n["fakta"][0]["legal_unit"] == "Pasal 5 ayat (1)" and n["fakta"][0]["page"] == 2
    assert [c["criterion_id"] for c in n["analisis"]["met"]] == ["1-1-a", "1-2-a"]
    assert [c["criterion_id"] for c in n["analisis"]["not_met"]] == ["1-3-a"]
    j = n["justifikasi"]
    assert "Diusulkan level 2" in j and "Belum level 3" in j and "[1-3-a]" in j
    assert "pasal referensi arsitektur" in j  # the document that would meet it
    assert "Level resmi terakhir (2023): 1" in j and "naik 1" in j
    text = n["text"]
    assert text.index("Fakta:") < text.index("Analisis:") < text.index("Justifikasi:")
    assert "Pasal 5 ayat (1), hal. 2" in text


def test_english_and_no_level():
    n = narrate(_indicator(2), DOCS, "en")
    assert "Level 2" in n["justifikasi"] and "Not level 3" in n["justifikasi"]
    assert "architecture reference models" in n["justifikasi"]
    none = narrate(_indicator(None), DOCS, "id")
    assert none["fakta"] == [] and "Tidak diusulkan level" in none["justifikasi"]
    assert "[1-1-a]" in none["justifikasi"]
    with pytest.raises(ValueError):
        narrate(_indicator(2), DOCS, "fr")


def test_a_level_credited_from_criteria_met_above_cites_their_passages():
    """Level 1 credited because a level-3 criterion is met while levels 1-2 are not (a
    contradiction): the level rests on that criterion's passage, so Fakta cites it."""
    ind = _indicator(1)
    ind["criteria"][0]["state"], ind["criteria"][0]["links"] = "not_met", []
    ind["criteria"][1]["state"], ind["criteria"][1]["links"] = "not_met", []
    ind["criteria"][2]["state"], ind["criteria"][2]["links"] = "met", [_link(3, "1-3-a", page=7)]
    plain = narrate(ind, DOCS, "id")
    assert plain["fakta"] == []  # without the contradiction note nothing at or below level 1 is met
    ind["detail"] = {"contradiction": {"ladder_level": None, "met_above": ["1-3-a"], "unmet_below": ["1-1-a", "1-2-a"],
                                       "credited_level": 1}}
    n = narrate(ind, DOCS, "id")
    assert [(f["page"], f["criteria"]) for f in n["fakta"]] == [(7, ["1-3-a"])]
    assert "Kontradiksi" in n["justifikasi"] and "hal. 7" in n["text"]


def test_cite_document_variants():
    assert cite_document({"doc_type": "sk", "number": "188/2024", "year": 2024, "title": None}) == \
        "Keputusan Nomor 188/2024"
    assert cite_document({"doc_type": "perbup", "number": "12", "year": 2023, "issuer": "Bupati Sukamaju",
                          "title": "PENYELENGGARAAN SPBE DAN TIK"}) == \
        "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Penyelenggaraan SPBE dan TIK"
    assert cite_document({"doc_type": "laporan", "year": 2025, "title": "LAPORAN REVIU KEBIJAKAN"}) == \
        "Laporan Reviu Kebijakan (2025)"
    assert cite_document({"doc_type": "topologi", "paths": ["a/b/topo.pdf"]}, "en") == "Topology document topo.pdf"
    assert "(rancangan)" in cite_document({"doc_type": "perbup", "status": "draft", "title": "Manajemen Risiko"})
    assert cite_document(None, fallback="a.pdf") == "a.pdf"


def test_sample_results_carry_a_narrative_per_indicator(tmp_path_factory):
    r = Workspace(sample_ws_path(tmp_path_factory)).results()
    data = json.loads(render(r, "json"))
    shas = {d["sha256"] for d in r["documents"]}
    assert len(data["indicators"]) == 47
    for ind in data["indicators"]:
        n = ind["narrative"]
        assert set(n) >= {"fakta", "analisis", "justifikasi", "text"}
        if ind["level"]:
            assert n["fakta"], ind["id"]
            assert all(f["doc_sha256"] in shas and f["page"] >= 1 for f in n["fakta"])
            assert f"level {ind['level']}" in n["justifikasi"]
        else:
            assert "Tidak diusulkan level" in n["justifikasi"]
    html = render(r, "html")
    assert "<h4>Fakta</h4>" in html and "<h4>Justifikasi</h4>" in html
    assert "**Justifikasi**" in render(r, "md")
    assert "<h4>Justification</h4>" in render(r, "html", "en")
