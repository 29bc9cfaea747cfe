"""The review workspace in a real browser: Debian's Chromium, headless, driven by Playwright.

No browser is downloaded: the tests use /usr/bin/chromium and are skipped when it is absent.
Screenshots of the board, an indicator page with a highlighted box and the audit trail go to
``out/screens/``.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("no /usr/bin/chromium", allow_module_level=True)
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
sync_api = pytest.importorskip("playwright.sync_api")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from browser.sample_ws import PASSWORDS, sample_workspace  # noqa: E402

from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    path = sample_workspace(tmp_path_factory, "browser")
    srv = make_server("127.0.0.1", 0, create_app(path), threaded=True)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield {"url": f"http://127.0.0.1:{srv.server_port}", "ws": path}
    srv.shutdown()
    th.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID")
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    ctx.close()


def login(page, server, user):
    page.goto(server["url"] + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORDS[user])
    page.click("#login-submit")
    page.wait_for_selector("#whoami")


def wait_for_image(page, selector, tries=100):
    # polled from here: wait_for_function evaluates strings, which the page's CSP forbids
    for _ in range(tries):
        if page.evaluate("(s) => { const i = document.querySelector(s); return !!i && i.complete && "
                         "i.naturalWidth > 0; }", selector):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{selector} did not load")


def settled_boxes(page, *selectors, tries=50):
    """Client boxes of several elements measured in one go (no scroll or reflow between them),
    taken once two measurements 50 ms apart agree (the image decoded, scrolling done)."""
    js = ("(sels) => sels.map((s) => { const r = document.querySelector(s).getBoundingClientRect(); "
          "return {x: r.left, y: r.top, width: r.width, height: r.height}; })")
    prev = None
    for _ in range(tries):
        cur = page.evaluate(js, list(selectors))
        if cur == prev:
            return cur
        prev = cur
        page.wait_for_timeout(50)
    raise AssertionError(f"{selectors}: layout did not settle")


def page_size(server, lk):
    ws = core.open_workspace(server["ws"])
    try:
        row = ws.db["pages"].get((lk["doc_sha256"], lk["page"]))
    finally:
        ws.close()
    return row["width"], row["height"]


def boxed_indicator(server):
    ws = core.open_workspace(server["ws"])
    try:
        r = ws.results()
    finally:
        ws.close()
    ind = next(i for i in r["indicators"] if i["level"] and i["level"] < 5 and any(lk["bbox"] for lk in i["links"]))
    return ind, next(lk for lk in ind["links"] if lk["bbox"])


def test_assessor_overrides_a_level_and_sees_it_persisted_and_audited(page, server):
    SCREENS.mkdir(parents=True, exist_ok=True)
    login(page, server, "ana")
    assert page.locator("#board tbody tr[data-indicator]").count() == 47
    assert "0 dari 47" in page.inner_text("#progress")
    page.screenshot(path=str(SCREENS / "board.png"), full_page=True)

    ind, lk = boxed_indicator(server)
    page.click(f"#board tr[data-indicator='{ind['id']}'] a")
    page.wait_for_selector("#ind-title")
    # open the evidence link: the page image with the passage's box, next to its text
    page.click(f"a.evlink[href*='link={lk['id']}']")
    page.wait_for_url(f"**link={lk['id']}**")
    wait_for_image(page, "#page-image")
    page.wait_for_selector("#highlight", state="visible")
    assert page.locator("#highlight").is_visible()
    img, hl = settled_boxes(page, "#page-image", "#highlight")
    assert img["width"] > 200 and hl["width"] > 5 and hl["height"] > 3
    assert img["x"] <= hl["x"] and hl["x"] + hl["width"] <= img["x"] + img["width"] + 1
    assert img["y"] <= hl["y"] and hl["y"] + hl["height"] <= img["y"] + img["height"] + 1
    # the box sits where the passage is on the page (PDF points, top-left origin): one box per
    # line of the passage, #highlight being the first
    w, h = page_size(server, lk)
    x0, y0, x1, _ = lk["boxes"][0] if lk.get("boxes") else (lk["x0"], lk["y0"], lk["x1"], lk["y1"])
    assert page.locator("#viewer .hl").count() == len(lk.get("boxes") or [1])
    assert abs((hl["x"] - img["x"]) / img["width"] - x0 / w) < 0.01
    assert abs((hl["y"] - img["y"]) / img["height"] - y0 / h) < 0.01
    assert abs(hl["width"] / img["width"] - (x1 - x0) / w) < 0.01
    assert " ".join(lk["quote"].split())[:30] in " ".join(page.inner_text("#span").split())
    page.locator("#viewer").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENS / "indicator.png"), full_page=True)

    new_level = ind["level"] + 1
    page.select_option("#override-level", str(new_level))
    page.fill("#override-reason", "SK penetapan ditemukan di lampiran")
    page.click("#btn-override")
    page.wait_for_selector("#final-level")
    page.reload()
    assert page.inner_text("#final-level") == str(new_level)
    assert page.inner_text("#proposed-level") == str(ind["level"])  # the proposal is kept apart
    row = page.locator("#audit-trail tbody tr").first.inner_text()
    assert "SK penetapan ditemukan di lampiran" in row and "ana" in row and str(new_level) in row

    page.fill("#comment-text", "Minta salinan SK yang ditandatangani")
    page.click("#form-comment button")
    page.wait_for_selector("#comments")
    page.goto(server["url"] + "/audit")
    trail = page.inner_text("#audit-trail")
    assert "SK penetapan ditemukan di lampiran" in trail and "Minta salinan SK" in trail
    page.screenshot(path=str(SCREENS / "audit.png"), full_page=True)
    assert page.dialogs == []


def test_keyboard_accept_moves_to_the_next_in_queue(page, server):
    login(page, server, "budi")
    page.goto(server["url"] + "/queue/next")
    page.wait_for_selector("#ind-title")
    first = page.url
    if page.locator("#btn-accept").is_disabled():
        page.press("body", "r")
        page.keyboard.type("tidak ada bukti yang relevan")
        page.press("#reject-reason", "Enter")
    else:
        # the first press only arms the button and asks for confirmation; Esc disarms
        page.press("body", "a")
        page.wait_for_timeout(400)
        assert page.url == first and page.locator("#confirm-accept").is_visible()
        page.keyboard.press("Escape")
        assert not page.locator("#confirm-accept").is_visible()
        page.keyboard.press("a")
        page.wait_for_timeout(300)
        assert page.url == first
        page.keyboard.press("a")
    page.wait_for_url(lambda u: u != first)
    page.wait_for_selector("#ind-title")
    assert page.url != first
    ws = core.open_workspace(server["ws"])
    try:
        last = list(ws.db.query("select user, action from audit_events order by id desc limit 1"))[0]
    finally:
        ws.close()
    assert last["user"] == "budi" and last["action"] in ("accept", "reject")


def test_region_account_cannot_decide(page, server):
    login(page, server, "wilayah")
    ind, _ = boxed_indicator(server)
    page.goto(f"{server['url']}/indicator/{ind['id']}")
    assert page.locator("#decide").count() == 0 and page.locator("#read-only").is_visible()
    # a hand-made form with a valid token is still refused by role
    status = page.evaluate("""async (iid) => {
        const tok = document.querySelector('input[name=csrf_token]').value;
        const body = new URLSearchParams({action: 'override', level: '5', reason: 'x', csrf_token: tok});
        const r = await fetch(`/indicator/${iid}/decide`, {method: 'POST', body, redirect: 'manual'});
        return r.status; }""", ind["id"])
    assert status == 403
    page.goto(server["url"] + "/gaps")
    assert page.locator("#gaps").is_visible()


def test_form_without_csrf_token_is_refused(page, server):
    login(page, server, "admin")
    ind, _ = boxed_indicator(server)
    page.goto(f"{server['url']}/indicator/{ind['id']}")
    ws = core.open_workspace(server["ws"])
    n = ws.db["audit_events"].count
    ws.close()
    page.evaluate("document.querySelector('#form-override input[name=csrf_token]').remove()")
    page.fill("#override-reason", "tanpa token")
    with page.expect_navigation():
        page.click("#btn-override")
    assert "403" in page.inner_text("main")
    ws = core.open_workspace(server["ws"])
    assert ws.db["audit_events"].count == n
    ws.close()


def test_script_in_a_comment_does_not_run(page, server):
    login(page, server, "ana")
    ind, _ = boxed_indicator(server)
    page.goto(f"{server['url']}/indicator/{ind['id']}")
    evil = '<script>alert("xss")</script><img src=x onerror="alert(1)">'
    page.fill("#comment-text", evil)
    page.click("#form-comment button")
    page.wait_for_selector("#comments")
    assert evil in page.inner_text("#comments")  # shown as text
    page.goto(server["url"] + "/audit")
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_add_evidence_by_selecting_text_on_a_page(page, server):
    login(page, server, "admin")
    ind, lk = boxed_indicator(server)
    page.goto(f"{server['url']}/doc/{lk['doc_sha256']}/{lk['page']}?ind={ind['id']}")
    wait_for_image(page, "#page-image")
    # select 25 characters of the page text the way a mouse would, then let the page pick it up
    start = page.evaluate("""() => {
        const pre = document.getElementById('pagetext');
        const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let node, offset = 0;
        while ((node = walk.nextNode()) && node.length < 40) offset += node.length;
        const r = document.createRange();
        r.setStart(node, 10); r.setEnd(node, 35);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
        pre.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        return [offset + 10, Number(document.getElementById('sel-start').value)]; }""")
    assert start[0] == start[1] and page.input_value("#sel-end") == str(start[0] + 25)
    s0 = start[0]
    page.screenshot(path=str(SCREENS / "document.png"), full_page=True)
    page.click("#btn-add-evidence")
    page.wait_for_selector("#added-evidence")
    ws = core.open_workspace(server["ws"])
    try:
        ev = core.added_evidence(ws, "spbe-2020", ind["id"])[-1]
        text = ws.db["pages"].get((lk["doc_sha256"], lk["page"]))["text"]
    finally:
        ws.close()
    assert ev["user"] == "admin" and ev["payload"]["char_start"] == s0 and ev["payload"]["char_end"] == s0 + 25
    assert ev["payload"]["quote"] == text[s0:s0 + 25] and ev["payload"]["bbox"]
    assert " ".join(text[s0:s0 + 25].split())[:10] in page.inner_text("#added-evidence")


def _far_link(server):
    """An evidence link whose span starts far down its page's text (so it needs scrolling)."""
    ws = core.open_workspace(server["ws"])
    try:
        r = ws.results()
        best = None
        for ind in r["indicators"]:
            for lk in ind["links"]:
                if best is None or lk["char_start"] > best[1]["char_start"]:
                    best = (ind, lk)
    finally:
        ws.close()
    return best


