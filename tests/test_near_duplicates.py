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
