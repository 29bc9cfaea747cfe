"""Rebuild every shipped model file from the committed corpora, and check that it comes out the same.

``models/`` holds, all made here:

* ``passage-indicator``, ``doc-type``, ``doc-indicator``, ``evidence-filter`` (relevance per indicator), ``card.json``,
  ``MODEL_CARD.md``: :func:`train.train_all` on ``corpus/training`` + ``corpus/real``;
* ``legacy/`` (the 1.0.0 document filter the relevance decision is OR-ed with, with its passage and
  doc-type models and card): :func:`legacy_train.train_legacy` on ``corpus/training``;
* ``criterion-matcher.json``: :func:`criteria_train.train_matcher` on ``corpus/real`` (its readings).

Training is deterministic (fixed seeds, single-threaded solvers, byte-stable files); the only
thing that changes between two runs is the cards' date, which :func:`check` takes from the
shipped ``card.json``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .criteria import MODEL_NAME as MATCHER
from .criteria_train import train_matcher
from .legacy_train import train_legacy
from .modelcard import write_model_card
from .models import LEGACY_DIR
from .realcorpus import find_real_corpus
from .train import train_all


def rebuild_all(corpus: Path, out: Path, seed: int = 0, real: Path | str | None = None, date: str | None = None,
                log=lambda s: None) -> dict:
    """Write every model file into ``out``; returns the main card."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    train_legacy(corpus, out / LEGACY_DIR, seed=seed, log=log, date=date or _today())
    card = train_all(corpus, out, seed=seed, log=log, real=real, date=date, legacy_dir=out / LEGACY_DIR)
    write_model_card(out, card)
    rdir = find_real_corpus(real, corpus)
    if rdir is not None:
        m = train_matcher(rdir, out / f"{MATCHER}.json", log=log)
        log(f"criterion matcher ({m['metrics_cv']['labels']} labels): ROC AUC {m['metrics_cv']['roc_auc']} "
            f"grouped by issuer")
    else:
        log("no real corpus: the criterion matcher is not rebuilt")
    return card


def keep_legacy(base: Path | None, out: Path) -> bool:
    """Models retrained from a workspace's reviews keep the 1.0 document filter of the models they
    start from (the reviews do not touch it): ``base/legacy`` is copied to ``out/legacy``."""
    from .models import models_available

    if base is None or not models_available(Path(base) / LEGACY_DIR):
        return False
    src, dst = Path(base) / LEGACY_DIR, Path(out) / LEGACY_DIR
    if dst.exists() and dst.resolve() == src.resolve():
        return True
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.iterdir()):
        if f.is_file():
            (dst / f.name).write_bytes(f.read_bytes())
    return True


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _files(d: Path) -> dict[str, Path]:
    return {str(p.relative_to(d)): p for p in sorted(d.rglob("*")) if p.is_file()}


def compare_dirs(shipped: Path, rebuilt: Path) -> list[str]:
    """One line per file that differs, is missing from the rebuild, or is not shipped."""
    a, b = _files(Path(shipped)), _files(Path(rebuilt))
    out = []
    for name in sorted(set(a) | set(b)):
        if name not in b:
            out.append(f"not rebuilt: {name}")
        elif name not in a:
            out.append(f"not shipped: {name}")
        elif a[name].read_bytes() != b[name].read_bytes():
            out.append(f"differs: {name}")
    return out


def shipped_date(models: Path) -> str | None:
    try:
        return json.loads((Path(models) / "card.json").read_text(encoding="utf-8")).get("date")
    except (OSError, ValueError):
        return None


def check(corpus: Path, models: Path, seed: int = 0, real: Path | str | None = None,
          log=lambda s: None) -> tuple[list[str], int]:
    """Rebuild into a temporary folder with the shipped card's date and compare byte for byte:
    (differences, files compared)."""
    with tempfile.TemporaryDirectory(prefix="em-models-") as tmp:
        rebuild_all(corpus, Path(tmp), seed=seed, real=real, date=shipped_date(models), log=log)
        diffs = compare_dirs(models, Path(tmp))
        n = len(set(_files(Path(models))) | set(_files(Path(tmp))))
    return diffs, n


__all__ = ["rebuild_all", "check", "keep_legacy", "compare_dirs", "shipped_date"]
