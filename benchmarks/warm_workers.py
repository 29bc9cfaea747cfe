"""Benchmark: what a batch worker's start costs per document, cold vs warm (batch/warm.py).

    python benchmarks/warm_workers.py [--docs 60] [--workers 2] [--tasks-per-child 10] [--rounds 2]

Makes a text-only archive (``make_archive.py`` without scans: the files are cheap to read, so
what a worker pays before its first file shows), then runs the batch stage function
(``batch.stages.process_file``: read -> ingest -> nlp -> classify) over every file through the
local process pool twice per round, each in a fresh Python process (the forkserver is one per
process): workers that import and build everything themselves (cold), and workers forked from
a forkserver that did it once (warm). Each worker is replaced after ``--tasks-per-child``
files, as the pool does after 50 in a real run. Prints, per mode, the wall time, documents/min,
seconds to the first result, seconds per document, and the peak resident memory of the
largest worker; the difference per document is the overhead the warm start removes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = r"""
import json, sys, time
from pathlib import Path
from evidence_mapper.batch.engines import PoolEngine
from evidence_mapper.batch.stages import process_file
from evidence_mapper.ingest import Limits

archive, workers, per_child, warm = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "warm"
files = sorted(str(f) for f in archive.rglob("*") if f.is_file())
tasks = ({"source": f, "label": f, "limits": Limits(), "framework": "spbe-2020", "model_dir": None} for f in files)
t0 = time.perf_counter()
eng = PoolEngine(workers, max_tasks_per_child=per_child, warm=warm)
first = None
docs = errors = 0
rss = 0
for task, res in eng.run(process_file, tasks):
    if first is None:
        first = time.perf_counter() - t0
    if isinstance(res, Exception):
        errors += 1
        continue
    docs += sum(1 for e in res["entries"] if "doc" in e)
    rss = max(rss, res["worker"]["peak_rss_kb"])
eng.close()
print(json.dumps({"files": len(files), "docs": docs, "errors": errors, "wall": time.perf_counter() - t0,
                  "first": first, "peak_rss_mb": rss / 1024}))
"""


def run_mode(archive: Path, workers: int, per_child: int, mode: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", _CHILD, str(archive), str(workers), str(per_child), mode],
                         env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tasks-per-child", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2, help="cold and warm alternate; the best of each is shown")
    ap.add_argument("--archive", type=Path, help="an archive already made (default: make one)")
    a = ap.parse_args(argv)
    archive = a.archive
    if archive is None:
        sys.path.insert(0, str(HERE))
        from make_archive import make_archive

        archive = Path(tempfile.mkdtemp(prefix="em-warm-")) / "archive"
        stats = make_archive(archive, a.docs, regions=5, seed=0, scan_share=0.0)
        print(f"archive {archive}: {stats['documents']} documents, {stats['pages']} pages, no scans")
    print(f"{a.workers} workers, each replaced after {a.tasks_per_child} files; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    best: dict[str, dict] = {}
    for _ in range(a.rounds):
        for mode in ("cold", "warm"):
            r = run_mode(archive, a.workers, a.tasks_per_child, mode)
            if mode not in best or r["wall"] < best[mode]["wall"]:
                best[mode] = r
    for mode, r in best.items():
        per_doc = r["wall"] / max(1, r["files"])
        print(f"{mode:<5} {r['files']:>4} files {r['wall']:7.2f} s  {60 * r['files'] / r['wall']:7.1f} files/min  "
              f"first result {r['first']:5.2f} s  {per_doc:.3f} s/file  largest worker {r['peak_rss_mb']:.0f} MiB"
              f"  ({r['docs']} documents, {r['errors']} failed)")
    cold, warm = best["cold"], best["warm"]
    saved = (cold["wall"] - warm["wall"]) / max(1, cold["files"])
    print(f"warm start saves {saved:.3f} s per file ({cold['wall'] / warm['wall']:.2f}x the cold pool's speed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
