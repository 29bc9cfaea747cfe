"""Measure scorers on labelled real documents (``evidence-mapper evaluate --real DIR``).

``DIR`` holds ``labels.csv`` and ``files/`` (the layout of corpus-real): one row per file with
its doc_type, SPBE 2020 indicators (``;``-separated, empty for a negative, ``ALL(1-47)`` for an
official report), ``notes`` (``HARD NEGATIVE`` marks traps) and ``sha256``. Documents are
ingested once into a cache workspace, so a second evaluation does not OCR again.

Figures, per scorer (the baseline and the trained models side by side):
top-1/top-3 hit rate of labelled indicators, per-indicator and macro precision/recall/F1 of the
document's indicators, false-evidence rate on negatives and on HARD NEGATIVEs, evidence recall,
doc_type accuracy, calibration (Brier, ECE) of the evidence probability, and a screening
simulation (documents ranked by evidence score, as ASReview replays labels): how many must be
read to find 95% of the evidence, and the work saved over reading in random order (WSS@95).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..nlp.metadata import extract_metadata
from ..types import AnalyzedDocument, IngestedDocument
from .train import brier, ece

# corpus-real's doc_type labels -> the product's doc_type values that count as right.
LABEL_TYPES = {
    "perda": {"perda"}, "perbup": {"perbup"}, "perwali": {"perwali"}, "sk": {"sk"}, "sop": {"sop"},
    "topology": {"topologi"}, "report": {"laporan", "rencana"},
    "other": {"lainnya", "anggaran", "pergub", "se", "berita", "rencana", "laporan"},
}
DOC_INDICATOR_THRESHOLD = 0.30  # a document "is about" an indicator at this document score


@dataclass
class LabelledDoc:
    file: str
    sha256: str
    doc_type: str
    indicators: set[int]
    report: bool
    hard_negative: bool
    year: int | None


def read_labels(real: Path) -> list[LabelledDoc]:
    out = []
    with open(Path(real) / "labels.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            raw = (r.get("indicators") or "").strip()
            report = raw.startswith("ALL")
            inds = set() if report else {int(x) for x in raw.split(";") if x.strip().isdigit()}
            y = r.get("year", "").strip()
            out.append(LabelledDoc(file=r["file"], sha256=r.get("sha256", ""), doc_type=r["doc_type"], indicators=inds,
                                   report=report, hard_negative="HARD NEGATIVE" in r.get("notes", ""),
                                   year=int(y) if y.isdigit() else None))
    return out


def wss(scores: list[float], relevant: list[bool], recall: float = 0.95) -> dict:
    """Read documents from the highest score down: how many until ``recall`` of the relevant."""
    n = len(scores)
    total = sum(relevant)
    if not total:
        return {"n": n, "relevant": 0, "read": 0, "wss": None}
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    need = int(np.ceil(recall * total))
    found = 0
    for k, i in enumerate(order, 1):
        found += relevant[i]
        if found >= need:
            return {"n": n, "relevant": total, "read": k, "wss": round((n - k) / n - (1 - recall), 4)}
    return {"n": n, "relevant": total, "read": n, "wss": round(-(1 - recall), 4)}


def evaluate_scorer(scorer, docs: list[tuple[LabelledDoc, AnalyzedDocument]], ids: list[int]) -> dict:
    rows = []
    for lab, a in docs:
        a2 = AnalyzedDocument(doc=a.doc, meta=copy.deepcopy(a.meta), passages=a.passages)
        cls = scorer.classify(a2)
        ranked = sorted(cls.indicator_scores.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append({"file": lab.file, "label": lab, "doc_type": a2.meta.doc_type, "is_evidence": cls.is_evidence,
                     "evidence_score": cls.evidence_score, "ranked": [i for i, _ in ranked],
                     "scores": cls.indicator_scores})
    pos = [r for r in rows if r["label"].indicators]
    neg = [r for r in rows if not r["label"].indicators and not r["label"].report]
    hard = [r for r in neg if r["label"].hard_negative]
    top1 = sum(bool(r["label"].indicators & set(r["ranked"][:1])) for r in pos)
    top3 = sum(bool(r["label"].indicators & set(r["ranked"][:3])) for r in pos)
    col = {iid: j for j, iid in enumerate(ids)}
    judged = pos + neg
    Y = np.zeros((len(judged), len(ids)), dtype=bool)
    Pd = np.zeros_like(Y)
    for k, r in enumerate(judged):
        for i in r["label"].indicators:
            Y[k, col[i]] = True
        if r["is_evidence"]:
            for i, s in r["scores"].items():
                Pd[k, col[i]] = s >= DOC_INDICATOR_THRESHOLD
    tp = (Pd & Y).sum(0)
    fp = (Pd & ~Y).sum(0)
    fn = (~Pd & Y).sum(0)
    per = {}
    for iid in ids:
        j = col[iid]
        if Y[:, j].any():
            p = tp[j] / (tp[j] + fp[j]) if tp[j] + fp[j] else 0.0
            rc = tp[j] / (tp[j] + fn[j])
            per[iid] = {"support": int(Y[:, j].sum()), "precision": round(float(p), 3), "recall": round(float(rc), 3),
                        "f1": round(float(2 * p * rc / (p + rc)) if p + rc else 0.0, 3)}
    ev_p = np.array([r["evidence_score"] for r in judged])
    ev_y = np.array([bool(r["label"].indicators) for r in judged], dtype=float)
    type_ok = sum(r["doc_type"] in LABEL_TYPES.get(r["label"].doc_type, set()) for r in rows)
    return {
        "model": scorer.model_id,
        "documents": len(rows),
        "positives": len(pos), "negatives": len(neg), "hard_negatives": len(hard),
        "top1_hit": round(top1 / len(pos), 4) if pos else None,
        "top3_hit": round(top3 / len(pos), 4) if pos else None,
        "evidence_recall": round(sum(r["is_evidence"] for r in pos) / len(pos), 4) if pos else None,
        "false_evidence_rate": round(sum(r["is_evidence"] for r in neg) / len(neg), 4) if neg else None,
        "false_evidence_rate_hard": round(sum(r["is_evidence"] for r in hard) / len(hard), 4) if hard else None,
        "doc_type_accuracy": round(type_ok / len(rows), 4) if rows else None,
        "macro_precision": round(float(np.mean([v["precision"] for v in per.values()])), 4) if per else None,
        "macro_recall": round(float(np.mean([v["recall"] for v in per.values()])), 4) if per else None,
        "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 4) if per else None,
        "per_indicator": per,
        "brier": brier(ev_p, ev_y), "ece": ece(ev_p, ev_y),
        "screening": wss(list(ev_p), [bool(y) for y in ev_y]),
        "rows": [{"file": r["file"], "doc_type": r["doc_type"], "label_doc_type": r["label"].doc_type,
                  "is_evidence": r["is_evidence"], "evidence_score": r["evidence_score"], "top3": r["ranked"][:3],
                  "labels": sorted(r["label"].indicators), "report": r["label"].report,
                  "hard_negative": r["label"].hard_negative} for r in rows],
    }


def load_real(real: Path, cache: Path, progress=None) -> tuple[list[tuple[LabelledDoc, AnalyzedDocument]], list[dict]]:
    """Ingest the labelled files into a cache workspace (once) and return them analyzed."""
    from ..store import DB_NAME, Workspace, lookup  # the store is the cache; classify itself never writes

    labels = read_labels(real)
    ws = Workspace(cache) if (Path(cache) / DB_NAME).exists() else Workspace.init(cache)
    known = lookup.document_shas(ws.db)
    todo = [Path(real) / "files" / lab.file for lab in labels if lab.sha256 not in known]
    if todo:
        ws.ingest(todo, progress=progress)
    have = lookup.document_shas(ws.db)
    docs = []
    for lab in labels:
        if lab.sha256 in have:
            meta, passages = ws.load_analyzed(lab.sha256)
            # The cache keeps what is slow to redo (parsing, OCR, segments); the metadata is
            # read again from the stored page text, so rule changes show without re-ingesting.
            text = "\n".join(lookup.page_texts(ws.db, lab.sha256))
            meta = extract_metadata(text)
            fake = IngestedDocument(path=lab.file, sha256=lab.sha256, size=0, media_type="", pages=[])
            docs.append((lab, AnalyzedDocument(doc=fake, meta=meta, passages=passages)))
    errors = ws.errors()
    ws.close()
    return docs, errors


def format_table(results: list[dict]) -> str:
    keys = [("top1_hit", "labelled indicator ranked 1st"), ("top3_hit", "labelled indicator in top 3"),
            ("evidence_recall", "positives called evidence"), ("false_evidence_rate", "negatives called evidence"),
            ("false_evidence_rate_hard", "HARD NEGATIVEs called evidence"), ("doc_type_accuracy", "doc_type right"),
            ("macro_precision", "macro precision (doc indicators)"), ("macro_recall", "macro recall"),
            ("macro_f1", "macro F1"), ("brier", "Brier (evidence prob.)"), ("ece", "ECE (evidence prob.)")]
    w = max(len(r["model"]) for r in results)
    lines = [f"{'figure':<34} " + " ".join(f"{r['model']:>{w}}" for r in results)]
    for k, name in keys:
        lines.append(f"{name:<34} " + " ".join(f"{'-' if r[k] is None else r[k]:>{w}}" for r in results))
    lines.append(f"{'screening: read for 95% recall':<34} " + " ".join(
        f"{str(r['screening']['read']) + '/' + str(r['screening']['n']):>{w}}" for r in results))
    lines.append(f"{'WSS@95':<34} " + " ".join(f"{r['screening']['wss']:>{w}}" for r in results))
    r0 = results[0]
    lines.append(f"(documents {r0['documents']}: {r0['positives']} positives, {r0['negatives']} negatives of which "
                 f"{r0['hard_negatives']} HARD; official reports count for doc_type only)")
    return "\n".join(lines)


def format_per_indicator(results: list[dict]) -> str:
    ids = sorted({i for r in results for i in r["per_indicator"]})
    head = f"{'ind':>4} {'n':>3}  " + "  ".join(f"{'P/R/F1 ' + r['model'][:20]:<26}" for r in results)
    lines = [head]
    for i in ids:
        cells = []
        for r in results:
            v = r["per_indicator"].get(i)
            cells.append(f"{v['precision']:.2f}/{v['recall']:.2f}/{v['f1']:.2f}".ljust(26) if v else "-".ljust(26))
        sup = next(r["per_indicator"][i]["support"] for r in results if i in r["per_indicator"])
        lines.append(f"{i:>4} {sup:>3}  " + "  ".join(cells))
    return "\n".join(lines)
