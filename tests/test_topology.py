"""Topology diagrams: facts read from the diagrams the generator drew (vector PDF, PNG, a
scanned-looking PNG, a diagram image on a text page) match the facts it drew; prose and
tables are not diagrams; facts are stored and shown by ``inspect --json``."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_REAL, make_pdf
from evidence_mapper.ingest import Limits, ingest_file
from evidence_mapper.ingest import ocr as _ocr
from evidence_mapper.ingest.topology import group_labels, labels_of, page_facts, summarize
from evidence_mapper.types import Page

ROOT = Path(__file__).resolve().parents[1]
needs_ocr = pytest.mark.skipif(not _ocr.available("ind"), reason="tesseract with 'ind' not installed")


def _gen():
    spec = importlib.util.spec_from_file_location("make_topology", ROOT / "corpus" / "make_topology.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_topology"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


GEN = _gen()
DIAGRAMS = {d.name: d for d in GEN.diagrams()}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("topology")
    GEN.main(["--out", str(out), "--png"])
    return out


def _summary(path: Path) -> dict:
    return summarize(ingest_file(path).topology)


def _recall(got, want) -> float:
    want = set(want)
    return len(want & set(got)) / len(want) if want else 1.0


# -- vector PDF: exact ----------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_vector_pdf_facts_match_the_drawing(drawn: Path, name: str):
    truth = DIAGRAMS[name].truth()
    doc = ingest_file(drawn / f"{name}.pdf")
    s = summarize(doc.topology)
    assert s["devices"] == truth["devices"]
    assert s["isps"] == truth["isps"]
    assert sorted(s["bandwidths"]) == truth["bandwidths"]
    assert s["units"] == truth["units"]
    assert s["connected_units"] == truth["units"]
    assert s["redundancy"] == truth["redundancy"]
    links = [f for f in doc.topology if f.kind == "link"]
    assert {f.basis for f in links} == {"line"}
    assert sorted(sorted(f.ends) for f in links) == truth["links"]
    got_bw = sorted([sorted(f.ends), f.detail.get("bandwidth")] for f in links
                    if f.detail.get("bandwidth") and not any(e.startswith(("ISP", "Link")) for e in f.ends))
    assert got_bw == truth["link_bandwidths"]


def test_facts_carry_boxes_and_words(drawn: Path):
    doc = ingest_file(drawn / "topologi_sukamaju.pdf")
    page = doc.pages[0]
    telkom = next(f for f in doc.topology if f.kind == "isp" and f.value == "Telkom")
    assert telkom.detail == {"role": "primary", "bandwidth": "200 Mbps"}
    assert telkom.words == ["ISP", "Telkom", "200", "Mbps"]
    x0, y0, x1, y1 = telkom.bbox
    # drawn centred at (230, 95) points from the top-left of an 842 x 595 page
    assert x0 < 230 < x1 and y0 < 95 < y1 and y1 - y0 < 30
    assert (page.width, page.height) == (842.0, 595.0)
    backup = next(f for f in doc.topology if f.kind == "isp" and f.value == "Lintasarta")
    assert backup.detail["role"] == "backup"


def test_committed_diagrams_are_the_generators_output(drawn: Path):
    for name in DIAGRAMS:
        assert (ROOT / "corpus" / "topology" / f"{name}.pdf").read_bytes() == (drawn / f"{name}.pdf").read_bytes()
        committed = json.loads((ROOT / "corpus" / "topology" / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == DIAGRAMS[name].truth()


# -- OCR: PNG, clean and scanned-looking (stated tolerance) ---------------------------------

# OCR tolerance: every ISP and redundancy fact; at most one device role, one bandwidth value
# and one unit missed; no invented ISP.
@needs_ocr
@pytest.mark.parametrize("name,variant", [("topologi_sukamaju", ""), ("topologi_sukamaju", "-scan"),
                                          ("topologi_mekarsari", "-scan")])
def test_png_ocr_facts_match_the_drawing(drawn: Path, name: str, variant: str):
    truth = DIAGRAMS[name].truth()
    doc = ingest_file(drawn / f"{name}{variant}.png")
    assert doc.pages[0].source == "ocr"
    s = summarize(doc.topology)
    assert s["isps"] == truth["isps"]
    assert s["redundancy"] == truth["redundancy"]
    assert len(set(truth["devices"]) - set(s["devices"])) <= 1
    assert len(set(truth["bandwidths"]) - set(s["bandwidths"])) <= 1
    assert len(set(truth["units"]) - set(s["units"])) <= 1
    assert set(s["connected_units"]) == set(s["units"])
    links = [f for f in doc.topology if f.kind == "link"]
    assert links and {f.basis for f in links} == {"proximity"}  # no vector lines in an image


@needs_ocr
def test_diagram_image_on_a_text_page_is_read(drawn: Path, tmp_path: Path):
    """A text page carrying the diagram as an image (its labels are not in the text layer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "bab4.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for i, line in enumerate(["4.2 Infrastruktur Jaringan", "Seluruh perangkat daerah terhubung ke jaringan intra",
                              "pemerintah daerah melalui pusat data."]):
        c.drawString(60, 800 - 14 * i, line)
    c.drawImage(str(drawn / "topologi_sukamaju.png"), 40, 330, width=515, height=364)
    c.drawString(60, 310, "Gambar 4.1 Topologi Jaringan Intra")
    c.showPage()
    c.save()
    doc = ingest_file(pdf)
    page = doc.pages[0]
    assert page.source == "text+ocr"
    assert "Router Core" in page.text and page.text.startswith("4.2 Infrastruktur")
    assert any("OCR of images covering" in n for n in doc.skipped)
    i = page.text.index("Router Core")
    x0, y0, x1, y1 = page.bbox_for(i, i + len("Router Core"))
    # the image spans x 40-555, y (top-left) 148-512 on the 842-point-high A4 page
    assert 40 <= x0 < x1 <= 555 and 148 <= y0 < y1 <= 512
    s = summarize(doc.topology)
    assert set(s["isps"]) == {"Telkom", "Lintasarta"}
    assert "two_isps" in s["redundancy"]
    # switched off: the page keeps its text layer only
    off = ingest_file(pdf, Limits(ocr_images_min_coverage=0))
    assert off.pages[0].source == "text" and "Router Core" not in off.pages[0].text and not off.topology


