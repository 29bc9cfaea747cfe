"""The read model: what one map run says, built here and only here.

One function answers each question every reader used to answer for itself:

- :func:`select_run`      which run (a run id; else a batch region's latest; else the latest)
- :func:`run_region`      which region a run is about (a batch run's own; else the workspace's)
- :func:`official_baseline` which official result stands beside it (its region; the run's
  assessment year when one is stored, else the newest)
- :func:`region_runs`     the latest run of every (region, year) a batch proposed, with its levels
- :func:`workspace_model_dir` which models classify in this workspace

:func:`read_results` puts them together into a :class:`RunResults`: a plain dict (the JSON
report contract, unchanged) with typed accessors for the fields readers ask about.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..frameworks import Framework, load_framework
from ..nlp.layout import passage_extras
from ..score import compute_index

if TYPE_CHECKING:  # pragma: no cover
    from . import Workspace


@dataclass(frozen=True)
class RunRef:
    """One finished map run: its id, what it is about and the model that classified."""

    id: str
    framework: str
    region: str | None
    year: int | None
    model: str | None
    batch: bool
    documents: int | None = None


class RunResults(dict):
    """Everything a report needs for one run. It is the documented results dict (readers and
    JSON output keep working unchanged); the properties below are the typed way in."""

    @property
    def run_ref(self) -> RunRef:
        return RunRef(self["run"]["id"], self["framework"]["id"], self.get("region"),
                      self["run"].get("assessment_year"), self["run"].get("model"), False)

    @property
    def run_id(self) -> str:
        return self["run"]["id"]

    @property
    def framework_id(self) -> str:
        return self["framework"]["id"]

    @property
    def region(self) -> str | None:
        return self.get("region")

    @property
    def year(self) -> int | None:
        return self["run"].get("assessment_year")

    @property
    def model(self) -> str | None:
        return self["run"].get("model")

    @property
    def baseline(self) -> dict | None:
        return self.get("baseline")

    @property
    def levels(self) -> dict[int, int | None]:
        return {i["id"]: i["level"] for i in self["indicators"]}


def _fw(ws: "Workspace", framework: str | Framework | None) -> Framework:
    if isinstance(framework, Framework):
        return framework
    return load_framework(framework or ws.config.get("framework", "spbe-2020"))


def _ref(ws: "Workspace", run: dict) -> RunRef:
    params = json.loads(run.get("params_json") or "{}")
    return RunRef(id=run["id"], framework=run["framework"], region=run_region(ws, run),
                  year=run.get("assessment_year"), model=run.get("model"), batch=bool(params.get("batch")),
                  documents=params.get("documents"))


# -- which run -------------------------------------------------------------------------------
def latest_run(ws: "Workspace", framework=None, region: str | None = None, year: int | None = None) -> dict | None:
    """The latest finished map run; with ``region`` (and ``year``), the latest one a batch ran
    for that region (and assessment year)."""
    fid = _fw(ws, framework).id
    where, args = "kind = 'map' and framework = ? and finished_at is not null", [fid]
    if region:
        where += " and json_extract(params_json, '$.region') = ?"
        args.append(region)
    if year:
        where += " and assessment_year = ?"
        args.append(int(year))
    rows = list(ws.db.query(f"select * from runs where {where} order by started_at desc, rowid desc limit 1", args))
    return rows[0] if rows else None


def run_keys(ws: "Workspace", framework=None) -> list[tuple[str, int | None]]:
    """(region, assessment year) of the batch runs in this workspace, sorted."""
    fid = _fw(ws, framework).id
    return [(r["region"], r["year"]) for r in ws.db.query(
        "select distinct json_extract(params_json, '$.region') as region, assessment_year as year from runs "
        "where kind = 'map' and framework = ? and finished_at is not null "
        "and json_extract(params_json, '$.region') is not null order by region, year", [fid])]


def select_run(ws: "Workspace", framework=None, run_id: str | None = None, region: str | None = None,
               year: int | None = None) -> dict:
    """Which run a reader means: ``run_id``, else the latest run for ``region`` (and ``year``),
    else the latest run. A workspace holding several regions (or years of a region) from a
    batch needs them named: the latest run alone would be whichever finished last."""
    from . import WorkspaceError

    fw = _fw(ws, framework)
    fid = fw.id
    if run_id:
        run = ws.db["runs"].get(run_id)
    else:
        keys = run_keys(ws, fid)
        regions = sorted({r for r, _ in keys})
        if region and region not in regions and region != ws.config.get("region"):
            raise WorkspaceError(f"{ws.path}: no map run for region {region!r}; regions here: "
                                 + (", ".join(regions) or "none"))
        if not region and len(regions) > 1:
            raise WorkspaceError(f"{ws.path} holds {len(regions)} regions from a batch run; name one (report and "
                                 f"gaps take --region): " + ", ".join(regions))
        if not region and regions:
            region = regions[0]
        if region in regions:
            years = sorted({y for r, y in keys if r == region and y is not None})
            if year is not None and year not in years:
                raise WorkspaceError(f"{ws.path}: no map run for {region} {year}; years here: "
                                     + (", ".join(map(str, years)) or "none"))
            if year is None and len(years) > 1:
                raise WorkspaceError(f"{ws.path}: {region} has runs for {len(years)} assessment years; name one "
                                     f"(--year): " + ", ".join(map(str, years)))
            run = latest_run(ws, fid, region, year)
        else:
            run = latest_run(ws, fid, None, year)
    if run is None:
        raise WorkspaceError(f"{ws.path}: no finished 'map' run for {fid} (run 'evidence-mapper map')")
    return run


# -- which region ----------------------------------------------------------------------------
def run_region(ws: "Workspace", run: dict | None) -> str | None:
    """The region a run is about: the batch region it was run for, else the workspace's."""
    params = json.loads((run or {}).get("params_json") or "{}")
    return params.get("region") or ws.config.get("region")


