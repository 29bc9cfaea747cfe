"""HTML and Markdown reports of a continuous-value framework (Indeks Pemdi 2026): values with
their basis, the national indices entered or counted as 1, the evidence items per level with
portal codes, the gap list and the catalog's certainty. The JSON report is the common one
(``value``, ``value_basis`` per indicator and ``pemdi`` at the top are in the results)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..frameworks import load_framework
from ..frameworks.pemdi import catalog

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _labels() -> dict:
    return json.loads((HERE / "pemdi_i18n.json").read_text(encoding="utf-8"))


def render_pemdi(r: dict, fmt: str, lang: str, generated: str, base_labels: dict, env) -> str:
    fw = load_framework(r["framework"]["id"])
    cat = catalog(fw)
    t = dict(base_labels[lang], **_labels()[lang])
    aspects = [dict(a, code=next(x["code"] for x in cat["aspects"] if x["id"] == a["id"])) for a in r["aspects"]]
    names = cat["level_names"]["pemdi"]
    g = r["gap_report"]
    base_vals = (r.get("baseline") or {}).get("values") or {}
    entries = {int(i["id"]): i for i in cat["indicators"]}
    for ind in r["indicators"]:
        e = entries[int(ind["id"])]
        ind["level_texts"] = {lk: {"text": lv["text"], "certainty": lv["text_certainty"]} for lk, lv in e["levels"].items()}
        ind["baseline_value"] = base_vals.get(str(ind["id"]))
        links: dict[str, list] = {}
        for c in ind.get("criteria", []):
            links[c["criterion_id"]] = c.get("links", [])
        for it in ind["value_basis"].get("items", []):
            it["links"] = links.get(it["code"], [])
        b = ind["value_basis"]
        band_level = min(5, max(1, next((int(k) for k, (lo, hi) in sorted(cat["value_bands"].items())
                                         if lo <= ind["value"] < hi), 5)))
        ind["band_name"] = names[str(band_level)]
        ind["band_level"] = band_level
        if b.get("source") == "documents":
            met = sum(1 for it in b["items"] if it["met"] >= 1)
            ind["items_met"] = f"{met}/{len(b['items'])}"
        else:
            ind["items_met"] = "-"
    tpl = env.get_template("pemdi.html.j2" if fmt == "html" else "pemdi.md.j2")
    return tpl.render(r=r, t=t, lang=lang, generated=generated, aspects=aspects, g=g, cat=cat,
                      gap_intro=t["gap_intro"].format(v=f"{g['target'].get('value', 0):.2f}",
                                                      p=g["target"].get("predicate") or "-"))
