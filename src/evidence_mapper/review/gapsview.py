"""The web gaps page shows what ``evidence-mapper gaps`` prints: the target, the index now and
if every gap is closed, and the indicators ranked by index gain with the documents they need
(the same ``gap_report`` the command and the reports use)."""

from __future__ import annotations

from ..report.prepare import prepare


def gap_view(results: dict, lang: str = "id", target: int | None = None) -> dict:
    try:
        g = prepare(results, lang, target)["gap_report"]
    except ValueError:  # a target outside the scale: the framework's own
        g = prepare(results, lang, None)["gap_report"]
    return {"gap_report": g}
