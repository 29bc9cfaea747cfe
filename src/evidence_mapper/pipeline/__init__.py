"""One declared stage runner for every way of reading files (see :mod:`.runner`)."""

from .runner import (FILE_STAGE, INGEST_VERSION, NLP_STAGE, NLP_VERSION, STAGES, MapOutput, Plan, Stage, StoredDoc,
                     classification_from_json, classification_to_json, classify_and_score, classify_record,
                     iter_file, model_version, reanalyze, reclassify, run_file, stage_versions)

__all__ = ["FILE_STAGE", "INGEST_VERSION", "NLP_STAGE", "NLP_VERSION", "STAGES", "MapOutput", "Plan", "Stage",
           "StoredDoc", "classification_from_json", "classification_to_json", "classify_and_score",
           "classify_record", "iter_file", "model_version", "reanalyze", "reclassify", "run_file", "stage_versions"]
