"""The 2026 Indeks Pemdi: framework file, index, continuous values, national indices."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidence_mapper.cli import app
from evidence_mapper.frameworks import DATA_DIR, FrameworkError, load_crosswalk, load_framework, parse_framework
from evidence_mapper.frameworks.pemdi import catalog
from evidence_mapper.score.index import compute_index
from evidence_mapper.score.pemdi import convert_index, indicator_value, normalize_values, value_from_items

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT.parent / "shared" / "reference" / "frameworks" / "pemdi-2026" / "pemdi-2026.json"
VALUES = ROOT / "tests" / "data" / "pemdi-assessor-values.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def fw():
    return load_framework("pemdi-2026")


def raw():
    return json.loads((DATA_DIR / "pemdi-2026.json").read_text(encoding="utf-8"))


def test_structure(fw):
    assert len(fw.aspects) == 7 and len(fw.indicators) == 20
    assert [a.weight for a in fw.aspects] == [10, 10, 15, 15, 10, 15, 25]
    assert sum(i.weight for i in fw.indicators) == 100
    cat = catalog(fw)
    codes = [i["code"] for i in cat["indicators"]]
    assert codes == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4",
                     "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2"]
    items = [c for i in fw.indicators for lv in i.levels.values() for c in lv.criteria]
    assert len(items) == 232 and len({c.id for c in items}) == 232
    assert {i["ref_id"] for i in cat["indicators"] if i["scored_from"] == "index"} == {"I5", "I6", "I7", "I18"}
    assert cat["partial_credit"]["certainty"] == "inferred"
    assert cat["certainty"]["weights"] == "certain" and cat["certainty"]["predicates"] == "likely"
    assert [p.min for p in fw.predicates] == [1.0, 1.5, 2.5, 3.5, 4.0]


def test_validation_rejects_broken_files():
    r = raw()
    parse_framework(copy.deepcopy(r))
    bad = copy.deepcopy(r)
    bad["indicators"][0]["code"] = "1.2"  # repeated
    with pytest.raises(FrameworkError, match="code"):
        parse_framework(bad)
    bad = copy.deepcopy(r)
    bad["value_bands"]["3"] = [2.6, 3.5]
    with pytest.raises(FrameworkError, match="contiguous"):
        parse_framework(bad)
    bad = copy.deepcopy(r)
    bad["indicators"][0]["levels"]["2"]["criteria"][0]["id"] = "I1-L3-01"
    with pytest.raises(FrameworkError, match="portal code"):
        parse_framework(bad)
    bad = copy.deepcopy(r)
    bad["indicators"][0]["levels"]["1"]["criteria"][0]["certainty"] = "sure"
    with pytest.raises(FrameworkError, match="certainty"):
        parse_framework(bad)
    bad = copy.deepcopy(r)
    bad["indicators"][4]["weight"] = 6
    with pytest.raises(FrameworkError, match="weights"):
        parse_framework(bad)


@pytest.mark.skipif(not REF.exists(), reason="reference not beside the repository")
def test_file_agrees_with_reference(fw):
    ref = json.loads(REF.read_text(encoding="utf-8"))
    cat = catalog(fw)
    for ra, a in zip(ref["aspects"], cat["aspects"]):
        assert (ra["code"], ra["name"], ra["weight"]) == (a["code"], a["name"], a["weight"])
    for ri, i in zip(ref["indicators"], cat["indicators"]):
        assert (ri["id"], ri["code"], ri["name"], ri["weight"]) == (i["ref_id"], i["code"], i["name"], i["weight"])
        mine = {c["id"]: (int(lk), c["text"]) for lk, lv in i["levels"].items() for c in lv["criteria"]}
        theirs = {e["eval_code"]: (e["level"], e["text"]) for e in ri["evidence"]}
        assert mine == theirs
        for lk, text in ri["levels"].items():
            mine_lv = i["levels"][lk] if lk != "0" else i["level_0"]
            assert mine_lv["text"] == text and mine_lv["text_certainty"] == "verified"
    assert [b["min"] for b in ref["predicates"]["bands"]] == [p.min for p in fw.predicates]
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "pemdi_catalog.py"), "--reference", str(REF),
                          "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_index_reproduces_assessor_example(fw):
    """The reference README's assessor values give its aspects and the index 1.24."""
    res = runner.invoke(app, ["index", "--framework", "pemdi-2026", "--levels", str(VALUES)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["index"] == 1.24 and out["predicate"] == "Kurang"
    assert out["aspects"] == {"1": 1.75, "2": 1.28, "3": 1.0, "4": 1.17, "5": 1.08, "6": 1.4, "7": 1.18}
    # the same values keyed by id or I<n>
    vals = json.loads(VALUES.read_text())["levels"]
    by_i = {f"I{n}": v for n, v in enumerate(vals.values(), 1)}
    assert compute_index(fw, normalize_values(fw, by_i)).to_json()["index"] == 1.24
    with pytest.raises(ValueError):
        normalize_values(fw, {"9.9": 1})


@pytest.mark.parametrize("iid,accepted,expected", [
    (1, ["L1-01", "L2-01", "L2-03"], 2.0), (2, ["L1-01", "L1-02"], 1.5), (4, ["L1-01", "L1-03"], 1.333),
    (11, ["L1-01"], 1.5), (13, ["L1-01"], 1.167), (17, ["L1-01", "L1-02", "L2-01", "L2-02"], 2.5),
    (20, ["L1-01", "L1-02"], 1.25), (8, [], 1.0), (2, ["L1-01", "L2-01"], 1.25),
])
def test_values_from_items(fw, iid, accepted, expected):
    """Accepted items -> value (the reference's check of the inferred rule); I12 needs IKASANDI."""
    e = next(i for i in catalog(fw)["indicators"] if i["id"] == iid)
    states = {f"I{iid}-{a}": "met" for a in accepted}
    v, basis = indicator_value(fw, e, states, {})
    assert round(v, 3) == expected
    met = {it["code"] for it in basis["items"] if it["met"] == 1}
    assert met == set(states)
    assert basis["certainty"] == "inferred" and basis["arithmetic"]


def test_items_of_higher_levels_do_not_count_while_lower_incomplete():
    bands = {"1": [1, 1.5], "2": [1.5, 2.5], "3": [2.5, 3.5], "4": [3.5, 4.0], "5": [4.0, 5.0]}
    v, lvl, _ = value_from_items(bands, {1: [("a", 0.0), ("b", 1.0)], 2: [("c", 1.0)]})
    assert (v, lvl) == (1.25, 1)
    v, lvl, _ = value_from_items(bands, {k: [("x", 1.0)] for k in range(1, 6)})
    assert (v, lvl) == (5.0, 5)


def test_national_indices(fw):
    ext = catalog(fw)["external_indices"]
    assert convert_index(ext["sdi"], 25)[0] == 2.0  # the module's two worked examples
    assert convert_index(ext["sdi"], 68.75)[0] == 3.75
    assert convert_index(ext["sdi"], 100)[0] == 5.0
    assert convert_index(ext["sdi"], 0)[0] == 1.0
    with pytest.raises(ValueError):
        convert_index(ext["sdi"], 120)
    i5 = next(i for i in catalog(fw)["indicators"] if i["ref_id"] == "I5")
    v, basis = indicator_value(fw, i5, {}, {})
    assert v == 1.0 and basis["entered"] is None and "1,00" in basis["notes"][0]
    v, basis = indicator_value(fw, i5, {}, {"sdi": 68.75})
    assert v == 3.75 and "68.75" in basis["arithmetic"]
    # IKASANDI inside I10: L1 only IKASANDI, L2 the IIV documentation + IKASANDI, L3 IKASANDI
    i10 = next(i for i in catalog(fw)["indicators"] if i["ref_id"] == "I10")
    assert indicator_value(fw, i10, {}, {})[0] == 1.0
    assert round(indicator_value(fw, i10, {"I10-L2-01": "met"}, {"ikasandi_siber": 2.9})[0], 3) == 2.9
    assert round(indicator_value(fw, i10, {}, {"ikasandi_siber": 2.9})[0], 3) == 2.0  # IIV missing: 1/2 of L2


def test_crosswalk_seeded_from_reference(fw):
    cw = load_crosswalk("spbe-2020", "pemdi-2026")
    assert 5 in cw[3] and 5 in cw[23]  # data policy and data management -> Tata Kelola Data
    assert 8 in cw[22] and 17 in cw[32] and 20 in cw[42]
    assert all(t in range(1, 21) for v in cw.values() for t in v)


def test_frameworks_cli_lists_and_shows(fw):
    res = runner.invoke(app, ["frameworks", "list"])
    assert "pemdi-2026" in res.output
    res = runner.invoke(app, ["frameworks", "show", "pemdi-2026"])
    assert res.exit_code == 0 and "Kepuasan Pengguna" in res.output
    res = runner.invoke(app, ["frameworks", "show", "pemdi-2026", "--indicator", "12"])
    assert res.exit_code == 0 and "I12-L2-01" in res.output and "TTIS" in res.output
