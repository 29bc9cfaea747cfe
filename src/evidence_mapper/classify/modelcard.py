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
    if real:
        lines += ["", "```", json.dumps(real, indent=1), "```"]
    path = Path(out) / "MODEL_CARD.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
