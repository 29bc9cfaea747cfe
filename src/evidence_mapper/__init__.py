"""evidence-mapper: map the documents of an SPBE evaluation submission onto its indicators.

Public API::

    from evidence_mapper import Workspace, inspect_file, load_framework, compute_index

The names load on first use (PEP 562), so ``import evidence_mapper`` and the CLI's help cost
only what they use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Workspace", "inspect_file", "load_framework", "list_frameworks", "compute_index", "__version__"]

_LAZY = {
    "Workspace": ".store",
    "inspect_file": ".api",
    "load_framework": ".frameworks",
    "list_frameworks": ".frameworks",
    "compute_index": ".score",
}

if TYPE_CHECKING:
    from .api import inspect_file
    from .frameworks import list_frameworks, load_framework
    from .score import compute_index
    from .store import Workspace


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'evidence_mapper' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
