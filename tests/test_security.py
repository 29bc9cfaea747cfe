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


# -- 2. redirects after login ----------------------------------------------------------------

@pytest.mark.parametrize("nxt", ["//evil.example/", "/%09/evil.example/phish", "/\t/evil.example/", "/\\evil.example",
                                 "\\\\evil.example", "https://evil.example/", "/%0a/evil", "/ok\r\nSet-Cookie: x=1",
                                 "/%2F%2Fevil.example", "javascript:alert(1)", "/\x00x", "evil.example"])
def test_login_redirect_stays_on_site(app, nxt):
    c, r = login(app, "ana", next=nxt)
    assert r.status_code == 302
    assert r.headers["Location"] == "/"


def test_login_redirect_to_a_relative_path_is_kept(app):
    c, r = login(app, "ana", next="/indicator/1?lang=en")
    assert r.status_code == 302 and r.headers["Location"] == "/indicator/1?lang=en"


def test_login_page_with_bad_next_is_not_500(app):
    c = app.test_client()
    for q in ("next=%0d%0aX:1", "next=/%09/evil", "next=%00"):
        r = c.get("/login?" + q)
        assert r.status_code == 200
        assert "evil" not in r.text


# -- 3. sessions revoked server-side ---------------------------------------------------------

def _assessor(wspath, name):
    from evidence_mapper.review.users import add_user

    ws = core.open_workspace(wspath)
    try:
        if not ws.db["users"].count_where("username = ?", [name]):
            add_user(ws, name, "sandi-rahasia-1", "assessor")
    finally:
        ws.close()
    return "sandi-rahasia-1"


def test_logout_ends_every_session_of_the_account(app, wspath):
    pw = _assessor(wspath, "sesi1")
    a, r = login(app, "sesi1", pw)
    b, r2 = login(app, "sesi1", pw)
    assert r.status_code == r2.status_code == 302
    assert a.get("/").status_code == 200 and b.get("/").status_code == 200
    stolen = a.get_cookie("em_session").value  # a copy of the cookie taken before logout
    a.post("/logout", data={"csrf_token": token(a, "/")})
    assert a.get("/").status_code == 302
    assert b.get("/").status_code == 302  # the other session too
    c = app.test_client()
    c.set_cookie("em_session", stolen)
    assert c.get("/").status_code == 302
    ind = c.get("/indicator/1")
    assert ind.status_code == 302 and ind.headers["Location"].startswith("/login")


def test_password_change_and_disable_end_sessions(app, wspath):
    from evidence_mapper.review.users import add_user, disable_user, set_password

    pw = _assessor(wspath, "sesi2")
    a, _ = login(app, "sesi2", pw)
    assert a.get("/").status_code == 200
    ws = core.open_workspace(wspath)
    set_password(ws, "sesi2", "sandi-baru-123")
    ws.close()
    assert a.get("/").status_code == 302
    a, r = login(app, "sesi2", "sandi-baru-123")
    assert r.status_code == 302 and a.get("/").status_code == 200
    ws = core.open_workspace(wspath)
    add_user(ws, "sesi2", "sandi-lagi-1234", "assessor", replace=True)  # users add --replace
    ws.close()
    assert a.get("/").status_code == 302
    a, r = login(app, "sesi2", "sandi-lagi-1234")
    assert a.get("/").status_code == 200
    ws = core.open_workspace(wspath)
    disable_user(ws, "sesi2")
    ws.close()
    assert a.get("/").status_code == 302
    _, r = login(app, "sesi2", "sandi-lagi-1234")
    assert r.status_code == 401


