"""Evaluation frameworks as data: indicator catalogs with levels, criteria, weights, predicates.

A framework is a JSON file in ``frameworks/data/`` (or any path given to
:func:`load_framework`). The file format is documented in ``frameworks/SCHEMA.md``;
:func:`load_framework` validates it and returns plain frozen dataclasses. Nothing about a
particular framework lives in code: adding one is adding a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import EvidenceMapperError

DATA_DIR = Path(__file__).parent / "data"

# Condition keys a criterion's ``check`` may use (evaluated in ``score.criteria``).
CHECK_KEYS = {
    "doc_types",  # list of doc_type values the evidence document must have
    "status",  # "enacted" | "draft" | "any"
    "terms_all",  # list of groups of alternative phrases; every group must match
    "terms_any",  # list of phrases; at least one must match
    "min_passages",  # at least N distinct evidence passages
    "max_age_years",  # evidence document at most N years older than the assessment year
    "scope",  # "indicator" (passages linked to this indicator, default) | "document"
}
DOC_TYPES = {
    "perda", "perbup", "perwali", "pergub", "sk", "se", "sop", "rencana", "topologi",
    "laporan", "anggaran", "berita", "lainnya",
}


class FrameworkError(ValueError, EvidenceMapperError):
    """A framework file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Criterion:
    id: str
    level: int
    text: str
    evidence: str
    check: dict[str, Any]
    text_en: str = ""


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    text: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Indicator:
    id: int
    name: str
    domain_id: int
    aspect_id: int
    weight: float
    scale: str
    kind: str
    description: str
    keywords: tuple[str, ...]
    evidence_typical: tuple[str, ...]
    levels: dict[int, Level]
    name_en: str = ""

    def level_name(self, level: int) -> str:
        lv = self.levels.get(level)
        return lv.name if lv else str(level)


@dataclass(frozen=True)
class Aspect:
    id: int
    domain_id: int
    name: str
    weight: float
    name_en: str = ""


@dataclass(frozen=True)
class Domain:
    id: int
    name: str
    weight: float
    name_en: str = ""


@dataclass(frozen=True)
class Predicate:
    name: str
    min: float
    name_en: str = ""


@dataclass(frozen=True, eq=False)  # identity hash: loaded once per file and cached
class Framework:
    id: str
    name: str
    regulation: str
    years: tuple[int, ...]
    scale_min: int
    scale_max: int
    domains: tuple[Domain, ...]
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]
    predicates: tuple[Predicate, ...]
    target_level: int | None = None
    target_predicate: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    # Assessor rules as data (see SCHEMA.md, "rules"): draft cap, instrument strength, which
    # document types count for which indicator kind, validity checks.
    rules: dict = field(default_factory=dict, hash=False, compare=False)

    def rule(self, key: str, default: Any = None) -> Any:
        return self.rules.get(key, default)

    def indicator(self, indicator_id: int) -> Indicator:
        for ind in self.indicators:
            if ind.id == int(indicator_id):
                return ind
        raise KeyError(f"{self.id}: no indicator {indicator_id}")

    def aspect(self, aspect_id: int) -> Aspect:
        for a in self.aspects:
            if a.id == int(aspect_id):
                return a
        raise KeyError(f"{self.id}: no aspect {aspect_id}")

    def domain(self, domain_id: int) -> Domain:
        for d in self.domains:
            if d.id == int(domain_id):
                return d
        raise KeyError(f"{self.id}: no domain {domain_id}")

    def predicate_for(self, value: float) -> str:
        """The predicate band a (rounded) index value falls in."""
        v = round(value, 2)
        for p in sorted(self.predicates, key=lambda p: -p.min):
            if v >= p.min:
                return p.name
        return sorted(self.predicates, key=lambda p: p.min)[0].name


def _req(obj: dict, key: str, where: str) -> Any:
    if key not in obj:
        raise FrameworkError(f"{where}: missing '{key}'")
    return obj[key]


