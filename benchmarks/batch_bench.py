"""Batch throughput on a generated archive: one process vs the local process pool vs a Dask
LocalCluster, each on a fresh workspace, each through the CLI in its own process.

    python benchmarks/batch_bench.py --archive /tmp/archive          # made by make_archive.py
    python benchmarks/batch_bench.py --docs 200 --regions 10          # makes one first
    python benchmarks/batch_bench.py --archive A --engines local      # only some engines
    python benchmarks/batch_bench.py --archive A --work W --reuse     # tabulate reports already in W

Prints documents/min and pages/s per engine, peak resident memory per worker process (the
largest of them; for the serial engine the one process that does everything), and the share of time per
stage (summed over workers: read, ingest = parsing + OCR, nlp, classify; in the writer: hash,
write, map), and the CPU the tesseract processes used (every call goes through a wrapper on
PATH that appends its user + system seconds, measured by ``/usr/bin/time``, to a log): that
CPU divided by the workers is the floor no reader can go under, printed as a share of the wall
time. The machine's other load is not controlled: run it on a quiet machine, and report the
core count next to the figures (printed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _tesseract_wrapper(folder: Path, log: Path) -> Path | None:
    """A ``tesseract`` on PATH that runs the real one under ``/usr/bin/time`` and appends its
    user and system CPU seconds to ``log``; None where either program is missing."""
    real, timer = shutil.which("tesseract"), shutil.which("time", path="/usr/bin:/bin")
    if not real or not timer:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    w = folder / "tesseract"
    w.write_text(f'#!/bin/sh\nexec {timer} -a -o {log} -f "%U %S" {real} "$@"\n')
    w.chmod(0o755)
    return folder


def run_engine(archive: Path, engine: str, workers: int, work: Path) -> dict:
    ws, rep = work / f"ws-{engine}", work / f"report-{engine}.json"
    cmd = [sys.executable, "-m", "evidence_mapper", "batch", str(archive), "--workspace", str(ws),
           "--engine", engine, "--report", str(rep), "--progress", "plain"]
    if engine != "serial":
        cmd += ["--workers", str(workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = work / f"tesseract-cpu-{engine}.log"
    log.unlink(missing_ok=True)
    wrapped = _tesseract_wrapper(work / f"bin-{engine}", log)
    if wrapped:
        env["PATH"] = str(wrapped) + os.pathsep + env.get("PATH", "")
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{res.stderr[-3000:]}")
    r = json.loads(rep.read_text())
    r["process_wall_seconds"] = wall
    if wrapped:
        calls = [ln.split() for ln in (log.read_text().splitlines() if log.exists() else [])]
        calls = [c for c in calls if len(c) == 2]
        r["tesseract"] = {"calls": len(calls), "cpu_seconds": sum(float(u) + float(s) for u, s in calls)}
    return r


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--regions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--engines", default="serial,local,dask")
    ap.add_argument("--work", type=Path, help="folder for the workspaces and reports (default: a temp folder)")
    ap.add_argument("--json", type=Path, help="also write all reports here")
    ap.add_argument("--reuse", action="store_true",
                    help="take an engine's report from --work when it is there (report-ENGINE.json) instead of "
                         "running it again: engines can be run one at a time and tabulated together")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.mkdtemp(prefix="em-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    archive = a.archive
    if archive is None:
        sys.path.insert(0, str(HERE))
        from make_archive import make_archive

        archive = work / "archive"
        print(json.dumps({k: v for k, v in make_archive(archive, a.docs, a.regions, a.seed).items()
                          if k != "regions"}))
    files = sum(1 for f in archive.rglob("*") if f.is_file())
    print(f"archive {archive}: {files} files; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} "
          "at start")
    reports = {}
    for engine in a.engines.split(","):
        prev = work / f"report-{engine}.json"
        if a.reuse and prev.exists():
            reports[engine] = json.loads(prev.read_text())
            reports[engine].setdefault("process_wall_seconds", reports[engine]["wall_seconds"])
            print(f"{engine}: report from {prev}", flush=True)
            continue
        print(f"running {engine} ...", flush=True)
        reports[engine] = run_engine(archive, engine, a.workers, work)
        print(f"  done in {reports[engine]['process_wall_seconds']:.0f} s; load average "
              f"{os.getloadavg()[0]:.2f}", flush=True)

    print()
    serial = reports.get("serial")
    print(f"{'engine':<8} {'workers':>7} {'wall s':>7} {'docs':>5} {'pages':>6} {'ocr':>5} {'docs/min':>9} "
          f"{'pages/s':>8} {'errors':>6} {'peak RSS/worker MB':>19} {'speed-up':>9}")
    for name, r in reports.items():
        mem = r["workers_memory"].values()
        rss = max((m["peak_rss_mb"] for m in mem), default=0.0)
        up = f"{serial['wall_seconds'] / r['wall_seconds']:.2f}x" if serial else "-"
        print(f"{name:<8} {r['workers']:>7} {r['wall_seconds']:>7.1f} {r['documents']:>5} {r['pages']:>6} "
              f"{r['ocr_pages']:>5} {r['rates']['documents_per_min']:>9.1f} {r['rates']['pages_per_s']:>8.2f} "
              f"{len(r['errors']):>6} {rss:>19.0f} {up:>9}")
    print()
    print(f"{'tesseract':<8} {'calls':>7} {'CPU s':>8} {'floor s':>8} {'floor/wall':>11}")
    for name, r in reports.items():
        t = r.get("tesseract")
        if not t:
            continue
        floor = t["cpu_seconds"] / max(1, r["workers"])  # wall time if the workers did nothing but tesseract
        print(f"{name:<8} {t['calls']:>7} {t['cpu_seconds']:>8.1f} {floor:>8.1f} "
              f"{100 * floor / r['process_wall_seconds']:>10.1f}%")
    print()
    stages = list(next(iter(reports.values()))["stages"])
    print(f"{'share of stage time':<20}" + "".join(f"{s:>9}" for s in stages))
    for name, r in reports.items():
        print(f"{name:<20}" + "".join(f"{100 * r['stages'][s]['share']:>8.1f}%" for s in stages))
    print(f"{'seconds (' + next(iter(reports)) + ')':<20}" + "".join(
        f"{next(iter(reports.values()))['stages'][s]['seconds']:>9.1f}" for s in stages))
    if a.json:
        a.json.write_text(json.dumps(reports, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
