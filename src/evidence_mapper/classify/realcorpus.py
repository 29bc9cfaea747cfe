"""The real training corpus (``corpus/real/``): documents and passages read by people.

``documents.jsonl.gz``: one document a line, its extracted text (``pages`` or ``text``) and its
labels (``doc_type``, ``issuer``, ``issuer_kind``, ``year``, ``status``, ``spbe2020_indicators``,
``negative_kind``). ``passages.jsonl.gz``: passages of those documents with the criterion they
support (or none). Both are turned into the records the trainer reads for the synthetic corpus
(``pages``/``indicators``/``is_evidence``/``doc_type`` and ``text``/``labels``), with the issuer
as the group of grouped cross-validation.

The folder is found at ``--real-corpus``, else ``$EVIDENCE_MAPPER_REAL_CORPUS``, else
``corpus/real`` beside the synthetic corpus. When it is missing, training goes on with the
synthetic corpus alone and says so.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

N_INDICATORS = 47
# The corpus's document types -> the product's (types it does not name are left out of the
# doc-type model but still train the relevance model).
TYPE_MAP = {
    "perda": "perda", "perbup": "perbup", "perwali": "perwali", "pergub": "pergub", "sk": "sk", "se": "se",
    "sop": "sop", "rencana": "rencana", "topologi": "topologi", "laporan": "laporan", "anggaran": "anggaran",
    "berita": "berita", "lainnya": "lainnya", "keputusan": "sk", "kepmen": "sk", "kepkada": "sk",
    "surat_edaran": "se", "plan": "rencana", "report": "laporan", "budget": "anggaran", "news": "berita",
    "uu": "lainnya", "pp": "lainnya", "perpres": "lainnya", "permen": "lainnya", "peraturan_menteri": "lainnya",
    "perban": "lainnya", "inpres": "lainnya",
}


def find_real_corpus(explicit: str | Path | None = None, synthetic_root: str | Path = "corpus") -> Path | None:
    """The real corpus folder in use, or None."""
    for cand in (explicit, os.environ.get("EVIDENCE_MAPPER_REAL_CORPUS"), Path(synthetic_root) / "real"):
        if cand and (Path(cand) / "documents.jsonl.gz").exists():
            return Path(cand)
    return None


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def _indicators(raw) -> list[int]:
    if raw is None:
        return []
    if isinstance(raw, (int, str)):
        raw = [raw]
    out = set()
    for x in raw:
        m = re.search(r"\d+", str(x))
        if m and 1 <= int(m.group(0)) <= N_INDICATORS:
            out.add(int(m.group(0)))
    return sorted(out)


def _criterion_indicator(p: dict) -> list[int]:
    for k in ("indicator", "spbe2020_indicator", "indicators", "spbe2020_indicators"):
        if p.get(k) not in (None, "", []):
            return _indicators(p[k])
    crit = p.get("criterion")
    if crit in (None, "", "none", "-"):
        return []
    m = re.match(r"\D*(\d+)", str(crit))
    return [int(m.group(1))] if m and 1 <= int(m.group(1)) <= N_INDICATORS else []


def group_of(issuer: str | None) -> str:
    return "real:" + re.sub(r"[^a-z0-9]+", " ", (issuer or "unknown").lower()).strip()


def load_real(directory: Path) -> tuple[list[dict], list[dict]]:
    """(documents, passages) in the trainer's record format, each with ``group`` (issuer)."""
    docs, passages = [], []
    groups: dict[str, str] = {}
    for i, d in enumerate(_read(Path(directory) / "documents.jsonl.gz")):
        lab = d.get("labels") if isinstance(d.get("labels"), dict) else d  # labels nested or at the top
        pages = d.get("pages") if isinstance(d.get("pages"), list) else None
        if not pages:
            text = d.get("text") or ""
            pages = [t for t in text.split("\f")] if text else []
        if not any(p.strip() for p in pages):
            continue
        did = str(d.get("id") or d.get("doc_id") or d.get("sha256") or f"real{i:05d}")
        inds = _indicators(lab.get("spbe2020_indicators", lab.get("indicators")))
        g = group_of(lab.get("issuer"))
        groups[did] = g
        docs.append({"id": did, "pages": pages, "indicators": inds, "is_evidence": bool(inds),
                     "doc_type": TYPE_MAP.get(str(lab.get("doc_type") or "").lower()),
                     "kind": ("pos" if inds else "neg:" + str(lab.get("negative_kind") or "other")) + ":real",
                     "group": g, "issuer": lab.get("issuer"), "issuer_kind": lab.get("issuer_kind"), "real": True})
    for p in _read(Path(directory) / "passages.jsonl.gz"):
        text = p.get("text") or ""
        if not text.strip():
            continue
        if isinstance(p.get("labels"), dict):
            p = {**p, **p["labels"]}
        did = str(p.get("doc_id") or p.get("document") or p.get("id_doc") or "")
        passages.append({"text": text, "labels": _criterion_indicator(p), "kind": "real",
                         "group": groups.get(did, group_of(p.get("issuer"))), "doc_id": did})
    return docs, passages


__all__ = ["find_real_corpus", "load_real", "group_of"]
