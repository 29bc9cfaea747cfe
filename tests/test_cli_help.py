"""Every ``--help`` of the command line: no type tags or raw placeholders, every option and
argument explained, ``--framework`` listing the frameworks of the data files, the review group
naming its short form and subcommands, the top-level commands in panels, and no word of the
Indonesian interface in the English help."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from evidence_mapper.cli import app
from evidence_mapper.cli_help import PANELS
from evidence_mapper.frameworks import list_frameworks

# interface words of the Indonesian catalogue (see test_i18n_catalogue.ID_MARKERS)
ID_MARKERS = ["Ringkasan", "Bukti per indikator", "belum terpenuhi", "belum direviu", "Keyakinan",
              "halaman/menit", "bila kesenjangan", "berkas rusak", "diagram topologi", "Kemajuan:",
              "kumulatif", "Dokumen yang diperlukan", "Unggah", "Batang_tubuh", "selesai:", "gagal:"]
TYPE_TAG = re.compile(r"<(?:bool|str|int|float|path|text|list\[[a-z]+\])>", re.I)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
ENV = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}


def _commands(cmd, path=()):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, (*path, name))


TREE = list(_commands(typer.main.get_command(app)))
PATHS = [p for p, _ in TREE]


def _help(path) -> str:
    r = CliRunner().invoke(app, [*path, "--help"], env=ENV)
    assert r.exit_code == 0, (path, r.output)
    return r.output


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "root" for p in PATHS])
def test_help_has_no_placeholders_and_explains_every_parameter(path):
    text = _help(path)
    assert not TYPE_TAG.findall(text), f"{' '.join(path)} --help shows {TYPE_TAG.findall(text)}"
    assert not PLACEHOLDER.findall(text), f"{' '.join(path)} --help shows {PLACEHOLDER.findall(text)}"
    hits = [m for m in ID_MARKERS if m in text]
    assert not hits, f"{' '.join(path)} --help shows Indonesian interface words {hits}"
    cmd = dict(TREE)[path]
    assert cmd.help, f"{' '.join(path)} has no help"
    for p in cmd.params:
        assert (p.help or "").strip(), f"{' '.join(path) or 'root'}: {p.name} has no help"
        if p.param_type_name == "argument":
            assert (p.metavar or p.name).upper() in text  # shown by name, e.g. WORKSPACE
        else:
            assert p.opts[0] in text


def test_framework_option_lists_the_frameworks_of_the_data_files():
    ids = list_frameworks()
    assert "spbe-2020" in ids and "pemdi-2026" in ids
    with_framework = [path for path, cmd in TREE if any(p.name == "framework" for p in cmd.params)]
    assert len(with_framework) >= 10  # init, map, report, inspect, index, lhe, gaps, rank, diff, batch, ...
    for path in with_framework:
        text = " ".join(_help(path).split())
        missing = [f for f in ids if f not in text]
        assert not missing, f"{' '.join(path)} --help does not list {missing}"


def test_review_help_names_the_short_form_and_every_subcommand():
    text = _help(("review",))
    review = dict(TREE)[("review",)]
    assert set(review.commands) >= {"walk", "export"}
    for name in review.commands:
        assert re.search(rf"^\W*{name}\s", text, re.M), f"review --help does not list {name}"
    flat = " ".join(text.split())
    assert "WORKSPACE --user NAME" in flat  # the usage line: review WS --user NAME walks the queue
    for related in ("serve", "users", "verify"):
        assert f"'{related}'" in flat


def test_top_level_commands_are_grouped_in_panels():
    root = dict(TREE)[()]
    text = _help(())
    unplaced = [n for n in root.commands if n not in PANELS]
    assert not unplaced, f"commands without a panel (add them to cli_help.PANELS): {unplaced}"
    for title in dict.fromkeys(PANELS.values()):
        assert title in text
    assert "─ Commands ─" not in text  # nothing left in the catch-all panel
    # a panel holds its own commands: 'serve' is listed after the Review title, before the next
    review_part = text.split("Review")[1]
    assert re.search(r"^\W*serve\s", review_part, re.M)


def test_help_wraps_paragraphs_and_keeps_brackets():
    text = _help(())
    # the docstrings' own line breaks are not kept: the ingest summary reads as one sentence
    flat = " ".join(text.split())
    assert "(use `batch` for archives of many regions)" in flat.replace("│ ", "").replace(" │", "")
    assert "evidence-mapper[explore]" in text  # not eaten as rich markup
