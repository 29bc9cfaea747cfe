"""Confidence as the probability that a proposed level is right, calibrated on paired data.

A proposal's level is reached one of three ways (its ``basis``): a consistent ladder of
criteria, an application shown running (service indicators), or a contradiction resolved one
step up. ``calibration.json`` holds, per basis, how often such proposals equalled the official
level on a paired case (``scripts/calibrate_levels.py``; Beta(1, 1) prior). The confidence is
that probability, moved a little by how strongly the linked passages speak for the indicator
(at most +-0.05, so that proposals of one basis are ordered by their evidence). A paired case
is small: the figures are rough, and the file says what they rest on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "calibration.json"
SPREAD = 0.05


@lru_cache(maxsize=2)
def load(path: str | None = None) -> dict:
    p = Path(path or DATA)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {"bins": {}}


def basis(proposal) -> str:
    """``contradiction`` | ``application`` | ``criteria`` for a Proposal or a results dict."""
    detail = proposal.get("detail", {}) if isinstance(proposal, dict) else proposal.detail
    contra = proposal.get("contradiction") if isinstance(proposal, dict) else proposal.contradiction
    if contra:
        return "contradiction"
    if detail.get("services"):
        return "application"
    return "criteria"


def calibrated(b: str, evidence_strength: float, table: dict | None = None) -> float | None:
    """The calibrated confidence of a proposal of basis ``b``; None without a calibration."""
    bins = (table or load())["bins"]
    if b not in bins:
        return None
    p = float(bins[b]["p_exact"])
    s = min(1.0, max(0.0, evidence_strength))
    return round(min(0.99, max(0.01, p + SPREAD * (2 * s - 1))), 3)
