"""Batch workers start warm: forked from a forkserver that imported and built the stages' heavy
parts once (batch/warm.py), instead of each worker importing them before its first file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

_PROBE = '''
import os, sys


def probe(task):
    """What a worker holds when its first task starts (nothing imported here)."""
    w = sys.modules.get("evidence_mapper.batch.warm")
    return {"pid": os.getpid(), "warm": bool(w and w._warm),
            "loaded": sorted(m for m in ("spacy", "sklearn", "pypdfium2", "scipy.ndimage") if m in sys.modules)}
'''

_RUN = '''
import json, sys
from evidence_mapper.batch.engines import PoolEngine
from probe_mod import probe

eng = PoolEngine(workers=2, max_tasks_per_child=1, warm=sys.argv[1] == "warm")
try:
    out = [r for _, r in eng.run(probe, ({"n": n} for n in range(4)))]
finally:
    eng.close()
print(json.dumps(out))
'''


def _run(tmp_path: Path, mode: str) -> list[dict]:
    (tmp_path / "probe_mod.py").write_text(_PROBE)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", _RUN, mode], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert all(isinstance(r, dict) for r in res), res
    return res


@pytest.mark.slow
def test_workers_start_with_the_stages_loaded(tmp_path):
    warm = _run(tmp_path, "warm")
    assert len({r["pid"] for r in warm}) == 4  # a fresh worker per task, each forked warm
    for r in warm:
        assert r["warm"], r
        assert r["loaded"] == ["pypdfium2", "scipy.ndimage", "sklearn", "spacy"], r


@pytest.mark.slow
def test_cold_workers_load_nothing_before_their_task(tmp_path):
    cold = _run(tmp_path, "cold")
    for r in cold:
        assert not r["warm"] and not {"spacy", "sklearn"} & set(r["loaded"]), r


def test_warming_builds_the_task_independent_caches():
    from evidence_mapper.batch import warm
    from evidence_mapper.classify import _scorer

    assert warm.warm() is True
    assert _scorer.cache_info().currsize >= 1  # the shipped scorer is built
    assert warm.PRELOAD == ["evidence_mapper.batch.warm"]
