"""OCR with the tesseract command-line tool: page image -> text with one box per character.

* One ``tesseract`` process per page image (``OMP_THREAD_LIMIT=1``), given a PNM image in a
  private temporary file (tesseract decodes a PNM from a file about 10% faster than the same
  bytes on stdin, where leptonica reads it from memory), asked for TSV (words with boxes and
  confidences). :func:`ocr_pages` runs them in
  parallel, one per core, with a deadline shared by the whole file.
* Text is rebuilt from the TSV: words joined by spaces, lines by ``\\n``, paragraphs and
  blocks by a blank line. Each word box is spread evenly over the word's characters;
  spaces and line breaks get ``None``.
* Tables found from the word boxes (:mod:`.tablecells`) have their rows rewritten as lines of
  tab-separated cells (:func:`page_layout`), whatever order tesseract read the columns in.
* Boxes go from image pixels to PDF points with the page origin at the TOP-left, through a
  :class:`Frame` (where the image sits on the page and how many pixels per point).
* Orientation stays cheap: geometry (page /Rotate, image placement) is handled before OCR;
  only when a page's mean word confidence is low is tesseract's orientation detection
  (``--psm 0``) asked, and the page re-read turned upright if it says so; a still weak read
  is retried once on a despeckled (median-filtered) copy. The best read is kept.

Nothing here touches pdfium: callers hand over PIL images (pdfium is not thread-safe).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterable, Iterator

from PIL import Image, ImageFilter

from ..types import BBox

# Mean word confidence below which the page is checked for a wrong orientation.
LOW_CONFIDENCE = 0.60
# Tesseract's orientation confidence needed before a page is turned.
OSD_MIN_CONFIDENCE = 1.5
# Mean word confidence below which a despeckled (3x3 median) copy is read too.
DESPECKLE_BELOW = 0.85


class OcrError(Exception):
    """Tesseract failed, is missing, or ran out of time (``timeout`` True)."""

    def __init__(self, msg: str, timeout: bool = False):
        super().__init__(msg)
        self.timeout = timeout


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def available(lang: str = "ind") -> bool:
    """True when tesseract runs and has every language in ``lang`` (``ind+eng``)."""
    return not missing_languages(lang) if tesseract_path() else False


_LANGS: set[str] | None = None


def missing_languages(lang: str) -> list[str]:
    global _LANGS
    exe = tesseract_path()
    if exe is None:
        return lang.split("+")
    if _LANGS is None:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        _LANGS = {ln.strip() for ln in out.splitlines()[1:] if ln.strip()}
    return [lg for lg in lang.split("+") if lg not in _LANGS]


@dataclass(frozen=True)
class Frame:
    """Where an OCR image sits on its page: pixel (0, 0) is at (``x0``, ``y0``) points
    (top-left origin); ``sx``/``sy`` are points per pixel."""

    x0: float = 0.0
    y0: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def box(self, left: float, top: float, right: float, bottom: float) -> BBox:
        return (round(self.x0 + left * self.sx, 2), round(self.y0 + top * self.sy, 2),
                round(self.x0 + right * self.sx, 2), round(self.y0 + bottom * self.sy, 2))


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0-100
    block: int
    par: int
    line: int


@dataclass
class OcrPage:
    text: str
    boxes: list[BBox | None]
    confidence: float | None  # mean word confidence, 0-1; None when no word was found
    words: int
    rotated: int = 0  # degrees the image was turned clockwise before the kept read
    notes: list[str] = field(default_factory=list)
    char_conf: list[float | None] | None = None  # per character of ``text``: its word's confidence, 0-1


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of tesseract's TSV output, in reading order; blank words dropped."""
    words: list[Word] = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        try:
            words.append(Word(text=text, left=int(parts[6]), top=int(parts[7]), width=int(parts[8]),
                              height=int(parts[9]), conf=float(parts[10]), block=int(parts[2]),
                              par=int(parts[3]), line=int(parts[4])))
        except ValueError:
            continue
    return words


