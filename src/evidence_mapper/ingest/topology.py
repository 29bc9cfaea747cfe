"""Network topology diagrams: positioned words -> structured network facts.

A diagram page is a scatter of short labels ("Router Core", "ISP Telkom 200 Mbps",
"Dinas Kesehatan") joined by drawn lines. From the words of a page (text layer or OCR, each
with its box) this module

1. groups words into labels by proximity (words on one line close together, lines stacked
   close together; a paragraph of prose becomes one big group and is not a label);
2. reads each label: device role (router, core/distribution/access switch, firewall,
   server, data center, DRC, access point, NOC, ...), ISP (Telkom, Lintasarta, Icon+, ...),
   bandwidth ("100 Mbps"), medium (FO, wireless, VPN, ...), connected unit (Dinas ...,
   Badan ..., Kecamatan ..., Sekretariat Daerah, RSUD ...);
3. finds links: with the PDF's drawn lines (pdfplumber ``lines``/``curves``, joined into
   polylines) a link joins the two labels (or the boxes drawn around them) at a polyline's
   ends, ``basis = "line"``; without lines every unit/device is linked to its nearest hub
   (router, switch, firewall, data center), ``basis = "proximity"``. A bandwidth or medium
   label standing alone is given to the nearest link (or label);
4. states redundancy: two ISPs or more, a backup link, an HA pair, a DRC.

Facts carry the page, the label's box (top-left origin, points) and its words. This is
ingestion: it knows network vocabulary, nothing of evaluation indicators.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..types import BBox, Page, TopologyFact
from ..vocab import bbox_union

# A group of more words than this is prose, not a diagram label.
MAX_LABEL_WORDS = 10
# Words on one line join when the gap is below this many word heights.
SAME_LINE_GAP = 0.9
# Stacked lines join when the vertical gap is below this many word heights.
STACK_GAP = 0.6
# A page is read as a diagram with at least this many labels that carry network cues...
MIN_CUE_LABELS = 3
# ... and at least one of them names infrastructure (device or ISP), and the cue labels hold
# at least this share of the words in the area they span.
MIN_DENSITY = 0.4
# Cue labels sharing a left edge in groups of TABLE_COLUMN or more, for TABLE_SHARE of them: a table.
TABLE_COLUMN = 4
TABLE_SHARE = 0.5
# A label is at most this share of the page width (a wider group is a line of prose).
MAX_LABEL_WIDTH = 0.4
# A line end touches a label (or the box drawn around it) within this many points.
END_TOLERANCE = 14.0
# A standalone bandwidth/medium label belongs to a link passing within this many points.
LINK_LABEL_DISTANCE = 45.0

_DEVICE_RULES: list[tuple[str, re.Pattern]] = [
    ("drc", re.compile(r"\bDRC\b|\bDRP\b|disaster\s+recovery", re.I)),
    ("data_center", re.compile(r"\bpusat\s+data\b|\bdata\s*cent(?:er|re)\b|\bDC\b|\bruang\s+server\b", re.I)),
    ("noc", re.compile(r"\bNOC\b|network\s+operation", re.I)),
    ("core_switch", re.compile(r"\b(?:core\s+switch|switch\s+core)\b", re.I)),
    ("distribution_switch", re.compile(r"\b(?:distribution\s+switch|switch\s+distribu(?:si|tion))\b", re.I)),
    ("access_switch", re.compile(r"\b(?:access\s+switch|switch\s+(?:akses|access))\b", re.I)),
    ("firewall", re.compile(r"\bfire\s*wall\b|\bfortigate\b|\bUTM\b|\bpalo\s*alto\b", re.I)),
    ("load_balancer", re.compile(r"\bload\s*balancer\b", re.I)),
    ("router", re.compile(r"\brouter\b|\bmikrotik\b|\bgateway\b", re.I)),
    ("switch", re.compile(r"\bswitch\b|\bhub\b", re.I)),
    ("access_point", re.compile(r"\baccess\s+point\b|\bAP\b|\bhotspot\b|\bwi-?fi\b", re.I)),
    ("server", re.compile(r"\bserver\b|\bstorage\b|\bSAN\b|\bNAS\b", re.I)),
    ("internet", re.compile(r"\binternet\b|\bcloud\b", re.I)),
    ("radio", re.compile(r"\bBTS\b|\btower\b|\bmenara\b|\bradio\b", re.I)),
]
# Roles other labels hang from when no line says where they connect.
HUB_ROLES = ("data_center", "noc", "core_switch", "router", "distribution_switch", "switch", "firewall",
             "access_switch")
# Hubs a unit (an OPD's site) hangs from when no line says: switches, routers, the data center.
UNIT_HUB_ROLES = ("core_switch", "distribution_switch", "access_switch", "switch", "router", "data_center", "noc")

_ISPS: list[tuple[str, re.Pattern]] = [
    ("Telkom", re.compile(r"\bTelkom(?:sel)?\b|\bIndi\s*home\b|\bAstinet\b", re.I)),
    ("Lintasarta", re.compile(r"\bLintas\s*arta\b", re.I)),
    ("Icon+", re.compile(r"\b[Il1]con\s*(?:\+|-{1,2}|-?#-?|Plus\b)|\bIconnet\b|\bPLN\s*Icon", re.I)),
    ("Biznet", re.compile(r"\bBiznet\b", re.I)),
    ("Indosat", re.compile(r"\bIndosat\b|\bIM2\b", re.I)),
    ("XL", re.compile(r"\bXL\b", re.I)),
    ("Moratelindo", re.compile(r"\bMoratel(?:indo)?\b", re.I)),
    ("Fiberstar", re.compile(r"\bFiberstar\b", re.I)),
    ("Link Net", re.compile(r"\bLink\s*Net\b|\bFirst\s*Media\b", re.I)),
    ("Hypernet", re.compile(r"\bHypernet\b", re.I)),
    ("CBN", re.compile(r"\bCBN\b", re.I)),
    ("MyRepublic", re.compile(r"\bMy\s*Republic\b", re.I)),
    ("Palapa Ring", re.compile(r"\bPalapa\s+Ring\b|\bBAKTI\b", re.I)),
]
_ISP_WORD = re.compile(r"\bISP\b", re.I)
_BANDWIDTH = re.compile(r"(\d+(?:[.,]\d+)?)\s*([KMG])\s*(?:bps|b/s|bit/s|bits)\b", re.I)
_MEDIA: list[tuple[str, re.Pattern]] = [
    ("fiber", re.compile(r"\bFO\b|\bfib(?:er|re)\s*optic?\b|\bserat\s+optik\b|\bfiber\b", re.I)),
    ("wireless", re.compile(r"\bwireless\b|\bmicrowave\b|\bradio\s+link\b|\bP2P\b|\bPTP\b", re.I)),
    ("vpn", re.compile(r"\bVPN\b|\bIP\s*VPN\b", re.I)),
    ("mpls", re.compile(r"\bMPLS\b|\bmetro[\s-]*e(?:thernet)?\b", re.I)),
    ("vsat", re.compile(r"\bVSAT\b", re.I)),
]
_UNIT = re.compile(
    r"\b(?:Dinas|Badan|Kecamatan|Kelurahan|Desa|Sekretariat(?:\s+Daerah|\s+DPRD)?|Setda|Inspektorat|RSUD|"
    r"Rumah\s+Sakit|Puskesmas|Kantor|Camat|Bappeda|Bapenda|BPBD|BKPSDM|BPKAD|DPRD|Satpol\s*PP|Diskominfo|"
    r"Dinkes|Disdukcapil|Disdik|Dishub|Kominfo|Bagian|UPTD|OPD|SKPD|D[Il1][MN]AS)\b", re.I)
_BACKUP = re.compile(r"\bbackup\b|\bback-up\b|\bcadangan\b|\bfail\s*over\b|\bsecondary\b|\bredundan\w*", re.I)
_HA = re.compile(r"\bHA\b|\bhigh\s+availability\b|\bcluster\b|\bactive[\s/-]+(?:passive|standby|active)\b", re.I)
_NUMBERED = re.compile(r"^(.*?)[\s-]*(\d+|[AB])$")



def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (``a|(?:b|c)|d`` -> a, (?:b|c), d)."""
    out, cur, depth, i = [], [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _gate(patterns: list[str]) -> re.Pattern:
    """One case-insensitive pattern matching what any of ``patterns`` matches, with the word
    boundary the alternatives share tested once before the alternation instead of once per
    alternative (the same matches, about five times faster on page text)."""
    alts = [a for p in patterns for a in _alternatives(p)]
    bounded = [a[2:] for a in alts if a.startswith(r"\b")]
    free = [a for a in alts if not a.startswith(r"\b")]
    return re.compile("|".join([r"\b(?:" + "|".join(bounded) + ")"] + free), re.I)


# Cheap gate before any geometry: enough network words on the page.
_CUES = _gate([p.pattern for _, p in _DEVICE_RULES + _ISPS] + [r"\bISP\b", r"\d\s*[KMG]bps\b"])


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# The only characters outside ASCII that Python's case-insensitive matching takes for ASCII
# letters (İ ı ſ K: i, i, s, k).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _lower_literals(pattern: str) -> str:
    """A pattern's literal letters in lower case (escapes such as ``\\b``, ``\\s`` kept)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append(pattern[i].lower())
        i += 1
    return "".join(out)


# The gate, case-sensitive, for text with its ASCII capitals lowered: the alternation then
# skips a branch on its first letter (about twice as fast as matching without case).
_CUES_LOWER = re.compile(_lower_literals(_CUES.pattern))


def cue_count(text: str) -> int:
    """How many network cues (:data:`_CUES`) a text holds. With every letter of the gate in
    ASCII, lowering the text's ASCII capitals and the gate's letters matches exactly what the
    case-insensitive gate matches, unless the text holds one of the four letters that
    case-insensitive matching folds onto ASCII (then the gate itself is used)."""
    if _FOLDS_TO_ASCII.search(text):
        return len(_CUES.findall(text))
    return len(_CUES_LOWER.findall(text.translate(_ASCII_LOWER)))


@dataclass
class Label:
    words: list[str]
    bbox: BBox
    text: str
    roles: list[str] = field(default_factory=list)
    isp: str | None = None
    isp_word: bool = False
    bandwidths: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    unit: str | None = None
    backup: bool = False
    ha: bool = False
    box: BBox | None = None  # the drawn box around the label, when there is one

    @property
    def node(self) -> bool:
        return bool(self.roles or self.isp or self.unit)

    @property
    def cue(self) -> bool:
        return (self.node or bool(self.bandwidths or self.media)) and name_like(self.text)


@dataclass
class Drawing:
    """Vector geometry of one page: polylines (lists of points) and rectangles."""

    polylines: list[list[tuple[float, float]]] = field(default_factory=list)
    rects: list[BBox] = field(default_factory=list)


# -- words and labels ----------------------------------------------------------------------

def page_words(page: Page) -> list[tuple[str, BBox]]:
    """Whitespace-separated words of a page with the union box of their characters (the
    unions taken on whole arrays, one reduction per word edge, not a loop per character)."""
    out: list[tuple[str, BBox]] = []
    text, boxes = page.text, page.char_boxes or []
    if not boxes:
        return out
    found = [(m.start(), min(m.end(), len(boxes)), m.group(0)) for m in re.finditer(r"\S+", text)
             if m.start() < len(boxes)]
    if not found:
        return out
    nan = (math.nan,) * 4
    a = np.array([b if b else nan for b in boxes] + [nan], dtype=np.float64)
    cuts = np.array([k for s, e, _ in found for k in (s, e)], dtype=np.intp)
    lo = np.fmin.reduceat(a[:, :2], cuts)[::2].tolist()  # NaN only where no character has a box
    hi = np.fmax.reduceat(a[:, 2:], cuts)[::2].tolist()
    for (_, _, word), (x0, y0), (x1, y1) in zip(found, lo, hi):
        if x0 != x0:  # NaN: no boxed character
            continue
        out.append((word, (x0, y0, x1, y1)))
    return out


# Words (rows) against words (columns) tested at once in :func:`group_labels` (bounds its memory).
PAIR_ROWS = 64
PAIR_COLUMNS = 4096


def group_labels(words: list[tuple[str, BBox]]) -> list[list[int]]:
    """Indices of words grouped into labels (union-find on nearby words), reading order."""
    n = len(words)
    if not n:
        return []
    a = np.array([b for _, b in words], dtype=np.float64)
    x0, y0, x1, y1 = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    h = np.maximum(y1 - y0, 1e-3)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # every pair (i, k), i < k, tested on blocks of rows at once (the same tests as one row at a
    # time), against the words of the block's height band only: two words join only when their
    # vertical gap is under STACK_GAP of the taller one's height, so a word further from the
    # block than STACK_GAP of the page's tallest word (plus a point) cannot join. The groups
    # are the connected pairs, whatever order the pairs are found in.
    reach = STACK_GAP * float(h.max()) + 1.0
    for r0 in range(0, n - 1, PAIR_ROWS):
        r1 = min(n - 1, r0 + PAIR_ROWS)
        top, bottom = float(y0[r0:r1].min()) - reach, float(y1[r0:r1].max()) + reach
        rest = np.arange(r0 + 1, n)
        rest = rest[(y0[rest] < bottom) & (y1[rest] > top)]
        if not len(rest):
            continue
        for c0 in range(0, len(rest), PAIR_COLUMNS):
            i = np.arange(r0, r1)[:, None]
            j = rest[None, c0:c0 + PAIR_COLUMNS]
            hh = np.maximum(h[i], h[j])
            hl = np.minimum(h[i], h[j])
            similar = hl / hh > 0.55
            v_overlap = np.minimum(y1[i], y1[j]) - np.maximum(y0[i], y0[j])
            h_gap = np.maximum(x0[j] - x1[i], x0[i] - x1[j])
            same_line = (v_overlap > 0.5 * hl) & (h_gap < SAME_LINE_GAP * hh)
            h_overlap = np.minimum(x1[i], x1[j]) - np.maximum(x0[i], x0[j])
            v_gap = np.maximum(y0[j] - y1[i], y0[i] - y1[j])
            stacked = (h_overlap > -0.5 * hh) & (v_gap < STACK_GAP * hh) & (v_gap > -0.5 * hh)
            ii, kk = np.nonzero(similar & (same_line | stacked) & (j > i))
            for a_i, k in zip((ii + r0).tolist(), j[0, kk].tolist()):
                ri, rk = find(a_i), find(k)
                if ri != rk:
                    parent[rk] = ri
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (min(a[k, 1] for k in g), min(a[k, 0] for k in g)))


def _label_text(words: list[tuple[str, BBox]], idx: list[int]) -> str:
    """Words of a label in reading order: lines top to bottom, words left to right."""
    items = sorted(idx, key=lambda k: (words[k][1][1], words[k][1][0]))
    lines: list[list[int]] = []
    for k in items:
        b = words[k][1]
        if lines:
            lb = words[lines[-1][0]][1]
            if abs((b[1] + b[3]) / 2 - (lb[1] + lb[3]) / 2) < 0.5 * (lb[3] - lb[1]):
                lines[-1].append(k)
                continue
        lines.append([k])
    return " ".join(" ".join(words[k][0] for k in sorted(ln, key=lambda k: words[k][1][0])) for ln in lines)


_PROSE_WORDS = re.compile(r"\b(?:yang|tidak|untuk|dengan|menuju|memiliki|adalah|sebagai|pada|dari|oleh|"
                          r"dalam|akan|telah|sudah|belum|dapat|harus|agar|ini|itu|ke|di|the|of|is|are)\b", re.I)


def name_like(text: str) -> bool:
    """A diagram label names a thing: a few words, no sentence words ("yang", "tidak", ...)."""
    return len(text.split()) <= 7 and not _PROSE_WORDS.search(text) and not text.rstrip().endswith(".")


def read_label(text: str) -> dict:
    """What a label says: roles, ISP, bandwidths, media, unit, backup/HA cues."""
    roles = []
    for role, rx in _DEVICE_RULES:
        if rx.search(text):
            if role == "switch" and any(r.endswith("_switch") for r in roles):
                continue
            roles.append(role)
    isp = next((name for name, rx in _ISPS if rx.search(text)), None)
    if isp is None:  # "ISP Nusanet": an ISP not in the list
        im = re.search(r"\bISP\s+([A-Z][\w+&.-]{1,20})", text)
        if im and not _BANDWIDTH.match(text[im.start(1):]):
            isp = im.group(1)
    bws = [f"{_num(m.group(1))} {m.group(2).upper()}bps" for m in _BANDWIDTH.finditer(text)]
    media = [name for name, rx in _MEDIA if rx.search(text)]
    unit = None
    um = _UNIT.search(text)
    if um:
        rest = text[um.start():]
        rest = _BANDWIDTH.split(rest)[0]
        rest = re.split(r"\s+(?:\(|-\s)|\s*[,;:]\s*", rest)[0]
        unit = re.sub(r"^D[Il1][MN]AS\b", "Dinas", _tidy(rest), flags=re.I)
    return dict(roles=roles, isp=isp, isp_word=bool(_ISP_WORD.search(text)), bandwidths=bws, media=media,
                unit=unit, backup=bool(_BACKUP.search(text)), ha=bool(_HA.search(text)))


def _num(s: str) -> str:
    s = s.replace(",", ".")
    return s[:-2] if s.endswith(".0") else s


def _tidy(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" .-|")
    return " ".join(w if (w.isupper() and len(w) <= 5) or any(c.isdigit() for c in w) else w.capitalize()
                    for w in s.split())


def labels_of(page: Page) -> list[Label]:
    words = page_words(page)
    out = []
    for idx in group_labels(words):
        if len(idx) > MAX_LABEL_WORDS:
            continue
        bx = [words[k][1] for k in idx]
        if page.width and max(b[2] for b in bx) - min(b[0] for b in bx) > MAX_LABEL_WIDTH * page.width:
            continue
        text = _label_text(words, idx)
        bbox = (round(min(b[0] for b in bx), 2), round(min(b[1] for b in bx), 2),
                round(max(b[2] for b in bx), 2), round(max(b[3] for b in bx), 2))
        out.append(Label(words=[words[k][0] for k in sorted(idx, key=lambda k: (words[k][1][1], words[k][1][0]))],
                         bbox=bbox, text=text, **read_label(text)))
    return out


_TITLED = re.compile(r"\btopolog[iy]|\bskema\s+jaringan|\bdiagram\s+jaringan|\bnetwork\s+diagram", re.I)


def diagram_density(page: Page, labels: list[Label]) -> float:
    """Share of the words in the area spanned by the cue labels that belong to cue labels:
    near 1 on a diagram, low where the cues sit in prose or in a table."""
    cue = [lb for lb in labels if lb.cue]
    if not cue:
        return 0.0
    x0, y0, x1, y1 = _union([lb.bbox for lb in cue])
    inside = sum(1 for _, b in page_words(page) if x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1)
    return sum(len(lb.words) for lb in cue) / max(1, inside)


def is_diagram(labels: list[Label], page: Page | None = None) -> bool:
    """Enough network labels (one naming a device or ISP, unless a label titles the page a
    topology), and, given the page, packed as a diagram (:data:`MIN_DENSITY`)."""
    cue = [lb for lb in labels if lb.cue]
    infra = [lb for lb in cue if lb.roles or lb.isp]
    titled = any(_TITLED.search(lb.text) for lb in labels)
    if len(cue) < MIN_CUE_LABELS or not (infra or titled):
        return False
    # Scattered over the page, not one column of a table or a list: several left edges and rows.
    lefts = {round(lb.bbox[0] / 8) for lb in cue}
    rows = {round(lb.bbox[1] / 8) for lb in cue}
    if len(lefts) < MIN_CUE_LABELS or len(rows) < 2:
        return False
    # A table (labels stacked in aligned columns) is not a diagram.
    col = {}
    for lb in cue:
        col.setdefault(round(lb.bbox[0] / 4), []).append(lb)
    in_columns = sum(len(v) for v in col.values() if len(v) >= TABLE_COLUMN)
    if in_columns >= TABLE_SHARE * len(cue):
        return False
    return page is None or diagram_density(page, labels) >= MIN_DENSITY


# -- geometry ------------------------------------------------------------------------------

def _box_distance(p: tuple[float, float], b: BBox) -> float:
    dx = max(b[0] - p[0], 0.0, p[0] - b[2])
    dy = max(b[1] - p[1], 0.0, p[1] - b[3])
    return math.hypot(dx, dy)


def _seg_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / L))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def _center(b: BBox) -> tuple[float, float]:
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


def join_polylines(segments: list[list[tuple[float, float]]], tol: float = 1.5) -> list[list[tuple[float, float]]]:
    """Chain polylines that share an end point (elbow connectors drawn as separate lines)."""
    lines = [list(s) for s in segments if len(s) >= 2]
    changed = True
    while changed:
        changed = False
        for i in range(len(lines)):
            for j in range(i + 1, len(lines)):
                a, b = lines[i], lines[j]
                close = lambda p, q: abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol  # noqa: E731
                if close(a[-1], b[0]):
                    lines[i] = a + b[1:]
                elif close(a[-1], b[-1]):
                    lines[i] = a + b[::-1][1:]
                elif close(a[0], b[-1]):
                    lines[i] = b + a[1:]
                elif close(a[0], b[0]):
                    lines[i] = b[::-1] + a[1:]
                else:
                    continue
                del lines[j]
                changed = True
                break
            if changed:
                break
    return lines


def pdf_drawings(path: str | Path, page_numbers: list[int]) -> dict[int, Drawing]:
    """Lines, curves and rectangles drawn on the given PDF pages (top-left origin, points).
    Pages turned by /Rotate or with a crop box unlike their media box are left out."""
    import pdfplumber

    out: dict[int, Drawing] = {}
    with pdfplumber.open(str(path)) as pdf:
        for n in page_numbers:
            if not 1 <= n <= len(pdf.pages):
                continue
            pg = pdf.pages[n - 1]
            if (pg.rotation or 0) % 360 or tuple(map(float, pg.cropbox)) != tuple(map(float, pg.mediabox)):
                # turned or cropped pages: pdfplumber's coordinates would not match the words'
                # (displayed page, crop box origin); such pages fall back to proximity
                pg.close()
                continue
            d = Drawing()
            for obj in list(pg.lines) + list(pg.curves):
                pts = obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])]
                d.polylines.append([(float(x), float(y)) for x, y in pts])
            for r in pg.rects:
                w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
                if min(w, h) < 2.0 and max(w, h) > 8.0:  # a line drawn as a thin filled rectangle
                    y = (r["top"] + r["bottom"]) / 2
                    x = (r["x0"] + r["x1"]) / 2
                    d.polylines.append([(r["x0"], y), (r["x1"], y)] if w > h else [(x, r["top"]), (x, r["bottom"])])
                else:
                    d.rects.append((float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])))
            pg.close()
            out[n] = d
    return out


# -- facts ---------------------------------------------------------------------------------

def _fact(kind: str, value: str, lb: Label, page: Page, **kw) -> TopologyFact:
    return TopologyFact(kind=kind, value=value, label=lb.text, page=page.number, bbox=lb.bbox, words=list(lb.words),
                        source=page.source, **kw)


def _attach_boxes(labels: list[Label], rects: list[BBox]) -> None:
    """Give each node label the smallest drawn rectangle around it (its device box)."""
    for lb in labels:
        c = _center(lb.bbox)
        inside = [r for r in rects if r[0] - 1 <= c[0] <= r[2] + 1 and r[1] - 1 <= c[1] <= r[3] + 1
                  and (r[2] - r[0]) * (r[3] - r[1]) < 60000]
        if inside:
            lb.box = min(inside, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))


def _node_at(p: tuple[float, float], nodes: list[Label]) -> Label | None:
    best, dist = None, END_TOLERANCE
    for lb in nodes:
        d = min(_box_distance(p, lb.bbox), _box_distance(p, lb.box) if lb.box else math.inf)
        if d <= dist:
            best, dist = lb, d
    return best


def page_facts(page: Page, drawing: Drawing | None = None) -> list[TopologyFact]:
    """Network facts of one page; [] when the page is not a diagram."""
    if not page.text or cue_count(page.text) < MIN_CUE_LABELS:
        return []
    labels = labels_of(page)
    if not is_diagram(labels, page):
        return []
    facts: list[TopologyFact] = []
    nodes = [lb for lb in labels if lb.node]
    loose = [lb for lb in labels if lb.cue and not lb.node]  # "100 Mbps", "FO"
    for lb in nodes:
        for role in lb.roles:
            facts.append(_fact("device", role, lb, page, detail={"unit": lb.unit} if lb.unit else {}))
        if lb.isp:
            d: dict = {"role": "backup" if lb.backup else "primary"}
            if lb.bandwidths:
                d["bandwidth"] = lb.bandwidths[0]
            facts.append(_fact("isp", lb.isp, lb, page, detail=d))
        if lb.unit and not lb.roles and not lb.isp:
            facts.append(_fact("unit", lb.unit, lb, page))
        for bw in lb.bandwidths:
            facts.append(_fact("bandwidth", bw, lb, page, detail={"of": lb.text, "media": lb.media}))

    # Links.
    links: list[tuple[Label, Label, str, list[tuple[float, float]] | None]] = []
    polylines = [pl for pl in (drawing.polylines if drawing else []) if len(pl) >= 2]
    if drawing is not None and polylines:
        _attach_boxes(nodes, drawing.rects)
        seen = set()
        for pl in join_polylines(polylines):
            a, b = _node_at(pl[0], nodes), _node_at(pl[-1], nodes)
            if a is None or b is None or a is b:
                continue
            key = frozenset((id(a), id(b)))
            if key in seen:
                continue
            seen.add(key)
            links.append((a, b, "line", pl))
    if not links:
        hubs = [lb for lb in nodes if any(r in HUB_ROLES for r in lb.roles)]
        for lb in nodes:
            if lb in hubs and not lb.isp:
                others = [h for h in hubs if h is not lb and _rank(h) < _rank(lb)]
            else:
                others = [h for h in hubs if h is not lb]
            if lb.isp or "internet" in lb.roles:
                edge = [h for h in others if set(h.roles) & {"router", "firewall"}]
                others = edge or others
            elif not any(r in HUB_ROLES for r in lb.roles):  # units, servers, access points
                inner = [h for h in others if set(h.roles) & set(UNIT_HUB_ROLES)]
                others = inner or others
            if not others:
                continue
            c = _center(lb.bbox)
            h = min(others, key=lambda o: math.dist(c, _center(o.bbox)))
            links.append((lb, h, "proximity", None))

    link_facts: list[TopologyFact] = []
    for a, b, basis, pl in links:
        if pl:
            xs, ys = [p[0] for p in pl], [p[1] for p in pl]
            bbox = (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))
        else:
            bbox = (min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]), max(a.bbox[2], b.bbox[2]),
                    max(a.bbox[3], b.bbox[3]))
        detail: dict = {}
        for lb in (a, b):
            if lb.isp and lb.bandwidths:
                detail.setdefault("bandwidth", lb.bandwidths[0])
            if lb.backup:
                detail["backup"] = True
        link_facts.append(TopologyFact(kind="link", value=f"{a.text} -- {b.text}", label=f"{a.text} -- {b.text}",
                                       page=page.number, bbox=bbox, words=list(a.words) + list(b.words), basis=basis,
                                       ends=[a.text, b.text], detail=detail, source=page.source))

    # Loose bandwidth / medium labels: to the nearest link (a drawn one), else the nearest label.
    for lb in loose:
        c = _center(lb.bbox)
        target, tdist, basis = None, math.inf, "proximity"
        for (a, b, lbasis, pl), lf in zip(links, link_facts):
            pts = pl or [_center(a.bbox), _center(b.bbox)]
            d = min(_seg_distance(c, pts[i], pts[i + 1]) for i in range(len(pts) - 1))
            if d < tdist and (pl is None or d <= LINK_LABEL_DISTANCE):
                target, tdist, basis = lf, d, lbasis
        if target is not None and (basis == "line" or not nodes):
            of = target.value
        else:
            near = min(nodes, key=lambda o: math.dist(c, _center(o.bbox)), default=None)
            of = near.text if near else None
            target = next((lf for lf in link_facts if near is not None and near.text in lf.ends), target)
            basis = "proximity"
        if target is not None:
            if lb.bandwidths:
                target.detail.setdefault("bandwidth", lb.bandwidths[0])
            if lb.media:
                target.detail.setdefault("media", lb.media[0])
            if lb.backup:
                target.detail["backup"] = True
        for bw in lb.bandwidths:
            facts.append(_fact("bandwidth", bw, lb, page, basis=basis, detail={"of": of, "media": lb.media}))
        if not lb.bandwidths:
            for m in lb.media:
                facts.append(_fact("medium", m, lb, page, basis=basis, detail={"of": of}))
    facts.extend(link_facts)
    facts.extend(_redundancy(nodes, loose, page))
    return facts


def _rank(lb: Label) -> int:
    ranks = [HUB_ROLES.index(r) for r in lb.roles if r in HUB_ROLES]
    return min(ranks) if ranks else len(HUB_ROLES)


def _redundancy(nodes: list[Label], loose: list[Label], page: Page) -> list[TopologyFact]:
    out: list[TopologyFact] = []
    isps: dict[str, Label] = {}
    for lb in nodes:
        if lb.isp and lb.isp not in isps:
            isps[lb.isp] = lb
    if len(isps) >= 2:
        out.append(TopologyFact(kind="redundancy", value="two_isps", label=", ".join(isps), page=page.number,
                                bbox=_union([lb.bbox for lb in isps.values()]),
                                words=[w for lb in isps.values() for w in lb.words],
                                detail={"isps": sorted(isps)}, source=page.source))
    for lb in nodes + loose:
        if lb.backup:
            out.append(_fact("redundancy", "backup_link", lb, page, detail={"isp": lb.isp} if lb.isp else {}))
    ha_roles: dict[str, list[Label]] = {}
    for lb in nodes:
        for role in lb.roles:
            if role in ("firewall", "core_switch", "router", "server", "load_balancer", "distribution_switch"):
                if lb.ha:
                    out.append(_fact("redundancy", "ha_pair", lb, page, detail={"role": role}))
                elif _NUMBERED.match(lb.text):
                    ha_roles.setdefault(role + ":" + _NUMBERED.match(lb.text).group(1).lower(), []).append(lb)
    for key, lbs in ha_roles.items():
        if len(lbs) >= 2:
            out.append(TopologyFact(kind="redundancy", value="ha_pair", label=" / ".join(lb.text for lb in lbs),
                                    page=page.number, bbox=_union([lb.bbox for lb in lbs]),
                                    words=[w for lb in lbs for w in lb.words], detail={"role": key.split(":")[0]},
                                    source=page.source))
    for lb in nodes:
        if "drc" in lb.roles:
            out.append(_fact("redundancy", "drc", lb, page))
            break
    return out


def _union(boxes: list[BBox]) -> BBox:
    return bbox_union(boxes)


def document_facts(pages: list[Page], pdf_path: str | Path | None = None) -> tuple[list[TopologyFact], list[str]]:
    """Facts of every diagram page of a document, and notes. Drawn lines are read from the
    PDF (``pdf_path``) for diagram pages whose words come from the text layer or OCR of a
    page that has vector paths; pages without lines use proximity."""
    candidates = [p for p in pages if p.text and cue_count(p.text) >= MIN_CUE_LABELS]
    if not candidates:
        return [], []
    diagram = [p for p in candidates if is_diagram(labels_of(p), p)]
    if not diagram:
        return [], []
    drawings: dict[int, Drawing] = {}
    notes: list[str] = []
    if pdf_path is not None:
        try:
            drawings = pdf_drawings(pdf_path, [p.number for p in diagram])
        except Exception as e:  # vector geometry is a bonus; proximity still works
            notes.append(f"topology: cannot read drawn lines ({type(e).__name__}: {e}); proximity used")
    facts: list[TopologyFact] = []
    for p in diagram:
        f = page_facts(p, drawings.get(p.number))
        if f:
            links = [x for x in f if x.kind == "link"]
            basis = sorted({x.basis for x in links if x.basis})
            notes.append(f"page {p.number}: topology diagram, {len(f)} facts, links by {'/'.join(basis) or 'none'}")
        facts.extend(f)
    return facts, notes


def summarize(facts: list[TopologyFact]) -> dict:
    """What a document's diagrams say, in short, with every fact (the ``topology`` key of
    ``inspect --json``)."""
    from ..types import to_dict

    by = lambda kind: [f for f in facts if f.kind == kind]  # noqa: E731
    links = by("link")
    connected = {e for lf in links for e in lf.ends}
    return {
        "pages": sorted({f.page for f in facts}),
        "devices": sorted({f.value for f in by("device")}),
        "isps": sorted({f.value for f in by("isp")}),
        "bandwidths": sorted({f.value for f in by("bandwidth")}, key=_bps),
        "units": sorted({f.value for f in by("unit")}),
        "connected_units": sorted({f.value for f in by("unit") if f.label in connected}),
        "links": len(links),
        "link_basis": sorted({f.basis for f in links if f.basis}),
        "redundancy": sorted({f.value for f in by("redundancy")}),
        "facts": [to_dict(f) for f in facts],
    }


def _bps(v: str) -> float:
    m = re.match(r"([\d.]+)\s*([KMG])bps", v)
    return float(m.group(1)) * {"K": 1e3, "M": 1e6, "G": 1e9}[m.group(2)] if m else 0.0
