"""Plain data passed between the stages (ingest -> nlp -> classify -> score -> store).

No stage type holds a database handle or a model: each is a dataclass that can be turned into
JSON with :func:`to_dict`.

Coordinates: every ``bbox`` is ``(x0, y0, x1, y1)`` in PDF points (1/72 inch) with the
origin at the TOP-left of the page (PDF's native origin is bottom-left; ingest converts).
For images the unit is the image pixel scaled to 72 dpi, so boxes are comparable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BBox = tuple[float, float, float, float]


@dataclass
class Span:
    """Where a piece of evidence stands, the same way for every source kind.

    ``char_start``/``char_end`` index into the text of ``page`` (1-based page number).
    ``bbox`` is the union of the boxes of the characters in the span, top-left origin.
    """

    doc_sha256: str
    page: int
    char_start: int
    char_end: int
    bbox: BBox | None = None
    source: str = "text"  # "text" | "ocr" | "docx" | "cell" | "plain"
    ocr_confidence: float | None = None
    legal_unit: str | None = None  # e.g. "Pasal 5 ayat (2)"
    coord_origin: str = "top-left"
    # One box per line of the span (a new box at each line break, column change or vertical
    # jump); ``bbox`` is their union. None for sources without positions.
    boxes: list[BBox] | None = None


@dataclass
class Page:
    number: int  # 1-based
    text: str
    width: float | None = None  # points
    height: float | None = None
    # One box per character of ``text`` (None for characters without a box, e.g. inserted
    # line breaks). Kept out of JSON dumps; stored compactly by the workspace.
    char_boxes: list[BBox | None] | None = None
    source: str = "text"  # how the text was obtained: text | ocr | plain | docx | cell
    ocr_confidence: float | None = None
    # OCR pages: one confidence (0-1) per character of ``text``, its word's (None for separators
    # and for text that was not OCRed). Kept out of JSON dumps, like ``char_boxes``.
    char_conf: list[float | None] | None = None

    def bbox_for(self, start: int, end: int) -> BBox | None:
        """Union box of characters ``[start, end)``; None when no character has a box."""
        if not self.char_boxes:
            return None
        from .vocab import bbox_union

        return bbox_union(self.char_boxes[max(0, start) : max(start, end)], 2)


@dataclass
class TopologyFact:
    """One network fact read from a topology diagram, tied to the label it comes from.

    ``kind``: device | isp | bandwidth | unit | link | redundancy. ``value`` is the
    normalized fact (``router``, ``Telkom``, ``100 Mbps``, ``Dinas Kesehatan``, ``two_isps``);
    ``label`` the diagram label as read; ``bbox`` its box (top-left origin, points) on
    ``page``; ``words`` the words it was built from. For links, ``ends`` are the two labels
    joined and ``basis`` says how the link was found: ``line`` (a drawn line) or
    ``proximity`` (no lines available: nearest hub). ``detail`` holds extras (bandwidth,
    medium, role, ISP).
    """

    kind: str
    value: str
    label: str
    page: int
    bbox: BBox | None = None
    words: list[str] = field(default_factory=list)
    basis: str | None = None  # "line" | "proximity" (links and what they carry)
    ends: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)
    source: str = "text"  # page source: text | ocr | text+ocr


@dataclass
class IngestedDocument:
    path: str
    sha256: str
    size: int
    media_type: str  # "application/pdf", "text/plain", ...
    pages: list[Page]
    skipped: list[str] = field(default_factory=list)  # per-page notes (e.g. "page 3: no text layer")
    topology: list[TopologyFact] = field(default_factory=list)  # facts read from network diagrams

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)

    @property
    def ocr_pages(self) -> int:
        return sum(1 for p in self.pages if p.source == "ocr")


@dataclass
class Passage:
    """A unit of text that evidence links point at: a sentence or a legal unit (ayat/pasal)."""

    id: str  # stable within a document: "p{page}:{start}-{end}"
    text: str
    span: Span
    section: str | None = None  # "menimbang" | "mengingat" | "memutuskan" | "batang_tubuh" | "lampiran" | ...
    context: str | None = None  # a table row's column names (its table's header row), " | "-joined

    @property
    def reading(self) -> str:
        """The passage as classifiers and criteria read it: a table row after its column names."""
        return f"{self.context}: {self.text}" if self.context else self.text


@dataclass
class DocMeta:
    doc_type: str = "lainnya"
    number: str | None = None
    year: int | None = None
    title: str | None = None
    issuer: str | None = None
    status: str = "unknown"  # enacted | draft | unknown
    region: str | None = None
    signals: dict[str, Any] = field(default_factory=dict)  # why: matched cues


@dataclass
class AnalyzedDocument:
    doc: IngestedDocument
    meta: DocMeta
    passages: list[Passage]


@dataclass
class PassageScore:
    passage_id: str
    indicator: int
    score: float


@dataclass
class DocClassification:
    evidence_score: float
    is_evidence: bool
    indicator_scores: dict[int, float]  # document-level score per indicator
    passage_scores: list[PassageScore]  # only scores above the model's floor
    model: str
    doc_type: str | None = None  # set when a model decided the type the metadata rules could not
    reasons: list[str] = field(default_factory=list)  # why the document is not evidence (rule vetoes)
    indicator_relevance: dict[int, float] = field(default_factory=dict)  # P(evidence for the indicator)


@dataclass
class EvidenceLink:
    criterion_id: str
    criterion_text: str
    level: int
    doc_sha256: str
    doc_path: str
    passage_id: str
    span: Span
    quote: str


@dataclass
class CriterionResult:
    criterion_id: str
    level: int
    text: str
    state: str  # "met" | "not_met" | "unclear"
    links: list[EvidenceLink] = field(default_factory=list)


@dataclass
class Proposal:
    framework: str
    indicator: int
    level: int | None  # None = insufficient evidence (a gap)
    level_name: str | None
    confidence: float
    state: str  # "proposed" | "insufficient_evidence"
    criteria: list[CriterionResult]
    links: list[EvidenceLink]  # the links behind the proposed level (levels 1..level)
    notes: list[str] = field(default_factory=list)  # documents set aside and why (validity rules)
    # A higher criterion met while a lower one is not: shown to the assessor, never hidden.
    contradiction: bool = False
    # Extras for the assessor (JSON-ready): "contradiction" {met_above, unmet_below, ladder_level},
    # "findings" (recommendations, plans, absences about this indicator: gap material),
    # "services" (applications recognised and the functions they evidence), "uncertainty".
    detail: dict[str, Any] = field(default_factory=dict)


def to_dict(obj: Any) -> Any:
    """JSON-ready dict of a stage dataclass, without per-character boxes."""
    d = asdict(obj)

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("char_boxes", "char_conf")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        if isinstance(x, tuple):
            return [strip(v) for v in x]
        return x

    return strip(d)
