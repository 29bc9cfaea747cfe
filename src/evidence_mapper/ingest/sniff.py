"""Decide what a file is by its bytes, not its name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

PDF = "application/pdf"
TEXT = "text/plain"
HTML = "text/html"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE = "application/x-ole-storage"  # legacy .doc/.xls
UNKNOWN = "application/octet-stream"


def sniff_bytes(head: bytes, path: Path | None = None) -> str:
    """Media type from the first bytes of a file (and, for ZIP containers, its member names)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return OLE
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if path is not None:
            try:
                with zipfile.ZipFile(path) as z:
                    names = set(z.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
            except (zipfile.BadZipFile, OSError):
                return ZIP
        return ZIP
    # Readers accept junk before the header; checked after the magic numbers, so an uncompressed
    # ZIP whose first member is a PDF stays a ZIP.
    if b"%PDF-" in head[:1024]:
        return PDF
    sample = head[:4096]
    if not sample:
        return UNKNOWN
    if b"\x00" in sample:
        return UNKNOWN
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            return UNKNOWN
    # A text file is mostly printable characters.
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t\f")
    if printable / max(1, len(text)) < 0.95:
        return UNKNOWN
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html")) or _HTML_RE.search(low[:4096]):
        return HTML
    return TEXT


_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]")


def sniff(path: Path) -> str:
    """Media type of a file from its bytes. The name is used only to tell a CSV (``.csv``,
    ``.tsv``) from other plain text, which bytes cannot."""
    with open(path, "rb") as f:
        head = f.read(8192)
    kind = sniff_bytes(head, path)
    if kind == TEXT and path.suffix.lower() in (".csv", ".tsv"):
        return CSV
    return kind


def is_encrypted_office(path: Path, limit: int = 4 * 1024 * 1024) -> bool:
    """An OLE file holding a password-protected DOCX/XLSX (an ``EncryptedPackage`` stream)."""
    with open(path, "rb") as f:
        data = f.read(limit)
    return "EncryptedPackage".encode("utf-16-le") in data


# Extensions of binary formats: a file so named whose bytes are plain text is not what it
# claims (a renamed note, a forged "document"), so it is refused rather than read as text.
_BINARY_NAMES = {
    ".pdf": "a PDF", ".docx": "a Word document", ".doc": "a Word document", ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook", ".png": "a PNG image", ".jpg": "a JPEG image", ".jpeg": "a JPEG image",
    ".tif": "a TIFF image", ".tiff": "a TIFF image", ".zip": "a ZIP archive", ".pptx": "a PowerPoint file",
    ".odt": "an OpenDocument file", ".ods": "an OpenDocument file",
}


def name_mismatch(path: Path, media: str) -> str | None:
    """Why a file's bytes contradict its name in a way that is refused, else None: text (or
    HTML) bytes under the name of a binary format. Binary formats under another binary name
    (a PDF named ``.docx``) are read as what their bytes are."""
    claimed = _BINARY_NAMES.get(path.suffix.lower())
    if claimed and media in (TEXT, HTML, CSV):
        what = "HTML" if media == HTML else "plain text"
        return f"named {path.suffix.lower()} but its bytes are {what}, not {claimed}"
    return None
