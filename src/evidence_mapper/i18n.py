"""The one string catalogue: Bahasa Indonesia first, English with ``--lang en`` / the toggle.

The labels live in ``report/i18n.json`` (reports, shared words), ``cli_i18n.json`` (messages
of the command line and the batch) and ``review/i18n.json`` (the review application, which may
refine a shared key); :func:`labels` merges them. :func:`t` formats one message. A leaf module:
it imports nothing of the package, so every stage may use it.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
LANGS = ("id", "en")
DEFAULT_LANG = "id"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    base = json.loads((HERE / "report" / "i18n.json").read_text(encoding="utf-8"))
    cli = json.loads((HERE / "cli_i18n.json").read_text(encoding="utf-8"))
    own = json.loads((HERE / "review" / "i18n.json").read_text(encoding="utf-8"))
    return {lang: {**base.get(lang, {}), **cli.get(lang, {}), **own.get(lang, {})} for lang in LANGS}


_chosen: list[str] = []  # the language of the command running now (its --lang), innermost last


@contextmanager
def language(lang: str | None):
    """Within the block, :func:`default_lang` is ``lang`` (when it is a known language): the
    command line sets it from ``--lang`` before anything, ``--help`` included, is written."""
    known = lang in LANGS
    if known:
        _chosen.append(lang)
    try:
        yield
    finally:
        if known:
            _chosen.pop()


def default_lang() -> str:
    """The language of the running command (:func:`language`), else ``EVIDENCE_MAPPER_LANG``
    when set to a known language, else Indonesian."""
    if _chosen:
        return _chosen[-1]
    env = os.environ.get("EVIDENCE_MAPPER_LANG", "")
    return env if env in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in ``lang`` (Indonesian, then the key itself, when missing)."""
    lab = labels()
    lang = lang if lang in lab else default_lang()
    text = lab[lang].get(key) or lab[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text


@lru_cache(maxsize=4)
def _note_rules(lang: str) -> tuple:
    import re

    return tuple((re.compile(p), r) for p, r in labels().get(lang, {}).get("note_phrases", []))


def translate_note(text: str | None, lang: str | None = None) -> str | None:
    """Ingest notes are stored as written (English, technical); shown in ``lang`` by the
    catalogue's ``note_phrases`` (pattern, replacement), applied in order."""
    if not text:
        return text
    for rx, rep in _note_rules(lang if lang in LANGS else default_lang()):
        text = rx.sub(rep, text)
    return text
