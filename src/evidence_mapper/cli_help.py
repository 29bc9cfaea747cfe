"""How the command line presents itself in ``--help``.

The commands in :mod:`evidence_mapper.cli` say what they do; this module makes every ``--help``
read the same way: plain metavars (``WORKSPACE``, ``--framework ID``) instead of the type tags
typer prints (``<bool>``, ``<str>``, ``{workspace}``), one help text for an option that means the
same thing in every command (``--framework`` lists the frameworks of the data files), the
commands grouped in panels by what they are for, and help paragraphs wrapped by the terminal
rather than by the source's line breaks. :func:`tidy` applies it to the built command tree; the
root group class of the CLI calls it once.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

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


def _flow(text: str | None) -> str | None:
    """Paragraphs joined into single lines (the terminal wraps them); rich markup escaped."""
    if not text:
        return text
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", inspect.cleandoc(text))]
    out = "\n\n".join(p for p in paras if p)
    try:
        from rich.markup import escape
    except ImportError:  # plain click help: nothing to escape
        return out
    return escape(out)


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
    if not p.help:
        p.help = SHARED_HELP.get((command, p.name)) or SHARED_HELP.get(p.name)
    if p.name == "framework":
        if not p.help:
            p.help = "Framework id" + (" (default: the workspace's)." if has_workspace and p.default is None else ".")
        p.help = p.help.rstrip() + f" One of: {_frameworks()}."
    p.help = _flow(p.help)


def _help_option(cmd) -> None:
    """The ``--help`` option is made on first use: make it now, as a flag."""
    from typer import _click

    opt = cmd.get_help_option(_click.Context(cmd))
    if isinstance(opt, TyperOption):
        opt.__class__ = _Option


def tidy(cmd, path: tuple[str, ...] = ()) -> None:
    """Apply the conventions above to ``cmd`` and every command under it (idempotent)."""
    name = path[-1] if path else ""
    cmd.help = _flow(cmd.help)
    if cmd.help and not cmd.short_help:  # the command list shows the first sentence
        first = cmd.help.split("\n\n")[0]
        cmd.short_help = re.split(r"(?<=[a-z)]\.)\s", first, maxsplit=1)[0]
    if name in SUBCOMMAND_METAVARS and hasattr(cmd, "subcommand_metavar"):
        cmd.subcommand_metavar = SUBCOMMAND_METAVARS[name]
    if len(path) == 1 and name in PANELS:
        cmd.rich_help_panel = PANELS[name]
    has_ws = any(p.name == "workspace" for p in cmd.params)
    for p in cmd.params:
        _tidy_param(p, name, has_ws)
    _help_option(cmd)
    if isinstance(cmd, TyperGroup) or hasattr(cmd, "commands"):
        for sub_name, sub in cmd.commands.items():
            tidy(sub, (*path, sub_name))


class TidyHelpGroup(TyperGroup):
    """A root group whose command tree is tidied once it is built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy(self)
