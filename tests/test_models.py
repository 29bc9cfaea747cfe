"""Trained models: features, files without pickle, deterministic training, learning from reviews."""

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from evidence_mapper.classify import get_scorer
from evidence_mapper.classify.evaluate import wss
from evidence_mapper.classify.features import hashed_ngrams, normalize_for_features
from evidence_mapper.classify.modelio import ModelFileError
from evidence_mapper.classify.models import LinearModel, TrainedScorer, models_available
from evidence_mapper.classify.train import train_all
from evidence_mapper.frameworks import load_framework
from evidence_mapper.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
FW = load_framework("spbe-2020")


def small_corpus(dst: Path, n_pass: int = 900, n_docs: int = 60) -> Path:
    """A slice of the project's training corpus, so tests train in seconds."""
    src = ROOT / "corpus" / "training"
    (dst / "training").mkdir(parents=True)
    lines = src.joinpath("passages.jsonl").read_text(encoding="utf-8").splitlines()
    # keep every indicator represented
    by_label, rest = {}, []
    for ln in lines:
        r = json.loads(ln)
        key = tuple(r["labels"][:1])
        if len(by_label.setdefault(key, [])) < 12:
            by_label[key].append(ln)
        else:
            rest.append(ln)
    keep = [x for v in by_label.values() for x in v] + rest[: max(0, n_pass - sum(map(len, by_label.values())))]
    (dst / "training" / "passages.jsonl").write_text("\n".join(keep) + "\n", encoding="utf-8")
    docs = src.joinpath("documents.jsonl").read_text(encoding="utf-8").splitlines()[:n_docs]
    (dst / "training" / "documents.jsonl").write_text("\n".join(docs) + "\n", encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    base = tmp_path_factory.mktemp("models")
    corpus = small_corpus(base / "corpus")
    card = train_all(corpus, base / "m1", seed=0)
    return corpus, base / "m1", card


def test_features_are_stable_and_noise_tolerant():
    a = hashed_ngrams(["Tim Koordinasi SPBE Kabupaten", "TIM  KOORDINASI spbe kabupaten!"])
    assert abs((a[0] @ a[1].T).toarray()[0, 0] - 1.0) < 1e-5  # case and punctuation do not matter
    noisy = hashed_ngrams(["Tim Koordlnasi SPBE Kabupaten", "Retribusi pelayanan persampahan"])
    sims = (a[0] @ noisy.T).toarray()[0]
    assert sims[0] > 0.6 > 0.2 > sims[1]  # an OCR slip keeps most n-grams; another topic shares few
    assert normalize_for_features("ARSITEKTUR—SPBE, é") == "arsitektur spbe e"
    again = hashed_ngrams(["Tim Koordinasi SPBE Kabupaten"])
    assert (again != a[0]).nnz == 0


@pytest.mark.slow
def test_model_files_hold_no_pickle_and_are_checked(trained, tmp_path):
    _, mdir, _ = trained
    assert models_available(mdir)
    for npz in mdir.glob("*.npz"):
        with zipfile.ZipFile(npz) as z:
            for name in z.namelist():
                assert name.endswith(".npy")
                header = z.read(name)[:200]
                assert b"'descr': '|O'" not in header  # no object arrays, so no pickle inside
    # tampered weights are refused
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in mdir.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    raw = bytearray((bad / "doc-type.npz").read_bytes())
    raw[-30] ^= 0xFF
    (bad / "doc-type.npz").write_bytes(bytes(raw))
    with pytest.raises(ModelFileError):
        LinearModel.load(bad, "doc-type")


@pytest.mark.slow
def test_training_is_deterministic(trained, tmp_path):
    corpus, mdir, _ = trained
    train_all(corpus, tmp_path / "m2", seed=0)
    for name in ("passage-indicator", "doc-type", "doc-indicator", "evidence-filter"):
        assert (mdir / f"{name}.npz").read_bytes() == (tmp_path / "m2" / f"{name}.npz").read_bytes(), name


def test_trained_scorer_ranks_the_right_indicator(trained):
    _, mdir, card = trained
    s = TrainedScorer(FW, mdir)
    texts = ["Membentuk Tim Koordinasi SPBE yang diketuai Sekretaris Daerah dengan anggota kepala Perangkat Daerah.",
             "Pengadaan barang dan jasa dilaksanakan secara elektronik melalui LPSE dengan aplikasi SPSE.",
             "Pejabat Pengelola Informasi dan Dokumentasi melayani permohonan informasi publik."]
    P = s.score_texts(texts)
    assert P.shape == (3, 47) and np.all((P >= 0) & (P <= 1))
    assert s.indicator_ids[int(np.argmax(P[0]))] in (10, 19)
    assert s.indicator_ids[int(np.argmax(P[1]))] == 35
    assert P[2].max() < P[0].max()
    assert card["metrics_cv_on_corpus"]["passage-indicator"]["n_passages"] > 800
    assert s.model_id.startswith("trained-linear@")


@pytest.mark.slow
def test_retraining_from_reviews_changes_predictions(trained, tmp_path, monkeypatch):
    corpus, mdir, _ = trained
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", str(mdir))
    ws = Workspace.init(tmp_path / "ws", region="Kabupaten Sukamaju", year=2025)
    ws.ingest([ROOT / "corpus" / "sample"])
    run = ws.map()
    props = list(ws.db.query("select p.id, p.indicator from proposals p where run_id = ? and exists "
                             "(select 1 from evidence_links e where e.proposal_id = p.id) order by indicator", [run]))
    assert len(props) >= 2
    rejected, accepted = props[0], props[1]
    for pr, action in ((rejected, "reject"), (accepted, "accept")):
        ws.db["decisions"].insert({"framework": "spbe-2020", "indicator": pr["indicator"], "proposal_id": pr["id"],
                                   "action": action, "level": None, "reason": "test", "user": "assessor",
                                   "at": "2026-01-01T00:00:00Z", "run_id": run, "model": "x", "evidence_hashes": ""})
    ex = ws.review_examples()
    assert {e["label"] for e in ex} == {0, 1}
    base = TrainedScorer(FW, mdir)
    card = train_all(corpus, ws.path / "models", seed=0, review_passages=ex, base_dir=mdir)
    assert card["data"]["review_passages"] == len(ex)
    new = TrainedScorer(FW, ws.path / "models")
    col = {iid: j for j, iid in enumerate(FW_IDS)}
    for label, pr in ((0, rejected), (1, accepted)):
        texts = [e["text"] for e in ex if e["indicator"] == pr["indicator"] and e["label"] == label]
        before = base.score_texts(texts)[:, col[pr["indicator"]]].mean()
        after = new.score_texts(texts)[:, col[pr["indicator"]]].mean()
        if label == 0:
            assert after < before - 0.05, (before, after)
        else:
            assert after >= before - 0.01, (before, after)
    assert ws.model_dir() == ws.path / "models"
    run2 = ws.map()  # the workspace's own models are used from now on
    assert ws.db["runs"].get(run2)["model"] == new.model_id
    ws.close()


FW_IDS = [i.id for i in FW.indicators]


def test_get_scorer_falls_back_to_the_baseline(monkeypatch, tmp_path):
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", str(tmp_path / "none"))
    assert get_scorer(FW).model_id.startswith("baseline")
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", "baseline")
    assert get_scorer(FW).model_id.startswith("baseline")
    assert get_scorer("spbe-2018").model_id.startswith("baseline")  # trained models are for SPBE 2020


def test_wss_counts_the_documents_read():
    r = wss([0.9, 0.8, 0.1, 0.7, 0.2], [True, True, False, False, False], recall=0.95)
    assert r["read"] == 2 and r["relevant"] == 2
    assert r["wss"] == round((5 - 2) / 5 - 0.05, 4)
    worst = wss([0.1, 0.9, 0.8], [True, False, False])
    assert worst["read"] == 3 and worst["wss"] == -0.05


def _analyzed(text: str):
    from evidence_mapper.nlp import analyze
    from evidence_mapper.types import IngestedDocument, Page

    doc = IngestedDocument(path="x.txt", sha256="0" * 64, size=len(text), media_type="text/plain",
                           pages=[Page(number=1, text=text, width=0, height=0, source="text")])
    return analyze(doc)


DPA = ("DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH (DPA-SKPD)\n"
       "Pemerintah Kabupaten Sukamaju Tahun Anggaran 2024\n"
       "Urusan Pemerintahan : 2.16 Komunikasi dan Informatika\n"
       "Organisasi : Dinas Komunikasi dan Informatika\n"
       "Program : Program Optimalisasi Sistem Informasi e-Government dan Aplikasi SPBE\n"
       "Kegiatan : 2.16.01.05 - {activity}\n"
       "Belanja Barang dan Jasa 25.000.000\n")


@pytest.mark.parametrize("activity, vetoed", [
    ("Penyediaan Makanan dan Minuman", True),
    ("Penyediaan Peralatan dan Perlengkapan Kantor", True),
    ("Pengembangan dan Pengelolaan Aplikasi Generik", False),
    ("Pembangunan Jaringan Intra Pemerintah Daerah", False),
])
def test_budget_sheet_is_judged_by_its_activity_not_its_programme(trained, activity, vetoed):
    """A DPA inside an e-government programme is evidence only if its own activity is ICT."""
    from evidence_mapper.classify.baseline import BaselineScorer, evidence_vetoes

    a = _analyzed(DPA.format(activity=activity))
    assert a.meta.doc_type == "anggaran" and a.meta.title == activity
    assert ("budget activity outside ICT/SPBE" in evidence_vetoes(a.meta)) is vetoed
    for scorer in (TrainedScorer(FW, trained[1]), BaselineScorer(FW)):
        c = scorer.classify(_analyzed(DPA.format(activity=activity)))
        if vetoed:
            assert not c.is_evidence and c.evidence_score < 0.4
        assert c.indicator_scores  # the ranking is still there for a reviewer who disagrees


@pytest.mark.parametrize("title, reason", [
    ("PEMBENTUKAN TIM PERINGATAN HARI PAHLAWAN TAHUN 2025", "team formed for a non-SPBE topic"),
    ("PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", None),
    ("PEMBENTUKAN TIM PENGELOLA SATU DATA", None),
])
def test_teams_for_other_topics_are_vetoed(title, reason):
    from evidence_mapper.classify.baseline import evidence_vetoes

    a = _analyzed(f"KEPUTUSAN BUPATI SUKAMAJU\nNOMOR 188.45/12/KPTS/2025\nTENTANG\n{title}\n"
                  "BUPATI SUKAMAJU,\nMenimbang : a. bahwa perlu dibentuk tim;\nMEMUTUSKAN:\n"
                  "KESATU : Membentuk tim dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran.\n")
    assert a.meta.doc_type == "sk"
    got = evidence_vetoes(a.meta)
    assert (reason in got) if reason else got == []


def test_organisation_regulations_and_evaluation_results_are_not_evidence(trained):
    from evidence_mapper.classify.baseline import evidence_vetoes

    sotk = _analyzed("PERATURAN WALI KOTA SUKAMAJU\nNOMOR 54 TAHUN 2021\nTENTANG\nSUSUNAN ORGANISASI, TUGAS DAN "
                     "FUNGSI SERTA TATA KERJA DINAS KOMUNIKASI DAN INFORMATIKA\nPasal 5\nDinas melaksanakan urusan "
                     "e-government, persandian dan statistik serta pengelolaan aplikasi dan jaringan.\n")
    assert "title names a non-SPBE topic" in evidence_vetoes(sotk.meta)
    assert not TrainedScorer(FW, trained[1]).classify(sotk).is_evidence
    lhe = _analyzed("KEMENTERIAN PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI\nINDEKS SPBE PEMERINTAH "
                    "KABUPATEN SUKAMAJU TAHUN 2024\nKATA PENGANTAR\nPuji syukur kehadirat Tuhan Yang Maha Esa bahwa "
                    "kegiatan Evaluasi Sistem Pemerintahan Berbasis Elektronik (SPBE) Tahun 2024 dapat terlaksana.\n"
                    "Nilai Indeks SPBE 2,15 dengan predikat Cukup. Kebijakan Internal Tim Koordinasi SPBE level 3.\n")
    assert lhe.meta.signals.get("evaluation_result") is True
    assert "SPBE evaluation result (LHE), not evidence" in evidence_vetoes(lhe.meta)
    # a region's own follow-up plan that quotes its index is not the evaluation's result
    monev = _analyzed("MONEV PENINGKATAN INDEKS SPBE 2024\nNo Indikator Rekomendasi Nilai Tingkat Kematangan Tindak "
                      "Lanjut\n1 Kebijakan Internal Tim Koordinasi SPBE: perlu ditetapkan keputusan baru.\n")
    assert not monev.meta.signals.get("evaluation_result")
    plan = _analyzed("RENCANA AKSI PENINGKATAN\nINDEKS SPBE PEMERINTAH KABUPATEN SUKAMAJU TAHUN 2025\nDinas Komunikasi "
                     "dan Informatika\nBAB I PENDAHULUAN\nLaporan Hasil Evaluasi SPBE dari Kementerian Pendayagunaan "
                     "Aparatur Negara menunjukkan indeks 2,15.\n")
    assert not plan.meta.signals.get("evaluation_result")  # the region's own plan, citing the result
    perbup = _analyzed("PERATURAN BUPATI SUKAMAJU\nNOMOR 7 TAHUN 2025\nTENTANG\nPERUBAHAN ATAS PERATURAN BUPATI "
                       "TENTANG SPBE\nMenimbang : a. bahwa berdasarkan Laporan Hasil Evaluasi SPBE Tahun 2024 dari "
                       "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi perlu perubahan;\n")
    assert not perbup.meta.signals.get("evaluation_result")
    cover = _analyzed("KEMENTERIAN PENDAYAGUNAAN APARATUR NEGARA\nDAN REFORMASI BIROKRASI\nINDEKS SPBE\nPEMERINTAH "
                      "KABUPATEN SUKAMAJU\nTAHUN 2024\nKATA PENGANTAR\n")
    assert cover.meta.signals.get("evaluation_result") is True


@pytest.mark.parametrize("activity, vetoed", [
    ("Pembangunan Jaringan Irigasi", True),           # "jaringan" alone is not ICT
    ("Rehabilitasi Situs Cagar Budaya", True),
    ("Pengembangan e-Office dan Tanda Tangan Elektronik", False),
    ("Penyelenggaraan Statistik Sektoral", False),
])
def test_ict_words_in_budget_activities(activity, vetoed):
    from evidence_mapper.classify.baseline import evidence_vetoes

    a = _analyzed(DPA.format(activity=activity))
    assert ("budget activity outside ICT/SPBE" in evidence_vetoes(a.meta)) is vetoed


def test_older_frameworks_use_the_trained_models_through_the_crosswalk(trained):
    """SPBE 2018 and PeGI get the SPBE 2020 models' scores carried by the crosswalk data, never
    lower than their own keyword baseline; the evidence decision is the trained filter's."""
    from evidence_mapper.classify import BaselineScorer, CrosswalkScorer, get_scorer
    from evidence_mapper.frameworks import load_crosswalk

    _, mdir, _ = trained
    texts = ["Membentuk Tim Koordinasi SPBE yang diketuai Sekretaris Daerah dengan anggota kepala Perangkat Daerah.",
             "Pengadaan barang dan jasa dilaksanakan secara elektronik melalui LPSE dengan aplikasi SPSE."]
    src = TrainedScorer(FW, mdir)
    P20 = src.score_texts(texts)
    for fid in ("spbe-2018", "pegi"):
        s = get_scorer(fid, model_dir=mdir)
        assert isinstance(s, CrosswalkScorer) and s.model_id.endswith(f"/crosswalk:{fid}")
        cw = load_crosswalk("spbe-2020", fid)
        P = s.score_texts(texts)
        B = BaselineScorer(load_framework(fid)).score_texts(texts)
        assert P.shape == (2, len(s.indicator_ids)) and np.all(P >= B - 1e-12)
        for k in range(2):  # the best SPBE 2020 indicator's score reaches each target it maps to
            best = src.indicator_ids[int(np.argmax(P20[k]))]
            for t in cw[best]:
                assert P[k, s.indicator_ids.index(t)] >= P20[k].max() - 1e-9
        unmapped = [j for j, iid in enumerate(s.indicator_ids) if not any(iid in v for v in cw.values())]
        if unmapped:  # only the target's own texts score these
            assert np.allclose(P[:, unmapped], B[:, unmapped])
    s18 = get_scorer("spbe-2018", model_dir=mdir)
    # link thresholds: the lowest of the mapped SPBE 2020 indicators' (blended) thresholds
    cw18 = load_crosswalk("spbe-2020", "spbe-2018")
    for j, tid in enumerate(s18.indicator_ids):
        srcs = [src.thresholds[k] for k, sid in enumerate(src.indicator_ids) if tid in cw18.get(sid, [])]
        assert s18.thresholds[j] == pytest.approx(min([0.4] + srcs) if srcs else 0.4)
    assert s18.indicator_ids[int(np.argmax(s18.score_texts(texts[:1])[0]))] in (1, 18)  # Tim Pengarah SPBE
    dpa = s18.classify(_analyzed(DPA.format(activity="Penyediaan Makanan dan Minuman")))
    assert not dpa.is_evidence and set(dpa.indicator_scores) == set(s18.indicator_ids)
    assert get_scorer("spbe-2018", kind="baseline").__class__ is BaselineScorer


def test_evidence_is_relevance_to_at_least_one_indicator(trained):
    """is_evidence: some indicator reaches its own threshold; evidence_score: the best
    indicator's probability; a no says why."""
    scorer = TrainedScorer(FW, trained[1])
    assert scorer.per_indicator
    assert (scorer.evidence.manifest or {}).get("role") == "relevance"
    thr = dict(zip(scorer.indicator_ids, scorer.relevance_thresholds))
    texts = [
        "PERATURAN BUPATI SUKAMAJU\nNOMOR 12 TAHUN 2024\nTENTANG\nKEBIJAKAN MANAJEMEN KEAMANAN INFORMASI\nPasal 3\n"
        "Setiap Perangkat Daerah wajib menerapkan sistem manajemen keamanan informasi dan melaporkan insiden siber.\n",
        DPA.format(activity="Penyediaan Makanan dan Minuman"),
        "LAPORAN KEGIATAN\nLomba Kebersihan Lingkungan Antar Kelurahan Tahun 2024\nKegiatan diikuti 24 kelurahan.\n",
    ]
    for text in texts:
        c = scorer.classify(_analyzed(text))
        rel = c.indicator_relevance
        assert set(rel) == set(scorer.indicator_ids)
        assert c.is_evidence == any(rel[i] >= thr[i] for i in rel)
        assert c.evidence_score == pytest.approx(max(rel.values()), abs=1e-4)
        assert c.is_evidence or c.reasons
    vetoed = scorer.classify(_analyzed(texts[1]))
    assert not vetoed.is_evidence and set(vetoed.indicator_relevance.values()) == {0.0}
    assert vetoed.reasons == ["budget activity outside ICT/SPBE"]


def test_the_document_read_whole_takes_its_share_of_the_indicator_scores(trained, tmp_path):
    """The document-indicator model is trained with the others; a document's indicator score is
    (1 - DOC_BLEND) of the passages' score and DOC_BLEND of that model's probability; a model
    folder without it (models before 2.1.0) still loads and scores from the passages alone."""
    import shutil

    from evidence_mapper.classify import models as M
    from evidence_mapper.nlp import analyze
    from evidence_mapper.types import IngestedDocument, Page

    _, mdir, card = trained
    assert "doc-indicator" in card["files_sha256"] and card["metrics_cv_on_corpus"]["doc-indicator"]["n_documents"] > 0
    s = TrainedScorer(FW, mdir)
    assert s.doc_model is not None and s.doc_model.labels == s.indicator_ids
    text = ("KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA\nTENTANG STANDAR OPERASIONAL PROSEDUR "
            "PENGELOLAAN PUSAT DATA\n\nPusat data dikelola oleh Bidang Aplikasi Informatika. Server dan "
            "perangkat jaringan dipantau setiap hari dan dicadangkan setiap minggu.")
    doc = lambda: IngestedDocument(path="sop.txt", sha256="0" * 64, size=len(text), media_type="text/plain",  # noqa: E731
                                   pages=[Page(number=1, text=text, source="plain")])
    a = analyze(doc())
    whole = M.document_view(s.passage, s.baseline, s.thresholds, s.policy_idx, a, s.doc_model).doc_scores
    parts = M.document_view(s.passage, s.baseline, s.thresholds, s.policy_idx, a).doc_scores
    q = s.doc_model.proba(M.hashed_ngrams([M.document_text(a)], max_chars=M.DOC_CHARS))[0]
    assert np.allclose(whole, (1 - M.DOC_BLEND) * parts + M.DOC_BLEND * q)
    assert not np.allclose(whole, parts)
    # a stored document is classified again from its passages alone (map, batch, evaluate): same scores
    bare = M.AnalyzedDocument(doc=IngestedDocument(path="sop.txt", sha256="0" * 64, size=0, media_type="", pages=[]),
                              meta=a.meta, passages=a.passages)
    assert s.classify(bare).indicator_scores == s.classify(analyze(doc())).indicator_scores
    older = tmp_path / "older"
    shutil.copytree(mdir, older)
    for ext in ("json", "npz"):
        (older / f"doc-indicator.{ext}").unlink()
    s2 = TrainedScorer(FW, older)
    assert s2.doc_model is None and s2.model_id != s.model_id
    c2 = s2.classify(analyze(doc()))
    assert np.allclose([c2.indicator_scores[i] for i in s2.indicator_ids], np.round(parts, 4))
