"""Criteria met and the proposed level per indicator, across all documents of a submission.

A level is proposed only when every criterion of it and of every level below it is met by
linked passages; the level's evidence links are those passages. An indicator whose level-1
criteria are not met gets no level: its state is ``insufficient_evidence`` (a gap), never a
guess. A criterion is ``unclear`` when the only documents that could meet it lack the
metadata to decide (no year for a recency rule).

Assessor rules come from the framework's ``rules`` (data): a draft supports level 1 only;
documents that are not valid for this submission (another issuer, after the period, revoked by
a newer regulation in the same submission; see :mod:`.validity`) do not count; the service
indicators are judged on evidence of a running application, not on the regulation that
mandates it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..classify.baseline import LINK_THRESHOLD
from ..classify.criteria import load_matcher
from ..frameworks import Criterion, Framework, Indicator
from ..nlp.modality import feeds_gaps, satisfies
from ..nlp.modality import modality as passage_modality
from ..nlp.terms import normalize, phrase_regex
from ..types import CriterionResult, DocMeta, EvidenceLink, Passage, Proposal
from .calibration import calibrated
from .chapters import regulated_passages
from .docinfo import REGULATION_TYPES, effective_status, is_image  # noqa: F401
from .services import service_evidence
from .validity import Validity, assess

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
    link_thresholds: dict[int, float] | None = None  # per indicator, from the scorer
    _norm: dict[str, str] = field(default_factory=dict, repr=False)

    _modality: dict[str, str] = field(default_factory=dict, repr=False)

    def norm(self, p: Passage) -> str:
        t = self._norm.get(p.id)
        if t is None:
            t = self._norm[p.id] = normalize(p.reading)
        return t

    def modality(self, p: Passage) -> str:
        """fact | provision | recommendation | plan | absence (:mod:`..nlp.modality`)."""
        m = self._modality.get(p.id)
        if m is None:
            m = self._modality[p.id] = passage_modality(p.text, self.meta.doc_type, self.meta.status, p.section)
        return m


# Default when a framework file has no rule: a draft (RANCANGAN, unsigned, no number)
# supports level 1 only, whatever the indicator.
DRAFT_MAX_LEVEL = 1


@dataclass
class Context:
    """What every criterion check of one submission shares."""

    fw: Framework
    year: int | None
    validity: dict[str, Validity] = field(default_factory=dict)
    chapters: dict = field(default_factory=dict)  # (doc, indicator) -> (passages, why) | None
    matcher: object | None = None  # learned criterion matcher (:mod:`..classify.criteria`), beside the rules
    learned: list = field(default_factory=list)  # criteria the matcher met: what, where, how sure


def _doc_ok(doc: EvidenceDoc, ind: Indicator, check: dict, ctx: Context, level: int = 1) -> str:
    """"ok", "no" or "unknown" (the rule needs metadata the document does not have)."""
    v = ctx.validity.get(doc.sha256)
    if v is not None and not v.ok:
        return "no"
    if doc.meta.status == "draft" and level > ctx.fw.rule("draft_max_level", DRAFT_MAX_LEVEL):
        return "no"
    kind_rule = ctx.fw.rule("kinds", {}).get(ind.kind, {})
    if doc.meta.doc_type in kind_rule.get("exclude_doc_types", ()):
        return "no"
    types = check.get("doc_types")
    if types and doc.meta.doc_type not in types:
        return "no"
    status = check.get("status", "any")
    if status != "any" and effective_status(doc) != status:
        return "no"
    age = check.get("max_age_years")
    if age is not None and ctx.year is not None:
        if doc.meta.year is None:
            return "unknown"
        if ctx.year - doc.meta.year > age or doc.meta.year > ctx.year:
            return "no"
    return "ok"


def _chapter(d: EvidenceDoc, ind: Indicator, ctx: Context) -> list[Passage] | None:
    """Passages of a regulation that regulate a policy indicator's topic (:mod:`.chapters`)."""
    if ind.kind != "policy" or d.meta.doc_type not in REGULATION_TYPES or is_image(d):
        return None
    key = (d.sha256, ind.id)
    if key not in ctx.chapters:
        found = regulated_passages(d, ind)
        ctx.chapters[key] = found
    found = ctx.chapters[key]
    return found[0] if found else None


