"""The review board of a 2026 (Indeks Pemdi) workspace in Chromium: values per indicator;
a screenshot goes to out/screens/pemdi-board.png."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("no /usr/bin/chromium", allow_module_level=True)
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
sync_api = pytest.importorskip("playwright.sync_api")

from evidence_mapper.review.users import add_user  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "out" / "screens"


def test_pemdi_board_shows_values(tmp_path):
    from werkzeug.serving import make_server

    ws = Workspace.init(tmp_path / "ws", framework="pemdi-2026", region="Kabupaten Sukamaju", year=2026)
    ws.ingest([ROOT / "corpus" / "sample"])
    ws.map()
    add_user(ws, "ana", "sandi-ana-123", "assessor")
    values = {i["code"]: i["value"] for i in ws.results()["indicators"]}
    ws.close()
    srv = make_server("127.0.0.1", 0, create_app(tmp_path / "ws"), threaded=True)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    try:
        with sync_api.sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            pg = b.new_page(viewport={"width": 1400, "height": 1000}, locale="id-ID")
            pg.goto(f"http://127.0.0.1:{srv.server_port}/")
            pg.fill("input[name=username]", "ana")
            pg.fill("input[name=password]", "sandi-ana-123")
            pg.click("#login-submit")
            pg.wait_for_selector("#board")
            shown = pg.locator("#board b.value").all_inner_texts()
            assert len(shown) == 20 and f"{values['7.2']:.2f}" in shown
            assert "Pelindungan Data Pribadi" in pg.inner_text("#board")
            SCREENS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(SCREENS / "pemdi-board.png"), full_page=True)
            b.close()
    finally:
        srv.shutdown()
        th.join(10)
