"""Tables of the relevance model's grouped cross-validation (``evaluate --cv``, the model card)."""

from __future__ import annotations


def _combination(c: dict | None) -> list[str]:
    if not c:
        return []
    out = [f"Evidence decision combined with the legacy document filter ({c['legacy_model']}; it never saw a real "
           "document):"]
    g = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731  (no positive/negative: no figure)
    for name in ("relevance", "legacy", "union", "intersection"):
        f = c[name]
        out.append(f"  {name:<13} kappa {g(f['kappa'])}  recall {g(f['recall'])}  precision {g(f['precision'])}  "
                   f"negatives called evidence {g(f['negatives_called_evidence'])}")
    return out + [""]


def format_cv(m: dict, per_indicator: bool = True) -> str:
    ev = m["evidence"]
    lines = [
        f"Grouped cross-validation ({m['on']}): {m['documents']} documents, {m['issuers']} issuers, "
        f"{m['positives']} evidence for at least one indicator; {m.get('folds', '?')} folds, no issuer in both "
        "train and test; Platt scaling and thresholds of each fold fitted on the other folds.",
        "",
        "Per indicator (documents):",
        f"  macro precision {m['macro_precision']:.3f}  macro recall {m['macro_recall']:.3f}  "
        f"macro F1 {m['macro_f1']:.3f}  (indicators with support)",
        f"  labelled indicator in top 3: {m['top3_hit']:.3f}   top 1: {m['top1_hit']:.3f}   (ranked by relevance)",
        *([f"  labelled indicator in top 3: {m['ranking_scores']['top3_hit']:.3f}   top 1: "
           f"{m['ranking_scores']['top1_hit']:.3f}   (ranked by indicator scores, as inspect and evaluate rank)"]
          if m.get("ranking_scores") else []),
        "",
        "Evidence decision (evidence for at least one indicator):",
        f"  Cohen's kappa {ev['kappa']:.3f}  accuracy {ev['accuracy']:.3f}  recall {ev['recall']:.3f}  "
        f"precision {ev['precision']:.3f}  negatives called evidence {ev['negatives_called_evidence']:.3f}",
        "",
    ] + _combination(m.get("combination")) + [
        f"Calibration: ECE {m['pairs']['ece']:.4f} over (document, indicator) pairs (Brier {m['pairs']['brier']:.4f}); "
        f"ECE {ev['ece']:.4f} of the evidence score (best indicator's probability).",
        "",
        "Reliability (pairs | evidence score):",
        f"  {'bin':<8} {'n':>7} {'mean p':>7} {'observed':>8} | {'n':>5} {'mean p':>7} {'observed':>8}",
    ]
    for a, b in zip(m["pairs"]["reliability"], ev["reliability"]):
        f = lambda x: f"{x:.3f}" if x is not None else "-"  # noqa: E731
        lines.append(f"  {a['bin']:<8} {a['n']:>7} {f(a['mean_p']):>7} {f(a['observed']):>8} | {b['n']:>5} "
                     f"{f(b['mean_p']):>7} {f(b['observed']):>8}")
    nk = m.get("negatives_called_evidence_by_kind") or {}
    if nk:
        lines += ["", "Negatives called evidence, by kind:"]
        lines += [f"  {k:<24} {v['called_evidence']:>3} of {v['n']:<4}" for k, v in nk.items()]
    if per_indicator:
        lines += ["", f"  {'ind':>3} {'support':>7} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for x in m["per_indicator"]:
            if x["support"] or x["predicted"]:
                lines.append(f"  {x['indicator']:>3} {x['support']:>7} {x['predicted']:>5} {x['precision']:>6.3f} "
                             f"{x['recall']:>6.3f} {x['f1']:>6.3f}")
    return "\n".join(lines)


__all__ = ["format_cv"]
