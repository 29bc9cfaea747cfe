"""Near-duplicate documents: the same text under different bytes (a re-scan, a re-export, the
same regulation uploaded under several indicators and years). Documents whose normalized text
(letters and digits only, lower case) is identical form one group; reports show the group
once, with every path and every indicator it evidences, and count it once."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MIN_CHARS = 200  # shorter texts (a title page, an empty scan) are not grouped
_KEEP = re.compile(r"[^0-9a-z]+")


def normalized(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    return _KEEP.sub("", t)


def text_fingerprints(db, shas: list[str]) -> dict[str, str]:
    """sha256 of each document's normalized text (documents with too little text left out)."""
    out: dict[str, str] = {}
    for sha in shas:
        parts = [normalized(r["text"] or "") for r in
                 db.query("select text from pages where doc_sha256 = ? order by number", [sha])]
        body = "".join(parts)
        if len(body) >= MIN_CHARS:
            out[sha] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return out


def merge_near_duplicates(results: dict, fingerprints: dict[str, str]) -> dict:
    """One document per group in ``results`` (in place): the one with most evidence links
    keeps every path (``paths``), lists the others (``near_duplicates``) and every indicator
    the group evidences (``indicators``); a copy's link is dropped where the kept document
    already meets the same criterion. ``results["near_duplicates"]`` lists the groups."""
    groups: dict[str, list[str]] = {}
    for d in results["documents"]:
        fp = fingerprints.get(d["sha256"])
        if fp:
            groups.setdefault(fp, []).append(d["sha256"])
    groups = {fp: shas for fp, shas in groups.items() if len(shas) > 1}
    results["near_duplicates"] = []
    if not groups:
        return results
    nlinks: dict[str, int] = {}
    for ind in results["indicators"]:
        for c in ind["criteria"]:
            for lk in c["links"]:
                nlinks[lk["doc_sha256"]] = nlinks.get(lk["doc_sha256"], 0) + 1
    docs = {d["sha256"]: d for d in results["documents"]}
    keep_of: dict[str, str] = {}
    for shas in groups.values():
        keep = max(shas, key=lambda s: (nlinks.get(s, 0), bool(docs[s].get("title")), docs[s].get("is_evidence", False), s))
        for s in shas:
            if s != keep:
                keep_of[s] = keep
    for ind in results["indicators"]:
        met_by_kept = {(c["criterion_id"]) for c in ind["criteria"] for lk in c["links"] if lk["doc_sha256"] not in keep_of}
        for c in ind["criteria"]:
            c["links"] = [lk for lk in c["links"]
                          if not (lk["doc_sha256"] in keep_of and c["criterion_id"] in met_by_kept)]
        kept_ids = {id(lk) for c in ind["criteria"] for lk in c["links"]}
        ind["links"] = [lk for lk in ind["links"] if id(lk) in kept_ids]
    by_doc_ind: dict[str, set[int]] = {}
    for ind in results["indicators"]:
        for c in ind["criteria"]:
            for lk in c["links"]:
                by_doc_ind.setdefault(keep_of.get(lk["doc_sha256"], lk["doc_sha256"]), set()).add(ind["id"])
    for fp, shas in groups.items():
        keep = next(s for s in shas if s not in keep_of)
        others = sorted(s for s in shas if s != keep)
        d = docs[keep]
        d["paths"] = sorted({p for s in shas for p in docs[s].get("paths", [])})
        d["near_duplicates"] = others
        d["indicators"] = sorted(by_doc_ind.get(keep, set()))
        results["near_duplicates"].append({"document": keep, "duplicates": others, "paths": d["paths"],
                                           "indicators": d["indicators"]})
    results["documents"] = [d for d in results["documents"] if d["sha256"] not in keep_of]
    return results
