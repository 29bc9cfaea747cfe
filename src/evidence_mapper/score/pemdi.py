"""Continuous indicator values of the 2026 Indeks Pemdi, with the basis of every decimal.

An indicator's value is a number from 1.00 to 5.00. Document-scored indicators get it from
their evidence items (the national portal's ``I{n}-L{l}-{NN}``): the first level whose items are
not all met decides, and the value is that level's band low edge plus the band's width times
the share of its items met (levels are cumulative: items of a higher level do not count while
a lower one is incomplete; every level met gives 5.00). That rule is an inference from observed
assessor values (``partial_credit`` in the framework file says so); each value carries a
``value_basis`` listing the items met and not met per level and the arithmetic.

Indicators scored from national indices (SDI, SJIG, IPS, SDI interoperability) convert the
entered index by the framework's bands (a straight line inside the band). IKASANDI items inside
I10-I12 count as the share of their band the entered IKASANDI reaches. A national index not
entered counts as 1 (the assessor's rule) and every report says so.
"""

from __future__ import annotations

import re

from ..frameworks import Framework
from ..frameworks.pemdi import catalog, is_continuous
from .index import compute_index

_CODE_KEY = re.compile(r"^(?:I(\d+)|(\d+\.\d+))$", re.I)

TEXT = {
    "id": {
        "missing_index": "{name} belum diisi: indikator {code} dihitung bernilai 1,00",
        "missing_ikasandi": "{name} belum diisi: butir {items} dihitung belum terpenuhi",
        "index_value": "{name} = {x} pada rentang {ilo}-{ihi} (tingkat {level}): {vlo} + ({vhi} - {vlo}) x "
                       "({x} - {ilo}) / ({ihi} - {ilo}) = {value}",
        "partial": "tingkat {level} belum lengkap ({met}/{total} butir): {lo} + ({hi} - {lo}) x {met}/{total} = {value}",
        "complete": "seluruh butir tingkat 1-5 terpenuhi: 5,00",
        "rule": "aturan nilai antara (disimpulkan, bukan teks resmi): {rule}",
        "enter": "masukkan nilai {name} (evidence-mapper external WS --{opt} NILAI)",
    },
    "en": {
        "missing_index": "{name} not entered: indicator {code} counts as 1.00",
        "missing_ikasandi": "{name} not entered: items {items} count as not met",
        "index_value": "{name} = {x} in band {ilo}-{ihi} (level {level}): {vlo} + ({vhi} - {vlo}) x "
                       "({x} - {ilo}) / ({ihi} - {ilo}) = {value}",
        "partial": "level {level} incomplete ({met}/{total} items): {lo} + ({hi} - {lo}) x {met}/{total} = {value}",
        "complete": "every item of levels 1-5 met: 5.00",
        "rule": "in-between value rule (inferred, not official text): {rule}",
        "enter": "enter the {name} value (evidence-mapper external WS --{opt} VALUE)",
    },
}
# option name of `evidence-mapper external` per index key
OPTION = {"sdi": "sdi", "sjig": "sjig", "ips": "ips", "sdi_interop": "sdi-interop",
          "ikasandi_siber": "ikasandi-siber", "ikasandi_insiden": "ikasandi-insiden",
          "ikasandi_persandian": "ikasandi-persandian"}


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x - round(x)) > 1e-9 else f"{x:.0f}"


def normalize_values(fw: Framework, data: dict) -> dict[int, float]:
    """``{"1": 2.0}``, ``{"I1": 2.0}`` or ``{"1.1": 2.0}`` -> ``{1: 2.0}`` (codes from the file)."""
    by_code = {i["code"]: int(i["id"]) for i in catalog(fw)["indicators"]} if is_continuous(fw) else {}
    out: dict[int, float] = {}
    for k, v in data.items():
        ks = str(k).strip()
        m = _CODE_KEY.match(ks)
        if m and m.group(1):
            iid = int(m.group(1))
        elif m and m.group(2) and ks in by_code:
            iid = by_code[ks]
        else:
            try:
                iid = int(ks)
            except ValueError:
                raise ValueError(f"indicator {k!r} is neither an id, I<n> nor a code of {fw.id}") from None
        out[iid] = v
    return out