def layout(words: list[Word], frame: Frame, rotation: tuple[int, int, int] | None = None) -> tuple[str, list[BBox | None]]:
    """Page text and one box per character from OCR words.

    ``rotation`` (degrees clockwise, width, height of the image as OCRed) maps boxes of a
    turned image back onto the original image before ``frame`` is applied.
    """
    chars: list[str] = []
    boxes: list[BBox | None] = []
    prev: tuple[int, int, int] | None = None
    for w in words:
        key = (w.block, w.par, w.line)
        if prev is not None:
            sep = "\n\n" if key[:2] != prev[:2] else ("\n" if key != prev else " ")
            chars.extend(sep)
            boxes.extend([None] * len(sep))
        prev = key
        left, top, right, bottom = w.left, w.top, w.left + w.width, w.top + w.height
        if rotation and rotation[0]:
            left, top, right, bottom = unrotate_box((left, top, right, bottom), *rotation)
        n = len(w.text)
        vertical = rotation and rotation[0] in (90, 270)
        for i, ch in enumerate(w.text):
            chars.append(ch)
            if vertical:  # the word runs along the original image's y axis
                step = (bottom - top) / n
                a, b = (top + i * step, top + (i + 1) * step)
                if rotation[0] == 90:  # text ran upwards in the original image
                    a, b = bottom - (i + 1) * step, bottom - i * step
                boxes.append(frame.box(left, a, right, b))
            else:
                step = (right - left) / n
                if rotation and rotation[0] == 180:  # text ran right to left in the original
                    boxes.append(frame.box(right - (i + 1) * step, top, right - i * step, bottom))
                else:
                    boxes.append(frame.box(left + i * step, top, left + (i + 1) * step, bottom))
    return "".join(chars), boxes


def char_confidences(words: list[Word]) -> list[float | None]:
    """One confidence (0-1) per character of :func:`layout`'s text for the same ``words``:
    each character carries its word's confidence, separators None."""
    out: list[float | None] = []
    prev: tuple[int, int, int] | None = None
    for w in words:
        key = (w.block, w.par, w.line)
        if prev is not None:
            out.extend([None] * (2 if key[:2] != prev[:2] else 1))
        prev = key
        c = round(max(0.0, w.conf) / 100, 3) if w.conf >= 0 else None
        out.extend([c] * len(w.text))
    return out


def unrotate_box(box: tuple[float, float, float, float], degrees: int, width: int, height: int) -> tuple[float, float, float, float]:
    """A box on an image turned ``degrees`` clockwise (of size ``width`` x ``height`` after
    turning) mapped back onto the unturned image."""
    l, t, r, b = box
    if degrees == 90:  # turned clockwise: original (x, y) -> (H0 - y, x); H0 = width now
        return (t, width - r, b, width - l)
    if degrees == 180:
        return (width - r, height - b, width - l, height - t)
    if degrees == 270:  # original (x, y) -> (y, W0 - x); W0 = height now
        return (height - b, l, height - t, r)
    return box


def _pnm(img: Image.Image) -> bytes:
    if img.mode not in ("1", "L"):
        img = img.convert("L")
    buf = BytesIO()
    img.save(buf, format="PPM")
    return buf.getvalue()


def _run(args: list[str], data: bytes, deadline: float) -> str:
    exe = tesseract_path()
    if exe is None:
        raise OcrError("tesseract is not installed")
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrError("time limit reached before OCR", timeout=True)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    fd, path = -1, ""
    try:
        fd, path = tempfile.mkstemp(prefix="evidence-mapper-ocr-", suffix=".pnm")
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(data)
        p = subprocess.run([exe, path, "stdout", *args], stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=left, env=env)
    except subprocess.TimeoutExpired as e:
        raise OcrError("time limit reached during OCR", timeout=True) from e
    except OSError as e:
        raise OcrError(f"cannot run tesseract: {e}") from e
    finally:
        if fd >= 0:
            os.close(fd)
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract exited {p.returncode}: {err[-1] if err else 'no message'}")
    return p.stdout.decode("utf-8", "replace")


def read_words(img: Image.Image, *, lang: str, dpi: int, deadline: float, psm: int = 3) -> list[Word]:
    tsv = _run(["-l", lang, "--psm", str(psm), "--dpi", str(int(dpi)), "tsv"], _pnm(img), deadline)
    return parse_tsv(tsv)


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_rotation(img: Image.Image, *, dpi: int, deadline: float) -> tuple[int, float]:
    """Degrees to turn the image clockwise so its text is upright, and tesseract's
    confidence; (0, 0.0) when orientation detection is unavailable or finds too little text."""
    try:
        out = _run(["--psm", "0", "--dpi", str(int(dpi))], _pnm(img), deadline)
    except OcrError as e:
        if e.timeout:
            raise
        return 0, 0.0
    m, c = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
    return (int(m.group(1)) % 360, float(c.group(1))) if m and c else (0, 0.0)


