"""One declared stage runner: the stages and their versions are data, and both 'ingest'/'map'
and every batch engine run the same stage functions."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_batch import SE_TEXT  # noqa: E402

from evidence_mapper.batch import BatchOptions, run_batch  # noqa: E402
from evidence_mapper.pipeline import Plan, iter_file, runner, stage_versions  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402


def test_stages_are_declared_in_order_with_their_versions():
    assert [s.name for s in runner.STAGES] == ["ingest", "nlp", "classify", "score"]
    v = stage_versions("spbe-2020")
    assert v["file"] == runner.INGEST_VERSION and v["nlp"] == runner.NLP_VERSION
    assert v["classify:spbe-2020"] == runner.model_version("spbe-2020")  # the classify stage's version: the model


def test_a_version_changed_in_the_declaration_is_the_one_a_batch_keys_on(monkeypatch):
    monkeypatch.setitem(runner.STAGE, "nlp", dataclasses.replace(runner.STAGE["nlp"], version="9-test"))
    assert stage_versions("spbe-2020")["nlp"] == "9-test"


def test_iter_file_stops_after_nlp_unless_a_framework_is_planned(tmp_path):
    f = tmp_path / "se.txt"
    f.write_text(SE_TEXT.format(name="CONTOH", n=7), encoding="utf-8")
    (only,) = list(iter_file(str(f), Plan()))
    assert only["doc"].passages and only["classification"] is None
    (cls,) = list(iter_file(str(f), Plan(framework="spbe-2020")))
    assert cls["classification"]["indicator_scores"] and cls["classification"]["model"]
    assert cls["doc"].meta.signals == only["doc"].meta.signals  # classify leaves the metadata as nlp made it
    (err,) = list(iter_file(str(tmp_path / "missing.pdf"), Plan()))
    assert err["error"] == "not_found" and "missing.pdf" in err["message"]


@pytest.fixture
def counted(monkeypatch):
    """Count the calls of each stage function (the runner looks them up in STAGE)."""
    calls: dict[str, int] = {}
    for name in ("nlp", "classify", "score"):
        st = runner.STAGE[name]

        def wrap(*a, _fn=st.fn, _name=name, **kw):
            calls[_name] = calls.get(_name, 0) + 1
            return _fn(*a, **kw)

        monkeypatch.setitem(runner.STAGE, name, dataclasses.replace(st, fn=wrap))
    return calls


def _two_docs(root: Path) -> Path:
    arc = root / "arsip" / "2024" / "Kota Contoh"
    arc.mkdir(parents=True)
    for n in (1, 2):
        (arc / f"se_{n}.txt").write_text(SE_TEXT.format(name="CONTOH", n=n), encoding="utf-8")
    return root / "arsip"


def test_ingest_and_map_run_the_declared_stages(counted, tmp_path):
    arc = _two_docs(tmp_path)
    ws = Workspace.init(tmp_path / "ws", region="Kota Contoh", year=2024)
    ws.ingest([arc])
    assert counted == {"nlp": 2}
    ws.map()
    ws.close()
    assert counted == {"nlp": 2, "classify": 2, "score": 1}


def test_a_serial_batch_runs_the_declared_stages(counted, tmp_path):
    arc = _two_docs(tmp_path)
    ws = Workspace.init(tmp_path / "ws")
    rep = run_batch(ws, [str(arc)], BatchOptions(engine="serial", progress="none"))
    ws.close()
    assert rep["documents"] == 2
    assert counted == {"nlp": 2, "classify": 2, "score": 1}  # classified in the workers, not again in map
