"""`lhe` reads the official evaluation reports of corpus-real (doc_001: 2021, doc_003: 2023)."""

import json
from pathlib import Path

import pytest

from evidence_mapper.frameworks import load_framework
from evidence_mapper.ingest import ingest_file
from evidence_mapper.score.lhe import read_lhe
from conftest import CORPUS_REAL

DATA = Path(__file__).parent / "data"
CASES = [("doc_001.pdf", "lhe_bandar_lampung_2021.json"), ("doc_003.pdf", "lhe_bandar_lampung_2023.json")]


@pytest.mark.slow
@pytest.mark.parametrize("doc,fixture", CASES)
def test_reads_published_levels_index_domains_aspects(doc, fixture):
    path = CORPUS_REAL / "files" / doc
    if not path.exists():
        pytest.skip("../shared/corpus-real not present")
    exp = json.loads((DATA / fixture).read_text(encoding="utf-8"))
    out = read_lhe([p.text for p in ingest_file(path).pages], load_framework("spbe-2020"))
    assert out["region"] == "Kota Bandar Lampung" and out["year"] == exp["year"]
    assert out["levels"] == exp["levels"] and len(out["levels"]) == 47
    assert out["index"] == exp["index"] and out["predicate"] == exp["predicate"]
    assert out["aspects"] == exp["aspects"] and out["domains"] == exp["domains"]
    assert out["recomputed_index"] == pytest.approx(exp["index"], abs=0.01)
    assert out["consistent"] and out["warnings"] == []


def test_flags_a_published_index_that_the_table_does_not_give():
    fw = load_framework("spbe-2020")
    table = "Perolehan Nilai Tingkat Kematangan Indikator\nNo Indikator Nilai 2023\n" + "\n".join(
        f"{i} Tingkat Kematangan Indikator Nomor {i} 3" for i in range(1, 48))
    summary = "INDEKS SPBE – PEMERINTAH KABUPATEN CONTOH\n2,90\n(Baik)\nNama Indeks Nilai 2023\nSPBE 2,90\n"
    out = read_lhe([summary, table], fw)
    assert out["levels"] == {str(i): 3 for i in range(1, 48)}
    assert out["recomputed_index"] == 3.0 and out["index"] == 2.90
    assert not out["consistent"] and "differs" in out["warnings"][0]
    assert out["region"] == "Kabupaten Contoh"
