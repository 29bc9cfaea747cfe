"""`explore`: the workspace as a Datasette snapshot with descriptions, facets and canned
queries; no password hashes in it; Datasette itself serves the tables and queries."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import sample_workspace  # noqa: E402

from evidence_mapper.cli import app  # noqa: E402
from evidence_mapper.explore import datasette_command, prepare_explore  # noqa: E402
from evidence_mapper.store.explore import QUERIES  # noqa: E402


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return sample_workspace(tmp_path_factory, "explore")


def test_snapshot_and_metadata(ws):
    db, meta_path = prepare_explore(ws, "id")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    assert "users" not in tables and "evidence_links" in tables  # no password hashes in the snapshot
    assert sqlite3.connect(ws / "workspace.sqlite").execute("select count(*) from users").fetchone()[0] == 5
    d = meta["databases"]["workspace"]
    # every described column and facet exists in its table
    for name, entry in d["tables"].items():
        cols = {c[1] for c in con.execute(f"pragma table_info([{name}])")}
        assert set(entry.get("columns", {})) <= cols, name
        assert set(entry.get("facets", [])) <= cols, name
    assert "Tautan bukti" in d["tables"]["evidence_links"]["description"]
    assert d["tables"]["documents"]["facets"][:2] == ["doc_type", "status"]
    assert set(d["queries"]) == {"evidence_per_indicator", "decisions_per_reviewer", "documents_without_evidence",
                                 "low_confidence_ocr_pages"}
    # the canned queries run on the workspace and answer
    per_ind = con.execute(QUERIES["evidence_per_indicator"]).fetchall()
    assert len(per_ind) == 47 and sum(r[5] for r in per_ind) > 0
    con.execute(QUERIES["low_confidence_ocr_pages"], {"below": ""}).fetchall()
    assert con.execute(QUERIES["decisions_per_reviewer"]).fetchall() == []
    # English descriptions too
    _, meta_en = prepare_explore(ws, "en")
    assert "Evidence links" in json.loads(meta_en.read_text())["databases"]["workspace"]["tables"]["evidence_links"]["description"]


def test_datasette_serves_tables_and_queries(ws):
    ds_mod = pytest.importorskip("datasette.app")
    db, meta_path = prepare_explore(ws, "id")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))

    async def go():
        ds = ds_mod.Datasette(immutables=[str(db)], metadata=meta)
        page = await ds.client.get("/workspace/evidence_links")
        assert page.status_code == 200 and "Tautan bukti" in page.text
        facets = await ds.client.get("/workspace/documents.json?_facet=doc_type")
        assert facets.status_code == 200 and "doc_type" in facets.json()["facet_results"]
        q = await ds.client.get("/workspace/evidence_per_indicator.json?_shape=array")
        assert q.status_code == 200 and len(q.json()) == 47
        missing = await ds.client.get("/workspace/users")
        assert missing.status_code == 404
        return True

    assert asyncio.run(go())


def test_cli_metadata_only_and_command_binds_localhost(ws):
    r = CliRunner().invoke(app, ["explore", str(ws), "--metadata-only"])
    assert r.exit_code == 0 and r.stdout.strip().endswith("metadata.json")
    cmd = datasette_command(Path("w.db"), Path("m.json"), 8123, open_browser=False)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and "-i" in cmd and "-o" not in cmd
