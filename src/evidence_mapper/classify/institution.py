"""The institution under assessment, and who issued a document.

A document counts only for the institution that issued it: a neighbour's Perbup, budget sheet,
plan, SOP or report is not this region's evidence, whatever its type. Two kinds of institution
are evaluated:

* ``daerah`` (Pemerintah Daerah: a province, regency or city). National regulations bind
  everyone and are nobody's internal policy; a ministry's decree is not the region's either.
* ``pusat`` (Instansi Pusat: a ministry, agency or institution). A ministry's own Keputusan or
  Peraturan Menteri about its internal SPBE (team, policy, architecture) is its evidence; a
  national regulation binding everyone is not, and nor is another ministry's decree.

:func:`own_internal` tells, from the metadata alone, whether a national-level document is an
institution's own internal instrument (a Keputusan Menteri/Kepala, or a regulation whose title
limits it to "di lingkungan Kementerian ..."). :func:`issuer_check` compares a document's
issuer with the institution; :func:`apply_institution` turns that into the classification's
decision and reasons, used by ``map`` for every scorer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..nlp.terms import normalize

KINDS = ("pusat", "daerah")

_DAERAH = re.compile(r"\b(?:kabupaten|kab\.?|kota|provinsi|prov\.?|pemerintah\s+daerah|pemda|pemkab|pemkot|pemprov)\b",
                     re.I)
_PUSAT = re.compile(r"^\s*(?:kementerian|kemen\w*|badan|lembaga|sekretariat\s+(?:jenderal|negara|kabinet)|kejaksaan|"
                    r"kepolisian|mahkamah|komisi|arsip\s+nasional|perpustakaan\s+nasional|ombudsman|"
                    r"dewan|majelis|bank\s+indonesia|pusat\s+pelaporan)\b", re.I)
# Words before a ministry's or agency's own name in an issuer line ("Menteri Kelautan dan
# Perikanan", "Kepala Badan Siber dan Sandi Negara") or an institution name ("Kementerian ...").
_LEAD = re.compile(r"^(?:pemerintah|kementerian|kementrian|menteri|kepala|sekretaris\s+jenderal|ketua)\s+")
_TAIL = re.compile(r"\s+(?:republik\s+indonesia|ri)$")
# A regulation whose scope is the issuing institution's own organisation.
_INTERNAL_SCOPE = re.compile(r"\bdi\s+lingkungan\s+(?:kementerian|badan|lembaga|sekretariat|kantor)\b|"
                             r"\b(?:internal|intern)\s+(?:kementerian|badan|lembaga)\b")

REASON_OTHER = "issued by another institution"
REASON_NATIONAL = "national regulation"


@dataclass(frozen=True)
class Institution:
    name: str | None = None
    kind: str | None = None  # "pusat" | "daerah" | None (unknown)

    @classmethod
    def of(cls, name: str | None, kind: str | None = None) -> "Institution":
        if kind is not None and kind not in KINDS:
            raise ValueError(f"institution type must be one of {', '.join(KINDS)}, not {kind!r}")
        return cls(name=name or None, kind=kind or infer_kind(name))


def infer_kind(name: str | None) -> str | None:
    """``daerah`` for a province/regency/city, ``pusat`` for a ministry, agency or institution."""
    if not name:
        return None
    if _DAERAH.search(name):
        return "daerah"
    if _PUSAT.search(name):
        return "pusat"
    return None


def name_key(name: str | None) -> str:
    """A comparable key for a region or institution: letters only, without the kind words
    ("Kabupaten", "Kota", "Provinsi", "Kementerian", "Menteri", "Kepala", "Pemerintah")."""
    n = normalize(name or "")
    n = re.sub(r"^(?:pemerintah\s+)?(?:kabupaten|kab\.?|kota|provinsi|prov\.?)\s+", "", n)
    for _ in range(2):
        n = _LEAD.sub("", n)
    n = _TAIL.sub("", n)
    return re.sub(r"[^a-z]", "", n)


def _region_kind(region: str | None) -> str:
    r = normalize(region or "")
    m = re.match(r"(?:pemerintah\s+)?(kabupaten|kab|kota|provinsi|prov)\b", r)
    return {"kab": "kabupaten", "prov": "provinsi"}.get(m.group(1), m.group(1)) if m else ""


def same_region(a: str | None, b: str | None) -> bool:
    """Kota Madiun and Kabupaten Madiun are two regions; "Kab. Demak" and "Kabupaten Demak" one."""
    if name_key(a) != name_key(b):
        return False
    ka, kb = _region_kind(a), _region_kind(b)
    return not ka or not kb or ka == kb


def own_internal(meta) -> bool:
    """A national-level document that is an institution's own internal instrument: a decree of
    a minister or agency head (Keputusan Menteri/Kepala), or a regulation limited to "di
    lingkungan Kementerian/Badan ..."."""
    if not meta.signals.get("national"):
        return False
    issuer = normalize(meta.issuer or "")
    if issuer.startswith("presiden"):
        return False
    title = normalize(meta.title or "")
    return meta.doc_type == "sk" or bool(_INTERNAL_SCOPE.search(title))


def issuer_check(meta, institution: Institution | None) -> str | None:
    """Why this document does not count for ``institution`` (None: it may)."""
    national = bool(meta.signals.get("national"))
    if institution is None or (institution.name is None and institution.kind is None):
        return None
    if national:
        if institution.kind == "daerah":
            return REASON_NATIONAL
        if institution.kind == "pusat" and institution.name:
            if not own_internal(meta):
                return REASON_NATIONAL
            k_doc, k_inst = name_key(meta.issuer), name_key(institution.name)
            if k_doc and k_inst and not (k_doc in k_inst or k_inst in k_doc):
                return REASON_OTHER
        return None
    if meta.region:
        if institution.kind == "pusat":
            return REASON_OTHER
        if institution.name and not same_region(meta.region, institution.name):
            return REASON_OTHER
    return None


def document_issuer(meta) -> str | None:
    """The issuing region or institution as shown to users."""
    if meta.region:
        return meta.region
    if meta.signals.get("national") and meta.issuer:
        return meta.issuer
    return None


def apply_institution(cls, meta, institution: Institution | None):
    """The classification as it counts for ``institution``: a document of another issuer is
    not evidence (reason added, scores kept for a reviewer who disagrees)."""
    why = issuer_check(meta, institution)
    if why is None:
        return cls
    if why == REASON_NATIONAL and not cls.is_evidence:
        return cls  # already not evidence, for the same reason or another
    reasons = list(cls.reasons)
    if why not in reasons:
        reasons.append(why)
    return replace(cls, is_evidence=False, evidence_score=min(cls.evidence_score, 0.2), reasons=reasons)


def issuers_summary(metas) -> dict[str, int]:
    """Documents per issuing region/institution (documents of unknown issuer are left out)."""
    out: dict[str, int] = {}
    keys: dict[str, str] = {}
    for m in metas:
        who = document_issuer(m)
        if not who:
            continue
        k = _region_kind(who) + ":" + name_key(who)
        shown = keys.setdefault(k, who)
        out[shown] = out.get(shown, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


__all__ = ["Institution", "infer_kind", "own_internal", "issuer_check", "apply_institution", "issuers_summary",
           "same_region", "document_issuer", "REASON_OTHER", "REASON_NATIONAL"]
