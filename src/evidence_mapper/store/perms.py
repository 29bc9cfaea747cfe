"""File modes of a workspace: only its owner may read it.

The workspace folder and every folder in it are 0700, the SQLite file (password hashes, all
document text), its WAL and shared-memory files, the config and every kept original, upload
and page image 0600. New files are created with these modes (:func:`private_dir`,
:func:`write_private`); :func:`tighten` brings an existing workspace to them (the database
and folder on every open; ``deep`` walks ``files/``, ``uploads/`` and ``cache/`` too, as
``serve`` does at start).
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
DB_FILES = ("workspace.sqlite", "workspace.sqlite-wal", "workspace.sqlite-shm", "config.json")
DEEP = ("files", "uploads", "cache", "models", "export")


def _chmod(p: Path, mode: int) -> None:
    try:
        if p.is_symlink():
            return
        cur = p.stat().st_mode & 0o777
        if cur & mode != cur:  # only ever take permissions away: a read-only workspace stays read-only
            os.chmod(p, cur & mode)
    except OSError:  # not ours, or gone: leave it
        pass


def private_dir(p: Path, root: Path | None = None) -> Path:
    """``p`` made (with its missing parents below ``root``) as 0700 folders."""
    p = Path(p)
    missing = []
    q = p
    while not q.exists() and (root is None or q != Path(root)) and q != q.parent:
        missing.append(q)
        q = q.parent
    for d in reversed(missing):
        d.mkdir(mode=DIR_MODE, exist_ok=True)
        _chmod(d, DIR_MODE)  # mkdir's mode is masked by the umask
    return p


def write_private(p: Path, data: bytes) -> None:
    """Write ``data`` to ``p`` created 0600 (whatever the umask)."""
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    _chmod(p, FILE_MODE)


def tighten(ws_path: str | Path, deep: bool = False) -> None:
    root = Path(ws_path)
    _chmod(root, DIR_MODE)
    for name in DB_FILES:
        f = root / name
        if f.exists():
            _chmod(f, FILE_MODE)
    if not deep:
        return
    for name in DEEP:
        d = root / name
        if not d.is_dir() or d.is_symlink():
            continue
        for dirpath, dirs, files in os.walk(d, followlinks=False):
            _chmod(Path(dirpath), DIR_MODE)
            for f in files:
                _chmod(Path(dirpath) / f, FILE_MODE)
