"""A mapped workspace of the bundled sample corpus, built once per test session and copied
for tests that change it."""

from __future__ import annotations

import shutil
from pathlib import Path

from evidence_mapper.store import Workspace

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"
DATA = Path(__file__).resolve().parent / "data"
_CACHE: dict[str, Path] = {}


def sample_ws_path(tmp_path_factory) -> Path:
    if "ws" not in _CACHE:
        p = tmp_path_factory.mktemp("sample") / "ws"
        ws = Workspace.init(p, region="Kabupaten Sukamaju", year=2025)
        ws.ingest([SAMPLE])
        ws.map()
        ws.close()
        _CACHE["ws"] = p
    return _CACHE["ws"]


def copy_ws(tmp_path_factory, tmp_path: Path) -> Path:
    dst = tmp_path / "ws"
    shutil.copytree(sample_ws_path(tmp_path_factory), dst)
    return dst
