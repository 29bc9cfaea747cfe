"""How far a workspace's proposed levels are from an official result (``evaluate --levels``).

Pure functions over plain data: the official levels ``{indicator id: level}`` (all indicators
or only some) and the proposals of one run (``Workspace.results()["indicators"]``). Figures:
exact agreement, agreement within one level, mean absolute error, quadratic-weighted Cohen's
kappa and the index difference, plus one row per indicator.

An indicator the tool gives no level counts at the framework's lowest level (as the index
counts it); how many of those there are is reported beside the figures. When the official
result gives only some indicators, the index of both sides is the weighted mean over those
indicators only (``index_scope`` says so).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..frameworks import Framework

LEVEL_KEYS = ("levels", "levels_development", "official_levels")


class OfficialLevelsError(ValueError):
    """An official result that cannot be read as levels per indicator."""


def parse_levels(data: Any, fw: Framework) -> dict[int, int]:
    """``{"1": 3, ...}``, an object with a ``levels`` key (the ``lhe --json`` output) or a
    ``levels_development`` key; keys that are not an indicator of ``fw`` (``"35-2"``: a second
    public service assessed under one indicator) are skipped."""
    if isinstance(data, dict):
        for k in LEVEL_KEYS:
            if isinstance(data.get(k), dict):
                data = data[k]
                break
    if not isinstance(data, dict) or not data:
        raise OfficialLevelsError("no levels per indicator (expected {\"1\": 3, ...} or a 'levels' object)")
    from ..frameworks.editions import labels

    known = {i.id for i in fw.indicators}
    row_labels = labels(fw.id)  # "35-2" -> its row in an edition that has one
    out: dict[int, int] = {}
    for k, v in data.items():
        if str(k).strip() in row_labels:
            k = row_labels[str(k).strip()]
        elif not re.fullmatch(r"\s*\d{1,3}\s*", str(k)):
            continue
        iid = int(k)
        if iid not in known or v is None:
            continue
        try:
            lv = int(round(float(v)))
        except (TypeError, ValueError) as e:
            raise OfficialLevelsError(f"level of indicator {iid} is not a number: {v!r}") from e
        if not fw.scale_min <= lv <= fw.scale_max:
            raise OfficialLevelsError(f"level {lv} of indicator {iid} outside {fw.scale_min}-{fw.scale_max}")
        out[iid] = lv
    if not out:
        raise OfficialLevelsError(f"no level for any indicator of {fw.id}")
    return out


def _wmean(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else 0.0


def quadratic_kappa(a: list[int], b: list[int], labels: list[int]) -> float | None:
    """Cohen's kappa with quadratic weights (scikit-learn's); None when undefined."""
    from sklearn.metrics import cohen_kappa_score

    if not a:
        return None
    if len(set(a) | set(b)) < 2:  # both raters constant and equal: agreement is perfect but kappa is 0/0
        return None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score(a, b, labels=labels, weights="quadratic")
    return None if k != k else float(k)  # NaN -> None


def compare_levels(official: dict[int, int], indicators: list[dict], fw: Framework) -> dict:
    """Agreement of proposals (``[{"id", "level", "confidence", "state", "links", ...}]``) with
    ``official``. The ``rows`` are every official indicator; ``level`` None counts at the lowest
    level in the figures (``counted``)."""
    props = {int(i["id"]): i for i in indicators}
    rows = []
    for ind in fw.indicators:
        if ind.id not in official:
            continue
        p = props.get(ind.id, {})
        lvl = p.get("level")
        counted = lvl if lvl is not None else fw.scale_min
        off = official[ind.id]
        rows.append({
            "id": ind.id, "name": ind.name, "kind": ind.kind, "weight": ind.weight,
            "official": off, "proposed": lvl, "counted": counted, "diff": counted - off,
            "confidence": p.get("confidence"), "state": p.get("state"),
            "contradiction": bool(p.get("contradiction")),
            "evidence_links": len(p.get("links") or []),
        })
    n = len(rows)
    a = [r["official"] for r in rows]
    b = [r["counted"] for r in rows]
    labels = list(range(fw.scale_min, fw.scale_max + 1))
    off_idx = _wmean([(r["official"], r["weight"]) for r in rows])
    prop_idx = _wmean([(r["counted"], r["weight"]) for r in rows])
    full = n == len(fw.indicators)
    return {
        "framework": fw.id,
        "n": n,
        "index_scope": "all indicators" if full else f"the {n} indicators with an official level",
        "exact": sum(1 for r in rows if r["diff"] == 0),
        "within_one": sum(1 for r in rows if abs(r["diff"]) <= 1),
        "exact_rate": round(sum(1 for r in rows if r["diff"] == 0) / n, 4) if n else None,
        "within_one_rate": round(sum(1 for r in rows if abs(r["diff"]) <= 1) / n, 4) if n else None,
        "mae": round(sum(abs(r["diff"]) for r in rows) / n, 4) if n else None,
        "bias": round(sum(r["diff"] for r in rows) / n, 4) if n else None,
        "kappa_quadratic": (round(k, 4) if (k := quadratic_kappa(a, b, labels)) is not None else None),
        "no_level": sum(1 for r in rows if r["proposed"] is None),
        "proposed_with_evidence": sum(1 for r in rows if r["proposed"] is not None and r["evidence_links"] > 0),
        "proposed": sum(1 for r in rows if r["proposed"] is not None),
        "contradictions": sum(1 for r in rows if r["contradiction"]),
        "index_official": round(off_idx, 4),
        "index_proposed": round(prop_idx, 4),
        "index_difference": round(prop_idx - off_idx, 4),
        "rows": rows,
    }


def format_comparison(res: dict, lang: str = "id") -> str:
    """A plain-text table of :func:`compare_levels`' result."""
    en = lang == "en"
    n = res["n"]
    lines = [
        (f"{res['framework']}: {n} indicators with an official level" if en
         else f"{res['framework']}: {n} indikator dengan tingkat resmi"),
        f"  {'exact' if en else 'tepat'}              {res['exact']}/{n} ({res['exact_rate']:.0%})",
        f"  {'within one' if en else 'selisih <= 1'}       {res['within_one']}/{n} ({res['within_one_rate']:.0%})",
        f"  MAE                {res['mae']:.2f}",
        f"  bias               {res['bias']:+.2f}",
        f"  kappa (quadratic)  {'-' if res['kappa_quadratic'] is None else format(res['kappa_quadratic'], '.3f')}",
        f"  {'index' if en else 'indeks'}             {res['index_proposed']:.2f} vs {res['index_official']:.2f} "
        f"({res['index_difference']:+.2f}; {res['index_scope']})",
        f"  {'no level' if en else 'tanpa tingkat'}      {res['no_level']}"
        f"   {'contradictions' if en else 'kontradiksi'} {res['contradictions']}"
        f"   {'proposed with evidence' if en else 'usulan berbukti'} {res['proposed_with_evidence']}/{res['proposed']}",
        "",
        f"  {'id':>3} {'off':>3} {'prop':>4} {'diff':>4} {'conf':>5} {'links':>5}  {'name' if en else 'nama'}",
    ]
    for r in res["rows"]:
        prop = "-" if r["proposed"] is None else str(r["proposed"])
        conf = "" if r["confidence"] is None else f"{r['confidence']:.2f}"
        flag = " !" if r["contradiction"] else ""
        lines.append(f"  {r['id']:>3} {r['official']:>3} {prop:>4} {r['diff']:>+4} {conf:>5} {r['evidence_links']:>5}  "
                     f"{r['name'][:60]}{flag}")
    return "\n".join(lines)


def load_levels_text(text: str, fw: Framework, name: str = "<input>") -> dict[int, int]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise OfficialLevelsError(f"{name}: not JSON ({e})") from e
    try:
        return parse_levels(data, fw)
    except OfficialLevelsError as e:
        raise OfficialLevelsError(f"{name}: {e}") from e
