#!/usr/bin/env python
"""Generate fictional network topology diagrams with known facts.

    python corpus/make_topology.py --out corpus/topology [--png]

For each diagram (fictional regions, Indonesian labels) it writes
* ``<name>.pdf``: a vector diagram (reportlab: boxes, lines, text), one landscape A4 page;
* ``<name>.json``: the facts drawn (devices, ISPs, bandwidths, connected units, links,
  redundancy), the truth the topology reader is tested against;
* with ``--png``: ``<name>.png`` (the same diagram drawn with pillow at 200 dpi) and
  ``<name>-scan.png`` (turned 0.8 degree, blurred, speckled and JPEG-compressed, as a
  scanned printout). The PNGs are large, so tests draw them in a temporary folder.

Everything is FICTIONAL and made by this project. Deterministic: no randomness except a
seeded generator for the scan noise; PDFs are written with ``invariant=1``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 842.0, 595.0  # landscape A4, points
FONT_PT = 9.0
LEADING = 11.0
PAD = 6.0


@dataclass
class Node:
    id: str
    lines: list[str]
    x: float  # centre, points, top-left origin
    y: float
    role: str | None = None  # device role drawn (truth)
    isp: str | None = None
    unit: str | None = None
    bandwidth: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def box(self) -> tuple[float, float, float, float]:
        w = max(len(s) for s in self.lines) * FONT_PT * 0.56 + 2 * PAD
        h = len(self.lines) * LEADING + 2 * PAD
        return (self.x - w / 2, self.y - h / 2, self.x + w / 2, self.y + h / 2)


@dataclass
class Link:
    a: str
    b: str
    label: str | None = None  # "FO 1 Gbps"
    bandwidth: str | None = None


@dataclass
class Diagram:
    name: str
    title: str
    nodes: list[Node]
    links: list[Link]
    redundancy: list[str] = field(default_factory=list)

    def node(self, nid: str) -> Node:
        return next(n for n in self.nodes if n.id == nid)

    def truth(self) -> dict:
        bws = [n.bandwidth for n in self.nodes if n.bandwidth] + [lk.bandwidth for lk in self.links if lk.bandwidth]
        return {
            "name": self.name,
            "title": self.title,
            "fictional": True,
            "devices": sorted({n.role for n in self.nodes if n.role}),
            "isps": sorted({n.isp for n in self.nodes if n.isp}),
            "bandwidths": sorted(set(bws)),
            "units": sorted(n.unit for n in self.nodes if n.unit),
            "links": sorted(sorted([self.node(lk.a).text, self.node(lk.b).text]) for lk in self.links),
            "link_bandwidths": sorted([sorted([self.node(lk.a).text, self.node(lk.b).text]), lk.bandwidth]
                                      for lk in self.links if lk.bandwidth),
            "redundancy": sorted(self.redundancy),
        }


def diagrams() -> list[Diagram]:
    sukamaju = Diagram(
        name="topologi_sukamaju",
        title="TOPOLOGI JARINGAN INTRA PEMERINTAH KABUPATEN SUKAMAJU (FIKTIF)",
        nodes=[
            Node("isp1", ["ISP Telkom", "200 Mbps"], 230, 95, isp="Telkom", bandwidth="200 Mbps"),
            Node("isp2", ["Link Backup Lintasarta", "50 Mbps"], 610, 95, isp="Lintasarta", bandwidth="50 Mbps"),
            Node("rt", ["Router Core"], 421, 165, role="router"),
            Node("fw", ["Firewall"], 421, 230, role="firewall"),
            Node("cs", ["Core Switch"], 421, 300, role="core_switch"),
            Node("dc", ["Pusat Data", "Diskominfo"], 150, 300, role="data_center"),
            Node("srv", ["Server Aplikasi"], 150, 190, role="server"),
            Node("drc", ["DRC"], 150, 420, role="drc"),
            Node("o1", ["Dinas Kesehatan"], 300, 520, unit="Dinas Kesehatan"),
            Node("o2", ["Dinas Pendidikan"], 450, 520, unit="Dinas Pendidikan"),
            Node("o3", ["Kecamatan Sukamaju"], 610, 520, unit="Kecamatan Sukamaju"),
            Node("o4", ["Sekretariat Daerah"], 730, 400, unit="Sekretariat Daerah"),
            Node("o5", ["RSUD Sukamaju"], 730, 230, unit="RSUD Sukamaju"),
        ],
        links=[
            Link("isp1", "rt"), Link("isp2", "rt"), Link("rt", "fw"), Link("fw", "cs"),
            Link("cs", "dc", "FO 1 Gbps", "1 Gbps"), Link("dc", "srv"), Link("dc", "drc", "FO 100 Mbps", "100 Mbps"),
            Link("cs", "o1", "FO 100 Mbps", "100 Mbps"), Link("cs", "o2", "Wireless 20 Mbps", "20 Mbps"),
            Link("cs", "o3", "Wireless 10 Mbps", "10 Mbps"), Link("cs", "o4", "FO 1 Gbps", "1 Gbps"),
            Link("cs", "o5", "FO 500 Mbps", "500 Mbps"),
        ],
        redundancy=["backup_link", "drc", "two_isps"],
    )
    mekarsari = Diagram(
        name="topologi_mekarsari",
        title="TOPOLOGI JARINGAN KOTA MEKARSARI (FIKTIF)",
        nodes=[
            Node("isp1", ["ISP Icon+", "300 Mbps"], 250, 90, isp="Icon+", bandwidth="300 Mbps"),
            Node("isp2", ["ISP Biznet", "100 Mbps"], 590, 90, isp="Biznet", bandwidth="100 Mbps"),
            Node("fw1", ["Firewall 1"], 340, 180, role="firewall"),
            Node("fw2", ["Firewall 2"], 500, 180, role="firewall"),
            Node("cs", ["Core Switch"], 421, 270, role="core_switch"),
            Node("ds", ["Distribution Switch"], 640, 270, role="distribution_switch"),
            Node("dc", ["Data Center"], 170, 270, role="data_center"),
            Node("ap", ["Access Point", "Balai Kota"], 760, 380, role="access_point"),
            Node("o1", ["Dinas Perhubungan"], 260, 470, unit="Dinas Perhubungan"),
            Node("o2", ["Badan Perencanaan"], 440, 470, unit="Badan Perencanaan"),
            Node("o3", ["Kecamatan Mekar Utara"], 620, 470, unit="Kecamatan Mekar Utara"),
            Node("o4", ["Inspektorat"], 110, 440, unit="Inspektorat"),
        ],
        links=[
            Link("isp1", "fw1"), Link("isp2", "fw2"), Link("fw1", "cs"), Link("fw2", "cs"),
            Link("cs", "dc", "FO 10 Gbps", "10 Gbps"), Link("cs", "ds", "FO 1 Gbps", "1 Gbps"),
            Link("ds", "ap"), Link("cs", "o1", "FO 200 Mbps", "200 Mbps"), Link("cs", "o2", "FO 100 Mbps", "100 Mbps"),
            Link("ds", "o3", "Wireless 30 Mbps", "30 Mbps"), Link("dc", "o4", "VPN 20 Mbps", "20 Mbps"),
        ],
        redundancy=["ha_pair", "two_isps"],
    )
    return [sukamaju, mekarsari]


def _clip(n: Node, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the node's centre toward a point leaves the node's box."""
    x0, y0, x1, y1 = n.box()
    dx, dy = toward[0] - n.x, toward[1] - n.y
    ts = []
    if dx:
        ts.append(((x1 if dx > 0 else x0) - n.x) / dx)
    if dy:
        ts.append(((y1 if dy > 0 else y0) - n.y) / dy)
    t = min(t for t in ts if t > 0)
    return n.x + dx * t, n.y + dy * t


