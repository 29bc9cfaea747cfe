"""Batch runs over whole archives of submissions: parallel, resumable, observable.

``run_batch(workspace, archives, BatchOptions(...))`` reads every file below the archives
(folders, ZIPs or fsspec URLs), keeps the region, year and indicator folder each was filed
under, runs ingest -> nlp -> classify in workers (a local process pool, this process, or
Dask), writes through one writer, proposes levels per region and ranks the regions.
"""

from .engines import default_workers, make_engine
from .layout import Filing, filing_of, read_filing
from .run import BatchOptions, filing_checks, ranking, region_groups, run_batch, summary_text

__all__ = ["BatchOptions", "Filing", "default_workers", "filing_checks", "filing_of", "make_engine", "ranking",
           "read_filing", "region_groups", "run_batch", "summary_text"]