# -- not diagrams ---------------------------------------------------------------------------

def test_prose_and_tables_about_networks_are_not_diagrams(tmp_path: Path):
    prose = ("Jaringan intra pemerintah daerah menghubungkan Router Core di Pusat Data Diskominfo dengan\n"
             "Core Switch dan Firewall yang dikelola oleh Dinas Komunikasi dan Informatika. ISP Telkom\n"
             "menyediakan bandwidth 200 Mbps, sedangkan Lintasarta 50 Mbps menjadi link backup untuk\n"
             "Dinas Kesehatan, Dinas Pendidikan dan Kecamatan Sukamaju yang terhubung dengan FO 100 Mbps.\n")
    table_rows = ["No  Perangkat", "1   Router Core      kondisi baik", "2   Core Switch      kondisi baik",
                  "3   Firewall         kondisi baik", "4   Access Point     kondisi baik", "5   Server Aplikasi  kondisi baik"]
    pdf = make_pdf(tmp_path / "narasi.pdf", [prose * 3, "\n".join(table_rows)])
    doc = ingest_file(pdf)
    assert doc.topology == []


def test_words_group_into_labels_by_proximity():
    words = [("Router", (100, 100, 130, 110)), ("Core", (133, 100, 155, 110)),  # one line
             ("Pusat", (300, 100, 325, 110)), ("Data", (300, 112, 320, 122)),  # stacked
             ("Firewall", (100, 200, 140, 210))]  # far away
    groups = sorted(sorted(g) for g in group_labels(words))
    assert groups == [[0, 1], [2, 3], [4]]


def test_proximity_fallback_says_so():
    # three labels, no drawn lines: the unit hangs from the nearest hub, basis "proximity"
    text = "Core Switch\nDinas Kesehatan\nISP Biznet 100 Mbps"
    boxes = []
    spots = [(400, 300), (250, 420), (560, 150)]
    k = 0
    for line, (x, y) in zip(text.split("\n"), spots):
        for j, ch in enumerate(line):
            boxes.append((x + 5 * j, y, x + 5 * j + 5, y + 10))
        if k < 2:
            boxes.append(None)
        k += 1
    page = Page(number=1, text=text, width=842, height=595, char_boxes=boxes)
    assert [lb.text for lb in labels_of(page)] == ["ISP Biznet 100 Mbps", "Core Switch", "Dinas Kesehatan"]
    facts = page_facts(page)
    links = {tuple(f.ends): f.basis for f in facts if f.kind == "link"}
    assert links[("Dinas Kesehatan", "Core Switch")] == "proximity"
    assert ("ISP Biznet 100 Mbps", "Core Switch") in links


