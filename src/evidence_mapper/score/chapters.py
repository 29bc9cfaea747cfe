"""Regulations read chapter by chapter, as an assessor reads an umbrella regulation.

A Perkada on SPBE (or e-government) regulates many topics, one chapter (Bab) or a few articles
each: "BAB V PUSAT DATA", "BAB VII RENCANA INDUK". Such a chapter is the policy of its topic
even when the classifier, which scores the whole document, put the document under another
indicator. A regulation regulates an indicator's topic when

* its title names the topic (a decree "tentang Penetapan Sistem Informasi Manajemen
  Kepegawaian" regulates the staffing-system policy as a whole), or
* a chapter heading names it, or
* the topic is named in at least ``MIN_ARTICLES`` passages of one chapter (articles about it).

The chapter of general provisions (definitions: "Ketentuan Umum") and the preamble
(menimbang, mengingat) regulate nothing by naming a topic. The topic of a policy indicator is
its level-1 criterion's phrases (data in the framework).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..frameworks import Indicator
from ..nlp.terms import normalize, phrase_regex

BAB_RX = re.compile(r"\bBAB\s+([IVXLC]{1,6}|\d{1,2})\b[\s.:]*(.{0,160})", re.S)
HEAD_END = re.compile(r"\s(?:Pasal|Bagian|Paragraf)\s|\s[a-z]")
GENERAL = ("ketentuan umum", "ketentuan penutup", "ketentuan peralihan", "ketentuan lain")
PREAMBLE = {"menimbang", "mengingat"}
MIN_ARTICLES = 2


@dataclass
class Chapter:
    heading: str  # normalised, "" before the first Bab
    passages: list = field(default_factory=list)

    @property
    def general(self) -> bool:
        return any(g in self.heading for g in GENERAL)


def chapters(passages: list) -> list[Chapter]:
    """The document's passages grouped by chapter (Bab), in order."""
    out = [Chapter(heading="")]
    for p in passages:
        m = BAB_RX.search(p.text)
        if m and (m.start() == 0 or p.text[: m.start()].strip() == "" or m.start() < 40):
            rest = m.group(2)
            e = HEAD_END.search(" " + rest)
            head = rest[: e.start()] if e else rest[:80]
            out.append(Chapter(heading=normalize(head)))
        out[-1].passages.append(p)
    return [c for c in out if c.passages]


def topic_terms(ind: Indicator) -> list[str]:
    lv = ind.levels.get(min(ind.levels))
    terms: list[str] = []
    for c in lv.criteria if lv else ():
        chk = c.check
        terms += list(chk.get("terms_any", []))
        if chk.get("terms_all"):
            terms += list(chk["terms_all"][0])
    return list(dict.fromkeys(terms))


def _named(terms: list[str], text: str) -> bool:
    return any(phrase_regex(t).search(text) for t in terms)


def regulated_passages(doc, ind: Indicator) -> tuple[list, str] | None:
    """The passages of ``doc`` (a regulation) that regulate ``ind``'s topic and why
    (``title``, ``chapter: <heading>``, ``articles: <heading>``); None when it does not."""
    terms = topic_terms(ind)
    if not terms:
        return None
    body = [p for p in doc.passages if (p.section or "") not in PREAMBLE]
    if doc.meta.title and _named(terms, normalize(doc.meta.title)):
        return body, "title"
    found, why = [], []
    for ch in chapters(body):
        if ch.general or not ch.heading:
            continue
        if _named(terms, ch.heading):
            found += ch.passages
            why.append(f"chapter: {ch.heading}")
        elif sum(1 for p in ch.passages if _named(terms, doc.norm(p))) >= MIN_ARTICLES:
            found += ch.passages
            why.append(f"articles: {ch.heading}")
    return (found, "; ".join(why)) if found else None
