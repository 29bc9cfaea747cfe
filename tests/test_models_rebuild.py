"""`evidence-mapper train` rebuilds every shipped model file (the relevance, passage and doc-type models,
legacy/, the criterion matcher, the cards) byte for byte, and `train --check` says when they differ."""

import os
import shutil
from pathlib import Path

import pytest

from evidence_mapper.classify.rebuild import check, compare_dirs, keep_legacy, rebuild_all

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "data" / "readings"
SHIPPED = {"MODEL_CARD.md", "card.json", "criterion-matcher.json", "doc-type.json", "doc-type.npz",
           "doc-indicator.json", "doc-indicator.npz",
           "evidence-filter.json", "evidence-filter.npz", "passage-indicator.json", "passage-indicator.npz",
           "legacy/MODEL_CARD.md", "legacy/card.json", "legacy/doc-type.json", "legacy/doc-type.npz",
           "legacy/evidence-filter.json", "legacy/evidence-filter.npz", "legacy/passage-indicator.json",
           "legacy/passage-indicator.npz"}


def _files(d: Path) -> set[str]:
    return {str(p.relative_to(d)) for p in d.rglob("*") if p.is_file()}


def test_the_shipped_folder_holds_what_train_rebuilds():
    assert _files(ROOT / "models") == SHIPPED


def test_compare_dirs_names_each_difference(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        (d / "legacy").mkdir(parents=True)
        (d / "same.json").write_text("{}")
    (a / "legacy" / "x.npz").write_bytes(b"1")
    (b / "legacy" / "x.npz").write_bytes(b"2")
    (a / "only-shipped.json").write_text("{}")
    (b / "only-rebuilt.json").write_text("{}")
    assert compare_dirs(a, b) == ["differs: legacy/x.npz", "not shipped: only-rebuilt.json",
                                  "not rebuilt: only-shipped.json"]
    (b / "legacy" / "x.npz").write_bytes(b"1")
    (b / "only-rebuilt.json").unlink()
    (b / "only-shipped.json").write_text("{}")
    assert compare_dirs(a, b) == []


def test_models_retrained_from_reviews_keep_the_legacy_filter(tmp_path):
    out = tmp_path / "ws-models"
    assert keep_legacy(ROOT / "models", out)
    for f in (ROOT / "models" / "legacy").iterdir():
        assert (out / "legacy" / f.name).read_bytes() == f.read_bytes()
    assert not keep_legacy(tmp_path / "nothing", tmp_path / "o2")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A slice of the synthetic corpus and the three-document real fixture (with readings)."""
    from test_models import small_corpus
    import gzip
    base = tmp_path_factory.mktemp("rebuild")
    corpus = small_corpus(base / "corpus", n_pass=500, n_docs=40)
    real = corpus / "real"
    (real / "readings").mkdir(parents=True)
    for name in ("documents", "passages"):
        with gzip.open(real / f"{name}.jsonl.gz", "wt", encoding="utf-8") as f:
            f.write((FIX / f"{name}.jsonl").read_text(encoding="utf-8"))
    shutil.copy(FIX / "readings.jsonl", real / "readings" / "r.jsonl")
    out = base / "m1"
    rebuild_all(corpus, out, date="2026-01-02")
    return corpus, out


@pytest.mark.slow
def test_rebuild_writes_every_file_and_check_finds_them_identical(small, tmp_path):
    corpus, out = small
    assert _files(out) == SHIPPED
    assert "2026-01-02" in (out / "card.json").read_text() and "2026-01-02" in (out / "legacy" / "card.json").read_text()
    assert "read passages only" in (out / "criterion-matcher.json").read_text()
    diffs, n = check(corpus, out)  # rebuilds into a temporary folder with the card's date
    assert diffs == [] and n == len(SHIPPED)
    copy = tmp_path / "m"
    shutil.copytree(out, copy)
    raw = bytearray((copy / "legacy" / "evidence-filter.npz").read_bytes())
    raw[-30] ^= 1
    (copy / "legacy" / "evidence-filter.npz").write_bytes(bytes(raw))
    (copy / "criterion-matcher.json").unlink()
    diffs, _ = check(corpus, copy)
    assert diffs == ["not shipped: criterion-matcher.json", "differs: legacy/evidence-filter.npz"]


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("EVIDENCE_MAPPER_CHECK_MODELS"),
                    reason="the full rebuild takes many minutes: set EVIDENCE_MAPPER_CHECK_MODELS=1 "
                           "(or run `evidence-mapper train --check`)")
def test_shipped_models_are_rebuilt_byte_for_byte():
    diffs, n = check(ROOT / "corpus", ROOT / "models")
    assert diffs == [], diffs
