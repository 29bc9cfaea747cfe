"""The explanation chain per indicator, in the assessors' own format.

Fakta (what the documents say: document title/number, legal unit, page, quote) ->
Analisis (which criteria are met, which are not) -> Justifikasi (the level and why not the
next one). Bahasa Indonesia by default, English with ``lang="en"``.

:func:`narrate` is a pure function over one indicator dict of ``Workspace.results()``
(plus the results' documents keyed by sha256); :func:`annotate_criteria` adds each
criterion's ``evidence`` / ``check`` / ``text_en`` from the framework to such dicts.
"""

from __future__ import annotations

import re

from ..frameworks import Framework
from ..vocab import REGULATIONS
from ..i18n import labels as _labels

# document kinds as assessors name them: from the string catalogue (report/i18n.json)
DOC_TYPE_NAMES = {lang: _labels()[lang]["doc_type_names"] for lang in ("id", "en")}

TEXT = {
    "id": {
        "number": "Nomor", "year": "Tahun", "about": "tentang", "page": "hal.", "draft": "rancangan",
        "no_facts": "Tidak ditemukan bagian dokumen yang dapat dikaitkan dengan indikator ini.",
        "met": "Kriteria terpenuhi", "not_met": "Kriteria belum terpenuhi", "level": "Level",
        "supported_by": "didukung", "none_met": "Belum ada kriteria yang terpenuhi.",
        "just_level": "Diusulkan level {level} ({name}) karena seluruh kriteria level {lo}–{level} terpenuhi oleh bukti di atas.",
        "just_level1": "Diusulkan level 1 ({name}) karena kriteria level 1 terpenuhi oleh bukti di atas.",
        "just_top": "Level {level} adalah level tertinggi.",
        "just_not_next": "Belum level {next} ({next_name}) karena belum terpenuhi: {crit}.",
        "just_need": "Bukti yang diperlukan: {ev}.",
        "just_none": "Tidak diusulkan level: kriteria level 1 belum terpenuhi ({crit}). Dalam perkiraan indeks dihitung pada level {min}.",
        "baseline": "Level resmi terakhir ({year}): {level}.",
        "baseline_up": "naik {d} dari level resmi",
        "baseline_down": "turun {d} dari level resmi",
        "baseline_same": "sama dengan level resmi",
        "review": "Usulan mesin; asesor menerima, menolak atau mengubahnya.",
    },
    "en": {
        "number": "No.", "year": "of", "about": "on", "page": "p.", "draft": "draft",
        "no_facts": "No passage of the documents could be linked to this indicator.",
        "met": "Criteria met", "not_met": "Criteria not met", "level": "Level",
        "supported_by": "supported by", "none_met": "No criterion is met yet.",
        "just_level": "Level {level} ({name}) is proposed because every criterion of levels {lo}–{level} is met by the evidence above.",
        "just_level1": "Level 1 ({name}) is proposed because the level-1 criteria are met by the evidence above.",
        "just_top": "Level {level} is the highest level.",
        "just_not_next": "Not level {next} ({next_name}) because these are not met: {crit}.",
        "just_need": "Evidence needed: {ev}.",
        "just_none": "No level proposed: the level-1 criteria are not met ({crit}). The index estimate counts it at level {min}.",
        "baseline": "Last official level ({year}): {level}.",
        "baseline_up": "{d} above the official level",
        "baseline_down": "{d} below the official level",
        "baseline_same": "same as the official level",
        "review": "Machine proposal; the assessor accepts, rejects or changes it.",
    },
}


REGULATION_TYPES = set(REGULATIONS)
_SMALL = {"dan", "atau", "tentang", "di", "ke", "dari", "yang", "untuk", "pada", "dalam", "of", "and", "on", "the"}
_ACRONYMS = {"spbe", "tik", "sop", "sk", "se", "rpjmd", "opd", "jdih", "ttd", "dpa", "rka", "lppd"}


def _title_case(s: str) -> str:
    """'PENYELENGGARAAN SPBE DAN ...' -> 'Penyelenggaraan SPBE dan ...' (only for all-caps titles)."""
    if not s.isupper():
        return s
    words = []
    for n, w in enumerate(s.split()):
        lw = w.lower()
        core = lw.strip("(),.;:")
        if core in _ACRONYMS:
            words.append(w.upper())
        elif n and lw in _SMALL:
            words.append(lw)
        else:
            words.append(lw[:1].upper() + lw[1:] if not lw.startswith("(") else "(" + lw[1:2].upper() + lw[2:])
    return " ".join(words)


