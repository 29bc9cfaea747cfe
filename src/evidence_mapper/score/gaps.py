"""Gap report: what a region still has to show to reach the evaluation's target.

Per indicator: the proposed level, the target (the framework's ``target.level``, 3 for SPBE
2020, with the predicate ``Baik``), the criteria of the levels above the proposal up to the
target that are not met, and for each one the concrete document that would satisfy it (from
the criterion's ``evidence`` text and its ``check`` conditions). Indicators are ranked by
the index gain of reaching the target (indicator weight x levels gained / total weight);
the what-if index assumes every listed gap is closed (``score.index.compute_index``).

Pure data in, plain data out: the input is ``Workspace.results()`` (its ``indicators``), the
output the stable JSON of ``evidence-mapper gaps --json`` (documented in README.md).
"""

from __future__ import annotations

from ..frameworks import Framework
from .index import compute_index
from .narrative import DOC_TYPE_NAMES

GAPS_VERSION = 1

_REQ = {
    "id": {"types": "jenis", "enacted": "sudah ditetapkan (bernomor, ditandatangani)", "draft": "rancangan",
           "age": "terbit paling lama {n} tahun sebelum tahun penilaian", "must": "memuat",
           "and": " dan ", "or": " atau ", "min": "paling sedikit {n} bagian yang relevan",
           "scope_doc": "isi boleh tersebar di beberapa pasal/bagian dokumen yang sama"},
    "en": {"types": "type", "enacted": "enacted (numbered, signed)", "draft": "draft",
           "age": "issued at most {n} years before the assessment year", "must": "mentioning",
           "and": " and ", "or": " or ", "min": "at least {n} relevant passages",
           "scope_doc": "content may be spread over several articles of one document"},
}


def describe_check(check: dict, lang: str = "id", max_terms: int = 4) -> list[str]:
    """The criterion's machine check as plain requirements on a document (at most
    ``max_terms`` alternative phrases per group, then "dll."/"etc.")."""
    r = _REQ[lang]
    out: list[str] = []
    more = "dll." if lang == "id" else "etc."

    def cap(g: list[str]) -> list[str]:
        return g if len(g) <= max_terms else g[:max_terms] + [more]

    types = check.get("doc_types")
    if types:
        out.append(f"{r['types']}: " + ", ".join(DOC_TYPE_NAMES[lang].get(t, t) for t in types))
    if check.get("status") == "enacted":
        out.append(r["enacted"])
    elif check.get("status") == "draft":
        out.append(r["draft"])
    if check.get("max_age_years") is not None:
        out.append(r["age"].format(n=check["max_age_years"]))
    def q(x: str) -> str:
        return x if x == more else f"'{x}'"

    groups = [cap(list(g)) for g in check.get("terms_all", [])]
    if groups:
        out.append(r["must"] + " " + r["and"].join(
            "(" + r["or"].join(q(x) for x in g) + ")" if len(g) > 1 else q(g[0]) for g in groups))
    if check.get("terms_any"):
        out.append(r["must"] + " " + r["or"].join(q(x) for x in cap(list(check["terms_any"]))))
    if check.get("min_passages"):
        out.append(r["min"].format(n=check["min_passages"]))
    if check.get("scope") == "document":
        out.append(r["scope_doc"])
    return out


def gap_report(results: dict, fw: Framework, target: int | None = None, lang: str = "id",
               baseline: dict | None = None) -> dict:
    """The gap report of one run's results (see the module doc and README for the shape)."""
    tgt = int(target if target is not None else (fw.target_level or 3))
    if not fw.scale_min <= tgt <= fw.scale_max:
        raise ValueError(f"target {tgt} outside {fw.scale_min}-{fw.scale_max}")
    total_w = sum(i.weight for i in fw.indicators)
    by_id = {i["id"]: i for i in results["indicators"]}
    base_levels = {int(k): v for k, v in (baseline or {}).get("levels", {}).items()}
    counted = {i.id: (by_id.get(i.id, {}).get("level") or fw.scale_min) for i in fw.indicators}
    now = compute_index(fw, counted)
    rows, at_target = [], []
    for fi in fw.indicators:
        ind = by_id.get(fi.id, {})
        level = ind.get("level")
        cnt = counted[fi.id]
        fcrit = {c.id: c for lv in fi.levels.values() for c in lv.criteria}
        state = {c["criterion_id"]: c["state"] for c in ind.get("criteria", [])}
        first = (level + 1) if level else fw.scale_min
        if ind.get("contradiction"):  # credited with a lower criterion unmet: that criterion is a gap too
            first = fw.scale_min
        missing = []
        for lvl in range(first, tgt + 1):
            for c in fi.levels[lvl].criteria:
                if state.get(c.id) == "met":
                    continue
                missing.append({
                    "level": lvl, "criterion_id": c.id,
                    "criterion": (c.text_en or c.text) if lang == "en" else c.text,
                    "document": c.evidence,
                    "requirements": describe_check(c.check, lang),
                })
        if not missing and cnt >= tgt:
            at_target.append(fi.id)
            continue
        gain = fi.weight * max(0, tgt - cnt) / total_w
        rows.append({
            "id": fi.id, "name": fi.name, "name_en": fi.name_en, "domain_id": fi.domain_id,
            "aspect_id": fi.aspect_id, "weight": fi.weight, "level": level, "counted_level": cnt,
            "baseline_level": base_levels.get(fi.id), "target": tgt, "levels_to_gain": max(0, tgt - cnt),
            "gain": round(gain, 4), "gain_per_criterion": round(gain / max(1, len(missing)), 4),
            "missing": missing,
            # what the submission itself says is missing or advised (recommendations, plans,
            # absences; never counted as evidence) and a contradiction to resolve
            "findings": [{k: f.get(k) for k in ("modality", "doc_path", "page", "quote")}
                         for f in (ind.get("detail") or {}).get("findings", [])[:3]],
            "contradiction": (ind.get("detail") or {}).get("contradiction"),
        })
    # Biggest index gain first; among equals the one needing fewer documents; then id.
    after = rank_rows(rows, fw, counted, tgt)
    tpred = fw.target_predicate
    return {
        "version": GAPS_VERSION,
        "framework": fw.id,
        "region": results.get("region"),
        "run_id": (results.get("run") or {}).get("id"),
        "lang": lang,
        "target": {"level": tgt, "predicate": tpred},
        "current": now.to_json(),
        "if_closed": after.to_json(),
        "reaches_target_predicate": _pred_at_least(fw, after.predicate, tpred),
        "baseline": ({"year": baseline.get("year"), "index": baseline.get("index"),
                      "predicate": baseline.get("predicate")} if baseline else None),
        "at_target": at_target,
        "indicators": rows,
    }


def _pred_at_least(fw: Framework, pred: str, target: str | None) -> bool | None:
    if target is None:
        return None
    order = [p.name for p in sorted(fw.predicates, key=lambda p: p.min)]
    return order.index(pred) >= order.index(target) if target in order and pred in order else None


def rank_rows(rows: list[dict], fw: Framework, current: dict, target) -> "IndexResult":
    """Rank gap rows in place (biggest index gain first; among equals the one needing fewer
    documents; then id), each with the index once it and every row above it reach ``target``;
    returns the index with all of them closed."""
    rows.sort(key=lambda r: (-r["gain"], len(r["missing"]), r["id"]))
    closed = dict(current)
    for n, r in enumerate(rows, 1):
        r["rank"] = n
        closed[r["id"]] = max(closed[r["id"]], target)
        r["index_if_closed_cumulative"] = round(compute_index(fw, closed).index, 2)
    return compute_index(fw, closed)
