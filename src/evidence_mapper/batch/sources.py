"""Archive inputs: local folders and ZIP files, or fsspec URLs (``file://``, ``memory://``,
``s3://`` ... whatever fsspec can open), listed as one task per file.

Only these functions touch the archive; workers read a file's bytes through fsspec, so a
cluster needs no shared filesystem besides the archive's own URL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

CHUNK = 1 << 20


def is_url(s: str) -> bool:
    return "://" in s


@dataclass(frozen=True)
class Source:
    """One file of an archive: where to read it (``source``, a path or URL) and the label it is
    reported under (``label``, below ``root``, the archive's own label)."""

    source: str
    label: str
    root: str
    size: int


def list_sources(archives: list[str]) -> tuple[list[Source], list[tuple[str, str, str]]]:
    """Every file below the given archives (sorted, hidden files skipped), and the archives
    that could not be listed as ``(archive, kind, detail)``."""
    out: list[Source] = []
    bad: list[tuple[str, str, str]] = []
    for a in archives:
        a = str(a)
        try:
            out.extend(_list_url(a) if is_url(a) else _list_local(a, bad))
        except FileNotFoundError:
            bad.append((a, "not_found", "archive not found"))
        except OSError as e:
            bad.append((a, "corrupt", f"cannot list: {e}"))
    return out, bad


def _list_local(a: str, bad: list[tuple[str, str, str]]) -> Iterator[Source]:
    p = Path(a)
    if p.is_dir():
        root = str(p).rstrip("/") or "/"
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if f.is_symlink():  # never followed: it may point anywhere
                bad.append((f"{root}/{rel.as_posix()}", "unsafe", "symbolic link (not followed)"))
                continue
            if not f.is_file():
                continue
            yield Source(str(f), f"{root}/{rel.as_posix()}", root, f.stat().st_size)
    elif p.is_file():
        yield Source(str(p), str(p), str(p), p.stat().st_size)
    else:
        raise FileNotFoundError(a)


def _list_url(a: str) -> Iterator[Source]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(a)
    proto = a.split("://", 1)[0]
    if not fs.exists(path):
        raise FileNotFoundError(a)
    if fs.isfile(path):
        yield Source(a, a, a, int(fs.size(path) or 0))
        return
    root = a.rstrip("/")
    base = PurePosixPath(path.rstrip("/"))
    found = fs.find(path, detail=True)
    for full in sorted(found):
        info = found[full]
        rel = PurePosixPath(full).relative_to(base)
        if any(part.startswith(".") for part in rel.parts) or info.get("type") != "file":
            continue
        url = fs.unstrip_protocol(full) if hasattr(fs, "unstrip_protocol") else f"{proto}://{full}"
        yield Source(url, f"{root}/{rel.as_posix()}", root, int(info.get("size") or 0))


def open_bytes(source: str):
    if is_url(source):
        import fsspec

        return fsspec.open(source, "rb").open()
    return open(source, "rb")


def sha256_source(source: str) -> str:
    h = hashlib.sha256()
    with open_bytes(source) as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


@contextmanager
def local_copy(source: str) -> Iterator[Path]:
    """A local path holding the source's bytes: the file itself, or a temporary copy streamed
    from its URL (deleted afterwards). The copy keeps the suffix; names never come from the
    archive beyond that."""
    if not is_url(source):
        yield Path(source)
        return
    suffix = PurePosixPath(source.split("://", 1)[1]).suffix
    suffix = suffix if suffix.isascii() and len(suffix) <= 6 else ""
    fd, tmp = tempfile.mkstemp(prefix="em-src-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as out, open_bytes(source) as f:
            shutil.copyfileobj(f, out, CHUNK)
        yield Path(tmp)
    finally:
        os.unlink(tmp)
