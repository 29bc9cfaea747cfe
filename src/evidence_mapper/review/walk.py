"""The command-line review loop: the same queue and decisions as the web application."""

from __future__ import annotations

from typing import Callable

from ..i18n import default_lang, t
from ..store import Workspace
from . import core
from .core import Actor, ReviewError

Prompt = Callable[[str], str]
Echo = Callable[[str], None]

KEYS = {"a": "accept", "r": "reject", "o": "override", "c": "comment", "s": "skip", "q": "quit"}


def show(ind: dict, row: dict, echo: Echo, max_links: int = 3, lang: str | None = None) -> None:
    lang = lang or default_lang()
    echo("")
    echo(f"[{row['id']}] {ind['name']}")
    lvl = ind["level"] if ind["level"] else "-"
    echo(t("walk_line", lang, level=lvl, level_name=ind["level_name"] or t("insufficient_evidence", lang),
           conf=f"{(ind['confidence'] or 0):.2f}", unc=f"{row['uncertainty']:.2f}",
           state=t(row["review"]["state"], lang)))
    links = [lk for c in ind["criteria"] for lk in c["links"]]
    for lk in links[:max_links]:
        quote = " ".join((lk["quote"] or "").split())
        unit = (lk["legal_unit"] or "").replace("_", " ")
        echo(t("walk_link", lang, doc=lk["doc_title"] or lk["doc_path"], page=lk["page"],
               unit=f", {unit}" if unit else "", quote=quote[:160]))
    if len(links) > max_links:
        echo(t("walk_more", lang, n=len(links) - max_links))


def walk(ws: Workspace, actor: Actor, results: dict, prompt: Prompt, echo: Echo, limit: int | None = None,
         lang: str | None = None) -> dict:
    """Walk the queue, most uncertain first. Returns counts of what was done."""
    lang = lang or default_lang()
    counts = {"accept": 0, "reject": 0, "override": 0, "comment": 0, "skip": 0}
    skipped: set[int] = set()
    seen = 0
    while True:
        q = core.review_queue(ws, results, user=actor.username)
        items = [r for r in q["items"] if r["id"] not in skipped]
        echo(t("walk_progress", lang, reviewed=q["reviewed"], total=q["total"], left=len(items)))
        if not items or (limit is not None and seen >= limit):
            break
        row = items[0]
        ind = core.indicator_of(results, row["id"])
        show(ind, row, echo, lang=lang)
        seen += 1
        while True:
            key = (prompt(t("walk_prompt", lang)) or "").strip().lower()[:1]
            act = KEYS.get(key)
            if act is None:
                echo(t("walk_choose", lang))
                continue
            if act == "quit":
                return counts
            if act == "skip":
                skipped.add(row["id"])
                counts["skip"] += 1
                break
            try:
                if act == "accept":
                    core.decide(ws, actor, results, row["id"], "accept")
                elif act == "reject":
                    core.decide(ws, actor, results, row["id"], "reject", reason=prompt(t("walk_reason", lang)))
                elif act == "override":
                    raw = prompt(t("walk_level", lang))
                    try:
                        level = int(raw)
                    except (TypeError, ValueError):
                        raise ReviewError(t("walk_not_number", lang, raw=repr(raw))) from None
                    core.decide(ws, actor, results, row["id"], "override", level=level, reason=prompt(t("walk_reason", lang)))
                elif act == "comment":
                    core.comment(ws, actor, results, row["id"], prompt(t("walk_comment", lang)))
            except ReviewError as e:
                echo(t("walk_refused", lang, error=e))
                continue
            counts[act] += 1
            if act != "comment":
                break
    return counts
