"""The review web application (Flask, server-rendered Jinja2 pages, no build step).

Security: argon2 password hashes; a signed session cookie (HttpOnly, SameSite=Strict, Secure
on request); a CSRF token checked on every POST; autoescaped templates and a strict
Content-Security-Policy (scripts only from /static); documents addressed by sha256 only, so
no path from a request ever reaches the file system.

Facing a network: sessions are revoked server-side (a per-account session version; see
:mod:`.users`) and expire after ``session_hours`` idle; logins are throttled per account and
per client address before any password is hashed (:mod:`.throttle`); redirects after login go
to relative paths only; region accounts see decisions without assessors' names, comments or
reasons; URL numbers out of range are 404; the signing key lives outside the workspace
(:mod:`.secret`); ``serve`` runs on waitress (Werkzeug's server only with ``--dev``).
"""

from __future__ import annotations

import functools
import json
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import (Flask, abort, flash, g, make_response, redirect, render_template, request, send_file,
                   session, url_for)
from werkzeug.routing import IntegerConverter

from ..store import WorkspaceError, lookup, perms, read
from . import core
from .core import Actor, PermissionDenied, ReviewError
from .pages import SHA, PageNotFound, page_png, page_size
from .secret import load_secret
from .throttle import LoginThrottle, Throttled
from .users import authenticate, end_sessions, get_user, session_version

HERE = Path(__file__).parent
LANGS = ("id", "en")
MAX_UPLOAD = 50 * 1024 * 1024
SESSION_HOURS = 12.0  # idle lifetime of a login
MAX_INT = 2**31 - 1  # URL and form numbers above this are not pages, indicators or offsets


class BoundedInt(IntegerConverter):
    """``<int:...>`` in routes: non-negative and below ``MAX_INT`` (else 404, never 500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_INT, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def small_int(v: str) -> int:
    """``type=`` for query and form numbers: ValueError (so: absent) when out of range."""
    i = int(v)
    if not -MAX_INT <= i <= MAX_INT:
        raise ValueError("out of range")
    return i


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, else ``default``: no scheme or host, no
    ``//``, no backslash, no control character (tab, newline) raw or percent-encoded."""
    if not target or not isinstance(target, str) or len(target) > 2000:
        return default
    decoded = target
    for _ in range(3):
        decoded = unquote(decoded)
    for t in (target, decoded):
        if any(ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f for ch in t) or "\\" in t:
            return default
        if not t.startswith("/") or t.startswith("//"):
            return default
        parts = urlsplit(t)
        if parts.scheme or parts.netloc:
            return default
    return target


@functools.lru_cache(maxsize=1)
def labels() -> dict:
    own = json.loads((HERE / "i18n.json").read_text(encoding="utf-8"))
    try:
        from ..report import labels as report_labels

        base = report_labels()
        return {lang: {**base.get(lang, {}), **own[lang]} for lang in own}
    except Exception:  # the report labels are a convenience only
        return own


