"""evidence-mapper: map the documents of an SPBE evaluation submission onto its indicators.

Public API::

    from evidence_mapper import Workspace, inspect_file, load_framework, compute_index
"""

from .api import inspect_file
from .frameworks import list_frameworks, load_framework
from .score import compute_index
from .store import Workspace

__version__ = "0.1.0"
__all__ = ["Workspace", "inspect_file", "load_framework", "list_frameworks", "compute_index", "__version__"]