def convert_index(spec: dict, x: float) -> tuple[float, dict]:
    """A national index value to an indicator value by the spec's bands (straight line inside)."""
    lo_s, hi_s = spec["scale"]
    if not lo_s <= x <= hi_s:
        raise ValueError(f"{spec['name']} {x} outside {_f(lo_s)}-{_f(hi_s)}")
    bands = sorted(spec["bands"], key=lambda b: b["level"])
    band = next((b for b in bands if b["index"][0] <= x < b["index"][1]), bands[-1] if x >= bands[-1]["index"][0]
                else bands[0])
    (ilo, ihi), (vlo, vhi) = band["index"], band["value"]
    frac = min(1.0, max(0.0, (x - ilo) / (ihi - ilo)))
    value = round(vlo + (vhi - vlo) * frac, 4)
    return value, {"index": spec["name"], "entered": x, "level": band["level"], "index_band": [ilo, ihi],
                   "value_band": [vlo, vhi], "value": value}


def _band_share(x: float | None, band: list[float]) -> float:
    if x is None:
        return 0.0
    lo, hi = band
    return 1.0 if x >= hi else (0.0 if x <= lo else (x - lo) / (hi - lo))


def value_from_items(bands: dict, levels: dict[int, list[tuple[str, float]]]) -> tuple[float, int, str]:
    """(value, deciding level, arithmetic) from ``{level: [(item code, share met 0..1)]}``."""
    for lvl in range(1, 6):
        items = levels.get(lvl, [])
        total = len(items)
        met = sum(s for _, s in items)
        if total and met < total - 1e-9:
            lo, hi = bands[str(lvl)]
            value = lo + (hi - lo) * met / total
            return round(value, 4), lvl, (lo, hi, met, total)
    return 5.0, 5, None


def indicator_value(fw: Framework, entry: dict, states: dict[str, str], externals: dict[str, float],
                    lang: str = "id") -> tuple[float, dict]:
    """The value of one indicator and its basis. ``states``: portal code -> criterion state of
    the run ("met", "not_met", "unclear"); ``externals``: index key -> entered value."""
    cat = catalog(fw)
    t = TEXT[lang]
    bands = cat["value_bands"]
    notes: list[str] = []
    if entry["scored_from"] == "index":
        key = entry["external_index"]
        spec = cat["external_indices"][key]
        x = externals.get(key)
        items = [{"code": c["id"], "level": int(lk), "text": c["text"], "met": None, "how": "index" if c.get("index") else "document"}
                 for lk, lv in sorted(entry["levels"].items()) for c in lv["criteria"]]
        if x is None:
            notes.append(t["missing_index"].format(name=spec["name"], code=entry["code"]))
            return cat.get("external_missing_value", 1.0), {
                "source": "index", "index": key, "entered": None, "counted_as": cat.get("external_missing_value", 1.0),
                "certainty": "certain", "items": items, "notes": notes,
                "arithmetic": t["enter"].format(name=spec["name"], opt=OPTION.get(key, key))}
        value, b = convert_index(spec, x)
        arith = t["index_value"].format(name=spec["name"], x=_f(x), ilo=_f(b["index_band"][0]), ihi=_f(b["index_band"][1]),
                                        level=b["level"], vlo=_f(b["value_band"][0]), vhi=_f(b["value_band"][1]),
                                        value=f"{value:.2f}")
        return value, dict(b, source="index", certainty=spec.get("certainty", "likely"), items=items,
                           notes=notes, arithmetic=arith, conversion=spec.get("conversion", ""))
    per_level: dict[int, list[tuple[str, float]]] = {}
    rows = []
    missing_ika: dict[str, list[str]] = {}
    for lk, lv in sorted(entry["levels"].items(), key=lambda kv: int(kv[0])):
        lvl = int(lk)
        for c in lv["criteria"]:
            if c.get("index"):
                x = externals.get(c["index"])
                share = _band_share(x, c["index_band"]) if "index_band" in c else (1.0 if x is not None else 0.0)
                how = "index"
                if x is None:
                    missing_ika.setdefault(c["index"], []).append(c["id"])
            else:
                share = 1.0 if states.get(c["id"]) == "met" else 0.0
                how = "document"
            per_level.setdefault(lvl, []).append((c["id"], share))
            rows.append({"code": c["id"], "level": lvl, "text": c["text"], "met": round(share, 4), "how": how,
                         "state": states.get(c["id"], "not_met") if how == "document" else
                         ("met" if share >= 1 else ("partly" if share > 0 else "not_met")),
                         "certainty": c.get("certainty", "likely")})
    for key, codes in missing_ika.items():
        name = cat.get("ikasandi", {}).get(key, {}).get("name", key)
        notes.append(t["missing_ikasandi"].format(name=name, items=", ".join(codes)))
    value, lvl, parts = value_from_items(bands, per_level)
    if parts is None:
        arith = t["complete"]
    else:
        lo, hi, met, total = parts
        arith = t["partial"].format(level=lvl, met=_f(met), total=total, lo=_f(lo), hi=_f(hi), value=f"{value:.2f}")
    counted = {r["code"] for r in rows if r["level"] <= lvl}
    for r in rows:
        r["counted"] = r["code"] in counted
    return value, {"source": "documents", "deciding_level": lvl, "value_band": bands[str(lvl)], "value": value,
                   "certainty": cat["partial_credit"]["certainty"], "items": rows, "notes": notes,
                   "arithmetic": arith,
                   "levels": {str(k): {"met": round(sum(s for _, s in v), 4), "total": len(v)} for k, v in per_level.items()}}


