import dataclasses
import json
from types import SimpleNamespace

from typer.testing import CliRunner

from _report_ws import DATA, copy_ws, sample_ws_path
from evidence_mapper.cli import app
from evidence_mapper.frameworks import load_framework
from evidence_mapper.score.compare import assign_regions, diff, rank_regions, snapshot_from_results
from evidence_mapper.store import Workspace

FW = load_framework("spbe-2020")


def _cli(*args):
    r = CliRunner().invoke(app, [str(a) for a in args])
    return SimpleNamespace(returncode=r.exit_code, stdout=r.stdout, stderr=r.stderr)


def _snap(levels, evidence=None, kind="workspace"):
    return {"kind": kind, "label": kind, "region": "R", "year": 2025, "index": 2.0, "predicate": "Cukup",
            "levels": {str(k): v for k, v in levels.items()}, "evidence": evidence, "documents": None}


def test_diff_flags_regressions_and_evidence_changes():
    prev = {i.id: 2 for i in FW.indicators}
    cur = {**prev, 1: 3, 2: 1, 3: None}
    d = diff(_snap(cur, {"1": ["b"], "2": []}), _snap(prev, {"1": ["a"], "2": ["a"]}), FW)
    rows = {r["id"]: r for r in d["indicators"]}
    assert rows[1]["change"] == "up" and not rows[1]["regression"]
    assert rows[1]["evidence_added"] == ["b"] and rows[1]["evidence_removed"] == ["a"]
    assert rows[2]["change"] == "down" and rows[2]["regression"] and rows[2]["evidence_removed"] == ["a"]
    assert rows[3]["change"] == "lost" and rows[3]["regression"]
    assert d["regressions"] == [2, 3] and d["counts"]["same"] == 44


def test_workspace_against_itself_and_against_an_official_result(tmp_path_factory):
    ws = sample_ws_path(tmp_path_factory)
    r = _cli("diff", ws, "--against", ws, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["regressions"] == [] and d["index_delta"] == 0 and d["documents"]["added"] == []
    r = _cli("diff", ws, "--against", DATA / "lhe_bandar_lampung_2023.json", "--json")
    d = json.loads(r.stdout)
    res = Workspace(ws).results()
    lv = {i["id"]: i["level"] or 1 for i in res["indicators"]}
    off = json.loads((DATA / "lhe_bandar_lampung_2023.json").read_text())["levels"]
    assert d["regressions"] == [i for i in range(1, 48) if lv[i] < off[str(i)]]
    assert d["from"]["kind"] == "official" and d["from"]["index"] == 2.15
    text = _cli("diff", ws, "--against", DATA / "lhe_bandar_lampung_2023.json").stdout
    assert "REGRESSION" in text
    assert _cli("diff", ws, "--against", "baseline").returncode != 0  # none stored


def test_diff_between_two_submissions_lists_documents(tmp_path_factory, tmp_path):
    old = tmp_path / "old"
    w = Workspace.init(old, region="Kabupaten Sukamaju", year=2025)
    w.ingest([DATA.parent.parent / "corpus" / "sample" / "perbup_spbe_2023.pdf"])
    w.map()
    d = json.loads(_cli("diff", sample_ws_path(tmp_path_factory), "--against", old, "--json").stdout)
    n = len(list((DATA.parent.parent / "corpus" / "sample").iterdir()))  # the sample's files
    assert len(d["documents"]["added"]) == n - 1 and d["documents"]["kept"] == 1
    assert d["index_delta"] > 0 and any(r["change"] == "up" for r in d["indicators"])


def test_rank_regions_from_their_own_documents(tmp_path_factory):
    ws = Workspace(sample_ws_path(tmp_path_factory))
    docs = ws.evidence_docs()
    n = len(list((DATA.parent.parent / "corpus" / "sample").iterdir()))  # the sample's files
    assert len(docs) == n
    # A second, thinner submission of another region in its own folder: only the regulation.
    perbup = next(d for d in docs if d.meta.doc_type == "perbup" and d.meta.number == "12")
    other = dataclasses.replace(perbup, sha256="f" * 64, path="arsip/kota_lain/perbup.pdf",
                                meta=dataclasses.replace(perbup.meta, region="Kota Lain"))
    groups = assign_regions(docs + [other], "Kabupaten Sukamaju")
    assert sorted(groups) == ["Kabupaten Sukamaju", "Kota Lain"] and len(groups["Kabupaten Sukamaju"]) == n
    base = json.loads((DATA / "lhe_bandar_lampung_2023.json").read_text())
    rows = rank_regions(FW, docs + [other], 2025, "Kabupaten Sukamaju", [base])
    assert [r["rank"] for r in rows] == [1, 2, 3]
    idx = [r["index"] for r in rows]
    assert idx == sorted(idx, reverse=True)
    mine = next(r for r in rows if r["region"] == "Kabupaten Sukamaju")
    assert mine["index"] == ws.results()["index"]["index"]
    assert next(r for r in rows if r["region"] == "Kota Lain")["index"] < mine["index"]
    assert any(r["source"] == "official" and r["region"] == "Kota Bandar Lampung" for r in rows)


def test_cli_rank_many_workspaces(tmp_path_factory, tmp_path):
    ws = copy_ws(tmp_path_factory, tmp_path)
    assert _cli("baseline", ws, DATA / "lhe_bandar_lampung_2023.json").returncode == 0
    r = _cli("rank", ws, sample_ws_path(tmp_path_factory), "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [x["source"] for x in rows].count("proposal") == 2 and rows[0]["region"] == "Kota Bandar Lampung"
    assert "predicate" in _cli("rank", ws).stdout
