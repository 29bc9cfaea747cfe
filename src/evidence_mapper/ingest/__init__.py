"""Ingest: file bytes -> pages of positioned text.

One reader per input kind behind :func:`ingest_file`; the kind is sniffed from the bytes.
Every failure is an :class:`IngestError` that names the file and the reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..types import IngestedDocument
from . import sniff as _sniff
from .errors import IngestError
from .pdf import read_pdf_pages
from .text import read_text_pages

__all__ = ["IngestError", "Limits", "ingest_file", "sha256_file", "iter_files", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".text", ".md"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 3000


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ingest_file(path: str | Path, limits: Limits = Limits()) -> IngestedDocument:
    """Read one file into pages of positioned text.

    Raises :class:`IngestError` (naming the file) for empty, unsupported, encrypted,
    corrupt or oversized input.
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
    digest = sha256_file(p)
    if media == _sniff.PDF:
        pages, notes, _total = read_pdf_pages(p, max_pages=limits.max_pages)
        if not pages:
            raise IngestError(str(p), "empty", "PDF has no pages")
    elif media in (_sniff.TEXT, _sniff.HTML):
        data = p.read_bytes()
        pages = read_text_pages(p, data)
        notes = []
        if not any(pg.text.strip() for pg in pages):
            raise IngestError(str(p), "empty", "no text")
    else:
        kind = {
            _sniff.PNG: "image (PNG)", _sniff.JPEG: "image (JPEG)", _sniff.TIFF: "image (TIFF)",
            _sniff.DOCX: "DOCX", _sniff.XLSX: "XLSX", _sniff.ZIP: "ZIP archive", _sniff.OLE: "legacy Office",
        }.get(media, "unknown binary")
        raise IngestError(str(p), "unsupported", f"{kind}; not readable yet")
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
