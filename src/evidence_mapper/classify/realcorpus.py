"""The real training corpus (``corpus/real/``): documents and passages read by people.

``documents.jsonl.gz``: one document a line, its extracted text (``pages`` or ``text``) and its
labels (``doc_type``, ``issuer``, ``issuer_kind``, ``year``, ``status``, ``spbe2020_indicators``,
``negative_kind``). ``passages.jsonl.gz``: passages of those documents with the criterion they
support (or none). Both are turned into the records the trainer reads for the synthetic corpus
(``pages``/``indicators``/``is_evidence``/``doc_type`` and ``text``/``labels``), with the issuer
as the group of grouped cross-validation.

``readings/*.jsonl``: careful per-passage readings, one JSON per passage
(``id, doc_id, text_sha256, criterion, also, indicator, modality, note, reader``). A reading
applies to the passage of that ``id`` only when ``text_sha256`` is the sha256 of that passage's
text (UTF-8); otherwise it is reported and ignored. A read passage takes the reading's criterion,
indicator and modality and is marked ``read``. Files are read in name order; a later reading of
the same passage replaces an earlier one.

The folder is found at ``--real-corpus``, else ``$EVIDENCE_MAPPER_REAL_CORPUS``, else
``corpus/real`` beside the synthetic corpus. When it is missing, training goes on with the
synthetic corpus alone and says so.
"""

from __future__ import annotations

import gzip
import hashlib
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


READINGS_DIR = "readings"
_CRITERION_ID = re.compile(r"^(\d+)-\d+-[a-z]+$")


def read_readings(directory: Path) -> tuple[list[dict], list[str]]:
    """Every reading under ``directory/readings`` (name order), and the lines that could not be read."""
    rows, problems = [], []
    for path in sorted((Path(directory) / READINGS_DIR).glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                if not isinstance(r, dict) or not r.get("id"):
                    raise ValueError("no passage id")
            except ValueError as e:
                problems.append(f"{path.name}:{n}: unreadable reading ({e})")
                continue
            rows.append({**r, "_where": f"{path.name}:{n}"})
    return rows, problems


def _criterion_of(c) -> str | None:
    return None if c in (None, "", "none", "-") else str(c)


def apply_readings(passages: list[dict], readings: list[dict],
                   known: set[str] | None = None) -> tuple[list[dict], dict]:
    """The passages (raw ``passages.jsonl.gz`` records) with the readings applied, and a report:
    how many readings were applied, and one line per reading that was not (its passage id is
    unknown, or its ``text_sha256``/``doc_id`` is not that passage's)."""
    by_id = {str(p.get("id")): i for i, p in enumerate(passages)}
    out = list(passages)
    report = {"readings": len(readings), "applied": 0, "replaced": 0, "mismatches": [], "warnings": []}
    done: set[str] = set()
    for r in readings:
        pid, where = str(r["id"]), r.get("_where", "")
        i = by_id.get(pid)
        if i is None:
            report["mismatches"].append(f"{where}: {pid}: no passage with this id")
            continue
        p = passages[i]
        sha = hashlib.sha256((p.get("text") or "").encode("utf-8")).hexdigest()
        if str(r.get("text_sha256") or "").lower() != sha:
            report["mismatches"].append(f"{where}: {pid}: text_sha256 is not that of the passage's text")
            continue
        if r.get("doc_id") not in (None, "") and str(r["doc_id"]) != str(p.get("doc_id")):
            report["mismatches"].append(f"{where}: {pid}: doc_id {r['doc_id']} is not the passage's ({p.get('doc_id')})")
            continue
        crit = _criterion_of(r.get("criterion"))
        also = sorted({str(a) for a in (r.get("also") or []) if _criterion_of(a) and str(a) != crit})
        bad = [c for c in [crit, *also] if c and (not _CRITERION_ID.match(c) or (known is not None and c not in known))]
        if bad:
            report["mismatches"].append(f"{where}: {pid}: not an SPBE 2020 criterion id: {', '.join(bad)}")
            continue
        ind = r.get("indicator")
        ind = int(_indicators(ind)[0]) if _indicators(ind) else None
        if crit:
            ci = int(_CRITERION_ID.match(crit).group(1))
            if ind is not None and ind != ci:
                report["warnings"].append(f"{where}: {pid}: indicator {ind} is not that of criterion {crit}; "
                                          "the criterion's is kept")
            ind = ci
        rec = {**p, "criterion": crit, "indicator": ind, "also": also, "read": True}
        if r.get("modality"):
            rec["modality"] = r["modality"]
        if r.get("reader"):
            rec["reader"] = r["reader"]
        out[i] = rec
        report["replaced"] += pid in done
        report["applied"] += pid not in done
        done.add(pid)
    return out, report


def read_passages(directory: Path, log=None) -> tuple[list[dict], dict]:
    """``passages.jsonl.gz`` with ``readings/`` applied (see :func:`apply_readings`). The report
    also lists unreadable reading lines; ``log`` (if given) gets one line per problem."""
    raw = _read(Path(directory) / "passages.jsonl.gz")
    readings, problems = read_readings(directory)
    known = None
    if readings:
        from ..frameworks import load_framework
        known = {c.id for i in load_framework("spbe-2020").indicators for lv in i.levels.values() for c in lv.criteria}
    out, report = apply_readings(raw, readings, known)
    report["mismatches"] = problems + report["mismatches"]
    if log is not None:
        for line in report["mismatches"]:
            log(f"reading ignored: {line}")
        for line in report["warnings"]:
            log(f"reading: {line}")
    return out, report


def group_of(issuer: str | None) -> str:
    return "real:" + re.sub(r"[^a-z0-9]+", " ", (issuer or "unknown").lower()).strip()


def _read_labels(p: dict) -> list[int]:
    """Indicators of a read passage: its criterion's, its reading's, and those of its other criteria."""
    out = set(_indicators(p.get("indicator")))
    for c in [p.get("criterion"), *(p.get("also") or [])]:
        m = _CRITERION_ID.match(str(c or ""))
        if m and 1 <= int(m.group(1)) <= N_INDICATORS:
            out.add(int(m.group(1)))
    return sorted(out)


def load_real(directory: Path, log=None) -> tuple[list[dict], list[dict]]:
    """(documents, passages) in the trainer's record format, each with ``group`` (issuer); the
    readings (``readings/``) applied to the passages."""
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
    for p in read_passages(Path(directory), log=log)[0]:
        text = p.get("text") or ""
        if not text.strip():
            continue
        if isinstance(p.get("labels"), dict):
            p = {**p, **p["labels"]}
        did = str(p.get("doc_id") or p.get("document") or p.get("id_doc") or "")
        rec = {"text": text, "labels": _read_labels(p) if p.get("read") else _criterion_indicator(p), "kind": "real",
               "group": groups.get(did, group_of(p.get("issuer"))), "doc_id": did}
        if p.get("read"):  # only read passages carry these keys (the corpus digest of unread ones is unchanged)
            rec.update(read=True, criterion=p.get("criterion"), also=list(p.get("also") or []))
        passages.append(rec)
    return docs, passages


__all__ = ["find_real_corpus", "load_real", "group_of", "read_passages", "apply_readings", "read_readings"]
