"""The HTML report reads as assessors use it: summary, evidence per indicator, then the plan,
each a collapsible section; criteria in words (no rule syntax); empty sections left out; and a
print-ready A4 PDF with page numbers and a signature block."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from _report_ws import sample_ws_path
from evidence_mapper.report import export, render
from evidence_mapper.score.gaps import describe_check
from evidence_mapper.frameworks import load_framework
from evidence_mapper.store import Workspace


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return Workspace(sample_ws_path(tmp_path_factory)).results()


def _sections(html: str) -> list[str]:
    return re.findall(r'<details class="sec" id="([\w-]+)"', html)


def test_sections_in_order_and_collapsible(results):
    html = render(results, "html")
    assert _sections(html) == ["sec-summary", "sec-evidence", "gap-report", "sec-documents"]
    pos = [html.index(f'id="{s}"') for s in ("sec-summary", "sec-evidence", "gap-report")]
    assert pos == sorted(pos)
    # the first indicator's evidence comes before the first row of the plan
    assert html.index('id="ind-1"') < html.index('id="gap-report"')
    # on screen the indicators and the plan are folded; printed (expand) everything is open
    assert re.search(r'<details id="ind-\d+" open>', html) is None
    assert '<details class="sec" id="gap-report" open>' not in html
    opened = render(results, "html", expand=True)
    assert len(re.findall(r'<details id="ind-\d+" open>', opened)) == len(results["indicators"])
    assert "Pengesahan asesor" not in html


def test_no_rule_syntax_and_no_empty_official_section(results):
    html = render(results, "html")
    fw = load_framework("spbe-2020")
    # every requirement line the machine checks would produce: none is shown
    shown = 0
    for ind in fw.indicators:
        for lv in ind.levels.values():
            for c in lv.criteria:
                for req in describe_check(c.check, "id"):
                    if "'" in req and req in html:
                        shown += 1
    assert shown == 0
    assert "Syarat:" not in html and "terms_all" not in html
    # without official values: no official column, no "against the official result" chart
    assert results.get("baseline") is None
    assert "Nilai aspek terhadap hasil resmi" not in html and "Level resmi terakhir</th>" not in html


def test_bad_file_reason_in_indonesian(tmp_path_factory, tmp_path):
    src = sample_ws_path(tmp_path_factory)
    dst = tmp_path / "ws"
    shutil.copytree(src, dst)
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4\n not really")
    ws = Workspace(dst)
    ws.ingest([bad])
    html = render(ws.results(), "html")
    assert "rusak.pdf: berkas rusak dan tidak dapat dibaca" in html
    assert "file is damaged" not in html
    assert "rusak.pdf: file is damaged and cannot be read" in render(ws.results(), "html", "en")


@pytest.mark.skipif(not shutil.which("chromium") or not shutil.which("pdftotext"), reason="needs chromium and poppler")
def test_pdf_a4_page_numbers_signature(results, tmp_path):
    pdf = export(results, "pdf")
    assert pdf[:5] == b"%PDF-"
    f = tmp_path / "r.pdf"
    f.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info and pages > 1
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(f), "-"], capture_output=True,
                           text=True).stdout
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(f), "-"], capture_output=True,
                          text=True).stdout
    assert "Ringkasan" in first and f"Halaman 1 dari {pages}" in first
    assert "Pengesahan asesor" in last and "Tanda tangan" in last and f"Halaman {pages} dari {pages}" in last


def test_pdf_without_renderer_one_line_error(tmp_path_factory, tmp_path):
    ws = sample_ws_path(tmp_path_factory)
    env = {**os.environ, "EVIDENCE_MAPPER_CHROMIUM": str(tmp_path / "no-such-chromium")}
    p = subprocess.run([sys.executable, "-m", "evidence_mapper", "report", str(ws), "-f", "pdf", "-o",
                        str(tmp_path / "r.pdf")], env=env, capture_output=True, text=True)
    assert p.returncode != 0 and not (tmp_path / "r.pdf").exists()
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Chromium" in lines[0] and lines[0].startswith("kesalahan: ")  # Indonesian default
