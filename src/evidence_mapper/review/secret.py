"""The key that signs review session cookies, kept apart from the workspace's data.

One random key per workspace in the user's configuration folder
(``$EVIDENCE_MAPPER_CONFIG``, else ``$XDG_CONFIG_HOME/evidence-mapper``, else
``~/.config/evidence-mapper``), under ``review-secrets/<hash of the workspace path>.key``,
folder 0700 and file 0600. A copy of the workspace (a backup, a shared disk) carries no key
that would let anyone forge a session. ``serve --rotate-secret`` replaces the key, which ends
every session at once. A key left by an older version in ``WS/.review-secret`` is moved out.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

LEGACY = ".review-secret"


def config_dir() -> Path:
    own = os.environ.get("EVIDENCE_MAPPER_CONFIG")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "evidence-mapper"


def secret_path(ws_path: str | Path) -> Path:
    key = hashlib.sha256(str(Path(ws_path).resolve()).encode("utf-8")).hexdigest()[:32]
    return config_dir() / "review-secrets" / f"{key}.key"


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def load_secret(ws_path: str | Path, rotate: bool = False) -> bytes:
    """The workspace's signing key (made on first use; a new one with ``rotate``)."""
    ws_path = Path(ws_path).resolve()
    path = secret_path(ws_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for d in (path.parent, path.parent.parent):
        try:
            os.chmod(d, 0o700)
        except OSError:
            pass
    legacy = ws_path / LEGACY
    if rotate or not path.exists():
        data = secrets.token_bytes(32)
        if not rotate and legacy.is_file() and len(legacy.read_bytes()) >= 32:
            data = legacy.read_bytes()  # moved out: sessions signed with it stay valid
        _write(path, data)
    if legacy.exists():
        legacy.unlink()
    return path.read_bytes()
