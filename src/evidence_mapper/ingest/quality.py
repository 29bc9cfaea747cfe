"""Text-quality score of one page of text: is this text layer worth keeping, or garbage?

The score is the share of word tokens that look like clean words, in ``[0, 1]``. A token (a
run of non-space characters, split on ``/``, outer punctuation stripped, at least two
characters and one letter) is *bad* when any of these holds:

* it carries extraction garbage: ``GLYPH<..>``, ``(cid:NN)``, U+FFFD, private-use or control
  characters (broken fonts without a ToUnicode map);
* it is not word-shaped: a symbol inside the word (``te:'padu``, ``PRES!DEN``), letters
  between digits or a digit between letters (``2OL9``, ``Pe1aksanaan``), a word that starts
  lower-case and goes upper-case (``perLrmusan``, ``trRESIDEN``), no vowel in five or more
  letters, or (outside all-caps abbreviations) five consonants in a row or one letter three
  times;
* it is a *near miss* of a frequent Indonesian word: same length, one letter different, not
  the first, and the two letters are a known OCR confusion (``dcngan`` for ``dengan``,
  ``bclum`` for ``belum``, ``meiaksanakan``) -- the signature of OCR noise.

Pure numbers, short abbreviations, dotted abbreviations (``s.d``, ``IV.a``), ``D3``/``m2``
style codes and list markers (``a.``, ``(2)``, ``1)``) are neutral. Each reason is counted,
so a low score can be explained (:class:`Quality`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

# Frequent words of Indonesian administrative and legal text (hand-picked). Used only for
# the near-miss test, so the list needs frequent words, not a full vocabulary.
COMMON_WORDS = frozenset("""
adalah adanya agar akan aktivitas anggaran antar antara apabila aplikasi arsitektur atas atau
badan bagi bagian bahwa baik banyak baru batas beberapa belanja belum berbagai berbasis
berdasarkan berikut berkaitan berlaku bersama besar bidang bupati cara daerah dalam dapat dari
data dengan dinas dokumen elektronik evaluasi gubernur hal hanya harus hasil hukum informasi
infrastruktur instansi itu jabatan jaringan jenis jika juga kabupaten kantor karena kebijakan
kegiatan keamanan kecuali kedua kegiatan kelola kemudian kepada kepala keputusan kerja ketentuan
ketua kewenangan koordinasi kota layanan lebih lembaga lingkungan maka manajemen masing masyarakat
melakukan melalui melaksanakan memiliki mempunyai menetapkan mengenai menjadi menteri menurut
menyusun merupakan milik mulai nasional negara nomor oleh pada paling panitia paragraf pasal
pejabat pelaksanaan pelayanan pembangunan pemerintah pemerintahan penetapan pengelolaan
pengembangan penyelenggaraan penyusunan perangkat peraturan perencanaan perlu pertama presiden
provinsi proses publik rencana republik sampai satu saat sebagai sebagaimana sebagian sebelum
secara sedang sehingga sejak sekretaris sekretariat selain selama seluruh semua sesuai setelah
setiap sistem sudah sumber tahun tanggal tanggung tata telah tengah tentang teknis teknologi
tempat terhadap terkait tersebut tertentu tetap tiga tim tugas tujuan umum undang untuk usaha
walikota wilayah yaitu yakni yang
ayat bab huruf lampiran menimbang mengingat memutuskan ditetapkan diundangkan pada tanggal
mempertimbangkan dimaksud diatur mengatur ketentuan penjelasan perubahan pencabutan
kebutuhan kualitas keterpaduan kesejahteraan percepatan penanganan pengawasan pengaduan
pemanfaatan penggunaan penerapan pengendalian pelaporan pembinaan pemantauan penilaian
perencanaan penganggaran pengadaan kepegawaian kearsipan keuangan kinerja organisasi
program tujuan sasaran strategi standar prosedur operasional pedoman petunjuk pelaksana
aparatur sipil pegawai negeri jabatan struktural fungsional administrasi
dibentuk dilaksanakan dilakukan diberikan digunakan diperlukan disusun ditetapkan
mewujudkan meningkatkan mendukung menyelenggarakan menyampaikan menyediakan
terpadu terintegrasi berkelanjutan akuntabel efektif efisien transparan
""".split())

_WILDCARD: dict[str, set[str]] = {}
for _w in COMMON_WORDS:
    if len(_w) >= 5:
        for _i in range(len(_w)):
            _WILDCARD.setdefault(_w[:_i] + "?" + _w[_i + 1 :], set()).add(_w)

# Letter pairs OCR engines confuse (round letters, thin strokes, split/merged strokes).
_CONFUSABLE = {frozenset(p) for p in ("ec", "eo", "oc", "ao", "ae", "ce", "il", "li", "lt", "it", "if", "ft",
                                         "rn", "nu", "un", "hb", "bh", "hn", "uv", "vy", "ij", "lj", "sa", "gq")}

_GARBAGE_RE = re.compile(r"GLYPH<[^>]*>|\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")
_SPLIT_RE = re.compile(r"[\s/]+")
_STRIP = "\"'()[]{}<>.,;:!?\u201c\u201d\u2018\u2019-\u2013\u2014\\|*\u2022\u00b7_=+#%&@~`^\u00ab\u00bb\u00b2\u00b3"
_NEUTRAL_RE = re.compile(
    r"^(?:[\d.,:%()\-+]+"  # numbers, amounts, dates
    r"|\(?[a-z0-9]{1,3}[).]"  # list markers
    r"|[^\W\d_]{1,4}(?:\.[^\W\d_]{1,4})+"  # dotted abbreviations: s.d, IV.a, S.Kom
    r"|[^\W\d_]{1,3}\d{1,3}|\d{1,3}[^\W\d_]{1,3})$"  # codes: D3, S1, m2, 3G
)
_WORD_RE = re.compile(r"^[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*$")
_ALNUM_RE = re.compile(r"^[^\W_]+(?:[-.'\u2019][^\W_]+)*$")
_MIXED_RE = re.compile(r"\d[^\W\d_]+\d|[^\W\d_]\d+[^\W\d_]")
_LOWER_UPPER_RE = re.compile(r"^[a-z][^\W\d_]*[A-Z]")
_VOWEL_RE = re.compile(r"[aeiouyAEIOUY\u00c0-\u00ff]")
_CONS5_RE = re.compile(r"[b-df-hj-np-tv-xz]{5,}", re.I)
_TRIPLE_RE = re.compile(r"(.)\1\1")


# Below this score a text layer is treated as garbage (measured on corpus-real: clean text
# layers score >= 0.9 on almost every page; see benchmarks/ingest_corpus_table.py).
GARBAGE_BELOW = 0.80
# Below this many scorable tokens a page is too short to judge.
MIN_TOKENS = 12


@dataclass
class Quality:
    score: float  # share of clean tokens (1.0 when nothing is scorable)
    tokens: int  # scorable tokens
    reasons: dict[str, int] = field(default_factory=dict)  # bad tokens per reason

    @property
    def judged(self) -> bool:
        return self.tokens >= MIN_TOKENS

    @property
    def garbage(self) -> bool:
        return self.judged and self.score < GARBAGE_BELOW

    def explain(self) -> str:
        top = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items(), key=lambda kv: -kv[1]))
        return f"quality {self.score:.2f} over {self.tokens} tokens" + (f" (bad: {top})" if top else "")


def _near_miss(low: str) -> bool:
    if len(low) < 5 or low in COMMON_WORDS:
        return False
    for i in range(1, len(low)):
        for w in _WILDCARD.get(low[:i] + "?" + low[i + 1 :], ()):
            if frozenset((w[i], low[i])) in _CONFUSABLE:
                return True
    return False


def token_reason(token: str) -> str | None:
    """Why one token is bad, or None when it is clean or neutral."""
    if _GARBAGE_RE.search(token):
        return "garbage"
    w = token.strip(_STRIP)
    if len(w) < 2 or _NEUTRAL_RE.match(w):
        return None
    if not _ALNUM_RE.match(w):
        return "shape"  # a symbol inside the word
    if _MIXED_RE.search(w):
        return "digits"
    if not _WORD_RE.match(w):
        return None  # other letter/digit codes (COVID-19, A4-2) are neutral
    for part in re.split(r"[-'\u2019]", w):
        if _LOWER_UPPER_RE.match(part):
            return "case"
        if not part.isupper():
            if len(part) >= 5 and not _VOWEL_RE.search(part):
                return "no_vowel"
            if _CONS5_RE.search(part) or _TRIPLE_RE.search(part.lower()):
                return "letters"
    if _near_miss(w.lower()):
        return "near_miss"
    return None


@lru_cache(maxsize=1 << 16)
def _classify(token: str) -> str:
    """"" (not scorable), "ok", or the reason the token is bad."""
    if _GARBAGE_RE.search(token):
        return "garbage"
    w = token.strip(_STRIP)
    if len(w) < 2 or _NEUTRAL_RE.match(w) or not any(c.isalpha() for c in w):
        return ""
    return token_reason(token) or "ok"


def text_quality(text: str) -> Quality:
    """Score one page of text (see the module docstring)."""
    n = 0
    reasons: dict[str, int] = {}
    # each distinct token classified once, in the order of its first occurrence (so reasons
    # are listed in the order a token-by-token pass finds them)
    for tok, k in Counter(_SPLIT_RE.split(text)).items():
        if not tok:
            continue
        r = _classify(tok)
        if not r:
            continue
        n += k
        if r != "ok":
            reasons[r] = reasons.get(r, 0) + k
    bad = sum(reasons.values())
    return Quality(score=round(1 - bad / n, 4) if n else 1.0, tokens=n, reasons=reasons)
