"""kill -9 a batch at random points, re-run the same command: the workspace ends equal to an
uninterrupted run's (same documents, passages, proposals; no duplicate rows), and is whole
(no half-written document) after every kill."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch import assert_no_duplicates, canonical, make_archive


def _cmd(archive: Path, ws: Path, engine: str) -> list[str]:
    extra = ["--workers", "2"] if engine == "local" else []
    return [sys.executable, "-m", "evidence_mapper", "batch", str(archive), "--workspace", str(ws), "--engine", engine,
            "--progress", "none", *extra]


def _whole(ws: Path) -> None:
    """After a kill: the database opens, passes its integrity check, and every stored
    document has all its pages (one transaction per document)."""
    con = sqlite3.connect(ws / "workspace.sqlite")
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    try:
        for sha, pages in con.execute("select sha256, pages from documents"):
            assert con.execute("select count(*) from pages where doc_sha256 = ?", [sha]).fetchone()[0] == pages
            assert con.execute("select count(*) from stage_results where sha256 = ? and stage = 'nlp'",
                               [sha]).fetchone()[0] == 1
    finally:
        con.close()


def _files_done(ws: Path) -> int:
    if not (ws / "workspace.sqlite").exists():
        return 0
    con = sqlite3.connect(ws / "workspace.sqlite", timeout=10)
    try:
        return con.execute("select count(*) from stage_results where stage = 'file'").fetchone()[0]
    except sqlite3.OperationalError:  # tables not made yet
        return 0
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.parametrize("engine, seed, attempts", [("serial", 1, 3), ("local", 2, 3)])
def test_kill_9_at_random_points_then_resume(tmp_path, engine, seed, attempts):
    archive = make_archive(tmp_path)
    env = dict(os.environ)
    ref = tmp_path / "ref"
    cmd = [c if c != "none" else "plain" for c in _cmd(archive, ref, engine)] + ["--report", str(tmp_path / "r.json")]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    # the uninterrupted run, as a user sees it: ranking on stdout, plain progress lines off a
    # terminal, the JSON report with every bad file
    assert "Kabupaten Sukamaju" in res.stdout and "Kota Contoh" in res.stdout
    assert "sisa waktu" in res.stderr and "halaman/menit" in res.stderr
    rep = json.loads((tmp_path / "r.json").read_text())
    assert len(rep["errors"]) == 4 and len(rep["regions"]) == 2

    target = tmp_path / "ws"
    rnd = random.Random(seed)
    kills, partial = 0, 0
    for attempt in range(attempts):  # each run continues the last one
        # kill point: once `at` more files are done (0: during start-up), plus a random instant.
        # The first run is cut just after its first stored file (the archive has ten), so at
        # least one kill lands however fast the machine or the warm workers are; later ones at
        # random file counts or during start-up.
        done0 = _files_done(target)
        at = rnd.randint(0, 6) if attempt else 1
        p = subprocess.Popen(_cmd(archive, target, engine), env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if at == 0:
            time.sleep(rnd.uniform(0.5, 3.0))
        else:
            while p.poll() is None and _files_done(target) < done0 + at:
                time.sleep(0.02)
            time.sleep(rnd.uniform(0.0, 0.05) if attempt == 0 else rnd.uniform(0.0, 0.4))
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)  # the whole job: writer and its workers
            kills += 1
        p.wait(timeout=60)
        if (target / "workspace.sqlite").exists():
            _whole(target)
            partial += int(p.returncode != 0 and 0 < _files_done(target) < 10)
        if p.returncode == 0:
            break
    assert kills >= 1  # at least one run was cut off before it finished
    res = subprocess.run(_cmd(archive, target, engine), env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr

    assert_no_duplicates(target)
    a, b = canonical(ref), canonical(target)
    for k in a:
        if k in ("batch_runs",):
            continue
        assert a[k] == b[k], k
    assert [n for _, n in b["batch_runs"] if _] == [1, 1]  # one run per region, none twice
    print(f"{engine}: {kills} kills, {partial} of them with some files done and some not")
