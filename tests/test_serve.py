"""The review web app through Flask's test client: access control, CSRF, escaping, paths,
uploads, and two reviewers deciding at the same time."""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import PASSWORDS, sample_workspace  # noqa: E402

from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def wspath(tmp_path_factory):
    return sample_workspace(tmp_path_factory, "serve")


@pytest.fixture(scope="module")
def app(wspath):
    a = create_app(wspath)
    a.config["TESTING"] = True
    return a


def login(app, user):
    c = app.test_client()
    tok = TOKEN.search(c.get("/login").text).group(1)
    r = c.post("/login", data={"username": user, "password": PASSWORDS[user], "csrf_token": tok})
    assert r.status_code == 302, r.text
    tok = TOKEN.search(c.get("/").text).group(1)
    return c, tok


def n_decisions(wspath):
    ws = core.open_workspace(wspath)
    try:
        return ws.db["decisions"].count
    finally:
        ws.close()


def first_linked(app):
    ws = core.open_workspace(app.config["WORKSPACE"])
    try:
        r = ws.results()
    finally:
        ws.close()
    return next(i for i in r["indicators"] if i["level"] and any(lk["bbox"] for lk in i["links"]))


@pytest.mark.parametrize("url", ["/", "/indicator/1", "/documents", "/audit", "/queue", "/reconcile", "/gaps",
                                 "/queue/next"])
def test_unauthenticated_pages_redirect_to_login(app, url):
    r = app.test_client().get(url)
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")


def test_unauthenticated_page_image_and_post_are_refused(app, wspath):
    c = app.test_client()
    ind = first_linked(app)
    lk = ind["links"][0]
    r = c.get(f"/page/{lk['doc_sha256']}/{lk['page']}.png")
    assert r.status_code == 302 and r.mimetype != "image/png"
    tok = TOKEN.search(c.get("/login").text).group(1)  # a valid anonymous token is not a login
    r = c.post(f"/indicator/{ind['id']}/decide", data={"action": "accept", "csrf_token": tok})
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert n_decisions(wspath) == 0


def test_wrong_password_and_cookie_flags(app):
    c = app.test_client()
    tok = TOKEN.search(c.get("/login").text).group(1)
    r = c.post("/login", data={"username": "ana", "password": "salah-salah", "csrf_token": tok})
    assert r.status_code == 401
    r = c.post("/login", data={"username": "tidak-ada", "password": "salah-salah", "csrf_token": tok})
    assert r.status_code == 401
    r = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok,
                               "next": "//evil.example/"})
    assert r.status_code == 302 and r.headers["Location"] == "/"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    r = c.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_secure_cookie_option(wspath):
    a = create_app(wspath, secure_cookies=True)
    c = a.test_client()
    r = c.get("/login", base_url="https://localhost")
    assert "Secure" in r.headers["Set-Cookie"]


def test_region_reads_and_uploads_but_cannot_decide(app, wspath):
    c, tok = login(app, "wilayah")
    ind = first_linked(app)
    for url in ("/", "/gaps", "/documents", f"/indicator/{ind['id']}"):
        assert c.get(url).status_code == 200, url
    page = c.get(f"/indicator/{ind['id']}").text
    assert 'id="decide"' not in page and 'id="read-only"' in page
    for data in ({"action": "accept"}, {"action": "override", "level": "3", "reason": "x"},
                 {"action": "reject", "reason": "x"}):
        r = c.post(f"/indicator/{ind['id']}/decide", data=dict(data, csrf_token=tok))
        assert r.status_code == 403
    assert c.post(f"/indicator/{ind['id']}/comment", data={"text": "hi", "csrf_token": tok}).status_code == 403
    assert c.get("/queue/next").status_code == 403
    assert n_decisions(wspath) == 0
    # uploads are allowed
    import io
    r = c.post("/upload", data={"csrf_token": tok, "file": (io.BytesIO(
        "NOTULEN RAPAT TIM KOORDINASI SPBE\nRapat membahas evaluasi Arsitektur SPBE.\n".encode()),
        "notulen rapat.txt")}, content_type="multipart/form-data")
    assert r.status_code == 302
    docs = c.get("/documents").text
    assert "notulen_rapat.txt" in docs


def test_region_account_of_another_region_is_refused(app):
    c, _ = login(app, "lain")
    assert c.get("/").status_code == 403
    assert c.get("/documents").status_code == 403


def test_csrf_missing_wrong_or_foreign_token_is_refused(app, wspath):
    c, tok = login(app, "ana")
    other, other_tok = login(app, "budi")
    ind = first_linked(app)
    url = f"/indicator/{ind['id']}/decide"
    data = {"action": "override", "level": "2", "reason": "uji"}
    assert c.post(url, data=data).status_code == 403
    assert c.post(url, data=dict(data, csrf_token="x" * 43)).status_code == 403
    assert c.post(url, data=dict(data, csrf_token=other_tok)).status_code == 403
    assert c.post(f"/indicator/{ind['id']}/comment", data={"text": "t"}).status_code == 403
    assert c.post("/logout").status_code == 403
    assert n_decisions(wspath) == 0
    assert c.post(url, data=dict(data, csrf_token=tok)).status_code == 302
    assert n_decisions(wspath) == 1