def apply(results: dict, fw: Framework, externals: dict[str, float] | None = None, lang: str = "id") -> dict:
    """Add the continuous values to ``Workspace.results()`` (in place, returned): per indicator
    ``value``, ``value_basis``, ``code``, ``scored_from``; the index from the values; ``pemdi``
    with the entered indices and the notes every report shows."""
    if not is_continuous(fw):
        return results
    cat = catalog(fw)
    externals = {k: float(v) for k, v in (externals or {}).items() if v is not None}
    entries = {int(i["id"]): i for i in cat["indicators"]}
    values: dict[int, float] = {}
    notes: list[str] = []
    for ind in results["indicators"]:
        e = entries[int(ind["id"])]
        states = {c["criterion_id"]: c["state"] for c in ind.get("criteria", [])}
        v, basis = indicator_value(fw, e, states, externals, lang)
        ind.update(value=round(v, 2), value_exact=v, value_basis=basis, code=e["code"], scored_from=e["scored_from"])
        if e["scored_from"] == "index":  # the level is the index band's, never read from documents
            lvl = basis.get("level") if basis.get("entered") is not None else None
            ind.update(level=lvl, level_name=cat["level_names"]["pemdi"].get(str(lvl)) if lvl else None,
                       state="proposed" if lvl else "insufficient_evidence", links=[] if not lvl else ind["links"])
        values[int(ind["id"])] = v
        notes += [n for n in basis["notes"] if n not in notes]
    idx = compute_index(fw, values, missing_as=fw.scale_min)
    results["gaps"] = [i["id"] for i in results["indicators"] if i["state"] == "insufficient_evidence"]
    results["index"] = idx.to_json() | {"gaps_counted_at": fw.scale_min, "from": "values"}
    results["pemdi"] = {
        "externals": externals,
        "external_indices": {k: {"name": s["name"], "indicator": s["indicator"], "entered": externals.get(k),
                                 "option": "--" + OPTION.get(k, k)} for k, s in cat["external_indices"].items()},
        "missing_counted_as": cat.get("external_missing_value", 1.0),
        "notes": notes,
        "value_rule": TEXT[lang]["rule"].format(rule=cat["partial_credit"].get("rule_id" if lang == "id" else "rule",
                                                                               cat["partial_credit"]["rule"])),
        "certainty": cat["certainty"],
    }
    return results


