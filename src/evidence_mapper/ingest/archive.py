"""ZIP archives: one entry per document inside, named by its submission path.

Regions often submit one ZIP per indicator folder. Each member is read into a temporary file
this module names itself (never the member's own path), ingested, and deleted; nested ZIPs
are opened the same way up to ``Limits.max_archive_depth``. A member is reported as
``archive.zip/Indikator 08/sk.pdf``.

Guards, before anything is inflated (see :mod:`.zipguard`): member count, total declared
size, compression ratio; while inflating: each member stops at its declared size and the
running total at ``Limits.max_archive_bytes``. Absolute paths, ``..`` components and links
are refused (``unsafe``), encrypted members are reported (``encrypted``), and system
clutter (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``) is skipped.
"""

from __future__ import annotations

import posixpath
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..types import IngestedDocument
from .errors import IngestError
from .limits import Limits
from .zipguard import check_zip, read_member

Entry = tuple[str, "IngestedDocument | IngestError | Known"]


@dataclass(frozen=True)
class Known:
    """A document the caller already has (its ``skip`` accepted the sha256): not read again."""

    sha256: str


_CLUTTER = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.I)


def member_name(info: zipfile.ZipInfo) -> str:
    return info.filename.replace("\\", "/")


def unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = member_name(info)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path"
    if ".." in name.split("/"):
        return "'..' in path"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link"
    return None


def _suffix(name: str) -> str:
    suf = posixpath.splitext(name)[1].lower()
    return suf if re.fullmatch(r"\.[a-z0-9]{1,5}", suf) else ""


def iter_archive(path: Path, shown: str, limits: Limits, ingest: Callable[[Path, str], Entry],
                 depth: int = 1) -> Iterator[Entry]:
    """Entries of one ZIP file on disk. ``shown`` is the name the archive is reported under;
    ``ingest(tmpfile, shown_name)`` reads one plain member."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        yield shown, IngestError(shown, "corrupt", f"bad ZIP archive: {e}")
        return
    with zf, tempfile.TemporaryDirectory(prefix="em-zip-") as tmp:
        try:
            infos = check_zip(zf, shown, limits, path.stat().st_size)
        except IngestError as e:
            yield shown, e
            return
        inflated = 0
        for k, info in enumerate(infos):
            name = member_name(info)
            if info.is_dir() or _CLUTTER.search(name):
                continue
            label = f"{shown}/{name.lstrip('/')}"
            why = unsafe_reason(info)
            if why:
                yield label, IngestError(label, "unsafe", why)
                continue
            if info.flag_bits & 0x1:
                yield label, IngestError(label, "encrypted", "encrypted archive member")
                continue
            if info.file_size == 0:
                yield label, IngestError(label, "empty")
                continue
            budget = min(limits.max_bytes, limits.max_archive_bytes - inflated)
            try:
                data = read_member(zf, info, label, budget)
            except IngestError as e:
                yield label, e
                if e.kind == "too_large":
                    return  # the archive's budget is spent
                continue
            inflated += len(data)
            tmpfile = Path(tmp) / f"m{depth}-{k:05d}{_suffix(name)}"
            tmpfile.write_bytes(data)
            del data
            try:
                if _is_plain_zip(tmpfile):
                    if depth >= limits.max_archive_depth:
                        yield label, IngestError(label, "too_large", f"archive nested deeper than "
                                                                     f"{limits.max_archive_depth}")
                    else:
                        yield from iter_archive(tmpfile, label, limits, ingest, depth + 1)
                else:
                    yield ingest(tmpfile, label)
            finally:
                tmpfile.unlink(missing_ok=True)


def _is_plain_zip(p: Path) -> bool:
    """A ZIP that is an archive, not a DOCX/XLSX container."""
    from .sniff import ZIP, sniff

    return sniff(p) == ZIP