def test_viewer_scrolls_to_and_flashes_the_span(page, server):
    login(page, server, "ana")
    ind, lk = _far_link(server)
    page.set_viewport_size({"width": 1400, "height": 700})
    page.goto(f"{server['url']}/indicator/{ind['id']}?link={lk['id']}")
    page.wait_for_selector("#span")
    page.wait_for_timeout(300)
    assert "flash" in (page.get_attribute("#span", "class") or "")
    # the mark is inside the visible part of its scrolling text box and of the window
    inside = page.evaluate("""() => { const m = document.getElementById('span'), p = m.closest('pre');
        const a = m.getBoundingClientRect(), b = p.getBoundingClientRect();
        return a.top >= b.top - 1 && a.top <= b.bottom && a.top >= 0 && a.top <= window.innerHeight; }""")
    assert inside


def test_board_shows_decision_kinds_with_filters(page, server):
    from evidence_mapper.review.core import Actor, decide

    ws = core.open_workspace(server["ws"])
    try:
        r = ws.results()
        # indicators no earlier test of this module has decided (their board kind would mix
        # those decisions in)
        fresh = {row["id"] for row in core.board(ws, r) if row["review"]["state"] == "unreviewed"}
        levelled = [i for i in r["indicators"] if i["level"] and i["level"] < 5 and i["id"] in fresh][-3:]
        assert len(levelled) == 3
        actor = core_actor = None
        from evidence_mapper.review.users import get_user
        actor = get_user(ws, "admin")
        decide(ws, actor, r, levelled[0]["id"], "accept")
        decide(ws, actor, r, levelled[1]["id"], "override", level=levelled[1]["level"] + 1, reason="SK ada")
        decide(ws, actor, r, levelled[2]["id"], "reject", reason="bukan bukti")
    finally:
        ws.close()
    login(page, server, "ana")
    for iid, kind, word in ((levelled[0]["id"], "accepted", "diterima"), (levelled[1]["id"], "overridden", "level diubah"),
                            (levelled[2]["id"], "rejected", "ditolak")):
        row = page.locator(f"#board tr[data-indicator='{iid}']")
        assert row.get_attribute("data-kind") == kind and word in row.inner_text()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "board-kinds.png"), full_page=False)
    page.click("#kind-filters a[data-kind='overridden']")
    page.wait_for_selector("#board")
    kinds = {page.locator("#board tr[data-indicator]").nth(i).get_attribute("data-kind")
             for i in range(page.locator("#board tr[data-indicator]").count())}
    assert kinds == {"overridden"}
    page.click("#kind-filters a[data-kind='']")
    assert page.locator("#board tbody tr[data-indicator]").count() == 47


def test_web_gaps_page_equals_the_gaps_command(page, server):
    import json
    import subprocess

    out = subprocess.run([sys.executable, "-m", "evidence_mapper", "gaps", str(server["ws"]), "--json"],
                         capture_output=True, text=True, env=os.environ.copy())
    g = json.loads(out.stdout)
    login(page, server, "ana")
    page.goto(server["url"] + "/gaps")
    rows = page.locator("#gaps tbody tr[data-indicator]")
    ids = [int(rows.nth(i).get_attribute("data-indicator")) for i in range(rows.count())]
    assert ids == [it["id"] for it in g["indicators"]]
    first = rows.first.inner_text()
    assert f"+{g['indicators'][0]['gain']:.3f}" in first and f"{g['indicators'][0]['index_if_closed_cumulative']:.2f}" in first
    assert f"level {g['target']['level']}" in page.inner_text("#gaps-target")
    assert f"{g['if_closed']['index']:.2f}" in page.inner_text("#gaps-index")
