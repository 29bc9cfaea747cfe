"""Review library and command line: queue order, decisions, audit trail, re-runs, export."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import sample_workspace  # noqa: E402
from conftest import PERBUP_TEXT, make_pdf  # noqa: E402

from evidence_mapper.cli import app  # noqa: E402
from evidence_mapper.frameworks import load_framework  # noqa: E402
from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.core import Actor, PermissionDenied, ReviewError  # noqa: E402
from evidence_mapper.review.pages import page_png  # noqa: E402
from evidence_mapper.score import compute_index  # noqa: E402

ANA = Actor("ana", "assessor")
BUDI = Actor("budi", "assessor")
WIL = Actor("wilayah", "region", "Kabupaten Sukamaju")


@pytest.fixture
def ws(tmp_path_factory):
    w = core.open_workspace(sample_workspace(tmp_path_factory, "review"))
    yield w
    w.close()


def test_uncertainty_is_highest_at_a_coin_toss():
    assert core.uncertainty(0.5) == 1.0
    assert core.uncertainty(1.0) == 0.0
    assert core.uncertainty(0.0) == 0.0
    assert core.uncertainty(None) == 0.0
    assert core.uncertainty(0.75) == 0.5
    # passage scores pull a confident proposal with a lukewarm best passage up
    assert core.uncertainty(1.0, [0.5]) == pytest.approx(0.3)
    assert core.uncertainty(0.6, [0.9]) > core.uncertainty(0.9, [0.9])


def test_queue_most_uncertain_first_with_progress(ws):
    r = ws.results()
    q = core.review_queue(ws, r, user="ana")
    assert q["total"] == len(r["indicators"]) == 47
    assert q["reviewed"] == 0 and len(q["items"]) == 47
    u = [row["uncertainty"] for row in q["items"]]
    assert u == sorted(u, reverse=True) and u[0] > u[-1]
    first = q["items"][0]["id"]
    core.decide(ws, ANA, r, first, "accept") if q["items"][0]["level"] else core.decide(
        ws, ANA, r, first, "override", level=1, reason="tidak ada bukti")
    q2 = core.review_queue(ws, r, user="ana")
    assert q2["reviewed"] == 1
    assert first not in [row["id"] for row in q2["items"]]
    # a custom scorer (e.g. a trained model) reorders the queue
    q3 = core.review_queue(ws, r, score=lambda c, ps: float(-(c or 0)))
    confs = [row["confidence"] or 0 for row in q3["items"]]
    assert confs == sorted(confs)


def test_decisions_need_reasons_and_the_right_role(ws):
    r = ws.results()
    ind = next(i for i in r["indicators"] if i["level"])
    with pytest.raises(ReviewError, match="reason"):
        core.decide(ws, ANA, r, ind["id"], "reject")
    with pytest.raises(ReviewError, match="reason"):
        core.decide(ws, ANA, r, ind["id"], "override", level=2, reason="  ")
    with pytest.raises(ReviewError, match="level"):
        core.decide(ws, ANA, r, ind["id"], "override", level=9, reason="x")
    with pytest.raises(PermissionDenied):
        core.decide(ws, WIL, r, ind["id"], "accept")
    with pytest.raises(PermissionDenied):
        core.comment(ws, WIL, r, ind["id"], "halo")
    gap = next(i for i in r["indicators"] if not i["level"])
    with pytest.raises(ReviewError, match="no proposed level"):
        core.decide(ws, ANA, r, gap["id"], "accept")
    assert ws.db["decisions"].count == 0 and ws.db["audit_events"].count == 0


def test_every_decision_is_an_event_with_before_after_run_model_and_evidence(ws):
    r = ws.results()
    ind = next(i for i in r["indicators"] if i["level"] and i["level"] < 5)
    e1 = core.decide(ws, ANA, r, ind["id"], "accept")
    e2 = core.decide(ws, ANA, r, ind["id"], "override", level=ind["level"] + 1, reason="SK sudah ditetapkan")
    trail = core.audit_trail(ws, "spbe-2020", ind["id"])
    assert [e["id"] for e in trail] == [e1["id"], e2["id"]]
    t2 = trail[1]
    assert t2["user"] == "ana" and t2["role"] == "assessor" and t2["action"] == "override"
    assert t2["run_id"] == r["run"]["id"] and t2["model"] == r["run"]["model"]
    assert t2["proposal_id"] == f"{r['run']['id']}:{ind['id']}"
    assert t2["evidence_hashes"] == core.evidence_hashes(ind) and t2["evidence_hashes"]
    assert all(h.split(":")[0] in {lk["doc_sha256"] for c in ind["criteria"] for lk in c["links"]}
               for h in t2["evidence_hashes"])
    assert t2["before"]["state"] == "reviewed" and t2["before"]["level"] == ind["level"]
    assert t2["after"]["review"]["level"] == ind["level"] + 1 and t2["reason"] == "SK sudah ditetapkan"
    # the machine proposal is untouched; decisions table holds both rows
    prop = ws.db["proposals"].get(f"{r['run']['id']}:{ind['id']}")
    assert prop["level"] == ind["level"]
    assert [d["action"] for d in ws.db.query("select action from decisions order by id")] == ["accept", "override"]


def test_audit_and_decisions_are_append_only(ws):
    r = ws.results()
    ind = next(i for i in r["indicators"] if i["level"])
    core.decide(ws, ANA, r, ind["id"], "accept")
    for sql in ("update audit_events set level = 5", "delete from audit_events",
                "update decisions set level = 5", "delete from decisions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ws.db.execute(sql)
    assert ws.db["audit_events"].count == 1 and ws.db["decisions"].count == 1


def test_second_assessor_disagreement_goes_to_reconciliation(ws):
    r = ws.results()
    ind = next(i for i in r["indicators"] if i["level"] and i["level"] < 5)
    core.decide(ws, ANA, r, ind["id"], "accept")
    core.decide(ws, BUDI, r, ind["id"], "override", level=ind["level"] + 1, reason="ada bukti baru")
    st = core.indicator_status(ws, r, ind["id"])
    assert st["state"] == "disagreement" and st["reviewers"] == ["ana", "budi"]
    assert [row["id"] for row in core.reconciliation_queue(ws, r)] == [ind["id"]]
    # the same level from both is agreement
    other = next(i for i in r["indicators"] if i["level"] and i["id"] != ind["id"])
    core.decide(ws, ANA, r, other["id"], "accept")
    core.decide(ws, BUDI, r, other["id"], "override", level=other["level"], reason="setuju")
    assert core.indicator_status(ws, r, other["id"])["state"] == "reviewed"
    # a reconciliation decision supersedes both
    admin = Actor("admin", "admin")
    core.decide(ws, admin, r, ind["id"], "override", level=ind["level"], reason="rapat", resolves=True)
    st = core.indicator_status(ws, r, ind["id"])
    assert st["state"] == "reviewed" and st["level"] == ind["level"] and st["reviewers"] == ["admin"]
    assert core.reconciliation_queue(ws, r) == []


def test_rerunning_map_keeps_decisions_and_flags_changed_evidence(ws, tmp_path):
    r1 = ws.results()
    for ind in r1["indicators"]:
        if ind["level"]:
            core.decide(ws, ANA, r1, ind["id"], "accept")
        else:
            core.decide(ws, ANA, r1, ind["id"], "override", level=1, reason="tanpa bukti")
    n = ws.db["decisions"].count
    before = {row["id"]: row["review"]["state"] for row in core.board(ws, r1)}
    assert set(before.values()) == {"reviewed"}
    # same documents, same model: nothing to re-review
    ws.map()
    r2 = ws.results()
    assert r2["run"]["id"] != r1["run"]["id"]
    assert {row["review"]["state"] for row in core.board(ws, r2)} == {"reviewed"}
    # a new document of the same region changes some indicators' evidence: only those are flagged
    # (a region's own regulation: another issuer's would not count at all)
    lines = PERBUP_TEXT.replace("CONTOH", "SUKAMAJU").replace("Contoh", "Sukamaju").splitlines()
    ws.ingest([make_pdf(tmp_path / "perbup_baru.pdf", ["\n".join(lines[:30]), "\n".join(lines[30:])])])
    ws.map()
    r3 = ws.results()
    old = {i["id"]: core.evidence_hashes(i) for i in r1["indicators"]}
    new = {i["id"]: core.evidence_hashes(i) for i in r3["indicators"]}
    changed = {k for k in old if old[k] != new[k]}
    assert changed, "the new document should change some indicator's evidence"
    states = {row["id"]: row["review"]["state"] for row in core.board(ws, r3)}
    assert {k for k, s in states.items() if s == "stale"} == changed
    assert ws.db["decisions"].count == n
    q = core.review_queue(ws, r3, user="ana")
    assert {row["id"] for row in q["items"]} == changed
    # re-deciding on the new evidence clears the flag
    k = sorted(changed)[0]
    ind = core.indicator_of(r3, k)
    core.decide(ws, ANA, r3, k, "accept") if ind["level"] else core.decide(ws, ANA, r3, k, "override", level=1,
                                                                            reason="x")
    assert core.indicator_status(ws, r3, k)["state"] == "reviewed"


def test_export_writes_decisions_final_levels_and_index(ws, tmp_path):
    r = ws.results()
    fw = load_framework("spbe-2020")
    ind = next(i for i in r["indicators"] if i["level"] and i["level"] < 5)
    core.decide(ws, ANA, r, ind["id"], "override", level=5, reason="bukti lengkap")
    core.comment(ws, ANA, r, ind["id"], "cek lagi SK")
    paths = core.export(ws, r, tmp_path / "exp")
    csv_text = paths["csv"].read_text(encoding="utf-8")
    assert "bukti lengkap" in csv_text and "cek lagi SK" in csv_text
    events = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert [e["action"] for e in events] == ["override", "comment"]
    final = json.loads(paths["final"].read_text(encoding="utf-8"))
    lv = {x["indicator"]: x for x in final["levels"]}
    assert lv[ind["id"]]["final_level"] == 5 and lv[ind["id"]]["source"] == "review"
    assert final["reviewed"] == 1
    expected = compute_index(fw, {k: v["final_level"] for k, v in lv.items()}, missing_as=fw.scale_min).to_json()
    assert final["index"]["index"] == expected["index"]
    assert final["index"]["index"] > r["index"]["index"]


def test_added_evidence_and_originals(ws):
    r = ws.results()
    pdf = next(d for d in r["documents"] if d["media_type"] == "application/pdf")
    assert (ws.path / "files" / pdf["sha256"]).is_file()
    p = next(ws.db.query("select * from passages where doc_sha256 = ? and x0 is not null limit 1", [pdf["sha256"]]))
    e = core.add_evidence(ws, ANA, r, 3, doc_sha256=pdf["sha256"], passage_id=p["id"], note="lihat ini")
    assert e["payload"]["bbox"] == [p["x0"], p["y0"], p["x1"], p["y1"]]
    e2 = core.add_evidence(ws, ANA, r, 3, doc_sha256=pdf["sha256"], page=p["page"], char_start=p["char_start"],
                           char_end=p["char_start"] + 20)
    page_text = ws.db["pages"].get((pdf["sha256"], p["page"]))["text"]
    want = page_text[p["char_start"]:p["char_start"] + 20]
    assert want.strip() and e2["payload"]["quote"] == want  # exactly the selected characters of the page
    assert e2["payload"]["bbox"] is not None
    assert len(core.added_evidence(ws, "spbe-2020", 3)) == 2
    with pytest.raises(ReviewError):
        core.add_evidence(ws, ANA, r, 3, doc_sha256="0" * 64)


def test_page_images_from_pdf_and_from_text(ws):
    from PIL import Image

    docs = {d["media_type"]: d for d in ws.documents()}
    pdf, txt = docs["application/pdf"], docs["text/plain"]
    png = page_png(ws, pdf["sha256"], 1)
    with Image.open(png) as im:
        w, h = im.size
    row = ws.db["pages"].get((pdf["sha256"], 1))
    assert abs(w / h - row["width"] / row["height"]) < 0.01
    assert png.parent == ws.path / "cache" / "pages"
    png2 = page_png(ws, txt["sha256"], 1)
    with Image.open(png2) as im:
        assert im.getextrema() != ((255, 255), (255, 255), (255, 255))  # text was drawn


def test_cli_users_review_and_export(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "review-cli")
    runner = CliRunner()
    res = runner.invoke(app, ["users", "add", str(path), "citra", "--role", "assessor", "--password-stdin"],
                        input="kata-sandi-panjang\n")
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["users", "add", str(path), "x", "--role", "boss", "--password-stdin"],
                        input="kata-sandi-panjang\n")
    assert res.exit_code != 0
    res = runner.invoke(app, ["review", str(path), "--user", "wilayah"])
    assert res.exit_code != 0 and "may not decide" in res.output
    # accept, reject without then with a reason, override, skip, quit
    res = runner.invoke(app, ["review", str(path), "--user", "citra"],
                        input="a\nr\n\nr\nbukti tidak relevan\no\n4\nSK ditetapkan 2024\ns\nq\n")
    assert res.exit_code == 0, res.output
    assert "Kemajuan: 0 dari 47" in res.output and "ditolak" in res.output
    assert "selesai: 1 diterima, 1 ditolak, 1 diubah, 0 komentar, 1 dilewati" in res.output
    ws = core.open_workspace(path)
    acts = [(e["user"], e["action"], e["level"], e["reason"]) for e in core.audit_trail(ws, "spbe-2020")]
    ws.close()
    assert [a[1] for a in acts] == ["accept", "reject", "override"]
    assert acts[2][2:] == (4, "SK ditetapkan 2024") and acts[1][3] == "bukti tidak relevan"
    res = runner.invoke(app, ["review", "export", str(path), "-o", str(path / "out")])
    assert res.exit_code == 0, res.output
    final = json.loads((path / "out" / "final.json").read_text(encoding="utf-8"))
    assert final["reviewed"] == 3


def test_originals_of_archive_members_are_kept(tmp_path):
    import zipfile

    from evidence_mapper.store import Workspace

    lines = PERBUP_TEXT.splitlines()
    pdf = make_pdf(tmp_path / "perbup.pdf", ["\n".join(lines[:30]), "\n".join(lines[30:])])
    arc = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(arc, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(pdf, "dokumen/perbup.pdf")
    ws = Workspace.init(tmp_path / "ws")
    s = ws.ingest([arc])
    assert s.added == [f"{arc}/dokumen/perbup.pdf"]
    sha = next(ws.db.query("select sha256 from documents"))["sha256"]
    kept = ws.path / "files" / sha
    assert kept.read_bytes() == pdf.read_bytes()
    ws.close()