def cite_document(doc: dict | None, lang: str = "id", fallback: str | None = None) -> str:
    """How an assessor names a document: 'Peraturan Bupati Sukamaju Nomor 12 Tahun 2023
    tentang Penyelenggaraan ...' for regulations, the title (and year) for other documents."""
    t = TEXT[lang]
    if not doc:
        return fallback or "?"
    dtype = doc.get("doc_type") or "lainnya"
    title = _title_case((doc.get("title") or "").strip())
    number, year = doc.get("number"), doc.get("year")
    if dtype in REGULATION_TYPES or (number and not title):
        kind = DOC_TYPE_NAMES[lang].get(dtype, DOC_TYPE_NAMES[lang]["lainnya"])
        issuer = (doc.get("issuer") or "").strip()
        if lang == "id" and issuer and re.match(r"(Bupati|Wali ?kota|Gubernur)\b", issuer, re.I):
            place = re.sub(r"^(Bupati|Wali ?kota|Gubernur)\s*", "", issuer, flags=re.I)
            kind = {"perbup": "Peraturan Bupati", "perwali": "Peraturan Wali Kota", "pergub": "Peraturan Gubernur",
                    "sk": f"Keputusan {issuer.split()[0]}", "se": f"Surat Edaran {issuer.split()[0]}"}.get(dtype, kind)
            kind = f"{kind} {place}".strip()
        parts = [kind]
        if doc.get("status") == "draft":
            parts.append(f"({t['draft']})")
        if number:
            parts.append(f"{t['number']} {number}")
        if year and not (number and str(year) in str(number)):
            parts.append(f"{t['year']} {year}")
        if title:
            parts.append(f"{t['about']} {title}")
        return " ".join(parts)
    if title:
        out = title
        if doc.get("status") == "draft":
            out += f" ({t['draft']})"
        if number:
            out += f", {t['number']} {number}"
        if year and str(year) not in out:
            out += f" ({year})"
        return out
    path = (doc.get("paths") or [fallback or ""])[0] or fallback or "?"
    kind = DOC_TYPE_NAMES[lang].get(dtype, DOC_TYPE_NAMES[lang]["lainnya"])
    return f"{kind} {path.rsplit('/', 1)[-1]}" + (f" ({year})" if year else "")


def _legal_unit(lu: str | None) -> str | None:
    """The citable legal unit ('Pasal 2 ayat (1)', 'Lampiran'); the segmenter's section
    placeholders (``Batang_tubuh``) are not part of a citation."""
    if not lu:
        return None
    lu = re.sub(r"^(Batang_tubuh|Batang tubuh|Body)\b\s*", "", lu).strip()
    return lu or None


def _crit_text(c: dict, lang: str) -> str:
    return (c.get("text_en") or c["text"]) if lang == "en" else c["text"]


def _short(q: str, n: int = 220) -> str:
    q = " ".join((q or "").split())
    return q if len(q) <= n else q[: n - 1].rsplit(" ", 1)[0] + "…"


