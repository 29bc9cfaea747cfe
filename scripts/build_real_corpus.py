#!/usr/bin/env python3
"""Rebuild corpus/real/documents.jsonl.gz from the collected public sources.

Each row of corpus/real/sources.csv names one public document (repository + commit + path,
or an address), the sha256 of its original bytes, how its text is read and the labels given
to it by reading it. When a mirror of the repository is present (a bare git directory under
--mirrors, named ``owner+name/repo``), the original bytes are read back from the named
commit, their sha256 is checked against the manifest and the text is extracted again.
When it is absent, the text already stored in documents.jsonl.gz for that id is kept.

    python scripts/build_real_corpus.py                 # rebuild, then print the counts
    python scripts/build_real_corpus.py --stats         # counts from the jsonl only
    python scripts/build_real_corpus.py --check-only    # verify sha256 of mirrored sources

Text extraction: ``pdftotext -layout`` (poppler) for PDFs with a text layer; ``ocr`` rows were
read with ``tesseract -l ind`` page by page (150 dpi, grey); ``ocr-first2`` rows are the OCR of
the first two pages only (long scanned regulations: title, Menimbang, first articles); spreadsheets through openpyxl (one
line per row, cells joined by " | "); docx/pptx from their XML; markdown/text as UTF-8.
Texts are cut at MAX_CHARS characters. ``page-excerpt`` rows are texts read from a public web page
(a JDIH or document-sharing page that shows the regulation's text); the text itself is kept in
corpus/real/excerpts.jsonl (the page is the source: no original bytes exist here) and its sha256
is the sha256 of that UTF-8 text.

    python scripts/build_real_corpus.py --add-excerpts FILE.json   # add read and labelled page texts

Readings: corpus/real/readings/*.jsonl hold careful per-passage readings (one JSON per passage:
id, doc_id, text_sha256, criterion, also, indicator, modality, note, reader). They are applied
where the corpus is loaded (src/evidence_mapper/classify/realcorpus.py): a reading counts only
when its id and text_sha256 match a passage (else it is reported and ignored); the passage then
takes the reading's criterion, indicator and modality and is marked "read". ``--stats`` prints how
many passages and documents are read and the criterion counts among the read passages.
"""
from __future__ import annotations

import argparse
import collections
import csv
import glob
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT / "corpus" / "real"
SOURCES = CORPUS / "sources.csv"
DOCUMENTS = CORPUS / "documents.jsonl.gz"
PASSAGES = CORPUS / "passages.jsonl.gz"
EXCERPTS = CORPUS / "excerpts.jsonl"  # texts read from public web pages (extract: page-excerpt)
READINGS = CORPUS / "readings"  # criterion readings of passages, one JSON per passage (*.jsonl)
SHARED = ROOT.parent / "shared"
MAX_CHARS = 60_000

DOC_TYPES = ("perda", "perbup", "perwali", "pergub", "sk", "se", "sop", "rencana", "topologi",
             "laporan", "anggaran", "berita", "lainnya")
ISSUER_KINDS = ("kabupaten", "kota", "provinsi", "pusat", "nasional")
STATUSES = ("enacted", "draft", "unknown")
MODALITIES = ("fact", "provision", "recommendation", "plan", "absence")
LABEL_FIELDS = ("doc_type", "issuer", "issuer_kind", "year", "status", "spbe2020_indicators",
                "pemdi2026_indicators", "negative_kind", "label_basis")


def split_list(value: str) -> list:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def row_labels(row: dict) -> dict:
    year = row.get("year", "").strip()
    return {
        "title": row.get("title", ""),
        "doc_type": row["doc_type"],
        "issuer": row["issuer"],
        "issuer_kind": row["issuer_kind"],
        "year": int(year) if year.isdigit() else None,
        "status": row["status"],
        "spbe2020_indicators": [int(v) for v in split_list(row.get("spbe2020_indicators", ""))],
        "pemdi2026_indicators": split_list(row.get("pemdi2026_indicators", "")),
        "negative_kind": row.get("negative_kind", "") or None,
        "label_basis": row["label_basis"],
    }