# -- which baseline --------------------------------------------------------------------------
def official_baseline(ws: "Workspace", framework=None, region: str | None = None,
                      year: int | None = None) -> dict | None:
    """The official result that stands beside a run: ``region``'s (default: the workspace's;
    any region's when none is known), of assessment year ``year`` when one is stored, else the
    newest. The review board and every report show this one."""
    fid = _fw(ws, framework).id
    region = region or ws.config.get("region")
    rows = ws.baselines(fid)
    if region:
        rows = [b for b in rows if (b["region"] or "").casefold() == region.casefold()]
    if not rows:
        return None
    same = [b for b in rows if year is not None and b["year"] == year]
    return (same or rows)[0]  # baselines() is newest year first


# -- which model -----------------------------------------------------------------------------
def workspace_model_dir(path: Path) -> Path | None:
    """Models retrained from this workspace's reviews (``train --from-reviews``), if any: they
    classify everything in it, on every path (map, batch)."""
    from ..classify.models import models_available

    d = Path(path) / "models"
    return d if models_available(d) else None


# -- every region of a batch -----------------------------------------------------------------
def run_levels(ws: "Workspace", run_id: str) -> dict[int, int | None]:
    return {r["indicator"]: r["level"] for r in ws.db.query(
        "select indicator, level from proposals where run_id = ?", [run_id])}


def region_runs(ws: "Workspace", framework=None) -> list[dict]:
    """The latest finished run of every (region, year) a batch proposed, with its levels and
    index: ``{region, year, run: RunRef, levels, index, predicate, documents, proposed, gaps}``."""
    fw = _fw(ws, framework)
    out = []
    for region, year in run_keys(ws, fw.id):
        run = latest_run(ws, fw.id, region, year)
        if run is None:
            continue
        ref = _ref(ws, run)
        levels = run_levels(ws, run["id"])
        idx = compute_index(fw, levels, missing_as=fw.scale_min).to_json()
        ndocs = ref.documents if ref.documents is not None else ws.db["doc_scores"].count_where(
            "run_id = ?", [run["id"]])
        out.append({"region": region, "year": year, "run": ref, "levels": levels, "index": idx["index"],
                    "predicate": idx["predicate"], "documents": ndocs,
                    "proposed": sum(1 for v in levels.values() if v), "gaps": sum(1 for v in levels.values() if not v)})
    return out


def image_without_text(doc: dict) -> bool:
    """A photo or screenshot stored with no readable text: kept, listed and linkable by hand in
    review, counted in reports (it gives no passage to judge)."""
    return str(doc.get("media_type") or "").startswith("image/") and not doc.get("text_pages")


