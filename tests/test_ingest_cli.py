"""`ingest` on the command line: progress lines (files n/N, pages, OCR pages, rate, ETA),
each failure once, a summary, and exit status 3 when some files failed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from evidence_mapper.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _inputs(tmp_path: Path, perbup_pdf: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.pdf").write_bytes(perbup_pdf.read_bytes())
    (d / "rusak.pdf").write_bytes(b"%PDF-1.4\n garbage, not a PDF body")
    (d / "catatan.txt").write_text("Rapat koordinasi SPBE membahas arsitektur SPBE daerah.\n", encoding="utf-8")
    return d


def test_ingest_progress_failure_once_and_exit_3(tmp_path, perbup_pdf):
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    d = _inputs(tmp_path, perbup_pdf)
    env = {"PYTHONPATH": str(ROOT / "src")}
    import os
    env = {**os.environ, **env}
    p = subprocess.run([sys.executable, "-m", "evidence_mapper", "ingest", str(ws), str(d), "--progress-every", "0"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 3, p.stderr
    err = p.stderr
    # plain lines (no terminal): files n/N with pages, OCR pages, rate and ETA
    assert "berkas 3/3" in err and "halaman/menit" in err and "sisa waktu" in err and "(OCR 0)" in err
    assert "berkas 0/3" in err
    # the failure is named once, in Indonesian, with the file
    fails = [ln for ln in err.splitlines() if "rusak.pdf" in ln]
    assert len(fails) == 1 and fails[0].startswith("gagal: ") and "berkas rusak" in fails[0]
    assert "status keluar 3" in err
    assert "selesai: 2 ditambahkan, 0 duplikat, 0 tanpa teks, 1 gagal" in p.stdout
    assert "rusak.pdf" not in p.stdout


def test_ingest_english_and_json(tmp_path, perbup_pdf):
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    d = _inputs(tmp_path, perbup_pdf)
    r = runner.invoke(app, ["ingest", str(ws), str(d), "--lang", "en", "--progress", "plain"])
    assert r.exit_code == 3
    assert "files 3/3" in r.stderr and "pages/min" in r.stderr and "ETA" in r.stderr
    assert sum("rusak.pdf" in ln for ln in r.stderr.splitlines()) == 1
    assert "done: 2 added" in r.stdout
    # a second run: all duplicates except the bad file
    r = runner.invoke(app, ["ingest", str(ws), str(d), "--json"])
    assert r.exit_code == 3
    out = json.loads(r.stdout)
    assert len(out["duplicates"]) == 2 and [e["file"] for e in out["errors"]] == [str(d / "rusak.pdf")]


def test_ingest_all_good_exits_0(tmp_path, perbup_pdf):
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    r = runner.invoke(app, ["ingest", str(ws), str(perbup_pdf), "--progress", "none"])
    assert r.exit_code == 0 and "1 ditambahkan" in r.stdout and "gagal: " not in r.stderr
