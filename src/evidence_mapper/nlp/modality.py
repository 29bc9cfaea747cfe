"""Modality of a passage: what the sentence does, as an assessor reads it.

``reference`` (in a regulation, a citation of another regulation: a Mengingat entry, whatever
section the layout put it in; it meets nothing and feeds nothing), ``fact`` (something that is so: an application runs, a team met), ``provision`` (an enacted
regulation's article or decree's diktum), ``recommendation`` ("sebaiknya", "direkomendasikan",
"perlu disusun": an earlier evaluation's advice), ``plan`` ("akan dibangun", "direncanakan",
rencana tindak lanjut) and ``absence`` ("belum ada", "tidak terdapat"). Only facts and
provisions satisfy a criterion; the other three say what is missing and feed the gap report.

Rule-based: the patterns are data (``nlp/modality_rules.json``); this module applies them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "modality_rules.json"


@dataclass(frozen=True)
class ModalityRules:
    labels: tuple[str, ...]
    satisfies: frozenset[str]
    gap_feeders: frozenset[str]
    regulation_doc_types: frozenset[str]
    non_provision_sections: frozenset[str]
    order: tuple[str, ...]
    patterns: dict[str, tuple[re.Pattern, ...]]
    version: int
    references: tuple[re.Pattern, ...] = ()


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> ModalityRules:
    raw = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    pats = {k: tuple(re.compile(p) for p in v) for k, v in raw["patterns"].items()}
    for k in raw["order"]:
        if k not in pats or k not in raw["labels"]:
            raise ValueError(f"{path or DATA}: modality '{k}' in order has no patterns or is not a label")
    return ModalityRules(
        labels=tuple(raw["labels"]), satisfies=frozenset(raw["satisfies"]), gap_feeders=frozenset(raw["gap_feeders"]),
        regulation_doc_types=frozenset(raw["regulation_doc_types"]),
        non_provision_sections=frozenset(raw.get("regulation_non_provision_sections", [])),
        order=tuple(raw["order"]), patterns=pats, version=int(raw.get("version", 1)),
        references=tuple(re.compile(p) for p in raw.get("reference_patterns", [])),
    )


MAX_REFERENCE_CHARS = 600  # a citation is one entry of a list, not a page


def is_reference(text: str, rules: ModalityRules | None = None) -> bool:
    """A citation of another regulation ("Peraturan Menteri ... Nomor 17 Tahun 2000 tentang ...,")."""
    r = rules or load_rules()
    if not r.references or len(text) > MAX_REFERENCE_CHARS:
        return False
    t = _flat(text)
    return any(p.search(t) for p in r.references)


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def text_modality(text: str, rules: ModalityRules | None = None) -> str:
    """The modality of ``text`` alone (no document context): the first class in the rules'
    order whose pattern matches, else ``fact``."""
    r = rules or load_rules()
    t = _flat(text)
    for label in r.order:
        if any(p.search(t) for p in r.patterns[label]):
            return label
    return "fact"


def modality(text: str, doc_type: str | None = None, status: str | None = None, section: str | None = None,
             rules: ModalityRules | None = None) -> str:
    """The modality of a passage of a document of ``doc_type`` (and ``status``): the body of an
    enacted (or not yet known to be draft) regulation is a provision, whatever its wording
    ("perlu", "akan" in an article still bind); elsewhere :func:`text_modality`."""
    r = rules or load_rules()
    # in a regulation, a citation of another one is its legal basis, not what it provides; a
    # report or list naming a decree states that the decree exists (a fact)
    if doc_type in r.regulation_doc_types and "reference" in r.labels and is_reference(text, r):
        return "reference"
    if doc_type in r.regulation_doc_types and status != "draft" and section not in r.non_provision_sections:
        return "provision"
    return text_modality(text, r)


def satisfies(label: str, rules: ModalityRules | None = None) -> bool:
    return label in (rules or load_rules()).satisfies


def feeds_gaps(label: str, rules: ModalityRules | None = None) -> bool:
    return label in (rules or load_rules()).gap_feeders
