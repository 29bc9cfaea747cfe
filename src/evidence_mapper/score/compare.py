"""Many regions and many years: a ranking by index and predicate, and the year-over-year diff
of levels and evidence against a previous submission or an official baseline.

Plain data only (no store): the ranking takes classified documents (``EvidenceDoc``) and
proposes each region's levels from its own documents; the diff takes two "snapshots" made
from ``Workspace.results()`` or a stored baseline.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import PurePosixPath

from ..frameworks import Framework
from .index import compute_index
from .propose import EvidenceDoc, propose

NO_REGION = "(tanpa wilayah)"


def assign_regions(docs: list[EvidenceDoc], default: str | None = None) -> dict[str, list[EvidenceDoc]]:
    """Documents grouped by region. A document that names no region goes with the region of
    the other documents in its folder (when they agree on one), else to ``default``."""
    folder_regions: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        if d.meta.region:
            folder_regions[str(PurePosixPath(d.path).parent)][d.meta.region] += 1
    groups: dict[str, list[EvidenceDoc]] = defaultdict(list)
    for d in docs:
        reg = d.meta.region
        if not reg:
            c = folder_regions.get(str(PurePosixPath(d.path).parent))
            reg = next(iter(c)) if c and len(c) == 1 else (default or NO_REGION)
        groups[reg].append(d)
    return dict(groups)


def rank_regions(fw: Framework, docs: list[EvidenceDoc], assessment_year: int | None = None,
                 default_region: str | None = None, baselines: list[dict] | None = None) -> list[dict]:
    """One row per region (proposal from its own documents) and per stored official result,
    ranked by index (highest first). Row: ``{rank, region, year, source: proposal|official,
    index, predicate, documents, proposed, gaps}``."""
    rows = []
    for region, group in sorted(assign_regions(docs, default_region).items()):
        props = propose(fw, group, assessment_year)
        levels = {p.indicator: p.level for p in props}
        idx = compute_index(fw, levels, missing_as=fw.scale_min)
        years = [d.meta.year for d in group if d.meta.year]
        rows.append({"region": region, "year": assessment_year or (max(years) if years else None),
                     "source": "proposal", "index": round(idx.index, 2), "predicate": idx.predicate,
                     "documents": len(group), "proposed": sum(1 for v in levels.values() if v),
                     "gaps": sum(1 for v in levels.values() if not v)})
    for b in baselines or []:
        idx = b.get("index")
        if idx is None and b.get("levels"):
            idx = round(compute_index(fw, b["levels"], missing_as=fw.scale_min).index, 2)
        rows.append({"region": b.get("region") or NO_REGION, "year": b.get("year"), "source": "official",
                     "index": idx, "predicate": b.get("predicate") or (fw.predicate_for(idx) if idx is not None else None),
                     "documents": None, "proposed": len(b.get("levels") or {}), "gaps": None})
    rows.sort(key=lambda r: (-(r["index"] if r["index"] is not None else -1), r["region"], r["source"]))
    for n, r in enumerate(rows, 1):
        r["rank"] = n
    return rows


# -- year over year -------------------------------------------------------------------------

def snapshot_from_results(r: dict) -> dict:
    """The comparable part of ``Workspace.results()``: levels and the documents behind them."""
    ev = {}
    for i in r["indicators"]:
        ev[str(i["id"])] = sorted({lk["doc_sha256"] for lk in i.get("links", [])})
    return {
        "kind": "workspace", "label": f"{r.get('region') or r.get('workspace')} ({(r.get('run') or {}).get('id')})",
        "region": r.get("region"), "year": (r.get("run") or {}).get("assessment_year"),
        "index": r["index"]["index"], "predicate": r["index"]["predicate"],
        "levels": {str(i["id"]): i["level"] for i in r["indicators"]},
        "evidence": ev,
        "documents": {d["sha256"]: (d.get("title") or (d.get("paths") or [d["sha256"]])[0]) for d in r["documents"]},
    }


def snapshot_from_baseline(b: dict, fw: Framework) -> dict:
    idx = b.get("index")
    if idx is None and b.get("levels"):
        idx = round(compute_index(fw, b["levels"], missing_as=fw.scale_min).index, 2)
    return {"kind": "official", "label": f"{b.get('region') or ''} {b.get('year') or ''} (resmi)".strip(),
            "region": b.get("region"), "year": b.get("year"), "index": idx,
            "predicate": b.get("predicate"), "levels": {str(k): v for k, v in (b.get("levels") or {}).items()},
            "evidence": None, "documents": None}


def diff(current: dict, previous: dict, fw: Framework) -> dict:
    """Levels and evidence of ``current`` against ``previous`` (snapshots); a level lower than
    before (an indicator with no level counts at the scale minimum, as in the index) is a
    regression."""
    rows, regressions = [], []
    lo = fw.scale_min
    for fi in fw.indicators:
        k = str(fi.id)
        a, b = previous["levels"].get(k), current["levels"].get(k)
        ca, cb = (a or lo), (b or lo)
        if a is None and b is None:
            change = "none"
        elif a is None:
            change = "new"
        elif b is None:
            change = "lost"
        else:
            change = "up" if b > a else "down" if b < a else "same"
        regression = cb < ca or (change == "lost" and previous["kind"] == "workspace")
        row = {"id": fi.id, "name": fi.name, "from": a, "to": b, "delta": cb - ca, "change": change,
               "regression": regression}
        if previous.get("evidence") is not None and current.get("evidence") is not None:
            pa, pb = set(previous["evidence"].get(k, [])), set(current["evidence"].get(k, []))
            row["evidence_added"] = sorted(pb - pa)
            row["evidence_removed"] = sorted(pa - pb)
        rows.append(row)
        if regression:
            regressions.append(fi.id)
    out = {
        "framework": fw.id,
        "from": {k: previous[k] for k in ("kind", "label", "region", "year", "index", "predicate")},
        "to": {k: current[k] for k in ("kind", "label", "region", "year", "index", "predicate")},
        "index_delta": (round(current["index"] - previous["index"], 2)
                        if current["index"] is not None and previous["index"] is not None else None),
        "regressions": regressions,
        "counts": dict(Counter(r["change"] for r in rows)),
        "indicators": rows,
    }
    if previous.get("documents") is not None and current.get("documents") is not None:
        pa, pb = previous["documents"], current["documents"]
        out["documents"] = {
            "added": [{"sha256": s, "title": pb[s]} for s in sorted(set(pb) - set(pa))],
            "removed": [{"sha256": s, "title": pa[s]} for s in sorted(set(pa) - set(pb))],
            "kept": len(set(pa) & set(pb)),
        }
    return out
