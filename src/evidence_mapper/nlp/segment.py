"""Segmentation of Indonesian legal and administrative text into passages.

Two layers:

* legal units, read from line starts: Menimbang / Mengingat / Memperhatikan / MEMUTUSKAN /
  Menetapkan / diktum KESATU.. / BAB / Pasal / ayat ``(n)`` / huruf ``a.`` / LAMPIRAN;
* sentences inside long units, by a spaCy Indonesian pipeline with the
  ``legal_sentencizer`` component below, which knows the abbreviations of Indonesian
  administrative prose ("No.", "Thn.", "tgl.", "Kab.", "Drs.", "S.Kom.") and enumerators
  ("a.", "1.", "(2)") that spaCy's default sentencizer splits on.

Every passage keeps exact character offsets into its page's text, so a span maps back to the
characters' boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

from ..types import IngestedDocument, Passage, Span
from . import layout as _layout

if TYPE_CHECKING:  # spaCy is imported when the first text is split, not with this module
    from spacy.language import Language
    from spacy.tokens import Doc

# Lower-case abbreviations (without the final dot) that do not end a sentence.
ABBREVIATIONS = frozenset(
    """
    no nomor thn th tgl tg kab kec kel ds prov kota jl jln rt rw hal hlm psl ps ayt
    dr drs dra ir h hj prof st sh se mm mh msi mt mkom skom spd mpd sip amd ak
    a.n an u.b ub yth ybs dll dsb dst dkk tsb spt sbg ttd kpts pem setda
    jan feb mar apr jun jul agu agt sep sept okt nov des
    bpk ibu sdr nip nrp pangkat gol kep perpres uu pp permen pergub perbup perwali perda
    i ii iii iv v vi vii viii ix x
    """.split()
)

_SENT_END = {".", "?", "!", ";"}

_ENUM_RE = re.compile(r"^(?:[a-z]|\d{1,3}|[ivx]{1,4})$", re.I)


def legal_sentencizer(doc: Doc) -> Doc:
    """Sentence starts for Indonesian legal prose (set on every token, in one array: setting
    ``Token.is_sent_start`` one by one rescans the whole document each time)."""
    import numpy as np
    from spacy.attrs import SENT_START

    pairs = [(t.text, t.whitespace_) for t in doc]  # one pass: each Token is made once
    texts = [x for x, _ in pairs]
    spaces = [w for _, w in pairs]
    flags = np.full(len(texts), -1, dtype=np.int64)
    for i in range(len(texts)):
        if i == 0:
            flags[0] = 1
            continue
        prev = texts[i - 1]
        start = False
        if prev in _SENT_END:
            before = texts[i - 2].lower().rstrip(".") if i >= 2 else ""
            # "No. 5", "Kab. Demak", "a. bahwa", "1. Undang-Undang": not a sentence end.
            # "S.Kom." style tokens carry their own dot.
            if prev == "." and (before in ABBREVIATIONS or _ENUM_RE.match(before) or "." in before):
                start = False
            elif texts[i][:1].islower() and prev == ".":
                start = False
            else:
                start = True
        elif "\n\n" in spaces[i - 1] or prev.count("\n") >= 2:
            start = True
        if start:
            flags[i] = 1
    if len(texts):
        doc.from_array([SENT_START], flags.view(np.uint64).reshape(-1, 1))
    return doc


_SENTENCE_CHARS = frozenset(".?!;")


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """spaCy's Indonesian tokenizer with only the exceptions that can touch a sentence end.

    ``spacy.blank("id")`` builds 15,963 tokenizer exceptions (1.7 s), nearly all hyphenated words
    ("abu-abu") that cannot end a sentence; the ones kept are those holding ``. ? ! ;`` ("a.",
    "dll.", "S.H."), so sentence boundaries are those of the full tokenizer (a test checks it).
    """
    from spacy.lang.id import Indonesian
    from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
    from spacy.language import Language

    if not Language.has_factory("legal_sentencizer"):
        Language.component("legal_sentencizer", func=legal_sentencizer)

    class _Defaults(Indonesian.Defaults):
        tokenizer_exceptions = {k: v for k, v in TOKENIZER_EXCEPTIONS.items() if _SENTENCE_CHARS & set(k)}

    class _IndonesianSentences(Indonesian):
        Defaults = _Defaults

    nlp = _IndonesianSentences()
    nlp.add_pipe("legal_sentencizer")
    return nlp


# Text is handed to spaCy in pieces of at most this many characters (spaCy refuses texts
# over its ``max_length``, 1,000,000, and its memory grows with the piece).
NLP_CHUNK = 100_000


def chunks(text: str, size: int = NLP_CHUNK) -> list[tuple[int, int]]:
    """``[a, b)`` pieces of ``text`` of at most ``size`` characters covering all of it, cut
    after a blank line, else after a line break, else after a space where one is near."""
    out: list[tuple[int, int]] = []
    a, n = 0, len(text)
    while n - a > size:
        lo, hi = a + size // 2, a + size
        cut = -1
        for sep in ("\n\n", "\n", " "):
            k = text.rfind(sep, lo, hi)
            if k >= 0:
                cut = k + len(sep)
                break
        if cut <= a:
            cut = hi
        out.append((a, cut))
        a = cut
    if a < n or not out:
        out.append((a, n))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (of any length: read in bounded pieces)."""
    out = []
    nlp = pipeline()
    for a0, b0 in chunks(text):
        doc = nlp(text[a0:b0])
        for s in doc.sents:
            a, b = a0 + s.start_char, a0 + s.end_char
            if text[a:b].strip():
                out.append((a, b))
    return out


