"""National index values a user enters for a workspace (Indeks Pemdi: SDI, SJIG, IPS, SDI
interoperability, IKASANDI areas), and Pemdi result tables kept as baselines with their decimals.

Two tables of their own, created on first use (older workspaces need no migration):

* ``external_indices``: one row per entry (key, value, region, year, who, when); the newest
  entry of a key counts. Entries are appended, never changed.
* ``pemdi_values``: indicator values of an imported Pemdi result (the ``baselines`` table keeps
  whole levels; this one keeps 1.26 as 1.26).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..frameworks import load_framework

if TYPE_CHECKING:  # pragma: no cover
    from . import Workspace

KEYS = ("sdi", "sjig", "ips", "sdi_interop", "ikasandi_siber", "ikasandi_insiden", "ikasandi_persandian")


def _now() -> str:
    from . import now
    return now()


def _table(ws: "Workspace"):
    t = ws.db["external_indices"]
    if not t.exists():
        t.create({"id": int, "framework": str, "region": str, "year": int, "key": str, "value": float,
                  "entered_by": str, "entered_at": str, "note": str}, pk="id")
        t.create_index(["framework", "region", "key"])
    return t


def set_external(ws: "Workspace", values: dict[str, float], *, framework: str = "pemdi-2026",
                 region: str | None = None, year: int | None = None, entered_by: str = "cli",
                 note: str = "") -> dict[str, float]:
    """Store entered index values (``KEYS``); returns every value now in force."""
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ValueError(f"unknown national index {unknown} (known: {', '.join(KEYS)})")
    fw = load_framework(framework)
    reg = region or ws.config.get("region") or ""
    yr = year or ws.config.get("assessment_year")
    from ..frameworks.pemdi import catalog
    from ..score.pemdi import convert_index
    cat = catalog(fw)
    for k, v in values.items():  # check ranges before anything is written
        if k in cat.get("external_indices", {}):
            convert_index(cat["external_indices"][k], float(v))
        elif not 0.0 <= float(v) <= 5.0:
            raise ValueError(f"IKASANDI {v} outside 0-5")
    t = _table(ws)
    with ws.db.conn:
        t.insert_all({"framework": fw.id, "region": reg, "year": yr, "key": k, "value": float(v),
                      "entered_by": entered_by, "entered_at": _now(), "note": note} for k, v in sorted(values.items()))
    return get_external(ws, framework=fw.id, region=reg)


def get_external(ws: "Workspace", *, framework: str = "pemdi-2026", region: str | None = None) -> dict[str, float]:
    """The newest entered value per index key for ``region`` (default: the workspace's)."""
    if not ws.db["external_indices"].exists():
        return {}
    reg = region if region is not None else (ws.config.get("region") or "")
    out: dict[str, float] = {}
    for r in ws.db.query("select key, value from external_indices where framework = ? and coalesce(region, '') = ? "
                         "order by id", [framework, reg]):
        out[r["key"]] = r["value"]
    return out


def with_values(ws: "Workspace", fw, results: dict) -> dict:
    """``results`` with the continuous values of a continuous framework (no-op otherwise)."""
    from ..frameworks.pemdi import is_continuous
    if not is_continuous(fw):
        return results
    from ..score.pemdi import apply
    apply(results, fw, get_external(ws, framework=fw.id, region=results.get("region") or ""))
    base = results.get("baseline")
    if base:
        vals = baseline_values(ws, fw.id, base.get("region"), base.get("year"))
        if vals:
            base["values"] = vals
    return results


def store_values(ws: "Workspace", framework: str, region: str, year: int, values: dict[int, float],
                 source_file: str | None = None) -> None:
    t = ws.db["pemdi_values"]
    if not t.exists():
        t.create({"framework": str, "region": str, "year": int, "indicator": int, "value": float,
                  "source_file": str, "stored_at": str}, pk=("framework", "region", "year", "indicator"))
    with ws.db.conn:
        t.delete_where("framework = ? and region = ? and year = ?", [framework, region, year])
        t.insert_all({"framework": framework, "region": region, "year": year, "indicator": k, "value": v,
                      "source_file": source_file, "stored_at": _now()} for k, v in sorted(values.items()))


def baseline_values(ws: "Workspace", framework: str, region: str | None, year: int | None) -> dict[str, float]:
    if not ws.db["pemdi_values"].exists():
        return {}
    return {str(r["indicator"]): r["value"] for r in ws.db.query(
        "select indicator, value from pemdi_values where framework = ? and region = ? and year = ? order by indicator",
        [framework, region or "", year])}


__all__ = ["KEYS", "set_external", "get_external", "with_values", "store_values", "baseline_values"]
