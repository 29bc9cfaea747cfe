"""Every ``--help`` of the command line, in Bahasa Indonesia (the default) and in English
(``EVIDENCE_MAPPER_LANG=en`` or ``--lang en``): no type tags or raw placeholders, every option and
argument explained, ``--framework`` listing the frameworks of the data files, the review group
naming its short form and subcommands, the top-level commands in panels, no word of the other
language's interface, and every help text of the commands in the Indonesian catalogue."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from evidence_mapper.cli import app
from evidence_mapper.cli_help import PANELS, catalogue, missing_texts, translate, translate_metavar
from evidence_mapper.frameworks import list_frameworks

# interface words of the Indonesian catalogue (see test_i18n_catalogue.ID_MARKERS), and of the help
ID_MARKERS = ["Ringkasan", "Bukti per indikator", "belum direviu", "Keyakinan",
              "halaman/menit", "bila kesenjangan", "berkas rusak", "diagram topologi", "Kemajuan:",
              "kumulatif", "Dokumen yang diperlukan", "Unggah", "Batang_tubuh", "selesai:", "gagal:",
              "Penggunaan:", "─ Opsi ─", "─ Argumen ─", "─ Perintah ─", "Tampilkan bantuan", "[bawaan:", "[wajib]",
              "ruang kerja", "Ruang kerja", "RUANG_KERJA", "kerangka penilaian", "Salah satu dari", "bila ", " atau "]
EN_MARKERS = ["Summary", "Evidence per indicator", "not met", "unreviewed", "Confidence", "pages/min",
              "if the gaps below are closed", "file is damaged", "Progress:", "failed:", "Upload", "done:",
              "Usage:", "─ Options ─", "─ Arguments ─", "─ Commands ─", "Show this message", "[default:", "[required]",
              " workspace", "Workspace", "WORKSPACE", "Framework id", "One of", " the ", " or ", " when "]
FOREIGN = {"id": EN_MARKERS, "en": ID_MARKERS}
LANGS = ("id", "en")
TYPE_TAG = re.compile(r"<(?:bool|str|int|float|path|text|list\[[a-z]+\])>", re.I)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
ENV = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}


def _commands(cmd, path=()):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, (*path, name))


ROOT = typer.main.get_command(app)
TREE = list(_commands(ROOT))
PATHS = [p for p, _ in TREE]


def _help(path, lang: str = "en", *extra: str) -> str:
    r = CliRunner().invoke(app, [*path, "--help", *extra], env={**ENV, "EVIDENCE_MAPPER_LANG": lang})
    assert r.exit_code == 0, (path, r.output)
    return r.output


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "root" for p in PATHS])
def test_help_has_no_placeholders_and_explains_every_parameter(path, lang):
    text = _help(path, lang)
    where = f"{' '.join(path) or 'root'} --help ({lang})"
    assert not TYPE_TAG.findall(text), f"{where} shows {TYPE_TAG.findall(text)}"
    assert not PLACEHOLDER.findall(text), f"{where} shows {PLACEHOLDER.findall(text)}"
    hits = [m for m in FOREIGN[lang] if m in text]
    assert not hits, f"{where} shows words of the other language {hits}"
    cmd = dict(TREE)[path]
    assert cmd.help, f"{where}: no help"
    flat = _flat(text)
    # the command's own text, in the language asked for
    assert _flat(translate(cmd._em_help, lang))[:60] in flat, where
    for p in cmd.params:
        assert (p.help or "").strip(), f"{where}: {p.name} has no help"
        if p.param_type_name == "argument":  # shown by name, e.g. WORKSPACE / RUANG_KERJA
            assert translate_metavar((p._em_metavar or p.name).upper(), lang) in text
        else:
            assert p.opts[0] in text


def test_every_help_text_has_an_indonesian_entry():
    # a command, option or panel added with English help and no entry in cli_help_i18n.json
    # would show English in the Indonesian help: list them all
    missing = missing_texts(ROOT)
    assert not missing, "add to cli_help_i18n.json 'text': " + "; ".join(repr(m) for m in missing)
    ids = catalogue()["text"]
    same = [k for k, v in ids.items() if v == k and re.search(r"\b(the|of|and|or|with)\b", k)]
    assert not same, f"entries left in English: {same}"
    assert set(catalogue()["ui"]["id"]) == set(catalogue()["ui"]["en"])


def test_text_not_in_the_catalogue_shows_as_written(monkeypatch):
    src = "Seconds between plain progress lines."
    assert src in catalogue()["text"]
    monkeypatch.delitem(catalogue()["text"], src)
    text = _flat(_help(("ingest",), "id"))
    assert src in text and "Penggunaan:" in text  # the rest stays Indonesian, nothing breaks
    assert src in missing_texts(typer.main.get_command(app))


def test_lang_option_chooses_the_language_of_the_help():
    en = _flat(_help(("report",), "id", "--lang", "en"))
    assert "Usage:" in en and "Write the report of the latest run" in en and "Penggunaan:" not in en
    ind = _flat(_help(("gaps",), "en", "--lang=id"))
    assert "Penggunaan:" in ind and "Level target (bawaan: 3)." in ind and "Usage:" not in ind
    # without --lang, EVIDENCE_MAPPER_LANG; without it, Indonesian
    r = CliRunner().invoke(app, ["map", "--help"], env=ENV)
    assert "Penggunaan:" in r.output and "Mengklasifikasikan" in r.output


@pytest.mark.parametrize("lang", LANGS)
def test_framework_option_lists_the_frameworks_of_the_data_files(lang):
    ids = list_frameworks()
    assert "spbe-2020" in ids and "pemdi-2026" in ids
    with_framework = [path for path, cmd in TREE if any(p.name == "framework" for p in cmd.params)]
    assert len(with_framework) >= 10  # init, map, report, inspect, index, lhe, gaps, rank, diff, batch, ...
    for path in with_framework:
        text = " ".join(_help(path, lang).split())
        missing = [f for f in ids if f not in text]
        assert not missing, f"{' '.join(path)} --help does not list {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_review_help_names_the_short_form_and_every_subcommand(lang):
    text = _help(("review",), lang)
    review = dict(TREE)[("review",)]
    assert set(review.commands) >= {"walk", "export"}
    for name in review.commands:
        assert re.search(rf"^\W*{name}\s", text, re.M), f"review --help does not list {name}"
    flat = " ".join(text.split())
    # the usage line: review WS --user NAME walks the queue
    assert {"en": "WORKSPACE --user NAME", "id": "RUANG_KERJA --user NAMA"}[lang] in flat
    for related in ("serve", "users", "verify"):
        assert f"'{related}'" in flat


@pytest.mark.parametrize("lang", LANGS)
def test_top_level_commands_are_grouped_in_panels(lang):
    root = dict(TREE)[()]
    text = _help((), lang)
    unplaced = [n for n in root.commands if n not in PANELS]
    assert not unplaced, f"commands without a panel (add them to cli_help.PANELS): {unplaced}"
    for title in dict.fromkeys(PANELS.values()):
        assert translate(title, lang) in text
    assert "─ Commands ─" not in text and "─ Perintah ─" not in text  # nothing left in the catch-all panel
    # a panel holds its own commands: 'serve' is listed after the Review title, before the next
    review_part = text.split(translate("Review", lang))[1]
    assert re.search(r"^\W*serve\s", review_part, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_help_wraps_paragraphs_and_keeps_brackets(lang):
    text = _help((), lang)
    # the docstrings' own line breaks are not kept: the ingest summary reads as one sentence
    flat = " ".join(text.split())
    assert {"en": "(use `batch` for archives of many regions)",
            "id": "(pakai `batch` untuk arsip berisi banyak wilayah)"}[lang] in flat.replace("│ ", "").replace(" │", "")
    assert "evidence-mapper[explore]" in text  # not eaten as rich markup
