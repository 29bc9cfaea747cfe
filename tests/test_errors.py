"""One error type, one handler: each failure a user can meet is one line on stderr, exit 1."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import SAMPLE, sample_workspace  # noqa: E402

from evidence_mapper.classify.modelio import ModelFileError  # noqa: E402
from evidence_mapper.cli import app  # noqa: E402
from evidence_mapper.errors import EvidenceMapperError, explain  # noqa: E402
from evidence_mapper.frameworks import FrameworkError  # noqa: E402
from evidence_mapper.ingest import IngestError  # noqa: E402
from evidence_mapper.store import WorkspaceError, db as store_db  # noqa: E402

MODELS = Path(__file__).resolve().parents[1] / "models"


def _one_line_failure(res, *needles: str) -> str:
    assert res.exit_code == 1, res.output
    assert isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    errs = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(errs) == 1, res.stderr
    for n in needles:
        assert n in errs[0], errs[0]
    return errs[0]


@pytest.fixture
def ws_path(tmp_path_factory):
    return sample_workspace(tmp_path_factory, "errors")


def test_project_errors_share_one_type():
    for cls in (ModelFileError, WorkspaceError, FrameworkError, IngestError):
        assert issubclass(cls, EvidenceMapperError)
    e = explain(sqlite3.OperationalError("database is locked"), "/w")
    assert isinstance(e, EvidenceMapperError) and str(e).startswith("/w: busy")
    e = explain(OSError(errno.ENOSPC, "No space left on device", "/w/out.html"))
    assert str(e) == "/w/out.html: disk full: free space and run the command again"
    assert explain(KeyError("x")) is None  # a bug stays a bug


def test_corrupt_model_file_is_one_line(ws_path):
    shutil.copytree(MODELS, ws_path / "models")
    (ws_path / "models" / "passage-indicator.npz").write_bytes(b"not a model")
    res = CliRunner().invoke(app, ["map", str(ws_path)])
    _one_line_failure(res, "passage-indicator.npz")


def test_locked_workspace_is_one_line(ws_path, monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(ws_path / "workspace.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock and does not let go
    try:
        res = CliRunner().invoke(app, ["ingest", str(ws_path), str(SAMPLE / "perbup_spbe_2023.pdf"),
                                       str(SAMPLE / "laporan_evaluasi_2024.md")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _one_line_failure(res, str(ws_path), "busy")


def test_read_only_workspace_write_is_one_line(ws_path, monkeypatch):
    monkeypatch.setattr(store_db, "writable", lambda p: False)  # as a user without write permission sees it
    f = ws_path / "extra.txt"
    f.write_text("PERATURAN BUPATI tentang arsitektur SPBE, dokumen baru untuk uji tulis", encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", str(ws_path), str(f)])
    _one_line_failure(res, str(ws_path), "read-only")
    # and reading it still works
    res = CliRunner().invoke(app, ["gaps", str(ws_path)])
    assert res.exit_code == 0, res.output


def test_disk_full_workspace_is_one_line(ws_path, monkeypatch):
    raw = store_db._raw

    def full(*a, **kw):  # the file may not grow by one page: SQLite's own "disk is full"
        conn = raw(*a, **kw)
        n = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {n}")
        return conn

    big = ws_path.parent / "besar.txt"
    big.write_text((SAMPLE / "berita_kegiatan_spbe.txt").read_text(encoding="utf-8") * 40, encoding="utf-8")
    monkeypatch.setattr(store_db, "_raw", full)
    res = CliRunner().invoke(app, ["ingest", str(ws_path), str(big)])
    _one_line_failure(res, str(ws_path), "disk full")
    monkeypatch.undo()
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "json"])
    assert res.exit_code == 0, res.output  # nothing half-written: the workspace still reads


def test_disk_full_output_file_is_one_line(ws_path, monkeypatch, tmp_path):
    out = tmp_path / "r.md"

    def nospace(self, *a, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_text", nospace)
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "md", "-o", str(out)])
    _one_line_failure(res, str(out), "disk full")


def test_a_bug_is_not_hidden(ws_path, monkeypatch):
    from evidence_mapper import store

    def boom(*a, **kw):
        raise KeyError("bug")

    monkeypatch.setattr(store.Workspace, "results", boom)
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "json"])
    assert isinstance(res.exception, KeyError)
