"""The review app on a batch workspace holding several regions: a region list to pick from, the
pages of the picked region (and year), a region account held to its own region."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_read_model import CONTOH, SUKAMAJU, sample_archive  # noqa: E402

from evidence_mapper.batch import BatchOptions, run_batch  # noqa: E402
from evidence_mapper.review.users import add_user  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402
from evidence_mapper.store import Workspace, read  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
RUN = re.compile(r"<code>(run-[^<]+)</code>")
PW = "sandi-uji-12345"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("serveregions")
    ws = Workspace.init(root / "ws")
    rep = run_batch(ws, [str(sample_archive(root))], BatchOptions(engine="serial", progress="none"))
    add_user(ws, "ana", PW, "assessor")
    add_user(ws, "contoh", PW, "region", region=CONTOH)
    ws.close()
    runs = {r["region"]: r["run_id"] for r in rep["regions"]}
    assert set(runs) == {SUKAMAJU, CONTOH}
    app = create_app(root / "ws")
    app.config["TESTING"] = True
    return app, runs


def login(app, user):
    c = app.test_client()
    tok = TOKEN.search(c.get("/login").text).group(1)
    assert c.post("/login", data={"username": user, "password": PW, "csrf_token": tok}).status_code == 302
    return c


def test_several_regions_lead_to_the_region_list(batch):
    app, runs = batch
    c = login(app, "ana")
    r = c.get("/")
    assert r.status_code == 302 and r.headers["Location"].endswith("/regions")  # no longer a 404
    page = c.get("/regions").text
    for region in (SUKAMAJU, CONTOH):
        assert region in page
    ws = Workspace(app.config["WORKSPACE"])
    try:
        listed = {x["region"]: f"{x['index']:.2f}" for x in read.region_runs(ws)}
    finally:
        ws.close()
    rows = re.findall(r'<tr[^>]*>\s*<td><a href="[^"]+">([^<]+)</a></td>\s*<td>[^<]*</td><td>([^<]+)</td>', page)
    assert dict(rows) == listed  # the index per region, as the read model gives it


def test_picked_region_is_shown_on_every_page(batch):
    app, runs = batch
    c = login(app, "ana")
    for region in (CONTOH, SUKAMAJU):
        r = c.get("/", query_string={"region": region, "year": 2025})
        assert r.status_code == 200
        assert RUN.search(r.text).group(1) == runs[region]
        assert f"· {region}" in r.text
        for url in ("/gaps", "/queue", "/documents", "/audit"):  # the pick is kept while browsing
            assert c.get(url).status_code == 200, url
        assert RUN.search(c.get("/").text).group(1) == runs[region]
    assert c.get("/", query_string={"region": "Kota Entah"}).status_code == 302  # unknown: back to the list


def test_no_decision_on_a_workspace_of_several_regions(batch):
    """Decisions are kept per indicator, not per region: one region's would show on another's."""
    app, runs = batch
    c = login(app, "ana")
    page = c.get("/", query_string={"region": CONTOH, "year": 2025}).text
    tok = TOKEN.search(page).group(1)
    for url, data in (("/indicator/1/decide", {"action": "override", "level": "2", "reason": "uji"}), ("/indicator/1/comment", {"text": "cek"})):
        r = c.post(url, data=dict(data, csrf_token=tok))
        assert r.status_code == 302 and r.headers["Location"].endswith("/indicator/1")
    ws = Workspace(app.config["WORKSPACE"])
    try:
        assert ws.db["decisions"].count == 0 and ws.db["audit_events"].count_where("action = 'comment'") == 0
    finally:
        ws.close()
    assert "beberapa wilayah" in c.get("/indicator/1").text


def test_region_account_sees_only_its_region(batch):
    app, runs = batch
    c = login(app, "contoh")
    r = c.get("/", query_string={"region": SUKAMAJU, "year": 2025})  # asking for another region changes nothing
    assert r.status_code == 200 and RUN.search(r.text).group(1) == runs[CONTOH]
    page = c.get("/regions").text
    assert CONTOH in page and SUKAMAJU not in page
