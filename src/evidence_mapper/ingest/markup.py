"""HTML: text without tags (stdlib ``html.parser``), one page, no boxes (``source="plain"``).

Block elements end lines, table cells are separated by tabs, ``script``/``style``/``head``
content (except the title) is dropped, entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..types import Page
from .errors import IngestError
from .limits import Deadline, Limits
from .text import decode

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
          "article", "header", "footer", "blockquote", "pre", "dt", "dd", "hr", "title", "form", "nav", "main"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        if tag in ("td", "th"):
            self.out.append("\t")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skip and not self.in_title:
            return
        self.out.append(data)


def html_text(source: str) -> str:
    p = _Text()
    p.feed(source)
    p.close()
    text = "".join(p.out)
    lines = []
    for line in text.split("\n"):
        cells = [re.sub(r"[ \r\f\v\u00a0]+", " ", c).strip() for c in line.split("\t")]
        lines.append("\t".join(cells).strip("\t"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_html(path: Path, limits: Limits = Limits(), deadline: Deadline | None = None) -> tuple[list[Page], list[str]]:
    text = html_text(decode(path.read_bytes()))
    if not text.strip():
        raise IngestError(str(path), "empty", "HTML has no text")
    return [Page(number=1, text=text, source="plain")], []