def test_users_disable_command(wspath, tmp_path):
    pw = _assessor(wspath, "sesi3")
    env = dict(os.environ, PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-m", "evidence_mapper", "users", "disable", str(wspath), "sesi3"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    ws = core.open_workspace(wspath)
    try:
        from evidence_mapper.review.users import authenticate
        assert authenticate(ws, "sesi3", pw) is None
    finally:
        ws.close()
    out = subprocess.run([sys.executable, "-m", "evidence_mapper", "users", "disable", str(wspath), "nobody"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode != 0 and "nobody" in out.stderr


def test_session_idle_lifetime_is_short(app):
    c, r = login(app, "ana")
    cookie = r.headers["Set-Cookie"]
    assert "Expires=" in cookie
    assert app.permanent_session_lifetime.total_seconds() <= 12 * 3600
    a = create_app(app.config["WORKSPACE"], secret_key=b"k" * 32, session_hours=1)
    assert a.permanent_session_lifetime.total_seconds() == 3600


# -- 4. login throttling ---------------------------------------------------------------------

def test_login_throttle_per_account_refuses_before_hashing(wspath, monkeypatch):
    from evidence_mapper.review import web
    from evidence_mapper.review.throttle import LoginThrottle

    a = create_app(wspath, secret_key=b"k" * 32, throttle=LoginThrottle(per_account=3, per_address=1000))
    a.config["TESTING"] = True
    calls = []
    real = web.authenticate
    monkeypatch.setattr(web, "authenticate", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    c = a.test_client()
    tok = token(c)
    codes = [c.post("/login", data={"username": "ana", "password": "salah-salah", "csrf_token": tok}).status_code
             for _ in range(6)]
    assert codes == [401, 401, 401, 429, 429, 429]
    assert len(calls) == 3  # no hashing once over the budget
    # the right password is refused too while locked, with the same message as an unknown name
    r = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok})
    assert r.status_code == 429 and "Retry-After" in r.headers
    unknown = [c.post("/login", data={"username": "tidak-ada", "password": "x" * 9, "csrf_token": tok})
               for _ in range(4)]
    assert [u.status_code for u in unknown] == [401, 401, 401, 429]
    msg = re.search(r'id="login-error">([^<]+)<', unknown[-1].text).group(1)
    assert msg == re.search(r'id="login-error">([^<]+)<', r.text).group(1)
    # another account is not locked by ana's failures
    ok = c.post("/login", data={"username": "budi", "password": PASSWORDS["budi"], "csrf_token": tok})
    assert ok.status_code == 302


def test_login_throttle_per_address(wspath):
    from evidence_mapper.review.throttle import LoginThrottle

    a = create_app(wspath, secret_key=b"k" * 32, throttle=LoginThrottle(per_account=100, per_address=4))
    c = a.test_client()
    tok = token(c)
    codes = [c.post("/login", data={"username": f"u{i}", "password": "salah-salah", "csrf_token": tok},
                    environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code for i in range(6)]
    assert codes == [401, 401, 401, 401, 429, 429]
    r = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok},
               environ_base={"REMOTE_ADDR": "10.0.0.8"})
    assert r.status_code == 302  # another address is not affected


def test_throttle_window_slides():
    from evidence_mapper.review.throttle import LoginThrottle, Throttled

    now = [0.0]
    t = LoginThrottle(per_account=2, per_address=100, window=60, clock=lambda: now[0])
    for _ in range(2):
        t.admit("x", "a")
        t.failed("x")
    with pytest.raises(Throttled) as e:
        t.admit("x", "a")
    assert 59 <= e.value.retry_after <= 61
    now[0] = 61.0
    t.admit("x", "a")  # the window moved on


def test_concurrent_hashing_is_bounded():
    import threading

    from evidence_mapper.review.throttle import LoginThrottle, Throttled

    t = LoginThrottle(concurrent=1, wait=0.05)
    inside, refused = threading.Event(), []
    release = threading.Event()

    def hold():
        with t.hashing():
            inside.set()
            release.wait(5)

    th = threading.Thread(target=hold)
    th.start()
    inside.wait(5)
    try:
        with t.hashing():
            pass
    except Throttled:
        refused.append(1)
    release.set()
    th.join()
    assert refused == [1]


# -- 7. roles --------------------------------------------------------------------------------

def test_region_account_sees_no_assessor_names_comments_or_reasons(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "security-roles")
    a = create_app(path, secret_key=b"k" * 32)
    ana, _ = login(a, "ana")
    tok = token(ana, "/")
    ws = core.open_workspace(path)
    r = ws.results()
    ws.close()
    ind = next(i for i in r["indicators"] if i["level"])
    assert ana.post(f"/indicator/{ind['id']}/comment",
                    data={"text": "catatan-internal-penilai", "csrf_token": tok}).status_code == 302
    assert ana.post(f"/indicator/{ind['id']}/decide", data={"action": "reject", "reason": "alasan-rahasia-tolak",
                                                            "csrf_token": tok}).status_code == 302
    # the assessor sees it all
    for url in ("/audit", f"/audit?indicator={ind['id']}", f"/indicator/{ind['id']}"):
        page = ana.get(url).text
        assert "alasan-rahasia-tolak" in page, url
    assert "catatan-internal-penilai" in ana.get(f"/indicator/{ind['id']}").text
    reg, _ = login(a, "wilayah")
    for url in ("/audit", f"/audit?indicator={ind['id']}", f"/indicator/{ind['id']}", "/", "/reconcile", "/queue"):
        resp = reg.get(url)
        assert resp.status_code == 200, url
        page = resp.text
        assert "alasan-rahasia-tolak" not in page, url
        assert "catatan-internal-penilai" not in page, url
        assert ">ana<" not in page and "ana (" not in page and "ana:" not in page, url
    # the decision itself (a rejection of the proposal) is still shown to the region
    assert 'class="ev-reject"' in reg.get("/audit").text


def test_region_account_must_name_its_region_on_a_multi_region_workspace(tmp_path):
    from evidence_mapper.review import ReviewError
    from evidence_mapper.review.users import add_user
    from evidence_mapper.store import Workspace

    ws = Workspace.init(tmp_path / "multi")
    for reg in ("Kabupaten A", "Kota B"):
        ws.db["runs"].insert({"id": f"run-{reg}", "kind": "map", "framework": "spbe-2020", "model": "m",
                              "assessment_year": 2025, "started_at": "2025-01-01", "finished_at": "2025-01-01",
                              "params_json": json.dumps({"region": reg})})
    with pytest.raises(ReviewError, match="region"):
        add_user(ws, "daerah", "sandi-daerah-1", "region")
    u = add_user(ws, "daerah", "sandi-daerah-1", "region", region="Kota B")
    assert u.region == "Kota B"
    # an account made without a region before this rule is refused on every page
    ws.db["users"].insert({"username": "lama", "password_hash": ws.db["users"].get("daerah")["password_hash"],
                           "role": "region", "region": None, "created_at": "x", "active": 1, "session_version": 1})
    ws.close()
    a = create_app(tmp_path / "multi", secret_key=b"k" * 32)
    c, r = login(a, "lama", "sandi-daerah-1")
    assert r.status_code == 302
    assert c.get("/documents").status_code == 403


# -- 8. bad URL parameters -------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/page/{sha}/9223372036854775808.png", "/page/{sha}/99999999999999999999999.png",
                                 "/page/{sha}/-1.png", "/page/{sha}/x.png", "/doc/{sha}/9223372036854775808",
                                 "/indicator/9223372036854775808", "/indicator/-3", "/indicator/abc",
                                 "/audit?indicator=9223372036854775808", "/audit?indicator=-9223372036854775809",
                                 "/audit?indicator=abc", "/doc/{sha}/1?start=9223372036854775808&end=-99999999999999999999",
                                 "/doc/{sha}/1?passage=%0a", "/indicator/1?link=99999999999999999999",
                                 "/login?next=%0a", "/page/{sha}/0.png"])
