"""Editions of the instrument per evaluation year (data: ``frameworks/data/editions.json``).

The SPBE instrument changed between years: 35 indicators in 2018, indicator 35 assessed for
three public services in 2019 (35, 35-2, 35-3), a 37-row older instrument with other aspect
weights in 2020, the 47 indicators of PermenPANRB 59/2020 from 2021. An edition is either a
bundled framework or a small overlay on one: extra rows copied from an indicator (their
official labels, "35-2", kept in ``labels``) and aspect weights, each aspect's weight split
equally over its indicators. The derived framework goes through the same validation as a file.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "editions.json"


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def editions() -> list[dict]:
    return list(_raw()["editions"])


def edition(edition_id: str) -> dict | None:
    return next((e for e in editions() if e["id"] == edition_id), None)


def edition_for_year(year: int | None) -> dict | None:
    """The edition evaluated in ``year`` (None when no edition lists it)."""
    if year is None:
        return None
    return next((e for e in editions() if int(year) in e.get("years", [])), None)


def derived_ids() -> list[str]:
    return [e["id"] for e in editions() if "base" in e]


def labels(edition_id: str) -> dict[str, int]:
    """Official row labels of the extra rows ("35-2") -> their indicator ids here."""
    e = edition(edition_id) or {}
    return {x["label"]: int(x["id"]) for x in e.get("extra_indicators", [])}


def _renumber(obj, old: int, new: int):
    if isinstance(obj, dict):
        return {k: (re.sub(rf"^{old}-", f"{new}-", v) if k == "id" and isinstance(v, str) else _renumber(v, old, new))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [_renumber(v, old, new) for v in obj]
    return obj


def derive(e: dict, base_raw: dict) -> dict:
    """The framework JSON of edition ``e`` from its base framework's JSON."""
    raw = copy.deepcopy(base_raw)
    raw["id"] = e["id"]
    raw["name"] = e.get("name", raw["name"])
    raw["years"] = list(e.get("years", raw.get("years", [])))
    raw["notes"] = list(raw.get("notes", [])) + [e["note"]] if e.get("note") else raw.get("notes", [])
    by_id = {int(i["id"]): i for i in raw["indicators"]}
    for x in e.get("extra_indicators", []):
        src = by_id[int(x["copy_of"])]
        new = _renumber(copy.deepcopy(src), int(x["copy_of"]), int(x["id"]))
        new["id"] = int(x["id"])
        new["name"] = src["name"] + x.get("suffix", "")
        new["label"] = x["label"]
        raw["indicators"].append(new)
    if e.get("aspect_weights"):
        aw = {int(k): float(v) for k, v in e["aspect_weights"].items()}
        for a in raw["aspects"]:
            a["weight"] = aw.get(int(a["id"]), a["weight"])
        for d in raw["domains"]:
            d["weight"] = sum(a["weight"] for a in raw["aspects"] if a["domain_id"] == d["id"])
        for a in raw["aspects"]:
            members = [i for i in raw["indicators"] if int(i["aspect_id"]) == int(a["id"])]
            for i in members:
                i["weight"] = a["weight"] / len(members)
    return raw


def pick_framework(framework: str | None, edition_id: str | None, year: int | None,
                   default: str = "spbe-2020") -> str:
    """The framework a new workspace uses: ``framework`` if named, else the named edition,
    else the edition evaluated in ``year``, else ``default``."""
    from . import FrameworkError

    if framework:
        return framework
    if edition_id:
        e = edition(edition_id)
        if e is None:
            known = ", ".join(x["id"] for x in editions())
            raise FrameworkError(f"unknown edition '{edition_id}' (known: {known})")
        return e.get("framework", e["id"])
    e = edition_for_year(year)
    return e.get("framework", e["id"]) if e else default