def narrate(ind: dict, documents: dict[str, dict] | None = None, lang: str = "id",
            scale_min: int = 1, scale_max: int = 5, baseline_level: int | None = None,
            baseline_year: int | None = None) -> dict:
    """Fakta -> Analisis -> Justifikasi for one indicator of ``Workspace.results()``.

    Returns ``{"lang", "fakta": [{"document", "doc_sha256", "legal_unit", "page", "quote",
    "criteria"}], "analisis": {"met": [...], "not_met": [...]}, "justifikasi": str,
    "text": str}`` (``text`` is the three parts as one plain paragraph block).
    """
    if lang not in TEXT:
        raise ValueError(f"unknown language {lang!r} (use id or en)")
    t = TEXT[lang]
    documents = documents or {}
    level = ind.get("level")
    crits = ind.get("criteria", [])
    # Fakta: every distinct passage linked to a met criterion up to the proposed level (or,
    # without a level, to any met criterion), in document then page order; a level credited
    # from criteria met above unmet ones (a contradiction) rests on those criteria's passages.
    upto = level if level else scale_max
    credited_from = set(((ind.get("detail") or {}).get("contradiction") or {}).get("met_above") or [])
    facts: dict[tuple, dict] = {}
    for c in crits:
        if c["state"] != "met" or (c["level"] > upto and c["criterion_id"] not in credited_from):
            continue
        for lk in c.get("links", []):
            key = (lk["doc_sha256"], lk["page"], lk["char_start"])
            f = facts.get(key)
            if f is None:
                doc = documents.get(lk["doc_sha256"])
                f = facts[key] = {
                    "document": cite_document(doc, lang, lk.get("doc_title") or lk.get("doc_path")),
                    "doc_sha256": lk["doc_sha256"], "path": lk.get("doc_path"),
                    "legal_unit": _legal_unit(lk.get("legal_unit")),
                    "page": lk["page"], "char_start": lk["char_start"], "char_end": lk["char_end"],
                    "quote": _short(lk.get("quote", "")), "criteria": [],
                }
            if c["criterion_id"] not in f["criteria"]:
                f["criteria"].append(c["criterion_id"])
    fakta = sorted(facts.values(), key=lambda f: (f["document"], f["page"], f["char_start"]))

    met = [{"criterion_id": c["criterion_id"], "level": c["level"], "text": _crit_text(c, lang)}
           for c in crits if c["state"] == "met"]
    not_met = [{"criterion_id": c["criterion_id"], "level": c["level"], "text": _crit_text(c, lang),
                "evidence": c.get("evidence")}
               for c in crits if c["state"] != "met"]

    # Justifikasi: the level, and why not the next one.
    lname = ind.get("level_name") or ""
    if level:
        j = [t["just_level1"].format(name=lname) if level == scale_min
             else t["just_level"].format(level=level, name=lname, lo=scale_min)]
        nxt = level + 1
        if nxt > scale_max:
            j.append(t["just_top"].format(level=level))
        else:
            miss = [c for c in not_met if c["level"] == nxt]
            if miss:
                j.append(t["just_not_next"].format(next=nxt, next_name=ind.get("next_level_name") or nxt,
                                                  crit="; ".join(f"[{c['criterion_id']}] {c['text']}" for c in miss)))
                ev = [c["evidence"] for c in miss if c.get("evidence")]
                if ev:
                    j.append(t["just_need"].format(ev="; ".join(dict.fromkeys(ev))))
    else:
        miss = [c for c in not_met if c["level"] == scale_min]
        j = [t["just_none"].format(crit="; ".join(f"[{c['criterion_id']}] {c['text']}" for c in miss) or "-",
                                   min=scale_min)]
        ev = [c["evidence"] for c in miss if c.get("evidence")]
        if ev:
            j.append(t["just_need"].format(ev="; ".join(dict.fromkeys(ev))))
    if baseline_level is not None:
        s = t["baseline"].format(year=baseline_year or "-", level=baseline_level)
        if level:
            d = level - baseline_level
            rel = t["baseline_up"] if d > 0 else t["baseline_down"] if d < 0 else t["baseline_same"]
            s = s[:-1] + f" ({rel.format(d=abs(d))})."
        j.append(s)
    contra = (ind.get("detail") or {}).get("contradiction")
    if contra:
        above, below = ", ".join(contra.get("met_above", [])), ", ".join(contra.get("unmet_below", []))
        j.append(f"Contradiction: criteria {above} are met while {below} below them are not; level "
                 f"{contra.get('credited_level')} is credited with high uncertainty." if lang == "en" else
                 f"Kontradiksi: kriteria {above} terpenuhi sedangkan {below} di bawahnya belum; tingkat "
                 f"{contra.get('credited_level')} diusulkan dengan ketidakpastian tinggi.")
    j.append(t["review"])
    justifikasi = " ".join(j)

    lines = ["Fakta:"]
    if fakta:
        for f in fakta:
            where = ", ".join(x for x in (f["legal_unit"], f"{t['page']} {f['page']}") if x)
            lines.append(f"- {f['document']}, {where}: \"{f['quote']}\" [{', '.join(f['criteria'])}]")
    else:
        lines.append(f"- {t['no_facts']}")
    lines.append("Analisis:")
    if met:
        lines.append(f"- {t['met']}: " + "; ".join(f"[{c['criterion_id']}] {c['text']}" for c in met))
    else:
        lines.append(f"- {t['none_met']}")
    if not_met:
        lines.append(f"- {t['not_met']}: " + "; ".join(f"[{c['criterion_id']}] {c['text']}" for c in not_met))
    lines.append("Justifikasi:")
    lines.append(f"- {justifikasi}")
    return {"lang": lang, "fakta": fakta, "analisis": {"met": met, "not_met": not_met},
            "justifikasi": justifikasi, "text": "\n".join(lines)}


def annotate_criteria(indicators: list[dict], fw: Framework) -> None:
    """Add ``evidence``, ``text_en`` and ``check`` of each criterion (from ``fw``) and the next
    level's name to the indicator dicts, in place."""
    for ind in indicators:
        fi = fw.indicator(ind["id"])
        by_id = {c.id: c for lv in fi.levels.values() for c in lv.criteria}
        for c in ind.get("criteria", []):
            fc = by_id.get(c["criterion_id"])
            if fc is not None:
                c.setdefault("evidence", fc.evidence)
                c.setdefault("text_en", fc.text_en)
                c.setdefault("check", dict(fc.check))
        nxt = ind.get("next_level")
        ind.setdefault("next_level_name", fi.level_name(nxt) if nxt else None)
        ind.setdefault("name_en", fi.name_en)
