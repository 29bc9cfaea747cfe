"""One error type, one handler: each failure a user can meet is one line on stderr, exit 1:
``kesalahan: <thing>: <reason>`` in Bahasa Indonesia (the default), ``error: <thing>: <reason>``
in English (``EVIDENCE_MAPPER_LANG=en`` or ``--lang en``)."""

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
from evidence_mapper.errors import EvidenceMapperError, error_line, explain, localize  # noqa: E402
from evidence_mapper.frameworks import FrameworkError  # noqa: E402
from evidence_mapper.i18n import t  # noqa: E402
from evidence_mapper.ingest import IngestError  # noqa: E402
from evidence_mapper.store import WorkspaceError, db as store_db  # noqa: E402

MODELS = Path(__file__).resolve().parents[1] / "models"


def _one_line_failure(res, *needles: str, lang: str = "id") -> str:
    assert res.exit_code == 1, res.output
    assert isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    errs = [ln for ln in res.stderr.splitlines() if ln.startswith(t("cli_error", lang) + ":")]
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
    _one_line_failure(res, str(ws_path), "sibuk: proses lain mengunci ruang kerja")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_read_only_workspace_write_is_one_line(ws_path, monkeypatch, lang):
    monkeypatch.setattr(store_db, "writable", lambda p: False)  # as a user without write permission sees it
    f = ws_path / "extra.txt"
    f.write_text("PERATURAN BUPATI tentang arsitektur SPBE, dokumen baru untuk uji tulis", encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", str(ws_path), str(f), "--lang", lang])
    line = _one_line_failure(res, str(ws_path), {"id": "hanya-baca", "en": "read-only"}[lang], lang=lang)
    assert ("cannot be written" in line) == (lang == "en") and ("tidak dapat ditulis" in line) == (lang == "id")
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
    _one_line_failure(res, str(ws_path), "disk penuh")
    monkeypatch.undo()
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "json"])
    assert res.exit_code == 0, res.output  # nothing half-written: the workspace still reads


def test_disk_full_output_file_is_one_line(ws_path, monkeypatch, tmp_path):
    out = tmp_path / "r.md"

    def nospace(self, *a, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_text", nospace)
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "md", "-o", str(out)],
                             env={"EVIDENCE_MAPPER_LANG": "en"})
    _one_line_failure(res, str(out), "disk full", lang="en")


def test_a_bug_is_not_hidden(ws_path, monkeypatch):
    from evidence_mapper import store

    def boom(*a, **kw):
        raise KeyError("bug")

    monkeypatch.setattr(store.Workspace, "results", boom)
    res = CliRunner().invoke(app, ["report", str(ws_path), "--format", "json"])
    assert isinstance(res.exception, KeyError)


# the reasons a user meets most, as the library writes them (English) -> what the Indonesian line says
REASONS_ID = {
    "/w: busy: another process kept the workspace locked too long; try again when it is done": "sibuk",
    "/w: read-only: this workspace cannot be written (read commands such as report still work)": "hanya-baca",
    "/w/r.html: disk full: free space and run the command again": "disk penuh",
    "/w: not a workspace (run 'evidence-mapper init /w')": "bukan ruang kerja",
    "/w: no finished 'map' run for spbe-2020 (run 'evidence-mapper map')": "belum ada proses 'map' yang selesai",
    "unknown framework 'x' (known: spbe-2020)": "kerangka penilaian 'x' tidak dikenal",
    "/w/models/passage-indicator.npz: not a readable model array file (bad zip)": "bukan berkas larik model",
    "/w/a.pdf: file not found": "berkas tidak ditemukan",
    "/w/a.exe: file type is not supported (exe; not readable)": "jenis berkas tidak didukung",
    "/w/a.pdf: file is encrypted / password protected": "terenkripsi",
    "/w/a.pdf: file is empty": "berkas kosong",
    "/w/a.pdf: file exceeds the configured limit (300 pages > limit 200)": "berkas melebihi batas",
    "/w/a.pdf: file is damaged and cannot be read (EOF marker not found)": "berkas rusak",
    "/w/out: permission denied": "akses ditolak",
    "/w: another batch is writing this workspace": "batch lain sedang menulis",
}
EN_REASON_WORDS = ["busy", "read-only", "disk full", "not a workspace", "no finished", "unknown framework",
                   "not a readable", "file not found", "not supported", "encrypted", "is empty", "exceeds",
                   "damaged", "permission denied", "another batch", " run ", " the "]


def test_common_reasons_in_both_languages():
    for english, word in REASONS_ID.items():
        line = error_line(english, "id")
        assert line.startswith("kesalahan: ") and word in line, line
        hits = [w for w in EN_REASON_WORDS if w in line]
        assert not hits, (line, hits)
        assert line.split(": ", 2)[1] == english.split(": ", 1)[0] or english.startswith("unknown")  # the thing kept
        assert error_line(english, "en") == "error: " + english  # English: as the library wrote it
    # an error object the same as its text; unknown reasons stay as written
    e = EvidenceMapperError(thing="/w/x", reason="disk full: free space and run the command again")
    assert error_line(e, "id") == "kesalahan: /w/x: disk penuh: kosongkan ruang disk lalu jalankan perintah lagi"
    assert localize("/w: something new", "id") == "/w: something new"


def test_ingest_error_kinds_all_translated():
    from evidence_mapper.ingest.errors import REASONS

    for kind in REASONS:
        line = error_line(IngestError("/w/a.pdf", kind), "id")
        assert REASONS[kind] not in line, line