def test_bad_url_parameters_are_not_500(app, url):
    ws = core.open_workspace(app.config["WORKSPACE"])
    sha = ws.db.execute("select sha256 from documents limit 1").fetchone()[0]
    ws.close()
    c, _ = login(app, "ana")
    r = c.get(url.format(sha=sha))
    assert r.status_code in (200, 400, 404), (url, r.status_code)


def test_bad_form_numbers_are_not_500(app):
    c, _ = login(app, "ana")
    tok = token(c, "/")
    ws = core.open_workspace(app.config["WORKSPACE"])
    sha = ws.db.execute("select sha256 from documents limit 1").fetchone()[0]
    ws.close()
    for data in ({"indicator": "9223372036854775808", "doc_sha256": sha},
                 {"indicator": "1", "doc_sha256": sha, "page": "9223372036854775808", "char_start": "0",
                  "char_end": "99999999999999999999"}):
        r = c.post("/evidence", data=dict(data, csrf_token=tok))
        assert r.status_code in (302, 400, 404), r.status_code
    r = c.post("/indicator/1/decide", data={"action": "override", "level": "9223372036854775808", "reason": "x",
                                            "csrf_token": tok})
    assert r.status_code in (302, 400, 404)


# -- 5. links inside an ingested folder ------------------------------------------------------