def _threshold(d: EvidenceDoc, ind_id: int) -> float:
    if d.link_thresholds and ind_id in d.link_thresholds:
        return d.link_thresholds[ind_id]
    return LINK_THRESHOLD


def _candidates(ind: Indicator, crit: Criterion, docs: list[EvidenceDoc], ctx: Context):
    """(doc, passage, score) triples the criterion may be checked against, best first (stronger
    instruments first among equals); and whether a document was set aside for unknown metadata."""
    scope = crit.check.get("scope", "indicator")
    out = []
    unknown = False
    for d in docs:
        gated = not d.is_evidence or d.indicator_scores.get(ind.id, 0.0) < DOC_LINK_THRESHOLD
        chapter = _chapter(d, ind, ctx)
        if gated and chapter is None:
            continue
        ok = _doc_ok(d, ind, crit.check, ctx, crit.level)
        if ok != "ok":
            unknown |= ok == "unknown"
            continue
        thr = _threshold(d, ind.id)
        strength = ctx.validity[d.sha256].strength if d.sha256 in ctx.validity else 0
        in_chapter = {p.id for p in chapter} if chapter else set()
        for p in d.passages:
            s = d.passage_scores.get(p.id, {}).get(ind.id, 0.0)
            if p.id in in_chapter:  # the regulation's chapter on this topic speaks for it
                s = max(s, thr)
            elif gated and scope != "document":
                continue
            if (scope == "document" or s >= thr) and satisfies(d.modality(p)):
                out.append((d, p, s, strength))
    out.sort(key=lambda t: (-round(t[2], 2), -t[3]))
    return [(d, p, s) for d, p, s, _ in out], unknown


def _link(crit: Criterion, d: EvidenceDoc, p: Passage) -> EvidenceLink:
    return EvidenceLink(
        criterion_id=crit.id, criterion_text=crit.text, level=crit.level, doc_sha256=d.sha256,
        doc_path=d.path, passage_id=p.id, span=p.span, quote=p.text[:500],
    )


def check_criterion(ind: Indicator, crit: Criterion, docs: list[EvidenceDoc], ctx: Context,
                    learned: bool = True) -> CriterionResult:
    cands, unknown = _candidates(ind, crit, docs, ctx)
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
        chosen = [c for c in cands if c[2] >= _threshold(c[0], ind.id)][:MAX_LINKS_PER_CRITERION]
        met = bool(chosen)
    if met and chk.get("min_passages"):
        pool = chosen if (chk.get("terms_all") or chk.get("terms_any")) else \
            [c for c in cands if c[2] >= _threshold(c[0], ind.id)]
        met = len({(c[0].sha256, c[1].id) for c in pool}) >= int(chk["min_passages"])
    if not met and learned and cands and ctx.matcher is not None:
        chosen = _learned(ind, crit, cands, ctx)
        met = bool(chosen)
    links = [_link(crit, d, p) for d, p, _ in chosen[: max(MAX_LINKS_PER_CRITERION, len(chk.get("terms_all", [])))]] if met else []
    state = "met" if met else ("unclear" if unknown else "not_met")
    return CriterionResult(criterion_id=crit.id, level=crit.level, text=crit.text, state=state, links=links)


def _learned(ind: Indicator, crit: Criterion, cands, ctx: Context):
    """Candidates the learned matcher finds meet the criterion (factual and valid already: the
    candidates passed the modality and document checks), best first."""
    m = ctx.matcher
    probs = m.score_pairs([p.reading for _, p, _ in cands], crit, ind)
    hits = sorted(((float(pr), c) for pr, c in zip(probs, cands) if pr >= m.threshold), key=lambda t: -t[0])
    out = [c for _, c in hits[:MAX_LINKS_PER_CRITERION]]
    for pr, (d, p, _) in hits[:MAX_LINKS_PER_CRITERION]:
        ctx.learned.append({"indicator": ind.id, "criterion_id": crit.id, "doc_sha256": d.sha256,
                            "passage_id": p.id, "probability": round(pr, 3)})
    return out


