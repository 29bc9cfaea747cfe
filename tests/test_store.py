import sqlite3

import pytest

from evidence_mapper.store import Workspace, WorkspaceError, decode_boxes, encode_boxes


@pytest.fixture
def ws(tmp_path):
    return Workspace.init(tmp_path / "ws", region="Kabupaten Contoh", year=2024)


def test_init_schema_wal_and_foreign_keys(ws):
    assert ws.schema_version == 1
    assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    for t in ("documents", "pages", "passages", "proposals", "evidence_links", "decisions", "runs"):
        assert ws.db[t].exists()


def test_not_a_workspace(tmp_path):
    with pytest.raises(WorkspaceError):
        Workspace(tmp_path / "nothing")


def test_reingest_same_bytes_is_a_noop(ws, perbup_pdf, tmp_path):
    s1 = ws.ingest([perbup_pdf])
    assert s1.added == [str(perbup_pdf)]
    counts = {t: ws.db[t].count for t in ("documents", "pages", "passages")}
    copy = tmp_path / "copy-of-perbup.pdf"
    copy.write_bytes(perbup_pdf.read_bytes())
    s2 = ws.ingest([perbup_pdf, copy])
    assert s2.added == [] and len(s2.duplicates) == 2
    assert {t: ws.db[t].count for t in counts} == counts
    # Both submission paths are remembered for the one document.
    assert sorted(ws.documents()[0]["paths"]) == sorted([str(perbup_pdf), str(copy)])


def test_bad_file_is_recorded_and_the_batch_goes_on(ws, perbup_pdf, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage that is not a pdf")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    s = ws.ingest([bad, perbup_pdf, empty])
    assert s.added == [str(perbup_pdf)]
    kinds = {p: k for p, k, _ in s.errors}
    assert kinds[str(bad)] == "corrupt"
    assert kinds[str(empty)] == "empty"
    errs = ws.errors()
    assert {e["path"] for e in errs} == {str(bad), str(empty)}
    assert all("broken.pdf" in e["detail"] or "empty.txt" in e["detail"] for e in errs)


def test_passages_keep_provenance(ws, perbup_pdf):
    ws.ingest([perbup_pdf])
    rows = list(ws.db.query("select * from passages where text like '%Arsitektur SPBE Daerah memuat%'"))
    assert rows, "the Pasal 5 passage is stored"
    r = rows[0]
    assert r["legal_unit"] == "Pasal 5 ayat (1)"
    assert r["x0"] is not None and r["x0"] < r["x1"] and r["y0"] < r["y1"]
    page = ws.db["pages"].get((r["doc_sha256"], r["page"]))
    assert " ".join(page["text"][r["char_start"]:r["char_end"]].split()) == r["text"]
    boxes = decode_boxes(page["char_boxes"])
    assert len(boxes) == len(page["text"])


def test_box_codec_roundtrip():
    boxes = [(1.0, 2.0, 3.0, 4.0), None, (5.5, 6.5, 7.5, 8.5)]
    assert decode_boxes(encode_boxes(boxes)) == boxes
    assert decode_boxes(encode_boxes([])) is None


def test_map_links_every_proposed_level_and_keeps_decisions(ws, perbup_pdf):
    ws.ingest([perbup_pdf])
    run1 = ws.map()
    res = ws.results()
    assert res["run"]["id"] == run1
    assert len(res["indicators"]) == 47
    proposed = [i for i in res["indicators"] if i["level"]]
    assert proposed, "the SPBE perbup supports at least one indicator"
    for ind in proposed:
        assert ind["links"], f"indicator {ind['id']} has a level but no evidence link"
        for lk in ind["links"]:
            assert lk["page"] >= 1 and lk["char_end"] > lk["char_start"] and lk["quote"]
            assert lk["bbox"] is not None
    assert set(res["gaps"]) == {i["id"] for i in res["indicators"] if i["level"] is None}
    # A decision recorded by a person survives a re-run untouched.
    ws.db["decisions"].insert({"framework": "spbe-2020", "indicator": proposed[0]["id"], "proposal_id": f"{run1}:1",
                               "action": "override", "level": 2, "reason": "uji", "user": "asesor", "at": "now"})
    run2 = ws.map()
    assert run2 != run1
    assert ws.db["decisions"].count == 1
    assert list(ws.db.query("select level, reason from decisions"))[0] == {"level": 2, "reason": "uji"}
    assert ws.results()["run"]["id"] == run2


def test_workspace_is_plain_sqlite(ws, perbup_txt):
    ws.ingest([perbup_txt])
    con = sqlite3.connect(ws.path / "workspace.sqlite")
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert con.execute("select value from meta where key='schema_version'").fetchone()[0] == "1"
