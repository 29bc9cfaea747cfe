"""The command-line review loop: the same queue and decisions as the web application."""

from __future__ import annotations

from typing import Callable

from ..store import Workspace
from . import core
from .core import Actor, ReviewError

Prompt = Callable[[str], str]
Echo = Callable[[str], None]

KEYS = {"a": "accept", "r": "reject", "o": "override", "c": "comment", "s": "skip", "q": "quit"}


def show(ind: dict, row: dict, echo: Echo, max_links: int = 3) -> None:
    echo("")
    echo(f"[{row['id']}] {ind['name']}")
    lvl = ind["level"] if ind["level"] else "-"
    echo(f"  usulan level {lvl} ({ind['level_name'] or 'bukti tidak cukup'}), keyakinan "
         f"{(ind['confidence'] or 0):.2f}, ketidakpastian {row['uncertainty']:.2f}, status {row['review']['state']}")
    links = [lk for c in ind["criteria"] for lk in c["links"]]
    for lk in links[:max_links]:
        quote = " ".join((lk["quote"] or "").split())
        echo(f"  - {lk['doc_title'] or lk['doc_path']} hal. {lk['page']}"
             f"{', ' + lk['legal_unit'] if lk['legal_unit'] else ''}: {quote[:160]}")
    if len(links) > max_links:
        echo(f"  (+{len(links) - max_links} bukti lain)")


def walk(ws: Workspace, actor: Actor, results: dict, prompt: Prompt, echo: Echo, limit: int | None = None) -> dict:
    """Walk the queue, most uncertain first. Returns counts of what was done."""
    counts = {"accept": 0, "reject": 0, "override": 0, "comment": 0, "skip": 0}
    skipped: set[int] = set()
    seen = 0
    while True:
        q = core.review_queue(ws, results, user=actor.username)
        items = [r for r in q["items"] if r["id"] not in skipped]
        echo(f"\nKemajuan: {q['reviewed']} dari {q['total']} direviu; {len(items)} dalam antrean")
        if not items or (limit is not None and seen >= limit):
            break
        row = items[0]
        ind = core.indicator_of(results, row["id"])
        show(ind, row, echo)
        seen += 1
        while True:
            key = (prompt("[a]terima [r]tolak [o]ubah level [c]komentar [s]lewati [q]keluar") or "").strip().lower()[:1]
            act = KEYS.get(key)
            if act is None:
                echo("  pilih a, r, o, c, s atau q")
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
                    core.decide(ws, actor, results, row["id"], "reject", reason=prompt("alasan"))
                elif act == "override":
                    raw = prompt("level")
                    try:
                        level = int(raw)
                    except (TypeError, ValueError):
                        raise ReviewError(f"level {raw!r} is not a number") from None
                    core.decide(ws, actor, results, row["id"], "override", level=level, reason=prompt("alasan"))
                elif act == "comment":
                    core.comment(ws, actor, results, row["id"], prompt("komentar"))
            except ReviewError as e:
                echo(f"  ditolak: {e}")
                continue
            counts[act] += 1
            if act != "comment":
                break
    return counts
