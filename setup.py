"""Build hook: the trained models in ``models/`` (written by ``evidence-mapper train``, the
source of truth) are copied into the package as ``evidence_mapper/classify/data/`` so that a
wheel or a non-editable install carries them. Everything else is in pyproject.toml."""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
MODEL_FILES = ("*.json", "*.npz", "MODEL_CARD.md")


class build_py_with_models(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads models/ in place
        src = ROOT / "models"
        dst = Path(self.build_lib) / "evidence_mapper" / "classify" / "data"
        files = sorted({f for pat in MODEL_FILES for f in src.glob(pat) if f.is_file()})
        if not files:
            print("WARNING: no trained models in models/: this build falls back to the keyword "
                  "baseline (run 'evidence-mapper train' first)", file=sys.stderr)
            return
        dst.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copyfile(f, dst / f.name)
        legacy = sorted({f for pat in MODEL_FILES for f in (src / "legacy").glob(pat) if f.is_file()})
        if legacy:  # the document-level filter the relevance model is combined with
            (dst / "legacy").mkdir(exist_ok=True)
            for f in legacy:
                shutil.copyfile(f, dst / "legacy" / f.name)


setup(cmdclass={"build_py": build_py_with_models})
