"""The library API the CLI and the web app wrap."""

from __future__ import annotations

from pathlib import Path

from .classify import get_scorer
from .frameworks import load_framework
from .ingest import Limits, ingest_file
from .ingest.topology import summarize as summarize_topology
from .nlp import analyze
from .nlp.layout import low_confidence

from .score.lhe import read_lhe, read_lhe_any

TOP_INDICATORS = 5
EVIDENCE_PER_INDICATOR = 3


def inspect_file(path: str | Path, framework: str = "spbe-2020", top: int = TOP_INDICATORS,
                 limits: Limits = Limits()) -> dict:
    """One file, no workspace: what it is and what it evidences (the ``inspect --json`` contract)."""
    fw = load_framework(framework)
    doc = ingest_file(path, limits)
    a = analyze(doc)
    cls = get_scorer(fw).classify(a)
    by_ind: dict[int, list] = {}
    passages = {p.id: p for p in a.passages}
    for ps in cls.passage_scores:
        by_ind.setdefault(ps.indicator, []).append(ps)
    ranked = sorted(cls.indicator_scores.items(), key=lambda kv: (-kv[1], kv[0]))
    indicators = []
    for iid, score in ranked[: max(top, TOP_INDICATORS)]:
        ind = fw.indicator(iid)
        ev = []
        for ps in sorted(by_ind.get(iid, []), key=lambda s: -s.score)[:EVIDENCE_PER_INDICATOR]:
            p = passages[ps.passage_id]
            ev.append({
                "page": p.span.page, "start": p.span.char_start, "end": p.span.char_end,
                "bbox": list(p.span.bbox) if p.span.bbox else None, "text": p.text[:400],
                "score": ps.score, "legal_unit": p.span.legal_unit,
                "boxes": [list(x) for x in p.span.boxes] if p.span.boxes else None,
                "ocr_confidence": p.span.ocr_confidence, "low_confidence": low_confidence(p.span.ocr_confidence),
                "context": p.context,
            })
        indicators.append({"framework": fw.id, "id": iid, "name": ind.name, "score": round(score, 4), "evidence": ev,
                           **({"relevance": cls.indicator_relevance[iid]} if iid in cls.indicator_relevance else {})})
    m = a.meta
    out = {
        "file": str(path),
        "sha256": doc.sha256,
        "pages": len(doc.pages),
        "ocr_pages": doc.ocr_pages,
        "doc_type": m.doc_type,
        "number": m.number,
        "year": m.year,
        "title": m.title,
        "issuer": m.issuer,
        "status": m.status,
        "is_evidence": cls.is_evidence,
        "evidence_score": cls.evidence_score,
        "evidence_reasons": cls.reasons,
        "indicators": indicators,
        "text_pages": sum(1 for p in doc.pages if p.text.strip()),
        "notes": doc.skipped,
        "model": cls.model,
    }
    if doc.topology or m.doc_type == "topologi":  # topology documents: the network facts of their diagrams
        out["topology"] = summarize_topology(doc.topology)
    return out


def read_lhe_file(path: str | Path, framework: str | None = None) -> dict:
    """An official evaluation report's published figures and level table (``lhe --json``).
    ``framework``: the instrument (framework or edition id) the report was scored on; None
    reads it from the report (:func:`.score.lhe.read_lhe_any` over the SPBE editions)."""
    doc = ingest_file(path)
    pages = [p.text for p in doc.pages]
    if framework:
        out = read_lhe(pages, load_framework(framework))
    else:
        from .frameworks.editions import editions

        eds = [e for e in editions() if e["id"].startswith("spbe-")]
        out = read_lhe_any(pages, [load_framework(e["id"]) for e in eds], {e["id"]: e.get("years", []) for e in eds})
    return {"file": str(path), "sha256": doc.sha256, **out}
