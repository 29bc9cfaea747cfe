"""What an assessor reads off a document before its text: a picture or a document, and the
status of a regulation whose scan hid part of its signature block."""

from __future__ import annotations

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
REGULATION_TYPES = ("perda", "perbup", "perwali", "pergub", "sk", "se")


def is_image(doc) -> bool:
    """A picture (a screenshot or a photo), not a document: its type read from OCR is a guess."""
    return doc.path.lower().endswith(IMAGE_SUFFIXES)


def effective_status(doc) -> str:
    """The status an assessor reads: a regulation or decree with its number and year is
    enacted even when the scan hid the signature block (drafts are unnumbered)."""
    m = doc.meta
    if (m.status == "unknown" and m.doc_type in REGULATION_TYPES and m.number and m.year
            and not is_image(doc)):
        return "enacted"
    return m.status
