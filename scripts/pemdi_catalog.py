#!/usr/bin/env python3
"""Regenerate the pemdi-2026 framework file (and its SPBE 2020 crosswalk) from the reference.

    python scripts/pemdi_catalog.py [--reference PATH] [--overrides FILE] [--check]

Reads the compiled reference (``../shared/reference/frameworks/pemdi-2026/pemdi-2026.json``
beside the repository, or ``--reference``) and the matching vocabulary in
``scripts/pemdi/terms.json``, and writes

* ``src/evidence_mapper/frameworks/data/pemdi-2026.json``: aspects, indicators (codes 1.1-7.2,
  weights), predicates, the index formula, value bands, the national indices and their bands,
  every level's text and its evidence items (portal codes ``I{n}-L{l}-{NN}``) as criteria, and
  the certainty of each field;
* the ``spbe-2020`` -> ``pemdi-2026`` pair of ``frameworks/data/crosswalk.json`` (other pairs
  are left as they are).

``--overrides FILE`` replaces level texts and evidence items once the official text is at hand:
``{"I1": {"levels": {"2": "text"}, "evidence": {"I1-L2-01": "text", "I1-L2-05": "new item"}}}``
(a new code adds an item); what it sets is marked ``official``. ``--check`` writes nothing and
exits 1 when the files differ from what would be generated. See docs/pemdi-2026.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "evidence_mapper" / "frameworks" / "data"
OUT = DATA / "pemdi-2026.json"
CROSSWALK = DATA / "crosswalk.json"
TERMS = ROOT / "scripts" / "pemdi" / "terms.json"
DEFAULT_REF = ROOT.parent / "shared" / "reference" / "frameworks" / "pemdi-2026" / "pemdi-2026.json"
FID = "pemdi-2026"

# National indices: which option of `evidence-mapper external` holds each, its scale.
INDICES = {
    "I5": ("sdi", "Indeks Satu Data Indonesia (SDI)", (0.0, 100.0)),
    "I6": ("sjig", "Indeks Simpul Jaringan Informasi Geospasial (SJIG)", (1.0, 5.0)),
    "I7": ("ips", "Indeks Pembangunan Statistik (IPS/EPSS)", (1.0, 5.0)),
    "I18": ("sdi_interop", "Indeks SDI, aspek Interoperabilitas Data", (0.0, 100.0)),
}
IKASANDI_AREAS = [
    ("penanganan insiden siber", "ikasandi_insiden", "IKASANDI area Penanganan Insiden Siber"),
    ("kematangan persandian", "ikasandi_persandian", "IKASANDI area Kematangan Persandian"),
    ("keamanan siber", "ikasandi_siber", "IKASANDI area Keamanan Siber"),
]
NUM = r"(\d+(?:[,.]\d+)?)"


def num(s: str) -> float:
    return float(s.replace(",", "."))


def band_from_text(text: str, lo_default: float) -> list[float]:
    ns = [num(x) for x in re.findall(NUM, text.split("(")[0])]
    if len(ns) >= 2 and ns[0] != ns[1]:
        return [ns[0], ns[1]]
    return [lo_default, ns[0]]


def item_check(text: str, iid: str, terms: dict) -> dict:
    t = text.lower()
    overrides = terms.get("overrides", {})
    groups: list[list[str]] = []
    for trig, phrases in terms["concepts"]:
        if re.search(trig, t) and phrases not in groups:
            groups.append(phrases)
        if len(groups) >= terms.get("max_concepts", 2):
            break
    if not groups:
        groups.append(terms["keywords"][iid[1:]][:6])
    for trig, phrases in terms["qualifiers"]:
        if re.search(trig, t):
            groups.append(phrases)
            break
    check: dict = {"terms_all": groups}
    for trig, types, status in terms.get("doc_types", []):
        if re.search(trig, t):
            check["doc_types"] = types
            if status != "any":
                check["status"] = status
            break
    return check


def build(ref: dict, terms: dict, overrides: dict) -> tuple[dict, dict]:
    names_en = terms["names_en"]
    src_ids = [s["id"] for s in ref["sources"]]
    aspects = []
    for a in ref["aspects"]:
        n = int(a["id"][1:])
        aspects.append({"id": n, "domain_id": 1, "code": a["code"], "ref_id": a["id"], "name": a["name"],
                        "name_en": names_en["aspects"][str(n)], "weight": a["weight"],
                        "description": a.get("description_S_EDU", ""), "sources": a.get("source_refs", [])})
    bands = ref["predicates"]["bands"]
    level_names = {str(x["level"]): x["alias_id"] for x in ref["scale"]["level_names"]}
    indicators, external, ikasandi = [], {}, {}
    for ri in ref["indicators"]:
        rid = ri["id"]
        n = int(rid[1:])
        ov = overrides.get(rid, {})
        ext = INDICES.get(rid)
        items: dict[int, list[dict]] = {}
        ev_over = dict(ov.get("evidence", {}))
        for e in ri["evidence"]:
            text = ev_over.pop(e["eval_code"], e["text"])
            official = e["eval_code"] in ov.get("evidence", {})
            crit = {"id": e["eval_code"], "text": text, "evidence": text, "gt_id": e["gt_id"],
                    "source": "official" if official else e["source"],
                    "certainty": "official" if official else (
                        "placeholder" if text.startswith("(Tidak disebutkan") else "likely"),
                    "check": terms.get("overrides", {}).get(e["eval_code"]) or item_check(text, rid, terms)}
            low = text.lower()
            if ext and (rid != "I18" or "indeks sdi" in low):
                key, name, scale = ext
                crit["index"] = key
            elif "ikasandi" in low and re.search(NUM + r"\s*<\s*IKASANDI", text):
                area = next(k for a, k, _ in IKASANDI_AREAS if a in low)
                m = re.search(NUM + r"\s*<\s*IKASANDI\s*<\s*" + NUM, text)
                crit["index"] = area
                crit["index_band"] = [num(m.group(1)), num(m.group(2))]
                ikasandi.setdefault(area, []).append(e["eval_code"])
            items.setdefault(e["level"], []).append(crit)
        for code, text in sorted(ev_over.items()):  # items the overrides add
            lvl = int(re.match(r"I\d+-L(\d)-", code).group(1))
            items.setdefault(lvl, []).append({"id": code, "text": text, "evidence": text, "source": "official",
                                              "certainty": "official", "check": item_check(text, rid, terms)})
        levels = {}
        secondary = ri.get("level_summaries_secondary", {}).get("levels", {})
        for lvl in range(1, 6):
            lk = str(lvl)
            if lk in ov.get("levels", {}):
                text, tsrc, tcert = ov["levels"][lk], "official", "official"
            elif lk in ri.get("levels", {}):
                text, tsrc, tcert = ri["levels"][lk], ri["levels_provenance"][lk]["source"], "verified"
            else:
                text, tsrc, tcert = secondary.get(lk, ""), ri.get("level_summaries_secondary", {}).get("source", ""), \
                    "secondary" if secondary.get(lk) else "missing"
            if not items.get(lvl):
                raise SystemExit(f"{rid} level {lvl}: no evidence items in the reference")
            levels[lk] = {"name": level_names[lk], "text": text, "text_source": tsrc, "text_certainty": tcert,
                          "criteria": sorted(items[lvl], key=lambda c: c["id"])}
        level_0 = ({"text": ri["levels"]["0"], "text_source": ri["levels_provenance"]["0"]["source"],
                    "text_certainty": "verified"} if "0" in ri.get("levels", {}) else None)
        mapping = ri.get("spbe_2020_mapping", {})
        ind = {
            "id": n, "code": ri["code"], "ref_id": rid, "name": ri["name"], "name_en": names_en["indicators"][str(n)],
            "aspect_id": int(ri["aspect_id"][1:]), "weight": ri["weight"], "scale": "pemdi", "kind": "process",
            "description": ri["description"].get("S-MINSEL") or next(iter(ri["description"].values()), ""),
            "keywords": terms["keywords"][str(n)],
            "evidence_typical": [], "scored_from": "index" if ext else "documents",
            "scored_from_detail": ri.get("scored_from_detail") or ri["scored_from"],
            "certainty": {"code": "certain", "name": "certain", "weight": "certain", "aspect": "certain",
                          "scored_from": "certain", "evidence_items": "likely",
                          "level_texts": {lk: lv["text_certainty"] for lk, lv in levels.items()},
                          "spbe_2020_relation": "uncertain"},
            "sources": ri.get("source_refs", []),
            "spbe_2020": _spbe_numbers(mapping),
            "spbe_2020_status": mapping.get("pringsewu_komparasi", {}).get("status"),
            "levels": levels,
        }
        if level_0:
            ind["level_0"] = level_0
        seen = []
        for lv in levels.values():
            for c in lv["criteria"]:
                if "index" not in c and c["text"] not in seen:
                    seen.append(c["text"])
        ind["evidence_typical"] = seen[:6]
        if ext:
            key, name, scale = ext
            xb = [{"level": b["level"], "index": band_from_text(b["index_range"], scale[0]),
                   "value": b["value_range"]} for b in ri["external_index"]["bands"]]
            external[key] = {"name": name, "indicator": n, "scale": list(scale), "bands": xb,
                             "owner": ri["external_index"].get("index_owner", ""),
                             "certainty": "likely" if key in ("sdi", "sdi_interop") else "uncertain",
                             "conversion": "inferred: straight line inside the band (reproduces the module's SDI "
                                           "examples 25 -> 2.00 and 68.75 -> 3.75)",
                             "sources": ri["external_index"].get("bands_sources", []),
                             "note": ri["external_index"].get("conversion_note", "")}
            ind["external_index"] = key
        indicators.append(ind)
    fw = {
        "id": FID,
        "name": "Indeks Pemerintah Digital (Indeks Pemdi) 2026",
        "regulation": ref["regulation"]["name"],
        "years": [2026],
        "scale": {"min": 1, "max": 5},
        "value_model": "continuous",
        "level_names": {"pemdi": level_names},
        "domains": [{"id": 1, "name": "Indeks Pemerintah Digital", "name_en": "Digital Government Index",
                     "weight": 100}],
        "aspects": aspects,
        "predicates": [{"name": b["predikat"], "name_en": b["alias"].split("/")[-1].strip(), "min": b["min"]}
                       for b in bands],
        "target": {"level": 3, "predicate": "Baik"},
        "index_formula": {"aspect": ref["index_formula"]["aspect_index"],
                          "index": ref["index_formula"]["pemdi_index"],
                          "verification": ref["index_formula"]["verification"]},
        "value_bands": {str(i + 1): [b["min"], b.get("max_exclusive", b.get("max_inclusive"))]
                        for i, b in enumerate(bands)},
        "partial_credit": {
            "certainty": "inferred",
            "rule": "value = lo(L) + (hi(L) - lo(L)) x met items(L) / items(L) for the first level L whose items "
                    "are not all met; every level met gives 5.0; items of higher levels do not count while a lower "
                    "level is incomplete (cumulative levels).",
            "rule_id": "nilai = batas bawah(L) + (batas atas(L) - batas bawah(L)) x butir terpenuhi(L) / butir(L) "
                       "untuk tingkat L pertama yang butirnya belum lengkap; seluruh tingkat lengkap = 5,00; butir "
                       "tingkat lebih tinggi tidak dihitung selama tingkat di bawahnya belum lengkap.",
            "fit": "reproduces 8 of 9 observed assessor values (I3 does not fit)",
            "reference": ref["scale"]["inferred_partial_credit_rule"]["status"],
        },
        "external_indices": external,
        "ikasandi": {k: {"name": name, "items": ikasandi.get(k, []), "certainty": "likely",
                         "rule": "inferred: an IKASANDI item counts as the share of its band the entered value "
                                 "reaches (0 below the band, 1 at or above its upper edge)"}
                     for _, k, name in IKASANDI_AREAS},
        "external_missing_value": 1.0,
        "certainty": {
            "aspects": "certain", "indicators": "certain", "weights": "certain", "codes": "certain",
            "index_formula": "certain", "continuous_values": "certain", "external_indicators": "certain",
            "external_missing_value": "certain",
            "predicates": "likely", "level_names": "likely", "evidence_items": "likely",
            "external_bands": "likely (SDI), uncertain (SJIG, IPS)",
            "partial_credit_rule": "inferred", "ikasandi_items": "inferred",
            "level_texts": "verified for a few levels (I1 L1/L5, I17 L1/L5, I19 L1-L5, I20 L2-L5); "
                           "secondary paraphrases elsewhere",
            "spbe_2020_crosswalk": "uncertain (regional comparisons, not an official crosswalk)",
            "matching_terms": "inferred: this product's own vocabulary (scripts/pemdi/terms.json)",
        },
        "rules": {"draft_max_level": 1, "check_issuer_region": True, "check_period": True,
                  "regulation_doc_types": ["perda", "pergub", "perbup", "perwali", "sk", "se"],
                  "superseded_doc_types": ["perda", "pergub", "perbup", "perwali", "sk", "se"],
                  "instrument_strength": {"perda": 5, "pergub": 4, "perbup": 4, "perwali": 4, "sk": 3, "se": 2,
                                          "sop": 1, "rencana": 1, "laporan": 1, "topologi": 1, "anggaran": 1,
                                          "berita": 0, "lainnya": 0}},
        "sources": [f"{s['id']}: {s.get('repo', '')}/{s.get('path', '')}@{(s.get('commit') or '')[:12]} - "
                    f"{s.get('reliability', '')}" for s in ref["sources"]],
        "source_ids": src_ids,
        "notes": [ref["status"]] + ref.get("notes", []),
        "generated_by": "scripts/pemdi_catalog.py from reference/frameworks/pemdi-2026/pemdi-2026.json",
        "indicators": indicators,
    }
    # crosswalk: SPBE 2020 indicator -> Pemdi indicators relating to it
    cw: dict[str, list[int]] = {str(i): [] for i in range(1, 48)}
    for ind in indicators:
        for s in ind["spbe_2020"]:
            cw[str(s)].append(ind["id"])
    pair = {"from": "spbe-2020", "to": FID, "map": {k: sorted(set(v)) for k, v in cw.items()},
            "confirmed": [],
            "source": "reference/frameworks/pemdi-2026 spbe_2020_mapping (S-EDU 'komparasiIndeks': SPBE 59/2020 "
                      "indicator numbers whose evidence a 2026 submission reuses or updates), generated by "
                      "scripts/pemdi_catalog.py",
            "confidence": "UNCONFIRMED: regional comparisons, not an official crosswalk",
            "notes": {}}
    return fw, pair


def _spbe_numbers(mapping: dict) -> list[int]:
    out: list[int] = []
    for s in mapping.get("pringsewu_komparasi", {}).get("spbe_59_2020_indicator_numbers_of_reused_evidence", []):
        m = re.match(r"^\s*(\d+)\s*[\u2013-]\s*(\d+)\s*$", s)
        nums = list(range(int(m.group(1)), int(m.group(2)) + 1)) if m else [int(x) for x in re.findall(r"\d+", s)]
        out.extend(x for x in nums if 1 <= x <= 47 and x not in out)
    return sorted(out)


def dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REF)
    ap.add_argument("--overrides", type=Path)
    ap.add_argument("--check", action="store_true", help="compare only; exit 1 when the files differ")
    a = ap.parse_args(argv)
    try:
        ref = json.loads(a.reference.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"{a.reference}: cannot read the reference ({e})", file=sys.stderr)
        return 2
    terms = json.loads(TERMS.read_text(encoding="utf-8"))
    overrides = json.loads(a.overrides.read_text(encoding="utf-8")) if a.overrides else {}
    fw, pair = build(ref, terms, overrides)
    cw = json.loads(CROSSWALK.read_text(encoding="utf-8"))
    pairs = [p for p in cw["pairs"] if not (p.get("from") == pair["from"] and p.get("to") == pair["to"])]
    cw["pairs"] = pairs + [pair]
    new_fw, new_cw = dump(fw), dump(cw)
    if a.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == new_fw and \
            json.loads(CROSSWALK.read_text(encoding="utf-8")) == cw
        print("up to date" if same else f"{OUT} or {CROSSWALK} differ from the reference: run scripts/pemdi_catalog.py")
        return 0 if same else 1
    OUT.write_text(new_fw, encoding="utf-8")
    if json.loads(CROSSWALK.read_text(encoding="utf-8")) != cw:
        CROSSWALK.write_text(new_cw, encoding="utf-8")
    n_items = sum(len(lv["criteria"]) for i in fw["indicators"] for lv in i["levels"].values())
    print(f"wrote {OUT.relative_to(ROOT)}: {len(fw['indicators'])} indicators, {n_items} evidence items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
