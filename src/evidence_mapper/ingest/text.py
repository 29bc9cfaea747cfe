"""Plain-text files: one page per form feed, or the whole file as one page."""

from __future__ import annotations

from pathlib import Path

from ..types import Page


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_text_pages(path: Path, data: bytes) -> list[Page]:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\f") if "\f" in text else [text]
    return [Page(number=i + 1, text=t, source="plain") for i, t in enumerate(parts)]
