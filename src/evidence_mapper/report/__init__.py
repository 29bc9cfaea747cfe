"""Reports from a workspace's results: self-contained HTML, Markdown and JSON."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).parent
FORMATS = ("html", "md", "json")


@lru_cache(maxsize=1)
def labels() -> dict:
    return json.loads((HERE / "i18n.json").read_text(encoding="utf-8"))


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "j2"], default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt2"] = lambda v: "-" if v is None else f"{v:.2f}"
    return env


def render(results: dict, fmt: str = "html", lang: str = "id") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if lang not in labels():
        raise ValueError(f"unknown language {lang!r} (use id or en)")
    if fmt == "json":
        return json.dumps(results, ensure_ascii=False, indent=1, default=str)
    t = labels()[lang]
    tpl = _env().get_template("report.html.j2" if fmt == "html" else "report.md.j2")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return tpl.render(r=results, t=t, lang=lang, generated=generated)
