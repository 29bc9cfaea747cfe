"""Phrase matching over normalised text, shared by the classifier and the criterion checks.

A phrase matches on word boundaries, case- and accent-insensitively, with any run of
whitespace or hyphens between its words; a trailing ``*`` makes its last word a prefix
("integrasi*" matches "integrasinya", "terintegrasi" does not).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"[\s\u00a0]+")


def normalize(text: str) -> str:
    if text.isascii():  # nothing to decompose (most text): same result, much faster
        return _WS.sub(" ", text.lower()).strip()
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return _WS.sub(" ", t.lower()).strip()


@lru_cache(maxsize=20000)
def phrase_regex(phrase: str) -> re.Pattern:
    p = normalize(phrase)
    prefix = p.endswith("*")
    p = p.rstrip("*").strip()
    words = [re.escape(w) for w in re.split(r"[\s\-]+", p) if w]
    body = r"[\s\-]+".join(words)
    tail = r"\w*" if prefix else r"\b"
    return re.compile(r"(?<!\w)" + body + tail)


def find(phrase: str, normalized_text: str) -> re.Match | None:
    return phrase_regex(phrase).search(normalized_text)


def any_match(phrases, normalized_text: str) -> str | None:
    """The first phrase of ``phrases`` found in the text, or None."""
    for ph in phrases:
        if phrase_regex(ph).search(normalized_text):
            return ph
    return None


def count_matches(phrases, normalized_text: str) -> int:
    return sum(1 for ph in phrases if phrase_regex(ph).search(normalized_text))
