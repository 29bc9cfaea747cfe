"""The index reproduces the published figures of official evaluation reports (LHE).

Levels were transcribed by hand from the per-indicator tables of the reports in
../shared/corpus-real (doc_001: Kota Bandar Lampung 2021, doc_003: 2023) into tests/data.
"""

import json
from pathlib import Path

import pytest

from evidence_mapper.frameworks import load_framework
from evidence_mapper.score import IndexError_, compute_index

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name,index,predicate", [
    ("lhe_bandar_lampung_2021.json", 1.20, "Kurang"),
    ("lhe_bandar_lampung_2023.json", 2.15, "Cukup"),
])
def test_reproduces_published_index(name, index, predicate):
    lhe = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert lhe["index"] == index and lhe["predicate"] == predicate
    res = compute_index(load_framework("spbe-2020"), lhe["levels"]).to_json()
    assert res["index"] == pytest.approx(index, abs=0.001)
    assert res["predicate"] == predicate
    for k, v in lhe["aspects"].items():
        assert res["aspects"][k] == pytest.approx(v, abs=0.001), f"aspect {k}"
    for k, v in lhe["domains"].items():
        assert res["domains"][k] == pytest.approx(v, abs=0.001), f"domain {k}"


def test_levels_must_cover_the_framework():
    fw = load_framework("spbe-2020")
    with pytest.raises(IndexError_, match="no level"):
        compute_index(fw, {"1": 3})
    with pytest.raises(IndexError_, match="outside"):
        compute_index(fw, {str(i): 7 for i in range(1, 48)})
    with pytest.raises(IndexError_, match="no indicator"):
        compute_index(fw, {str(i): 1 for i in range(1, 49)})
    assert compute_index(fw, {"1": 3}, missing_as=1).missing == list(range(2, 48))


def test_all_level_one_is_kurang_and_all_five_memuaskan():
    fw = load_framework("spbe-2020")
    assert compute_index(fw, {}, missing_as=1).to_json()["index"] == 1.0
    top = compute_index(fw, {str(i): 5 for i in range(1, 48)})
    assert top.predicate == "Memuaskan" and top.to_json()["index"] == 5.0