def test_folder_ingest_refuses_symbolic_links(tmp_path):
    from evidence_mapper.store import Workspace

    secret = tmp_path / "outside" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:rahasia-di-luar:/root:/bin/bash\n" * 20, encoding="utf-8")
    (tmp_path / "outside" / "deep.txt").write_text("dokumen di folder tertaut rahasia-folder\n" * 20)
    sub = tmp_path / "kiriman"
    sub.mkdir()
    (sub / "asli.txt").write_text("Peraturan Bupati tentang SPBE.\n" * 20, encoding="utf-8")
    (sub / "passwd.txt").symlink_to(secret)
    (sub / "folder").symlink_to(tmp_path / "outside", target_is_directory=True)
    (sub / "putus.txt").symlink_to(tmp_path / "nowhere.txt")
    ws = Workspace.init(tmp_path / "ws")
    s = ws.ingest([sub])
    errs = {Path(p).name: k for p, k, _ in s.errors}
    assert errs == {"passwd.txt": "unsafe", "folder": "unsafe", "putus.txt": "unsafe"}
    assert [Path(p).name for p in s.added] == ["asli.txt"]
    texts = " ".join(r["text"] for r in ws.db.query("select text from pages"))
    assert "rahasia-di-luar" not in texts and "rahasia-folder" not in texts
    assert len(list((ws.path / "files").iterdir())) == 1  # only the real file kept
    ws.close()


# -- 6. tamper evidence ----------------------------------------------------------------------

def _reviewed(tmp_path_factory, name):
    """A sample workspace with two decisions and a comment, through the review core."""
    path = sample_workspace(tmp_path_factory, name)
    ws = core.open_workspace(path)
    r = ws.results()
    ana = core.Actor("ana", "assessor")
    inds = [i for i in r["indicators"] if i["level"]][:2]
    core.decide(ws, ana, r, inds[0]["id"], "accept")
    core.comment(ws, ana, r, inds[0]["id"], "catatan")
    core.decide(ws, ana, r, inds[1]["id"], "reject", reason="tidak cukup")
    ws.close()
    return path


def _raw(path):
    return sqlite3.connect(str(Path(path) / "workspace.sqlite"), isolation_level=None)


def _verify(path, *extra):
    return subprocess.run([sys.executable, "-m", "evidence_mapper", "verify", str(path), *extra],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=SRC))