def mirror_dir(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+", 1) / "repo"


def read_source(mirrors: Path, row: dict) -> bytes | None:
    if not row.get("repo"):
        return None
    gitdir = mirror_dir(mirrors, row["repo"])
    if not gitdir.exists():
        return None
    try:
        return subprocess.run(["git", "-C", str(gitdir), "show", f"{row['commit']}:{row['path']}"],
                              capture_output=True, check=True, timeout=120).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None


def _xml_text(zf: zipfile.ZipFile, prefixes: tuple) -> str:
    parts = []
    names = sorted(n for n in zf.namelist() if n.startswith(prefixes) and n.endswith(".xml"))
    for name in sorted(names, key=lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)]):
        xml = zf.read(name).decode("utf8", "ignore")
        xml = re.sub(r"</a:p>|</w:p>", "\n", xml)
        parts.append(re.sub(r"<[^>]+>", "", xml))
    return "\n".join(parts)


def extract_text(data: bytes, method: str, suffix: str) -> tuple[str, int | None]:
    """Return (text, pages) for the original bytes, read the way the manifest says."""
    if method in ("markdown", "text"):
        return data.decode("utf8", "ignore"), None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(data)
        if method == "pdftotext":
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
            pages = next((int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:")), None)
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                  text=True, timeout=300).stdout
            return text, pages
        if method in ("ocr", "ocr-first2"):
            first = ["-l", "2"] if method == "ocr-first2" else []
            subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", *first, str(path), f"{tmp}/pg"], check=False)
            pages = sorted(glob.glob(f"{tmp}/pg*.png"))
            texts = [subprocess.run(["tesseract", p, "-", "-l", "ind", "--psm", "3"], capture_output=True,
                                    text=True).stdout for p in pages]
            return "\f".join(texts), len(pages)
        if method == "xlsx":
            import openpyxl
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            lines = []
            for ws in wb.worksheets:
                lines.append(f"## {ws.title}")
                for r in ws.iter_rows(values_only=True):
                    vals = [str(v) for v in r if v is not None]
                    if vals:
                        lines.append(" | ".join(vals))
            return "\n".join(lines), len(wb.worksheets)
        if method in ("docx", "pptx"):
            zf = zipfile.ZipFile(io.BytesIO(data))
            prefixes = ("word/document",) if method == "docx" else ("ppt/slides/slide",)
            text = _xml_text(zf, prefixes)
            return text, (sum(1 for n in zf.namelist() if n.startswith("ppt/slides/slide")) or None)
    raise ValueError(f"unknown extraction method {method!r}")


def clean(text: str) -> str:
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text.strip()[:MAX_CHARS]


def load_manifest(path: Path = SOURCES) -> list[dict]:
    with path.open(newline="", encoding="utf8") as fh:
        return list(csv.DictReader(fh))


def load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl_atomic(path: Path, records: list[dict]) -> None:
    """Write to a temporary file beside the target, then rename, so readers never see half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            for rec in records:
                gz.write((json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n").encode("utf8"))
    os.replace(tmp, path)


def build(mirrors: Path, date_read: str, check_only: bool = False, ocr_cache: Path | None = None) -> int:
    rows = load_manifest()
    old = {d["id"]: d for d in load_jsonl(DOCUMENTS)}
    out, missing, bad = [], [], []
    excerpts = {e["id"]: e for e in load_excerpts(EXCERPTS)}
    for row in rows:
        data = read_source(mirrors, row)
        rec = old.get(row["id"])
        if row["extract"] == "page-excerpt":
            ex = excerpts.get(row["id"])
            if ex is None:
                missing.append(row["id"])
                continue
            digest = hashlib.sha256(ex["text"].encode("utf8")).hexdigest()
            if digest != row["sha256"]:
                bad.append(f"{row['id']}: sha256 {digest} != manifest {row['sha256']}")
                continue
            rec = {"id": row["id"], "text": ex["text"], "pages": ex["text"].count("\f") + 1, "sha256": digest,
                   "date_read": ex["date_read"]}
            data = None
        elif data is not None:
            digest = hashlib.sha256(data).hexdigest()
            if digest != row["sha256"]:
                bad.append(f"{row['id']}: sha256 {digest} != manifest {row['sha256']}")
                continue
            if check_only:
                continue
            suffix = "ocr2" if row["extract"] == "ocr-first2" else "ocr"
            cached = sorted(glob.glob(str(ocr_cache / f"{digest}*.{suffix}.txt"))) if ocr_cache else []
            is_ocr = row["extract"] in ("ocr", "ocr-first2")
            if is_ocr and rec is not None and rec.get("sha256") == digest:
                text, pages = rec["text"], rec.get("pages")   # OCR is slow: keep the stored reading
            elif is_ocr and cached:
                raw = Path(cached[0]).read_text(encoding="utf8")
                text, pages = clean(raw), raw.count("\f") + 1
            else:
                text, pages = extract_text(data, row["extract"], Path(row["path"]).suffix.lower())
                text = clean(text)
            rec = {"id": row["id"], "text": text, "pages": pages, "sha256": digest,
                   "date_read": (rec or {}).get("date_read") or date_read}
        elif rec is None:
            missing.append(row["id"])
            continue
        if check_only:
            continue
        rec["provenance"] = ({"repo": row["repo"], "commit": row["commit"], "path": row["path"]}
                             if row.get("repo") else {"url": row.get("url")})
        rec["extract"] = row["extract"]
        rec["labels"] = row_labels(row)
        out.append(rec)
    for line in bad:
        print("sha256 mismatch:", line, file=sys.stderr)
    if missing:
        print(f"{len(missing)} sources neither mirrored nor stored: {', '.join(missing[:10])}", file=sys.stderr)
    if check_only:
        print(f"checked {len(rows) - len(missing)} sources, {len(bad)} mismatches")
        return 1 if bad else 0
    write_jsonl_atomic(DOCUMENTS, out)
    print(f"wrote {len(out)} documents to {DOCUMENTS.relative_to(ROOT)}")
    return 1 if bad else 0


def load_excerpts(path: Path = EXCERPTS) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def norm_title(title: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (title or "").lower()).strip()


_KINDS = (("perbup", r"peraturan bupati|perbup"), ("perwali", r"peraturan wali ?kota|perwal"),
          ("pergub", r"peraturan gubernur|pergub"), ("perda", r"peraturan daerah|perda"),
          ("permen", r"peraturan menteri|permen"), ("perpres", r"peraturan presiden|perpres"),
          ("pp", r"peraturan pemerintah"), ("uu", r"undang undang"), ("perban", r"peraturan (badan|kepala|lembaga)"),
          ("kep", r"keputusan|kepmen|sk "))
_NUMYEAR = re.compile(r"nomor\s+([0-9a-z]+(?: [a-z]+)?)\s+tahun\s+(\d{4})")


def regulation_key(title: str | None) -> str | None:
    """kind + number + year read from a title ("perbup 13 2020"), or None. A conservative key: the
    same number and year of the same kind of regulation from two regions share it."""
    t = norm_title(title)
    m = _NUMYEAR.search(t)
    if not m:
        return None
    head = t[:m.start()]
    kinds = [(head.rfind(mm.group(0)), k) for k, pat in _KINDS for mm in re.finditer(pat, head)]
    if not kinds:
        return None
    return f"{max(kinds)[1]} {m.group(1).split()[0]} {m.group(2)}"


def evaluation_set_keys(shared: Path = SHARED) -> tuple[set, set, set]:
    """(sha256s, normalized titles, regulation keys) of corpus-real and the paired set, read only to
    keep their documents out of this corpus."""
    shas, titles, keys = set(), set(), set()
    for path in (shared / "corpus-real" / "labels.csv", shared / "paired" / "denpasar-2019-dev" / "manifest.csv"):
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf8") as fh:
            for r in csv.DictReader(fh):
                shas.add(r.get("sha256", ""))
                title = r.get("title") or ""
                if title:
                    titles.add(norm_title(title))
                    key = regulation_key(title)
                    if key:
                        keys.add(key)
    return shas, titles - {""}, keys


def _split_passages(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\n\s*\n|\f", text) if p.strip()]
    return [p for p in parts if len(p) >= 40]


def add_excerpts(path: Path, date_read: str) -> int:
    """Add page texts read and labelled by a person (a JSON list of {id, url, title, labels..., text})
    to sources.csv, excerpts.jsonl and passages.jsonl.gz; drop what the evaluation sets hold."""
    items = json.loads(Path(path).read_text(encoding="utf8"))
    rows = load_manifest()
    have_ids = {r["id"] for r in rows}
    have_titles = {norm_title(r["title"]) for r in rows}
    shas, titles, keys = evaluation_set_keys()
    fields = list(rows[0].keys())
    excerpts = load_excerpts(EXCERPTS)
    passages = load_jsonl(PASSAGES)
    next_p = max(int(p["id"][1:]) for p in passages) + 1 if passages else 0
    added, dropped = 0, []
    for it in items:
        text = clean(it["text"])
        digest = hashlib.sha256(text.encode("utf8")).hexdigest()
        key = regulation_key(it["title"])
        why = ("id taken" if it["id"] in have_ids else
               "in the evaluation set (sha256)" if digest in shas else
               "in the evaluation set (title)" if norm_title(it["title"]) in titles else
               "in the evaluation set (regulation number)" if key and key in keys else
               "already in this corpus" if norm_title(it["title"]) in have_titles else None)
        if why:
            dropped.append(f"{it['id']} {it['title'][:70]}: {why}")
            continue
        row = {k: "" for k in fields}
        row.update({k: ("" if it.get(k) is None else str(it[k])) for k in fields if k in it})
        row.update({"id": it["id"], "url": it["url"], "sha256": digest, "extract": "page-excerpt"})
        rows.append(row)
        have_ids.add(it["id"])
        excerpts.append({"id": it["id"], "url": it["url"], "date_read": it.get("date_read") or date_read, "text": text})
        for part in _split_passages(text):
            passages.append({"id": f"p{next_p:05d}", "doc_id": it["id"], "text": part, "indicator": None,
                             "criterion": None, "modality": "provision"})
            next_p += 1
        added += 1
    with SOURCES.open("w", newline="", encoding="utf8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    with EXCERPTS.open("w", encoding="utf8") as fh:
        for e in excerpts:
            fh.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    write_jsonl_atomic(PASSAGES, passages)
    for line in dropped:
        print("dropped:", line)
    print(f"added {added} page texts, dropped {len(dropped)}")
    return 0


def load_readings(folder: Path = READINGS) -> list[dict]:
    """Criterion readings of passages ({id, doc_id, text_sha256, criterion, also, indicator, modality,
    note, reader}), from every *.jsonl file of the readings folder."""
    out = []
    for path in sorted(folder.glob("*.jsonl")) if folder.exists() else []:
        with path.open(encoding="utf8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


def stats(path: Path = DOCUMENTS, passages_path: Path = PASSAGES) -> dict:
    docs = load_jsonl(path)
    lab = [d["labels"] for d in docs]
    pos = [l for l in lab if l["spbe2020_indicators"]]
    res = {
        "documents": len(docs),
        "positives": len(pos),
        "negatives": len(docs) - len(pos),
        "issuers": len({l["issuer"] for l in lab}),
        "by_issuer_kind": collections.Counter(l["issuer_kind"] for l in lab),
        "by_doc_type": collections.Counter(l["doc_type"] for l in lab),
        "by_status": collections.Counter(l["status"] for l in lab),
        "by_indicator": collections.Counter(i for l in lab for i in l["spbe2020_indicators"]),
        "by_pemdi_indicator": collections.Counter(i for l in lab for i in l["pemdi2026_indicators"]),
        "by_negative_kind": collections.Counter(l["negative_kind"] for l in lab if not l["spbe2020_indicators"]),
        "by_issuer": collections.Counter(l["issuer"] for l in lab),
        "by_extract": collections.Counter(d.get("extract") for d in docs),
    }
    from evidence_mapper.classify.realcorpus import read_passages
    passages, report = read_passages(Path(passages_path).parent)
    read = [p for p in passages if p.get("read")]
    res["read_passages"] = len(read)
    res["read_documents"] = len({p["doc_id"] for p in read})
    res["readings_ignored"] = report["mismatches"]
    res["readings_warnings"] = report["warnings"]
    res["read_by_criterion"] = collections.Counter(c or "none" for p in read
                                                   for c in [p.get("criterion")] + list(p.get("also") or []))
    res["read_by_indicator"] = collections.Counter(str(p["indicator"]) if p.get("indicator") else "none"
                                                   for p in read)
    res["read_by_modality"] = collections.Counter(p.get("modality") for p in read)
    res["passages"] = len(passages)
    res["passage_documents"] = len({p["doc_id"] for p in passages})
    res["passages_by_indicator"] = collections.Counter(str(p["indicator"]) if p["indicator"] else "none"
                                                       for p in passages)
    res["passages_by_modality"] = collections.Counter(p["modality"] for p in passages)
    readings = load_readings()
    res["readings"] = len(readings)
    res["readings_with_criterion"] = sum(1 for r in readings if r["criterion"])
    res["reading_documents"] = len({r["doc_id"] for r in readings})
    res["readings_by_indicator"] = collections.Counter(str(r["indicator"]) if r["indicator"] else "none"
                                                       for r in readings)
    res["readings_by_modality"] = collections.Counter(r["modality"] for r in readings)
    return res


def print_stats(res: dict) -> None:
    print(f"documents {res['documents']}  positives {res['positives']}  negatives {res['negatives']}  "
          f"issuers {res['issuers']}  passages {res['passages']} from {res['passage_documents']} documents")
    print(f"read passages {res['read_passages']} from {res['read_documents']} documents; "
          f"readings {res['readings']} ({res['readings_with_criterion']} with a criterion) "
          f"from {res['reading_documents']} documents; readings ignored {len(res['readings_ignored'])}")
    for line in res["readings_ignored"]:
        print(f"  reading ignored: {line}")
    for line in res["readings_warnings"]:
        print(f"  reading: {line}")
    for key in ("by_issuer_kind", "by_doc_type", "by_status", "by_indicator", "by_pemdi_indicator",
                "by_negative_kind", "by_extract", "passages_by_indicator", "passages_by_modality",
                "read_by_criterion", "read_by_indicator", "read_by_modality", "by_issuer"):
        counter = res[key]
        items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
        print(f"\n{key}:")
        for k, v in items:
            print(f"  {str(k):<60} {v:>5}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stats", action="store_true", help="print counts from the jsonl files and stop")
    ap.add_argument("--check-only", action="store_true", help="verify sha256 of the mirrored sources")
    ap.add_argument("--mirrors", type=Path, default=Path(os.environ.get("REAL_CORPUS_MIRRORS", "/work/.mirror")))
    ap.add_argument("--ocr-cache", type=Path, default=None,
                    help="folder of earlier OCR readings named <sha256>*.ocr.txt or *.ocr2.txt (used instead of running tesseract)")
    ap.add_argument("--date-read", default=None, help="date recorded for newly read sources (YYYY-MM-DD)")
    ap.add_argument("--add-excerpts", type=Path, default=None,
                    help="JSON list of page texts read and labelled by a person, to add before rebuilding")
    args = ap.parse_args(argv)
    if args.add_excerpts:
        import datetime
        add_excerpts(args.add_excerpts, args.date_read or datetime.date.today().isoformat())
    if args.stats:
        print_stats(stats())
        return 0
    import datetime
    date_read = args.date_read or datetime.date.today().isoformat()
    rc = build(args.mirrors, date_read, check_only=args.check_only, ocr_cache=args.ocr_cache)
    if not args.check_only:
        print_stats(stats())
    return rc


if __name__ == "__main__":
    sys.exit(main())
