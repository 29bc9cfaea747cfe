"""The review server under hostile load, on 127.0.0.1 (waitress, as ``serve`` runs it).

    python benchmarks/serve_security.py [--flood-seconds 60] [--flood-threads 16]

Prints, each beside a reference measured in the same run:
- server memory (RSS) during 4 parallel requests for 14400 x 14400 pt pages (4 distinct
  pages, so none is served from another's render), beside 4 parallel A4 pages and idle;
- login attempts accepted (a password hashed) per minute from one client address under the
  throttle, and how many were refused before hashing;
- the latency of an assessor's board page during a flood of wrong logins from many
  addresses and names (X-Forwarded-For through --behind-proxy, so only the hashing bound holds them),
  beside the same page unloaded; and the server's RSS during the flood.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def huge_pdf(pages: int = 4, side: float = 14400.0) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(side, side))
    for i in range(pages):
        c.setFont("Helvetica", 400)
        c.drawString(500, side - 1400, f"Halaman {i + 1} Peraturan Bupati tentang Arsitektur SPBE")
        c.showPage()
    c.save()
    return buf.getvalue()


def build(ws_dir: Path) -> tuple[str, list[str]]:
    from evidence_mapper.ingest import Limits
    from evidence_mapper.review.users import add_user
    from evidence_mapper.store import Workspace

    ws = Workspace.init(ws_dir, region="Kabupaten Sukamaju", year=2025)
    ws.ingest([ROOT / "corpus" / "sample"])
    f = ws_dir.parent / "huge.pdf"
    f.write_bytes(huge_pdf())
    ws.ingest([f], Limits(ocr=False))
    ws.map()
    add_user(ws, "ana", "sandi-ana-123", "assessor")
    huge = ws.db.execute("select sha256 from files where path = ?", [str(f)]).fetchone()[0]
    a4 = [r[0] for r in ws.db.execute("select d.sha256 from documents d where d.media_type = 'application/pdf' "
                                      "and d.sha256 != ? order by d.sha256 limit 4", [huge])]
    ws.close()
    return huge, a4


class Server:
    def __init__(self, ws: Path, cfg: Path):
        import psutil

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), EVIDENCE_MAPPER_CONFIG=str(cfg))
        self.proc = subprocess.Popen([sys.executable, "-m", "evidence_mapper", "serve", str(ws), "--port",
                                      str(self.port), "--behind-proxy"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ps = psutil.Process(self.proc.pid)
        self.url = f"http://127.0.0.1:{self.port}"
        import httpx

        for _ in range(600):
            try:
                httpx.get(self.url + "/login", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("server did not start")

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


def peak_rss_during(srv: Server, fn) -> tuple[int, float]:
    peak, stop = [srv.rss()], threading.Event()

    def sample():
        while not stop.is_set():
            peak.append(srv.rss())
            time.sleep(0.02)

    th = threading.Thread(target=sample)
    th.start()
    t0 = time.perf_counter()
    try:
        fn()
    finally:
        dt = time.perf_counter() - t0
        stop.set()
        th.join()
    return max(peak), dt


def client(srv: Server, user: str = "ana", password: str = "sandi-ana-123"):
    import httpx

    c = httpx.Client(base_url=srv.url, timeout=120)
    tok = TOKEN.search(c.get("/login").text).group(1)
    r = c.post("/login", data={"username": user, "password": password, "csrf_token": tok})
    assert r.status_code == 302, r.status_code
    return c


def parallel(fns) -> list:
    out = [None] * len(fns)

    def run(i, f):
        out[i] = f()

    ths = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(fns)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    return out


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--flood-seconds", type=float, default=60.0)
    ap.add_argument("--flood-threads", type=int, default=16)
    ap.add_argument("--board-requests", type=int, default=15)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    tmp = Path(tempfile.mkdtemp(prefix="serve-security-"))
    print("building the workspace (sample corpus + a 4-page 14400 x 14400 pt PDF) ...", flush=True)
    huge, a4 = build(tmp / "ws")
    srv = Server(tmp / "ws", tmp / "cfg")
    try:
        idle = srv.rss()
        clients = [client(srv) for _ in range(4)]
        rss_a4, t_a4 = peak_rss_during(srv, lambda: parallel(
            [lambda c=c, s=s: c.get(f"/page/{s}/1.png").status_code for c, s in zip(clients, a4)]))
        codes: list = []
        rss_huge, t_huge = peak_rss_during(srv, lambda: codes.extend(parallel(
            [lambda c=c, n=n: c.get(f"/page/{huge}/{n}.png") for n, c in zip(range(1, 5), clients)])))
        from PIL import Image

        sizes = [Image.open(io.BytesIO(r.content)).size for r in codes]
        print("\n== page images: server RSS (waitress, one process)")
        print(f"idle after start                      {mb(idle)}")
        print(f"4 parallel A4 pages (reference)       peak {mb(rss_a4)}   {t_a4:.1f} s")
        print(f"4 parallel 14400x14400 pt pages       peak {mb(rss_huge)}   {t_huge:.1f} s   "
              f"status {[r.status_code for r in codes]}  images {sizes}")
        print("  (unbounded 1.5x render of one such page: 21600 x 21600 px x 4 B = 1.87 GB per page)")

        # logins from one address under the throttle
        import httpx

        anon = httpx.Client(base_url=srv.url, timeout=120)
        tok = TOKEN.search(anon.get("/login").text).group(1)
        counts = {"401": 0, "429": 0, "other": 0}
        lock = threading.Lock()
        end = time.monotonic() + a.flood_seconds
        addr = "10.9.9.9"

        def one_address():
            c = httpx.Client(base_url=srv.url, timeout=120, cookies=anon.cookies)
            while time.monotonic() < end:
                r = c.post("/login", data={"username": f"u{random.randrange(10**6)}", "password": "salah-salah",
                                           "csrf_token": tok}, headers={"X-Forwarded-For": addr})
                with lock:
                    counts[str(r.status_code) if r.status_code in (401, 429) else "other"] += 1

        t0 = time.monotonic()
        parallel([one_address] * 4)
        dt = time.monotonic() - t0
        print(f"\n== logins from one client address, 4 threads for {dt:.0f} s")
        print(f"accepted (password hashed, 401)       {counts['401']}  = {counts['401'] * 60 / dt:.1f} per minute")
        print(f"refused before hashing (429)          {counts['429']}  = {counts['429'] * 60 / dt:.1f} per minute")
        print(f"other                                 {counts['other']}")

        # the assessor's board: unloaded, then during a flood from many addresses
        board = clients[0]
        board.get("/")

        def lat(n):
            out = []
            for _ in range(n):
                t = time.perf_counter()
                assert board.get("/").status_code == 200
                out.append(time.perf_counter() - t)
            return out

        base = lat(a.board_requests)
        stop = threading.Event()
        flood = {"401": 0, "429": 0, "other": 0}

        def flooder():
            c = httpx.Client(base_url=srv.url, timeout=120, cookies=anon.cookies)
            while not stop.is_set():
                ip = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
                r = c.post("/login", data={"username": f"n{random.randrange(10**6)}", "password": "salah-salah",
                                           "csrf_token": tok},
                           headers={"X-Forwarded-For": ip})
                with lock:
                    flood[str(r.status_code) if r.status_code in (401, 429) else "other"] += 1

        ths = [threading.Thread(target=flooder) for _ in range(a.flood_threads)]
        for t in ths:
            t.start()
        time.sleep(2)
        loaded: list[float] = []
        rss_flood, _ = peak_rss_during(srv, lambda: loaded.extend(lat(a.board_requests)))
        stop.set()
        for t in ths:
            t.join()
        print(f"\n== assessor board (GET /) latency, {a.board_requests} requests each")
        print(f"unloaded (reference)                  median {statistics.median(base) * 1000:.0f} ms   "
              f"max {max(base) * 1000:.0f} ms")
        print(f"during a {a.flood_threads}-thread login flood      median {statistics.median(loaded) * 1000:.0f} ms   "
              f"max {max(loaded) * 1000:.0f} ms   server peak RSS {mb(rss_flood)}")
        print(f"flood logins: hashed (401) {flood['401']}, refused (429) {flood['429']}, other {flood['other']}")
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
