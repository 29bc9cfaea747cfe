"""Baseline scorer: passages and documents to indicators from the framework's own texts.

No training data: each indicator's profile is its name, question, topic keywords, level
texts and typical evidence, all read from the framework file. A passage's score for an
indicator mixes

* keyword evidence: how many of the indicator's topic phrases the passage contains, and
* TF-IDF similarity (character n-grams, robust to OCR noise and Indonesian affixes) between
  the passage and the indicator profile.

The document-level "is this evidence at all" score combines the best indicator scores with
cues assessors use to discard documents: national regulations a region did not issue,
news, performance-indicator regulations, public-information (PPID) texts.

Trained models (``classify.models``) implement the same :class:`Scorer` interface.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from ..frameworks import Framework
from ..nlp.terms import normalize, phrase_regex
from ..types import AnalyzedDocument, DocClassification, PassageScore
from .. import vocab

# Title cues that make a document not evidence for a region's own SPBE, whatever its topic.
NEGATIVE_TITLE_CUES = [
    "indikator kinerja", "informasi publik", "ppid", "pengelola layanan informasi", "tunjangan",
    "tambahan penghasilan", "retribusi", "pajak daerah", "smart lighting",
    # The organisation of offices (SOTK), general development plans (RPJMD/RPJPD/RKPD) and
    # performance reports (LKjIP) are about the whole administration; they mention e-government
    # in passing but are not evidence of SPBE practice.
    "susunan organisasi", "rencana pembangunan jangka menengah", "rencana pembangunan jangka panjang",
    "rencana kerja pemerintah daerah", "laporan kinerja",
]
# Words that put a budget activity or a team's mandate inside ICT/SPBE. A budget document
# (DPA/RKA) is about its activity, not the programme it sits in; a decree forming a team is
# about the team's subject. Without one of these in that title, the text's SPBE words come
# from the surrounding programme or the decree's boilerplate.
ICT_TITLE_TERMS = [
    "spbe", "pemerintahan berbasis elektronik", "e-government", "e government", "egovernment", "egov", "e-gov",
    "elektronik", "digital", "teknologi informasi", "teknologi informasi dan komunikasi", "tik", "ti", "it",
    "aplikasi", "perangkat lunak", "sistem informasi", "satu data", "manajemen data", "basis data", "data center",
    "pusat data", "big data", "statistik", "statistik sektoral", "jaringan komputer", "jaringan intra",
    "jaringan internet", "jaringan komunikasi", "jaringan telekomunikasi", "jaringan data", "jaringan lokal",
    "jaringan fiber", "fiber optik", "jaringan dokumentasi dan informasi hukum", "jdih", "telekomunikasi",
    "internet", "intranet", "bandwidth", "website", "web", "situs web", "laman", "portal", "domain", "server",
    "komputer", "hosting", "cloud", "lpse", "persandian", "sandi", "keamanan informasi", "siber", "cyber", "csirt",
    "smart city", "smart", "kota cerdas", "kabupaten cerdas", "command center", "control room",
    "interoperabilitas", "integrasi sistem", "integrasi layanan", "sistem penghubung layanan", "sp4n", "lapor",
    "srikandi", "manajemen pengetahuan", "layanan publik berbasis elektronik", "tanda tangan elektronik",
]
# e-office, e-planning, e-budgeting, e-kinerja ...: any "e-" service name counts as ICT.
_E_SERVICE = re.compile(r"(?<!\w)(?:e-[a-z]\w+|e(?:office|planning|budgeting|kinerja|procurement|katalog|arsip|"
                        r"surat|presensi|musrenbang|monev|learning|perizinan|government))(?!\w)")
# Words that name a team in a decree's title.
TEAM_WORDS = ["tim", "satuan tugas", "satgas", "pokja", "kelompok kerja", "panitia", "gugus tugas"]
UMBRELLA_TITLE_CUES = [
    "sistem pemerintahan berbasis elektronik", "spbe", "e-government", "e government",
    "electronic government", "tata kelola teknologi informasi",
]
REGION_DOC_TYPES = set(vocab.REGION_DOC_TYPES)

# Sections that cite or motivate rather than regulate: their passages count for less.
SECTION_WEIGHTS = {"mengingat": 0.3, "memperhatikan": 0.4, "menimbang": 0.7}

# Bump when evidence_vetoes or its word lists change: it is part of every scorer's model id, so
# batch runs classify again.
RULES_VERSION = "1"


def evidence_vetoes(meta) -> list[str]:
    """Reasons that make a document not evidence whatever its passages score (shared by every
    scorer): a national regulation the region did not issue, news, a title on a non-SPBE topic,
    the evaluation's own result (LHE), a budget activity or a team outside ICT/SPBE."""
    title = normalize(meta.title or "")
    out = []
    if meta.signals.get("national"):
        out.append("national regulation")
    if meta.doc_type == "berita":
        out.append("news")
    if any(c in title for c in NEGATIVE_TITLE_CUES):
        out.append("title names a non-SPBE topic")
    if meta.signals.get("evaluation_result"):
        out.append("SPBE evaluation result (LHE), not evidence")
    if title and not (title_has(title, ICT_TITLE_TERMS) or _E_SERVICE.search(title)):
        if meta.doc_type == "anggaran":
            out.append("budget activity outside ICT/SPBE")
        elif meta.doc_type == "sk" and title_has(title, TEAM_WORDS):
            out.append("team formed for a non-SPBE topic")
    return out


