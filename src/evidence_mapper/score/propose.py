"""Criteria met and the proposed level per indicator, across all documents of a submission.

A level is proposed only when every criterion of it and of every level below it is met by
linked passages; the level's evidence links are those passages. An indicator whose level-1
criteria are not met gets no level: its state is ``insufficient_evidence`` (a gap), never a
guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..classify.baseline import LINK_THRESHOLD
from ..frameworks import Criterion, Framework, Indicator
from ..nlp.terms import normalize, phrase_regex
from ..types import CriterionResult, DocMeta, EvidenceLink, Passage, Proposal

DOC_LINK_THRESHOLD = 0.30  # document-level indicator score for the document to count
MAX_LINKS_PER_CRITERION = 3


@dataclass
class EvidenceDoc:
    """One classified document, as the scorer needs it (plain data, no store)."""

    sha256: str
    path: str
    meta: DocMeta
    passages: list[Passage]
    passage_scores: dict[str, dict[int, float]]  # passage id -> indicator -> score
    indicator_scores: dict[int, float]
    is_evidence: bool
    _norm: dict[str, str] = field(default_factory=dict, repr=False)

    def norm(self, p: Passage) -> str:
        t = self._norm.get(p.id)
        if t is None:
            t = self._norm[p.id] = normalize(p.text)
        return t


# Assessor rule: a draft (RANCANGAN, unsigned, no number) supports level 1 only, whatever
# the indicator.
DRAFT_MAX_LEVEL = 1


def _doc_ok(doc: EvidenceDoc, check: dict, year: int | None, level: int = 1) -> bool:
    if doc.meta.status == "draft" and level > DRAFT_MAX_LEVEL:
        return False
    types = check.get("doc_types")
    if types and doc.meta.doc_type not in types:
        return False
    status = check.get("status", "any")
    if status != "any" and doc.meta.status != status:
        return False
    age = check.get("max_age_years")
    if age is not None and year is not None:
        if doc.meta.year is None or year - doc.meta.year > age or doc.meta.year > year:
            return False
    return True


def _candidates(ind: Indicator, crit: Criterion, docs: list[EvidenceDoc], year: int | None):
    """(doc, passage, score) triples the criterion may be checked against, best first."""
    scope = crit.check.get("scope", "indicator")
    out = []
    for d in docs:
        if not d.is_evidence or d.indicator_scores.get(ind.id, 0.0) < DOC_LINK_THRESHOLD:
            continue
        if not _doc_ok(d, crit.check, year, crit.level):
            continue
        for p in d.passages:
            s = d.passage_scores.get(p.id, {}).get(ind.id, 0.0)
            if scope == "document" or s >= LINK_THRESHOLD:
                out.append((d, p, s))
    out.sort(key=lambda t: -t[2])
    return out


def _link(crit: Criterion, d: EvidenceDoc, p: Passage) -> EvidenceLink:
    return EvidenceLink(
        criterion_id=crit.id, criterion_text=crit.text, level=crit.level, doc_sha256=d.sha256,
        doc_path=d.path, passage_id=p.id, span=p.span, quote=p.text[:500],
    )


def check_criterion(ind: Indicator, crit: Criterion, docs: list[EvidenceDoc], year: int | None) -> CriterionResult:
    cands = _candidates(ind, crit, docs, year)
    chk = crit.check
    chosen: list[tuple[EvidenceDoc, Passage, float]] = []
    met = bool(cands)
    if met and chk.get("terms_all"):
        for group in chk["terms_all"]:
            rx = [phrase_regex(t) for t in group]
            hit = next((c for c in cands if any(r.search(c[0].norm(c[1])) for r in rx)), None)
            if hit is None:
                met = False
                break
            if all(hit[1].id != c[1].id for c in chosen):
                chosen.append(hit)
    if met and chk.get("terms_any"):
        rx = [phrase_regex(t) for t in chk["terms_any"]]
        hits = [c for c in cands if any(r.search(c[0].norm(c[1])) for r in rx)]
        if not hits:
            met = False
        else:
            chosen.extend(h for h in hits[:MAX_LINKS_PER_CRITERION] if all(h[1].id != c[1].id for c in chosen))
    if met and not chk.get("terms_all") and not chk.get("terms_any"):
        chosen = [c for c in cands if c[2] >= LINK_THRESHOLD][:MAX_LINKS_PER_CRITERION]
        met = bool(chosen)
    if met and chk.get("min_passages"):
        pool = chosen if (chk.get("terms_all") or chk.get("terms_any")) else [c for c in cands if c[2] >= LINK_THRESHOLD]
        met = len({(c[0].sha256, c[1].id) for c in pool}) >= int(chk["min_passages"])
    links = [_link(crit, d, p) for d, p, _ in chosen[: max(MAX_LINKS_PER_CRITERION, len(chk.get("terms_all", [])))]] if met else []
    return CriterionResult(criterion_id=crit.id, level=crit.level, text=crit.text,
                           state="met" if met else "not_met", links=links)


def propose_indicator(fw: Framework, ind: Indicator, docs: list[EvidenceDoc], year: int | None) -> Proposal:
    results: list[CriterionResult] = []
    proposed: int | None = None
    blocked = False
    for lvl in range(fw.scale_min, fw.scale_max + 1):
        level = ind.levels[lvl]
        lres = [check_criterion(ind, c, docs, year) for c in level.criteria]
        results.extend(lres)
        if not blocked and all(r.state == "met" for r in lres):
            proposed = lvl
        else:
            blocked = True
    if proposed is None:
        return Proposal(framework=fw.id, indicator=ind.id, level=None, level_name=None, confidence=0.0,
                        state="insufficient_evidence", criteria=results, links=[])
    links = [lk for r in results if r.level <= proposed for lk in r.links]
    # Confidence: how strongly the linked passages speak for the indicator, lowered when the
    # next level is partly met (the boundary is then less certain).
    scores = []
    for lk in links:
        for d in docs:
            if d.sha256 == lk.doc_sha256:
                scores.append(d.passage_scores.get(lk.passage_id, {}).get(ind.id, 0.0))
                break
    conf = sum(scores) / len(scores) if scores else 0.0
    nxt = [r for r in results if r.level == proposed + 1]
    if nxt and any(r.state == "met" for r in nxt):
        conf *= 0.85
    return Proposal(framework=fw.id, indicator=ind.id, level=proposed, level_name=ind.level_name(proposed),
                    confidence=round(min(1.0, conf), 3), state="proposed", criteria=results, links=links)


def propose(fw: Framework, docs: list[EvidenceDoc], assessment_year: int | None = None) -> list[Proposal]:
    """One proposal per indicator of ``fw``; ``assessment_year`` defaults to the newest document year."""
    if assessment_year is None:
        years = [d.meta.year for d in docs if d.meta.year]
        assessment_year = max(years) if years else None
    return [propose_indicator(fw, ind, docs, assessment_year) for ind in fw.indicators]
