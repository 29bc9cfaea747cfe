"""The same files give the same answer whichever way they are read: 'ingest' + 'map' on a
workspace, and 'batch' (in this process and in a process pool) on an archive holding them."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import SAMPLE  # noqa: E402

from evidence_mapper.batch import BatchOptions, run_batch  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402

REGION, YEAR = "Kabupaten Sukamaju", 2025


def answer(ws: Workspace, run_id: str) -> dict:
    """What a run says, without ids, paths and timestamps."""
    q = lambda sql: [tuple(r.values()) for r in ws.db.query(sql, [run_id])]  # noqa: E731
    r = ws.results(run_id=run_id)
    return {
        "proposals": q("select indicator, level, level_name, confidence, state, notes_json from proposals "
                       "where run_id = ? order by indicator"),
        "criteria": q("select p.indicator, c.criterion_id, c.level, c.state from criterion_results c join proposals p "
                      "on p.id = c.proposal_id where p.run_id = ? order by 1, 2"),
        "links": q("select p.indicator, l.criterion_id, l.level, l.passage_id, l.doc_sha256, l.page, l.char_start, "
                   "l.char_end, l.x0, l.y0, l.x1, l.y1, l.quote from evidence_links l join proposals p "
                   "on p.id = l.proposal_id where p.run_id = ? order by 1, 2, 4"),
        "doc_scores": q("select doc_sha256, evidence_score, is_evidence, indicator_scores_json, reasons_json "
                        "from doc_scores where run_id = ? order by doc_sha256"),
        "passage_scores": q("select passage_id, indicator, score from passage_scores where run_id = ? order by 1, 2"),
        "index": r["index"],
        "documents": sorted((d["sha256"], d["doc_type"], d["title"], d["year"]) for d in r["documents"]),
    }


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> dict:
    ws = Workspace.init(tmp_path_factory.mktemp("single") / "ws", region=REGION, year=YEAR)
    ws.ingest([SAMPLE])
    out = answer(ws, ws.map())
    ws.close()
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("arc") / "arsip"
    shutil.copytree(SAMPLE, root / str(YEAR) / REGION)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("engine, workers", [("serial", 1), ("local", 2)])
def test_batch_gives_the_single_path_answer(single, archive, tmp_path, engine, workers):
    ws = Workspace.init(tmp_path / "ws")
    rep = run_batch(ws, [str(archive)], BatchOptions(engine=engine, workers=workers, progress="none"))
    (row,) = rep["regions"]
    assert (row["region"], row["year"]) == (REGION, YEAR)
    got = answer(ws, row["run_id"])
    ws.close()
    assert got["proposals"] and got["links"]
    for k in single:
        assert got[k] == single[k], k


def _own_models(ws_path: Path) -> None:
    """The shipped models under another version: the workspace's own (as 'train --from-reviews')."""
    import json

    shutil.copytree(Path(__file__).resolve().parents[1] / "models", ws_path / "models")
    man = ws_path / "models" / "passage-indicator.json"
    m = json.loads(man.read_text())
    m["version"] = m.get("version", "0") + "-sendiri"
    man.write_text(json.dumps(m))


def test_same_answer_with_the_workspaces_own_models(archive, tmp_path):
    from evidence_mapper.classify.models import models_available

    if not models_available(Path(__file__).resolve().parents[1] / "models"):
        pytest.skip("no shipped models to copy")
    a = Workspace.init(tmp_path / "a", region=REGION, year=YEAR)
    _own_models(a.path)
    a.ingest([SAMPLE])
    run_a = a.map()
    b = Workspace.init(tmp_path / "b")
    _own_models(b.path)
    (row,) = run_batch(b, [str(archive)], BatchOptions(engine="serial", progress="none"))["regions"]
    model_a, model_b = a.db["runs"].get(run_a)["model"], b.db["runs"].get(row["run_id"])["model"]
    assert model_a == model_b and "-sendiri" in model_a  # both classified with the workspace's own models
    assert answer(a, run_a) == answer(b, row["run_id"])
    a.close()
    b.close()