def _parse_criterion(raw: dict, level: int, where: str) -> Criterion:
    cid = _req(raw, "id", where)
    check = raw.get("check") or {}
    unknown = set(check) - CHECK_KEYS
    if unknown:
        raise FrameworkError(f"{where} criterion {cid}: unknown check keys {sorted(unknown)}")
    bad_types = set(check.get("doc_types", [])) - DOC_TYPES
    if bad_types:
        raise FrameworkError(f"{where} criterion {cid}: unknown doc_types {sorted(bad_types)}")
    if check.get("status", "any") not in {"enacted", "draft", "any"}:
        raise FrameworkError(f"{where} criterion {cid}: bad status {check['status']!r}")
    for group in check.get("terms_all", []):
        if not isinstance(group, list) or not group or not all(isinstance(t, str) for t in group):
            raise FrameworkError(f"{where} criterion {cid}: terms_all groups must be non-empty lists of strings")
    return Criterion(
        id=str(cid),
        level=level,
        text=_req(raw, "text", f"{where} criterion {cid}"),
        evidence=raw.get("evidence", ""),
        check=check,
        text_en=raw.get("text_en", ""),
    )


def parse_framework(raw: dict, source: str = "<dict>") -> Framework:
    """Build and validate a :class:`Framework` from its JSON object."""
    fid = _req(raw, "id", source)
    where = f"framework {fid}"
    if raw.get("value_model") == "continuous":  # values 1.00-5.00 from evidence items (Indeks Pemdi)
        from .pemdi import validate as _validate_continuous
        _validate_continuous(raw, where)
    scale = raw.get("scale", {"min": 1, "max": 5})
    smin, smax = int(scale["min"]), int(scale["max"])
    domains = tuple(
        Domain(int(d["id"]), d["name"], float(d["weight"]), d.get("name_en", ""))
        for d in _req(raw, "domains", where)
    )
    dom_ids = {d.id for d in domains}
    aspects = tuple(
        Aspect(int(a["id"]), int(a["domain_id"]), a["name"], float(a["weight"]), a.get("name_en", ""))
        for a in _req(raw, "aspects", where)
    )
    for a in aspects:
        if a.domain_id not in dom_ids:
            raise FrameworkError(f"{where}: aspect {a.id} names unknown domain {a.domain_id}")
    asp = {a.id: a for a in aspects}
    level_names: dict[str, dict[str, str]] = raw.get("level_names", {})
    indicators = []
    seen: set[int] = set()
    for ri in _req(raw, "indicators", where):
        iid = int(_req(ri, "id", where))
        iw = f"{where} indicator {iid}"
        if iid in seen:
            raise FrameworkError(f"{iw}: duplicate id")
        seen.add(iid)
        aid = int(_req(ri, "aspect_id", iw))
        if aid not in asp:
            raise FrameworkError(f"{iw}: unknown aspect {aid}")
        scale_name = ri.get("scale", "process")
        names = level_names.get(scale_name, {})
        levels: dict[int, Level] = {}
        for lk, lv in _req(ri, "levels", iw).items():
            n = int(lk)
            if not smin <= n <= smax:
                raise FrameworkError(f"{iw}: level {n} outside {smin}-{smax}")
            crits = tuple(_parse_criterion(c, n, f"{iw} level {n}") for c in lv.get("criteria", []))
            if not crits:
                raise FrameworkError(f"{iw} level {n}: no criteria")
            levels[n] = Level(n, lv.get("name") or names.get(str(n), str(n)), lv.get("text", ""), crits)
        missing = set(range(smin, smax + 1)) - set(levels)
        if missing:
            raise FrameworkError(f"{iw}: levels {sorted(missing)} missing")
        indicators.append(
            Indicator(
                id=iid,
                name=_req(ri, "name", iw),
                domain_id=asp[aid].domain_id,
                aspect_id=aid,
                weight=float(_req(ri, "weight", iw)),
                scale=scale_name,
                kind=ri.get("kind", "process"),
                description=ri.get("description", ""),
                keywords=tuple(ri.get("keywords", [])),
                evidence_typical=tuple(ri.get("evidence_typical", [])),
                levels=levels,
                name_en=ri.get("name_en", ""),
            )
        )
    # Weights must add up: aspects to their domain, indicators to their aspect (within 0.2 %).
    for a in aspects:
        total = sum(i.weight for i in indicators if i.aspect_id == a.id)
        if abs(total - a.weight) > 0.2:
            raise FrameworkError(f"{where}: indicator weights of aspect {a.id} sum to {total}, not {a.weight}")
    for d in domains:
        total = sum(a.weight for a in aspects if a.domain_id == d.id)
        if abs(total - d.weight) > 0.2:
            raise FrameworkError(f"{where}: aspect weights of domain {d.id} sum to {total}, not {d.weight}")
    predicates = tuple(
        Predicate(p["name"], float(p["min"]), p.get("name_en", "")) for p in _req(raw, "predicates", where)
    )
    if not predicates:
        raise FrameworkError(f"{where}: no predicates")
    target = raw.get("target", {})
    return Framework(
        id=fid,
        name=_req(raw, "name", where),
        regulation=raw.get("regulation", ""),
        years=tuple(raw.get("years", [])),
        scale_min=smin,
        scale_max=smax,
        domains=domains,
        aspects=aspects,
        indicators=tuple(sorted(indicators, key=lambda i: i.id)),
        predicates=predicates,
        target_level=target.get("level"),
        target_predicate=target.get("predicate"),
        sources=tuple(raw.get("sources", [])),
        rules=dict(raw.get("rules", {})),
    )