def pemdi_gaps(results: dict, fw: Framework, target: int | None = None, lang: str = "id",
               baseline: dict | None = None) -> dict:
    """The gap report in Pemdi terms: per indicator the evidence items (portal codes) still
    missing per level up to the target, the value now and if they were met. Same keys as
    :func:`score.gaps.gap_report` (``criterion_id`` is the portal code) plus Pemdi ones."""
    from .gaps import GAPS_VERSION, _pred_at_least, describe_check
    cat = catalog(fw)
    tgt = int(target if target is not None else (fw.target_level or 3))
    t = TEXT[lang]
    externals = results.get("pemdi", {}).get("externals", {})
    entries = {int(i["id"]): i for i in cat["indicators"]}
    values = {int(i["id"]): i.get("value_exact", i.get("value", 1.0)) for i in results["indicators"]}
    now = compute_index(fw, values, missing_as=fw.scale_min)
    target_value = cat["value_bands"][str(tgt)][0]  # reaching level L = all items of the levels below it
    rows, at_target = [], []
    base_levels = {int(k): v for k, v in (baseline or {}).get("levels", {}).items()}
    for ind in results["indicators"]:
        iid = int(ind["id"])
        e = entries[iid]
        fi = fw.indicator(iid)
        basis = ind.get("value_basis", {})
        missing = []
        if e["scored_from"] == "index":
            spec = cat["external_indices"][e["external_index"]]
            if basis.get("entered") is None or values[iid] < target_value:
                b = next(b for b in spec["bands"] if b["level"] == tgt)
                code = next((c["id"] for c in e["levels"][str(tgt)]["criteria"] if c.get("index")),
                            f"{e['ref_id']}-L{tgt}-01")
                missing.append({"level": tgt, "criterion_id": code, "criterion": spec["name"],
                                "document": t["enter"].format(name=spec["name"], opt=OPTION.get(e["external_index"])),
                                "requirements": [f"{spec['name']} >= {_f(b['index'][0])}"], "kind": "index"})
        else:
            crit = {c["id"]: c for lv in e["levels"].values() for c in lv["criteria"]}
            for it in basis.get("items", []):
                if it["level"] > tgt - 1 or it["met"] >= 1:
                    continue
                c = crit[it["code"]]
                req = describe_check(c.get("check", {}), lang)
                kind = "index" if c.get("index") else "document"
                if kind == "index":
                    name = cat["ikasandi"].get(c["index"], {}).get("name", c["index"])
                    req = [f"{name} >= {_f(c['index_band'][1])}" if "index_band" in c else name,
                           t["enter"].format(name=name, opt=OPTION.get(c["index"], c["index"]))]
                missing.append({"level": it["level"], "criterion_id": it["code"], "criterion": c["text"],
                                "document": c["evidence"], "requirements": req, "kind": kind,
                                "met_share": it["met"]})
        if not missing and values[iid] >= target_value:
            at_target.append(iid)
            continue
        gain_v = max(0.0, target_value - values[iid])
        rows.append({
            "id": iid, "code": e["code"], "name": fi.name, "name_en": fi.name_en, "domain_id": fi.domain_id,
            "aspect_id": fi.aspect_id, "weight": fi.weight, "level": ind.get("level"), "value": round(values[iid], 2),
            "counted_level": round(values[iid], 2), "baseline_level": base_levels.get(iid), "target": tgt,
            "target_value": target_value, "levels_to_gain": round(gain_v, 2),
            "gain": round(fi.weight * gain_v / 100, 4), "gain_per_criterion": round(fi.weight * gain_v / 100 / max(1, len(missing)), 4),
            "scored_from": e["scored_from"], "missing": missing,
        })
    from .gaps import rank_rows
    after = rank_rows(rows, fw, values, target_value)
    return {
        "version": GAPS_VERSION, "framework": fw.id, "region": results.get("region"),
        "run_id": (results.get("run") or {}).get("id"), "lang": lang,
        "target": {"level": tgt, "predicate": fw.target_predicate, "value": target_value},
        "current": now.to_json(), "if_closed": after.to_json(),
        "reaches_target_predicate": _pred_at_least(fw, after.predicate, fw.target_predicate),
        "baseline": ({"year": baseline.get("year"), "index": baseline.get("index"),
                      "predicate": baseline.get("predicate")} if baseline else None),
        "at_target": at_target, "indicators": rows,
        "notes": results.get("pemdi", {}).get("notes", []),
        "value_rule": results.get("pemdi", {}).get("value_rule"),
    }


__all__ = ["apply", "convert_index", "indicator_value", "normalize_values", "pemdi_gaps", "value_from_items"]


def _evidence_docs(ind: dict, only_counted: bool = False) -> dict[str, str]:
    """sha256 -> title of the documents linked to an indicator's criteria (met ones)."""
    out: dict[str, str] = {}
    for c in ind.get("criteria", []):
        if c.get("state") != "met":
            continue
        for lk in c.get("links", []):
            out.setdefault(lk["doc_sha256"], lk.get("doc_title") or lk.get("doc_path") or lk["doc_sha256"][:12])
    return out


