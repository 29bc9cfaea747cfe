import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from _report_ws import sample_ws_path
from evidence_mapper.report import export, render
from evidence_mapper.report.oscal import validate_ar
from evidence_mapper.store import Workspace

UUID5 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return Workspace(sample_ws_path(tmp_path_factory)).results()


def test_xlsx_is_the_self_assessment_worksheet(results):
    wb = load_workbook(io.BytesIO(export(results, "xlsx")))
    assert wb.sheetnames == ["Penilaian Mandiri", "Ringkasan", "Kesenjangan"]
    ws = wb["Penilaian Mandiri"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["No", "Domain", "Aspek", "Indikator", "Bobot (%)", "Level usulan"]
    assert "Bukti dukung (dokumen, halaman)" in head and ws.freeze_panes == "A2"
    assert ws.max_row == 48 and ws.column_dimensions["D"].width >= 40
    by_id = {i["id"]: i for i in results["indicators"]}
    ev_col = head.index("Bukti dukung (dokumen, halaman)")
    for row in ws.iter_rows(min_row=2, values_only=True):
        ind = by_id[row[0]]
        assert row[5] == ind["level"]
        if ind["level"]:
            assert "hal." in row[ev_col]
    sm = {r[0]: r[1:] for r in wb["Ringkasan"].iter_rows(values_only=True) if r and r[0]}
    assert sm["Indeks (perkiraan)"][:2] == (results["index"]["index"], results["index"]["predicate"])
    en = load_workbook(io.BytesIO(export(results, "xlsx", "en")))
    assert en.sheetnames[0] == "Self-assessment"


def test_csv_one_row_per_indicator(results):
    rows = list(csv.reader(io.StringIO(render(results, "csv"))))
    assert rows[0][0] == "No" and len(rows) == 48
    assert [int(r[0]) for r in rows[1:]] == list(range(1, 48))


def test_oscal_is_deterministic_and_structurally_valid(results, tmp_path_factory, tmp_path):
    a = render(results, "oscal")
    assert a == render(Workspace(sample_ws_path(tmp_path_factory)).results(), "oscal")
    doc = json.loads(a)
    assert validate_ar(doc) == []
    ar = doc["assessment-results"]
    assert UUID5.match(ar["uuid"]) and ar["metadata"]["oscal-version"].startswith("1.")
    res = ar["results"][0]
    assert len(res["findings"]) == 47 and len(res["observations"]) == len(results["documents"])
    hashes = {h["value"] for rsc in ar["back-matter"]["resources"] for rl in rsc.get("rlinks", []) for h in rl["hashes"]}
    assert hashes == {d["sha256"] for d in results["documents"]}
    f1 = next(f for f in res["findings"] if f["target"]["target-id"] == "spbe-2020_ind-1")
    props = {p["name"]: p["value"] for p in f1["props"]}
    lvl = next(i["level"] for i in results["indicators"] if i["id"] == 1)
    assert props["proposed-level"] == str(lvl) and all(p["ns"].startswith("urn:") for p in f1["props"])
    # The CLI writes the same bytes on two runs.
    outs = []
    for n in (1, 2):
        p = tmp_path / f"ar{n}.json"
        subprocess.run([sys.executable, "-m", "evidence_mapper", "report", str(sample_ws_path(tmp_path_factory)),
                        "--format", "oscal", "-o", str(p)], check=True, env=os.environ.copy(), capture_output=True)
        outs.append(p.read_bytes())
    assert outs[0] == outs[1] == a.encode("utf-8")


def test_validator_catches_missing_required_fields(results):
    doc = json.loads(render(results, "oscal"))
    ar = doc["assessment-results"]
    del ar["metadata"]["title"]
    ar["results"][0]["findings"][0]["target"]["status"]["state"] = "maybe"
    ar["results"][0].pop("reviewed-controls")
    ar["metadata"]["last-modified"] = "yesterday"
    errs = validate_ar(doc)
    assert any("title" in e for e in errs) and any("state" in e for e in errs)
    assert any("reviewed-controls" in e for e in errs) and any("last-modified" in e for e in errs)


def test_charts_svg_png_and_html_inline(results, tmp_path_factory, tmp_path):
    svg = render(results, "gapmap-svg")
    assert svg.startswith("<svg") and svg == render(results, "gapmap-svg")
    assert "Peta kesenjangan bukti" in svg and "Kolaborasi Penerapan SPBE" in svg
    assert export(results, "gapmap-png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert render(results, "aspects-svg").startswith("<svg")
    html = render(results, "html")
    # the gap map inline; the chart against the official result only when there is one
    assert html.count("<svg") == 1 and "http://www.w3.org/2000/svg" in html
    assert results.get("baseline") is None and "Nilai aspek terhadap hasil resmi" not in html
    assert "src=\"http" not in html and "<link " not in html and "<script" not in html
    with pytest.raises(ValueError):
        render(results, "xlsx")  # binary: export() only
    out = tmp_path / "charts"
    r = subprocess.run([sys.executable, "-m", "evidence_mapper", "report", str(sample_ws_path(tmp_path_factory)),
                        "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--charts", str(out)],
                       env=os.environ.copy(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["aspects.png", "aspects.svg", "gapmap.png", "gapmap.svg"]
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
