"""Validates corpus/real: schema, provenance, labels, passages, no overlap with the evaluation set."""
import csv
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "real"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))
import build_real_corpus as brc  # noqa: E402

# Floors: what the corpus holds today; a rebuild that loses documents fails here.
MIN_DOCUMENTS = 680
MIN_PASSAGES = 1500
MIN_PASSAGE_DOCUMENTS = 150
MIN_ISSUERS = 115
MIN_POSITIVES = 120
MIN_READINGS = 200
READING_MODALITIES = ("fact", "provision", "recommendation", "plan", "absence", "reference")


def _jsonl(path):
    with gzip.open(path, "rt", encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def docs():
    return _jsonl(CORPUS / "documents.jsonl.gz")


@pytest.fixture(scope="module")
def passages():
    return _jsonl(CORPUS / "passages.jsonl.gz")


@pytest.fixture(scope="module")
def manifest():
    return brc.load_manifest(CORPUS / "sources.csv")


def _norm(title):
    return re.sub(r"[^a-z0-9]+", " ", (title or "").lower()).strip()


def test_document_schema(docs):
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
    for d in docs:
        assert set(d) >= {"id", "text", "pages", "provenance", "sha256", "date_read", "labels"}, d["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", d["sha256"]), d["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date_read"]), d["id"]
        assert 0 < len(d["text"]) <= brc.MAX_CHARS, d["id"]
        prov = d["provenance"]
        assert ({"repo", "commit", "path"} <= set(prov) and re.fullmatch(r"[0-9a-f]{40}", prov["commit"])) \
            or prov.get("url"), d["id"]
        lab = d["labels"]
        assert lab["doc_type"] in brc.DOC_TYPES, d["id"]
        assert lab["issuer_kind"] in brc.ISSUER_KINDS, d["id"]
        assert lab["status"] in brc.STATUSES, d["id"]
        assert lab["issuer"] and lab["label_basis"], d["id"]
        assert lab["year"] is None or 1945 <= lab["year"] <= 2026, d["id"]
        assert all(isinstance(i, int) and 1 <= i <= 47 for i in lab["spbe2020_indicators"]), d["id"]
        assert all(re.fullmatch(r"I([1-9]|1\d|20)", i) for i in lab["pemdi2026_indicators"]), d["id"]
        # a negative says what kind of look-alike it is; a positive has no negative kind
        assert bool(lab["spbe2020_indicators"]) != bool(lab["negative_kind"]), d["id"]


def test_documents_match_manifest(docs, manifest):
    by_id = {r["id"]: r for r in manifest}
    assert set(by_id) == {d["id"] for d in docs}
    for d in docs:
        row = by_id[d["id"]]
        assert d["sha256"] == row["sha256"], d["id"]
        assert d["labels"] == brc.row_labels(row), d["id"]


def test_national_regulations_are_never_positive(docs):
    for d in docs:
        lab = d["labels"]
        if lab["issuer_kind"] == "nasional":
            assert not lab["spbe2020_indicators"], d["id"]


def test_passages_schema(docs, passages):
    doc_ids = {d["id"] for d in docs}
    spbe = json.loads((ROOT / "src/evidence_mapper/frameworks/data/spbe-2020.json").read_text(encoding="utf8"))
    criteria = {c["id"] for ind in spbe["indicators"] for lvl in ind["levels"].values() for c in lvl.get("criteria", [])}
    assert len({p["id"] for p in passages}) == len(passages)
    for p in passages:
        assert p["doc_id"] in doc_ids, p["id"]
        assert p["modality"] in brc.MODALITIES, p["id"]
        assert p["text"].strip(), p["id"]
        if p["indicator"] is None:
            assert p["criterion"] is None, p["id"]
        else:
            assert p["criterion"] in criteria, p["id"]
            assert p["criterion"].split("-")[0] == str(p["indicator"]), p["id"]


def test_passage_indicators_belong_to_their_document(docs, passages):
    by_id = {d["id"]: d["labels"]["spbe2020_indicators"] for d in docs}
    for p in passages:
        if p["indicator"] is not None:
            assert p["indicator"] in by_id[p["doc_id"]], p["id"]


def test_count_floors(docs, passages):
    assert len(docs) >= MIN_DOCUMENTS
    assert len({d["labels"]["issuer"] for d in docs}) >= MIN_ISSUERS
    assert len(passages) >= MIN_PASSAGES
    assert len({p["doc_id"] for p in passages}) >= MIN_PASSAGE_DOCUMENTS
    assert sum(1 for d in docs if d["labels"]["spbe2020_indicators"]) >= MIN_POSITIVES


@pytest.mark.skipif(not (SHARED / "corpus-real" / "labels.csv").exists(), reason="evaluation set not present")
def test_no_overlap_with_evaluation_sets(docs):
    with open(SHARED / "corpus-real" / "labels.csv", newline="", encoding="utf8") as fh:
        real = list(csv.DictReader(fh))
    shas = {r["sha256"] for r in real}
    titles = {_norm(r.get("title")) for r in real} - {""}
    paired = SHARED / "paired" / "denpasar-2019-dev" / "manifest.csv"
    if paired.exists():
        with open(paired, newline="", encoding="utf8") as fh:
            shas |= {r["sha256"] for r in csv.DictReader(fh)}
    for d in docs:
        assert d["sha256"] not in shas, d["id"]
        assert _norm(d["labels"]["title"]) not in titles, d["id"]


