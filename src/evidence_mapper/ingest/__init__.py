"""Ingest: file bytes -> pages of positioned text.

One reader per input kind behind :func:`ingest_file`; the kind is sniffed from the bytes,
never taken from the name. Every failure is an :class:`IngestError` that names the file and
the reason. :func:`ingest_path` also opens archives and yields one entry per document inside.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterator

from ..types import IngestedDocument, Page
from . import sniff as _sniff
from .archive import Known, iter_archive
from .errors import IngestError
from .image import read_image
from .limits import Deadline, Limits
from .markup import read_html
from .pdf import read_pdf
from .sheet import read_csv, read_xlsx
from .text import read_text_pages
from .topology import document_facts
from .word import read_docx

__all__ = ["IngestError", "Known", "Limits", "ingest_file", "ingest_path", "sha256_file", "iter_files",
           "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".text", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".xlsx",
                      ".csv", ".tsv", ".html", ".htm", ".zip"}

Reader = Callable[[Path, Limits, Deadline], tuple[list[Page], list[str]]]


def _read_text(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Page], list[str]]:
    pages = read_text_pages(path, path.read_bytes())
    if not any(pg.text.strip() for pg in pages):
        raise IngestError(str(path), "empty", "no text")
    return pages, []


READERS: dict[str, Reader] = {
    _sniff.PDF: read_pdf,
    _sniff.TEXT: _read_text,
    _sniff.HTML: read_html,
    _sniff.CSV: read_csv,
    _sniff.PNG: read_image,
    _sniff.JPEG: read_image,
    _sniff.TIFF: read_image,
    _sniff.DOCX: read_docx,
    _sniff.XLSX: read_xlsx,
}

_UNSUPPORTED = {
    _sniff.ZIP: "ZIP archive: open it with ingest_path (one entry per document inside)",
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
    mismatch = _sniff.name_mismatch(p, media)
    if mismatch:
        raise IngestError(str(p), "unsupported", mismatch)
    reader = READERS.get(media)
    if media == _sniff.OLE and _sniff.is_encrypted_office(p):
        raise IngestError(str(p), "encrypted", "password-protected Office document")
    if reader is None:
        kind = _UNSUPPORTED.get(media, "unknown binary")
        raise IngestError(str(p), "unsupported", f"{kind}; not readable")
    deadline = Deadline(limits.max_seconds, str(p))
    digest = sha256_file(p)
    pages, notes = reader(p, limits, deadline)
    if not pages:
        raise IngestError(str(p), "empty", "no pages")
    try:  # network diagrams: facts from positioned words (and the PDF's drawn lines)
        facts, topo_notes = document_facts(pages, p if media == _sniff.PDF else None)
    except Exception as e:  # a diagram reader bug must not lose the document
        facts, topo_notes = [], [f"topology: not read ({type(e).__name__}: {e})"]
    return IngestedDocument(path=str(p), sha256=digest, size=size, media_type=media, pages=pages,
                            skipped=notes + topo_notes, topology=facts)


def _one(p: Path, shown: str, limits: Limits, skip: Callable[[str], bool] | None
         ) -> tuple[str, IngestedDocument | IngestError | Known]:
    """Ingest one plain file, reported under ``shown``; errors are returned, not raised."""
    try:
        if skip is not None and p.is_file() and p.stat().st_size:
            digest = sha256_file(p)
            if skip(digest):
                return shown, Known(digest)
        doc = ingest_file(p, limits)
        doc.path = shown
        return shown, doc
    except IngestError as e:
        return shown, e if e.path == shown else IngestError(shown, e.kind, e.detail)
    except Exception as e:  # a reader bug must not stop a batch
        return shown, IngestError(shown, "corrupt", f"{type(e).__name__}: {e}")


def ingest_path(path: str | Path, limits: Limits = Limits(), skip: Callable[[str], bool] | None = None
                ) -> Iterator[tuple[str, IngestedDocument | IngestError | Known]]:
    """One entry per document in ``path``: ``(submission path, document or error)``.

    A plain file yields one entry; a ZIP archive yields one per member, named
    ``archive.zip/folder/file.pdf``, nested archives included (see :mod:`.archive`).
    Errors are yielded, never raised. With ``skip``, a document whose sha256 it accepts is not
    read and comes back as :class:`Known` (e.g. already in the workspace).
    """
    p = Path(path)
    shown = str(p)
    if p.is_symlink():  # never followed: it may point anywhere (/etc/passwd, another workspace)
        yield shown, IngestError(shown, "unsafe", "symbolic link (not followed)")
        return
    if not p.is_file():
        yield shown, IngestError(shown, "not_found")
        return
    try:
        size = p.stat().st_size
        media = _sniff.sniff(p) if size else None
    except OSError as e:
        yield shown, IngestError(shown, "corrupt", str(e))
        return
    if media == _sniff.ZIP:
        if size > limits.max_bytes:
            yield shown, IngestError(shown, "too_large", f"{size} bytes > limit {limits.max_bytes}")
            return
        yield from iter_archive(p, shown, limits, lambda f, name: _one(f, name, limits, skip))
    else:
        yield _one(p, shown, limits, skip)


def iter_files(paths: list[str | Path]) -> list[Path]:
    """Files named directly, and every regular file below named folders (sorted, no hidden).

    Symbolic links below a folder (to files or folders) are listed, never followed:
    :func:`ingest_path` refuses them as ``unsafe``, as archive members that are links."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not p.is_symlink():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False):
                r = Path(root)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for d in dirs:
                    if (r / d).is_symlink():
                        found.append(r / d)
                found.extend(r / f for f in files
                             if not f.startswith(".") and ((r / f).is_symlink() or (r / f).is_file()))
            out.extend(sorted(found))
        else:
            out.append(p)
    return out
