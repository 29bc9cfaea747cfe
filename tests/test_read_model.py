"""One read model: every reader gets the same run, region, baseline and model from the store.

The batch workspace here is the bundled sample filed as one region's submission plus a
second, small region (as in tests/test_batch.py, but from corpus/sample)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import PASSWORDS, SAMPLE, sample_workspace  # noqa: E402
from test_batch import SE_TEXT  # noqa: E402

from evidence_mapper.batch import BatchOptions, run_batch  # noqa: E402
from evidence_mapper.cli import app  # noqa: E402
from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402
from evidence_mapper.store.read import RunResults  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SUKAMAJU, CONTOH = "Kabupaten Sukamaju", "Kota Contoh"


def sample_archive(root: Path) -> Path:
    arc = root / "arsip" / "2025"
    shutil.copytree(SAMPLE, arc / SUKAMAJU)
    (arc / CONTOH).mkdir(parents=True)
    (arc / CONTOH / "se_srikandi.txt").write_text(SE_TEXT.format(name="CONTOH", n=41), encoding="utf-8")
    return root / "arsip"


@pytest.fixture(scope="module")
def batch_ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("readmodel")
    arc = sample_archive(root)
    ws = Workspace.init(root / "ws")
    rep = run_batch(ws, [str(arc)], BatchOptions(engine="serial", progress="none"))
    ws.close()
    return root / "ws", rep


def _cli(*args) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, [str(a) for a in args])
    return r.exit_code, r.stdout, r.stderr


def test_rank_of_a_batch_workspace_agrees_with_the_batch(batch_ws):
    path, rep = batch_ws
    assert {r["region"] for r in rep["regions"]} == {SUKAMAJU, CONTOH}
    code, out, err = _cli("rank", path, "--json")
    assert code == 0, err
    rows = [r for r in json.loads(out) if r["source"] == "proposal"]
    got = {(r["region"], r["year"]): (r["index"], r["predicate"], r["documents"]) for r in rows}
    want = {(r["region"], r["year"]): (r["index"], r["predicate"], r["documents"]) for r in rep["regions"]}
    assert got == want
    assert "(tanpa wilayah)" not in {r["region"] for r in rows}
    assert [r["region"] for r in rows] == [r["region"] for r in rep["regions"]]  # the same order


def test_diff_on_a_batch_workspace(batch_ws, tmp_path):
    path, rep = batch_ws
    ws_copy = tmp_path / "ws"
    shutil.copytree(path, ws_copy)
    ws = Workspace(ws_copy)
    ws.add_baseline({"levels": {str(i): 2 for i in range(1, 48)}, "index": 2.0}, region=SUKAMAJU, year=2024)
    ws.add_baseline({"levels": {str(i): 5 for i in range(1, 48)}, "index": 5.0}, region=CONTOH, year=2024)
    ws.close()
    code, out, err = _cli("diff", ws_copy, "--against", "baseline")
    assert code == 1 and "--region" in err  # several regions: the message names the option ...
    code, out, err = _cli("diff", ws_copy, "--against", "baseline", "--region", SUKAMAJU, "--json")
    assert code == 0, err  # ... and diff takes it
    d = json.loads(out)
    mine = next(r for r in rep["regions"] if r["region"] == SUKAMAJU)
    assert d["to"]["index"] == mine["index"] and d["from"]["index"] == 2.0  # its own region's baseline


def test_board_and_report_show_the_same_baseline(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "samebase")
    cfg = json.loads((path / "config.json").read_text())
    cfg["assessment_year"] = 2021
    (path / "config.json").write_text(json.dumps(cfg))
    ws = Workspace(path)
    ws.map()  # a run for assessment year 2021
    ws.add_baseline({"levels": {str(i): 1 for i in range(1, 48)}, "index": 1.0}, region=SUKAMAJU, year=2021)
    ws.add_baseline({"levels": {str(i): 4 for i in range(1, 48)}, "index": 4.0}, region=SUKAMAJU, year=2023)
    r = ws.results()
    assert isinstance(r, RunResults) and r.year == 2021
    report_year, report_levels = r.baseline["year"], {int(k): v for k, v in r.baseline["levels"].items()}
    board = {row["id"]: row["baseline"] for row in core.board(ws, r)}
    base, year = core.baselines(ws, r.framework_id, r)
    ws.close()
    assert report_year == year == 2021
    assert board == report_levels == base
    # and the board page shows that year
    from evidence_mapper.review.web import create_app
    c = create_app(path, secret_key=b"k" * 32).test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok})
    html = c.get("/").text
    assert re.search(r"<th>[^<]*2021</th>", html) and not re.search(r"<th>[^<]*2023</th>", html)


def test_board_of_a_batch_region_shows_that_regions_baseline(batch_ws, tmp_path):
    path, _ = batch_ws
    ws_copy = tmp_path / "ws"
    shutil.copytree(path, ws_copy)
    ws = Workspace(ws_copy)
    ws.add_baseline({"levels": {"1": 3}, "index": 3.0}, region=SUKAMAJU, year=2025)
    ws.add_baseline({"levels": {"1": 1}, "index": 1.0}, region=CONTOH, year=2025)
    for region, want in ((SUKAMAJU, 3), (CONTOH, 1)):
        r = ws.results(region=region)
        assert r.region == region and r.baseline["region"] == region
        assert {row["id"]: row["baseline"] for row in core.board(ws, r)}[1] == want
    ws.close()


def test_batch_classifies_with_the_workspaces_own_models(tmp_path):
    """A workspace with its own models (``train --from-reviews``): the batch classifies with
    them, and every run names the model that really classified."""
    from evidence_mapper.classify.models import TrainedScorer, models_available
    from evidence_mapper.frameworks import load_framework

    if not models_available(ROOT / "models"):
        pytest.skip("no shipped models to copy")
    arc = sample_archive(tmp_path)
    ws = Workspace.init(tmp_path / "ws")
    shutil.copytree(ROOT / "models", ws.path / "models")
    man = ws.path / "models" / "passage-indicator.json"
    m = json.loads(man.read_text())
    m["version"] = m.get("version", "0") + "-werkruang"  # same weights, another model id
    man.write_text(json.dumps(m))
    own = TrainedScorer(load_framework("spbe-2020"), ws.path / "models").model_id
    shipped = TrainedScorer(load_framework("spbe-2020"), ROOT / "models").model_id
    assert own != shipped
    rep = run_batch(ws, [str(arc)], BatchOptions(engine="serial", progress="none"))
    assert rep["stage_versions"]["classify:spbe-2020"] == own
    models = {json.loads(r["result_json"])["model"] for r in ws.db.query(
        "select result_json from stage_results where stage = 'classify:spbe-2020'")}
    assert models == {own}
    run_models = {r["model"] for r in ws.db.query("select model from runs")}
    assert run_models == {own}
    # and 'map' on the same workspace names the same model
    run_id = ws.map()
    assert ws.db["runs"].get(run_id)["model"] == own
    ws.close()
