"""Charts of a (prepared) results dict: the evidence gap map and aspect values vs baseline.

The gap map has one row per indicator, grouped under its domain and aspect; columns are
the levels 1-5; a cell's colour is the share of that level's criteria met by linked evidence
(grey = none, green = all); a dot marks the proposed level, a diamond the last official
level, a dashed line the target. Output is SVG (text, deterministic: fixed hash salt, no
date) or PNG bytes; the HTML report inlines the SVG.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

L = {
    "id": {"gapmap": "Peta kesenjangan bukti", "level": "Level", "proposed": "level usulan",
           "official": "level resmi terakhir", "target": "target", "met": "porsi kriteria terpenuhi",
           "aspects": "Nilai aspek: usulan vs resmi", "proposal": "Usulan", "baseline": "Resmi",
           "value": "Nilai (1–5)", "domain": "Domain", "none": "tanpa level"},
    "en": {"gapmap": "Evidence gap map", "level": "Level", "proposed": "proposed level",
           "official": "last official level", "target": "target", "met": "share of criteria met",
           "aspects": "Aspect values: proposal vs official", "proposal": "Proposal", "baseline": "Official",
           "value": "Value (1–5)", "domain": "Domain", "none": "no level"},
}
CMAP = LinearSegmentedColormap.from_list("met", ["#e9ecf1", "#b7dfb9", "#2e7d32"])


def short_name(ind: dict, lang: str = "id", n: int = 58) -> str:
    name = ind.get("name_en") if lang == "en" and ind.get("name_en") else ind["name"]
    name = re.sub(r"^Tingkat Kematangan\s+", "", name)
    name = re.sub(r"\s*(Instansi Pusat/Pemerintah Daerah|Pusat/Pemerintah Daerah)", "", name).strip()
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def _rows(r: dict, lang: str) -> list[tuple[str, dict | str]]:
    """('domain', name) / ('aspect', name) / ('ind', indicator) in report order."""
    out: list[tuple[str, dict | str]] = []
    for d in r["domains"]:
        out.append(("domain", f"{L[lang]['domain']} {d['id']}. {d['name']}"))
        for a in (a for a in r["aspects"] if a["domain_id"] == d["id"]):
            out.append(("aspect", f"{a['id']}. {a['name']}"))
            out.extend(("ind", i) for i in r["indicators"] if i["aspect_id"] == a["id"])
    return out


def gapmap_figure(r: dict, lang: str = "id", scale=(1, 5), target: int | None = 3):
    lo, hi = scale
    t0 = L[lang]
    rows = _rows(r, lang)
    h = 0.5 + 0.21 * len(rows)
    fig, ax = plt.subplots(figsize=(11, h))
    ncol = hi - lo + 1
    x0 = 0.0
    for y, (kind, item) in enumerate(rows):
        if kind != "ind":
            ax.text(-0.1, y, item, ha="right", va="center", fontsize=8.5 if kind == "domain" else 7.5,
                    fontweight="bold", color="#1d2433" if kind == "domain" else "#3b4a66")
            ax.axhline(y - 0.5, color="#9aa3b2" if kind == "domain" else "#d0d6e0", lw=0.8 if kind == "domain" else 0.5)
            continue
        ind: dict = item  # type: ignore[assignment]
        ax.text(-0.1, y, f"{ind['id']}. {short_name(ind, lang)}", ha="right", va="center", fontsize=7.5)
        by_level: dict[int, list] = {}
        for c in ind.get("criteria", []):
            by_level.setdefault(c["level"], []).append(c["state"] == "met")
        for lv in range(lo, hi + 1):
            states = by_level.get(lv, [])
            frac = sum(states) / len(states) if states else 0.0
            ax.add_patch(Rectangle((x0 + lv - lo, y - 0.42), 0.96, 0.84, facecolor=CMAP(frac), edgecolor="white", lw=0.5))
        if ind.get("level"):
            ax.plot(ind["level"] - lo + 0.48, y, "o", ms=6, mfc="#ffd43b", mec="#1d2433", mew=0.9, zorder=3)
        else:
            ax.text(ncol + 0.15, y, L[lang]["none"], va="center", fontsize=6.5, color="#a94442")
        if ind.get("baseline_level"):
            ax.plot(ind["baseline_level"] - lo + 0.48, y, "D", ms=5, mfc="none", mec="#111", mew=1.1, zorder=4)
    if target:
        ax.axvline(target - lo + 0.98, color="#d9534f", ls="--", lw=1)
    ax.set_xlim(-0.05, ncol + 1.2)
    ax.set_ylim(len(rows) - 0.5, -1.2)
    ax.set_xticks([lv - lo + 0.48 for lv in range(lo, hi + 1)], [f"{t0['level']} {lv}" for lv in range(lo, hi + 1)])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    ax.tick_params(length=0, labelsize=8)
    t = L[lang]
    ax.set_title(f"{t['gapmap']} — {r.get('region') or ''}", loc="left", fontsize=11, pad=8)
    handles = [Line2D([], [], marker="o", ls="", mfc="#ffd43b", mec="#1d2433", label=t["proposed"]),
               Line2D([], [], marker="D", ls="", mfc="none", mec="#111", label=t["official"]),
               Line2D([], [], ls="--", color="#d9534f", label=f"{t['target']} ({target})"),
               Patch(facecolor=CMAP(0.0), label=f"{t['met']}: 0"), Patch(facecolor=CMAP(0.5), label="½"),
               Patch(facecolor=CMAP(1.0), label="1")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=3, fontsize=7, frameon=False)
    fig.subplots_adjust(left=0.45, right=0.98, top=1 - 0.55 / h, bottom=0.6 / h)
    return fig


def aspects_figure(r: dict, lang: str = "id", target: int | None = 3):
    t = L[lang]
    aspects = r["aspects"]
    prop = [r["index"]["aspects"].get(str(a["id"]), 0) for a in aspects]
    base = r.get("baseline") or None
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(aspects) + 1.2))
    ys = range(len(aspects))
    hgt = 0.38 if base else 0.6
    ax.barh([y - (hgt / 2 if base else 0) for y in ys], prop, height=hgt, color="#1f4e9c", label=t["proposal"])
    if base:
        bv = [float(base.get("aspects", {}).get(str(a["id"])) or 0) for a in aspects]
        ax.barh([y + hgt / 2 for y in ys], bv, height=hgt, color="#9aa3b2",
                label=f"{t['baseline']} {base.get('year') or ''}".strip())
    if target:
        ax.axvline(target, color="#d9534f", ls="--", lw=1, label=f"{t['target']} ({target})")
    ax.set_yticks(list(ys), [f"{a['id']}. " + (a["name"] if len(a["name"]) <= 50 else a["name"][:49].rstrip() + "…") for a in aspects], fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 5)
    ax.set_xlabel(t["value"], fontsize=8)
    ax.set_title(t["aspects"], loc="left", fontsize=11)
    ax.legend(fontsize=7.5, loc="lower right")
    fig.tight_layout()
    return fig


def to_svg(fig) -> str:
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "evidence-mapper"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    s = buf.getvalue()
    return s[s.find("<svg"):]  # drop the XML prolog and doctype so it can be inlined


def to_png(fig, dpi: int = 110) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
