"""The review server facing a network: each finding of the security review reproduced, and
refused now (page-image memory, redirects, sessions, throttling, links in folders, tamper
evidence, roles, bad parameters, file modes, the production server)."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import PASSWORDS, sample_workspace  # noqa: E402

from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SRC = str(Path(__file__).resolve().parents[1] / "src")


def huge_pdf(side: float = 14400.0, pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(side, side))
    for _ in range(pages):
        c.setFont("Helvetica", 400)
        c.drawString(500, side - 1400, "Peraturan Bupati tentang Arsitektur SPBE")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _secret_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAPPER_CONFIG", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def wspath(tmp_path_factory):
    return sample_workspace(tmp_path_factory, "security")


@pytest.fixture
def app(wspath):
    a = create_app(wspath, secret_key=b"k" * 32)
    a.config["TESTING"] = True
    return a


def token(c, url="/login"):
    return TOKEN.search(c.get(url).text).group(1)


def login(app, user, password=None, **extra):
    c = app.test_client()
    tok = token(c)
    r = c.post("/login", data={"username": user, "password": password or PASSWORDS[user], "csrf_token": tok,
                               **extra})
    return c, r


# -- 1. page images within a pixel budget ------------------------------------------------------

@pytest.fixture(scope="module")
def huge_doc(wspath, tmp_path_factory):
    from evidence_mapper.ingest import Limits

    d = tmp_path_factory.mktemp("huge")
    f = d / "huge.pdf"
    f.write_bytes(huge_pdf())
    ws = core.open_workspace(wspath)
    try:
        s = ws.ingest([f], Limits(ocr=False))
        assert s.added or s.skipped, s.to_json()
        sha = ws.db.execute("select sha256 from files where path = ?", [str(f)]).fetchone()[0]
    finally:
        ws.close()
    return sha


def test_huge_page_renders_within_the_pixel_budget(app, wspath, huge_doc):
    from PIL import Image

    from evidence_mapper.ingest import Limits
    from evidence_mapper.review.pages import MAX_PIXELS

    c, r = login(app, "wilayah")  # any account, a region one included
    assert r.status_code == 302
    r = c.get(f"/page/{huge_doc}/1.png")
    assert r.status_code == 200 and r.mimetype == "image/png"
    with Image.open(io.BytesIO(r.data)) as im:
        w, h = im.size
    assert w * h <= MAX_PIXELS <= Limits().max_pixels
    assert w > 1000  # scaled down, not blank: about 2000 x 2000
    assert (Path(wspath) / "cache" / "pages" / f"{huge_doc}-1.png").is_file()  # cached
    again = c.get(f"/page/{huge_doc}/1.png")
    assert again.status_code == 200 and again.data == r.data


def test_huge_page_render_peak_memory_is_modest(wspath, huge_doc):
    """In a fresh process: rendering the 14400 x 14400 pt page stays far below the 1.9 GB a
    1.5x bitmap of it needs (21600 x 21600 x 4 bytes)."""
    cache = Path(wspath) / "cache" / "pages" / f"{huge_doc}-1.png"
    if cache.exists():
        cache.unlink()
    code = (
        "import resource, sys\n"
        "from evidence_mapper.review import core\n"
        "from evidence_mapper.review.pages import page_png\n"
        f"ws = core.open_workspace({str(wspath)!r})\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"page_png(ws, {huge_doc!r}, 1)\n"
        "print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PYTHONPATH=SRC))
    assert out.returncode == 0, out.stderr
    base, peak = map(int, out.stdout.split())
    assert (peak - base) < 200 * 1024, (base, peak)  # KiB: under 200 MB above the process's start
    assert cache.is_file()
