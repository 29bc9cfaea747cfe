"""The project's shared vocabulary, declared once: document types and the box union.

Imports nothing from the project, so every stage (ingest, nlp, classify, score, store,
review) may use it.
"""

from __future__ import annotations

from typing import Iterable, Sequence

# Document types the metadata rules and the doc-type model know, in the model's label order.
DOC_TYPES: tuple[str, ...] = ("perda", "perbup", "perwali", "pergub", "sk", "se", "sop", "rencana", "topologi",
                              "laporan", "anggaran", "berita", "lainnya")
# Regional regulations (an umbrella regulation of the region itself).
LOCAL_REGULATIONS = frozenset({"perda", "perbup", "perwali", "pergub"})
# Legal instruments: regional regulations, decrees and circulars.
REGULATIONS = LOCAL_REGULATIONS | {"sk", "se"}
# Types a region issues about itself (news and national texts are not).
REGION_DOC_TYPES = frozenset(DOC_TYPES) - {"berita", "lainnya"}


def bbox_union(boxes: Iterable[Sequence[float] | None], ndigits: int | None = None) -> tuple | None:
    """The smallest box (x0, y0, x1, y1) around ``boxes`` (None entries skipped); None when
    there is none. ``ndigits`` rounds the result."""
    bx = [b for b in boxes if b]
    if not bx:
        return None
    u = (min(b[0] for b in bx), min(b[1] for b in bx), max(b[2] for b in bx), max(b[3] for b in bx))
    return tuple(round(v, ndigits) for v in u) if ndigits is not None else u
