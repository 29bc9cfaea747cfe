import json

import pytest

from evidence_mapper.report import render
from evidence_mapper.store import Workspace


@pytest.fixture
def results(tmp_path, perbup_pdf):
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Contoh")
    ws.ingest([perbup_pdf])
    ws.map()
    return ws.results()


def test_html_is_indonesian_self_contained_and_escaped(results):
    results["documents"][0]["title"] = "<script>alert(1)</script>"
    html = render(results, "html", "id")
    assert html.startswith("<!doctype html>")
    assert "Laporan Pemetaan Bukti Dukung" in html and "Kesenjangan" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<link " not in html and "src=\"http" not in html  # nothing fetched from elsewhere


def test_english_labels(results):
    html = render(results, "html", "en")
    assert "Evidence Mapping Report" in html and "Laporan Pemetaan" not in html


def test_markdown_and_json(results):
    md = render(results, "md")
    assert md.startswith("# Laporan Pemetaan Bukti Dukung")
    data = json.loads(render(results, "json"))
    assert data["index"]["framework"] == "spbe-2020" and len(data["indicators"]) == 47


def test_unknown_format_or_language(results):
    with pytest.raises(ValueError):
        render(results, "pdf")
    with pytest.raises(ValueError):
        render(results, "html", "fr")
