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


def _wrapped_report(path: Path, levels: dict[int, int], width: int) -> Path:
    """An evaluation report in the 2024 layout: indicator names wrapped over several lines of
    the level table, the row number and the level centred vertically beside them."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    fw = load_framework("spbe-2020")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    c.setFont("Helvetica", 10)
    c.drawString(60, h - 60, "INDEKS SPBE – PEMERINTAH KABUPATEN CONTOH")
    c.drawString(60, h - 90, "Tabel 3. Perolehan Nilai Tingkat Kematangan Indikator")
    c.drawString(60, h - 110, "No")
    c.drawString(90, h - 110, "Indikator")
    c.drawString(400, h - 110, "Nilai 2024")
    y = h - 128
    for ind in fw.indicators:
        lines = textwrap.wrap(ind.name, width)
        rh = 12 * len(lines)
        if y - rh < 50:
            c.showPage()
            c.setFont("Helvetica", 10)
            y = h - 60
        mid = y - (rh - 12) / 2
        for k, ln in enumerate(lines):
            c.drawString(90, y - 12 * k, ln)
        c.drawString(60, mid, str(ind.id))
        c.drawString(410, mid, str(levels[ind.id]))
        c.line(55, y - rh + 8, 460, y - rh + 8)
        y -= rh + 6
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("width", [30, 38, 45, 60])  # names over up to 4, 3, 3 and 2 lines
def test_reads_every_level_when_indicator_names_wrap(tmp_path, width):
    import textwrap

    fw = load_framework("spbe-2020")
    assert max(len(textwrap.wrap(i.name, width)) for i in fw.indicators) >= 2
    levels = {i.id: (i.id * 7) % 5 + 1 for i in fw.indicators}
    pdf = _wrapped_report(tmp_path / "lhe2024.pdf", levels, width)
    out = read_lhe([p.text for p in ingest_file(pdf).pages], fw)
    assert out["levels"] == {str(k): v for k, v in levels.items()}
    assert out["region"] == "Kabupaten Contoh" and out["year"] == 2024


def _table_report(n_rows: int, year: int) -> list[str]:
    summary = f"INDEKS SPBE – PEMERINTAH KABUPATEN CONTOH\nTAHUN {year}\n"
    table = f"Perolehan Nilai Tingkat Kematangan Indikator\nNo Indikator Nilai {year}\n" + "\n".join(
        f"{i} Tingkat Kematangan Indikator Nomor {i} {(i * 3) % 5 + 1}" for i in range(1, n_rows + 1))
    return [summary, table]


@pytest.mark.parametrize("n_rows,year,want", [(47, 2023, "spbe-2020"), (35, 2018, "spbe-2018"),
                                              (37, 2020, "spbe-2020-37"), (37, 2019, "spbe-2019"),
                                              (47, None, "spbe-2020")])
def test_the_instrument_is_read_from_the_report(n_rows, year, want):
    """Without --framework, a report is read with the edition whose level table it fills with the
    most rows (a 47-row table is not read as its first 35), the report's year deciding between
    editions of the same shape."""
    from evidence_mapper.frameworks.editions import editions
    from evidence_mapper.score.lhe import read_lhe_any

    eds = [e for e in editions() if e["id"].startswith("spbe-")]
    pages = _table_report(n_rows, year or 2023)
    if year is None:
        pages[0] = "INDEKS SPBE – PEMERINTAH KABUPATEN CONTOH\n"
        pages[1] = pages[1].replace(" Nilai 2023", " Nilai")
    out = read_lhe_any(pages, [load_framework(e["id"]) for e in eds], {e["id"]: e.get("years", []) for e in eds})
    assert out["framework"] == want and out["framework_read_from_report"]
    assert len(out["levels"]) == n_rows and out["recomputed_index"] is not None


def test_lhe_command_reads_an_older_instrument_report_whole(tmp_path):
    path = CORPUS_REAL / "files" / "doc_130.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus-real not present")
    from typer.testing import CliRunner

    from evidence_mapper.cli import app

    r = CliRunner().invoke(app, ["lhe", str(path)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["framework"] == "spbe-2020-37" and len(out["levels"]) == 37
    assert round(out["recomputed_index"], 2) == out["index"] == 3.30
