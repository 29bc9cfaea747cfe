"""`evaluate --levels`: proposed levels against an official result."""

import json

import pytest

from evidence_mapper.frameworks import load_framework
from evidence_mapper.score.agreement import OfficialLevelsError, compare_levels, parse_levels

FW = load_framework("spbe-2018")


def _props(levels: dict[int, int | None]) -> list[dict]:
    return [{"id": i, "level": lv, "confidence": 0.5, "state": "proposed" if lv else "insufficient_evidence",
             "links": [{"x": 1}] if lv else []} for i, lv in levels.items()]


def test_figures_by_hand():
    official = {1: 3, 3: 3, 5: 4, 7: 2}
    res = compare_levels(official, _props({1: 3, 3: 2, 5: None, 7: 2, 2: 5}), FW)
    assert res["n"] == 4
    assert res["exact"] == 2  # 1 and 7
    assert res["within_one"] == 3  # 5 counts at level 1: off by 3
    assert res["mae"] == pytest.approx((0 + 1 + 3 + 0) / 4)
    assert res["no_level"] == 1
    assert [r["id"] for r in res["rows"]] == [1, 3, 5, 7]  # indicator 2 has no official level
    # all these indicators weigh 1 %: the index is the plain mean
    assert res["index_official"] == pytest.approx(3.0)
    assert res["index_proposed"] == pytest.approx((3 + 2 + 1 + 2) / 4)
    assert res["index_scope"].startswith("the 4")


def test_kappa_is_scikit_learns_quadratic():
    from sklearn.metrics import cohen_kappa_score

    official = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 3}
    prop = {1: 1, 2: 3, 3: 3, 4: 3, 5: 5, 6: 2}
    res = compare_levels(official, _props(prop), FW)
    want = cohen_kappa_score(list(official.values()), list(prop.values()), labels=[1, 2, 3, 4, 5], weights="quadratic")
    assert res["kappa_quadratic"] == pytest.approx(want, abs=1e-4)
    perfect = compare_levels(official, _props(official), FW)
    assert perfect["kappa_quadratic"] == pytest.approx(1.0) and perfect["mae"] == 0


def test_parse_levels_shapes():
    assert parse_levels({"1": 3, "35-2": 4, "2": None}, FW) == {1: 3}
    assert parse_levels({"levels": {"4": 2}}, FW) == {4: 2}
    assert parse_levels({"35": 3, "35-2": 4}, load_framework("spbe-2019")) == {35: 3, 36: 4}
    assert parse_levels({"levels_development": {"5": 3}, "institution": "x"}, FW) == {5: 3}
    with pytest.raises(OfficialLevelsError):
        parse_levels({"1": 7}, FW)
    with pytest.raises(OfficialLevelsError):
        parse_levels({"institution": "x"}, FW)


def test_cli_levels(tmp_path, perbup_txt):
    from typer.testing import CliRunner

    from evidence_mapper.cli import app

    r = CliRunner()
    ws = tmp_path / "ws"
    assert r.invoke(app, ["init", str(ws), "--framework", "spbe-2020", "--year", "2024"]).exit_code == 0
    assert r.invoke(app, ["ingest", str(ws), str(perbup_txt)]).exit_code == 0
    assert r.invoke(app, ["map", str(ws)]).exit_code == 0
    official = tmp_path / "lhe.json"
    official.write_text(json.dumps({"levels": {str(i): 3 for i in range(1, 48)}}), encoding="utf-8")
    out = r.invoke(app, ["evaluate", "--levels", str(official), str(ws), "--json", "-"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)
    assert res["n"] == 47 and res["index_scope"] == "all indicators" and len(res["rows"]) == 47
    assert res["index_official"] == pytest.approx(3.0)
    text = r.invoke(app, ["evaluate", "--levels", '{"1": 2, "2": 4}', str(ws), "--lang", "en"])
    assert text.exit_code == 0 and "MAE" in text.output and "within one" in text.output
    bad = r.invoke(app, ["evaluate", "--levels", str(tmp_path / "missing.json"), str(ws)])
    assert bad.exit_code != 0 and "missing.json" in bad.output


def test_confidence_is_the_calibrated_probability_of_the_basis():
    from evidence_mapper.score.calibration import calibrated, load

    table = load()
    assert set(table["bins"]) >= {"criteria", "application", "contradiction"}
    for name, b in table["bins"].items():
        assert b["p_exact"] == pytest.approx((b["exact"] + 1) / (b["n"] + 2), abs=1e-3)
        lo, hi = calibrated(name, 0.0, table), calibrated(name, 1.0, table)
        assert lo < hi and abs((lo + hi) / 2 - b["p_exact"]) < 0.01
    assert calibrated("nope", 0.5, table) is None
