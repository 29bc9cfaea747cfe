"""One catalogue, two languages: reports, review pages and command-line messages rendered in
Bahasa Indonesia carry no string of the English interface, and the other way round."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from browser.sample_ws import PASSWORDS, sample_workspace  # noqa: E402

from evidence_mapper.cli import app as cli_app  # noqa: E402
from evidence_mapper.i18n import labels, t, translate_note  # noqa: E402
from evidence_mapper.report import render  # noqa: E402
from evidence_mapper.review import core  # noqa: E402
from evidence_mapper.review.walk import walk  # noqa: E402
from evidence_mapper.review.web import create_app  # noqa: E402
from evidence_mapper.store import Workspace  # noqa: E402

# interface words of one language that must not show in the other (case-sensitive: document
# text is Indonesian in both, so only interface phrases are listed)
EN_MARKERS = ["Summary", "Evidence per indicator", "not met", "unreviewed", "Confidence", "pages/min",
              "if the gaps below are closed", "file is damaged", "topology diagram", "no text layer",
              "OCR found no text", "Batang_tubuh", "cumulative", "Progress:", "failed:", "Document needed",
              "status unreviewed", "Upload", "Proposed level", "done:"]
ID_MARKERS = ["Ringkasan", "Bukti per indikator", "belum terpenuhi", "belum direviu", "Keyakinan",
              "halaman/menit", "bila kesenjangan", "berkas rusak", "diagram topologi", "Kemajuan:",
              "kumulatif", "Dokumen yang diperlukan", "Unggah", "Batang_tubuh", "selesai:", "gagal:"]
FOREIGN = {"id": EN_MARKERS, "en": ID_MARKERS}
TAG = re.compile(r"<[^>]+>")


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return TAG.sub(" ", html)


def _clean(text: str, lang: str, where: str) -> None:
    hits = [m for m in FOREIGN[lang] if m in text]
    assert not hits, f"{where} ({lang}) shows {hits}"


def test_markers_are_the_catalogues_own_words():
    # the markers are real interface strings of their language, so the check can fail
    lab = labels()
    en_text, id_text = json.dumps(lab["en"], ensure_ascii=False), json.dumps(lab["id"], ensure_ascii=False)
    assert sum(m in en_text for m in EN_MARKERS) >= 12
    assert sum(m in id_text for m in ID_MARKERS) >= 10
    # every key has both languages
    assert set(lab["id"]) == set(lab["en"])


@pytest.fixture(scope="module")
def wspath(tmp_path_factory):
    p = sample_workspace(tmp_path_factory, "i18n")
    bad = p.parent / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4\n not a PDF body")
    ws = Workspace(p)
    ws.ingest([bad])
    ws.close()
    return p


@pytest.mark.parametrize("lang", ["id", "en"])
def test_reports_in_one_language(wspath, lang):
    results = Workspace(wspath).results()
    _clean(_visible(render(results, "html", lang)), lang, "html report")
    _clean(_visible(render(results, "html", lang, pdf=True)), lang, "print report")
    _clean(render(results, "md", lang), lang, "markdown report")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_review_pages_in_one_language(wspath, lang):
    app = create_app(wspath)
    app.config["TESTING"] = True
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get(f"/login?lang={lang}").text).group(1)
    _clean(_visible(c.get(f"/login?lang={lang}").text), lang, "/login")
    r = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok})
    assert r.status_code == 302
    ws = Workspace(wspath)
    sha = ws.results()["documents"][0]["sha256"]
    for url in ("/", "/queue", "/reconcile", "/audit", "/documents", "/gaps", "/indicator/1", "/indicator/11",
                f"/doc/{sha}/1"):
        page = c.get(url + f"?lang={lang}")
        assert page.status_code == 200, url
        _clean(_visible(page.text), lang, url)


def test_ocr_and_diagram_notes_shown_in_indonesian(wspath):
    app = create_app(wspath)
    app.config["TESTING"] = True
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login?lang=id").text).group(1)
    c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": tok})
    page = c.get("/documents?lang=id").text
    assert "diagram topologi" in page and "berkas rusak" in page
    assert translate_note("page 3: no text layer; OCR of the rendered image at 300 dpi", "id") == \
        "hal. 3: tanpa lapisan teks; OCR gambar halaman pada 300 dpi"
    assert translate_note("page 3: OCR found no text", "en") == "page 3: OCR found no text"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cli_messages_in_one_language(wspath, tmp_path, lang, monkeypatch):
    runner = CliRunner()
    r = runner.invoke(cli_app, ["gaps", str(wspath), "--lang", lang])
    assert r.exit_code == 0
    _clean(r.stdout, lang, "gaps")
    ws = tmp_path / "ws"
    assert runner.invoke(cli_app, ["init", str(ws)]).exit_code == 0
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4\n broken")
    r = runner.invoke(cli_app, ["ingest", str(ws), str(bad), "--lang", lang, "--progress", "plain"])
    assert r.exit_code == 3
    _clean(r.stdout + r.stderr, lang, "ingest")
    # the terminal review: one indicator shown, then quit
    wsx = core.open_workspace(wspath)
    from evidence_mapper.review.users import get_user
    out: list[str] = []
    walk(wsx, get_user(wsx, "ana"), wsx.results(), prompt=lambda text: (out.append(text), "q")[1],
         echo=out.append, lang=lang)
    text = "\n".join(out)
    assert (t("unreviewed", lang) in text) and ("status" in text or "state" in text)
    _clean(text, lang, "review walk")


def test_no_raw_section_token_in_legal_units(wspath):
    results = Workspace(wspath).results()
    units = {lk.get("legal_unit") for i in results["indicators"] for c in i["criteria"] for lk in c["links"]}
    html = render(results, "html")
    assert "Batang_tubuh" not in html
    assert not any(u and "_" in u for u in units if u)  # new ingests write readable section names
