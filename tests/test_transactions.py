"""Transactions that wait, writes that are whole, reads that never write."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import SAMPLE, sample_workspace  # noqa: E402

from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.core import Actor  # noqa: E402
from evidence_mapper.store import Workspace, db as store_db  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
WRITES = ("insert", "update", "delete", "replace", "create", "drop", "alter", "begin", "pragma journal")


def _cli(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "evidence_mapper", *args], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.fixture
def traced(monkeypatch):
    """Every SQL statement any workspace connection runs, from now on."""
    seen: list[str] = []
    raw = store_db._raw

    def tracing(*a, **kw):
        conn = raw(*a, **kw)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(store_db, "_raw", tracing)
    return seen


def _writes(stmts: list[str]) -> list[str]:
    return [s for s in stmts if s.strip().lower().startswith(WRITES)]


def test_every_write_transaction_begins_immediate(tmp_path, traced):
    ws = Workspace.init(tmp_path / "ws", framework="spbe-2020", region="Kabupaten Sukamaju", year=2025)
    ws.ingest([SAMPLE / "perbup_spbe_2023.pdf"])
    ws.map()
    begins = [s.strip().upper() for s in traced if s.strip().upper().startswith("BEGIN")]
    assert begins and all(b == "BEGIN IMMEDIATE" for b in begins), sorted(set(begins))
    # the busy timeout is set when the connection is opened, before any statement
    assert ws.db.execute("PRAGMA busy_timeout").fetchone()[0] == int(store_db.BUSY_TIMEOUT_S * 1000) > 0
    ro = store_db.connect(ws.path / "workspace.sqlite", readonly=True)
    assert ro.readonly and ro.execute("PRAGMA busy_timeout").fetchone()[0] == int(store_db.BUSY_TIMEOUT_S * 1000)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("insert into meta (key, value) values ('x', 'y')")
    ro.close()
    ws.close()


def test_reading_a_workspace_writes_nothing(tmp_path_factory, traced):
    from evidence_mapper.review.web import create_app

    path = sample_workspace(tmp_path_factory, "readnowrite")
    (path / ".review-secret").write_bytes(b"k" * 32)
    traced.clear()
    ws = Workspace(path)
    r = ws.results()
    core.board(ws, r)
    ws.baselines()
    ws.close()
    app = create_app(path, secret_key=b"x" * 32)
    client = app.test_client()
    assert client.get("/login").status_code == 200
    assert client.get("/static/review.css").status_code == 200
    assert client.post("/login", data={"username": "ana", "password": "sandi-ana-123",
                                       "csrf_token": _csrf(client)}).status_code in (302, 303)
    assert client.get("/").status_code == 200
    assert client.get("/indicator/1").status_code == 200
    assert traced, "the trace saw no statement at all"
    assert _writes(traced) == []


def _csrf(client) -> str:
    with client.session_transaction() as s:
        return s.get("csrf", "")


def test_add_baseline_failure_keeps_the_previous_baseline(tmp_path, monkeypatch):
    import sqlite_utils.db

    ws = Workspace.init(tmp_path / "ws", framework="spbe-2020", region="Kabupaten Sukamaju", year=2025)
    ws.add_baseline({"levels": {"1": 2, "2": 3}, "index": 2.1, "predicate": "Cukup"}, year=2023)
    real = sqlite_utils.db.Table.insert_all

    def failing(self, *a, **kw):
        if self.name == "baselines":
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *a, **kw)

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", failing)
    with pytest.raises(sqlite3.OperationalError):
        ws.add_baseline({"levels": {"1": 4, "2": 4}, "index": 4.0, "predicate": "Sangat Baik"}, year=2023)
    monkeypatch.undo()
    b = ws.baselines()
    assert len(b) == 1 and b[0]["levels"] == {"1": 2, "2": 3} and b[0]["index"] == 2.1
    ws.close()


def test_upload_and_its_audit_row_are_one_transaction(tmp_path_factory, monkeypatch):
    path = sample_workspace(tmp_path_factory, "uploadtx")
    ws = core.open_workspace(path)
    r = ws.results()
    before_docs = ws.db["documents"].count
    before_events = ws.db["audit_events"].count
    real = core._append

    def broken(*a, **kw):  # the audit row fails: the documents must not be stored either
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(core, "_append", broken)
    with pytest.raises(sqlite3.OperationalError):
        core.upload(ws, Actor("ana", "assessor"), r, "baru.txt",
                    "PERATURAN BUPATI tentang arsitektur SPBE dan peta rencana SPBE".encode())
    assert ws.db["documents"].count == before_docs
    assert ws.db["audit_events"].count == before_events
    monkeypatch.setattr(core, "_append", real)
    ev = core.upload(ws, Actor("ana", "assessor"), r, "baru.txt",
                     "PERATURAN BUPATI tentang arsitektur SPBE dan peta rencana SPBE".encode())
    assert ev["action"] == "upload" and ev["payload"]["added"] == 1
    assert ws.db["documents"].count == before_docs + 1
    assert ws.db["audit_events"].count == before_events + 1
    ws.close()


@pytest.mark.slow
def test_concurrent_ingest_map_and_review_lose_nothing(tmp_path_factory):
    """Two ingest processes, a map process and a reviewer recording decisions, all at once on one
    workspace: no 'database is locked', every decision's audit row is there."""
    path = sample_workspace(tmp_path_factory, "concurrent")
    files = sorted(SAMPLE.iterdir())
    more = tmp_path_factory.mktemp("more")
    for k, f in enumerate(files):  # new bytes, so both ingests really write documents
        shutil.copy(f, more / f"{k}-{f.name}")
        if f.suffix in (".txt", ".md", ".html"):
            (more / f"{k}-{f.name}").write_bytes(f.read_bytes() + f"\n\nsalinan {k}\n".encode())
    half = sorted(more.iterdir())
    procs = [_cli("ingest", str(path), *map(str, half[: len(half) // 2])),
             _cli("ingest", str(path), *map(str, half[len(half) // 2:])),
             _cli("ingest", str(path), str(SAMPLE)),
             _cli("map", str(path))]
    ws = core.open_workspace(path)
    r = ws.results()
    before = ws.db["audit_events"].count
    made = 0
    ids = [i["id"] for i in r["indicators"]]
    deadline = time.monotonic() + 120
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        iid = ids[made % len(ids)]
        core.decide(ws, Actor(f"u{made % 3}", "assessor"), r, iid, "override", level=1 + made % 5,
                    reason="uji bersamaan")
        made += 1
        time.sleep(0.02)
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err and "Traceback" not in err, err[-2000:]
    assert made > 0
    assert ws.db["audit_events"].count == before + made
    assert ws.db["decisions"].count_where("reason = 'uji bersamaan'") == made
    n_docs = ws.db["documents"].count
    assert n_docs >= len(files) + sum(1 for f in files if f.suffix in (".txt", ".md", ".html"))
    ws.close()


def test_read_only_workspace_is_reported(tmp_path_factory, monkeypatch):
    """``chmod -R a-w`` on a workspace: ``report`` still works and changes no byte. (Run as root,
    where the permission bits do not stop writes, the store is made to see them as a user would.)"""
    from typer.testing import CliRunner

    from evidence_mapper.cli import app

    src = sample_workspace(tmp_path_factory, "readonly")
    path = tmp_path_factory.mktemp("ro") / "ws"
    shutil.copytree(src, path)
    try:
        for p in [*path.rglob("*"), path]:
            os.chmod(p, 0o555 if p.is_dir() else 0o444)
        if os.geteuid() == 0:
            real = os.access

            def as_user(p, mode, *a, **kw):
                if mode & os.W_OK and not (os.stat(p).st_mode & 0o222):
                    return False
                return real(p, mode, *a, **kw)

            monkeypatch.setattr(store_db.os, "access", as_user)
        before = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
        res = CliRunner().invoke(app, ["report", str(path), "--format", "json"])
        assert res.exit_code == 0, res.output
        data = json.loads(res.stdout)
        assert len(data["indicators"]) == 47 and data["index"]["index"] > 1
        after = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}
        assert after == before
        ws = Workspace(path)
        assert ws.readonly
        ws.close()
    finally:
        for p in [path, *path.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