def test_stats_command_runs():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_real_corpus.py"), "--stats"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.search(r"^documents \d+", out.stdout, re.M)
    assert "by_negative_kind:" in out.stdout


def test_atomic_writer_roundtrip(tmp_path):
    target = tmp_path / "x.jsonl.gz"
    brc.write_jsonl_atomic(target, [{"id": "a", "n": 1}, {"id": "b", "n": 2}])
    assert _jsonl(target) == [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    assert not (tmp_path / "x.jsonl.gz.tmp").exists()


def test_page_texts_match_their_manifest_rows(docs, manifest):
    """Texts read from public pages are stored verbatim in excerpts.jsonl; their sha256 is the manifest's."""
    import hashlib
    excerpts = {e["id"]: e for e in brc.load_excerpts()}
    rows = [r for r in manifest if r["extract"] == "page-excerpt"]
    assert rows and {r["id"] for r in rows} == set(excerpts)
    by_id = {d["id"]: d for d in docs}
    for r in rows:
        text = excerpts[r["id"]]["text"]
        assert hashlib.sha256(text.encode("utf8")).hexdigest() == r["sha256"], r["id"]
        assert by_id[r["id"]]["text"] == text and by_id[r["id"]]["provenance"] == {"url": r["url"]}, r["id"]


def test_regulation_key_reads_kind_number_and_year():
    assert brc.regulation_key("Peraturan Bupati Demak Nomor 13 Tahun 2020 tentang SPBE") == "perbup 13 2020"
    assert brc.regulation_key("PERATURAN WALI KOTA BONTANG NOMOR 18 TAHUN 2021") == "perwali 18 2021"
    assert brc.regulation_key("Keputusan Gubernur Nomor 224/BAPPEDA/2023") is None
    assert brc.regulation_key("Rencana Induk TIK Kabupaten Maros") is None


def test_adding_a_page_text_drops_what_the_evaluation_set_holds(tmp_path, monkeypatch):
    """add_excerpts keeps out a document whose title or regulation key the evaluation set holds."""
    for name in ("sources.csv", "passages.jsonl.gz"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    monkeypatch.setattr(brc, "SOURCES", tmp_path / "sources.csv")
    monkeypatch.setattr(brc, "PASSAGES", tmp_path / "passages.jsonl.gz")
    monkeypatch.setattr(brc, "EXCERPTS", tmp_path / "excerpts.jsonl")
    monkeypatch.setattr(brc, "evaluation_set_keys",
                        lambda: (set(), {"peraturan bupati contoh nomor 1 tahun 2020"}, {"perwali 7 2021"}))
    base = {"url": "https://example.invalid/x", "doc_type": "perbup", "issuer": "Kabupaten Contoh",
            "issuer_kind": "kabupaten", "year": 2020, "status": "enacted", "spbe2020_indicators": "1",
            "pemdi2026_indicators": "", "negative_kind": "", "label_basis": "test",
            "text": "Menimbang : bahwa untuk mewujudkan tata kelola sistem pemerintahan berbasis elektronik."}
    items = [dict(base, id="zz1", title="Peraturan Bupati Contoh Nomor 1 Tahun 2020"),
             dict(base, id="zz2", title="Peraturan Wali Kota Lain Nomor 7 Tahun 2021 tentang SPBE"),
             dict(base, id="zz3", title="Peraturan Bupati Contoh Nomor 2 Tahun 2020 tentang SPBE")]
    src = tmp_path / "items.json"
    src.write_text(json.dumps(items), encoding="utf8")
    brc.add_excerpts(src, "2026-01-01")
    ids = {r["id"] for r in brc.load_manifest(tmp_path / "sources.csv")}
    assert "zz3" in ids and "zz1" not in ids and "zz2" not in ids
    assert [e["id"] for e in brc.load_excerpts(tmp_path / "excerpts.jsonl")][-1] == "zz3"


def test_readings_point_at_their_passages(docs, passages):
    """Each criterion reading names an existing passage by id, doc and text hash; its criterion is a real
    SPBE 2020 criterion of an indicator the document is labelled with."""
    readings = brc.load_readings(CORPUS / "readings")
    assert len(readings) >= MIN_READINGS
    by_pid = {p["id"]: p for p in passages}
    labels = {d["id"]: d["labels"]["spbe2020_indicators"] for d in docs}
    spbe = json.loads((ROOT / "src/evidence_mapper/frameworks/data/spbe-2020.json").read_text(encoding="utf8"))
    criteria = {c["id"] for ind in spbe["indicators"] for lvl in ind["levels"].values() for c in lvl.get("criteria", [])}
    ids = [r["id"] for r in readings]
    assert len(ids) == len(set(ids))
    for r in readings:
        p = by_pid[r["id"]]
        assert p["doc_id"] == r["doc_id"], r["id"]
        assert brc.hashlib.sha256(p["text"].encode("utf8")).hexdigest() == r["text_sha256"], r["id"]
        assert r["modality"] in READING_MODALITIES, r["id"]
        assert r["reader"] and r["note"], r["id"]
        if r["criterion"] is None:
            assert r["indicator"] is None and not r["also"], r["id"]
            continue
        assert r["criterion"] in criteria and all(a in criteria for a in r["also"]), r["id"]
        assert r["indicator"] == int(r["criterion"].split("-")[0]), r["id"]
        assert r["indicator"] in labels[r["doc_id"]], r["id"]
    # negatives carry no criterion
    for r in readings:
        if not labels[r["doc_id"]]:
            assert r["criterion"] is None, r["id"]