# ---- legal units ---------------------------------------------------------------------

_SECTION_RES = [
    ("menimbang", re.compile(r"^\s*menimbang\b", re.I)),
    ("mengingat", re.compile(r"^\s*mengingat\b", re.I)),
    ("memperhatikan", re.compile(r"^\s*memperhatikan\b", re.I)),
    ("memutuskan", re.compile(r"^\s*m\s*e\s*m\s*u\s*t\s*u\s*s\s*k\s*a\s*n\b", re.I)),
    ("menetapkan", re.compile(r"^\s*menetapkan\b", re.I)),
    ("lampiran", re.compile(r"^\s*lampiran\b", re.I)),
]
_DIKTUM_RE = re.compile(
    r"^\s*(KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH)\b"
)
_BAB_RE = re.compile(r"^\s*BAB\s+([IVXLC]+|\d+)\b")
_PASAL_RE = re.compile(r"^\s*Pasal\s+(\d+[A-Z]?)\s*$|^\s*Pasal\s+(\d+[A-Z]?)\b(?=\s*$|\s*\n)", re.M)
_PASAL_LINE_RE = re.compile(r"^\s*Pasal\s+(\d+[A-Z]?)\s*$")
_AYAT_RE = re.compile(r"^\s*\((\d{1,2})\)\s")
_HURUF_RE = re.compile(r"^\s*([a-z])\.\s")
_ANGKA_RE = re.compile(r"^\s*(\d{1,3})\.\s")


@dataclass
class LegalState:
    section: str | None = None
    bab: str | None = None
    pasal: str | None = None
    ayat: str | None = None
    diktum: str | None = None

    def unit(self, huruf: str | None = None) -> str | None:
        parts = []
        if self.pasal:
            parts.append(f"Pasal {self.pasal}")
            if self.ayat:
                parts.append(f"ayat ({self.ayat})")
        elif self.diktum:
            parts.append(f"Diktum {self.diktum}")
        elif self.section:
            parts.append(self.section.replace("_", " ").capitalize())
        if huruf and parts:
            parts.append(f"huruf {huruf}")
        return " ".join(parts) or None


def _classify_line(line: str, state: LegalState) -> tuple[bool, str | None]:
    """Update ``state`` from a line; return (starts a new block, huruf label)."""
    for name, rx in _SECTION_RES:
        if rx.match(line):
            state.section = "batang_tubuh" if name == "menetapkan" else name
            if name in ("menimbang", "mengingat", "memperhatikan", "lampiran"):
                state.pasal = state.ayat = state.diktum = None
            return True, None
    m = _DIKTUM_RE.match(line)
    if m:
        state.diktum, state.pasal, state.ayat = m.group(1).capitalize(), None, None
        state.section = "batang_tubuh"
        return True, None
    m = _BAB_RE.match(line)
    if m:
        state.bab, state.pasal, state.ayat = m.group(1), None, None
        if state.section not in ("lampiran",):
            state.section = "batang_tubuh"
        return True, None
    m = _PASAL_LINE_RE.match(line)
    if m:
        state.pasal, state.ayat = m.group(1), None
        if state.section not in ("lampiran",):
            state.section = "batang_tubuh"
        return True, None
    m = _AYAT_RE.match(line)
    if m:
        state.ayat = m.group(1)
        return True, None
    m = _HURUF_RE.match(line)
    if m:
        return True, m.group(1)
    if _ANGKA_RE.match(line):
        return True, None
    return False, None


