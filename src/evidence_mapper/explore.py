"""``evidence-mapper explore WS``: the workspace in Datasette (the optional ``[explore]`` extra),
as a read-only snapshot with descriptions, facets and canned queries
(:mod:`evidence_mapper.store.explore`). Binds to 127.0.0.1."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from .i18n import default_lang, t
from .store.explore import metadata, snapshot


class ExploreError(RuntimeError):
    pass


def prepare_explore(ws_path: Path, lang: str | None = None, title: str | None = None) -> tuple[Path, Path]:
    """Write ``WS/cache/explore/workspace.db`` (snapshot) and ``metadata.json``; return both."""
    lang = lang or default_lang()
    src = ws_path / "workspace.sqlite"
    if not src.exists():
        raise ExploreError(f"{ws_path}: not a workspace (no workspace.sqlite)")
    out = ws_path / "cache" / "explore"
    db = snapshot(src, out / "workspace.db")
    meta = out / "metadata.json"
    meta.write_text(json.dumps(metadata(db, lang, title), ensure_ascii=False, indent=1), encoding="utf-8")
    return db, meta


def datasette_command(db: Path, meta: Path, port: int = 8001, open_browser: bool = True) -> list[str]:
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--metadata", str(meta),
           "--host", "127.0.0.1", "--port", str(port)]
    return cmd + (["-o"] if open_browser else [])


def explore(ws_path: Path, port: int = 8001, open_browser: bool = True, lang: str | None = None,
            title: str | None = None) -> int:
    lang = lang or default_lang()
    if importlib.util.find_spec("datasette") is None:
        raise ExploreError(t("explore_missing", lang))
    db, meta = prepare_explore(ws_path, lang, title)
    print(t("explore_open", lang, url=f"http://127.0.0.1:{port}/workspace"), file=sys.stderr, flush=True)
    try:
        return subprocess.call(datasette_command(db, meta, port, open_browser))
    except KeyboardInterrupt:
        return 0
