"""The `ingest` command's display: files n/N, pages, OCR pages, rate and ETA (the batch's
:class:`~evidence_mapper.batch.progress.Progress`), each failure once, a summary at the end."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .batch.progress import Progress, _hms
from .i18n import default_lang, labels, t
from .ingest import iter_files

INGEST_FAILED_EXIT = 3


def error_text(info: dict, lang: str) -> str:
    """``path: reason (detail)`` with the reason in ``lang``."""
    kind = info.get("kind")
    reason = labels()[lang].get("error_kinds", {}).get(kind) if kind else None
    if not reason:
        return info["error"]
    detail = info.get("detail")
    return f"{info['path']}: {reason}" + (f" ({detail})" if detail else "")


def run_ingest(ws, paths: list[Path], *, json_out: bool = False, lang: str | None = None, mode: str = "auto",
               every: float = 10.0, out=None, err=None) -> int:
    """Ingest ``paths`` into ``ws`` showing progress on ``err``; returns the exit status
    (0, or :data:`INGEST_FAILED_EXIT` when some files failed)."""
    out = out or sys.stdout
    err = err or sys.stderr
    lang = lang or default_lang()
    prog = Progress(mode, every, stream=err, lang=lang)
    prog.phase = t("phase_ingest", lang)
    prog.start(len(iter_files(paths)))

    def on_file(info: dict) -> None:
        failed = info["state"] == "error"
        if failed:
            prog.note(t("ingest_failed", lang, message=error_text(info, lang)))
        added = info["state"] in ("added", "skipped")
        prog.file_done(int(added), info["pages"], int(failed), ocr_pages=info["ocr_pages"])

    s = ws.ingest(paths, on_file=on_file)
    prog.close()
    if json_out:
        print(json.dumps(s.to_json(), ensure_ascii=False, indent=1), file=out)
    else:
        for p, r in s.skipped:
            print(t("ingest_skipped", lang, path=p, reason=r), file=out)
        print(t("ingest_summary", lang, added=len(s.added), duplicates=len(s.duplicates), skipped=len(s.skipped),
                errors=len(s.errors), pages=prog.pages, ocr=prog.ocr_pages, elapsed=_hms(prog.elapsed())), file=out)
    if s.errors:
        if not json_out:
            print(t("ingest_exit_failed", lang, errors=len(s.errors)), file=err)
        return INGEST_FAILED_EXIT
    return 0
