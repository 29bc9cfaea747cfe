"""Progress of a batch: a live rich display on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _hms(s: float | None) -> str:
    if s is None or s != s or s < 0:
        return "--:--:--"
    s = int(s)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Progress:
    """Counts files, documents, pages and errors; shows them as the batch goes."""

    def __init__(self, mode: str = "auto", every: float = 10.0, stream: TextIO | None = None,
                 lang: str | None = None):
        self.stream = stream or sys.stderr
        self.lang = lang  # None: the batch's own English line; "id"/"en": the catalogue's
        if mode == "auto":
            mode = "rich" if getattr(self.stream, "isatty", lambda: False)() else "plain"
        self.mode = mode
        self.every = every
        self.files_total = self.files = self.docs = self.pages = self.errors = self.skipped = 0
        self.ocr_pages = 0
        self.phase = "ingest"
        self.t0 = time.monotonic()
        self._last = 0.0
        self._rich = None
        self._task = None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, files_total: int) -> None:
        self.files_total = files_total
        self.t0 = time.monotonic()
        if self.mode == "rich":
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self._rich = RichProgress(
                TextColumn("[bold]{task.fields[phase]}"), BarColumn(), MofNCompleteColumn(),
                TextColumn(self._rich_template()),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=False, refresh_per_second=4)
            self._rich.start()
            self._task = self._rich.add_task("batch", total=files_total, **self._fields())
        elif self.mode == "plain":
            self._line(force=True)

    def _rich_template(self) -> str:
        if self.lang is not None:
            from ..i18n import t

            return t("progress_rich", self.lang)
        return ("files  {task.fields[docs]} docs  {task.fields[pages]} pages  "
                "{task.fields[rate]}  [red]{task.fields[errors]} errors")

    def close(self) -> None:
        if self._rich is not None:
            self._rich.update(self._task, completed=self.files, **self._fields())
            self._rich.stop()
            self._rich = None
        elif self.mode == "plain":
            self._line(force=True)

    # -- updates -----------------------------------------------------------------------
    def file_done(self, docs: int, pages: int, errors: int, skipped: bool = False, ocr_pages: int = 0) -> None:
        self.files += 1
        self.files_total = max(self.files_total, self.files)  # archives hold more documents than files
        self.docs += docs
        self.pages += pages
        self.ocr_pages += ocr_pages
        self.errors += errors
        self.skipped += int(skipped)
        self._update()

    def note(self, message: str) -> None:
        """One line (a failure, say) printed once, above a live display."""
        if self._rich is not None:
            self._rich.console.print(message, markup=False, highlight=False)
        elif self.mode != "none":
            print(message, file=self.stream, flush=True)

    def set_phase(self, phase: str, total: int | None = None) -> None:
        self.phase = phase
        if total is not None:
            self.files_total, self.files = total, 0
            if self._rich is not None:
                self._rich.reset(self._task, total=total, **self._fields())
        self._update(force=True)

    def _fields(self) -> dict:
        if self.lang is not None:
            from ..i18n import t

            return {"phase": self.phase, "docs": self.docs, "errors": self.errors,
                    "pages": t("progress_pages", self.lang, pages=self.pages, ocr=self.ocr_pages),
                    "rate": t("progress_rate", self.lang, rate=f"{self.pages_per_min():.1f}")}
        return {"phase": self.phase, "docs": self.docs, "pages": self.pages, "errors": self.errors,
                "rate": f"{self.docs_per_min():.1f} docs/min {self.pages_per_s():.2f} pages/s"}

    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def docs_per_min(self) -> float:
        e = self.elapsed()
        return 60.0 * self.docs / e if e > 0 else 0.0

    def pages_per_min(self) -> float:
        return 60.0 * self.pages_per_s()

    def pages_per_s(self) -> float:
        e = self.elapsed()
        return self.pages / e if e > 0 else 0.0

    def eta(self) -> float | None:
        worked = self.files - self.skipped
        left = self.files_total - self.files
        if worked <= 0:
            return None if left else 0.0
        return self.elapsed() / worked * left

    def _update(self, force: bool = False) -> None:
        if self._rich is not None:
            self._rich.update(self._task, completed=self.files, **self._fields())
        elif self.mode == "plain":
            self._line(force)

    def _line(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        if self.lang is not None:
            from ..i18n import t

            print(t("progress_line", self.lang, elapsed=_hms(self.elapsed()), phase=self.phase, files=self.files,
                    total=self.files_total, docs=self.docs, pages=self.pages, ocr=self.ocr_pages,
                    rate=f"{self.pages_per_min():.1f}", eta=_hms(self.eta()), errors=self.errors),
                  file=self.stream, flush=True)
            return
        print(f"[{_hms(self.elapsed())}] {self.phase}: files {self.files}/{self.files_total}, documents {self.docs}, "
              f"pages {self.pages}, {self.docs_per_min():.1f} docs/min, {self.pages_per_s():.2f} pages/s, "
              f"ETA {_hms(self.eta())}, errors {self.errors}", file=self.stream, flush=True)