def segments(d: Diagram) -> list[tuple[Link, tuple[float, float], tuple[float, float]]]:
    out = []
    for lk in d.links:
        a, b = d.node(lk.a), d.node(lk.b)
        out.append((lk, _clip(a, (b.x, b.y)), _clip(b, (a.x, a.y))))
    return out


def label_position(p: tuple[float, float], q: tuple[float, float], text: str = "") -> tuple[float, float]:
    """Centre of a link's label: 70% of the way to the second end, beside the line (its box
    clear of the line)."""
    t = 0.7
    x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = max(1e-6, (dx * dx + dy * dy) ** 0.5)
    nx, ny = -dy / length, dx / length  # normal
    if nx < 0:
        nx, ny = -nx, -ny
    half_w, half_h = len(text) * FONT_PT * 0.28, FONT_PT * 0.6
    off = 4 + half_w * abs(nx) + half_h * abs(ny)
    return x + nx * off, y + ny * off


def write_pdf(d: Diagram, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(d.title)
    Y = lambda y: PAGE_H - y  # noqa: E731  top-left -> PDF bottom-left
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(PAGE_W / 2, Y(35), d.title)
    c.setFont("Helvetica", 7)
    c.drawString(20, Y(PAGE_H - 15), "DOKUMEN CONTOH FIKTIF")
    c.setStrokeColor(colors.HexColor("#335577"))
    c.setLineWidth(1.2)
    for lk, p, q in segments(d):
        c.line(p[0], Y(p[1]), q[0], Y(q[1]))
    c.setFont("Helvetica", FONT_PT)
    for lk, p, q in segments(d):
        if lk.label:
            x, y = label_position(p, q, lk.label)
            c.drawCentredString(x, Y(y) - FONT_PT / 3, lk.label)
    for n in d.nodes:
        x0, y0, x1, y1 = n.box()
        c.setFillColor(colors.HexColor("#eef3f8"))
        c.rect(x0, Y(y1), x1 - x0, y1 - y0, stroke=1, fill=1)
        c.setFillColor(colors.black)
        top = n.y - len(n.lines) * LEADING / 2
        for i, s in enumerate(n.lines):
            c.drawCentredString(n.x, Y(top + (i + 0.75) * LEADING), s)
    c.showPage()
    c.save()


def _font(size_px: int):
    from PIL import ImageFont

    try:
        import reportlab

        f = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        return ImageFont.truetype(str(f), size_px)
    except (ImportError, OSError):
        return ImageFont.load_default(size_px)


def draw_png(d: Diagram, dpi: int = 200):
    """The diagram drawn with pillow (grey), ``dpi`` pixels per inch."""
    from PIL import Image, ImageDraw

    k = dpi / 72
    img = Image.new("L", (round(PAGE_W * k), round(PAGE_H * k)), 255)
    g = ImageDraw.Draw(img)
    title_font, font = _font(round(12 * k)), _font(round(FONT_PT * k))

    def centred(x: float, y: float, s: str, f) -> None:
        w = g.textlength(s, font=f)
        g.text((x * k - w / 2, y * k), s, fill=0, font=f, anchor="la")

    centred(PAGE_W / 2, 25, d.title, title_font)
    for lk, p, q in segments(d):
        g.line([(p[0] * k, p[1] * k), (q[0] * k, q[1] * k)], fill=80, width=max(1, round(1.2 * k)))
    for lk, p, q in segments(d):
        if lk.label:
            x, y = label_position(p, q, lk.label)
            centred(x, y - FONT_PT * 0.6, lk.label, font)
    for n in d.nodes:
        x0, y0, x1, y1 = n.box()
        g.rectangle([x0 * k, y0 * k, x1 * k, y1 * k], fill=238, outline=60, width=max(1, round(k)))
        top = n.y - len(n.lines) * LEADING / 2
        for i, s in enumerate(n.lines):
            centred(n.x, top + i * LEADING + 1.5, s, font)
    return img


def scanned(img, seed: int = 7):
    """A scanned-looking copy: turned a little, blurred, speckled, JPEG-compressed."""
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    out = img.rotate(0.8, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.7))
    px = out.load()
    w, h = out.size
    for _ in range(int(w * h * 0.004)):
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = rnd.choice((0, 90, 160, 255))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=55)
    buf.seek(0)
    return Image.open(buf).convert("L")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).parent / "topology"))
    ap.add_argument("--png", action="store_true", help="also draw PNGs (clean and scanned-looking)")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for d in diagrams():
        write_pdf(d, out / f"{d.name}.pdf")
        (out / f"{d.name}.json").write_text(json.dumps(d.truth(), ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
        if a.png:
            img = draw_png(d)
            img.save(out / f"{d.name}.png", dpi=(200, 200), optimize=True)
            scanned(img).save(out / f"{d.name}-scan.png", dpi=(200, 200), optimize=True)
    print(f"wrote {len(diagrams())} diagrams to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
