"""Per-file limits of ingestion (sizes, pages, pixels, time, archives) and OCR settings."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import IngestError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024  # one file (or one archive member)
    max_pages: int = 3000  # pages of a PDF, frames of a TIFF
    max_pixels: int = 100_000_000  # one image (checked from its header, before decoding)
    # a page image drawn for the review viewer (scaled down to fit; never above max_pixels)
    view_max_pixels: int = 4_000_000
    max_seconds: float = 900.0  # wall time for one file, OCR included
    # OCR
    ocr: bool = True  # OCR pages without a usable text layer, and images
    ocr_lang: str = "ind"  # tesseract languages, e.g. "ind+eng"
    ocr_dpi: int = 300  # resolution pages are rendered (or scans scaled) to for OCR
    ocr_workers: int = 0  # parallel tesseract processes; 0 = one per core
    # Images on pages that do have a text layer (diagrams, scanned inserts): OCR the area the
    # images cover when it is at least this share of the page (0 = never), at this dpi, on
    # at most this many pages per file; their words are added to the page's text.
    ocr_images_min_coverage: float = 0.15
    ocr_images_dpi: int = 450  # the highest resolution an image area is read at
    ocr_images_max_pages: int = 20
    # Look at each image before reading it (ingest/imagetext.py): only images with lines of text
    # are read, once, at the resolution their glyph size needs (at least ocr_images_dpi_floor).
    # False: every image area is read, twice (page and sparse-text segmentation), at ocr_images_dpi.
    ocr_images_look: bool = True
    ocr_images_dpi_floor: int = 200
    # Look at a drawn page without a text layer (vector graphics, no scan image) before reading
    # it: a blank or pure-graphics page (fewer glyphs in lines of text than imagetext's
    # MIN_LINE_GLYPHS) is not sent to OCR. False: every such page is read.
    ocr_pages_look: bool = True
    # Archives (ZIP)
    max_archive_members: int = 2000
    max_archive_bytes: int = 1024 * 1024 * 1024  # total uncompressed size of all members
    max_archive_ratio: float = 200.0  # uncompressed / compressed, per member and in total
    max_archive_depth: int = 3  # archives inside archives


class Deadline:
    """Wall-clock budget of one file."""

    def __init__(self, seconds: float, path: str):
        self.at = time.monotonic() + seconds
        self.seconds = seconds
        self.path = path

    @property
    def left(self) -> float:
        return self.at - time.monotonic()

    def check(self, what: str = "") -> None:
        if self.left <= 0:
            raise IngestError(self.path, "timeout", f"over {self.seconds:g} s" + (f" ({what})" if what else ""))
