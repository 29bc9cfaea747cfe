"""Everything the reports add to ``Workspace.results()``: the narrative per indicator, the
last official level, the gap report. Pure: returns a new dict, the input is not changed."""

from __future__ import annotations

import copy

from ..frameworks import load_framework
from ..score.gaps import gap_report
from ..score.narrative import annotate_criteria, narrate


def prepare(results: dict, lang: str = "id", target: int | None = None) -> dict:
    if results.get("_prepared") == lang and (target is None or results["gap_report"]["target"]["level"] == target):
        return results
    r = copy.deepcopy(results)
    fw = load_framework(r["framework"]["id"])
    docs = {d["sha256"]: d for d in r.get("documents", [])}
    base = r.get("baseline")
    blevels = {int(k): v for k, v in (base or {}).get("levels", {}).items()}
    annotate_criteria(r["indicators"], fw)
    for ind in r["indicators"]:
        ind["baseline_level"] = blevels.get(ind["id"])
        ind["narrative"] = narrate(ind, docs, lang, fw.scale_min, fw.scale_max,
                                   baseline_level=ind["baseline_level"], baseline_year=(base or {}).get("year"))
        ind["evidence_documents"] = _evidence_documents(ind, docs)
    r["target"] = {"level": target or fw.target_level or 3, "predicate": fw.target_predicate}
    r["gap_report"] = gap_report(r, fw, target=r["target"]["level"], lang=lang, baseline=base)
    if r.get("pemdi"):  # Indeks Pemdi: missing evidence items with portal codes, values not levels
        from ..score.pemdi import apply, pemdi_gaps
        if lang != "id":  # the basis and notes in the report's language
            apply(r, fw, r["pemdi"].get("externals"), lang)
        r["gap_report"] = pemdi_gaps(r, fw, target=r["target"]["level"], lang=lang, baseline=base)
    r["_prepared"] = lang
    return r


def _evidence_documents(ind: dict, docs: dict) -> list[dict]:
    """The documents behind the proposed level, each with the pages cited."""
    out: dict[str, dict] = {}
    for f in ind["narrative"]["fakta"]:
        d = out.setdefault(f["doc_sha256"], {"sha256": f["doc_sha256"], "document": f["document"],
                                             "path": f.get("path"), "pages": []})
        if f["page"] not in d["pages"]:
            d["pages"].append(f["page"])
    for d in out.values():
        d["pages"].sort()
    return list(out.values())