@lru_cache(maxsize=16)
def _load_path(path: str) -> Framework:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise FrameworkError(f"framework file not found: {p}") from e
    except json.JSONDecodeError as e:
        raise FrameworkError(f"{p}: not valid JSON ({e})") from e
    return parse_framework(raw, str(p))


def framework_path(framework_id: str) -> Path:
    p = DATA_DIR / f"{framework_id}.json"
    if p.exists():
        return p
    q = Path(framework_id)
    if q.suffix == ".json" and q.exists():
        return q
    known = ", ".join(list_frameworks()) or "none"
    raise FrameworkError(f"unknown framework '{framework_id}' (known: {known})")


@lru_cache(maxsize=8)
def _load_edition(edition_id: str) -> Framework:
    from .editions import derive, edition

    e = edition(edition_id)
    base = json.loads(framework_path(e["base"]).read_text(encoding="utf-8"))
    return parse_framework(derive(e, base), f"edition {edition_id}")


def load_framework(framework_id: str = "spbe-2020") -> Framework:
    """Load a bundled framework by id (``spbe-2020``), an edition derived from one
    (``spbe-2019``, see :mod:`.editions`) or a framework JSON file by path."""
    from .editions import derived_ids

    if framework_id in derived_ids() and not (DATA_DIR / f"{framework_id}.json").exists():
        return _load_edition(framework_id)
    return _load_path(str(framework_path(framework_id).resolve()))


def list_frameworks() -> list[str]:
    from .editions import derived_ids

    files = [p.stem for p in DATA_DIR.glob("*.json") if not p.stem.startswith(("crosswalk", "editions"))]
    return sorted(set(files) | set(derived_ids()))


def load_crosswalk(source: str, target: str) -> dict[int, list[int]]:
    """The crosswalk (data file ``crosswalk.json``) from ``source`` indicators to ``target``
    indicators: ``{source id: [target ids]}``. Raises FrameworkError when there is no such pair."""
    data = json.loads((DATA_DIR / "crosswalk.json").read_text(encoding="utf-8"))
    for pair in data.get("pairs", []):
        if pair.get("from") == source and pair.get("to") == target:
            return {int(k): [int(x) for x in v] for k, v in pair["map"].items()}
    from .editions import edition  # an edition derived from a framework uses that framework's crosswalk

    e = edition(target)
    if e and "base" in e:
        m = load_crosswalk(source, e["base"])
        for x in e.get("extra_indicators", []):  # a repeated row follows the row it repeats
            for ids in m.values():
                if int(x["copy_of"]) in ids:
                    ids.append(int(x["id"]))
        return m
    raise FrameworkError(f"no crosswalk from {source} to {target}")
