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


# command-line and batch messages moved into the catalogue (cli_i18n.json)
CLI_EN = ["already done", "indicators have a proposed level", "workspace ready", "chain head",
          "verified: no alteration", "REGRESSION", "docs/min", "indicators  "]
CLI_ID = ["sudah selesai", "mendapat usulan level", "ruang kerja siap", "ujung rantai", "terverifikasi",
          "REGRESI", "dokumen/menit", "indikator  "]
CLI_FOREIGN = {"id": EN_MARKERS + CLI_EN, "en": ID_MARKERS + CLI_ID}
CLI_OWN = {"id": CLI_ID, "en": CLI_EN}


def _cli_clean(text: str, lang: str, where: str) -> None:
    hits = [m for m in CLI_FOREIGN[lang] if m in text]
    assert not hits, f"{where} ({lang}) shows {hits}"


def test_cli_markers_are_the_catalogues_own_words():
    lab = labels()
    for lang, words in CLI_OWN.items():
        text = json.dumps(lab[lang], ensure_ascii=False)
        assert all(w in text for w in words), [w for w in words if w not in text]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_batch_output_in_one_language(tmp_path, lang):
    from conftest import PERBUP_TEXT

    folder = tmp_path / "arsip" / "2024" / "Kota Contoh" / "Indikator 01"
    folder.mkdir(parents=True)
    (folder / "perbup.txt").write_text(PERBUP_TEXT, encoding="utf-8")
    (folder / "rusak.pdf").write_bytes(b"%PDF-1.4\n broken")
    r = CliRunner().invoke(cli_app, ["batch", str(tmp_path / "arsip"), "-w", str(tmp_path / "ws"), "--engine", "serial",
                                     "--progress", "plain", "--lang", lang])
    assert r.exit_code == 0, r.output
    out = r.stdout + r.stderr
    _cli_clean(out, lang, "batch")
    # the progress line, its phases, the summary and the failure, each in the language asked for
    assert t("progress_rate", lang, rate="").strip() in r.stderr
    assert t("phase_map", lang) in r.stderr and t("phase_ingest", lang) in r.stderr
    assert t("batch_errors", lang) in r.stdout and labels()[lang]["error_kinds"]["corrupt"] in r.stdout
    assert "Kota Contoh" in r.stdout


@pytest.mark.parametrize("lang", ["id", "en"])
def test_moved_cli_messages_in_one_language(wspath, tmp_path, lang, perbup_pdf):
    runner = CliRunner()
    env = {"EVIDENCE_MAPPER_LANG": lang}
    ws = tmp_path / "ws"
    texts = []

    def run(*args, code=0):
        r = runner.invoke(cli_app, [str(a) for a in args], env=env)
        assert r.exit_code == code, (args, r.output)
        texts.append(r.stdout + r.stderr)
        return r

    run("init", ws)
    run("ingest", ws, perbup_pdf, "--lang", lang)
    run("map", ws)
    run("report", ws, "-o", tmp_path / "r.html", "--lang", lang)
    run("rank", ws, wspath)
    run("verify", ws)
    run("frameworks", "list")
    run("frameworks", "show", "spbe-2020", "--indicator", "1")
    run("diff", ws, "--against", wspath)
    run("users", "logout", ws, "nobody", code=1)
    text = "\n".join(texts)
    _cli_clean(text, lang, "command line")
    # ruang kerja siap / mendapat usulan level / ujung rantai / terverifikasi / "indikator  " (and English)
    missing = [w for w in CLI_OWN[lang][2:5] + CLI_OWN[lang][1:2] + CLI_OWN[lang][7:] if w not in text]
    assert not missing, missing


# --help, errors and usage errors of the command line: cli_help_i18n.json and cli_i18n.json
HELP_EN = ["Usage:", "─ Options ─", "─ Arguments ─", "Show this message", "[default:", "[required]",
           "Workspace folder", "One of:", "error:", "not a workspace", "no finished", "unknown framework",
           "file not found", "file is empty", "Missing argument", "No such option", "No such command", "Try '"]
HELP_ID = ["Penggunaan:", "─ Opsi ─", "─ Argumen ─", "Tampilkan bantuan", "[bawaan:", "[wajib]",
           "Folder ruang kerja", "Salah satu dari:", "kesalahan:", "bukan ruang kerja", "belum ada proses",
           "tidak dikenal", "berkas tidak ditemukan", "berkas kosong", "belum diisi", "Lihat '"]
HELP_FOREIGN = {"id": CLI_FOREIGN["id"] + HELP_EN, "en": CLI_FOREIGN["en"] + HELP_ID}
HELP_OWN = {"id": HELP_ID, "en": HELP_EN}


def _commands(cmd, path=()):
    yield path
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, (*path, name))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_help_in_one_language(lang):
    import typer

    env = {"EVIDENCE_MAPPER_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    runner = CliRunner()
    seen = []
    for path in _commands(typer.main.get_command(cli_app)):
        r = runner.invoke(cli_app, [*path, "--help"], env=env)
        assert r.exit_code == 0, (path, r.output)
        hits = [m for m in HELP_FOREIGN[lang] if m in r.output]
        assert not hits, f"{' '.join(path) or 'root'} --help ({lang}) shows {hits}"
        seen.append(r.output)
    assert len(seen) >= 30
    # the help markers of this language are really written (so the other language's check can fail)
    text = "\n".join(seen)
    assert all(m in text for m in HELP_OWN[lang][:8]), [m for m in HELP_OWN[lang][:8] if m not in text]
    # --lang on the command line wins over the environment, for the help too
    other = "en" if lang == "id" else "id"
    r = runner.invoke(cli_app, ["gaps", "--help", "--lang", other], env=env)
    assert not [m for m in HELP_FOREIGN[other] if m in r.output]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_errors_in_one_language(tmp_path, lang):
    runner = CliRunner()
    env = {"EVIDENCE_MAPPER_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    ws = tmp_path / "ws"
    assert runner.invoke(cli_app, ["init", str(ws)]).exit_code == 0
    prefix = {"id": "kesalahan: ", "en": "error: "}[lang]
    texts = []
    for args in (["map", str(tmp_path / "none")], ["report", str(ws)], ["inspect", str(tmp_path / "no.pdf")],
                 ["inspect", str(empty)], ["inspect", str(empty), "--framework", "nosuch"],
                 ["gaps", str(ws), "--lang", lang]):
        r = runner.invoke(cli_app, args, env=env)
        assert r.exit_code == 1, (args, r.output)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(prefix), (args, r.stderr)
        texts.append(lines[0])
    for args in (["map"], ["map", str(ws), "--nosuch"], ["nosuch"], ["gaps", str(ws), "--target", "x"]):
        r = runner.invoke(cli_app, args, env=env)
        assert r.exit_code == 2, (args, r.output)
        texts.append(r.output)
    text = "\n".join(texts)
    hits = [m for m in HELP_FOREIGN[lang] if m in text]
    assert not hits, f"errors ({lang}) show {hits}"
    own = [w for w in HELP_OWN[lang] if w in text]
    assert len(own) >= 6, own  # the messages are there, in their own language
