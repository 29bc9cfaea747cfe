"""The same text under different bytes (re-export, other line breaks, uploaded under two
indicator folders) is one document in the results and reports: all paths, counted once."""

from __future__ import annotations

from conftest import PERBUP_TEXT
from evidence_mapper.report import render
from evidence_mapper.store import Workspace


def test_same_text_other_bytes_shown_once(tmp_path):
    a = tmp_path / "Indikator 01" / "perbup-spbe.txt"
    b = tmp_path / "Indikator 08" / "perbup spbe (scan ulang).txt"
    c = tmp_path / "lain.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(PERBUP_TEXT, encoding="utf-8")
    # other bytes: Windows line ends, doubled spaces, a trailing blank line
    b.write_bytes(("  " + PERBUP_TEXT.replace(" : ", "  :  ").replace("\n", "\r\n") + "\r\n\r\n").encode("utf-8"))
    c.write_text("Notulen rapat koordinasi tim SPBE tentang rencana aplikasi umum dan layanan pusat data. " * 5,
                 encoding="utf-8")
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Contoh", year=2024)
    s = ws.ingest([a, b, c])
    assert len(s.added) == 3  # different bytes: stored as two documents
    ws.map()
    r = ws.results()
    assert len(r["documents"]) == 2
    groups = r["near_duplicates"]
    assert len(groups) == 1 and groups[0]["paths"] == sorted([str(a), str(b)])
    kept = next(d for d in r["documents"] if d["sha256"] == groups[0]["document"])
    assert kept["paths"] == sorted([str(a), str(b)]) and len(kept["near_duplicates"]) == 1
    dup = kept["near_duplicates"][0]
    # no criterion is evidenced twice by the two copies
    for ind in r["indicators"]:
        for crit in ind["criteria"]:
            docs = [lk["doc_sha256"] for lk in crit["links"]]
            assert not (dup in docs and kept["sha256"] in docs)
    assert kept["indicators"] == sorted({i["id"] for i in r["indicators"] for lk in i["links"]
                                         if lk["doc_sha256"] in (kept["sha256"], dup)})
    html = render(r, "html")
    assert html.count(str(b)) == 1 and "salinan lain dengan teks yang sama" in html


def _dup_workspace(tmp_path, map_run=True):
    a = tmp_path / "Indikator 01" / "perbup-spbe.txt"
    b = tmp_path / "Indikator 08" / "perbup spbe (scan ulang).txt"
    c = tmp_path / "lain.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text(PERBUP_TEXT, encoding="utf-8")
    b.write_bytes(("  " + PERBUP_TEXT.replace("\n", "\r\n") + "\r\n").encode("utf-8"))
    c.write_text("Notulen rapat koordinasi tim SPBE tentang rencana aplikasi umum dan layanan pusat data. " * 5,
                 encoding="utf-8")
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Contoh", year=2024)
    assert len(ws.ingest([a, b, c]).added) == 3
    if map_run:
        ws.map()
    return ws, a, b


def test_document_list_folds_copies_without_a_run(tmp_path):
    from evidence_mapper.store.dedupe import fold_documents

    ws, a, b = _dup_workspace(tmp_path, map_run=False)
    docs = ws.documents()
    assert len(docs) == 3
    folded = fold_documents(ws.db, docs)
    assert len(folded) == 2
    kept = next(d for d in folded if d.get("copies"))
    assert kept["paths"] == sorted([str(a), str(b)])
    assert len(kept["copies"]) == 1 and kept["copies"][0]["sha256"] != kept["sha256"]
    assert kept["indicators"] is None  # no run: nothing evidenced yet
    assert not any(d.get("copies") for d in folded if d is not kept)


def test_review_documents_page_shows_a_group_once(tmp_path):
    import re

    from evidence_mapper.review import core
    from evidence_mapper.review.users import add_user
    from evidence_mapper.review.web import create_app

    ws, a, b = _dup_workspace(tmp_path)
    group = ws.results()["near_duplicates"][0]
    wsr = core.open_workspace(ws.path)
    add_user(wsr, "ana", "kata-sandi-panjang-1", "assessor")
    app = create_app(ws.path)
    app.config["TESTING"] = True
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"username": "ana", "password": "kata-sandi-panjang-1",
                                  "csrf_token": tok}).status_code == 302
    for lang, label in (("id", "Salinan dengan teks yang sama"), ("en", "Copies with the same text")):
        page = c.get(f"/documents?lang={lang}").text
        rows = re.findall(r'<tr data-sha="([0-9a-f]{64})">(.*?)</tr>', page, re.S)
        assert len(rows) == 2, [r[0][:8] for r in rows]  # three documents, one of them a copy
        shas = [s for s, _ in rows]
        assert group["document"] in shas and group["duplicates"][0] not in shas
        row = dict(rows)[group["document"]]
        assert str(a) in row and str(b) in row  # every path of the group
        assert label in row and group["duplicates"][0][:12] in row
        assert group["indicators"]
        if group["indicators"]:
            assert ", ".join(str(i) for i in group["indicators"]) in row