def test_replace_into_decisions_and_audit_rows_is_refused(tmp_path_factory):
    path = _reviewed(tmp_path_factory, "tamper-replace")
    ws = core.open_workspace(path)
    try:
        for sql in ("INSERT OR REPLACE INTO decisions (id, framework, indicator, action, level, user, at) "
                    "VALUES (1, 'spbe-2020', 1, 'override', 5, 'mallory', 'x')",
                    "REPLACE INTO audit_events (id, at, user, action) VALUES (1, 'x', 'mallory', 'accept')",
                    "UPDATE decisions SET level = 5 WHERE id = 1",
                    "DELETE FROM audit_events WHERE id = 2"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                ws.db.execute(sql)
        assert ws.db.execute("select user from decisions where id = 1").fetchone()[0] == "ana"
    finally:
        ws.close()


def test_verify_passes_on_an_untouched_workspace_and_export_has_the_head(tmp_path_factory, tmp_path):
    path = _reviewed(tmp_path_factory, "tamper-clean")
    out = _verify(path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "decisions: 2 rows" in out.stdout and "audit_events: 3 rows" in out.stdout
    ws = core.open_workspace(path)
    files = core.export(ws, ws.results(), tmp_path / "exp")
    ws.close()
    final = json.loads(files["final"].read_text(encoding="utf-8"))
    head = final["chain"]["audit_events"]["head"]
    assert re.fullmatch(r"[0-9a-f]{64}", head) and final["chain"]["decisions"]["rows"] == 2
    assert head in out.stdout
    assert _verify(path, "--head", head).returncode == 0


def test_verify_names_a_row_altered_with_the_triggers_dropped(tmp_path_factory):
    path = _reviewed(tmp_path_factory, "tamper-edit")
    con = _raw(path)
    con.execute("drop trigger decisions_no_update")
    con.execute("update decisions set level = 5 where id = 1")
    con.close()
    out = _verify(path)
    assert out.returncode == 1
    assert "trigger decisions_no_update is missing" in out.stderr
    assert "decisions row 1: content altered" in out.stderr
    assert "row 2" not in out.stderr  # the next row still follows the stored hash: one break, one line


@pytest.mark.slow
def test_verify_finds_a_removed_and_a_forged_row(tmp_path_factory, tmp_path):
    path = _reviewed(tmp_path_factory, "tamper-delete")
    con = _raw(path)
    con.execute("drop trigger audit_events_no_delete")
    con.execute("delete from audit_events where id = 2")
    con.execute("create trigger audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT "
                "RAISE(ABORT, 'audit_events is append-only'); END")  # put back to hide it
    con.execute("insert into audit_events (id, at, user, role, action) values (4, 'x', 'mallory', 'admin', 'accept')")
    con.close()
    out = _verify(path)
    assert out.returncode == 1
    assert "audit_events: rows 2..2 are missing" in out.stderr
    assert "audit_events row 3: does not follow" in out.stderr
    assert "audit_events row 4: no hash" in out.stderr
    # truncating the last row: the chain is whole, but an exported head is no longer in it
    path2 = _reviewed(tmp_path_factory, "tamper-truncate")
    ws = core.open_workspace(path2)
    files = core.export(ws, ws.results(), tmp_path / "exp2")
    ws.close()
    head = json.loads(files["final"].read_text(encoding="utf-8"))["chain"]["audit_events"]["head"]
    con = _raw(path2)
    con.execute("drop trigger audit_events_no_delete")
    con.execute("delete from audit_events where id = 3")
    con.execute("create trigger audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT "
                "RAISE(ABORT, 'audit_events is append-only'); END")
    con.close()
    assert _verify(path2).returncode == 0  # nothing inside the file shows it ...
    out = _verify(path2, "--head", head)
    assert out.returncode == 1 and "no longer in the chain" in out.stderr  # ... the kept head does


def test_dropped_audit_table_is_reported_not_recreated(tmp_path_factory):
    from evidence_mapper.store import Workspace, WorkspaceError

    path = _reviewed(tmp_path_factory, "tamper-drop")
    con = _raw(path)
    con.execute("drop table audit_events")
    con.close()
    with pytest.raises(WorkspaceError, match="tampering detected: table audit_events is missing"):
        Workspace(path)
    con = _raw(path)
    assert "audit_events" not in {r[0] for r in con.execute("select name from sqlite_master")}  # not recreated
    con.close()
    out = _verify(path)
    assert out.returncode == 1 and "table audit_events is missing" in out.stderr
    # a dropped trigger alone is reported as well
    path2 = _reviewed(tmp_path_factory, "tamper-drop-trigger")
    con = _raw(path2)
    con.execute("drop trigger audit_events_no_update")
    con.close()
    with pytest.raises(WorkspaceError, match="trigger audit_events_no_update is missing"):
        Workspace(path2)
    r = subprocess.run([sys.executable, "-m", "evidence_mapper", "review", "export", str(path2)],
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=SRC))
    assert r.returncode != 0 and "tampering detected" in r.stderr


# -- 9. file modes and the signing key -------------------------------------------------------

def _mode(p):
    return stat.S_IMODE(Path(p).stat().st_mode)


def test_workspace_is_created_private(tmp_path, monkeypatch):
    from evidence_mapper.review.users import add_user
    from evidence_mapper.store import Workspace

    old = os.umask(0o022)  # the usual umask: files 0644, folders 0755 unless made private
    try:
        ws = Workspace.init(tmp_path / "ws", region="Kabupaten Sukamaju")
        add_user(ws, "ana", "sandi-ana-123", "assessor")
        f = tmp_path / "a.txt"
        f.write_text("Peraturan Bupati tentang SPBE.\n" * 20, encoding="utf-8")
        ws.ingest([f])
        ws.map()
        ws.close()
        a = create_app(tmp_path / "ws", secret_key=b"k" * 32)
        a.config["TESTING"] = True
        c, r = login(a, "ana", "sandi-ana-123")
        tok = token(c, "/")
        r = c.post("/upload", data={"csrf_token": tok, "file": (io.BytesIO(b"Rencana Induk SPBE daerah.\n" * 30),
                                                                 "rencana.txt")})
        assert r.status_code == 302
        ws = core.open_workspace(tmp_path / "ws")
        sha = ws.db.execute("select sha256 from documents limit 1").fetchone()[0]
        ws.close()
        assert c.get(f"/page/{sha}/1.png").status_code == 200
    finally:
        os.umask(old)
    root = tmp_path / "ws"
    assert _mode(root) == 0o700
    for name in ("workspace.sqlite", "workspace.sqlite-wal", "config.json"):
        if (root / name).exists():
            assert _mode(root / name) == 0o600, name
    for d in ("files", "uploads", "cache", "cache/pages"):
        assert _mode(root / d) == 0o700, d
    kept = [p for d in ("files", "uploads", "cache") for p in (root / d).rglob("*")]
    assert any(p.is_file() for p in kept)
    for p in kept:
        assert _mode(p) == (0o700 if p.is_dir() else 0o600), p
    assert not (root / ".review-secret").exists()


def test_existing_world_readable_workspace_is_tightened_on_open(tmp_path):
    from evidence_mapper.store import Workspace

    Workspace.init(tmp_path / "ws").close()
    os.chmod(tmp_path / "ws", 0o755)
    os.chmod(tmp_path / "ws" / "workspace.sqlite", 0o644)
    Workspace(tmp_path / "ws").close()
    assert _mode(tmp_path / "ws") == 0o700 and _mode(tmp_path / "ws" / "workspace.sqlite") == 0o600


def test_signing_key_lives_outside_the_workspace_and_rotates(tmp_path, monkeypatch, wspath):
    from evidence_mapper.review.secret import load_secret, secret_path

    monkeypatch.setenv("EVIDENCE_MAPPER_CONFIG", str(tmp_path / "cfg"))
    legacy = Path(wspath) / ".review-secret"
    legacy.write_bytes(b"L" * 32)
    a = create_app(wspath)
    key = secret_path(wspath)
    assert key.is_file() and not legacy.exists()  # moved out of the workspace
    assert tmp_path / "cfg" in key.parents and Path(wspath) not in key.parents
    assert _mode(key) == 0o600 and _mode(key.parent) == 0o700
    assert a.config["SECRET_KEY"] == b"L" * 32  # sessions signed before the move stay valid
    c, r = login(a, "ana")
    assert c.get("/").status_code == 200
    load_secret(wspath, rotate=True)  # serve --rotate-secret
    b = create_app(wspath)
    assert b.config["SECRET_KEY"] != a.config["SECRET_KEY"]
    c2 = b.test_client()
    c2.set_cookie("em_session", c.get_cookie("em_session").value)
    assert c2.get("/").status_code == 302  # every old session ends


# -- 10. a production server -----------------------------------------------------------------

def _serve(path, *extra):
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "evidence_mapper", "serve", str(path), "--port", str(port), *extra],
                            env=dict(os.environ, PYTHONPATH=SRC), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                return proc, httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise AssertionError(proc.stdout.read().decode() if proc.poll() is not None else "no answer")
    except BaseException:
        proc.terminate()
        proc.wait(10)
        raise


@pytest.mark.slow
def test_serve_runs_on_waitress_and_dev_on_werkzeug(tmp_path_factory):
    path = sample_workspace(tmp_path_factory, "security-serve")
    for extra, server in (((), "evidence-mapper"), (("--dev",), "Werkzeug")):
        proc, r = _serve(path, *extra)
        try:
            assert r.status_code == 200 and "Masuk" in r.text
            assert r.headers.get("Server", "").startswith(server), (extra, r.headers.get("Server"))
        finally:
            proc.terminate()
            proc.wait(10)
