"""How the command line presents itself in ``--help``.

The commands in :mod:`evidence_mapper.cli` say what they do; this module makes every ``--help``
read the same way: plain metavars (``WORKSPACE``, ``--framework ID``) instead of the type tags
typer prints (``<bool>``, ``<str>``, ``{workspace}``), one help text for an option that means the
same thing in every command (``--framework`` lists the frameworks of the data files), the
commands grouped in panels by what they are for, and help paragraphs wrapped by the terminal
rather than by the source's line breaks. :func:`tidy` applies it to the built command tree; the
root group class of the CLI calls it once.

The help is written in Bahasa Indonesia unless the command runs in English (``--lang en`` where
the command has it, else ``EVIDENCE_MAPPER_LANG=en``). The commands' docstrings and option help
in :mod:`evidence_mapper.cli` stay the English source; ``cli_help_i18n.json`` maps each source
text to its Indonesian text, and the words typer and click write themselves (``Usage:``, the
Options panel, ``[default: ...]``) to both languages. A source text the catalogue does not know
is shown as written (:func:`missing_texts` lists them; a test keeps that list empty).
"""

from __future__ import annotations

import inspect
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

from .i18n import default_lang, language

# command -> panel of the top-level help, in the order the panels are shown
PANELS: dict[str, str] = {}
for _panel, _names in (
        ("Start and read documents", ("init", "ingest", "batch", "map")),
        ("Results and reports", ("report", "gaps", "rank", "diff", "index", "baseline", "external")),
        ("Review", ("review", "serve", "users", "verify", "explore")),
        ("One file, frameworks and models", ("inspect", "lhe", "frameworks", "train", "evaluate"))):
    for _name in _names:
        PANELS[_name] = _panel

# usage of a group beyond COMMAND [ARGS]...
SUBCOMMAND_METAVARS = {"review": "WORKSPACE --user NAME | COMMAND [ARGS]..."}

# help of a parameter that means the same in every command ((command, name) before name alone)
SHARED_HELP: dict[Any, str] = {
    "workspace": "Workspace folder (made by `init` or `batch`).",
    "username": "Account name.",
    "json_out": "Print JSON instead of text.",
    "year": "Assessment year (default: the workspace's).",
    "port": "TCP port.",
    ("index", "json_out"): "JSON (default) or a short text summary.",
    ("inspect", "file"): "One document: PDF, DOCX, XLSX, PPTX, image, HTML or text.",
    ("lhe", "file"): "The LHE report (PDF) or its text.",
    ("external", "year"): "Year the values are for (default: the workspace's).",
    ("show", "framework"): "Framework id.",
}

# metavar of an option or argument by parameter name, else by type
METAVARS = {"framework": "ID", "year": "YEAR", "region": "NAME", "lang": "id|en", "output": "FILE",
            "target": "LEVEL", "port": "PORT", "host": "ADDRESS", "user": "NAME", "role": "ROLE",
            "fmt": "FORMAT", "top": "N", "limit": "N", "workers": "N", "seed": "N", "progress": "MODE",
            "engine": "ENGINE", "scheduler": "URL", "against": "WHAT", "levels": "FILE", "head": "HASH"}
TYPE_METAVARS = {"int": "N", "integer": "N", "float": "NUMBER", "path": "PATH", "text": "TEXT", "str": "TEXT",
                 "string": "TEXT", "list[path]": "PATH", "list[str]": "TEXT"}


class _Argument(TyperArgument):
    """An argument shown by its metavar: ``WORKSPACE``, ``[WORKSPACE]``, ``PATHS...``."""

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.metavar or self.name.upper()
        if self.nargs != 1:
            name += "..."
        return [name if self.required else f"[{name}]"]

    def display_type_rich(self, ctx) -> str | None:
        return None


class _Option(TyperOption):
    """An option shown with its metavar, a flag with none."""

    def display_type_rich(self, ctx) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar


def _frameworks() -> str:
    from .frameworks import list_frameworks

    return ", ".join(list_frameworks())


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """``cli_help_i18n.json``: ``ui`` (typer's and click's own words, per language), ``metavars``
    (Indonesian placeholders) and ``text`` (English source text -> Indonesian)."""
    return json.loads((Path(__file__).parent / "cli_help_i18n.json").read_text(encoding="utf-8"))


def ui(key: str, lang: str | None = None) -> str:
    lab = catalogue()["ui"]
    return lab.get(lang or default_lang(), lab["en"]).get(key) or lab["en"][key]


def translate(src: str | None, lang: str | None = None) -> str | None:
    """The help text ``src`` (English source) in ``lang``; the source itself when not catalogued."""
    if not src or (lang or default_lang()) == "en":
        return src
    return catalogue()["text"].get(src, src)


