"""Benchmark: what starting evidence-mapper costs, beside ``python -c pass`` in the same run.

    python benchmarks/startup.py [--rounds 7]

Runs each command in a fresh process, interleaved round by round, and prints the median wall
time, its ratio to ``python -c pass`` and the peak memory (max RSS) of the process. An ingest
worker is what a batch worker imports to read files (ingest + nlp, no models, no store).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PY = sys.executable
COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "evidence-mapper --help": [PY, "-m", "evidence_mapper", "--help"],
    "import evidence_mapper": [PY, "-c", "import evidence_mapper"],
    "ingest worker import": [PY, "-c", "import evidence_mapper.ingest, evidence_mapper.nlp"],
    "sentence pipeline built": [PY, "-c", "from evidence_mapper.nlp.segment import pipeline; pipeline()"],
}


def run_once(cmd: list[str]) -> float:
    """Wall seconds of one fresh process."""
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=dict(os.environ, COLUMNS="100"))
    return time.perf_counter() - t0


def peak_rss(cmd: list[str]) -> float:
    """Max RSS (MiB) of one run of ``cmd``, measured in a process of its own."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    a = ap.parse_args()
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    for _ in range(a.rounds):
        for name, cmd in COMMANDS.items():
            times[name].append(run_once(cmd))
    ref = statistics.median(times["python -c pass"])
    print(f"{'command':<26} {'median s':>9} {'x python -c pass':>17} {'max RSS MiB':>12}")
    for name, cmd in COMMANDS.items():
        med = statistics.median(times[name])
        print(f"{name:<26} {med:>9.3f} {med / ref:>17.1f} {peak_rss(cmd):>12.1f}")
    print(f"({a.rounds} interleaved rounds, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
