"""Ingest: file bytes -> pages of positioned text.

One reader per input kind behind :func:`ingest_file`; the kind is sniffed from the bytes,
never taken from the name. Every failure is an :class:`IngestError` that names the file and
the reason. :func:`ingest_path` also opens archives and yields one entry per document inside.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from ..types import IngestedDocument, Page
from . import sniff as _sniff
from .errors import IngestError
from .image import read_image
from .limits import Deadline, Limits
from .pdf import read_pdf
from .text import read_text_pages

__all__ = ["IngestError", "Limits", "ingest_file", "sha256_file", "iter_files", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".text", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}

Reader = Callable[[Path, Limits, Deadline], tuple[list[Page], list[str]]]


def _read_text(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Page], list[str]]:
    pages = read_text_pages(path, path.read_bytes())
    if not any(pg.text.strip() for pg in pages):
        raise IngestError(str(path), "empty", "no text")
    return pages, []


READERS: dict[str, Reader] = {
    _sniff.PDF: read_pdf,
    _sniff.TEXT: _read_text,
    _sniff.HTML: _read_text,
    _sniff.PNG: read_image,
    _sniff.JPEG: read_image,
    _sniff.TIFF: read_image,
}

_UNSUPPORTED = {
    _sniff.DOCX: "DOCX", _sniff.XLSX: "XLSX", _sniff.ZIP: "ZIP archive",
    _sniff.OLE: "legacy Office (.doc/.xls): save it as .docx/.xlsx or PDF",
}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ingest_file(path: str | Path, limits: Limits = Limits()) -> IngestedDocument:
    """Read one file into pages of positioned text.

    Raises :class:`IngestError` (naming the file) for empty, unsupported, encrypted,
    corrupt or oversized input, failed OCR, or a file over its time limit.
    """
    p = Path(path)
    if not p.is_file():
        raise IngestError(str(p), "not_found")
    size = p.stat().st_size
    if size == 0:
        raise IngestError(str(p), "empty")
    if size > limits.max_bytes:
        raise IngestError(str(p), "too_large", f"{size} bytes > limit {limits.max_bytes}")
    media = _sniff.sniff(p)
    reader = READERS.get(media)
    if reader is None:
        kind = _UNSUPPORTED.get(media, "unknown binary")
        raise IngestError(str(p), "unsupported", f"{kind}; not readable")
    deadline = Deadline(limits.max_seconds, str(p))
    digest = sha256_file(p)
    pages, notes = reader(p, limits, deadline)
    if not pages:
        raise IngestError(str(p), "empty", "no pages")
    return IngestedDocument(path=str(p), sha256=digest, size=size, media_type=media, pages=pages, skipped=notes)


def iter_files(paths: list[str | Path]) -> list[Path]:
    """Files named directly, and every regular file below named folders (sorted, no hidden)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            out.append(p)
    return out
