"""Per-passage readings (corpus/real/readings/*.jsonl) applied to the real corpus: matched by id AND
text_sha256, mismatches reported and ignored, counted by --stats, and used by the criterion matcher
in place of the rule labels. Fixture: tests/data/readings/ (three decrees of three issuers)."""

import gzip
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from evidence_mapper.classify.criteria_train import build_pairs, cross_validate, format_breakdown, load_corpus
from evidence_mapper.classify.realcorpus import apply_readings, load_real, read_passages
from evidence_mapper.frameworks import load_framework

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "data" / "readings"
sys.path.insert(0, str(ROOT / "scripts"))
import build_real_corpus as brc  # noqa: E402


def _gz(path: Path, src: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(src.read_text(encoding="utf-8"))


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "real"
    (d / "readings").mkdir(parents=True)
    _gz(d / "documents.jsonl.gz", FIX / "documents.jsonl")
    _gz(d / "passages.jsonl.gz", FIX / "passages.jsonl")
    shutil.copy(FIX / "readings.jsonl", d / "readings" / "fixture.jsonl")
    return d


def test_a_reading_applies_only_when_id_and_text_sha256_match(corpus):
    passages, report = read_passages(corpus)
    by = {p["id"]: p for p in passages}
    # 10 readings: 7 applied (q008's second reading names no SPBE 2020 criterion), 3 ignored
    assert report["applied"] == 7 and len(report["mismatches"]) == 3
    assert any("q005" in m and "text_sha256" in m for m in report["mismatches"])
    assert any("q999" in m and "no passage" in m for m in report["mismatches"])
    assert any("q008" in m and "10-9-z" in m for m in report["mismatches"])
    # a read passage takes the reading's criterion, indicator and modality
    assert by["q002"]["read"] and by["q002"]["criterion"] == "10-2-b" and by["q002"]["also"] == ["10-3-a"]
    assert by["q003"]["read"] and by["q003"]["criterion"] is None and by["q003"]["indicator"] is None
    # the mismatched reading left its passage as it was (rule label, not read)
    assert not by["q005"].get("read") and by["q005"]["criterion"] == "10-2-b" and by["q005"]["modality"] == "provision"
    assert by["q008"]["read"] and by["q008"]["criterion"] is None  # the valid reading of q008 stands


def test_a_changed_passage_text_voids_its_reading():
    p = [{"id": "a", "doc_id": "d", "text": "Pasal 1 teks baru", "criterion": None, "indicator": None}]
    r = [{"id": "a", "doc_id": "d", "text_sha256": "ab" * 32, "criterion": "10-2-a", "_where": "x.jsonl:1"}]
    out, rep = apply_readings(p, r)
    assert rep["applied"] == 0 and out[0] == p[0] and "x.jsonl:1" in rep["mismatches"][0]


def test_trainer_records_carry_the_reading(corpus):
    docs, passages = load_real(corpus)
    assert len(docs) == 3 and {d["group"] for d in docs} == {"real:kabupaten sukamaju", "real:kota sukaraja",
                                                              "real:provinsi sukajadi"}
    q003 = next(p for p in passages if p["text"].startswith("Menimbang"))
    assert q003["labels"] == [] and q003["read"]  # the rule said 10-1-a; the reader said none
    q005 = next(p for p in passages if p["text"].startswith("Pasal 4"))
    assert q005["labels"] == [10] and "read" not in q005


def test_stats_count_read_passages_and_their_criteria(corpus):
    res = brc.stats(corpus / "documents.jsonl.gz", corpus / "passages.jsonl.gz")
    assert res["read_passages"] == 7 and res["read_documents"] == 3
    assert res["read_by_criterion"]["10-2-b"] == 3 and res["read_by_criterion"]["10-2-a"] == 2
    assert res["read_by_criterion"]["10-3-a"] == 1 and res["read_by_criterion"]["none"] == 2
    assert len(res["readings_ignored"]) == 3


def test_criterion_matcher_learns_from_read_passages_only(corpus):
    docs, passages, sha, report = load_corpus(corpus)
    fw = load_framework("spbe-2020")
    read = [p for p in passages if p.get("read")]
    X, y, groups, meta = build_pairs(docs, read, fw)
    crit = {(read[n]["id"], c) for (n, c), t in zip(meta, y) if t}
    assert ("q002", "10-3-a") in crit and ("q002", "10-2-b") in crit and ("q001", "10-2-a") in crit
    assert not any(pid == "q003" for pid, _ in crit)
    cv, (X2, y2, thr, sha2, used_reads) = cross_validate(corpus, folds=5)
    assert used_reads and cv["labels"] == "readings" and cv["n_read_passages"] == 7
    assert cv["n_passages"] == 7 and cv["n_issuers"] == 3 and cv["folds"] == 3
    assert cv["n_positive_pairs"] == int(y.sum()) == 6
    assert cv["readings_ignored"] == 3
    ind10 = next(x for x in cv["per_indicator"] if x["key"] == "10")
    assert ind10["support"] == 6 and 0.0 <= ind10["learned"]["recall"] <= 1.0
    table = format_breakdown(cv)
    assert "indi 10" in table and "labels: readings" in table


def test_without_readings_the_rule_labels_train(corpus):
    shutil.rmtree(corpus / "readings")
    cv, (_, y, _, _, used_reads) = cross_validate(corpus, folds=5)
    assert not used_reads and cv["labels"] == "rules" and cv["n_read_passages"] == 0
    # rule labels: q001 10-2-a, q003 10-1-a, q005 10-2-b (documents labelled 10)
    assert cv["n_positive_pairs"] == 3 and cv["n_passages"] == 8
    assert np.asarray(y).sum() == 3
