"""Relevance per (document, indicator): is this document evidence for this indicator?

A document is evidence *for an indicator*, not evidence in general. For every (document,
indicator) pair the relevance model (a logistic model over the features below, one intercept
and one slope on the text score per indicator, so one-vs-rest in effect) gives a probability,
calibrated by Platt scaling on grouped cross-validated scores, and each indicator has its own
threshold chosen by grouped cross-validation on the training corpus. The document is evidence
when at least one indicator reaches its threshold; its evidence score is the best indicator's
probability.

Features of a pair: the text scores of that indicator (document score, best and top-3 passage
scores, title score, passages linked, rank among the document's indicators) and of the
document (who issued it, type, draft, signals that used to be vetoes: a budget activity or a
team outside ICT, an organisation/general-plan/performance title, news, national regulation,
the evaluation's own result), plus a few pairings of document type and indicator family.

Rules that hold by definition stay rules, per indicator (:func:`rule_mask`):

* the evaluation's own result (LHE), news, a budget activity or a team outside ICT/SPBE: evidence
  for no indicator;
* a national regulation binding everyone: evidence for no institution's internal policy (a
  ministry's own decree or internal regulation is not "national" here, see
  :mod:`.institution`);
* a title naming an organisation, general development plan, performance report or other
  non-SPBE topic: not an SPBE policy (indicators of kind ``policy``); the other indicators are
  left to the model, which sees the signal as a feature;
* a Perkada or decree adopting a plan, architecture or blueprint: evidence for that plan's
  indicators (:data:`PLAN_TITLES`);
* a document whose type is the framework's first typical evidence of an indicator (a network
  topology of the institution: "Topologi jaringan intra pemerintah daerah", indicator 17):
  evidence for that indicator (:data:`TYPE_INDICATORS`); likewise a regulation or decree on the
  Tim Koordinasi SPBE, 10's first typical evidence ("Peraturan ... atau Keputusan ... (SK)
  tentang Tim Koordinasi SPBE"): evidence for 10.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..nlp.terms import normalize
from .baseline import (ICT_TITLE_TERMS, NEGATIVE_TITLE_CUES, TEAM_WORDS, _E_SERVICE, evidence_vetoes, title_has)
from .institution import own_internal

DOC_TYPES = ["perda", "perbup", "perwali", "pergub", "sk", "se", "sop", "rencana", "topologi", "laporan",
             "anggaran", "berita", "lainnya"]
PERKADA = {"perda", "perbup", "perwali", "pergub"}
REGULATIONS = PERKADA | {"sk", "se"}
KINDS = ("policy", "process", "service")

# Title cues of documents about the whole administration (organisation, general development
# plans, performance reports): they mention e-government in passing.
GENERAL_TITLE_CUES = ["susunan organisasi", "rencana pembangunan jangka menengah", "rencana pembangunan jangka panjang",
                      "rencana kerja pemerintah daerah", "laporan kinerja", "indikator kinerja"]

# A regulation or decree adopting a plan: title cue -> the SPBE 2020 indicators it evidences.
PLAN_TITLES: list[tuple[re.Pattern, tuple[int, ...]]] = [
    (re.compile(r"\barsitektur\s+(?:spbe|sistem\s+pemerintahan\s+berbasis\s+elektronik|tik|teknologi\s+informasi)"),
     (1, 11)),
    (re.compile(r"\bpeta\s+rencana\s+(?:spbe|sistem\s+pemerintahan\s+berbasis\s+elektronik)"), (2, 12)),
    (re.compile(r"\brencana\s+induk\s+(?:spbe|sistem\s+pemerintahan\s+berbasis\s+elektronik|e-?government)"),
     (1, 2, 11, 12)),
    (re.compile(r"\b(?:rencana\s+induk|master\s*plan|cetak\s+biru|blue\s*print)\s+(?:pengembangan\s+)?"
                r"(?:tik|teknologi\s+informasi|e-?government|smart\s+city|kota\s+cerdas|"
                r"pemerintahan\s+(?:berbasis\s+)?elektronik|digital)"), (2, 12)),
]

# Document types that are, by the framework's own list of typical evidence, evidence for an
# indicator (spbe-2020.json, evidence_typical of 17: "Topologi jaringan intra pemerintah daerah").
TYPE_INDICATORS: dict[str, tuple[int, ...]] = {"topologi": (17,)}

# Title cues of a regulation or decree that the framework lists as an indicator's first typical
# evidence (spbe-2020.json, evidence_typical of 10).
DECREE_TITLES: list[tuple[re.Pattern, tuple[int, ...]]] = [
    (re.compile(r"\btim\s+koordinasi\s+(?:spbe|sistem\s+pemerintahan\s+berbasis\s+elektronik)"), (10,)),
]

RULE_NONE = {"SPBE evaluation result (LHE), not evidence", "news", "budget activity outside ICT/SPBE",
             "team formed for a non-SPBE topic", "national regulation"}
REASON_NO_INDICATOR = "no indicator reaches its threshold"


def title_of(meta) -> str:
    return normalize(meta.title or "")


def signals(meta) -> dict[str, float]:
    """The document's rule signals as numbers (features, and what :func:`rule_mask` reads)."""
    title = title_of(meta)
    ict = bool(title) and (title_has(title, ICT_TITLE_TERMS) or bool(_E_SERVICE.search(title)))
    national = bool(meta.signals.get("national"))
    own = own_internal(meta)
    return {
        "own_internal": float(own),
        "national_binding": float(national and not own),
        "evaluation_result": float(bool(meta.signals.get("evaluation_result"))),
        "budget_outside_ict": float(meta.doc_type == "anggaran" and bool(title) and not ict),
        "team_outside_ict": float(meta.doc_type == "sk" and bool(title) and not ict and title_has(title, TEAM_WORDS)),
        "general_title": float(any(c in title for c in GENERAL_TITLE_CUES)),
        "negative_title": float(any(c in title for c in NEGATIVE_TITLE_CUES)),
        "ict_title": float(ict),
        "plan_title": float(any(rx.search(title) for rx, _ in PLAN_TITLES)),
    }