def translate_metavar(src: str | None, lang: str | None = None) -> str | None:
    """Placeholders (``WORKSPACE``, ``[OPTIONS]``, ``COMMAND [ARGS]...``) in ``lang``."""
    if not src or (lang or default_lang()) == "en":
        return src
    words = catalogue()["metavars"]
    return re.sub(r"\b[A-Z][A-Z_]*\b", lambda m: words.get(m.group(), m.group()), src)


def _escape(text: str | None) -> str | None:
    if not text:
        return text
    try:
        from rich.markup import escape
    except ImportError:  # plain click help: nothing to escape
        return text
    return escape(text)


def _source(text: str | None) -> str | None:
    """Paragraphs joined into single lines (the terminal wraps them): the catalogue's key."""
    if not text:
        return text
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", inspect.cleandoc(text))]
    return "\n\n".join(p for p in paras if p)


def _flow(text: str | None) -> str | None:
    """Paragraphs joined into single lines (the terminal wraps them); rich markup escaped."""
    return _escape(_source(text))


def _type_metavar(p) -> str:
    if hasattr(p, "bare_type"):  # typer's own parameter types
        name = p.bare_type().lower()
    else:  # click's
        name = str(getattr(getattr(p, "type", None), "name", "") or "").lower()
    return TYPE_METAVARS.get(name, name.upper() or "VALUE")


def _tidy_param(p, command: str, has_workspace: bool) -> None:
    if isinstance(p, TyperArgument):
        p.__class__ = _Argument
        p.metavar = p.metavar or p.name.upper()
    elif isinstance(p, TyperOption):
        p.__class__ = _Option
        if not (p.is_flag or p.count) and p.metavar is None:
            p.metavar = METAVARS.get(p.name) or _type_metavar(p)
    else:
        return
    if hasattr(p, "_em_help"):  # tidied already
        return
    if not p.help:
        p.help = SHARED_HELP.get((command, p.name)) or SHARED_HELP.get(p.name)
    p._em_lists_frameworks = p.name == "framework"
    if p.name == "framework" and not p.help:
        p.help = "Framework id" + (" (default: the workspace's)." if has_workspace and p.default is None else ".")
    p._em_help = _source(p.help)
    p._em_metavar = p.metavar


def _help_option(cmd) -> None:
    """The ``--help`` option is made on first use: make it now, as a flag."""
    from typer import _click

    opt = cmd.get_help_option(_click.Context(cmd))
    if isinstance(opt, TyperOption):
        opt.__class__ = _Option
    if opt is not None and not hasattr(opt, "_em_help"):
        opt._em_help, opt._em_metavar, opt._em_lists_frameworks = _source(opt.help), None, False


def _params(cmd) -> list:
    return [*cmd.params, *([cmd._help_option] if getattr(cmd, "_help_option", None) is not None else [])]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[a-z)]\.)\s", text.split("\n\n")[0], maxsplit=1)[0]


def tidy(cmd, path: tuple[str, ...] = ()) -> None:
    """Apply the conventions above to ``cmd`` and every command under it (idempotent)."""
    name = path[-1] if path else ""
    if not hasattr(cmd, "_em_help"):
        cmd._em_help = _source(cmd.help)
        cmd._em_short = cmd.short_help  # None: the command list shows the first sentence of the help
        if name in SUBCOMMAND_METAVARS and hasattr(cmd, "subcommand_metavar"):
            cmd.subcommand_metavar = SUBCOMMAND_METAVARS[name]
        cmd._em_subcommand_metavar = getattr(cmd, "subcommand_metavar", None)
        cmd._em_options_metavar = getattr(cmd, "options_metavar", None)
        cmd._em_panel = PANELS.get(name) if len(path) == 1 else None
    has_ws = any(p.name == "workspace" for p in cmd.params)
    for p in cmd.params:
        _tidy_param(p, name, has_ws)
    _help_option(cmd)
    if not getattr(type(cmd), "_em_localized", False):
        cmd.__class__ = _localized_class(type(cmd))
    if isinstance(cmd, TyperGroup) or hasattr(cmd, "commands"):
        for sub_name, sub in cmd.commands.items():
            tidy(sub, (*path, sub_name))
    if not path:
        localize(cmd, default_lang())


