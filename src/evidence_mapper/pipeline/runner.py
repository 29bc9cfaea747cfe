"""The stages of a run, declared once, and the runner that executes them.

ingest -> nlp -> classify -> score -> store. Every stage has one job, takes plain data and
returns new plain data (picklable, so a worker process or a Dask task can run it); none
touches the workspace. The store (the single writer) keeps what comes back. Both ways of
reading files, ``Workspace.ingest``/``Workspace.map`` and ``batch`` (in this process, in a
process pool or on Dask), go through the functions here:

- :func:`iter_file` / :func:`run_file`: one file (or ZIP): ingest -> nlp -> classify (when the
  plan names a framework), one entry per document or error;
- :func:`reanalyze`, :func:`reclassify`: a later stage again on stored data (its version changed);
- :func:`classify_and_score`: classify -> score over a set of analysed documents (a map run).

A stage's version sits next to it in :data:`STAGES`; a stored stage result (batch, table
``stage_results``) is reused only at the same version.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..classify import get_scorer, scorer_thresholds
from ..frameworks import Framework
from ..ingest import IngestError, Known, Limits, ingest_path
from ..nlp import analyze
from ..score import EvidenceDoc, propose
from ..types import AnalyzedDocument, DocClassification, DocMeta, IngestedDocument, Passage, PassageScore

INGEST_VERSION = "4"  # bump when what ingest stores of a file changes
NLP_VERSION = "9"  # bump when segmentation or metadata extraction changes
SCORE_VERSION = "1"  # proposals are made again on every map run; kept for the record


# -- the stage functions -------------------------------------------------------------------
def ingest_stage(path: str, limits: Limits, skip: Callable[[str], bool] | None = None
                 ) -> Iterator[tuple[str, IngestedDocument | IngestError | Known]]:
    """Bytes -> documents: one entry per document of a file (a ZIP has several)."""
    return ingest_path(path, limits, skip=skip)


def nlp_stage(doc: IngestedDocument) -> AnalyzedDocument:
    """A document -> passages and metadata."""
    return analyze(doc)


def classify_stage(a: AnalyzedDocument, framework: Framework | str, model_dir: str | None = None
                   ) -> DocClassification | None:
    """Passages -> evidence and indicator scores, by the model of ``model_dir`` (the
    workspace's own) or the shipped one. The document's metadata is left as it was given."""
    if not a.passages:
        return None
    signals = dict(a.meta.signals)  # a scorer notes its reasons in the signals: not in ours
    try:
        return get_scorer(framework, model_dir=model_dir).classify(a)
    finally:
        a.meta.signals = signals


def score_stage(fw: Framework, docs: list[EvidenceDoc], year: int | None, region: str | None):
    """Classified documents -> one proposal per indicator."""
    return propose(fw, docs, year, region=region)


def model_version(framework: Framework | str, model_dir: str | None = None) -> str:
    """The classify stage's version: the id of the model that classifies."""
    return get_scorer(framework, model_dir=model_dir).model_id


@dataclass(frozen=True)
class Stage:
    name: str
    version: str | Callable[[str, str | None], str]  # a callable takes (framework, model_dir)
    fn: Callable[..., Any]

    def version_for(self, framework: str, model_dir: str | None = None) -> str:
        return self.version(framework, model_dir) if callable(self.version) else self.version


STAGES: tuple[Stage, ...] = (
    Stage("ingest", INGEST_VERSION, ingest_stage),
    Stage("nlp", NLP_VERSION, nlp_stage),
    Stage("classify", model_version, classify_stage),
    Stage("score", SCORE_VERSION, score_stage),
)
STAGE = {s.name: s for s in STAGES}

# names under which a batch records stage results (table ``stage_results``)
FILE_STAGE = "file"
NLP_STAGE = "nlp"


def classify_record(framework: str) -> str:
    return f"classify:{framework}"


def stage_versions(framework: str, model_dir: str | None = None) -> dict[str, str]:
    """The versions a stored stage result must have to be reused, by record name."""
    return {FILE_STAGE: STAGE["ingest"].version_for(framework, model_dir),
            NLP_STAGE: STAGE["nlp"].version_for(framework, model_dir),
            classify_record(framework): STAGE["classify"].version_for(framework, model_dir)}


# -- plain data between the stages -----------------------------------------------------------
def classification_to_json(c: DocClassification) -> dict:
    return {"evidence_score": c.evidence_score, "is_evidence": bool(c.is_evidence),
            "indicator_scores": {str(k): v for k, v in c.indicator_scores.items()},
            "passage_scores": [[p.passage_id, p.indicator, p.score] for p in c.passage_scores], "model": c.model,
            "doc_type": c.doc_type, "reasons": list(c.reasons)}


def classification_from_json(d: dict) -> DocClassification:
    return DocClassification(
        evidence_score=d["evidence_score"], is_evidence=d["is_evidence"],
        indicator_scores={int(k): v for k, v in d["indicator_scores"].items()},
        passage_scores=[PassageScore(passage_id=a, indicator=b, score=c) for a, b, c in d["passage_scores"]],
        model=d["model"], doc_type=d.get("doc_type"), reasons=list(d.get("reasons", [])))


@dataclass
class Plan:
    """What a run does with each file: ingest with ``limits``, nlp, and classify for
    ``framework`` (none: stop after nlp, as 'ingest' does) with ``model_dir``'s models."""
    limits: Limits = field(default_factory=Limits)
    framework: str | None = None
    model_dir: str | None = None


# -- the runner ------------------------------------------------------------------------------
def iter_file(path: str, plan: Plan, skip: Callable[[str], bool] | None = None,
              timings: dict[str, float] | None = None, relabel: Callable[[str], str] | None = None
              ) -> Iterator[dict]:
    """One file through ingest -> nlp (-> classify): one entry per document, as it comes.

    Entries: ``{"label", "doc": AnalyzedDocument, "classification": dict | None}``,
    ``{"label", "known": sha256}`` (``skip`` accepted it) or ``{"label", "path", "error": kind,
    "detail", "message"}``. Errors are entries, never raised. ``timings`` collects seconds
    per stage; ``relabel(label)`` names a document as it was filed (a batch's fetched copy)."""
    t = timings if timings is not None else {}
    for k in ("ingest", "nlp", "classify"):
        t.setdefault(k, 0.0)
    gen = STAGE["ingest"].fn(path, plan.limits, skip)
    while True:
        t0 = time.perf_counter()
        try:
            label, res = next(gen)
        except StopIteration:
            break
        finally:
            t["ingest"] += time.perf_counter() - t0
        if relabel is not None:
            label = relabel(label)
            if isinstance(res, IngestedDocument):
                res.path = label
        if isinstance(res, Known):
            yield {"label": label, "known": res.sha256}
            continue
        if isinstance(res, IngestError):
            yield {"label": label, "path": res.path, "error": res.kind, "detail": res.detail or "",
                   "message": str(res)}
            continue
        t0 = time.perf_counter()
        try:
            a = STAGE["nlp"].fn(res)
        except Exception as e:  # an analysis bug must not stop the batch
            err = IngestError(label, "corrupt", f"{type(e).__name__}: {e}")
            yield {"label": label, "path": err.path, "error": err.kind, "detail": err.detail, "message": str(err)}
            continue
        finally:
            t["nlp"] += time.perf_counter() - t0
        cls = None
        if plan.framework is not None:
            t0 = time.perf_counter()
            c = STAGE["classify"].fn(a, plan.framework, plan.model_dir)
            cls = classification_to_json(c) if c is not None else None
            t["classify"] += time.perf_counter() - t0
        yield {"label": label, "doc": a, "classification": cls}


def run_file(path: str, plan: Plan, skip: Callable[[str], bool] | None = None,
             relabel: Callable[[str], str] | None = None) -> dict:
    """:func:`iter_file` collected: ``{"entries": [...], "timings": {stage: seconds}}``."""
    timings: dict[str, float] = {}
    entries = list(iter_file(path, plan, skip, timings, relabel))
    return {"entries": entries, "timings": timings}


def reanalyze(doc: IngestedDocument, plan: Plan) -> dict:
    """nlp (-> classify) again on a stored document's pages (the nlp version changed)."""
    t0 = time.perf_counter()
    a = STAGE["nlp"].fn(doc)
    t1 = time.perf_counter()
    c = STAGE["classify"].fn(a, plan.framework, plan.model_dir) if plan.framework else None
    return {"sha256": doc.sha256, "doc": a, "classification": classification_to_json(c) if c else None,
            "timings": {"nlp": t1 - t0, "classify": time.perf_counter() - t1}}


def reclassify(sha: str, meta: DocMeta, passages: list[Passage], plan: Plan) -> dict:
    """Classify a stored document's passages again (the model changed)."""
    t0 = time.perf_counter()
    a = AnalyzedDocument(doc=IngestedDocument(path=sha, sha256=sha, size=0, media_type="", pages=[]), meta=meta,
                         passages=passages)
    c = STAGE["classify"].fn(a, plan.framework, plan.model_dir)
    return {"sha256": sha, "classification": classification_to_json(c) if c else None,
            "timings": {"classify": time.perf_counter() - t0}}


@dataclass
class StoredDoc:
    """A document as the store hands it to a map run."""
    sha256: str
    path: str
    meta: DocMeta
    passages: list[Passage]
    doc_type: str | None  # the doc type the rules (nlp) stored


@dataclass
class MapOutput:
    """What classify -> score make of a set of documents; the store writes it."""
    classifications: list[tuple[str, DocClassification]]  # (sha256, classification), in input order
    type_updates: dict[str, str]  # sha256 -> doc type the model filled in where the rules had none
    models: set[str]  # the models that really classified
    proposals: list
    model_id: str  # the scorer's model id (recorded when no document was classified)


def classify_and_score(fw: Framework, docs: list[StoredDoc], *, year: int | None, region: str | None,
                       model_dir: str | None = None,
                       classified: Callable[[str], DocClassification | None] | None = None,
                       institution=None) -> MapOutput:
    """classify -> score over stored documents; ``classified(sha)`` may hand over a stored
    classification (a batch's workers made it) instead of classifying again. With
    ``institution`` (the one under assessment), another issuer's document never counts."""
    from ..classify.institution import apply_institution
    scorer = get_scorer(fw, model_dir=model_dir)
    thresholds = scorer_thresholds(scorer)
    ev_docs: list[EvidenceDoc] = []
    out = MapOutput(classifications=[], type_updates={}, models=set(), proposals=[], model_id=scorer.model_id)
    for d in docs:
        if not d.passages:
            continue
        cls = classified(d.sha256) if classified else None
        if cls is None:
            fake = IngestedDocument(path=d.path, sha256=d.sha256, size=0, media_type="", pages=[])
            cls = STAGE["classify"].fn(AnalyzedDocument(doc=fake, meta=d.meta, passages=d.passages), fw, model_dir)
        if institution is not None:
            cls = apply_institution(cls, d.meta, institution)
        if cls.model:
            out.models.add(cls.model)
        meta = d.meta
        if cls.doc_type and cls.doc_type != d.doc_type:  # the model filled in what the rules missed
            meta = DocMeta(**{**meta.__dict__, "doc_type": cls.doc_type})
            out.type_updates[d.sha256] = cls.doc_type
        pmap: dict[str, dict[int, float]] = {}
        for ps in cls.passage_scores:
            pmap.setdefault(ps.passage_id, {})[ps.indicator] = ps.score
        out.classifications.append((d.sha256, cls))
        ev_docs.append(EvidenceDoc(sha256=d.sha256, path=d.path, meta=meta, passages=d.passages,
                                   passage_scores=pmap, indicator_scores=cls.indicator_scores,
                                   is_evidence=cls.is_evidence, link_thresholds=thresholds))
    out.proposals = STAGE["score"].fn(fw, ev_docs, year, region)
    return out