def plan_indicators(meta) -> set[int]:
    """Indicators a regulation, decree or plan adopting a plan/architecture is evidence for."""
    if meta.doc_type not in REGULATIONS | {"rencana"}:
        return set(TYPE_INDICATORS.get(meta.doc_type, ()))
    title = title_of(meta)
    out: set[int] = set()
    for rx, ids in PLAN_TITLES:
        if rx.search(title):
            out.update(ids)
    if meta.doc_type in REGULATIONS:
        for rx, ids in DECREE_TITLES:
            if rx.search(title):
                out.update(ids)
    return out


def rule_mask(meta, indicator_ids: list[int], kinds: list[str]) -> tuple[np.ndarray, set[int], list[str]]:
    """(allowed per indicator, indicators forced relevant, reasons) from the rules above."""
    vetoes = [v for v in evidence_vetoes(meta) if v != "national regulation"]
    if meta.signals.get("national") and not own_internal(meta):
        vetoes.append("national regulation")
    allowed = np.ones(len(indicator_ids), dtype=bool)
    reasons = []
    if set(vetoes) & RULE_NONE:
        allowed[:] = False
        reasons = [v for v in vetoes if v in RULE_NONE]
        return allowed, set(), reasons
    if "title names a non-SPBE topic" in vetoes:
        allowed &= np.array([k != "policy" for k in kinds])
        reasons.append("title names a non-SPBE topic")
    forced = plan_indicators(meta)
    for j, iid in enumerate(indicator_ids):
        if iid in forced:
            allowed[j] = True
    return allowed, forced, reasons


DOC_LEVEL = ["best", "top3", "title_best", "frac_linked", "national", "region", "region_type", "negative_title",
             "news", "draft", "umbrella", "unattributed", "type_lainnya", "baseline_evidence"]  # models.DOC_FEATURES
