"""The bundled sample as a 2026 submission: map, values, external indices, reports, gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidence_mapper.cli import app
from evidence_mapper.report import export, render
from evidence_mapper.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
EXPECTED = json.loads((ROOT / "corpus" / "sample-expected.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    path = tmp_path_factory.mktemp("pemdi") / "ws"
    res = runner.invoke(app, ["init", str(path), "--region", "Kabupaten Sukamaju", "--year", "2026"])
    assert res.exit_code == 0, res.output
    w = Workspace(path)
    assert w.config["framework"] == "pemdi-2026"  # --year 2026 picks the Pemdi instrument
    w.ingest([SAMPLE])
    w.map()
    return w


def test_new_documents_meet_their_pemdi_items(ws):
    r = ws.results()
    crit = {c["criterion_id"]: c for i in r["indicators"] for c in i["criteria"]}
    for e in (e for e in EXPECTED if e.get("pemdi_items")):
        for code in e["pemdi_items"]:
            c = crit[code]
            assert c["state"] == "met", (e["file"], code)
            assert any(Path(lk["doc_path"] or "").name == e["file"] for lk in c["links"]), (e["file"], code)
    docs = {Path(d["paths"][0]).name: d for d in r["documents"]}
    for e in EXPECTED:
        assert docs[e["file"]]["is_evidence"] == e.get("is_evidence_pemdi", e["is_evidence"]), e["file"]


def test_values_carry_their_basis_and_missing_indices_count_as_one(ws):
    r = ws.results()
    assert r["framework"]["id"] == "pemdi-2026" and r["index"]["from"] == "values"
    for i in r["indicators"]:
        b = i["value_basis"]
        assert 1.0 <= i["value"] <= 5.0 and b["arithmetic"]
        if b["source"] == "documents":
            counted = [it for it in b["items"] if it["counted"]]
            lo, hi = b["value_band"]
            share = sum(it["met"] for it in counted if it["level"] == b["deciding_level"]) / \
                sum(1 for it in counted if it["level"] == b["deciding_level"])
            assert i["value_exact"] == pytest.approx(5.0 if b["deciding_level"] == 5 and share == 1
                                                     else lo + (hi - lo) * share, abs=1e-4)
    assert len(r["pemdi"]["notes"]) >= 4  # SDI, SJIG, IPS, SDI interoperability not entered
    by_code = {i["code"]: i for i in r["indicators"]}
    assert by_code["3.1"]["value"] == 1.0 and by_code["7.2"]["value"] > 1.5


def test_external_indices_change_values_and_reports(ws, tmp_path):
    before = ws.results()["index"]["index"]
    res = runner.invoke(app, ["external", str(ws.path), "--sdi", "68.75", "--ikasandi", "2.9"])
    assert res.exit_code == 0, res.output
    assert "3.75" in res.output and "not entered (--sjig)" in res.output
    res = runner.invoke(app, ["external", str(ws.path), "--ips", "9"])
    assert res.exit_code == 1 and "outside" in res.output
    r = ws.results()
    by_code = {i["code"]: i for i in r["indicators"]}
    assert by_code["3.1"]["value"] == 3.75 and r["index"]["index"] > before
    assert not any("Satu Data" in n for n in r["pemdi"]["notes"])
    i12 = by_code["4.4"]["value_basis"]["items"]
    assert next(it for it in i12 if it["code"] == "I12-L1-02")["met"] == 1.0  # IKASANDI 2.9 >= 1.5
    html = render(r, "html")
    assert "I20-L2-01" in html and "68.75" in html and "dihitung bernilai 1,00" in html
    md = render(r, "md", lang="en")
    assert "Proposed Digital Government Index" in md and "`I8-L2-01`" in md
    data = json.loads(render(r, "json"))
    assert data["pemdi"]["externals"]["sdi"] == 68.75 and data["indicators"][0]["value_basis"]["items"]
    assert export(r, "xlsx")[:2] == b"PK"


def test_gaps_in_pemdi_terms(ws):
    res = runner.invoke(app, ["gaps", str(ws.path), "--json"])
    assert res.exit_code == 0, res.output
    g = json.loads(res.output)
    assert g["framework"] == "pemdi-2026" and g["target"]["value"] == 2.5
    codes = [m["criterion_id"] for row in g["indicators"] for m in row["missing"]]
    assert codes and all(c.startswith("I") and "-L" in c for c in codes)
    assert "I12-L1-02" not in codes  # IKASANDI entered
    row = next(x for x in g["indicators"] if x["code"] == "3.2")
    assert row["missing"][0]["kind"] == "index" and "--sjig" in row["missing"][0]["document"]
    text = runner.invoke(app, ["gaps", str(ws.path)]).output
    assert "belum diisi" in text and "[I" in text


def test_pemdi_result_table_imports_as_baseline(ws, tmp_path):
    vals = json.loads((ROOT / "tests" / "data" / "pemdi-assessor-values.json").read_text())["levels"]
    csv_file = tmp_path / "hasil.csv"
    csv_file.write_text("kode;indikator;nilai\n" + "".join(f"{k};x;{str(v).replace('.', ',')}\n"
                                                          for k, v in vals.items()), encoding="utf-8")
    from openpyxl import Workbook
    wb = Workbook()
    sh = wb.active
    sh.append(["Hasil Evaluasi Pemdi 2026"])
    sh.append(["No", "Kode", "Indikator", "Nilai"])
    for n, (k, v) in enumerate(vals.items(), 1):
        sh.append([n, k, "x", v])
    xlsx_file = tmp_path / "hasil.xlsx"
    wb.save(xlsx_file)
    json_file = tmp_path / "hasil.json"
    json_file.write_text(json.dumps({"region": "Kabupaten Sukamaju", "year": 2026, "values": vals}))
    for f in (csv_file, xlsx_file, json_file):
        res = runner.invoke(app, ["baseline", str(ws.path), str(f), "--year", "2026", "--json"])
        assert res.exit_code == 0, res.output
        out = json.loads(res.output)
        assert out["index"] == 1.24 and out["values"]["3"] == 1.26, f
    r = ws.results()
    assert r["baseline"]["index"] == 1.24 and r["baseline"]["values"]["13"] == 1.17
    assert "1.24" in render(r, "html")
    bad = tmp_path / "bad.csv"
    bad.write_text("kode;nilai\n1.1;7\n", encoding="utf-8")
    res = runner.invoke(app, ["baseline", str(ws.path), str(bad), "--year", "2026"])
    assert res.exit_code != 0 and "bad.csv" in res.output


def test_diff_from_spbe_shows_carried_over_and_new(ws):
    ws.map("spbe-2020", 2025)
    res = runner.invoke(app, ["diff", str(ws.path), "--against", "spbe-2020", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["cross_framework"] and d["from"]["framework"] == "spbe-2020" and d["to"]["framework"] == "pemdi-2026"
    rows = {r["code"]: r for r in d["indicators"]}
    assert rows["3.2"]["change"] == "new" and rows["1.1"]["change"] == "carried"
    assert any("PELINDUNGAN DATA PRIBADI" in x["title"] for x in d["documents"]["added"])
    assert d["documents"]["carried"]
    assert "PELINDUNGAN DATA PRIBADI" in " ".join(rows["3.4"]["evidence_added"])
