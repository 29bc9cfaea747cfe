"""Workspace-level operations behind the ``baseline``, ``gaps``, ``rank`` and ``diff``
commands (the CLI stays a thin wrapper over these)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..frameworks import load_framework
from ..score.compare import diff, rank_regions, snapshot_from_baseline, snapshot_from_results
from ..store import DB_NAME, Workspace, WorkspaceError, read
from .prepare import prepare


def load_official(path: str | Path, framework: str = "spbe-2020") -> dict:
    """An official evaluation result: an LHE report (PDF, read with ``lhe``) or its parsed
    JSON (the ``lhe --json`` output or a file with the same keys)."""
    p = Path(path)
    data = p.read_bytes()
    if p.suffix.lower() == ".json":
        try:
            out = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise WorkspaceError(f"{p}: not a JSON evaluation result ({e})") from e
        if not isinstance(out, dict) or not out.get("levels"):
            raise WorkspaceError(f"{p}: no 'levels' table in this JSON")
        out.setdefault("sha256", hashlib.sha256(data).hexdigest())
        out.setdefault("file", str(p))
        return out
    from ..api import read_lhe_file
    out = read_lhe_file(p, framework)
    if not out.get("levels"):
        raise WorkspaceError(f"{p}: no level table found in this report")
    return out


def store_baseline(ws: Workspace, path: str | Path, region: str | None = None, year: int | None = None,
                   framework: str | None = None) -> dict:
    fid = framework or ws.config.get("framework", "spbe-2020")
    from ..frameworks.pemdi import is_continuous
    if is_continuous(load_framework(fid)):  # a Pemdi result: indicator values from a table
        return _store_pemdi_baseline(ws, path, region, year, load_framework(fid))
    lhe = load_official(path, fid)
    if lhe.get("framework") and lhe["framework"] != load_framework(fid).id:
        raise WorkspaceError(f"{path}: a {lhe['framework']} result cannot be a {fid} baseline")
    out = ws.add_baseline(lhe, region=region, year=year, framework=fid)
    out["warnings"] = lhe.get("warnings", [])
    return out


def gaps(ws: Workspace, target: int | None = None, lang: str = "id", framework: str | None = None,
         region: str | None = None, year: int | None = None) -> dict:
    return prepare(ws.results(framework, region=region, year=year), lang, target)["gap_report"]


def rank(paths: list[str | Path], framework: str | None = None, include_official: bool = True) -> list[dict]:
    """Regions of one or more workspaces ranked by index (each region proposed from its own
    documents), with the stored official results beside them."""
    rows = []
    for p in paths:
        ws = Workspace(p)
        fw = load_framework(framework or ws.config.get("framework", "spbe-2020"))
        batch = read.region_runs(ws, fw)
        if batch:  # a batch workspace: the batch's own runs, one per region and year, as it ranked them
            rows += [{"region": g["region"], "year": g["year"], "source": "proposal", "index": g["index"],
                      "predicate": g["predicate"], "documents": g["documents"], "proposed": g["proposed"],
                      "gaps": g["gaps"], "run_id": g["run"].id, "workspace": str(p)} for g in batch]
            if include_official:
                rows += [dict(r, workspace=str(p)) for r in rank_regions(fw, [], None, None, ws.baselines(fw.id))]
            continue
        run = ws.latest_run(fw.id)
        if run is None:
            raise WorkspaceError(f"{p}: no finished 'map' run")
        rows += [dict(r, workspace=str(p)) for r in rank_regions(
            fw, ws.evidence_docs(run["id"]), run["assessment_year"], ws.config.get("region"),
            ws.baselines(fw.id) if include_official else None)]
    rows.sort(key=lambda r: (-(r["index"] if r["index"] is not None else -1), r["region"], r["source"]))
    for n, r in enumerate(rows, 1):
        r["rank"] = n
    return rows


def diff_against(ws: Workspace, against: str, framework: str | None = None, region: str | None = None,
                 year: int | None = None) -> dict:
    """``against``: another workspace folder, an LHE file (PDF or JSON), ``baseline`` (the
    stored one of the run's region) or ``baseline:YEAR``. ``region`` (and ``year``) name the
    run of a batch workspace that holds several."""
    fw = load_framework(framework or ws.config.get("framework", "spbe-2020"))
    from ..frameworks.pemdi import is_continuous
    if is_continuous(fw):  # Indeks Pemdi against an SPBE result: carried over vs new
        return _pemdi_diff(ws, against, fw)
    res = ws.results(fw.id, region=region, year=year)
    cur = snapshot_from_results(res)
    p = Path(against)
    if against == "baseline" or against.startswith("baseline:"):
        byear = int(against.split(":", 1)[1]) if ":" in against else None
        reg = (res.get("region") or "").casefold()
        mine = [b for b in ws.baselines(fw.id, None, byear) if (b["region"] or "").casefold() == reg]
        rows = mine or ws.baselines(fw.id, None, byear)
        if not rows:
            raise WorkspaceError(f"{ws.path}: no stored baseline{f' for {byear}' if byear else ''} "
                                 "(run 'evidence-mapper baseline WS FILE')")
        prev = snapshot_from_baseline(rows[0], fw)
    elif p.is_dir() and (p / DB_NAME).exists():
        other = Workspace(p)
        same = res.get("region") if res.get("region") in other.run_regions(fw.id) else None
        prev = snapshot_from_results(other.results(fw.id, region=same))
    elif p.is_file():
        prev = snapshot_from_baseline(load_official(p, fw.id), fw)
    else:
        raise WorkspaceError(f"{against}: not a workspace, an evaluation report or 'baseline[:YEAR]'")
    return diff(cur, prev, fw)


def _pemdi_diff(ws: Workspace, against: str, fw) -> dict:
    """``against``: ``spbe-2020`` (this workspace's SPBE run), an SPBE workspace, an SPBE LHE
    file, or ``baseline[:YEAR]`` (the stored SPBE baseline)."""
    from ..frameworks import load_crosswalk
    from ..score.pemdi import carry_over
    src = "spbe-2020"
    cur = ws.results(fw.id)
    p = Path(against)
    if against == src:
        prev = ws.results(src)
    elif against == "baseline" or against.startswith("baseline:"):
        year = int(against.split(":", 1)[1]) if ":" in against else None
        rows = ws.baselines(src, ws.config.get("region"), year) or ws.baselines(src, None, year)
        if not rows:
            raise WorkspaceError(f"{ws.path}: no stored SPBE baseline{f' for {year}' if year else ''}")
        prev = dict(rows[0], framework=src)
    elif p.is_dir() and (p / DB_NAME).exists():
        prev = Workspace(p).results(src)
    elif p.is_file():
        prev = dict(load_official(p, src), framework=src)
    else:
        raise WorkspaceError(f"{against}: not 'spbe-2020', a workspace, an evaluation report or 'baseline[:YEAR]'")
    return carry_over(prev, cur, fw, load_crosswalk(src, fw.id))


def _store_pemdi_baseline(ws: Workspace, path, region, year, fw) -> dict:
    from ..score.pemdi import read_value_table
    from ..store.external import store_values
    try:
        table = read_value_table(path, fw)
    except (OSError, ValueError) as e:
        raise WorkspaceError(str(e)) from e
    out = ws.add_baseline(table, region=region, year=year, framework=fw.id)
    store_values(ws, fw.id, out["region"], out["year"], {int(k): v for k, v in table["values"].items()},
                 str(path))
    out["values"] = table["values"]
    out["warnings"] = table["warnings"]
    return out


def load_official_levels(source: str | Path, framework: str = "spbe-2020") -> dict[int, int]:
    """Official levels per indicator from ``source``: inline JSON (``{"1": 3, ...}``), a JSON
    file (levels, an object with a ``levels`` key such as the ``lhe --json`` output) or an LHE
    report read like ``lhe``. Raises WorkspaceError naming the source."""
    from ..score.agreement import OfficialLevelsError, load_levels_text, parse_levels

    fw = load_framework(framework)
    s = str(source)
    try:
        if s.lstrip().startswith("{"):
            return load_levels_text(s, fw, "--levels")
        p = Path(s)
        if not p.is_file():
            raise WorkspaceError(f"{p}: no such file")
        if p.suffix.lower() == ".json":
            return load_levels_text(p.read_text(encoding="utf-8"), fw, str(p))
        return parse_levels(load_official(p, fw.id)["levels"], fw)
    except OfficialLevelsError as e:
        raise WorkspaceError(str(e)) from e
    except (OSError, UnicodeDecodeError) as e:
        raise WorkspaceError(f"{s}: {e}") from e


def evaluate_levels(ws: Workspace, source: str | Path, framework: str | None = None,
                    region: str | None = None, year: int | None = None) -> dict:
    """The workspace's latest proposals against an official result (``evaluate --levels``)."""
    from ..score.agreement import compare_levels

    fw = load_framework(framework or ws.config.get("framework", "spbe-2020"))
    official = load_official_levels(source, fw.id)
    res = ws.results(fw.id, region=region, year=year)
    out = compare_levels(official, res["indicators"], fw)
    out["workspace"] = str(ws.path)
    out["run_id"] = (res.get("run") or {}).get("id")
    out["official_source"] = str(source) if not str(source).lstrip().startswith("{") else "inline"
    return out
