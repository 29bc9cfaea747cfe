"""Reports from a workspace's results: self-contained HTML, Markdown, JSON, CSV, XLSX, OSCAL
assessment results, and the gap-map / aspect charts (SVG, PNG)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

HERE = Path(__file__).parent
TEXT_FORMATS = ("html", "md", "json", "csv", "oscal", "gapmap-svg", "aspects-svg")
BINARY_FORMATS = ("xlsx", "gapmap-png", "aspects-png", "pdf")
FORMATS = TEXT_FORMATS + BINARY_FORMATS


@lru_cache(maxsize=1)
def labels() -> dict:
    return json.loads((HERE / "i18n.json").read_text(encoding="utf-8"))


def _env() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "j2"], default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt2"] = lambda v: "-" if v is None else f"{v:.2f}"
    return env


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if lang not in labels():
        raise ValueError(f"unknown language {lang!r} (use id or en)")


def _clean(r: dict) -> dict:
    return {k: v for k, v in r.items() if not k.startswith("_")}


def render(results: dict, fmt: str = "html", lang: str = "id", target: int | None = None,
           *, expand: bool = False, pdf: bool = False) -> str:
    """A text report (``TEXT_FORMATS``); binary formats go through :func:`export`.
    HTML: ``expand`` opens every section, ``pdf`` lays it out for print (signature block)."""
    _check(fmt, lang)
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is binary: use export() / an output file")
    from .prepare import prepare

    r = prepare(results, lang, target)
    if fmt == "json":
        return json.dumps(_clean(r), ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        from .tables import to_csv
        return to_csv(r, lang)
    if fmt == "oscal":
        from .oscal import dumps, to_oscal
        return dumps(to_oscal(r, lang))
    if fmt in ("gapmap-svg", "aspects-svg"):
        from . import charts
        fig = (charts.gapmap_figure(r, lang, target=r["target"]["level"]) if fmt == "gapmap-svg"
               else charts.aspects_figure(r, lang, target=r["target"]["level"]))
        return charts.to_svg(fig)
    t = labels()[lang]
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if r.get("pemdi"):  # Indeks Pemdi: values 1.00-5.00 with their basis, items with portal codes
        from .pemdi import render_pemdi
        return render_pemdi(r, fmt, lang, generated, labels(), _env())
    extra = {}
    if fmt == "html":
        from . import charts
        extra = {"gapmap_svg": charts.to_svg(charts.gapmap_figure(r, lang, target=r["target"]["level"])),
                 "aspects_svg": charts.to_svg(charts.aspects_figure(r, lang, target=r["target"]["level"]))}
    from ..score.narrative import DOC_TYPE_NAMES
    tpl = _env().get_template("report.html.j2" if fmt == "html" else "report.md.j2")
    return tpl.render(r=r, t=t, lang=lang, generated=generated, expand=expand or pdf, pdf=pdf,
                      doc_type_names=DOC_TYPE_NAMES.get(lang, {}), **extra)


def export(results: dict, fmt: str = "html", lang: str = "id", target: int | None = None) -> bytes:
    """Any format as bytes (text formats UTF-8)."""
    _check(fmt, lang)
    if fmt not in BINARY_FORMATS:
        return render(results, fmt, lang, target).encode("utf-8")
    if fmt == "pdf":
        from .pdf import html_to_pdf
        return html_to_pdf(render(results, "html", lang, target, pdf=True), lang)
    from .prepare import prepare

    r = prepare(results, lang, target)
    if fmt == "xlsx":
        from .xlsx import to_xlsx
        return to_xlsx(r, lang)
    from . import charts
    fig = (charts.gapmap_figure(r, lang, target=r["target"]["level"]) if fmt == "gapmap-png"
           else charts.aspects_figure(r, lang, target=r["target"]["level"]))
    return charts.to_png(fig)


def write_charts(results: dict, folder: str | Path, lang: str = "id", target: int | None = None) -> list[Path]:
    """gapmap.svg/.png and aspects.svg/.png into ``folder``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, name in (("gapmap-svg", "gapmap.svg"), ("gapmap-png", "gapmap.png"),
                      ("aspects-svg", "aspects.svg"), ("aspects-png", "aspects.png")):
        p = out / name
        p.write_bytes(export(results, fmt, lang, target))
        written.append(p)
    return written
