"""The institution under assessment in a workspace: init --institution-type, map's warning, the report."""

import json

from typer.testing import CliRunner

from evidence_mapper.cli import app
from evidence_mapper.store import Workspace

runner = CliRunner()

PERBUP = ("PERATURAN BUPATI {place}\nNOMOR {n} TAHUN 2023\nTENTANG\nSISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\n"
          "DENGAN RAHMAT TUHAN YANG MAHA ESA\nBUPATI {place},\nPasal 1\nSistem Pemerintahan Berbasis Elektronik "
          "yang selanjutnya disingkat SPBE adalah penyelenggaraan pemerintahan yang memanfaatkan teknologi "
          "informasi dan komunikasi.\nPasal 5\nBupati membentuk Tim Koordinasi SPBE dan menetapkan Arsitektur SPBE.\n"
          "Ditetapkan di {place_lc}\npada tanggal 3 Maret 2023\nBUPATI {place},\nttd\n")


def test_init_records_the_institution_type(tmp_path):
    r = runner.invoke(app, ["init", str(tmp_path / "a"), "--region", "Kementerian Kelautan dan Perikanan"])
    assert r.exit_code == 0, r.output
    assert Workspace(tmp_path / "a").config["institution_type"] == "pusat"  # read from the name
    r = runner.invoke(app, ["init", str(tmp_path / "b"), "--region", "Sukamaju", "--institution-type", "daerah"])
    assert r.exit_code == 0, r.output
    assert Workspace(tmp_path / "b").config["institution_type"] == "daerah"
    r = runner.invoke(app, ["init", str(tmp_path / "c"), "--institution-type", "provinsi"])
    assert r.exit_code != 0 and "pusat or daerah" in r.output


def test_map_warns_about_other_issuers_and_does_not_count_them(tmp_path, monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", "baseline")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "own.txt").write_text(PERBUP.format(place="TANJUNG HARAPAN", place_lc="Tanjung Harapan", n=7))
    (docs / "other.txt").write_text(PERBUP.format(place="LEMBAH HIJAU", place_lc="Lembah Hijau", n=9))
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws), "--region", "Kabupaten Tanjung Harapan"]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(ws), str(docs)]).exit_code == 0
    r = runner.invoke(app, ["map", str(ws)])
    assert r.exit_code == 0, r.output
    assert "Kabupaten Lembah Hijau" in r.stderr and "Kabupaten Tanjung Harapan" in r.stderr
    assert "tidak dihitung" in r.stderr
    res = Workspace(ws).results()
    assert res["issuers"] == {"Kabupaten Lembah Hijau": 1, "Kabupaten Tanjung Harapan": 1}
    by_region = {d["region"]: d for d in res["documents"]}
    other = by_region["Kabupaten Lembah Hijau"]
    assert not other["is_evidence"] and "issued by another institution" in other["evidence_reasons"]
    assert "issued by another institution" not in by_region["Kabupaten Tanjung Harapan"]["evidence_reasons"]
    r = runner.invoke(app, ["report", str(ws), "--format", "md"])
    assert r.exit_code == 0, r.output
    assert "beberapa penerbit" in r.stdout and "Kabupaten Lembah Hijau (1)" in r.stdout
    assert "instansi/daerah lain" in r.stdout


def test_one_issuer_gives_no_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", "baseline")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "own.txt").write_text(PERBUP.format(place="TANJUNG HARAPAN", place_lc="Tanjung Harapan", n=7))
    ws = tmp_path / "ws"
    runner.invoke(app, ["init", str(ws), "--region", "Kabupaten Tanjung Harapan"])
    runner.invoke(app, ["ingest", str(ws), str(docs)])
    r = runner.invoke(app, ["map", str(ws)])
    assert r.exit_code == 0 and "peringatan" not in r.stderr
    assert json.dumps(Workspace(ws).results()["issuers"]) == '{"Kabupaten Tanjung Harapan": 1}'
