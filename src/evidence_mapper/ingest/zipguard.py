"""Checks on a ZIP container before anything in it is decompressed (zip bombs).

Used for archives and for the ZIP-based Office formats (DOCX, XLSX): the central directory
is read (no member is inflated) and the declared sizes are checked against :class:`Limits`.
Declared sizes can lie, so readers that inflate members also read them through
:func:`read_member`, which stops at the declared size.
"""

from __future__ import annotations

import zipfile

from .errors import IngestError
from .limits import Limits


def check_zip(zf: zipfile.ZipFile, path: str, limits: Limits, compressed_size: int) -> list[zipfile.ZipInfo]:
    """The archive's members, after checking member count, total size and ratios."""
    try:
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise IngestError(path, "corrupt", f"bad ZIP directory: {e}") from e
    if len(infos) > limits.max_archive_members:
        raise IngestError(path, "too_large", f"{len(infos)} members > limit {limits.max_archive_members}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_archive_bytes:
        raise IngestError(path, "too_large", f"{total} bytes uncompressed > limit {limits.max_archive_bytes}")
    if total > limits.max_archive_ratio * max(1, compressed_size) and total > 1024 * 1024:
        raise IngestError(path, "too_large", f"compression ratio {total / max(1, compressed_size):.0f} > limit "
                                             f"{limits.max_archive_ratio:g} (zip bomb?)")
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > limits.max_archive_ratio * max(1, i.compress_size):
            raise IngestError(path, "too_large", f"member {i.filename!r}: compression ratio "
                                                 f"{i.file_size / max(1, i.compress_size):.0f} (zip bomb?)")
    return infos


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, limit: int) -> bytes:
    """A member's bytes, refusing to inflate past its declared size or ``limit``."""
    cap = min(info.file_size, limit)
    if info.file_size > limit:
        raise IngestError(path, "too_large", f"member {info.filename!r}: {info.file_size} bytes > limit {limit}")
    try:
        with zf.open(info) as f:
            data = f.read(cap + 1)
    except RuntimeError as e:  # encrypted member
        raise IngestError(path, "encrypted", f"member {info.filename!r}") from e
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise IngestError(path, "corrupt", f"member {info.filename!r}: {e}") from e
    if len(data) > cap:
        raise IngestError(path, "corrupt", f"member {info.filename!r} inflates past its declared size")
    return data


def guard_office(path: str, limits: Limits, compressed_size: int) -> None:
    """Refuse a DOCX/XLSX whose container would inflate too far, before a parser opens it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = check_zip(zf, path, limits, compressed_size)
            if any(i.flag_bits & 0x1 for i in infos):
                raise IngestError(path, "encrypted", "encrypted ZIP members")
    except zipfile.BadZipFile as e:
        raise IngestError(path, "corrupt", f"bad ZIP container: {e}") from e