def localize(cmd, lang: str) -> None:
    """Every help text of ``cmd`` and the commands under it in ``lang`` (from the sources kept
    by :func:`tidy`)."""
    if not hasattr(cmd, "_em_help"):
        return
    cmd.help = _escape(translate(cmd._em_help, lang))
    if cmd._em_short:
        cmd.short_help = _escape(translate(cmd._em_short, lang))
    elif cmd.help:
        cmd.short_help = _first_sentence(cmd.help)
    if cmd._em_subcommand_metavar:
        cmd.subcommand_metavar = translate_metavar(cmd._em_subcommand_metavar, lang)
    if cmd._em_options_metavar:
        cmd.options_metavar = translate_metavar(cmd._em_options_metavar, lang)
    if cmd._em_panel:
        cmd.rich_help_panel = translate(cmd._em_panel, lang)
    for p in _params(cmd):
        if not hasattr(p, "_em_help"):
            continue
        text = translate(p._em_help, lang)
        if p._em_lists_frameworks:
            text = (text or "").rstrip() + " " + ui("one_of", lang).format(list=_frameworks())
        p.help = _escape(text)
        if p._em_metavar:
            p.metavar = translate_metavar(p._em_metavar, lang)
    for sub in getattr(cmd, "commands", {}).values():
        localize(sub, lang)


def missing_texts(cmd) -> list[str]:
    """The source help texts of ``cmd``'s tree (docstrings, option help, panels) that the
    catalogue has no Indonesian text for."""
    texts = catalogue()["text"]
    out: list[str] = []

    def walk(c) -> None:
        for src in (c._em_help, c._em_short, c._em_panel, *(getattr(p, "_em_help", None) for p in _params(c))):
            if src and src not in texts and src not in out:
                out.append(src)
        for sub in getattr(c, "commands", {}).values():
            walk(sub)

    walk(cmd)
    return out


_TYPER_WORDS = ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "DEFAULT_STRING",
                "REQUIRED_LONG_STRING", "ENVVAR_STRING", "DEPRECATED_STRING", "ERRORS_PANEL_TITLE",
                "ABORTED_TEXT", "RICH_HELP")


def usage_error(message: str, lang: str | None = None) -> str:
    """A message of click about the command line itself (a missing argument, an unknown
    option) in ``lang``, by the catalogue's ``usage_errors`` (pattern, replacement)."""
    for pattern, replacement in catalogue()["usage_errors"].get(lang or default_lang(), []):
        message = re.sub(pattern, replacement, message)
    return message


def _format_error(show):
    """typer's error panel, its message in the language of the run."""
    if getattr(show, "_em_localized", False):
        return show

    def shown(exc) -> None:
        plain = exc.format_message
        exc.format_message = lambda: usage_error(plain())
        try:
            show(exc)
        finally:
            del exc.format_message

    shown._em_localized = True
    return shown


def typer_words(lang: str) -> None:
    """The words typer's help and error panels write themselves, in ``lang``."""
    try:
        from typer import rich_utils
    except ImportError:  # no rich: click's plain help
        return
    for name in _TYPER_WORDS:
        setattr(rich_utils, name, ui(name, lang))
    rich_utils.rich_format_error = _format_error(rich_utils.rich_format_error)


def lang_from_args(args) -> str | None:
    """The value of ``--lang`` in a command line, when there is one."""
    args = [str(a) for a in args]
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def _before_help(ctx) -> None:
    lang = default_lang()
    localize(ctx.find_root().command, lang)
    typer_words(lang)


def _format_usage(cmd, ctx, formatter) -> None:
    pieces = cmd.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=ui("usage") + " ")


_CLASSES: dict[type, type] = {}


def _localized_class(cls: type) -> type:
    """``cls`` writing its help and usage line in the language of the run (a subclass: the
    instance layout stays that of ``cls``, so a built command can take it on)."""
    if cls not in _CLASSES:
        def format_help(self, ctx, formatter) -> None:
            _before_help(ctx)
            return cls.format_help(self, ctx, formatter)

        def format_usage(self, ctx, formatter) -> None:
            _format_usage(self, ctx, formatter)

        _CLASSES[cls] = type(cls.__name__, (cls,), {"format_help": format_help, "format_usage": format_usage,
                                                    "_em_localized": True, "__module__": cls.__module__,
                                                    "__doc__": cls.__doc__})
    return _CLASSES[cls]


class TidyHelpGroup(TyperGroup):
    """A root group whose command tree is tidied once it is built, and written in the language
    of the run (``--lang`` on the command line, else ``EVIDENCE_MAPPER_LANG``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy(self)

    _em_localized = True

    def format_help(self, ctx, formatter) -> None:
        _before_help(ctx)
        return super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter) -> None:
        _format_usage(self, ctx, formatter)

    def main(self, args=None, *rest, **kwargs):
        import sys

        with language(lang_from_args(sys.argv[1:] if args is None else args)):
            lang = default_lang()
            localize(self, lang)
            typer_words(lang)
            return super().main(args, *rest, **kwargs)