def create_app(workspace: str | Path, *, secure_cookies: bool = False, secret_key: bytes | None = None,
               session_hours: float = SESSION_HOURS, throttle: LoginThrottle | None = None) -> Flask:
    ws_path = Path(workspace).resolve()
    core.open_workspace(ws_path).close()  # fail early on a bad workspace
    perms.tighten(ws_path, deep=True)  # 0700 folders, 0600 files: originals, uploads, page images
    app = Flask(__name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.url_map.converters["int"] = BoundedInt
    thr = throttle or LoginThrottle()
    app.extensions["login_throttle"] = thr
    app.config.update(
        SECRET_KEY=secret_key or load_secret(ws_path),
        PERMANENT_SESSION_LIFETIME=timedelta(hours=session_hours),
        SESSION_REFRESH_EACH_REQUEST=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=secure_cookies,
        SESSION_COOKIE_NAME="em_session",
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        WORKSPACE=ws_path,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.filters["fmt2"] = lambda v: "-" if v is None else f"{v:.2f}"
    app.jinja_env.filters["dash"] = lambda v: "-" if v in (None, "") else v
    from ..i18n import translate_note
    app.jinja_env.filters["note"] = translate_note

    # -- per request ----------------------------------------------------------------------
    @app.before_request
    def _load():
        g.ws = core.open_workspace(ws_path)
        lang = request.args.get("lang")
        if lang in LANGS:
            session["lang"] = lang
        g.lang = session.get("lang", "id")
        g.t = labels()[g.lang]
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method == "GET" and "region" in request.args:  # the region (and year) the pages show
            session["region"] = request.args.get("region") or None
            session["year"] = request.args.get("year", type=small_int)
        g.user = None
        if session.get("user"):
            g.user = get_user(g.ws, session["user"])
            # revoked server-side: logout, a new password or a disabled account moved the version on
            if g.user is None or session.get("sv") != session_version(g.ws, g.user.username):
                g.user = None
                session.pop("user", None)
                session.pop("sv", None)
        if request.method == "POST":
            sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
            if not secrets.compare_digest(sent, session.get("csrf", "")):
                abort(403, description="CSRF token missing or wrong")

    @app.teardown_request
    def _close(exc):
        ws = g.pop("ws", None)
        if ws is not None:
            ws.close()

    @app.after_request
    def _headers(resp):
        resp.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "same-origin"
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    @app.context_processor
    def _ctx():
        shown = g.results.get("region") if "results" in g else None
        return {"t": g.get("t", labels()["id"]), "lang": g.get("lang", "id"), "user": g.get("user"),
                "csrf_token": session.get("csrf", ""),
                "region": shown or (g.ws.config.get("region") if g.get("ws") else None),
                "several_regions": bool(g.get("ws")) and len(g.ws.run_regions()) > 1}

    @app.errorhandler(403)
    def _forbidden(e):
        return render_template("error.html", code=403, message=getattr(e, "description", "")), 403

    @app.errorhandler(404)
    def _notfound(e):
        return render_template("error.html", code=404, message=""), 404

    @app.errorhandler(400)
    def _badrequest(e):
        return render_template("error.html", code=400, message=""), 400

    @app.errorhandler(OverflowError)  # a number SQLite cannot hold is no page, indicator or offset
    def _overflow(e):
        return render_template("error.html", code=404, message=""), 404

    @app.errorhandler(413)
    def _toolarge(e):
        return render_template("error.html", code=413, message=g.get("t", labels()["id"]).get("upload_too_large", "")), 413

    def login_required(roles: tuple[str, ...] | None = None):
        def deco(fn):
            @functools.wraps(fn)
            def inner(*a, **kw):
                if g.user is None:
                    return redirect(url_for("login", next=request.full_path if request.method == "GET" else None))
                if roles and g.user.role not in roles:
                    abort(403, description="role")
                if g.user.role == "region" and (g.user.region or None) != (g.ws.config.get("region") or None) \
                        and g.user.region not in g.ws.run_regions():  # neither the workspace's nor a batch region
                    abort(403, description="region")
                if g.user.role == "region" and not g.user.region and len(g.ws.run_regions()) > 1:
                    abort(403, description="region")  # a region account must name its region here
                return fn(*a, **kw)
            return inner
        return deco

    def selected() -> tuple[str | None, int | None]:
        """The region (and year) whose run the pages show: a region account's own, else the one
        picked on the region list (``?region=``, kept in the session), else none."""
        region, year = session.get("region"), session.get("year")
        if g.user is not None and g.user.role == "region" and g.user.region:
            region = g.user.region if g.user.region in g.ws.run_regions() else None
        return region, year

    def results():
        if "results" not in g:
            region, year = selected()
            try:
                g.results = g.ws.results(region=region, year=year)
            except WorkspaceError:
                if read.run_keys(g.ws):  # a batch workspace: its regions are listed to pick from
                    abort(redirect(url_for("regions")))
                abort(404, description="no map run")
        return g.results

    def actor() -> Actor:
        return g.user

    def hidden(obj):
        """What a region account may see of review material: decisions and levels, without
        assessors' names, comments or reasons (their own uploads stay theirs)."""
        if g.user is None or g.user.can_decide:
            return obj
        who = g.t.get("reviewer_hidden", "-")

        def status(st):
            if not isinstance(st, dict):
                return st
            st = dict(st, reviewers=[])
            if "decisions" in st:
                st["decisions"] = [dict(d, user=who) for d in st["decisions"]]
            return st

        if isinstance(obj, dict) and "review" in obj:  # a board row
            return dict(obj, review=status(obj["review"]))
        if isinstance(obj, dict) and "state" in obj:  # an indicator status
            return status(obj)
        out = []
        for e in obj:  # audit events
            if e.get("action") in core.DECISIONS:
                after = e.get("after") or {}
                rv = after.get("review") or {}
                out.append(dict(e, user=who, role="-", reason=None, payload=None,
                                before={k: v for k, v in (e.get("before") or {}).items() if k in ("state", "level")},
                                after=dict({k: after.get(k) for k in ("action", "level", "proposed_level")},
                                           review={"state": rv.get("state"), "level": rv.get("level")})))
            elif e.get("action") == "add_evidence":
                out.append(dict(e, user=who, role="-", reason=None,
                                payload=dict(e.get("payload") or {}, note=None)))
            elif e.get("action") == "upload" and e.get("user") == g.user.username:
                out.append(e)
        return out

    # -- auth -------------------------------------------------------------------------------
    @app.route("/login", methods=["GET", "POST"])
    def login():
        error = None
        if request.method == "POST":
            name = request.form.get("username", "")
            try:  # refused before any hashing when over the budget, whether the account exists or not
                with thr.attempt(name, request.remote_addr):
                    user = authenticate(g.ws, name, request.form.get("password", ""))
            except Throttled as e:
                resp = make_response(render_template("login.html", error=g.t["login_throttled"], next=""), 429)
                resp.headers["Retry-After"] = str(int(e.retry_after) + 1)
                return resp
            if user:
                thr.succeeded(name)
                lang = session.get("lang")
                session.clear()  # a fresh session (and token) at login
                session["user"] = user.username
                session["sv"] = session_version(g.ws, user.username)
                session["csrf"] = secrets.token_urlsafe(32)
                session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME without a request
                if lang:
                    session["lang"] = lang
                return redirect(safe_next(request.form.get("next"), url_for("board")))
            thr.failed(name)
            error = g.t["login_failed"]
        nxt = safe_next(request.args.get("next"), "")
        return render_template("login.html", error=error, next=nxt), (401 if error else 200)

    @app.post("/logout")
    def logout():
        if g.user is not None:
            end_sessions(g.ws, g.user.username)  # every session of the account, not only this cookie
        session.clear()
        return redirect(url_for("login"))

    # -- pages ------------------------------------------------------------------------------
    @app.get("/regions")
    @login_required()
    def regions():
        """The regions (and assessment years) a batch proposed levels for, to pick one."""
        rows = read.region_runs(g.ws)
        if g.user.role == "region":
            rows = [x for x in rows if x["region"] == (g.user.region or g.ws.config.get("region"))]
        return render_template("regions.html", rows=rows, current=selected())

    @app.get("/")
    @login_required()
    def board():
        r = results()
        rows = [hidden(x) for x in core.board(g.ws, r)]
        q = core.review_queue(g.ws, r)
        base, base_year = core.baselines(g.ws, r["framework"]["id"], r)
        aspects = {a["id"]: a for a in r["aspects"]}
        groups = []
        for d in r["domains"]:
            for a in (a for a in r["aspects"] if a["domain_id"] == d["id"]):
                items = [x for x in rows if x["aspect_id"] == a["id"]]
                if items:
                    groups.append({"domain": d, "aspect": a, "rows": items})
        kind_counts: dict[str, int] = {}
        for x in rows:
            kind_counts[x["review"]["kind"]] = kind_counts.get(x["review"]["kind"], 0) + 1
        return render_template("board.html", r=r, groups=groups, q=q, base_year=base_year, has_base=bool(base),
                               aspects=aspects, kinds=core.KINDS, kind_counts=kind_counts)

    @app.get("/indicator/<int:iid>")
    @login_required()
    def indicator(iid: int):
        r = results()
        try:
            ind = core.indicator_of(r, iid)
        except ReviewError:
            abort(404)
        fid = r["framework"]["id"]
        st = hidden(core.indicator_status(g.ws, r, iid))
        links = [lk for c in ind["criteria"] for lk in c["links"]]
        sel = None
        want = request.args.get("link", type=small_int)
        for lk in links:
            if want is None or lk["id"] == want:
                sel = lk
                break
        viewer = _viewer(sel["doc_sha256"], sel["page"], sel["char_start"], sel["char_end"], sel["bbox"],
                         sel.get("boxes")) if sel else None
        added = hidden(core.added_evidence(g.ws, fid, iid))
        for e in added:
            p = e["payload"] or {}
            e["doc"] = lookup.document(g.ws.db, p["doc_sha256"]) if p.get("doc_sha256") else None
        q = core.review_queue(g.ws, r, user=g.user.username)
        nxt = next((x["id"] for x in q["items"] if x["id"] != iid), None)
        from ..frameworks import load_framework
        fw = load_framework(fid)
        return render_template("indicator.html", r=r, ind=ind, st=st, sel=sel, viewer=viewer, added=added,
                               comments=hidden(core.comments(g.ws, fid, iid)),
                               trail=hidden(core.audit_trail(g.ws, fid, iid)),
                               q=q, nxt=nxt, levels=list(range(fw.scale_min, fw.scale_max + 1)),
                               base=core.baselines(g.ws, fid, results())[0].get(iid))

    def _viewer(sha: str, page: int, start: int | None, end: int | None, bbox, boxes=None) -> dict:
        row = lookup.page(g.ws.db, sha, page)
        if row is None:
            abort(404)
        text = row["text"] or ""
        w, h = page_size(g.ws, sha, page)
        box = None
        if bbox and all(v is not None for v in bbox):
            x0, y0, x1, y1 = bbox
            box = {"left": 100 * x0 / w, "top": 100 * y0 / h, "width": 100 * (x1 - x0) / w,
                   "height": 100 * (y1 - y0) / h}
        # the passage's own lines, one highlight each (bbox is their union)
        line_boxes = [{"left": 100 * b[0] / w, "top": 100 * b[1] / h, "width": 100 * (b[2] - b[0]) / w,
                       "height": 100 * (b[3] - b[1]) / h} for b in (boxes or []) if len(b) == 4]
        s = max(0, min(len(text), start or 0))
        e = max(s, min(len(text), end or 0))
        doc = lookup.document(g.ws.db, sha)
        return {"sha": sha, "page": page, "pages": doc["pages"], "doc": doc, "box": box, "boxes": line_boxes,
                "before": text[:s],
                "mark": text[s:e], "after": text[e:], "start": s, "end": e,
                "aspect": 100 * h / w}

    @app.get("/doc/<sha>/<int:page>")
    @login_required()
    def doc_page(sha: str, page: int):
        if not SHA.match(sha) or not lookup.has_document(g.ws.db, sha):
            abort(404)
        start = request.args.get("start", type=small_int)
        end = request.args.get("end", type=small_int)
        bbox = boxes = None
        pid = request.args.get("passage")
        if pid:
            p = lookup.passage(g.ws.db, pid, sha)
            if p:
                start, end = p["char_start"], p["char_end"]
                bbox = [p["x0"], p["y0"], p["x1"], p["y1"]] if p["x0"] is not None else None
                boxes = json.loads(p["boxes_json"]) if p.get("boxes_json") else None
        try:
            viewer = _viewer(sha, page, start, end, bbox, boxes)
        except PageNotFound:
            abort(404)
        passages = lookup.page_passages(g.ws.db, sha, page)
        ind = request.args.get("ind", type=small_int)
        return render_template("docpage.html", viewer=viewer, passages=passages, ind=ind, r=results())

    @app.get("/page/<sha>/<int:page>.png")
    @login_required()
    def page_image(sha: str, page: int):
        try:
            path = page_png(g.ws, sha, page)
        except PageNotFound:
            abort(404)
        root = (ws_path / "cache").resolve()
        if root not in path.resolve().parents:
            abort(404)
        resp = send_file(path, mimetype="image/png", max_age=3600)
        resp.headers["Cache-Control"] = "private, max-age=3600"
        return resp

    @app.get("/documents")
    @login_required()
    def documents():
        from ..store.dedupe import fold_documents

        try:  # near-duplicate copies shown once, under the document the results keep
            groups = g.ws.results().get("near_duplicates", [])
        except (WorkspaceError, ValueError):
            groups = None
        docs = fold_documents(g.ws.db, g.ws.documents(), groups)
        dscores = {}
        region, year = selected()
        run = g.ws.latest_run(region=region, year=year) if region else g.ws.latest_run()
        if run:
            dscores = lookup.doc_scores(g.ws.db, run["id"])
        for d in docs:
            d["kept"] = (ws_path / "files" / d["sha256"]).is_file()
            d["score"] = dscores.get(d["sha256"], {}).get("evidence_score")
        return render_template("documents.html", docs=docs, errors=g.ws.errors())

    @app.get("/gaps")
    @login_required()
    def gaps():
        r = results()
        from .gapsview import gap_view
        return render_template("gaps.html", r=r, gaps=[i for i in r["indicators"] if i["state"] == "insufficient_evidence"],
                               **gap_view(r, g.lang, request.args.get("target", type=int)))

    @app.get("/queue")
    @login_required()
    def queue():
        r = results()
        q = core.review_queue(g.ws, r, user=g.user.username)
        return render_template("queue.html", q=q, r=r)

    @app.get("/queue/next")
    @login_required(("assessor", "admin"))
    def queue_next():
        q = core.review_queue(g.ws, results(), user=g.user.username)
        if not q["items"]:
            flash(g.t["queue_empty"])
            return redirect(url_for("queue"))
        return redirect(url_for("indicator", iid=q["items"][0]["id"]))

    @app.get("/reconcile")
    @login_required()
    def reconcile():
        return render_template("reconcile.html", rows=[hidden(x) for x in core.reconciliation_queue(g.ws, results())])

    @app.get("/audit")
    @login_required()
    def audit():
        r = results()
        iid = request.args.get("indicator", type=small_int)
        return render_template("audit.html", trail=list(reversed(hidden(core.audit_trail(g.ws, r["framework"]["id"], iid)))),
                               iid=iid)

    # -- actions ----------------------------------------------------------------------------
    def _do(fn, iid: int):
        if len(g.ws.run_regions()) > 1:  # decisions are kept per indicator, not per region: read here only
            flash(f"{g.t['refused']}: {g.t['several_regions_readonly']}", "error")
            return redirect(url_for("indicator", iid=iid))
        try:
            fn()
        except PermissionDenied:
            abort(403, description="role")
        except ReviewError as e:
            flash(f"{g.t['refused']}: {e}", "error")
            return redirect(url_for("indicator", iid=iid))
        return None

    @app.post("/indicator/<int:iid>/decide")
    @login_required(("assessor", "admin"))
    def decide(iid: int):
        r = results()
        f = request.form
        level = f.get("level", type=small_int)
        bad = _do(lambda: core.decide(g.ws, actor(), r, iid, f.get("action", ""), level=level,
                                      reason=f.get("reason"), resolves=f.get("resolves") == "1"), iid)
        if bad:
            return bad
        flash(g.t["saved"])
        if f.get("then") == "next":
            return redirect(url_for("queue_next"))
        return redirect(url_for("indicator", iid=iid))

    @app.post("/indicator/<int:iid>/comment")
    @login_required(("assessor", "admin"))
    def comment(iid: int):
        r = results()
        bad = _do(lambda: core.comment(g.ws, actor(), r, iid, request.form.get("text", "")), iid)
        if bad:
            return bad
        flash(g.t["saved"])
        return redirect(url_for("indicator", iid=iid))

    @app.post("/evidence")
    @app.post("/indicator/<int:iid>/evidence")
    @login_required(("assessor", "admin"))
    def evidence(iid: int | None = None):
        r = results()
        f = request.form
        if iid is None:
            iid = f.get("indicator", type=small_int)
            if iid is None:
                abort(400)
        sha = f.get("doc_sha256", "")
        if not SHA.match(sha):
            abort(404)
        bad = _do(lambda: core.add_evidence(
            g.ws, actor(), r, iid, doc_sha256=sha, page=f.get("page", type=small_int),
            char_start=f.get("char_start", type=small_int), char_end=f.get("char_end", type=small_int),
            passage_id=f.get("passage_id") or None, criterion_id=f.get("criterion_id") or None,
            note=f.get("note")), iid)
        if bad:
            return bad
        flash(g.t["saved"])
        return redirect(url_for("indicator", iid=iid))

    @app.post("/upload")
    @login_required()
    def upload():
        fs = request.files.get("file")
        iid = request.form.get("indicator", type=small_int)
        if fs is None or not fs.filename:
            flash(g.t["refused"], "error")
            return redirect(url_for("documents"))
        try:
            r = results() if g.ws.latest_run() else None
            ev = core.upload(g.ws, actor(), r, fs.filename, fs.read(), indicator=iid if g.user.can_decide else None)
        except PermissionDenied:
            abort(403)
        except ReviewError as e:
            flash(f"{g.t['refused']}: {e}", "error")
            return redirect(url_for("documents"))
        info = ev["payload"]
        if info["errors"]:
            flash(f"{g.t['refused']}: {info['errors'][0]['kind']}", "error")
        else:
            flash(g.t["uploaded"])
        if iid and g.user.can_decide:
            return redirect(url_for("indicator", iid=iid))
        return redirect(url_for("documents"))

    return app


def serve(workspace: str | Path, host: str = "127.0.0.1", port: int = 8765, secure_cookies: bool = False, *,
          dev: bool = False, rotate_secret: bool = False, behind_proxy: bool = False,
          session_hours: float = SESSION_HOURS, threads: int = 8) -> None:
    """Serve the review app: waitress (a production WSGI server), or Werkzeug's development
    server with ``dev``. ``behind_proxy`` trusts one reverse proxy's X-Forwarded-For/-Proto
    (client addresses for the login throttle, https for cookies)."""
    if rotate_secret:
        load_secret(workspace, rotate=True)
    app = create_app(workspace, secure_cookies=secure_cookies, session_hours=session_hours)
    if behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    if dev:
        from werkzeug.serving import run_simple

        run_simple(host, port, app, threaded=True, use_reloader=False)
        return
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="evidence-mapper",
                   max_request_body_size=MAX_UPLOAD + 1024 * 1024, channel_timeout=60,
                   clear_untrusted_proxy_headers=not behind_proxy)  # ProxyFix reads them when trusted
