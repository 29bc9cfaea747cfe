"""Command line: thin over the library API, one function per command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from . import api
from .frameworks import FrameworkError, list_frameworks, load_framework
from .ingest import IngestError
from .report import FORMATS, render
from .score import IndexError_, compute_index
from .store import Workspace, WorkspaceError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Map SPBE evaluation evidence (data dukung) onto indicators, with traceable evidence links.")
fw_app = typer.Typer(no_args_is_help=True, help="Indicator catalogs (frameworks).")
app.add_typer(fw_app, name="frameworks")


def _fail(msg: str, code: int = 1) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def _open(ws: Path) -> Workspace:
    try:
        return Workspace(ws)
    except WorkspaceError as e:
        _fail(str(e))
        raise  # unreachable


@app.command()
def init(workspace: Path = typer.Argument(..., help="Folder for the workspace (created if missing)."),
         framework: str = typer.Option("spbe-2020", help="Default framework."),
         region: Optional[str] = typer.Option(None, help="Institution under assessment, e.g. 'Kabupaten Demak'."),
         year: Optional[int] = typer.Option(None, help="Assessment year (default: newest document year).")):
    """Create a workspace: one SQLite file plus config."""
    try:
        ws = Workspace.init(workspace, framework=framework, region=region, year=year)
    except FrameworkError as e:
        _fail(str(e))
    typer.echo(f"workspace ready: {ws.path / 'workspace.sqlite'} (schema {ws.schema_version})")


@app.command()
def ingest(workspace: Path, paths: list[Path] = typer.Argument(..., help="Files or folders."),
           json_out: bool = typer.Option(False, "--json", help="Print a JSON summary.")):
    """Read documents into the workspace. Bad files are reported and skipped; the rest goes on."""
    ws = _open(workspace)

    def progress(path: str, state: str) -> None:
        if not json_out:
            typer.echo(f"  {state:<10} {path}", err=state.startswith("error"))

    s = ws.ingest(paths, progress=progress)
    if json_out:
        typer.echo(json.dumps(s.to_json(), ensure_ascii=False, indent=1))
    else:
        typer.echo(f"added {len(s.added)}, duplicates {len(s.duplicates)}, "
                   f"skipped {len(s.skipped)}, errors {len(s.errors)}")
        for p, r in s.skipped:
            typer.echo(f"  skipped {p}: {r}")
        for p, k, m in s.errors:
            typer.echo(f"  error   {m}", err=True)


@app.command("map")
def map_(workspace: Path, framework: Optional[str] = typer.Option(None, help="Framework id (default: workspace's)."),
         year: Optional[int] = typer.Option(None, help="Assessment year.")):
    """Classify passages and propose a level per indicator (a new run; decisions are kept)."""
    ws = _open(workspace)
    try:
        run_id = ws.map(framework, year)
    except FrameworkError as e:
        _fail(str(e))
    r = ws.results(framework, run_id)
    proposed = sum(1 for i in r["indicators"] if i["level"])
    typer.echo(f"{run_id}: {proposed} of {len(r['indicators'])} indicators have a proposed level, "
               f"{len(r['gaps'])} gaps; index {r['index']['index']:.2f} ({r['index']['predicate']})")


@app.command()
def report(workspace: Path,
           fmt: str = typer.Option("html", "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
           lang: str = typer.Option("id", help="id (Bahasa Indonesia) or en."),
           framework: Optional[str] = typer.Option(None)):
    """Write the report of the latest run: HTML (self-contained), Markdown or JSON."""
    ws = _open(workspace)
    try:
        text = render(ws.results(framework), fmt, lang)
    except (WorkspaceError, ValueError) as e:
        _fail(str(e))
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text)


@app.command()
def inspect(file: Path, json_out: bool = typer.Option(False, "--json", help="Print the JSON contract."),
            framework: str = typer.Option("spbe-2020"), top: int = typer.Option(5, help="Indicators to list.")):
    """One file, no workspace: what it is and what it evidences."""
    try:
        out = api.inspect_file(file, framework, top=top)
    except IngestError as e:
        _fail(str(e))
    except FrameworkError as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    typer.echo(f"{out['file']}  ({out['pages']} pages, sha256 {out['sha256'][:12]}…)")
    typer.echo(f"  type {out['doc_type']}  number {out['number']}  year {out['year']}  status {out['status']}")
    typer.echo(f"  title  {out['title']}\n  issuer {out['issuer']}")
    typer.echo(f"  evidence: {'yes' if out['is_evidence'] else 'no'} ({out['evidence_score']:.2f})")
    for ind in out["indicators"]:
        typer.echo(f"  {ind['score']:.2f}  {ind['id']:>2}. {ind['name']}")


@app.command()
def index(framework: str = typer.Option("spbe-2020"),
          levels: Path = typer.Option(..., help='JSON file {"1": 3, "2": 2, ...}; "-" for stdin.'),
          json_out: bool = typer.Option(True, "--json/--text")):
    """Index, aspect and domain values and the predicate from levels per indicator."""
    try:
        fw = load_framework(framework)
        raw = sys.stdin.read() if str(levels) == "-" else levels.read_text(encoding="utf-8")
        data = json.loads(raw)
        if isinstance(data, dict) and "levels" in data:
            data = data["levels"]
        res = compute_index(fw, data)
    except (FrameworkError, IndexError_, OSError, json.JSONDecodeError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(res.to_json()))
    else:
        j = res.to_json()
        typer.echo(f"{fw.name}\nindex {j['index']:.2f} {j['predicate']}")
        for d in fw.domains:
            typer.echo(f"  domain {d.id} {d.name}: {j['domains'][str(d.id)]:.2f}")
        for a in fw.aspects:
            typer.echo(f"    aspect {a.id} {a.name}: {j['aspects'][str(a.id)]:.2f}")


@app.command()
def lhe(file: Path, framework: str = typer.Option("spbe-2020"),
        json_out: bool = typer.Option(True, "--json/--text", help="JSON (default) or a short summary.")):
    """Read an official evaluation report (Laporan Hasil Evaluasi SPBE): levels, index, check."""
    try:
        out = api.read_lhe_file(file, framework)
    except (IngestError, FrameworkError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    typer.echo(f"{out['region']} {out['year']}: index {out['index']} {out['predicate']} "
               f"(recomputed {out['recomputed_index']}); {len(out['levels'])} levels")
    for w in out["warnings"]:
        typer.echo(f"  warning: {w}")


@app.command()
def batch(archives: list[str] = typer.Argument(..., help="Archive folders, ZIP files or fsspec URLs "
                                                         "(e.g. 2024/Kota X/Indikator 08/sk.pdf inside)."),
          workspace: Path = typer.Option(..., "--workspace", "-w", help="Workspace (created if missing)."),
          framework: Optional[str] = typer.Option(None, help="Framework id (default: workspace's)."),
          engine: str = typer.Option("local", help="local (process pool), serial (this process) or dask."),
          workers: Optional[int] = typer.Option(None, help="Worker processes (default: one per core)."),
          scheduler: Optional[str] = typer.Option(None, help="Dask scheduler tcp://HOST:PORT (default: a "
                                                             "LocalCluster)."),
          max_tasks_per_child: int = typer.Option(50, help="Files a pool worker reads before it is replaced."),
          report_file: Optional[Path] = typer.Option(None, "--report", help="Write the run report (JSON) here."),
          progress: str = typer.Option("auto", help="auto, rich, plain or none.")):
    """Ingest, map and rank whole archives per region: parallel, resumable (re-run the same
    command after an interruption), one writer."""
    from .batch import BatchOptions, run_batch
    from .batch.run import BatchLocked

    try:
        ws = Workspace(workspace) if (workspace / "workspace.sqlite").exists() else Workspace.init(
            workspace, framework=framework or "spbe-2020")
        rep = run_batch(ws, archives, BatchOptions(framework=framework, engine=engine, workers=workers,
                                                   scheduler=scheduler, max_tasks_per_child=max_tasks_per_child,
                                                   progress=progress),
                        echo=typer.echo)
    except (FrameworkError, WorkspaceError, ValueError, BatchLocked) as e:
        _fail(str(e))
    if report_file:
        report_file.write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
        typer.echo(f"wrote {report_file}", err=True)


@fw_app.command("list")
def frameworks_list():
    """The bundled frameworks."""
    for fid in list_frameworks():
        fw = load_framework(fid)
        typer.echo(f"{fid:<12} {len(fw.indicators):>3} indicators  {fw.regulation}  {fw.name}")


@fw_app.command("show")
def frameworks_show(framework: str, indicator: Optional[int] = typer.Option(None, help="One indicator in full."),
                    json_out: bool = typer.Option(False, "--json")):
    """A framework's structure, or one indicator's levels and criteria."""
    try:
        fw = load_framework(framework)
        if indicator is not None:
            ind = fw.indicator(indicator)
    except (FrameworkError, KeyError) as e:
        _fail(str(e))
    if indicator is not None:
        if json_out:
            from dataclasses import asdict
            typer.echo(json.dumps(asdict(ind), ensure_ascii=False, indent=1))
            return
        typer.echo(f"{ind.id}. {ind.name}  (weight {ind.weight}%, aspect {ind.aspect_id}, {ind.kind})")
        typer.echo(f"   {ind.description}")
        for n, lv in sorted(ind.levels.items()):
            typer.echo(f"  Level {n} {lv.name}: {lv.text}")
            for c in lv.criteria:
                typer.echo(f"    [{c.id}] {c.text}")
                if c.evidence:
                    typer.echo(f"        bukti: {c.evidence}")
        return
    typer.echo(f"{fw.name} ({fw.regulation}); levels {fw.scale_min}-{fw.scale_max}")
    for d in fw.domains:
        typer.echo(f"Domain {d.id} {d.name} ({d.weight}%)")
        for a in (a for a in fw.aspects if a.domain_id == d.id):
            typer.echo(f"  Aspek {a.id} {a.name} ({a.weight}%)")
            for i in (i for i in fw.indicators if i.aspect_id == a.id):
                typer.echo(f"    {i.id:>2}. {i.name} ({i.weight}%)")
    typer.echo("Predikat: " + ", ".join(f"{p.name} >= {p.min}" for p in fw.predicates))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