# -- one run, whole ---------------------------------------------------------------------------
def read_results(ws: "Workspace", framework=None, run_id: str | None = None, region: str | None = None,
                 year: int | None = None) -> RunResults:
    fw = _fw(ws, framework)
    fid = fw.id
    run = select_run(ws, fw, run_id, region, year)
    docs = {d["sha256"]: d for d in ws.documents()}
    dscores = {r["doc_sha256"]: r for r in ws.db.query("select * from doc_scores where run_id = ?", [run["id"]])}
    legal = {r["id"]: r for r in ws.db.query(
        "select distinct p.id, p.legal_unit, p.boxes_json, p.ocr_confidence, p.context "
        "from passages p join evidence_links l on l.passage_id = p.id "
        "join proposals pr on pr.id = l.proposal_id where pr.run_id = ?", [run["id"]])}
    indicators = []
    for pr in ws.db.query("select * from proposals where run_id = ? order by indicator", [run["id"]]):
        ind = fw.indicator(pr["indicator"])
        crits = list(ws.db.query("select * from criterion_results where proposal_id = ? order by level, criterion_id",
                                 [pr["id"]]))
        links = list(ws.db.query("select * from evidence_links where proposal_id = ? order by level, id", [pr["id"]]))
        for lk in links:
            d = docs.get(lk["doc_sha256"], {})
            lk["doc_title"] = d.get("title")
            lk["doc_path"] = (d.get("paths") or [None])[0]
            lk["bbox"] = [lk["x0"], lk["y0"], lk["x1"], lk["y1"]] if lk["x0"] is not None else None
            prow = legal.get(lk["passage_id"]) or {}
            lk["legal_unit"] = prow.get("legal_unit")
            lk.update(passage_extras(prow))  # line boxes, OCR confidence, table header
        for c in crits:
            c["links"] = [lk for lk in links if lk["criterion_id"] == c["criterion_id"]]
        nxt = pr["level"] + 1 if pr["level"] else fw.scale_min
        unmet_next = [c for c in crits if c["level"] == nxt and c["state"] != "met"]
        indicators.append({
            "id": ind.id, "name": ind.name, "domain_id": ind.domain_id, "aspect_id": ind.aspect_id,
            "weight": ind.weight, "level": pr["level"], "level_name": pr["level_name"],
            "confidence": pr["confidence"], "state": pr["state"], "criteria": crits,
            "links": [lk for lk in links if pr["level"] and (lk["level"] <= pr["level"] or lk["criterion_id"] in
                      json.loads(pr.get("detail_json") or "{}").get("contradiction", {}).get("met_above", []))],
            "next_level": nxt if nxt <= fw.scale_max else None,
            "unmet_next": unmet_next, "evidence_typical": list(ind.evidence_typical),
            "notes": json.loads(pr.get("notes_json") or "[]"),
            "contradiction": bool(pr.get("contradiction")),
            "detail": json.loads(pr.get("detail_json") or "{}"),
        })
    levels = {i["id"]: i["level"] for i in indicators}
    idx = compute_index(fw, levels, missing_as=fw.scale_min)
    params = json.loads(run.get("params_json") or "{}")
    batch_region = params.get("region")
    errors = ws.errors()
    if batch_region:  # one region of a batch: its own documents and its own bad files
        docs = {s: d for s, d in docs.items() if s in dscores}
        mine = [r["path"] for r in ws.db.query("select path from submissions where region = ? and "
                                               "coalesce(year, -1) = coalesce(?, -1)",
                                               [batch_region, params.get("year")])]
        errors = [e for e in errors if any(e["path"] == m or e["path"].startswith(m + "/") for m in mine)]
    region_name = run_region(ws, run)
    out = RunResults({
        "framework": {"id": fw.id, "name": fw.name, "regulation": fw.regulation},
        "workspace": str(ws.path), "region": region_name,
        "run": {k: run[k] for k in ("id", "model", "assessment_year", "started_at", "finished_at")},
        "documents": [dict(d, **{
            "evidence_score": dscores.get(s, {}).get("evidence_score"),
            "is_evidence": bool(dscores.get(s, {}).get("is_evidence")),
            "evidence_reasons": json.loads(dscores.get(s, {}).get("reasons_json") or "[]"),
            "image_without_text": image_without_text(d),
        }) for s, d in docs.items()],
        "images_without_text": sum(1 for d in docs.values() if image_without_text(d)),
        "errors": errors,
        "indicators": indicators,
        "gaps": [i["id"] for i in indicators if i["state"] == "insufficient_evidence"],
        "index": idx.to_json() | {"gaps_counted_at": fw.scale_min},
        "domains": [{"id": d.id, "name": d.name, "weight": d.weight} for d in fw.domains],
        "aspects": [{"id": a.id, "domain_id": a.domain_id, "name": a.name, "weight": a.weight} for a in fw.aspects],
        "baseline": official_baseline(ws, fid, region_name, run.get("assessment_year")),
        "issuers": ws.issuers(list(docs)),
    })
    return out
