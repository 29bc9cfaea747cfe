"""The evaluation index: weighted means per aspect, domain and overall, and the predicate.

PermenPANRB 59/2020: aspect = sum(NI x BI) / sum(BI) over its indicators, domain the same
over its indicators, index the same over all indicators (weights in percent).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import EvidenceMapperError
from ..frameworks import Framework


class IndexError_(ValueError, EvidenceMapperError):
    """Levels given to the index do not fit the framework."""


@dataclass
class IndexResult:
    framework: str
    index: float
    predicate: str
    aspects: dict[int, float]
    domains: dict[int, float]
    missing: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "framework": self.framework,
            "index": round(self.index, 2),
            "predicate": self.predicate,
            "aspects": {str(k): round(v, 2) for k, v in sorted(self.aspects.items())},
            "domains": {str(k): round(v, 2) for k, v in sorted(self.domains.items())},
        }


def _wmean(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else 0.0


def compute_index(framework: Framework, levels: dict, *, missing_as: int | None = None) -> IndexResult:
    """Index from ``{indicator id: level}`` (keys may be strings).

    Every indicator needs a level; with ``missing_as`` a missing one counts as that level
    (the evaluation scores an indicator with no evidence at the lowest level).
    """
    lv: dict[int, float] = {}
    for k, v in levels.items():
        try:
            iid = int(k)
        except (TypeError, ValueError) as e:
            raise IndexError_(f"indicator id {k!r} is not a number") from e
        if v is None:
            continue
        try:
            val = float(v)
        except (TypeError, ValueError) as e:
            raise IndexError_(f"level of indicator {iid} is not a number: {v!r}") from e
        if not framework.scale_min <= val <= framework.scale_max:
            raise IndexError_(f"level {val} of indicator {iid} outside {framework.scale_min}-{framework.scale_max}")
        lv[iid] = val
    known = {i.id for i in framework.indicators}
    extra = sorted(set(lv) - known)
    if extra:
        raise IndexError_(f"{framework.id} has no indicator(s) {extra}")
    missing = sorted(known - set(lv))
    if missing and missing_as is None:
        raise IndexError_(f"no level for indicator(s) {missing}")
    for m in missing:
        lv[m] = float(missing_as)  # type: ignore[arg-type]

    aspects = {
        a.id: _wmean([(lv[i.id], i.weight) for i in framework.indicators if i.aspect_id == a.id])
        for a in framework.aspects
    }
    domains = {
        d.id: _wmean([(lv[i.id], i.weight) for i in framework.indicators if i.domain_id == d.id])
        for d in framework.domains
    }
    index = _wmean([(lv[i.id], i.weight) for i in framework.indicators])
    return IndexResult(framework.id, index, framework.predicate_for(index), aspects, domains, missing)