def _excluded(ind: Indicator, docs: list[EvidenceDoc], ctx: Context) -> list[str]:
    """Why documents that speak for this indicator were set aside (for the assessor)."""
    notes = []
    kind_rule = ctx.fw.rule("kinds", {}).get(ind.kind, {})
    for d in docs:
        if not d.is_evidence or d.indicator_scores.get(ind.id, 0.0) < DOC_LINK_THRESHOLD:
            continue
        name = d.meta.title or d.path
        v = ctx.validity.get(d.sha256)
        if v is not None and v.reasons:
            notes.append(f"{name}: tidak dihitung ({'; '.join(v.reasons)})")
        elif d.meta.doc_type in kind_rule.get("exclude_doc_types", ()):
            notes.append(f"{name}: {d.meta.doc_type} tidak dihitung untuk indikator layanan. {kind_rule.get('why', '')}".strip())
        elif d.meta.status == "draft":
            notes.append(f"{name}: rancangan, hanya mendukung tingkat {ctx.fw.rule('draft_max_level', DRAFT_MAX_LEVEL)}")
        if v is not None and v.amended_by:
            notes.append(f"{name}: telah diubah dengan {', '.join(v.amended_by)}")
    return notes


MAX_FINDINGS = 5


def findings(ind: Indicator, docs: list[EvidenceDoc], ctx: Context) -> list[dict]:
    """Recommendations, plans and absences about this indicator (an earlier evaluation's advice,
    a plan's intentions, "belum ada ..."): they satisfy no criterion and go to the gap report."""
    out = []
    for d in docs:
        if not d.is_evidence or d.indicator_scores.get(ind.id, 0.0) < DOC_LINK_THRESHOLD:
            continue
        v = ctx.validity.get(d.sha256)
        if v is not None and not v.ok:
            continue
        thr = _threshold(d, ind.id)
        for p in d.passages:
            s = d.passage_scores.get(p.id, {}).get(ind.id, 0.0)
            if s >= thr and feeds_gaps(m := d.modality(p)):
                out.append({"modality": m, "doc_sha256": d.sha256, "doc_path": d.path, "passage_id": p.id,
                            "page": p.span.page, "score": round(s, 3), "quote": p.text[:300]})
    out.sort(key=lambda f: -f["score"])
    return out[:MAX_FINDINGS]


def contradiction(results: list[CriterionResult], ladder: int | None, scale_min: int) -> dict | None:
    """A criterion met above the first level that is not fully met: the ladder contradicts
    itself (a level-4 integration clause without "kebijakan ditetapkan"). None when consistent."""
    blocked = (ladder + 1) if ladder is not None else scale_min
    above = [r for r in results if r.level > blocked and r.state == "met"]
    if not above:
        return None
    top = max(r.level for r in above)
    below = [r for r in results if r.level < top and r.state != "met"]
    return {"ladder_level": ladder, "met_above": [r.criterion_id for r in above],
            "unmet_below": [r.criterion_id for r in below]}


def basis_of(contra: bool, detail: dict) -> str:
    return "contradiction" if contra else ("application" if detail.get("services") else "criteria")


def _ladder(results: list[CriterionResult], fw: Framework) -> int | None:
    """The highest level whose criteria, and those of every level below, are all met."""
    level = None
    for lvl in range(fw.scale_min, fw.scale_max + 1):
        lres = [r for r in results if r.level == lvl]
        if lres and all(r.state == "met" for r in lres):
            level = lvl
        else:
            break
    return level


def _credit_services(results: list[CriterionResult], services: list[dict], ind: Indicator) -> list[CriterionResult]:
    """Criteria up to the level the best application evidence gives are met by that evidence
    (its passages become the links); criteria already met keep their own links."""
    best = services[0]
    crit = {c.id: c for lv in ind.levels.values() for c in lv.criteria}
    out = []
    for r in results:
        if r.state == "met" or r.level > best["level"]:
            out.append(r)
            continue
        c = crit[r.criterion_id]
        links = [EvidenceLink(criterion_id=c.id, criterion_text=c.text, level=c.level, doc_sha256=best["doc_sha256"],
                              doc_path=best["doc_path"], passage_id=p.id, span=p.span, quote=p.text[:500])
                 for p in best["passages"]]
        out.append(CriterionResult(criterion_id=r.criterion_id, level=r.level, text=r.text, state="met", links=links))
    return out


