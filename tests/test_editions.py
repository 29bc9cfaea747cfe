"""Editions of the instrument per evaluation year, picked by `init --year` or `--edition`."""

import json

import pytest

from conftest import CORPUS_REAL
from evidence_mapper.frameworks import FrameworkError, list_frameworks, load_framework
from evidence_mapper.frameworks.editions import labels, pick_framework
from evidence_mapper.score import compute_index


def test_editions_by_year():
    assert pick_framework(None, None, 2018) == "spbe-2018"
    assert pick_framework(None, None, 2019) == "spbe-2019"
    assert pick_framework(None, None, 2020) == "spbe-2020-37"
    assert pick_framework(None, None, 2023) == "spbe-2020"
    assert pick_framework(None, None, None) == "spbe-2020"
    assert pick_framework("pegi", None, 2019) == "pegi"  # a named framework wins
    assert pick_framework(None, "spbe-2018", 2019) == "spbe-2018"
    with pytest.raises(FrameworkError):
        pick_framework(None, "spbe-1999", None)
    assert {"spbe-2019", "spbe-2020-37"} <= set(list_frameworks()) and "editions" not in list_frameworks()


def test_2019_practice_three_public_services():
    fw = load_framework("spbe-2019")
    assert len(fw.indicators) == 37 and labels("spbe-2019") == {"35-2": 36, "35-3": 37}
    assert [a.weight for a in fw.aspects] == [7, 10, 8, 8, 12, 35, 20]
    assert fw.indicator(36).kind == "service" and fw.indicator(36).levels[2].criteria[0].id.startswith("36-2")
    # aspect 7 (public services) is 20 % over six rows now
    assert fw.indicator(35).weight == pytest.approx(20 / 6)
    assert compute_index(fw, {i.id: 3 for i in fw.indicators}).index == pytest.approx(3.0)
    lv = {i.id: 3 for i in fw.indicators} | {36: 5, 37: 5}
    assert compute_index(fw, lv).aspects[7] == pytest.approx((4 * 3 + 2 * 5) / 6)


def test_2020_older_instrument_reproduces_a_published_index():
    fw = load_framework("spbe-2020-37")
    assert [a.weight for a in fw.aspects] == [7, 10, 8, 8, 12, 33, 22]
    path = CORPUS_REAL / "files" / "doc_130.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus-real not present")
    from evidence_mapper.api import read_lhe_file

    out = read_lhe_file(path, "spbe-2020-37")
    assert len(out["levels"]) == 37 and out["index"] == 3.30
    assert round(out["recomputed_index"], 2) == 3.30


def test_init_picks_the_edition_of_the_year(tmp_path):
    from typer.testing import CliRunner

    from evidence_mapper.cli import app

    r = CliRunner()
    assert r.invoke(app, ["init", str(tmp_path / "a"), "--year", "2019"]).exit_code == 0
    assert json.loads((tmp_path / "a" / "config.json").read_text())["framework"] == "spbe-2019"
    assert r.invoke(app, ["init", str(tmp_path / "b"), "--year", "2019", "--edition", "spbe-2018"]).exit_code == 0
    assert json.loads((tmp_path / "b" / "config.json").read_text())["framework"] == "spbe-2018"
    bad = r.invoke(app, ["init", str(tmp_path / "c"), "--edition", "nope"])
    assert bad.exit_code != 0


def test_a_derived_edition_is_scored_through_its_base_crosswalk():
    from evidence_mapper.frameworks import load_crosswalk

    base = load_crosswalk("spbe-2020", "spbe-2018")
    derived = load_crosswalk("spbe-2020", "spbe-2019")
    with_35 = [k for k, v in base.items() if 35 in v]
    assert with_35 and all({35, 36, 37} <= set(derived[k]) for k in with_35)
    assert all(set(base[k]) <= set(derived[k]) for k in base)
