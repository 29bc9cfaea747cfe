"""The model card: what the models were trained on, when, and how they measure."""

from __future__ import annotations

import json
from pathlib import Path

from .cvreport import format_cv


def write_model_card(out: Path, card: dict, real: dict | None = None) -> Path:
    """Write MODEL_CARD.md beside the models from ``card.json`` (and real-document figures if given)."""
    m = card["metrics_cv_on_corpus"]
    p, t, e = m["passage-indicator"], m["doc-type"], m["evidence-filter"]
    d = card["data"]
    lines = [
        f"# evidence-mapper models {card['version']}",
        "",
        f"Trained: {card.get('date') or 'from workspace reviews'}; framework {d['framework']}; seed {d['seed']}.",
        f"Data: {d['corpus']}: {d['passages']} labelled passages and {d['documents']} documents written "
        "by this project (templates, the framework's own level texts, synthetic OCR noise; see "
        "corpus/README.md)" + (f"; {d.get('real_documents', 0)} real documents of {d.get('real_issuers', 0)} issuers "
                               f"and {d.get('real_passages', 0)} real labelled passages (corpus/real)"
                               if d.get("real_documents") else "; no real corpus")
        + (f", plus {d['review_passages']} reviewer decisions." if d["review_passages"] else "."),
        f"Corpus sha256: `{d['corpus_sha256']}`.",
        "",
        "| file | sha256 |",
        "|---|---|",
        *[f"| {k}.npz | `{v}` |" for k, v in sorted(card["files_sha256"].items())],
        "",
        "## Models",
        "- **passage-indicator**: 47 one-vs-rest logistic models (SGD, log loss) over hashed character "
        "3-5-grams, Platt-calibrated on 3-fold cross-validated scores, one threshold per label; 4,000 weights "
        "kept per label.",
        "- **doc-type**: one-vs-rest logistic models (SGD) over the first 800 characters, softmax over their "
        "scores; used only where the "
        "metadata rules find no type.",
        "- **doc-indicator**: 47 one-vs-rest logistic models (SGD, log loss) over hashed character 3-5-grams of "
        "a document read as a whole (the first 6,000 characters of its passages), trained on the documents that are evidence "
        "for at least one indicator (which indicators such a document is evidence for), Platt-calibrated on "
        "cross-validated scores grouped by issuer. Its probability takes 25% of a document's indicator "
        "scores (the rest: the passages' blended scores); the share was chosen by grouped cross-validation.",
        "- **evidence-filter** (role: relevance): relevance per (document, indicator). One logistic model over "
        "each pair's features (that indicator's document, passage and title scores and rank; the document's "
        "issuer, type, draft status and rule signals: budget activity or team outside ICT, organisation/"
        "general-plan titles, news, national regulation, the evaluation's own result; document type x "
        "indicator family; one intercept and one text-score slope per indicator), Platt-calibrated on "
        "cross-validated scores grouped by issuer, one threshold per indicator chosen by that cross-validation. "
        "A document is evidence when one indicator reaches its threshold; rules that hold by definition "
        "(classify/relevance.py) exclude or force indicators.",
        "- At inference the passage scores blend the passage model (50%) with the framework-keyword "
        "baseline (50%).",
        "",
        "## Cross-validation on the training corpus",
        f"- passage-indicator: macro F1 {p['macro_f1']}, micro F1 {p['micro_f1']}, top-1 {p['top1_hit']}, "
        f"Brier {p['brier']}, ECE {p['ece']}",
        f"- doc-type: accuracy {t['cv_accuracy']}",
        *([f"- doc-indicator (grouped by issuer, {m['doc-indicator']['n_real_documents']} real evidence documents): "
           f"labelled indicator in top 3 {m['doc-indicator']['top3_hit']}, top 1 {m['doc-indicator']['top1_hit']} "
           "(the model alone)"] if "doc-indicator" in m else []),
        "",
        "## Relevance per indicator: grouped cross-validation by issuer",
        "```",
        format_cv(e, per_indicator=False) if "macro_f1" in e else "(legacy evidence filter)",
        "```",
        "",
        "## Quality on real documents",
        "Measured with `evidence-mapper evaluate --real ../shared/corpus-real` (documents never used in "
        "training); see the README's table.",
    ]
    lines += _union_section(e.get("combination"), e)
    lines += _rebuild_section()
    if real:
        lines += ["", "```", json.dumps(real, indent=1), "```"]
    path = Path(out) / "MODEL_CARD.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _union_section(c: dict | None, e: dict) -> list[str]:
    """The evidence decision as the product takes it: relevance OR the 1.0 document filter."""
    if not c:
        return []
    rows = [f"{'':<15} kappa  recall  precision  negatives called evidence"]
    names = {"relevance": "relevance", "legacy": "1.0 filter", "union": "union", "intersection": "intersection"}
    for k, label in names.items():
        f = c[k]
        fmt = lambda x: "   -" if x is None else f"{x:.3f}"  # noqa: E731
        rows.append(f"{label:<15} {fmt(f['kappa'])}   {fmt(f['recall'])}      {fmt(f['precision'])}    "
                    f"{fmt(f['negatives_called_evidence'])}")
    return [
        "",
        "## Evidence decision: relevance OR the 1.0 document filter",
        "`legacy/` holds the models of release 1.0.0 (passage, doc-type and document-level evidence filter,",
        "trained on the synthetic corpus only; its own card is `legacy/MODEL_CARD.md`). It never sees a real",
        "document, so its decisions on the real corpus are out of sample; the relevance model's are the",
        f"grouped cross-validation's out-of-fold decisions ({e.get('documents')} documents, {e.get('issuers')} "
        f"issuers, {e.get('positives')} positives):",
        "",
        "```",
        *rows,
        "```",
        "",
        "The union agreed best with the labels when the combination was chosen (the criterion, Cohen's kappa,",
        "was fixed before the figures were computed), so a document is evidence when one indicator reaches its",
        "threshold OR the 1.0 filter calls it evidence; the evidence score is then the larger of the two.",
        "`evaluate --cv` prints these lines too.",
        "",
        "Two rules hold by definition (they force a pair, they do not change the weights): a network topology",
        "document is evidence for 17 and a regulation or decree on the Tim Koordinasi SPBE for 10, each the",
        "framework's first typical evidence of that indicator (spbe-2020.json `evidence_typical`).",
    ]


def _rebuild_section() -> list[str]:
    return [
        "",
        "## Rebuilding these files",
        "`evidence-mapper train` rebuilds every file of this folder from the committed corpora",
        "(corpus/training, made by corpus/make_training.py, and corpus/real with its readings):",
        "passage-indicator, doc-type, doc-indicator, evidence-filter (relevance), card.json and this card; legacy/ (release",
        "1.0.0's recipe on the synthetic corpus, classify/legacy_train.py); criterion-matcher.json (classify/",
        "criteria_train.py, also `python scripts/train_criterion_matcher.py`). Same corpus, same seed, same",
        "date: the same bytes. `evidence-mapper train --check` rebuilds into a temporary folder with this",
        "card's date and compares every file with the shipped one, byte for byte (exit status 1 on a",
        "difference).",
    ]
