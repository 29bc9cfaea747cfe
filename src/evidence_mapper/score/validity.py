"""Is a document valid evidence for this submission? Checked, not assumed.

Per document, before any criterion looks at it:

* **issuer**: a regional regulation or decree must come from the region under assessment
  (a neighbour's Perbup is not this region's policy);
* **period**: a document dated after the assessment year cannot count for it;
* **superseded**: a regulation revoked ("mencabut ... dinyatakan tidak berlaku") or replaced by
  a newer one in the same submission does not count; an amended one still does, and the
  amendment is itself evidence that the policy was reviewed;
* **draft**: handled per level by the framework's ``draft_max_level`` rule;
* **strength** of the instrument (Perda > Perkada > SK > SE > SOP), from the framework's
  ``instrument_strength`` rule, orders the evidence and is reported.

The rules' parameters are data in the framework file (``rules``); this module applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..frameworks import Framework
from ..types import DocMeta

KIND_WORDS = {
    "perda": r"peraturan\s+daerah",
    "perbup": r"peraturan\s+bupati",
    "perwali": r"peraturan\s+wali\s*kota|peraturan\s+walikota",
    "pergub": r"peraturan\s+gubernur",
    "sk": r"keputusan\s+(?:bupati|wali\s*kota|walikota|gubernur|sekretaris\s+daerah|kepala)",
}
_REF = r"(?P<kind>{kinds})\s+(?:[\w .]{{0,40}}?\s)?nomor\s+(?P<number>[\w./-]+)\s+tahun\s+(?P<year>\d{{4}})"
REF_RX = re.compile(_REF.format(kinds="|".join(f"(?:{v})" for v in KIND_WORDS.values())), re.I)
REVOKE_RX = re.compile(r"(?:mencabut|dicabut|tidak\s+berlaku\s+lagi|dinyatakan\s+tidak\s+berlaku)", re.I)
AMEND_RX = re.compile(r"perubahan\s+(?:kedua\s+|ketiga\s+)?atas", re.I)


def _kind_of(phrase: str) -> str | None:
    for k, rx in KIND_WORDS.items():
        if re.match(rx, phrase, re.I):
            return k
    return None


def _num(n: str) -> str:
    return n.strip(" .").lower()


@dataclass
class RegRef:
    kind: str
    number: str
    year: int

    def matches(self, meta: DocMeta) -> bool:
        return (meta.doc_type == self.kind and meta.year == self.year and meta.number is not None
                and _num(meta.number) == self.number)


@dataclass
class Relations:
    """What a document says about other regulations."""

    revokes: list[RegRef] = field(default_factory=list)
    amends: list[RegRef] = field(default_factory=list)


def relations(texts: list[str]) -> Relations:
    """Regulations a document revokes or amends, read from its title and closing articles."""
    rel = Relations()
    for t in texts:
        flat = " ".join(t.split())
        for m in REF_RX.finditer(flat):
            kind = _kind_of(m.group("kind"))
            if not kind:
                continue
            ref = RegRef(kind=kind, number=_num(m.group("number")), year=int(m.group("year")))
            before = flat[max(0, m.start() - 80): m.start()]
            after = flat[m.end(): m.end() + 120]
            if AMEND_RX.search(before[-40:]):
                rel.amends.append(ref)
            elif REVOKE_RX.search(before) or REVOKE_RX.search(after[:100]):
                rel.revokes.append(ref)
    return rel


def _place(region: str | None) -> str:
    r = (region or "").lower()
    r = re.sub(r"^(pemerintah\s+)?(kabupaten|kab\.?|kota|provinsi|prov\.?)\s+", "", r)
    return re.sub(r"[^a-z]", "", r)


@dataclass
class Validity:
    ok: bool
    reasons: list[str]  # why it does not count (Indonesian, for the report)
    strength: int
    amended_by: list[str] = field(default_factory=list)
    superseded_by: str | None = None


def assess(fw: Framework, docs: list, region: str | None, year: int | None) -> dict[str, Validity]:
    """Validity of every document (``docs``: objects with ``sha256``, ``meta``, ``passages``)."""
    strength = fw.rule("instrument_strength", {})
    reg_types = set(fw.rule("superseded_doc_types", []))
    rels = {}
    for d in docs:
        head = [d.meta.title or ""] + [p.text for p in d.passages]
        rels[d.sha256] = relations(head)
    out: dict[str, Validity] = {}
    for d in docs:
        m = d.meta
        reasons: list[str] = []
        superseded_by = None
        amended_by = []
        if fw.rule("check_issuer_region") and region and m.region and m.doc_type in reg_types:
            if _place(m.region) and _place(region) and _place(m.region) != _place(region):
                reasons.append(f"diterbitkan oleh {m.region}, bukan {region}")
        if fw.rule("check_period") and year and m.year and m.year > year:
            reasons.append(f"bertanggal {m.year}, sesudah periode penilaian {year}")
        if m.doc_type in reg_types:
            for other in docs:
                if other.sha256 == d.sha256:
                    continue
                r = rels[other.sha256]
                label = other.meta.title or other.path
                if any(ref.matches(m) for ref in r.revokes):
                    superseded_by = label
                    reasons.append(f"dicabut oleh {label}")
                elif any(ref.matches(m) for ref in r.amends):
                    amended_by.append(label)
        out[d.sha256] = Validity(ok=not reasons, reasons=reasons, strength=int(strength.get(m.doc_type, 0)),
                                 amended_by=amended_by, superseded_by=superseded_by)
    return out