# -- stored and shown -----------------------------------------------------------------------

def test_workspace_stores_topology_facts_and_inspect_shows_them(drawn: Path, tmp_path: Path):
    from evidence_mapper.store import Workspace

    ws = Workspace.init(tmp_path / "ws")
    ws.ingest([drawn / "topologi_mekarsari.pdf"])
    sha = ws.documents()[0]["sha256"]
    facts = ws.topology(sha)
    assert {f["kind"] for f in facts} >= {"device", "isp", "unit", "link", "bandwidth", "redundancy"}
    link = next(f for f in facts if f["kind"] == "link" and "Inspektorat" in f["ends"])
    assert link["basis"] == "line" and link["detail"]["bandwidth"] == "20 Mbps" and link["detail"]["media"] == "vpn"
    assert all(f["bbox"] and len(f["bbox"]) == 4 for f in facts)
    n = ws.db["topology_facts"].count
    ws.ingest([drawn / "topologi_mekarsari.pdf"])  # same bytes: nothing added twice
    assert ws.db["topology_facts"].count == n
    ws.close()

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "evidence_mapper", "inspect", str(drawn / "topologi_mekarsari.pdf"),
                        "--json"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["topology"]["isps"] == ["Biznet", "Icon+"]
    assert out["topology"]["link_basis"] == ["line"]
    assert "ha_pair" in out["topology"]["redundancy"]


# -- the real diagram (doc_129 page 7: labels only in an image) -----------------------------

@needs_ocr
@pytest.mark.skipif(not (CORPUS_REAL / "files" / "doc_129.pdf").exists(), reason="corpus-real not present")
def test_real_topology_image_labels_are_read():
    doc = ingest_file(CORPUS_REAL / "files" / "doc_129.pdf")
    p7 = doc.pages[6]
    assert p7.source == "text+ocr"
    assert "TOPOLOGI JARINGAN WAN" in p7.text  # the diagram's own title, drawn in the image
    s = summarize(doc.topology)
    assert s["pages"] == [7]
    # OCR of a 150-dpi picture: some of its 40 site labels come out (7 measured); ask for 4
    assert len(s["units"]) >= 4
    assert {"Inspektorat"} <= set(s["units"])


def test_turned_page_falls_back_to_proximity(drawn: Path, tmp_path: Path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(drawn / "topologi_sukamaju.pdf"))
    pdf[0].set_rotation(90)
    out = tmp_path / "turned.pdf"
    pdf.save(str(out))
    pdf.close()
    doc = ingest_file(out)
    s = summarize(doc.topology)
    assert s["isps"] == ["Lintasarta", "Telkom"] and s["link_basis"] == ["proximity"]
    assert doc.pages[0].width == 595.0  # the displayed (turned) page


def test_cue_gate_matches_the_plain_alternation():
    """The gate tests the shared word boundary once; it must match exactly what the plain
    alternation of every rule matches."""
    import re

    from conftest import CORPUS_REAL
    from evidence_mapper.ingest import topology as T

    plain = re.compile("|".join(p.pattern for _, p in T._DEVICE_RULES + T._ISPS) + r"|\bISP\b|\d\s*[KMG]bps\b",
                       re.I)
    texts = ["Core Switch ke Router Mikrotik, Fortigate UTM, 100 Mbps FO dari Telkom dan Icon+ (backup)\n"
             "Ruang Server / Pusat Data, DRC, disaster recovery, network operation center, AP, Wi-Fi, NAS",
             "Dinas Kominfo: 20Mbps Lintasarta, 1 Gbps Astinet, iconnet, Biznet, XL, ISP lokal, BTS menara"]
    files = CORPUS_REAL / "files"
    texts += [p.read_text(errors="ignore") for p in sorted(files.glob("*.txt"))] if files.is_dir() else []
    total = 0
    for text in texts:
        a = plain.findall(text)
        assert T._CUES.findall(text) == a
        total += len(a)
    assert total >= 25
    assert T._alternatives(r"a|(?:b|c)|[|]d") == ["a", "(?:b|c)", "[|]d"]