def propose_indicator(fw: Framework, ind: Indicator, docs: list[EvidenceDoc], ctx: Context | int | None) -> Proposal:
    if not isinstance(ctx, Context):
        ctx = Context(fw=fw, year=ctx)
    results: list[CriterionResult] = []
    proposed: int | None = None
    blocked = False
    notes = _excluded(ind, docs, ctx)
    for lvl in range(fw.scale_min, fw.scale_max + 1):
        level = ind.levels[lvl]
        # the learned matcher is asked only at the ladder's frontier (the first level the rules
        # leave not fully met), so what it meets extends the ladder and never makes a contradiction
        lres = [check_criterion(ind, c, docs, ctx, learned=False) for c in level.criteria]
        if not blocked and not all(r.state == "met" for r in lres) and ctx.matcher is not None:
            lres = [r if r.state == "met" else check_criterion(ind, c, docs, ctx)
                    for r, c in zip(lres, level.criteria)]
        results.extend(lres)
        if not blocked and all(r.state == "met" for r in lres):
            proposed = lvl
        else:
            blocked = True
    detail: dict = {}
    services = service_evidence(fw, ind, docs, ctx) if ind.kind == "service" else []
    if services:
        results = _credit_services(results, services, ind)
        proposed = _ladder(results, fw)
        detail["services"] = [{k: v for k, v in e.items() if k != "passages"} for e in services[:5]]
    learned = [e for e in ctx.learned if e["indicator"] == ind.id]
    if learned:
        detail["learned_criteria"] = learned
    found = findings(ind, docs, ctx)
    if found:
        detail["findings"] = found
    contra = contradiction(results, proposed, fw.scale_min)
    if contra:
        # The criterion met above presupposes the step it skipped: the level credited is the
        # first one not fully met, no higher, shown as a contradiction with high uncertainty.
        credited = (proposed + 1) if proposed is not None else fw.scale_min
        contra["credited_level"] = credited
        detail["contradiction"] = contra
        detail["uncertainty"] = "high"
        notes = notes + [
            f"Kontradiksi: kriteria {', '.join(contra['met_above'])} terpenuhi, tetapi kriteria di bawahnya "
            f"({', '.join(contra['unmet_below'])}) belum; diusulkan tingkat {credited} dengan ketidakpastian "
            f"tinggi, perlu diperiksa asesor."]
        proposed = credited
    if proposed is None:
        return Proposal(framework=fw.id, indicator=ind.id, level=None, level_name=None, confidence=0.0,
                        state="insufficient_evidence", criteria=results, links=[], notes=notes,
                        contradiction=bool(contra), detail=detail)
    links = [lk for r in results if r.level <= proposed for lk in r.links]
    if contra:  # the evidence above that the credited level rests on
        links += [lk for r in results if r.criterion_id in contra["met_above"] for lk in r.links]
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
    strength = round(min(1.0, conf), 3)
    detail["evidence_strength"] = strength
    b = basis_of(bool(contra), detail)
    detail["basis"] = b
    cal = calibrated(b, strength)
    return Proposal(framework=fw.id, indicator=ind.id, level=proposed, level_name=ind.level_name(proposed),
                    confidence=cal if cal is not None else strength, state="proposed", criteria=results, links=links,
                    notes=notes, contradiction=bool(contra), detail=detail)


def scoring_matcher():
    """The learned criterion matcher when its file says it is used in scoring (it is switched on
    only where it earned its place on paired data and in cross-validation), else None."""
    m = load_matcher()
    force = os.environ.get("EVIDENCE_MAPPER_CRITERION_MATCHER", "").lower()  # on | off: to measure both
    on = force in ("1", "on") or (force not in ("0", "off") and m is not None and m.manifest.get("use_in_scoring"))
    return m if m is not None and on else None


def propose(fw: Framework, docs: list[EvidenceDoc], assessment_year: int | None = None,
            region: str | None = None, matcher="default") -> list[Proposal]:
    """One proposal per indicator of ``fw``; ``assessment_year`` defaults to the newest document
    year; ``region`` (the institution under assessment) enables the issuer check."""
    if assessment_year is None:
        years = [d.meta.year for d in docs if d.meta.year]
        assessment_year = max(years) if years else None
    ctx = Context(fw=fw, year=assessment_year, validity=assess(fw, docs, region, assessment_year),
                  matcher=scoring_matcher() if matcher == "default" else matcher)
    return [propose_indicator(fw, ind, docs, ctx) for ind in fw.indicators]