def carry_over(prev: dict, cur: dict, fw: Framework, crosswalk: dict[int, list[int]]) -> dict:
    """What a 2026 Pemdi proposal carries over from an SPBE 2020 result and what is new.

    ``prev``: SPBE results (``Workspace.results()``) or an official result (``levels`` only);
    ``cur``: Pemdi results. Per Pemdi indicator: the SPBE indicators the crosswalk relates to it
    with their previous levels, the evidence documents carried over (SPBE evidence of a related
    indicator, linked again), the new ones, and the related SPBE evidence not used. Same top
    keys as :func:`score.compare.diff` where they apply (``from``, ``to``, ``counts``,
    ``indicators``, ``documents``, ``regressions``)."""
    cat = catalog(fw)
    entries = {int(i["id"]): i for i in cat["indicators"]}
    inverse: dict[int, list[int]] = {}
    for s, targets in crosswalk.items():
        for t in targets:
            inverse.setdefault(int(t), []).append(int(s))
    p_inds = {int(i["id"]): i for i in prev.get("indicators", [])}
    p_levels = {int(k): v for k, v in (prev.get("levels") or {}).items()} or \
        {k: i.get("level") for k, i in p_inds.items()}
    rows, counts = [], {"carried": 0, "new": 0, "new_evidence": 0}
    all_new: dict[str, str] = {}
    all_carried: dict[str, str] = {}
    all_prev: dict[str, str] = {}
    for s in p_inds.values():
        all_prev.update(_evidence_docs(s))
    for ind in cur["indicators"]:
        iid = int(ind["id"])
        e = entries[iid]
        related = sorted(inverse.get(iid, []))
        before: dict[str, str] = {}
        for s in related:
            if s in p_inds:
                before.update(_evidence_docs(p_inds[s]))
        now = _evidence_docs(ind)
        carried = {k: v for k, v in now.items() if k in before}
        new = {k: v for k, v in now.items() if k not in before}
        change = "carried" if related and any(p_levels.get(s) for s in related) else "new"
        counts[change] += 1
        counts["new_evidence"] += bool(new)
        all_new.update({k: v for k, v in new.items() if k not in all_prev})
        all_carried.update(carried)
        rows.append({
            "id": iid, "code": e["code"], "name": ind["name"], "change": change, "regression": False,
            "relation": e.get("spbe_2020_status"),
            "from": ", ".join(f"{s}:{p_levels.get(s) or '-'}" for s in related) or None,
            "from_indicators": [{"id": s, "level": p_levels.get(s)} for s in related],
            "to": ind.get("value"),
            "evidence_carried": sorted(carried.values()), "evidence_added": sorted(new.values()),
            "evidence_removed": sorted(v for k, v in before.items() if k not in now),
        })
    pidx = prev.get("index")
    pidx = pidx.get("index") if isinstance(pidx, dict) else pidx
    return {
        "cross_framework": True,
        "from": {"framework": (prev.get("framework") or {}).get("id") if isinstance(prev.get("framework"), dict)
                 else prev.get("framework"), "label": f"SPBE {prev.get('year') or (prev.get('run') or {}).get('assessment_year') or ''}".strip(),
                 "index": pidx, "predicate": (prev.get("index") or {}).get("predicate") if isinstance(prev.get("index"), dict)
                 else prev.get("predicate")},
        "to": {"framework": fw.id, "label": f"Pemdi {(cur.get('run') or {}).get('assessment_year') or ''}".strip(),
               "index": cur["index"]["index"], "predicate": cur["index"]["predicate"]},
        "index_delta": round(cur["index"]["index"] - pidx, 2) if pidx is not None else None,
        "note": "different instruments: indices are not comparable; relations from the crosswalk (uncertain)",
        "counts": counts,
        "indicators": rows,
        "documents": {"added": [{"title": t} for t in sorted(all_new.values())],
                      "carried": [{"title": t} for t in sorted(all_carried.values())],
                      "removed": [{"title": t} for k, t in sorted(all_prev.items(), key=lambda kv: kv[1])
                                  if k not in all_carried]},
        "regressions": [],
    }


