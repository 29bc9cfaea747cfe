"""OCR of the image areas of text pages: every tesseract read its own job, each image read once.

An image area that holds labels scattered over a drawing is read twice, as a page (page
segmentation 3) and as sparse text (11), and the second read adds the words the first has none
at; prose is read once, as a page (see :class:`.pdf.ImageLooks`). Before, both reads of an area
ran one after the other in one job, so a document with one diagram kept one core busy and the
others idle, and its largest diagram decided how long the document took. Here:

* every read is a job of its own, the largest images first, on a pool of
  ``Limits.ocr_workers`` threads (one tesseract process each): the two reads of a diagram run
  side by side;
* a read is kept by what it read (the grey pixels, the dpi, the page segmentation and the
  languages; tesseract gives the same words for the same input), in a bounded cache shared by
  the pages and the documents of this process: the same picture on several pages or in several
  documents of a batch is read once;
* the words are combined exactly as a single job combined them, so the text is the same; they
  are laid out as a scanned page is (:func:`.ocr.page_layout`): table rows as lines of
  tab-separated cells, each character with its word's confidence.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterator

from PIL import Image

from . import ocr as _ocr

# Reads kept (words of one image at one dpi, segmentation and languages): a few hundred words
# each, so a few MiB at most.
CACHE_READS = 256

_cache: OrderedDict[tuple, list[_ocr.Word]] = OrderedDict()
_cache_lock = threading.Lock()
stats = {"reads": 0, "cached": 0}  # tesseract reads made / answered from the cache, this process


def _key(img: Image.Image, dpi: int, psm: int, lang: str) -> tuple:
    return (hashlib.sha1(img.tobytes()).digest(), img.size, img.mode, int(dpi), psm, lang)


def read_words(img: Image.Image, *, lang: str, dpi: int, psm: int, deadline: float, key: tuple | None = None
               ) -> list[_ocr.Word]:
    """Tesseract's words of ``img`` (page segmentation ``psm``), from the cache when this image
    was read so before."""
    key = key or _key(img, dpi, psm, lang)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            stats["cached"] += 1
            return hit
    words = _ocr.read_words(img, lang=lang, dpi=dpi, deadline=deadline, psm=psm)
    with _cache_lock:
        stats["reads"] += 1
        _cache[key] = words
        while len(_cache) > CACHE_READS:
            _cache.popitem(last=False)
    return words


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _reads(psm: int) -> tuple[int, ...]:
    """The page segmentations an area is read with: ``psm`` 0 means both, as a page first."""
    from .pdf import AREA_PSM

    return (3, AREA_PSM) if not psm else (psm,)


def combine(reads: list[list[_ocr.Word]], frame: _ocr.Frame) -> _ocr.OcrPage:
    """One area's text from its reads (first read first): words of at least
    ``AREA_MIN_WORD_CONF`` holding a letter or digit; a later read adds only the words whose
    centre lies on no word already taken."""
    from .pdf import AREA_MIN_WORD_CONF, _rejoin_lines

    keep = lambda ws: [w for w in ws if w.conf >= AREA_MIN_WORD_CONF and any(c.isalnum() for c in w.text)]  # noqa: E731
    words = keep(reads[0])
    for later in reads[1:]:
        for w in keep(later):
            cx, cy = w.left + w.width / 2, w.top + w.height / 2
            if not any(o.left <= cx <= o.left + o.width and o.top <= cy <= o.top + o.height for o in words):
                words.append(w)
    # as a scanned page is laid out: table rows (a register photographed into a report, a
    # budget table pasted as a picture) become lines of tab-separated cells, and every
    # character keeps its word's confidence
    text, boxes, char_conf = _ocr.page_layout(_rejoin_lines(words), frame)
    conf = round(sum(w.conf for w in words) / len(words) / 100, 4) if words else None
    return _ocr.OcrPage(text=text, boxes=boxes, confidence=conf, words=len(words), char_conf=char_conf)


def read_areas(areas: dict[int, tuple], *, lang: str, deadline: float, workers: int = 0
               ) -> Iterator[tuple[int, tuple[str, _ocr.OcrPage]]]:
    """``areas``: page -> (how, grey image, frame, dpi, psm). Yields (page, (how, OcrPage)) in
    page order; every read of every area is a job on one pool, largest images first, and an
    image read before (on another page, in another document) is not read again. Raises
    :class:`.ocr.OcrError` on the first failure (pending reads are cancelled)."""
    if not areas:
        return
    jobs: dict[tuple, tuple[Image.Image, int, int]] = {}
    plan: dict[int, list[tuple]] = {}
    for k, (_, img, _, dpi, psm) in sorted(areas.items()):
        plan[k] = []
        for p in _reads(psm):
            key = _key(img, dpi, p, lang)
            plan[k].append(key)
            jobs.setdefault(key, (img, dpi, p))
    n = max(1, min(len(jobs), workers or _ocr.default_workers()))
    futs: dict[tuple, Future] = {}
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="ocr-area") as pool:
        try:
            for key, (img, dpi, p) in sorted(jobs.items(), key=lambda kv: -kv[1][0].width * kv[1][0].height):
                futs[key] = pool.submit(read_words, img, lang=lang, dpi=dpi, psm=p, deadline=deadline, key=key)
            for k, keys in plan.items():
                how, _, frame, _, _ = areas[k]
                yield k, (how, combine([futs[key].result() for key in keys], frame))
        finally:
            for fut in futs.values():
                fut.cancel()
