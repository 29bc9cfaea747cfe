"""NLP: passages with legal units, and document metadata."""

from __future__ import annotations

from ..types import AnalyzedDocument, IngestedDocument
from .metadata import extract_metadata
from .segment import segment_document, split_sentences

__all__ = ["analyze", "extract_metadata", "segment_document", "split_sentences"]


def analyze(doc: IngestedDocument) -> AnalyzedDocument:
    passages = segment_document(doc)
    meta = extract_metadata("\n".join(p.text for p in doc.pages if p.text))
    return AnalyzedDocument(doc=doc, meta=meta, passages=passages)