MAX_PASSAGE = 700  # characters; longer blocks are split into sentences
MIN_PASSAGE = 40  # shorter blocks (headings) are merged into the next one


def segment_page(text: str, page_no: int, doc_sha: str, state: LegalState, source: str = "text",
                 page_boxes=None, skip: list[tuple[int, int]] | None = None, lines=None,
                 carried: tuple[str, int] | None = None) -> list[Passage]:
    """Passages of one page; ``state`` carries the legal context across pages.

    ``skip``: character ranges of lines that are never part of a passage (page furniture,
    see :mod:`.layout`). Table rows (tab-separated cells) become one passage each, with the
    table's header row as their ``context``. ``carried``: the header context and number of
    cells of a table that ended the previous page; a table without a header of its own that
    opens this page with as many cells continues it (see :func:`page_tables`)."""
    furniture_starts = {a for a, _ in (skip or [])}
    barrier = set(furniture_starts)  # start offsets of lines that end the running block
    rows: dict[int, tuple[int, str | None]] = {}  # row start -> (row end, header context)
    found = _layout.tables(text, source)
    for k, t in enumerate(found):
        ctx = _layout.header_context(text, t.header)
        if k == 0 and ctx is None and carried and t.rows and _opens(text, t.rows[0][0], skip) \
                and _ncells(text, t.rows[0]) == carried[1]:
            ctx = carried[0]
        if t.header is not None:
            barrier.add(t.header[0])
        for a, b in t.rows:
            rows[a] = (b, ctx)
    geo = _layout.layout_breaks(page_boxes, lines) if page_boxes is not None else {}
    blocks: list[tuple[int, int, str | None, str | None, bool]] = []  # start, end, unit, section, after a cut
    row_passages: list[tuple[int, int, str | None, str | None, str | None]] = []
    pos = 0
    cur_start: int | None = None
    cur_unit: str | None = None
    cur_section: str | None = None
    cut = False
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        if start in barrier or start in rows:
            if cur_start is not None:
                blocks.append((cur_start, start, cur_unit, cur_section, cut))
                cur_start = None
            cut = True
            if start in rows and start not in furniture_starts:  # a table row that is furniture stays out
                row_passages.append((start, rows[start][0], state.unit(), state.section, rows[start][1]))
            continue
        if not line.strip():
            if cur_start is not None:
                blocks.append((cur_start, start, cur_unit, cur_section, cut))
                cur_start, cut = None, False
            continue
        new_block, huruf = _classify_line(line, state)
        new_block = new_block or start in geo
        if new_block and cur_start is not None:
            blocks.append((cur_start, start, cur_unit, cur_section, cut))
            cur_start, cut = None, False
        if geo.get(start) == "jump":
            cut = True
        if cur_start is None:
            cur_start = start
            cur_unit = state.unit(huruf)
            cur_section = state.section
    if cur_start is not None:
        blocks.append((cur_start, len(text), cur_unit, cur_section, cut))

    # Merge headings and fragments into the block that follows them (never across furniture
    # or a table row).
    merged: list[list] = []
    carry: list | None = None
    for a, b, unit, sec, after_cut in blocks:
        if carry is not None and after_cut:
            merged.append(carry)
            carry = None
        if carry is not None:
            a = carry[0]
            unit = unit or carry[2]
            carry = None
        if len(text[a:b].strip()) < MIN_PASSAGE:
            carry = [a, b, unit, sec]
            continue
        merged.append([a, b, unit, sec])
    if carry is not None:
        if merged and carry[0] - merged[-1][1] < 3:
            merged[-1][1] = carry[1]
        else:
            merged.append(carry)

    spans: list[tuple[int, int, str | None, str | None, str | None]] = []
    for a, b, unit, sec in merged:
        ranges = [(a, b)]
        if b - a > MAX_PASSAGE:
            ranges = _pack(split_sentences(text[a:b]), a)
        spans.extend((s, e, unit, sec, None) for s, e in ranges)
    spans.extend(row_passages)
    spans.sort(key=lambda x: x[0])

    passages: list[Passage] = []
    for s, e, unit, sec, ctx in spans:
        # Trim whitespace so offsets point at text.
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        body = " ".join(text[s:e].split())
        boxes = _layout.line_boxes(page_boxes, s, e) if page_boxes is not None else []
        bbox = _layout.union(boxes) if boxes else None
        passages.append(
            Passage(
                id=f"p{page_no}:{s}-{e}",
                text=body,
                span=Span(doc_sha256=doc_sha, page=page_no, char_start=s, char_end=e, bbox=bbox,
                          source=source, legal_unit=unit, boxes=boxes or None,
                          ocr_confidence=_ocr_confidence(page_boxes, s, e)),
                section=sec,
                context=ctx,
            )
        )
    return passages


