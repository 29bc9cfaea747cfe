"""Per-file ingestion errors: each names the file and a reason kind a batch can report."""

from __future__ import annotations

from ..errors import EvidenceMapperError

REASONS = {
    "empty": "file is empty",
    "unsupported": "file type is not supported",
    "encrypted": "file is encrypted / password protected",
    "corrupt": "file is damaged and cannot be read",
    "too_large": "file exceeds the configured limit",
    "no_text": "no usable text",
    "ocr_failed": "OCR failed",
    "not_found": "file not found",
    "timeout": "processing exceeded the time limit",
    "unsafe": "unsafe path: an archive member that is absolute, '..' or a link, or a symbolic link in a folder",
}


class IngestError(EvidenceMapperError):
    """A file could not be ingested. ``kind`` is one of :data:`REASONS`."""

    def __init__(self, path: str, kind: str, detail: str = ""):
        self.path = str(path)
        self.kind = kind
        self.detail = detail
        msg = f"{self.path}: {REASONS.get(kind, kind)}"
        if detail:
            msg += f" ({detail})"
        super().__init__(msg)
