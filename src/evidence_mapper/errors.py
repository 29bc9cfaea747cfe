"""One error type at the API boundary.

Every failure a user can meet (a bad workspace, a corrupt model file, a locked, read-only or
full disk, a bad framework) reaches the caller as an :class:`EvidenceMapperError` whose message
is one line: the thing, then the reason. The project's own error classes derive from it;
:func:`explain` turns what the standard library raises (sqlite3, OSError) into one.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class EvidenceMapperError(Exception):
    """A failure with a one-line message naming the thing and the reason."""

    thing: str | None = None
    reason: str | None = None

    def __init__(self, message: str = "", *, thing: str | Path | None = None, reason: str | None = None):
        if thing is not None and reason is not None:
            message = f"{thing}: {reason}"
        super().__init__(message)
        if thing is not None:
            self.thing, self.reason = str(thing), reason

    def one_line(self) -> str:
        """The message on one line, however many the cause had."""
        return " ".join(str(self).split())


class ModelsMissingWarning(UserWarning):
    """The trained models were not found: proposals come from the weaker keyword baseline.

    Defined here (and re-exported by :mod:`.classify`) so that the command line can format it
    without importing the scorers."""


def _sqlite_reason(e: sqlite3.Error) -> str:
    msg = str(e).lower()
    if "locked" in msg or "busy" in msg:
        return "busy: another process kept the workspace locked too long; try again when it is done"
    if "readonly" in msg or "read-only" in msg:
        return "read-only: this workspace cannot be written (read commands such as report still work)"
    if "disk is full" in msg or "database or disk is full" in msg:
        return "disk full: free space and run the command again (nothing half-written was kept)"
    if "disk i/o" in msg:
        return f"disk error: {e}"
    if "not a database" in msg or "malformed" in msg:
        return f"damaged workspace file: {e}"
    if "unable to open" in msg:
        return f"cannot open the workspace file: {e}"
    return f"database error: {e}"


_OS_REASONS = {
    errno.ENOSPC: "disk full: free space and run the command again",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "not found",
    errno.EDQUOT: "disk quota exceeded",
}


def explain(e: BaseException, where: str | Path | None = None) -> EvidenceMapperError | None:
    """``e`` as an :class:`EvidenceMapperError` (``where``: the workspace or file it concerns
    when the exception does not say), or None when it is not a failure a user can act on."""
    if isinstance(e, EvidenceMapperError):
        return e
    if isinstance(e, sqlite3.Error):
        return EvidenceMapperError(thing=where or "workspace", reason=_sqlite_reason(e))
    if isinstance(e, OSError):
        thing = e.filename or where or "file"
        reason = _OS_REASONS.get(e.errno or -1) or (e.strerror or str(e))
        return EvidenceMapperError(thing=thing, reason=reason)
    if isinstance(e, MemoryError):
        return EvidenceMapperError(thing=where or "evidence-mapper", reason="out of memory")
    return None


def localize(message: str, lang: str | None = None) -> str:
    """A library message (written in English: ``<thing>: <reason>``) in ``lang``: the reasons of
    per-file errors from the catalogue's ``error_kinds``, the others by its ``error_phrases``
    (pattern, replacement), applied in order. Unknown text stays as written."""
    import re

    from .i18n import default_lang, labels
    from .ingest.errors import REASONS

    lang = lang if lang in ("id", "en") else default_lang()
    own = labels()[lang]
    kinds = own.get("error_kinds", {})
    for kind, english in sorted(REASONS.items(), key=lambda kv: -len(kv[1])):  # longest first
        if kinds.get(kind) and english != kinds[kind]:
            message = message.replace(f": {english}", f": {kinds[kind]}")
    for pattern, replacement in own.get("error_phrases", []):
        message = re.sub(pattern, replacement, message)
    return message


def error_line(e: BaseException | str, lang: str | None = None) -> str:
    """The one line the command line writes for a failure: ``<prefix>: <thing>: <reason>``,
    prefix and reason in ``lang`` (``error:`` in English, ``kesalahan:`` in Indonesian)."""
    from .i18n import t

    msg = e.one_line() if isinstance(e, EvidenceMapperError) else " ".join(str(e).split())
    return f"{t('cli_error', lang)}: {localize(msg, lang)}"
