"""Score: criteria met, proposed level per indicator, index, gaps."""

from .index import IndexError_, IndexResult, compute_index
from .propose import EvidenceDoc, propose

__all__ = ["EvidenceDoc", "IndexError_", "IndexResult", "compute_index", "propose"]
