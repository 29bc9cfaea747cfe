"""What a continuous-value framework (``"value_model": "continuous"``, the 2026 Indeks Pemdi)
carries beyond the common framework file, and its validation.

The common loader (:func:`evidence_mapper.frameworks.parse_framework`) builds the aspects,
indicators, levels and criteria (one criterion per evidence item, its id the national portal's
code ``I{n}-L{l}-{NN}``) and calls :func:`validate` on such a file. :func:`catalog` returns the
file's extra fields as plain data: indicator codes (1.1-7.2), the value band of each level, the
national indices and their bands, the IKASANDI items, and the certainty of every field.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

CERTAINTY = {"certain", "likely", "inferred", "uncertain", "verified", "secondary", "missing", "official",
             "placeholder"}
_CODE = re.compile(r"^\d+\.\d+$")
_ITEM = re.compile(r"^I(\d+)-L([1-5])-(\d{2})$")


def _fail(where: str, msg: str):
    from . import FrameworkError
    raise FrameworkError(f"{where}: {msg}")


def validate(raw: dict, where: str) -> None:
    """Checks of a continuous-value framework file the common loader does not make."""
    bands = raw.get("value_bands")
    if not isinstance(bands, dict) or sorted(bands) != ["1", "2", "3", "4", "5"]:
        _fail(where, "value_bands must give a [low, high] band for levels 1-5")
    prev = None
    for k in sorted(bands, key=int):
        lo, hi = bands[k]
        if not lo < hi or (prev is not None and abs(prev - lo) > 1e-9):
            _fail(where, f"value band of level {k} {bands[k]} is not contiguous with the one below")
        prev = hi
    preds = sorted(p["min"] for p in raw.get("predicates", []))
    if preds != sorted(b[0] for b in bands.values()):
        _fail(where, "predicate thresholds differ from the value bands' lower edges")
    pc = raw.get("partial_credit", {})
    if pc.get("certainty") not in CERTAINTY or not pc.get("rule"):
        _fail(where, "partial_credit needs a rule and its certainty")
    for key, cert in raw.get("certainty", {}).items():
        if not isinstance(cert, str) or re.split(r"[\s:(),]", cert)[0] not in CERTAINTY:
            _fail(where, f"certainty of {key!r} must start with one of {sorted(CERTAINTY)}")
    ext = raw.get("external_indices", {})
    ids = {int(i["id"]) for i in raw.get("indicators", [])}
    for key, spec in ext.items():
        if spec.get("indicator") not in ids:
            _fail(where, f"external index {key} names unknown indicator {spec.get('indicator')}")
        last = None
        for b in spec.get("bands", []):
            ilo, ihi = b["index"]
            if not ilo < ihi or (last is not None and ilo < last - 1e-9):
                _fail(where, f"external index {key}: band of level {b['level']} {b['index']} out of order")
            last = ihi
        if len(spec.get("bands", [])) != 5:
            _fail(where, f"external index {key}: 5 bands needed")
    codes = set()
    item_index_keys = set(ext) | set(raw.get("ikasandi", {}))
    for ind in raw.get("indicators", []):
        iw = f"{where} indicator {ind.get('id')}"
        code = ind.get("code", "")
        if not _CODE.match(code) or code in codes:
            _fail(iw, f"code {code!r} missing, malformed or repeated")
        codes.add(code)
        aspect = next((a for a in raw.get("aspects", []) if a["id"] == ind.get("aspect_id")), None)
        if aspect is not None and aspect.get("code") and code.split(".")[0] != str(aspect["code"]):
            _fail(iw, f"code {code} does not belong to aspect {aspect['code']}")
        if ind.get("scored_from") not in ("documents", "index"):
            _fail(iw, "scored_from must be 'documents' or 'index'")
        if ind.get("scored_from") == "index" and ind.get("external_index") not in ext:
            _fail(iw, "scored from an index that external_indices does not define")
        for lk, lv in ind.get("levels", {}).items():
            if lv.get("text_certainty") not in CERTAINTY:
                _fail(iw, f"level {lk}: text_certainty missing")
            for c in lv.get("criteria", []):
                m = _ITEM.match(str(c.get("id", "")))
                if not m or int(m.group(2)) != int(lk) or f"I{m.group(1)}" != ind.get("ref_id", f"I{ind['id']}"):
                    _fail(iw, f"evidence item {c.get('id')!r} is not a portal code I{ind['id']}-L{lk}-NN")
                if c.get("certainty") not in CERTAINTY:
                    _fail(iw, f"evidence item {c['id']}: certainty missing")
                if "index" in c and c["index"] not in item_index_keys:
                    _fail(iw, f"evidence item {c['id']}: unknown index {c['index']!r}")
                if "index_band" in c and not c["index_band"][0] < c["index_band"][1]:
                    _fail(iw, f"evidence item {c['id']}: bad index_band")


@lru_cache(maxsize=8)
def _read(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def is_continuous(fw) -> bool:
    return bool(catalog(fw).get("value_model") == "continuous")


def catalog(fw) -> dict[str, Any]:
    """The framework file as plain data (for the fields the common dataclasses do not hold)."""
    from . import framework_path
    return _read(str(framework_path(fw.id).resolve()))


def indicator_entry(fw, indicator_id: int) -> dict:
    for i in catalog(fw)["indicators"]:
        if int(i["id"]) == int(indicator_id):
            return i
    raise KeyError(f"{fw.id}: no indicator {indicator_id}")
