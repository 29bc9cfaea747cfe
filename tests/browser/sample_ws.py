"""The sample corpus in a review workspace, built once per test session and copied per use."""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
PASSWORDS = {"ana": "sandi-ana-123", "budi": "sandi-budi-123", "admin": "sandi-admin-123",
             "wilayah": "sandi-wilayah-123", "lain": "sandi-lain-123"}


def _build(dest: Path) -> None:
    from evidence_mapper.review.users import add_user
    from evidence_mapper.store import Workspace

    ws = Workspace.init(dest, framework="spbe-2020", region="Kabupaten Sukamaju", year=2025)
    ws.ingest([SAMPLE])
    ws.map()
    add_user(ws, "ana", PASSWORDS["ana"], "assessor")
    add_user(ws, "budi", PASSWORDS["budi"], "assessor")
    add_user(ws, "admin", PASSWORDS["admin"], "admin")
    add_user(ws, "wilayah", PASSWORDS["wilayah"], "region")
    add_user(ws, "lain", PASSWORDS["lain"], "region", region="Kota Lain")
    ws.close()


def sample_workspace(tmp_path_factory, name: str) -> Path:
    """A fresh copy of the sample workspace (init, ingest corpus/sample, map, five accounts)."""
    base = tmp_path_factory.getbasetemp()
    template = base / "review-sample-template"
    if not (template / "workspace.sqlite").exists():
        tmp = base / "review-sample-template.part"
        shutil.rmtree(tmp, ignore_errors=True)
        _build(tmp)
        tmp.rename(template)
    dest = tmp_path_factory.mktemp(name)
    shutil.copytree(template, dest, dirs_exist_ok=True)
    return dest