def test_script_in_comment_reason_and_document_title_is_escaped(app, wspath):
    c, tok = login(app, "ana")
    ind = first_linked(app)
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert c.post(f"/indicator/{ind['id']}/comment", data={"text": evil, "csrf_token": tok}).status_code == 302
    assert c.post(f"/indicator/{ind['id']}/decide", data={"action": "reject", "reason": evil,
                                                           "csrf_token": tok}).status_code == 302
    sha = ind["links"][0]["doc_sha256"]
    ws = core.open_workspace(wspath)
    with ws.db.conn:
        ws.db["documents"].update(sha, {"title": evil})
    ws.close()
    for url in (f"/indicator/{ind['id']}", "/audit", "/documents", f"/doc/{sha}/1"):
        text = c.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;alert" in text, url


@pytest.mark.parametrize("url", [
    "/doc/../../etc/passwd/1", "/doc/..%2f..%2fetc%2fpasswd/1", "/page/..%2f..%2fworkspace.sqlite/1.png",
    "/page/" + "a" * 64 + "/1.png", "/doc/" + "a" * 64 + "/1", "/static/../workspace.sqlite",
    "/static/..%2f..%2f..%2fstore%2f__init__.py", "/doc/%2e%2e/1", "/page/.%2e/1.png",
])
def test_paths_outside_the_workspace_are_not_served(app, url):
    c, _ = login(app, "ana")
    r = c.get(url)
    assert r.status_code == 404, (url, r.status_code)
    assert b"SQLite format" not in r.data and b"root:" not in r.data


def test_page_number_out_of_range_is_404(app):
    c, _ = login(app, "ana")
    sha = first_linked(app)["links"][0]["doc_sha256"]
    assert c.get(f"/page/{sha}/999.png").status_code == 404
    assert c.get(f"/doc/{sha}/999").status_code == 404
    r = c.get(f"/page/{sha}/1.png")
    assert r.status_code == 200 and r.mimetype == "image/png" and r.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_indicator_page_shows_highlight_box_and_text(app):
    c, _ = login(app, "ana")
    ind = first_linked(app)
    lk = next(lk for lk in ind["links"] if lk["bbox"])
    text = c.get(f"/indicator/{ind['id']}?link={lk['id']}").text
    m = re.search(r'id="highlight" style="left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%"', text)
    assert m, "no highlight box"
    left, top, width, height = map(float, m.groups())
    assert 0 <= left < 100 and 0 <= top < 100 and 0 < width <= 100 and 0 < height <= 100
    assert f"/page/{lk['doc_sha256']}/{lk['page']}.png" in text
    assert '<mark id="span">' in text
    # English labels on request
    en = c.get(f"/indicator/{ind['id']}?lang=en").text
    assert "Override level" in en and "Ubah level" not in en


def test_add_evidence_by_selection_and_upload(app, wspath):
    import io

    c, tok = login(app, "ana")
    ind = first_linked(app)
    lk = ind["links"][0]
    r = c.post("/evidence", data={"csrf_token": tok, "indicator": ind["id"], "doc_sha256": lk["doc_sha256"],
                                  "page": lk["page"], "char_start": lk["char_start"],
                                  "char_end": lk["char_start"] + 30})
    assert r.status_code == 302
    r = c.post("/upload", data={"csrf_token": tok, "indicator": str(ind["id"]), "file": (io.BytesIO(
        "BERITA ACARA REVIU ARSITEKTUR SPBE 2025\nArsitektur SPBE direviu oleh tim koordinasi.\n".encode()),
        "../../berita acara.txt")}, content_type="multipart/form-data")
    assert r.status_code == 302
    ws = core.open_workspace(wspath)
    ev = core.added_evidence(ws, "spbe-2020", ind["id"])
    ws.close()
    assert len(ev) >= 2 and ev[0]["payload"]["char_end"] - ev[0]["payload"]["char_start"] == 30
    assert ev[-1]["payload"]["note"].startswith("upload berita_acara.txt")
    assert not (Path(wspath).parent / "berita acara.txt").exists()
    assert list(Path(wspath, "uploads").rglob("berita_acara.txt"))


