import json

from typer.testing import CliRunner

from evidence_mapper.cli import app

runner = CliRunner()

CONTRACT = {"file", "sha256", "pages", "ocr_pages", "doc_type", "number", "year", "title", "issuer", "status",
            "is_evidence", "evidence_score", "indicators"}
DOC_TYPES = {"perda", "perbup", "perwali", "pergub", "sk", "se", "sop", "rencana", "topologi", "laporan",
             "anggaran", "berita", "lainnya"}


def test_inspect_json_contract(perbup_pdf):
    r = runner.invoke(app, ["inspect", str(perbup_pdf), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert CONTRACT <= set(out)
    assert out["doc_type"] in DOC_TYPES and out["doc_type"] == "perbup"
    assert out["status"] in {"enacted", "draft", "unknown"}
    assert (out["number"], out["year"]) == ("12", 2023)
    assert isinstance(out["is_evidence"], bool) and isinstance(out["evidence_score"], float)
    inds = out["indicators"]
    assert len(inds) >= 5
    assert [i["score"] for i in inds] == sorted((i["score"] for i in inds), reverse=True)
    for i in inds:
        assert {"framework", "id", "name", "score", "evidence"} <= set(i)
        for e in i["evidence"]:
            assert {"page", "start", "end", "bbox", "text"} <= set(e)
            assert e["bbox"] is None or len(e["bbox"]) == 4


def test_inspect_unreadable_input_fails_with_one_line(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    r = runner.invoke(app, ["inspect", str(p), "--json"])
    assert r.exit_code != 0
    assert r.stdout == ""
    assert "empty.pdf" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_index_contract(tmp_path):
    levels = tmp_path / "levels.json"
    levels.write_text(json.dumps({str(i): 3 for i in range(1, 48)}))
    r = runner.invoke(app, ["index", "--framework", "spbe-2020", "--levels", str(levels)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) == {"framework", "index", "predicate", "aspects", "domains"}
    assert out == {"framework": "spbe-2020", "index": 3.0, "predicate": "Baik",
                   "aspects": {str(i): 3.0 for i in range(1, 9)}, "domains": {str(i): 3.0 for i in range(1, 5)}}


def test_index_rejects_incomplete_levels(tmp_path):
    levels = tmp_path / "levels.json"
    levels.write_text('{"1": 3}')
    r = runner.invoke(app, ["index", "--levels", str(levels)])
    assert r.exit_code != 0 and "no level" in r.stderr


def test_frameworks_list_and_show():
    r = runner.invoke(app, ["frameworks", "list"])
    assert r.exit_code == 0 and "spbe-2020" in r.stdout
    r = runner.invoke(app, ["frameworks", "show", "spbe-2020", "--indicator", "8"])
    assert r.exit_code == 0
    assert "Level 1" in r.stdout and "Level 5" in r.stdout


def test_end_to_end_commands(tmp_path, perbup_pdf):
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    r = runner.invoke(app, ["ingest", str(ws), str(perbup_pdf)])
    assert r.exit_code == 0 and "1 ditambahkan" in r.stdout
    r = runner.invoke(app, ["map", str(ws)])
    assert r.exit_code == 0 and "indicators have a proposed level" in r.stdout
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"report.{fmt}"
        r = runner.invoke(app, ["report", str(ws), "--format", fmt, "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "report.json").read_text())["framework"]["id"] == "spbe-2020"


def test_python_module_entry_point():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "evidence_mapper", "frameworks", "list"], capture_output=True, text=True)
    assert r.returncode == 0 and "spbe-2020" in r.stdout
