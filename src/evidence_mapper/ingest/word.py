"""DOCX (python-docx): paragraphs, headings and tables in body order, as pages of plain text.

A page ends at an explicit page break (``<w:br w:type="page"/>``, a paragraph with
``pageBreakBefore``, or a section break that starts a new page); a document without them is
one page. Table rows become lines with cells separated by tabs. Headings are set off by a
blank line. DOCX carries no positions, so pages have no boxes (``source="docx"``).
"""

from __future__ import annotations

from pathlib import Path

from ..types import Page
from .errors import IngestError
from .limits import Deadline, Limits
from .zipguard import guard_office

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ").strip()


class _Pages:
    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def line(self, s: str) -> None:
        self.pages[-1].append(s)

    def brk(self) -> None:
        self.pages[-1].append("")  # close the running line
        self.pages.append([])


def _paragraph(p, out: _Pages, heading: bool) -> None:
    ppr = p.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}pageBreakBefore") is not None and any(out.pages[-1]):
        out.brk()
    if heading and out.pages[-1] and out.pages[-1][-1] != "":
        out.line("")
    buf: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}sym"):
        tag = el.tag
        if tag == f"{W}t":
            buf.append(el.text or "")
        elif tag == f"{W}tab":
            buf.append("\t")
        elif tag == f"{W}br" and el.get(f"{W}type") == "page":
            out.line("".join(buf))
            buf = []
            out.brk()
        elif tag in (f"{W}br", f"{W}cr"):
            buf.append("\n")
    out.line("".join(buf))
    if heading:
        out.line("")
    sect = ppr.find(f"{W}sectPr") if ppr is not None else None
    if sect is not None:
        typ = sect.find(f"{W}type")
        if typ is None or typ.get(f"{W}val") in (None, "nextPage", "oddPage", "evenPage"):
            out.brk()


def _table(tbl, out: _Pages) -> None:
    for tr in tbl.iter(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")]
            cells.append(_clean(" ".join(x for x in texts if x.strip())))
        while cells and not cells[-1]:
            cells.pop()
        out.line("\t".join(cells))
    out.line("")


def read_docx(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    guard_office(str(path), limits, path.stat().st_size)
    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise IngestError(str(path), "corrupt", f"not a readable DOCX: {e}") from e
    except Exception as e:  # lxml / zipfile errors of a damaged package
        raise IngestError(str(path), "corrupt", f"{type(e).__name__}: {e}") from e
    styles = {}
    try:
        for s in d.styles:
            styles[s.style_id] = (s.name or "")
    except Exception:
        pass
    out = _Pages()
    body = d.element.body
    for el in body.iterchildren():
        if el.tag == f"{W}p":
            ppr = el.find(f"{W}pPr")
            sid = None
            if ppr is not None and ppr.find(f"{W}pStyle") is not None:
                sid = ppr.find(f"{W}pStyle").get(f"{W}val")
            name = styles.get(sid, sid or "").lower()
            _paragraph(el, out, heading=name.startswith(("heading", "judul", "title")))
        elif el.tag == f"{W}tbl":
            _table(el, out)
    texts = ["\n".join(lines).strip("\n") for lines in out.pages]
    while len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    pages = [Page(number=i + 1, text=t, source="docx") for i, t in enumerate(texts)]
    if not any(p.text.strip() for p in pages):
        raise IngestError(str(path), "empty", "DOCX has no text")
    return pages, []
