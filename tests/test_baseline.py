import hashlib
import json
from types import SimpleNamespace

import pytest

from typer.testing import CliRunner

from _report_ws import DATA, copy_ws
from conftest import CORPUS_REAL
from evidence_mapper.cli import app
from evidence_mapper.report import render
from evidence_mapper.store import Workspace, WorkspaceError

LHE_2023 = DATA / "lhe_bandar_lampung_2023.json"
LHE_2021 = DATA / "lhe_bandar_lampung_2021.json"


def _cli(*args):
    r = CliRunner().invoke(app, [str(a) for a in args])
    return SimpleNamespace(returncode=r.exit_code, stdout=r.stdout, stderr=r.stderr)


def test_store_and_read_back_a_baseline(tmp_path_factory, tmp_path):
    ws = Workspace(copy_ws(tmp_path_factory, tmp_path))
    lhe = json.loads(LHE_2023.read_text())
    b = ws.add_baseline(lhe, region="Kabupaten Sukamaju")
    assert b["year"] == 2023 and b["index"] == 2.15 and b["predicate"] == "Cukup"
    assert b["levels"] == {k: v for k, v in lhe["levels"].items()} and b["aspects"] == lhe["aspects"]
    ws.add_baseline(lhe, region="Kabupaten Sukamaju")  # same region and year: replaced, not doubled
    assert ws.db["baselines"].count == 47
    ws.add_baseline(json.loads(LHE_2021.read_text()), region="Kabupaten Sukamaju")
    assert [x["year"] for x in ws.baselines()] == [2023, 2021]
    r = ws.results()
    assert r["baseline"]["year"] == 2023
    html = render(r, "html")
    assert "Level resmi terakhir" in html and "Indeks resmi terakhir (2023)" in html
    data = json.loads(render(r, "json"))
    i3 = next(i for i in data["indicators"] if i["id"] == 3)
    assert i3["baseline_level"] == lhe["levels"]["3"] and "Level resmi terakhir (2023)" in i3["narrative"]["justifikasi"]
    with pytest.raises(WorkspaceError):
        ws.add_baseline({"year": 2020, "levels": {}})


def test_other_regions_baseline_is_not_shown_as_this_regions(tmp_path_factory, tmp_path):
    ws = Workspace(copy_ws(tmp_path_factory, tmp_path))
    ws.add_baseline(json.loads(LHE_2023.read_text()))  # Kota Bandar Lampung
    assert ws.latest_baseline() is None and ws.results()["baseline"] is None
    assert ws.baselines()[0]["region"] == "Kota Bandar Lampung"


def test_cli_baseline_from_json_and_errors(tmp_path_factory, tmp_path):
    ws = copy_ws(tmp_path_factory, tmp_path)
    r = _cli("baseline", ws, LHE_2023, "--region", "Kabupaten Sukamaju", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["source_sha256"] == hashlib.sha256(LHE_2023.read_bytes()).hexdigest()
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2023}')
    r = _cli("baseline", ws, bad)
    assert r.returncode != 0 and "levels" in r.stderr
    wrong = tmp_path / "lhe18.json"
    wrong.write_text((DATA / "lhe_madiun_2020.json").read_text())
    assert _cli("baseline", ws, wrong).returncode != 0  # a spbe-2018 result is no spbe-2020 baseline


@pytest.mark.skipif(not (CORPUS_REAL / "files" / "doc_003.pdf").exists(), reason="corpus-real not present")
def test_baseline_from_the_official_pdf(tmp_path):
    pdf = CORPUS_REAL / "files" / "doc_003.pdf"
    Workspace.init(tmp_path / "ws", region="Kota Bandar Lampung")
    r = _cli("baseline", tmp_path / "ws", pdf, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    expected = json.loads(LHE_2023.read_text())
    assert out["levels"] == expected["levels"] and out["year"] == 2023 and out["index"] == expected["index"]
    assert out["source_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert Workspace(tmp_path / "ws").latest_baseline()["region"] == "Kota Bandar Lampung"