_ID_COLS = ("kode", "code", "id", "indicator", "indikator", "no")
_VAL_COLS = ("value", "nilai", "nilai_indikator", "indeks", "level")


def _rows_to_values(rows: list[dict], fw: Framework, where: str) -> dict[int, float]:
    out: dict[str, float] = {}
    for r in rows:
        low = {str(k).strip().lower().replace(" ", "_"): v for k, v in r.items() if k is not None}
        key = next((low[c] for c in _ID_COLS if low.get(c) not in (None, "")), None)
        val = next((low[c] for c in _VAL_COLS if low.get(c) not in (None, "")), None)
        if key is None or val is None:
            continue
        key = str(key).strip()
        if re.match(r"^\d+\.0$", key) and not _CODE_KEY.match(key):
            key = key[:-2]
        try:
            out[key] = float(str(val).replace(",", "."))
        except ValueError:
            raise ValueError(f"{where}: value {val!r} of indicator {key} is not a number") from None
    if not out:
        raise ValueError(f"{where}: no indicator/value columns found (use e.g. 'kode' and 'nilai')")
    return normalize_values(fw, out)


def read_value_table(path, fw: Framework) -> dict:
    """A Pemdi result (indicator values) from JSON, CSV or XLSX, as the baseline contract:
    ``{framework, region, year, index, predicate, aspects, domains, levels, values, file, sha256}``
    (``levels``: whole levels for the common baselines table, ``values``: the decimals).

    JSON: ``{"values" | "levels": {"1.1": 2.0, ...}, "region", "year"}``; CSV/XLSX: a header row
    with an indicator column (``kode``/``code``/``indikator``/``id``: 1.1, I1 or 1) and a value
    column (``nilai``/``value``)."""
    import csv
    import hashlib
    import io
    import json
    from pathlib import Path
    p = Path(path)
    data = p.read_bytes()
    meta: dict = {}
    suffix = p.suffix.lower()
    if suffix == ".json":
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ValueError(f"{p}: not JSON ({e})") from e
        table = raw.get("values") or raw.get("levels") if isinstance(raw, dict) else None
        if isinstance(raw, list):
            values = _rows_to_values(raw, fw, str(p))
        elif isinstance(table, dict):
            values = normalize_values(fw, {k: float(v) for k, v in table.items() if v is not None})
        else:
            raise ValueError(f"{p}: no 'values' table in this JSON")
        meta = {k: raw.get(k) for k in ("region", "year")} if isinstance(raw, dict) else {}
    elif suffix in (".csv", ".txt"):
        text = data.decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
        values = _rows_to_values(list(csv.DictReader(io.StringIO(text), dialect=dialect)), fw, str(p))
    elif suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as e:  # noqa: BLE001 - any unreadable workbook is one error line
            raise ValueError(f"{p}: not a readable XLSX ({e})") from e
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        head = next((i for i, r in enumerate(rows) if any(str(c or "").strip().lower() in _ID_COLS for c in r)), None)
        if head is None:
            raise ValueError(f"{p}: no header row with an indicator column (kode/indikator/id)")
        names = [str(c or "").strip() for c in rows[head]]
        values = _rows_to_values([dict(zip(names, r)) for r in rows[head + 1:]], fw, str(p))
    else:
        raise ValueError(f"{p}: a Pemdi result table must be .json, .csv or .xlsx")
    bad = {k: v for k, v in values.items() if not fw.scale_min <= v <= fw.scale_max}
    if bad:
        raise ValueError(f"{p}: values outside {fw.scale_min}-{fw.scale_max}: {bad}")
    idx = compute_index(fw, values, missing_as=fw.scale_min)
    j = idx.to_json()
    warnings = [f"indicator(s) {idx.missing} missing: counted as {fw.scale_min}"] if idx.missing else []
    return {"framework": fw.id, "region": meta.get("region"), "year": meta.get("year"), "index": j["index"],
            "predicate": j["predicate"], "aspects": j["aspects"], "domains": j["domains"],
            "levels": {str(k): max(fw.scale_min, int(v + 1e-9)) for k, v in values.items()},
            "values": {str(k): v for k, v in values.items()},
            "file": str(p), "sha256": hashlib.sha256(data).hexdigest(), "warnings": warnings}