def test_two_reviewers_at_once_lose_no_decision(wspath):
    from werkzeug.serving import make_server

    app = create_app(wspath)
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    base = f"http://127.0.0.1:{srv.server_port}"
    import httpx

    ws = core.open_workspace(wspath)
    r = ws.results()
    start_events = ws.db["audit_events"].count
    ws.close()
    ids = [i["id"] for i in r["indicators"]]
    jobs = {"ana": ids[0::2][:12], "budi": ids[1::2][:12]}
    clients = {}
    for user in jobs:
        cl = httpx.Client(base_url=base, follow_redirects=False)
        tok = TOKEN.search(cl.get("/login").text).group(1)
        assert cl.post("/login", data={"username": user, "password": PASSWORDS[user], "csrf_token": tok}
                       ).status_code == 302
        clients[user] = (cl, TOKEN.search(cl.get("/").text).group(1))
    barrier = threading.Barrier(len(jobs))
    codes: dict[str, list[int]] = {u: [] for u in jobs}

    def work(user):
        cl, tok = clients[user]
        barrier.wait()
        for iid in jobs[user]:
            resp = cl.post(f"/indicator/{iid}/decide",
                           data={"action": "override", "level": "2", "reason": f"{user} {iid}", "csrf_token": tok})
            codes[user].append(resp.status_code)

    threads = [threading.Thread(target=work, args=(u,)) for u in jobs]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        srv.shutdown()
        for cl, _ in clients.values():
            cl.close()
    assert all(code == 302 for cs in codes.values() for code in cs), codes
    ws = core.open_workspace(wspath)
    rows = list(ws.db.query("select user, indicator, reason from audit_events where id > ? and action = 'override'",
                            [start_events]))
    decs = list(ws.db.query("select user, indicator from decisions where reason like '% %' and level = 2"))
    ws.close()
    got = {(x["user"], x["indicator"]) for x in rows}
    want = {(u, i) for u, iids in jobs.items() for i in iids}
    assert want <= got and len(rows) == len(want)
    assert want <= {(x["user"], x["indicator"]) for x in decs}


def test_board_shows_official_baseline_levels_when_a_table_exists(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "serve-baseline")
    ws = core.open_workspace(path)
    with ws.db.conn:
        ws.db["baselines"].insert_all([
            {"region": "Kabupaten Sukamaju", "year": 2023, "framework": "spbe-2020", "indicator": 1, "level": 2},
            {"region": "Kabupaten Sukamaju", "year": 2025, "framework": "spbe-2020", "indicator": 1, "level": 3},
            {"region": "Kota Lain", "year": 2025, "framework": "spbe-2020", "indicator": 2, "level": 5},
        ])
    base, year = core.baselines(ws, "spbe-2020")
    ws.close()
    assert base == {1: 3} and year == 2025
    a = create_app(path)
    c, _ = login(a, "ana")
    html = c.get("/").text
    row1 = re.search(r'<tr class="state-\w+[^"]*" data-indicator="1"[^>]*>(.*?)</tr>', html, re.S).group(1)
    row2 = re.search(r'<tr class="state-\w+[^"]*" data-indicator="2"[^>]*>(.*?)</tr>', html, re.S).group(1)
    cells1 = re.findall(r"<td>(.*?)</td>", row1, re.S)
    cells2 = re.findall(r"<td>(.*?)</td>", row2, re.S)
    assert cells1[4] == "3" and cells2[4] == "-"
    assert "(LHE) 2025" in html


def test_documents_page_lists_metadata_text_status_and_ingest_errors(app):
    import io

    c, tok = login(app, "admin")
    r = c.post("/upload", data={"csrf_token": tok, "file": (io.BytesIO(b"%PDF-1.4\n%broken"), "rusak.pdf")},
               content_type="multipart/form-data")
    assert r.status_code == 302
    html = c.get("/documents").text
    assert "rusak.pdf" in html and "corrupt" in html
    assert "perbup_spbe_2023.pdf" in html
    assert re.search(r"<td>\d+/\d+</td>", html)


def test_serve_command_binds_to_localhost(tmp_path_factory):
    import os
    import shutil
    import socket
    import subprocess
    import time

    import httpx

    path = sample_workspace(tmp_path_factory, "serve-cmd")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, "-m", "evidence_mapper", "serve", str(path), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        r = None
        for _ in range(150):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r is not None and r.status_code == 200 and "Masuk" in r.text
        if shutil.which("ss"):  # the listening socket's local address is loopback only
            out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
            assert [line.split()[3] for line in out.splitlines()] == [f"127.0.0.1:{port}"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_reconciliation_through_the_web(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "serve-reconcile")
    a = create_app(path)
    ana, ta = login(a, "ana")
    budi, tb = login(a, "budi")
    ind = first_linked(a)
    assert ana.post(f"/indicator/{ind['id']}/decide", data={"action": "accept", "csrf_token": ta}).status_code == 302
    lvl = 1 if ind["level"] != 1 else 2
    assert budi.post(f"/indicator/{ind['id']}/decide", data={"action": "override", "level": str(lvl),
                     "reason": "beda", "csrf_token": tb}).status_code == 302
    page = ana.get("/reconcile").text
    assert f'href="/indicator/{ind["id"]}"' in page
    assert 'name="resolves"' in ana.get(f"/indicator/{ind['id']}").text
    assert ana.post(f"/indicator/{ind['id']}/decide", data={"action": "accept", "resolves": "1",
                    "csrf_token": ta}).status_code == 302
    assert f'href="/indicator/{ind["id"]}"' not in ana.get("/reconcile").text
    ws = core.open_workspace(path)
    st = core.indicator_status(ws, ws.results(), ind["id"])
    ws.close()
    assert st["state"] == "reviewed" and st["level"] == ind["level"]