def _ocr_confidence(page, s: int, e: int) -> float | None:
    """Mean OCR word confidence (0-1) of characters ``[s, e)`` of an OCR page; the page's mean
    when it has no per-character confidences; None for text that was not OCRed."""
    if page is None or getattr(page, "ocr_confidence", None) is None:
        return None
    confs = getattr(page, "char_conf", None)
    if confs:
        vals = [c for c in confs[s:e] if c is not None]
        return round(sum(vals) / len(vals), 4) if vals else None
    # no per-character confidences (a page read back from a workspace): the page's mean, for
    # pages that are all OCR (a text page with OCRed images mixes both)
    return page.ocr_confidence if page.source == "ocr" else None


def _pack(sents: list[tuple[int, int]], offset: int, target: int = 450) -> list[tuple[int, int]]:
    """Group consecutive sentences into chunks of about ``target`` characters."""
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in sents:
        if cur is None:
            cur = (a, b)
        elif (b - cur[0]) <= target:
            cur = (cur[0], b)
        else:
            out.append(cur)
            cur = (a, b)
    if cur is not None:
        out.append(cur)
    return [(a + offset, b + offset) for a, b in out]


def _ncells(text: str, row: tuple[int, int]) -> int:
    return text[row[0]:row[1]].count("\t") + 1


def _opens(text: str, start: int, skip: list[tuple[int, int]] | None) -> bool:
    """True when nothing but furniture and blank lines stands before ``start``."""
    pos = 0
    for ln in text[:start].split("\n"):
        a, pos = pos, pos + len(ln) + 1
        if ln.strip() and not any(s <= a < e for s, e in (skip or [])):
            return False
    return True


def _closes(text: str, end: int, skip: list[tuple[int, int]] | None) -> bool:
    """True when nothing but furniture and blank lines stands after ``end``."""
    pos = end
    for ln in text[end:].split("\n"):
        a, pos = pos, pos + len(ln) + 1
        if ln.strip() and not any(s <= a < e for s, e in (skip or [])):
            return False
    return True


def page_tables(text: str, source: str, skip: list[tuple[int, int]] | None,
                carried: tuple[str, int] | None) -> tuple[str, int] | None:
    """What a page hands on to the next one: the header context and number of cells of the
    table that ends it (its own header's, or the one it carried on), else None."""
    found = _layout.tables(text, source)
    if not found or not found[-1].rows or not _closes(text, found[-1].rows[-1][1], skip):
        return None
    last = found[-1]
    ctx = _layout.header_context(text, last.header)
    if ctx is None and len(found) == 1 and carried and _opens(text, last.rows[0][0], skip) \
            and _ncells(text, last.rows[0]) == carried[1]:
        return carried
    return (ctx, _ncells(text, last.header)) if ctx else None


def segment_document(doc: IngestedDocument) -> list[Passage]:
    state = LegalState()
    lines: dict = {}  # each page's lines, found once for furniture and layout breaks
    furn = _layout.furniture(doc, lines)
    out: list[Passage] = []
    carried: tuple[str, int] | None = None  # a table running over the page break: its header
    for page in doc.pages:
        if not page.text.strip():
            continue
        skip = furn.get(page.number)
        out.extend(segment_page(page.text, page.number, doc.sha256, state, source=page.source, page_boxes=page,
                                skip=skip, lines=lines.get(page.number), carried=carried))
        carried = page_tables(page.text, page.source, skip, carried) if page.source != "cell" else None
    return out
