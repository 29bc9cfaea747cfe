"""Modality rules against labelled real passages (evaluation only; nothing here tunes rules).

    python scripts/eval_modality.py CORPUS_DIR     # holds passages.jsonl.gz and documents.jsonl.gz

Prints accuracy and a confusion table (rows: label, columns: rules), with the document type
from documents.jsonl.gz (``labels.doc_type``, ``labels.status``) as context, and text alone.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from evidence_mapper.nlp.modality import load_rules, modality, text_modality


def main() -> None:
    d = Path(sys.argv[1])
    docs = {}
    with gzip.open(d / "documents.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs[r["id"]] = r.get("labels", {})
    rows = []
    with gzip.open(d / "passages.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("modality"):
                rows.append(r)
    labels = list(load_rules().labels)
    for name, fn in (("with document type", lambda r: modality(
            r["text"], docs.get(r["doc_id"], {}).get("doc_type"), docs.get(r["doc_id"], {}).get("status"))),
                     ("text alone", lambda r: text_modality(r["text"]))):
        conf = Counter((r["modality"], fn(r)) for r in rows)
        n = len(rows)
        acc = sum(v for (a, b), v in conf.items() if a == b) / n
        sat = load_rules().satisfies
        gate = sum(v for (a, b), v in conf.items() if (a in sat) == (b in sat)) / n
        print(f"{name}: {n} passages, accuracy {acc:.3f}; satisfies-or-not agreement {gate:.3f}")
        print("label\\rules " + " ".join(f"{x[:6]:>7}" for x in labels))
        for a in labels:
            print(f"{a:<11} " + " ".join(f"{conf.get((a, b), 0):>7}" for b in labels))
        print()


if __name__ == "__main__":
    main()