def title_has(title: str, cues) -> bool:
    """Whether one of ``cues`` stands in ``title`` as whole words."""
    return cues_regex(tuple(cues)).search(title) is not None


@lru_cache(maxsize=64)
def cues_regex(cues: tuple[str, ...]) -> re.Pattern:
    """One pattern for a list of cues: it matches where one of them stands as whole words (the
    alternation backtracks to the next cue where one fails its boundary), compiled once."""
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)")


_SEP = re.compile(r"[\s\-]+")
_WORD = re.compile(r"\w+")

WORD_CACHE_SIZE = 100_000  # distinct words whose n-gram columns a baseline keeps (about 20 MB)
PASSAGE_FLOOR = 0.2  # passage scores below this are not kept
LINK_THRESHOLD = 0.4  # a passage at or above this is linked to the indicator
EVIDENCE_THRESHOLD = 0.45


@dataclass
class BaselineConfig:
    keyword_weight: float = 0.6
    tfidf_weight: float = 0.4
    tfidf_scale: float = 0.30  # cosine at which the TF-IDF part saturates


class BaselineScorer:
    name = "baseline-tfidf-keywords"
    version = f"0.2.{RULES_VERSION}"

    def __init__(self, framework: Framework, config: BaselineConfig | None = None):
        self.framework = framework
        self.config = config or BaselineConfig()
        self.indicator_ids = [i.id for i in framework.indicators]
        self.keywords = [[normalize(k) for k in i.keywords] for i in framework.indicators]
        # A phrase shared by several indicators tells them apart less: weight 1/sqrt(df).
        df: dict[str, int] = {}
        for kws in self.keywords:
            for k in set(kws):
                df[k] = df.get(k, 0) + 1
        self.keyword_weights = [[1.0 / math.sqrt(df[k]) for k in kws] for kws in self.keywords]
        # Each distinct phrase once: its words joined by one space (what it must contain once
        # runs of spaces and hyphens are collapsed) and the indicators that list it.
        self._phrases = sorted({k for kws in self.keywords for k in kws})
        self._phrase_keys = [" ".join(w for w in _SEP.split(k.rstrip("*").strip()) if w) for k in self._phrases]
        owners: dict[str, set[int]] = {}
        for j, kws in enumerate(self.keywords):
            for k in kws:
                owners.setdefault(k, set()).add(j)
        self._phrase_owners = [sorted(owners[k]) for k in self._phrases]
        # A phrase matches only where its first word stands as a whole word (unless it is one
        # word ending in "*"): phrases are looked up by the words a text holds, the others
        # always tried. Same matches, a fraction of the tests.
        self._by_first: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, (ph, key) in enumerate(zip(self._phrases, self._phrase_keys)):
            words = key.split(" ")
            if words and _WORD.fullmatch(words[0]) and not (ph.rstrip().endswith("*") and len(words) == 1):
                self._by_first.setdefault(words[0], []).append(i)
            else:
                self._always.append(i)
        self.name_terms = [normalize(i.name) for i in framework.indicators]
        profiles = []
        for ind in framework.indicators:
            parts = [ind.name] * 3 + [ind.description] + list(ind.keywords) * 2
            parts += [lv.text for lv in ind.levels.values()]
            parts += list(ind.evidence_typical)
            profiles.append(normalize(" . ".join(parts)))
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when a baseline is built
        from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
        self.profile_matrix = self.vectorizer.fit_transform(profiles)
        # transposed once, not per call, and dense (n-grams of the profiles x indicators, a few MB):
        # a sparse-dense product adds each entry in the order the sparse-sparse one did
        self._profile_t = np.ascontiguousarray(self.profile_matrix.T.toarray())
        # char_wb n-grams never cross a word: a text's counts are the sum of its words' counts.
        # Each distinct word is cut into n-grams once (sklearn's own analyzer) and kept.
        self._analyzer = self.vectorizer.build_analyzer()
        self._vocabulary = self.vectorizer.vocabulary_
        self._idf = self.vectorizer.idf_
        self._word_columns: dict[str, tuple[int, ...]] = {}
        self._l2_rows = inplace_csr_row_normalize_l2

    @property
    def model_id(self) -> str:
        return f"{self.name}@{self.version}"

    # -- passages ------------------------------------------------------------------------
    def profile_similarity(self, norm: list[str]) -> np.ndarray:
        """Cosine of each normalized text with each indicator profile (texts x indicators)."""
        return self.tfidf(norm) @ self._profile_t

    def tfidf(self, norm: list[str]) -> sp.csr_matrix:
        """``self.vectorizer.transform(norm)``, the same matrix, without cutting every word of
        every text into n-grams again: counts summed per word from a cache, then sklearn's
        TF-IDF steps (sublinear tf, idf, l2 rows) in its own order."""
        cache = self._word_columns
        if len(cache) > WORD_CACHE_SIZE:
            cache.clear()
        vocab, analyzer = self._vocabulary, self._analyzer
        cols: list[int] = []
        indptr = [0]
        for t in norm:
            for w in t.lower().split():  # the vectorizer's preprocessing, then char_wb's split
                c = cache.get(w)
                if c is None:
                    c = cache[w] = tuple(vocab[g] for g in analyzer(w) if g in vocab)
                cols += c
            indptr.append(len(cols))
        # one entry per (text, n-gram) with its count, columns sorted in each row: CountVectorizer's
        # matrix (its float counts are exact)
        n, n_cols = len(norm), len(vocab)
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
        keys, counts = np.unique(rows * n_cols + np.array(cols, dtype=np.int64), return_counts=True)
        rows = keys // n_cols
        X = sp.csr_matrix((counts.astype(np.float64), (keys - rows * n_cols).astype(np.int32),
                           np.searchsorted(rows, np.arange(n + 1))), shape=(n, n_cols))
        np.log(X.data, X.data)
        X.data += 1.0
        X.data *= self._idf[X.indices]
        self._l2_rows(X)  # in place, what sklearn's normalize(X, "l2") runs on a CSR matrix
        return X

    def score_texts(self, texts: list[str]) -> np.ndarray:
        """Scores in [0, 1], shape (len(texts), n_indicators)."""
        if not texts:
            return np.zeros((0, len(self.indicator_ids)))
        norm = [normalize(t) for t in texts]
        sim = self.profile_similarity(norm)
        sim = np.clip(sim / self.config.tfidf_scale, 0.0, 1.0)
        kw = np.zeros_like(sim)
        for i, t in enumerate(norm):
            # A phrase can only match where its words occur with spaces/hyphens between them: a
            # substring test on the collapsed text (in C) spares the regex for every other phrase
            # without changing what matches.
            t2 = _SEP.sub(" ", t)
            hit: set[str] = set()
            owners: set[int] = set()
            cand = set(self._always)
            for w in set(_WORD.findall(t2)):
                cand.update(self._by_first.get(w, ()))
            for k in sorted(cand):
                ph, key, js = self._phrases[k], self._phrase_keys[k], self._phrase_owners[k]
                if key in t2 and phrase_regex(ph).search(t) is not None:
                    hit.add(ph)
                    owners.update(js)
            for j in owners:  # summed in the indicator's own phrase order
                hits = 0.0
                for ph, w in zip(self.keywords[j], self.keyword_weights[j]):
                    if ph in hit:
                        hits += w
                kw[i, j] = 1.0 - math.exp(-0.9 * hits)
        c = self.config
        return c.keyword_weight * kw + c.tfidf_weight * sim * np.where(kw > 0, 1.0, 0.6)

    # -- documents -----------------------------------------------------------------------
    def _evidence(self, meta, doc_scores: dict[int, float]) -> tuple[float, list[str]]:
        title = normalize(meta.title or "")
        best = sorted(doc_scores.values(), reverse=True)
        evidence = 0.7 * best[0] + 0.3 * float(np.mean(best[:3])) if best else 0.0
        vetoes = evidence_vetoes(meta)
        unattributed = meta.doc_type == "lainnya" and not meta.region and not meta.signals.get("national")
        if meta.signals.get("national") or unattributed:
            evidence *= 0.35
        if meta.doc_type == "berita":
            evidence *= 0.4
        if any(c in title for c in NEGATIVE_TITLE_CUES):
            evidence *= 0.35
        if set(vetoes) & {"SPBE evaluation result (LHE), not evidence", "budget activity outside ICT/SPBE",
                          "team formed for a non-SPBE topic"}:
            evidence *= 0.35
        if meta.doc_type in REGION_DOC_TYPES and meta.region:
            evidence = min(1.0, evidence * 1.1)
        if vetoes:  # a veto is a veto, whatever the scores
            evidence = min(evidence, EVIDENCE_THRESHOLD - 0.01)
        return round(float(evidence), 4), vetoes + (["unattributed document"] if unattributed else [])

    def evidence_from(self, meta, doc_scores: dict[int, float]) -> float:
        """The baseline's evidence score for given document-level indicator scores."""
        return self._evidence(meta, doc_scores)[0]

    def classify(self, analyzed: AnalyzedDocument) -> DocClassification:
        passages = analyzed.passages
        scores = self.score_texts([p.reading for p in passages])
        if len(passages):
            factors = np.array([SECTION_WEIGHTS.get(p.section or "", 1.0) for p in passages])
            scores = scores * factors[:, None]
        n_ind = len(self.indicator_ids)
        meta = analyzed.meta
        title = normalize(meta.title or "")
        title_scores = self.score_texts([meta.title])[0] if meta.title else np.zeros(n_ind)

        doc_scores: dict[int, float] = {}
        for j, iid in enumerate(self.indicator_ids):
            col = np.sort(scores[:, j])[::-1] if len(passages) else np.zeros(1)
            top1 = float(col[0]) if len(col) else 0.0
            top3 = float(col[:3].mean()) if len(col) else 0.0
            linked = int((col >= LINK_THRESHOLD).sum())
            s = 0.45 * top1 + 0.25 * top3 + 0.30 * float(title_scores[j]) + 0.02 * min(linked, 5)
            doc_scores[iid] = round(min(1.0, s), 4)

        # An umbrella SPBE regulation is a candidate for every policy indicator (1-10).
        umbrella = meta.doc_type in {"perda", "perbup", "perwali", "pergub"} and any(
            re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", title) for c in UMBRELLA_TITLE_CUES
        )
        if umbrella:
            for ind in self.framework.indicators:
                if ind.kind == "policy":
                    doc_scores[ind.id] = round(min(1.0, doc_scores[ind.id] + 0.25), 4)

        evidence, reasons = self._evidence(meta, doc_scores)
        kept = []
        for i, p in enumerate(passages):
            for j, iid in enumerate(self.indicator_ids):
                v = float(scores[i, j])
                if v >= PASSAGE_FLOOR:
                    kept.append(PassageScore(passage_id=p.id, indicator=iid, score=round(v, 4)))
        meta.signals["evidence_reasons"] = reasons
        return DocClassification(
            evidence_score=evidence,
            is_evidence=evidence >= EVIDENCE_THRESHOLD,
            reasons=reasons,
            indicator_scores=doc_scores,
            passage_scores=kept,
            model=self.model_id,
        )
