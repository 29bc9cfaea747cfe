"""Calibrate proposal confidence on a paired case: a workspace mapped from a region's uploads
and that region's official levels. Writes src/evidence_mapper/score/calibration.json.

    python scripts/calibrate_levels.py WS OFFICIAL [--out PATH]

Each proposal falls in one bin by how its level was reached (see score.calibration.basis);
the confidence of a bin is the share of its proposals whose level equals the official one,
with a Beta(1, 1) prior ((exact + 1) / (n + 2)), since a paired case has few indicators.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evidence_mapper.report.ops import load_official_levels
from evidence_mapper.score.calibration import DATA, basis
from evidence_mapper.store import Workspace


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("official")
    ap.add_argument("--out", default=str(DATA))
    a = ap.parse_args()
    ws = Workspace(a.workspace)
    res = ws.results()
    official = load_official_levels(a.official, res["framework"]["id"])
    bins: dict[str, dict] = {}
    for ind in res["indicators"]:
        if ind["id"] not in official or ind["level"] is None:
            continue
        b = bins.setdefault(basis(ind), {"n": 0, "exact": 0, "within_one": 0})
        b["n"] += 1
        b["exact"] += int(ind["level"] == official[ind["id"]])
        b["within_one"] += int(abs(ind["level"] - official[ind["id"]]) <= 1)
    for b in bins.values():
        b["p_exact"] = round((b["exact"] + 1) / (b["n"] + 2), 3)
    out = {"method": "per basis bin: (exact + 1) / (n + 2) on the paired case's indicators with an official level",
           "source": {"framework": res["framework"]["id"], "region": res.get("region"),
                      "indicators": len(official)}, "bins": bins}
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
