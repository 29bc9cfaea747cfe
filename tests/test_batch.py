"""Batch runs over whole archives (evidence_mapper.batch): filing read from paths, one writer,
per-region proposals and ranking, resumable stages, bad files listed, engines agree."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from evidence_mapper.classify import get_scorer

from conftest import PERBUP_TEXT, SAMPLE, make_pdf
from evidence_mapper.batch import BatchOptions, read_filing, run_batch
from evidence_mapper.batch.layout import filing_of
from evidence_mapper.classify.baseline import BaselineScorer
from evidence_mapper.store import Workspace, WorkspaceError

SE_TEXT = """SURAT EDARAN WALI KOTA {name}
NOMOR 800/{n}/Diskominfo/2024
TENTANG
PENGGUNAAN APLIKASI UMUM BIDANG KEARSIPAN DINAMIS (SRIKANDI)
Dalam rangka penyelenggaraan Sistem Pemerintahan Berbasis Elektronik, seluruh perangkat daerah
menggunakan aplikasi umum SRIKANDI untuk pengelolaan arsip dinamis dan tata naskah dinas elektronik.
Kepala Dinas Komunikasi dan Informatika melakukan pemantauan penggunaan aplikasi setiap triwulan.
"""


# -- the archive the tests use ------------------------------------------------------------
def make_archive(root: Path) -> Path:
    """Two regions, two years, indicator folders, a ZIP per indicator folder, the same bytes
    under two regions, a misfiled document and a few bad files. Text only (no OCR): fast."""
    arc = root / "arsip"
    a = arc / "2024" / "Kabupaten Sukamaju"
    (a / "Indikator 01").mkdir(parents=True)
    shutil.copy(SAMPLE / "perbup_spbe_2023.pdf", a / "Indikator 01" / "perbup_spbe.pdf")
    (a / "Indikator 10").mkdir()
    shutil.copy(SAMPLE / "sk_tim_koordinasi_spbe_2024.pdf", a / "Indikator 10" / "sk_tim.pdf")
    shutil.copy(SAMPLE / "berita_kegiatan_spbe.txt", a / "berita.txt")
    (a / "kosong.pdf").write_bytes(b"")
    (a / "rusak.pdf").write_bytes((SAMPLE / "sop_pengelolaan_pusat_data.pdf").read_bytes()[:3000])
    b = arc / "2025" / "KOTA CONTOH"
    (b / "Indikator 37").mkdir(parents=True)
    for k in range(2):
        (b / "Indikator 37" / f"se_{k}.txt").write_text(SE_TEXT.format(name="CONTOH", n=40 + k), encoding="utf-8")
    # an SPBE regulation filed under indicator 37 (records management): misfiled
    make_pdf(b / "Indikator 37" / "perwali.pdf", [PERBUP_TEXT.replace("BUPATI", "WALI KOTA")[:1500]])
    shutil.copy(SAMPLE / "berita_kegiatan_spbe.txt", b / "berita_sama.txt")  # same bytes as region A's
    with zipfile.ZipFile(b / "Indikator 16.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(SAMPLE / "sop_pengelolaan_pusat_data.pdf", "Indikator 16/sop_pusat_data.pdf")
        z.writestr("../../keluar.txt", "jalur berbahaya")
        z.writestr("Indikator 16/acak.pdf", os.urandom(2048))
    return arc


def canonical(ws_path: Path) -> dict:
    """The workspace's content without ids and timestamps: what an uninterrupted run and a
    resumed one must share."""
    ws = Workspace(ws_path)
    q = lambda sql, *a: [tuple(r.values()) for r in ws.db.query(sql, list(a))]  # noqa: E731
    out = {
        "documents": q("select sha256, media_type, size, pages, text_pages, ocr_pages, doc_type, number, year, title, "
                       "issuer, region, status, meta_json, notes, ingest_version from documents order by sha256"),
        "pages": q("select doc_sha256, number, text, source, hex(char_boxes) from pages order by doc_sha256, number"),
        "passages": q("select id, doc_sha256, page, char_start, char_end, text, section, legal_unit from passages "
                      "order by id"),
        "files": q("select path, sha256 from files order by path"),
        "submissions": q("select path, source_sha256, sha256, region, year, indicator, status, error_kind "
                         "from submissions order by path"),
        "errors": q("select path, kind, detail from ingest_errors order by path, kind"),
        "stages": q("select sha256, stage, version, result_json from stage_results order by sha256, stage"),
        "proposals": q("select json_extract(r.params_json, '$.region'), json_extract(r.params_json, '$.year'), "
                       "p.indicator, p.level, p.state, p.confidence from proposals p join runs r on r.id = p.run_id "
                       "where json_extract(r.params_json, '$.batch') order by 1, 2, 3"),
        "links": q("select json_extract(r.params_json, '$.region'), p.indicator, l.criterion_id, l.passage_id "
                   "from evidence_links l join proposals p on p.id = l.proposal_id join runs r on r.id = p.run_id "
                   "order by 1, 2, 3, 4"),
        "passage_scores": q("select json_extract(r.params_json, '$.region'), s.passage_id, s.indicator, s.score "
                            "from passage_scores s join runs r on r.id = s.run_id order by 1, 2, 3"),
        "batch_runs": q("select json_extract(params_json, '$.batch_key'), count(*) from runs "
                        "group by 1 order by 1"),
    }
    ws.close()
    return out


def assert_no_duplicates(ws_path: Path) -> None:
    ws = Workspace(ws_path)
    db = ws.db
    assert not list(db.query("select path from ingest_errors group by path, kind having count(*) > 1"))
    assert not list(db.query("select json_extract(params_json, '$.batch_key') k from runs group by k "
                             "having count(*) > 1"))
    # every document is whole: its pages and passages are there
    for d in db.query("select sha256, pages from documents"):
        assert db["pages"].count_where("doc_sha256 = ?", [d["sha256"]]) == d["pages"]
    ws.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_archive(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def serial_run(archive, tmp_path_factory):
    ws_path = tmp_path_factory.mktemp("ws") / "ws"
    ws = Workspace.init(ws_path)
    rep = run_batch(ws, [str(archive)], BatchOptions(engine="serial", progress="none"))
    ws.close()
    return ws_path, rep


# -- filing from paths --------------------------------------------------------------------
@pytest.mark.parametrize("path, region, year, indicator", [
    ("2024/Kota Bandar Lampung/Indikator 08/sk.pdf", "Kota Bandar Lampung", 2024, 8),
    ("KAB. DEMAK/Tahun 2023/I-08 Arsitektur/a.zip/b.pdf", "Kabupaten Demak", 2023, 8),
    ("Kabupaten Sukamaju/2025/perbup.pdf", "Kabupaten Sukamaju", 2025, None),
    ("2025/Pemkot Contoh/Indikator 47/x.pdf", "Kota Contoh", 2025, 47),
    ("2025/Kabupaten Contoh/Indikator 99/x.pdf", "Kabupaten Contoh", 2025, None),  # no indicator 99
    ("Sukamaju/08 Kebijakan Keamanan/x.pdf", "Sukamaju", None, 8),
    ("lepas.pdf", None, None, None),
])
def test_filing_read_from_path(path, region, year, indicator):
    f = filing_of(path, "")
    assert (f.region, f.year, f.indicator) == (region, year, indicator)


def test_filing_below_archive_root():
    f = filing_of("/data/arsip/2024/Kota X/Indikator 3/a.pdf", "/data/arsip")
    assert (f.region, f.year, f.indicator) == ("Kota X", 2024, 3)
    assert read_filing(["2024", "KOTA BANDAR LAMPUNG"]).region == "Kota Bandar Lampung"


# -- one run ------------------------------------------------------------------------------
def test_batch_regions_ranking_and_report(serial_run):
    ws_path, rep = serial_run
    regions = {(r["region"], r["year"]): r for r in rep["regions"]}
    assert set(regions) == {("Kabupaten Sukamaju", 2024), ("Kota Contoh", 2025)}
    assert [r["rank"] for r in rep["regions"]] == [1, 2]
    assert rep["regions"][0]["index"] >= rep["regions"][1]["index"]
    for r in rep["regions"]:
        assert r["predicate"] and 1.0 <= r["index"] <= 5.0
    assert regions[("Kabupaten Sukamaju", 2024)]["documents"] == 3
    assert regions[("Kota Contoh", 2025)]["documents"] == 5  # 2 SE, perwali, shared berita, SOP from the ZIP
    # each region's run covers only its documents
    ws = Workspace(ws_path)
    for r in rep["regions"]:
        run_docs = {x["doc_sha256"] for x in ws.db.query("select doc_sha256 from doc_scores where run_id = ?",
                                                         [r["run_id"]])}
        sub_docs = {x["sha256"] for x in ws.db.query(
            "select sha256 from submissions where region = ? and status = 'ok'", [r["region"]])}
        assert run_docs and run_docs <= sub_docs
    # the shared bytes are one document under two paths and two regions
    berita = list(ws.db.query("select distinct sha256 from submissions where path like '%berita%'"))
    assert len(berita) == 1
    assert ws.db["files"].count_where("sha256 = ?", [berita[0]["sha256"]]) == 2
    sub = ws.db["submissions"].get(next(p for p in rep["archives"]) + "/2025/KOTA CONTOH/Indikator 16.zip"
                                   "/Indikator 16/sop_pusat_data.pdf")
    assert (sub["region"], sub["year"], sub["indicator"], sub["status"]) == ("Kota Contoh", 2025, 16, "ok")
    ws.close()
    # report: per-stage timings, rates, worker memory
    for stage in ("hash", "ingest", "nlp", "classify", "write", "map"):
        assert stage in rep["stages"]
    assert rep["stages"]["nlp"]["seconds"] > 0
    assert abs(sum(s["share"] for s in rep["stages"].values()) - 1.0) < 0.01
    assert rep["documents"] == 7 and rep["pages"] > 7  # the shared bytes are read once
    assert rep["workers_memory"] and all(w["peak_rss_mb"] > 10 for w in rep["workers_memory"].values())
    json.dumps(rep)  # machine-readable as it stands


def test_report_of_one_region_of_a_batch_workspace(serial_run):
    """A batch workspace holds several regions: a report names the one it is about, shows that
    region's run and documents, and refuses to guess which region was meant."""
    from typer.testing import CliRunner

    from evidence_mapper.cli import app

    ws_path, rep = serial_run
    ws = Workspace(ws_path)
    assert ws.run_regions() == ["Kabupaten Sukamaju", "Kota Contoh"]
    with pytest.raises(WorkspaceError, match="2 regions"):
        ws.results()
    with pytest.raises(WorkspaceError, match="no map run for region"):
        ws.results(region="Kota Lain")
    errs, news = [], 0
    for r in rep["regions"]:
        res = ws.results(region=r["region"])
        assert res["region"] == r["region"] and res["run"]["id"] == r["run_id"]
        for d in res["documents"]:  # why a document was set aside is kept with its scores
            assert isinstance(d["evidence_reasons"], list)
            if d["doc_type"] == "berita":
                assert "news" in d["evidence_reasons"] and not d["is_evidence"]
                news += 1
                from evidence_mapper.report import render
                assert '<div class="prov">berita</div>' in render(res, "html")  # the reason, in Indonesian
                assert "(news)" not in render(res, "md") and ": berita |" in render(res, "md")
        assert len(res["documents"]) == r["documents"]
        assert res["index"]["index"] == pytest.approx(r["index"], abs=0.01)
        assert len(res["errors"]) == r["errors"]  # its own bad files, not the archive's
        errs.extend(e["path"] for e in res["errors"])
    assert news == 2  # the shared news item, once in each region
    assert errs and sorted(errs) == sorted({e["path"] for e in ws.errors()} & set(errs))
    ws.close()
    runner = CliRunner()
    out = runner.invoke(app, ["report", str(ws_path), "-f", "json", "--region", "Kota Contoh"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["region"] == "Kota Contoh"
    out = runner.invoke(app, ["report", str(ws_path), "-f", "json"])
    assert out.exit_code != 0 and "--region" in out.output
    out = runner.invoke(app, ["gaps", str(ws_path), "--json", "--region", "Kabupaten Sukamaju"])
    assert out.exit_code == 0 and json.loads(out.stdout)["region"] == "Kabupaten Sukamaju"


def test_a_region_with_two_assessment_years_needs_the_year(serial_run, tmp_path):
    ws_path, rep = serial_run
    copy = tmp_path / "ws"
    shutil.copytree(ws_path, copy)
    ws = Workspace(copy)
    r = next(x for x in rep["regions"] if x["region"] == "Kota Contoh")
    shas = [x["doc_sha256"] for x in ws.db.query("select doc_sha256 from doc_scores where run_id = ?", [r["run_id"]])]
    later = ws.map(None, r["year"] + 1, shas=shas, region=r["region"],
                   params={"batch": True, "region": r["region"], "year": r["year"] + 1})
    with pytest.raises(WorkspaceError, match="2 assessment years"):
        ws.results(region="Kota Contoh")
    assert ws.results(region="Kota Contoh", year=r["year"])["run"]["id"] == r["run_id"]
    assert ws.results(region="Kota Contoh", year=r["year"] + 1)["run"]["id"] == later
    with pytest.raises(WorkspaceError, match="years here"):
        ws.results(region="Kota Contoh", year=1999)
    ws.close()


def test_bad_files_listed_with_reason(serial_run):
    _, rep = serial_run
    errs = {e["path"].split("/arsip/", 1)[1]: e for e in rep["errors"]}
    assert errs["2024/Kabupaten Sukamaju/kosong.pdf"]["kind"] == "empty"
    assert errs["2024/Kabupaten Sukamaju/rusak.pdf"]["kind"] in {"corrupt", "empty"}
    assert errs["2025/KOTA CONTOH/Indikator 16.zip/../../keluar.txt"]["kind"] == "unsafe"
    assert errs["2025/KOTA CONTOH/Indikator 16.zip/Indikator 16/acak.pdf"]["kind"] == "unsupported"
    assert len(errs) == 4
    for e in rep["errors"]:
        assert e["path"] and e["kind"]


def test_filing_disagreement_reported(serial_run):
    _, rep = serial_run
    dis = {d["path"].rsplit("/", 1)[1]: d for d in rep["filing_disagreements"]}
    assert set(dis) == {"perwali.pdf"}
    assert dis["perwali.pdf"]["folder_indicator"] == 37
    assert dis["perwali.pdf"]["folder_score"] < 0.3
    assert 37 not in [t["indicator"] for t in dis["perwali.pdf"]["model_top"]]
    by_region = {r["region"]: r for r in rep["regions"]}
    assert by_region["Kota Contoh"]["filing_disagreements"] == 1
    assert by_region["Kota Contoh"]["filed_under_indicator"] == 4  # 2 SE, perwali, the SOP in the ZIP
    assert by_region["Kabupaten Sukamaju"]["filing_disagreements"] == 0


def test_rerun_skips_done_work_and_adds_nothing(serial_run, archive, tmp_path):
    ws_path, first = serial_run
    copy = tmp_path / "ws"
    shutil.copytree(ws_path, copy)
    before = canonical(copy)
    ws = Workspace(copy)
    rep = run_batch(ws, [str(archive)], BatchOptions(engine="serial", progress="none"))
    ws.close()
    assert rep["files_processed"] == 0 and rep["files_skipped_done"] == rep["files"]
    key = lambda rows: [(r["region"], r["year"], r["run_id"], r["index"], r["documents"]) for r in rows]  # noqa: E731
    assert len(rep["regions"]) == 2 and key(rep["regions"]) == key(first["regions"])  # the same runs, reused
    assert canonical(copy) == before
    assert len(rep["errors"]) == 4  # still listed, from the workspace


def test_new_model_version_reruns_only_classification(serial_run, archive, tmp_path, monkeypatch):
    ws_path, _ = serial_run
    copy = tmp_path / "ws"
    shutil.copytree(ws_path, copy)
    before = canonical(copy)
    scorer = get_scorer("spbe-2020")  # the scorer in use (trained models when shipped, else the baseline)
    if hasattr(scorer, "_model_id"):
        monkeypatch.setattr(scorer, "_model_id", scorer.model_id + "-next")
    else:
        monkeypatch.setattr(BaselineScorer, "version", BaselineScorer.version + "-next")
    ws = Workspace(copy)
    rep = run_batch(ws, [str(archive)], BatchOptions(engine="serial", progress="none"))
    runs = ws.db["runs"].count
    ws.close()
    after = canonical(copy)
    assert rep["files_processed"] == 0 and rep["reanalyzed"] == 0
    assert rep["reclassified"] == 7  # the documents with passages
    assert after["documents"] == before["documents"] and after["passages"] == before["passages"]
    assert runs == 4  # one new run per region, the old ones kept
    assert {s for s in after["stages"] if s[1].startswith("classify")} > {s for s in before["stages"]
                                                                       if s[1].startswith("classify")}


def test_new_nlp_version_reanalyzes_from_stored_pages(serial_run, archive, tmp_path, monkeypatch):
    import dataclasses

    from evidence_mapper.pipeline import runner

    ws_path, _ = serial_run
    copy = tmp_path / "ws"
    shutil.copytree(ws_path, copy)
    before = canonical(copy)
    monkeypatch.setitem(runner.STAGE, "nlp", dataclasses.replace(runner.STAGE["nlp"], version="test-next"))
    ws = Workspace(copy)
    rep = run_batch(ws, [str(archive)], BatchOptions(engine="serial", progress="none"))
    ws.close()
    after = canonical(copy)
    assert rep["files_processed"] == 0 and rep["reanalyzed"] == 7  # every document, read from its stored pages
    assert not [e for e in rep["errors"] if e["kind"] == "conflict"]
    assert after["pages"] == before["pages"]  # ingest not repeated
    assert after["passages"] == before["passages"]  # same segmenter: same passages


# -- engines agree ------------------------------------------------------------------------
@pytest.mark.slow
def test_process_pool_equals_serial(serial_run, archive, tmp_path):
    ws_path, _ = serial_run
    ws = Workspace.init(tmp_path / "ws")
    rep = run_batch(ws, [str(archive)], BatchOptions(engine="local", workers=2, progress="none"))
    ws.close()
    assert rep["engine"] == "local" and rep["workers"] == 2
    assert os.getpid() not in {int(k.split(":")[1]) for k in rep["workers_memory"]}  # ran in workers
    a, b = canonical(ws_path), canonical(tmp_path / "ws")
    for k in a:
        if k != "batch_runs":
            assert a[k] == b[k], k


def test_dask_local_cluster_reads_fsspec_memory_archive(serial_run, archive, tmp_path):
    pytest.importorskip("dask.distributed")
    import fsspec

    fs = fsspec.filesystem("memory")
    tag = hashlib.sha1(str(tmp_path).encode()).hexdigest()[:8]
    for f in archive.rglob("*"):
        if f.is_file():
            fs.pipe(f"/arsip-{tag}/{f.relative_to(archive).as_posix()}", f.read_bytes())
    ws = Workspace.init(tmp_path / "ws")
    rep = run_batch(ws, [f"memory://arsip-{tag}"], BatchOptions(engine="dask", workers=1, dask_processes=False,
                                                                  progress="none"))
    ws.close()
    assert rep["engine"] == "dask"
    a, b = canonical(serial_run[0]), canonical(tmp_path / "ws")
    for k in ("documents", "passages", "proposals"):
        assert a[k] == b[k], k
    strip = lambda rows: sorted((re.sub(r"^.*?arsip[^/]*", "", r[0]),) + tuple(r[1:]) for r in rows)  # noqa: E731
    assert strip(a["submissions"]) == strip(b["submissions"])
    assert len(rep["errors"]) == 4


def test_second_writer_on_the_same_workspace_is_refused(tmp_path, archive):
    from evidence_mapper.batch.run import BatchLocked, _lock

    ws = Workspace.init(tmp_path / "ws")
    held = _lock(ws)
    try:
        with pytest.raises(BatchLocked):
            run_batch(ws, [str(archive)], BatchOptions(engine="serial", progress="none"))
    finally:
        held.close()
    ws.close()


def _die_on_three(task: dict) -> int:
    if task["n"] == 3:
        os._exit(9)  # a worker killed under its task, as by a native crash or the OOM killer
    return task["n"] * 10


@pytest.mark.slow
def test_pool_survives_a_worker_dying(tmp_path):
    from evidence_mapper.batch.engines import PoolEngine

    eng = PoolEngine(workers=2, max_tasks_per_child=2)
    try:
        out = {t["n"]: r for t, r in eng.run(_die_on_three, ({"n": n} for n in range(8)))}
    finally:
        eng.close()
    assert sorted(out) == list(range(8))
    assert isinstance(out[3], RuntimeError) and "died on this file" in str(out[3])
    assert {n: r for n, r in out.items() if n != 3} == {n: n * 10 for n in range(8) if n != 3}


def test_rich_progress_on_a_terminal():
    import io

    from evidence_mapper.batch.progress import Progress

    buf = io.StringIO()
    p = Progress("rich", stream=buf)
    p.start(4)
    p.file_done(2, 7, 1)
    p.close()
    text = buf.getvalue()
    assert "7 pages" in text and "1 errors" in text and "docs/min" in text


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_plain_progress_counts_the_ocr_pages_the_report_counts(tmp_path, capsys):
    from PIL import Image, ImageDraw, ImageFont

    arc = tmp_path / "arsip" / "2024" / "Kabupaten Sukamaju" / "Indikator 10"
    arc.mkdir(parents=True)
    img = Image.new("L", (1240, 700), 255)
    d = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 34)
    except OSError:
        font = ImageFont.load_default(size=34)
    for k, line in enumerate(["KEPUTUSAN BUPATI SUKAMAJU", "TENTANG PEMBENTUKAN TIM KOORDINASI",
                              "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK"]):
        d.text((60, 80 + 70 * k), line, fill=0, font=font)
    img.save(arc / "sk_tim_pindaian.pdf", resolution=150)
    shutil.copy(SAMPLE / "berita_kegiatan_spbe.txt", arc / "berita.txt")
    ws = Workspace.init(tmp_path / "ws")
    rep = run_batch(ws, [str(tmp_path / "arsip")], BatchOptions(engine="serial", progress="plain", lang="en"))
    err = capsys.readouterr().err
    assert rep["ocr_pages"] == 1
    last = [ln for ln in err.splitlines() if "OCR" in ln][-1]
    assert re.search(r"\(OCR 1\)", last), last
