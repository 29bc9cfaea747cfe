import json
import os
import subprocess
import sys

import pytest

from _report_ws import sample_ws_path
from evidence_mapper.frameworks import load_framework
from evidence_mapper.score import compute_index
from evidence_mapper.score.gaps import describe_check, gap_report
from evidence_mapper.store import Workspace


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return Workspace(sample_ws_path(tmp_path_factory)).results()


def test_gaps_list_unmet_criteria_up_to_target_with_documents(results):
    fw = load_framework("spbe-2020")
    g = gap_report(results, fw)
    assert g["target"] == {"level": 3, "predicate": "Baik"}
    by_id = {i["id"]: i for i in results["indicators"]}
    listed = {row["id"] for row in g["indicators"]}
    assert listed.isdisjoint(g["at_target"]) and listed | set(g["at_target"]) == set(by_id)
    for row in g["indicators"]:
        ind = by_id[row["id"]]
        state = {c["criterion_id"]: c["state"] for c in ind["criteria"]}
        assert row["missing"], row["id"]
        for m in row["missing"]:
            assert state[m["criterion_id"]] != "met"
            # a contradiction (a higher criterion met, a lower one not) lists the unmet lower one too
            assert ((ind["level"] or 0) < m["level"] or ind.get("contradiction")) and m["level"] <= 3
            fc = next(c for lv in fw.indicator(row["id"]).levels.values() for c in lv.criteria if c.id == m["criterion_id"])
            assert m["document"] == fc.evidence and m["document"]
    for iid in g["at_target"]:
        assert (by_id[iid]["level"] or 0) >= 3


def test_ranking_and_what_if_index(results):
    fw = load_framework("spbe-2020")
    g = gap_report(results, fw)
    gains = [r["gain"] for r in g["indicators"]]
    assert gains == sorted(gains, reverse=True)
    assert [r["rank"] for r in g["indicators"]] == list(range(1, len(gains) + 1))
    levels = {i["id"]: max(i["level"] or 1, 3) for i in results["indicators"]}
    expected = compute_index(fw, levels)
    assert g["if_closed"]["index"] == round(expected.index, 2)
    assert g["indicators"][-1]["index_if_closed_cumulative"] == g["if_closed"]["index"]
    assert g["current"]["index"] == results["index"]["index"]
    total = sum(i.weight for i in fw.indicators)
    first = g["indicators"][0]
    assert first["gain"] == pytest.approx(first["weight"] * (3 - first["counted_level"]) / total, abs=1e-4)
    assert g["reaches_target_predicate"] is True
    higher = gap_report(results, fw, target=5)
    assert len(higher["indicators"]) > len(g["indicators"]) and higher["if_closed"]["index"] == 5.0
    with pytest.raises(ValueError):
        gap_report(results, fw, target=7)


def test_describe_check_turns_conditions_into_document_requirements():
    req = describe_check({"doc_types": ["laporan"], "max_age_years": 2, "status": "enacted",
                          "terms_all": [["reviu"], ["rekomendasi", "saran"]]})
    assert req[0] == "jenis: Laporan" and "ditetapkan" in req[1]
    assert "2 tahun" in req[2] and "'reviu'" in req[3] and "'rekomendasi' atau 'saran'" in req[3]
    assert describe_check({"terms_any": ["a"]}, "en") == ["mentioning 'a'"]
    assert describe_check({"terms_any": list("abcdef")}) == ["memuat 'a' atau 'b' atau 'c' atau 'd' atau dll."]


def test_cli_gaps_json_shape(tmp_path_factory):
    ws = sample_ws_path(tmp_path_factory)
    out = subprocess.run([sys.executable, "-m", "evidence_mapper", "gaps", str(ws), "--json", "--target", "3"],
                         capture_output=True, text=True, env=os.environ.copy(), check=True).stdout
    g = json.loads(out)
    assert set(g) >= {"version", "framework", "region", "run_id", "target", "current", "if_closed",
                      "reaches_target_predicate", "baseline", "at_target", "indicators"}
    row = g["indicators"][0]
    assert set(row) >= {"rank", "id", "name", "domain_id", "aspect_id", "weight", "level", "counted_level",
                        "baseline_level", "target", "gain", "index_if_closed_cumulative", "missing"}
    assert set(row["missing"][0]) == {"level", "criterion_id", "criterion", "document", "requirements"}
    text = subprocess.run([sys.executable, "-m", "evidence_mapper", "gaps", str(ws), "--top", "2"],
                          capture_output=True, text=True, env=os.environ.copy(), check=True).stdout
    assert "target level 3 (Baik)" in text and "  1. [" in text