SIGNALS = ["own_internal", "national_binding", "evaluation_result", "budget_outside_ict", "team_outside_ict",
           "general_title", "ict_title", "plan_title"]


def feature_names(indicator_ids: list[int]) -> list[str]:
    names = ["s", "s2", "p_top1", "p_top3", "title", "linked", "rank_inv", "is_top1", "is_top3", "gap", "rel_s",
             "log_passages"]
    names += ["doc_" + n for n in DOC_LEVEL] + ["sig_" + n for n in SIGNALS]
    names += ["type_" + t for t in DOC_TYPES]
    names += ["s_x_" + k for k in KINDS]
    names += ["reg_x_policy", "umbrella_x_policy", "plan_x_plan", "budget_x_13", "topo_x_net", "sop_x_process",
              "rencana_x_process", "laporan_x_process", "ict_x_s", "negative_x_s"]
    names += [f"ind_{i}" for i in indicator_ids] + [f"s_x_ind_{i}" for i in indicator_ids]
    return names


def pair_features(view, meta, thresholds: np.ndarray, indicator_ids: list[int], kinds: list[str]) -> np.ndarray:
    """Rows (one per indicator) of the relevance model's features for one document."""
    n = len(indicator_ids)
    P = view.passage_scores
    s = np.asarray(view.doc_scores, dtype=np.float64)
    tp = view.title_scores if view.title_scores is not None else np.zeros(n)
    if P.shape[0]:
        S = np.sort(P, axis=0)[::-1]
        top1, top3 = S[0], S[:3].mean(axis=0)
        linked = np.log1p((P >= thresholds[None, :]).sum(axis=0))
    else:
        top1 = top3 = linked = np.zeros(n)
    order = np.argsort(-s, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    best = float(s.max()) if n else 0.0
    sig = signals(meta)
    doc = np.array(view.features, dtype=np.float64)
    dtype_oh = np.array([float(meta.doc_type == t) for t in DOC_TYPES])
    kind_oh = np.array([[float(k == kk) for kk in KINDS] for k in kinds])  # (n, 3)
    policy = kind_oh[:, 0]
    process = kind_oh[:, 1]
    plan_ids = plan_indicators(meta)
    is_plan = np.array([float(i in plan_ids) for i in indicator_ids])
    ind = np.array(indicator_ids)
    umbrella = doc[DOC_LEVEL.index("umbrella")]
    t = meta.doc_type
    cols = [
        s, s ** 2, top1, top3, tp, linked, 1.0 / (1.0 + rank), (rank == 0).astype(float), (rank < 3).astype(float),
        best - s, s / max(best, 1e-6), np.full(n, math.log1p(P.shape[0])),
    ]
    base = np.concatenate([doc, [sig[k] for k in SIGNALS], dtype_oh])
    rows = np.column_stack(cols + [np.tile(base, (n, 1))])
    inter = np.column_stack([
        s[:, None] * kind_oh,
        float(t in REGULATIONS) * policy, umbrella * policy, is_plan,
        float(t == "anggaran") * (ind == 13), float(t == "topologi") * np.isin(ind, (16, 17)),
        float(t == "sop") * process, float(t == "rencana") * process, float(t == "laporan") * process,
        sig["ict_title"] * s, sig["general_title"] * s,
    ])
    eye = np.eye(n)
    return np.hstack([rows, inter, eye, eye * s[:, None]])


def decide(probs: np.ndarray, allowed: np.ndarray, forced: set[int], thresholds: np.ndarray,
           indicator_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities after the rules, relevant per indicator)."""
    p = np.where(allowed, probs, 0.0)
    rel = p >= thresholds
    for j, iid in enumerate(indicator_ids):
        if iid in forced:
            rel[j] = True
            p[j] = max(p[j], float(thresholds[j]))
    return p, rel


__all__ = ["pair_features", "feature_names", "rule_mask", "signals", "plan_indicators", "decide",
           "REASON_NO_INDICATOR", "PLAN_TITLES", "TYPE_INDICATORS", "DECREE_TITLES"]
