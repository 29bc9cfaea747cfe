"""Spreadsheets (XLSX via openpyxl in read-only mode, CSV): one page per sheet.

Each sheet row is one line of the page, cells separated by tabs (tabs and line breaks inside
a cell become spaces), so line ``k`` of a page is row ``k`` of the sheet; trailing empty rows
and cells are dropped. The notes say each sheet's name and size, and :func:`rows` gives the
rows back (e.g. to count the applications of an inventory). No boxes (``source="cell"``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from ..types import Page
from .errors import IngestError
from .limits import Deadline, Limits
from .text import decode
from .zipguard import guard_office

# Cells read from one workbook at most (a sheet can claim a million rows).
MAX_CELLS = 2_000_000


def cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v).replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ").strip()


def _page_text(rows: list[list[str]]) -> tuple[str, int, int]:
    lines = []
    width = 0
    for r in rows:
        while r and not r[-1]:
            r.pop()
        width = max(width, len(r))
        lines.append("\t".join(r))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines), len(lines), width


def rows(page: Page) -> list[list[str]]:
    """The cells of a sheet page, row by row (empty rows included, as in the sheet)."""
    return [line.split("\t") for line in page.text.split("\n")] if page.text else []


def read_xlsx(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    import openpyxl

    guard_office(str(path), limits, path.stat().st_size)
    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as e:  # zipfile, KeyError, lxml errors of a damaged workbook
        raise IngestError(str(path), "corrupt", f"not a readable XLSX: {type(e).__name__}: {e}") from e
    pages: list[Page] = []
    notes: list[str] = []
    cells = 0
    try:
        for n, ws in enumerate(wb.worksheets, start=1):
            if deadline:
                deadline.check(f"at sheet {n}")
            grid: list[list[str]] = []
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise IngestError(str(path), "too_large", f"more than {MAX_CELLS} cells")
                grid.append([cell_text(v) for v in row])
                if deadline and len(grid) % 5000 == 0:
                    deadline.check(f"at row {len(grid)} of sheet {n}")
            text, nrows, ncols = _page_text(grid)
            pages.append(Page(number=n, text=text, source="cell"))
            notes.append(f"page {n}: sheet {ws.title!r}, {nrows} rows x {ncols} columns" if nrows
                         else f"page {n}: sheet {ws.title!r} is empty")
    except IngestError:
        raise
    except Exception as e:
        raise IngestError(str(path), "corrupt", f"while reading sheets: {type(e).__name__}: {e}") from e
    finally:
        wb.close()
    if not any(p.text.strip() for p in pages):
        raise IngestError(str(path), "empty", "workbook has no cells")
    return pages, notes


def read_csv(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    text = decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    grid: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            cells += len(row)
            if cells > MAX_CELLS:
                raise IngestError(str(path), "too_large", f"more than {MAX_CELLS} cells")
            grid.append([cell_text(c) for c in row])
            if deadline and len(grid) % 5000 == 0:
                deadline.check(f"at row {len(grid)}")
    except csv.Error as e:
        raise IngestError(str(path), "corrupt", f"CSV: {e}") from e
    body, nrows, ncols = _page_text(grid)
    if not body.strip():
        raise IngestError(str(path), "empty", "no cells")
    return [Page(number=1, text=body, source="cell")], [f"page 1: CSV, {nrows} rows x {ncols} columns"]