def _mean_conf(words: list[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf >= 0]
    return round(sum(confs) / len(confs) / 100, 4) if confs else None


_TURN = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def ocr_image(img: Image.Image, frame: Frame, *, lang: str = "ind", dpi: int = 300,
              deadline: float | None = None) -> OcrPage:
    """OCR one page image; boxes in page points through ``frame``.

    Retries stay cheap and happen only on a weak read: below :data:`LOW_CONFIDENCE` the
    orientation is checked (and the page turned), below :data:`DESPECKLE_BELOW` a 3x3
    median-filtered copy is read too. The read with the higher mean confidence is kept.
    """
    deadline = deadline if deadline is not None else time.monotonic() + 300
    words = read_words(img, lang=lang, dpi=dpi, deadline=deadline)
    best_conf, best_words, best_img, degrees = _mean_conf(words), words, img, 0
    notes: list[str] = []
    if best_conf is not None and best_conf < LOW_CONFIDENCE:
        turn, osd_conf = detect_rotation(img, dpi=dpi, deadline=deadline)
        if turn and osd_conf >= OSD_MIN_CONFIDENCE:
            turned = img.transpose(_TURN[turn])
            words2 = read_words(turned, lang=lang, dpi=dpi, deadline=deadline)
            conf2 = _mean_conf(words2)
            if conf2 is not None and conf2 > best_conf:
                notes.append(f"turned {turn} degrees (confidence {best_conf:.2f} -> {conf2:.2f})")
                best_conf, best_words, best_img, degrees = conf2, words2, turned, turn
    if best_conf is not None and best_conf < DESPECKLE_BELOW:
        clean = best_img.filter(ImageFilter.MedianFilter(3))
        words3 = read_words(clean, lang=lang, dpi=dpi, deadline=deadline)
        conf3 = _mean_conf(words3)
        if conf3 is not None and conf3 > best_conf:
            notes.append(f"despeckled (confidence {best_conf:.2f} -> {conf3:.2f})")
            best_conf, best_words = conf3, words3
    rotation = (degrees, best_img.width, best_img.height) if degrees else None
    text, boxes, char_conf = page_layout(best_words, frame, rotation)
    return OcrPage(text=text, boxes=boxes, confidence=best_conf, words=len(best_words), rotated=degrees, notes=notes,
                   char_conf=char_conf)


def page_layout(words: list[Word], frame: Frame, rotation: tuple[int, int, int] | None = None
                ) -> tuple[str, list[BBox | None], list[float | None]]:
    """Text, character boxes and character confidences of a page read by OCR, with its table
    rows as lines of tab-separated cells (see :mod:`.tablecells`)."""
    text, boxes = layout(words, frame, rotation)
    conf = char_confidences(words)
    if text:
        import numpy as np

        from .tablecells import rebuild

        arr = np.array([b if b is not None else (np.nan,) * 4 for b in boxes], dtype=np.float64).reshape(-1, 4)
        done = rebuild(text, arr, [conf])
        if done:
            text, arr, (conf,) = done
            boxes = [None if np.isnan(r[0]) else tuple(r) for r in arr.tolist()]
    return text, boxes, conf


@dataclass
class OcrJob:
    key: int  # page number, or any caller key
    image: Image.Image
    frame: Frame
    dpi: int


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def ocr_pages(jobs: Iterable[OcrJob], *, lang: str, deadline: float, workers: int = 0) -> Iterator[tuple[int, OcrPage]]:
    """OCR page images in parallel (one tesseract process per worker), yielding
    ``(key, OcrPage)`` in job order. ``jobs`` is consumed lazily, so at most about two
    images per worker are held in memory. Raises :class:`OcrError` on the first failure
    (pending pages are cancelled)."""
    n = workers or default_workers()
    pending: list[tuple[int, Future]] = []
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="ocr") as pool:
        try:
            for job in jobs:
                pending.append((job.key, pool.submit(ocr_image, job.image, job.frame, lang=lang, dpi=job.dpi,
                                                      deadline=deadline)))
                while len(pending) >= 2 * n:
                    key, fut = pending.pop(0)
                    yield key, fut.result()
            while pending:
                key, fut = pending.pop(0)
                yield key, fut.result()
        finally:
            for _, fut in pending:
                fut.cancel()
