"""What an assessor sees, as pictures in ``out/screens/``: the HTML report's first screen, page 1
of the PDF report, and Datasette's table page of evidence links (``explore``).

Each picture is checked for what it must show: the report opens on its summary (not on the gap
plan), the PDF is A4 and its first page carries the summary and a page number, and Datasette's
page shows the table's description from the workspace metadata and its rows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("no /usr/bin/chromium", allow_module_level=True)
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
sync_api = pytest.importorskip("playwright.sync_api")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from browser.sample_ws import sample_workspace  # noqa: E402

from evidence_mapper.i18n import t  # noqa: E402
from evidence_mapper.report import export, render  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return sample_workspace(tmp_path_factory, "screens")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    yield ctx.new_page()
    ctx.close()


def test_report_first_screen_is_the_summary(ws, page, tmp_path):
    html = render(Workspace(ws).results(), "html", "id")
    f = tmp_path / "laporan.html"
    f.write_text(html, encoding="utf-8")
    page.goto(f.as_uri())
    summary = page.locator("#sec-summary")
    assert summary.is_visible()
    box = summary.bounding_box()
    assert box["y"] < 900  # the summary starts on the first screen
    plan = page.locator("#gap-report").bounding_box()
    assert plan["y"] > box["y"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 20000, height  # indicators and the plan start folded
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "report.png"), full_page=False)
    assert (SCREENS / "report.png").stat().st_size > 10_000


def test_pdf_report_page_one(ws, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    data = export(Workspace(ws).results(), "pdf", "id")
    f = tmp_path / "laporan.pdf"
    f.write_bytes(data)
    doc = pdfium.PdfDocument(str(f))
    try:
        first = doc[0]
        w, h = first.get_size()
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 in points
        text = first.get_textpage().get_text_range()
        assert t("summary", "id") in text and "Halaman 1 dari" in text
        SCREENS.mkdir(parents=True, exist_ok=True)
        first.render(scale=1.5).to_pil().save(SCREENS / "report-pdf-page1.png")
    finally:
        doc.close()
    assert (SCREENS / "report-pdf-page1.png").stat().st_size > 10_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_table_page_of_evidence_links(ws, page):
    pytest.importorskip("datasette")
    from evidence_mapper.explore import datasette_command, prepare_explore

    db, meta = prepare_explore(ws, "id")
    port = _free_port()
    proc = subprocess.Popen(datasette_command(db, meta, port, open_browser=False), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/workspace/evidence_links"
        for _ in range(150):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
                time.sleep(0.2)
        resp = page.goto(url)
        assert resp is not None and resp.status == 200
        body = page.inner_text("body")
        assert "Tautan bukti" in body  # the table description of the workspace metadata
        assert page.locator("table.rows-and-columns tbody tr").count() > 0
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "datasette-evidence-links.png"), full_page=False)
    finally:
        proc.terminate()
        proc.wait(10)
    assert (SCREENS / "datasette-evidence-links.png").stat().st_size > 10_000
