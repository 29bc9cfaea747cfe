"""Images (PNG, JPEG, TIFF): one page per image (per frame of a multi-page TIFF), read by OCR.

The size is checked from the header before any pixel is decoded: an image over
``Limits.max_pixels`` is refused as ``too_large``. EXIF orientation is applied. Boxes are in
points at the image's dpi (its metadata when plausible, else 300): ``pixel * 72 / dpi``.
Small images (a phone snapshot of a letter) are scaled up before OCR; boxes still refer to
the original pixels.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..types import Page
from . import ocr as _ocr
from .errors import IngestError
from .limits import Deadline, Limits

DEFAULT_DPI = 300
# Images whose longer side is below this many pixels are scaled up (x2 or x3) for OCR.
UPSCALE_BELOW = 1600


def image_dpi(img: Image.Image) -> float:
    dpi = img.info.get("dpi")
    try:
        x = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    return x if 50 <= x <= 2400 else DEFAULT_DPI


def _open(path: Path, limits: Limits) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)  # reads the header only
        except Image.DecompressionBombError as e:
            raise IngestError(str(path), "too_large", f"image pixels over PIL's bomb limit: {e}") from e
        except UnidentifiedImageError as e:
            raise IngestError(str(path), "corrupt", "not a readable image") from e
        except OSError as e:
            raise IngestError(str(path), "corrupt", str(e)) from e
    return img


def _check_size(path: Path, img: Image.Image, limits: Limits, frame: int) -> None:
    w, h = img.size
    if w <= 0 or h <= 0:
        raise IngestError(str(path), "corrupt", f"image of {w}x{h} pixels")
    if w * h > limits.max_pixels:
        where = f" (frame {frame})" if frame > 1 else ""
        raise IngestError(str(path), "too_large", f"{w}x{h} pixels{where} > limit {limits.max_pixels}")


def _prepare(img: Image.Image) -> tuple[Image.Image, int]:
    """Grey, upright image to OCR and the factor it was scaled up by."""
    img = ImageOps.exif_transpose(img)
    grey = img.convert("L") if img.mode not in ("L", "1") else img
    long_side = max(grey.size)
    k = 1
    if long_side < UPSCALE_BELOW:
        k = min(3, -(-UPSCALE_BELOW // long_side))
        grey = grey.resize((grey.width * k, grey.height * k), Image.Resampling.BICUBIC)
    return grey, k


def exif_date(img: Image.Image) -> str | None:
    """When the photo was taken (EXIF DateTimeOriginal, else DateTime) as ``YYYY-MM-DD HH:MM:SS``."""
    try:
        ex = img.getexif()
        raw = ex.get_ifd(0x8769).get(0x9003) or ex.get(0x0132)
    except Exception:  # damaged EXIF must not lose the image
        return None
    if not isinstance(raw, str) or len(raw) < 10:
        return None
    return raw[:10].replace(":", "-") + raw[10:19]


def describe(img: Image.Image) -> str:
    """``page 1: image 4032x3024 px, taken 2024-03-01 10:00:00`` (the date when EXIF has one)."""
    taken = exif_date(img)
    return f"page 1: image {img.width}x{img.height} px" + (f", taken {taken}" if taken else "")


def read_image(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    deadline = deadline or Deadline(limits.max_seconds, str(path))
    img = _open(path, limits)
    notes: list[str] = [describe(img)]
    if not limits.ocr:
        _check_size(path, img, limits, 1)
        w, h = img.size
        d = image_dpi(img)
        return [Page(number=1, text="", width=w * 72 / d, height=h * 72 / d, char_boxes=[], source="none")], [
            *notes, "page 1: image (OCR off)"]
    if _ocr.tesseract_path() is None or _ocr.missing_languages(limits.ocr_lang):
        raise IngestError(str(path), "ocr_failed", f"cannot OCR an image: tesseract or language data "
                                                   f"'{limits.ocr_lang}' missing")
    sizes: dict[int, tuple[float, float]] = {}

    def jobs():
        try:
            for i, frame in enumerate(ImageSequence.Iterator(img)):
                n = i + 1
                if n > limits.max_pages:
                    raise IngestError(str(path), "too_large", f"more than {limits.max_pages} frames")
                _check_size(path, frame, limits, n)
                deadline.check(f"at frame {n}")
                d = image_dpi(frame)
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                        grey, k = _prepare(frame)
                except (OSError, ValueError, SyntaxError) as e:  # truncated or broken pixel data
                    raise IngestError(str(path), "corrupt", f"cannot decode image: {e}") from e
                s = 72 / d / k
                sizes[n] = (round(grey.width * s, 2), round(grey.height * s, 2))
                yield _ocr.OcrJob(key=n, image=grey, frame=_ocr.Frame(0.0, 0.0, s, s), dpi=int(d * k))
        except (OSError, EOFError) as e:
            raise IngestError(str(path), "corrupt", f"cannot read image frames: {e}") from e

    pages: list[Page] = []
    try:
        for n, res in _ocr.ocr_pages(jobs(), lang=limits.ocr_lang, deadline=deadline.at, workers=limits.ocr_workers):
            notes.extend(f"page {n}: {x}" for x in res.notes)
            if not res.text.strip():
                notes.append(f"page {n}: OCR found no text")
            w, h = sizes[n]
            pages.append(Page(number=n, text=res.text, width=w, height=h, char_boxes=res.boxes, source="ocr",
                              ocr_confidence=res.confidence, char_conf=res.char_conf))
    except _ocr.OcrError as e:
        if e.timeout:
            raise IngestError(str(path), "timeout", f"over {limits.max_seconds:g} s during OCR") from e
        raise IngestError(str(path), "ocr_failed", str(e)) from e
    finally:
        img.close()
    return pages, notes
