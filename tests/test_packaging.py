"""A non-editable install (a wheel in a fresh virtual environment) carries the trained models
and every data file: `inspect --json` there reports the trained model, not the baseline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILE = ROOT / "corpus" / "sample" / "perbup_spbe_2023.pdf"


def _trained_model_id() -> str:
    from evidence_mapper.classify import get_scorer

    return get_scorer("spbe-2020", model_dir=ROOT / "models", kind="trained").model_id


@pytest.mark.slow
def test_wheel_in_fresh_venv_reports_trained_model(tmp_path):
    if not (ROOT / "models" / "passage-indicator.npz").exists():
        pytest.skip("no trained models in models/")
    # build from a copy so the worktree gets no build/ folder
    src = tmp_path / "src-copy"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "models", src / "models")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(src)],
                   check=True, timeout=600)
    wheel = next(wheels.glob("evidence_mapper-*.whl"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies (spacy, sklearn, ...) come from this interpreter's site-packages, as a plain
    # path after the venv's own: the package itself comes from the wheel only
    (site / "zz-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(site), str(wheel)], check=True, timeout=300)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EVIDENCE_MAPPER_MODELS")}
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run([str(py), "-c", "import evidence_mapper; print(evidence_mapper.__file__)"],
                           cwd=work, env=env, check=True, capture_output=True, text=True).stdout.strip()
    assert Path(where).is_relative_to(site), where
    assert (site / "evidence_mapper" / "classify" / "data" / "passage-indicator.npz").exists()
    assert (site / "evidence_mapper" / "report" / "i18n.json").exists()
    assert (site / "evidence_mapper" / "cli_i18n.json").exists()
    assert (site / "evidence_mapper" / "cli_help_i18n.json").exists()

    p = subprocess.run([str(py), "-m", "evidence_mapper", "inspect", str(SAMPLE_FILE), "--json"],
                       cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["model"] == _trained_model_id()
    assert not out["model"].startswith("baseline")
    assert "PERINGATAN" not in p.stderr

    # a report renders from the installed templates and labels
    ws = tmp_path / "ws"
    for args in (["init", str(ws), "--region", "Kabupaten Sukamaju", "--year", "2025"],
                 ["ingest", str(ws), str(SAMPLE_FILE)], ["map", str(ws)],
                 ["report", str(ws), "-f", "html", "-o", str(tmp_path / "r.html")]):
        r = subprocess.run([str(py), "-m", "evidence_mapper", *args], cwd=work, env=env,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, (args, r.stderr)
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_missing_models_warn_loudly(monkeypatch, tmp_path):
    import warnings

    from evidence_mapper import classify

    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", str(tmp_path / "none"))
    classify._warn_missing.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scorer = classify.get_scorer("spbe-2020")
    assert scorer.model_id.startswith("baseline")
    assert any(issubclass(w.category, classify.ModelsMissingWarning) for w in caught)
    # chosen on purpose: no warning
    monkeypatch.setenv("EVIDENCE_MAPPER_MODELS", "baseline")
    classify._warn_missing.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        classify.get_scorer("spbe-2020")
    assert not any(issubclass(w.category, classify.ModelsMissingWarning) for w in caught)
