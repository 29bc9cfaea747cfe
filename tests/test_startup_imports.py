"""Commands cost only what they use: ``--help`` loads no numerical or NLP library.

The start-up figures themselves live in ``benchmarks/startup.py``; this test keeps the cause of
a slow start-up out: a module on the help path that pulls in numpy, scipy, scikit-learn or
spaCy (``--help`` once spent 0.45 s and 61 MiB because formatting one warning class imported
the scorers).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "scipy", "sklearn", "spacy", "pdfplumber", "pypdfium2", "PIL")

PROBE = """
import json, sys
sys.argv = ["evidence-mapper", "--help"]
from evidence_mapper.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _modules_after(probe: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", **_pythonpath()}).stdout
    line = [ln for ln in out.splitlines() if ln.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


def _pythonpath() -> dict[str, str]:
    import os

    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


def test_help_loads_no_heavy_library():
    loaded = _modules_after(PROBE)
    assert "evidence_mapper" in loaded and "typer" in loaded  # the probe did run the command line
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_models_missing_warning_is_still_the_scorers_warning():
    from evidence_mapper import errors
    from evidence_mapper.classify import ModelsMissingWarning

    assert ModelsMissingWarning is errors.ModelsMissingWarning
