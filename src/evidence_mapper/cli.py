"""Command line: thin over the library API, one function per command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
import typer.core

from .frameworks import FrameworkError, list_frameworks, load_framework
from .i18n import t as _t
from .report import BINARY_FORMATS, FORMATS

if TYPE_CHECKING:
    from . import api
    from .ingest import IngestError
    from .report import export, render, write_charts
    from .score import IndexError_, compute_index
    from .store import Workspace, WorkspaceError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Map SPBE evaluation evidence (data dukung) onto indicators, with traceable evidence links.")


def _load_library() -> None:
    """Bind the library's heavier names (store, ingest, models) in this module.

    The root callback calls it before any command runs; ``--help`` and errors in the arguments
    answer without it, so they cost only the CLI's own import.
    """
    if "Workspace" in globals():
        return
    from . import api
    from .ingest import IngestError
    from .report import export, render, write_charts
    from .score import IndexError_, compute_index
    from .store import Workspace, WorkspaceError

    globals().update(api=api, IngestError=IngestError, export=export, render=render, write_charts=write_charts,
                     IndexError_=IndexError_, compute_index=compute_index, Workspace=Workspace,
                     WorkspaceError=WorkspaceError)


@app.callback()
def _library() -> None:
    _load_library()
fw_app = typer.Typer(no_args_is_help=True, help="Indicator catalogs (frameworks).")
app.add_typer(fw_app, name="frameworks")


def _fail(msg: str, code: int = 1) -> None:
    from .errors import error_line
    typer.echo(error_line(msg), err=True)
    raise typer.Exit(code)


def _open(ws: Path) -> Workspace:
    try:
        return Workspace(ws)
    except WorkspaceError as e:
        _fail(str(e))
        raise  # unreachable


@app.command()
def init(workspace: Path = typer.Argument(..., help="Folder for the workspace (created if missing)."),
         framework: Optional[str] = typer.Option(None, help="Default framework (default: pemdi-2026 from --year 2026, "
                                                 "else the edition of --year, else spbe-2020)."),
         region: Optional[str] = typer.Option(None, help="Institution under assessment, e.g. 'Kabupaten Demak'."),
         year: Optional[int] = typer.Option(None, help="Assessment year (default: newest document year)."),
         edition: Optional[str] = typer.Option(None, help="Edition of the instrument (spbe-2018, spbe-2019, "
                                               "spbe-2020-37, spbe-2020); default: the one of --year."),
         institution_type: Optional[str] = typer.Option(None, "--institution-type",
                                                        help="pusat (ministry, agency) or daerah (region); default: "
                                                             "read from the name.")):
    """Create a workspace: one SQLite file plus config."""
    from .frameworks.editions import pick_framework
    if institution_type is not None and institution_type not in ("pusat", "daerah"):
        _fail(f"--institution-type must be pusat or daerah, not {institution_type!r}")
    if framework is None and edition is None and year and year >= 2026:
        framework = "pemdi-2026"  # from 2026 the evaluation is the Indeks Pemdi (PermenPANRB 8/2026)
    try:
        framework = pick_framework(framework, edition, year)
        ws = Workspace.init(workspace, framework=framework, region=region, year=year, institution_type=institution_type)
    except FrameworkError as e:
        _fail(str(e))
    typer.echo(_t("cli_ws_ready", path=ws.path / "workspace.sqlite", schema=ws.schema_version))


@app.command()
def ingest(workspace: Path, paths: list[Path] = typer.Argument(..., help="Files or folders."),
           json_out: bool = typer.Option(False, "--json", help="Print a JSON summary."),
           lang: Optional[str] = typer.Option(None, help="id (Bahasa Indonesia, default) or en."),
           progress: str = typer.Option("auto", help="auto (live on a terminal, plain lines otherwise), plain, none."),
           progress_every: float = typer.Option(10.0, help="Seconds between plain progress lines.")):
    """Read documents into the workspace: every file to the workspace's region (use `batch` for
    archives of many regions). Bad files are reported once and skipped; the rest goes on.
    Exit status 0, or 3 when some files could not be read."""
    from .ingest_progress import run_ingest

    ws = _open(workspace)
    code = run_ingest(ws, paths, json_out=json_out, lang=lang, mode="none" if json_out else progress,
                      every=progress_every)
    if code:
        raise typer.Exit(code)


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
    _warn_issuers(ws, r.get("issuers") or {})
    proposed = sum(1 for i in r["indicators"] if i["level"])
    typer.echo(_t("cli_map_done", run=run_id, proposed=proposed, total=len(r["indicators"]), gaps=len(r["gaps"]),
                  index=f"{r['index']['index']:.2f}", predicate=r["index"]["predicate"]))


def _warn_issuers(ws: Workspace, issuers: dict[str, int]) -> None:
    """Name the issuers when a workspace holds documents of several: only the institution's count."""
    if len(issuers) > 1:
        from .classify.institution import same_region

        own = ws.config.get("region")
        names = ", ".join(f"{k} ({v})" for k, v in issuers.items())
        others = [k for k in issuers if not (own and same_region(k, own))]
        typer.echo(_t("cli_issuers", n=len(issuers), names=names) + " "
                   + (_t("cli_issuers_others", others=", ".join(others), own=own) if own else _t("cli_issuers_noown")),
                   err=True)


@app.command()
def report(workspace: Path,
           fmt: str = typer.Option("html", "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
           lang: str = typer.Option("id", help="id (Bahasa Indonesia) or en."),
           framework: Optional[str] = typer.Option(None),
           target: Optional[int] = typer.Option(None, help="Target level of the gap report (default: framework's, 3)."),
           charts: Optional[Path] = typer.Option(None, "--charts", help="Also write gapmap/aspects .svg and .png here."),
           region: Optional[str] = typer.Option(None, "--region", help="Region of a batch workspace (required when it holds several)."),
           year: Optional[int] = typer.Option(None, "--year", help="Assessment year of that region (required when it has several).")):
    """Write the report of the latest run: HTML (self-contained), Markdown, JSON, CSV, XLSX,
    OSCAL assessment results, or a chart (gapmap-svg, gapmap-png, aspects-svg, aspects-png)."""
    ws = _open(workspace)
    try:
        results = ws.results(framework, region=region, year=year)
        if fmt in BINARY_FORMATS:
            if not output:
                _fail(_t("cli_binary_format", lang, fmt=fmt))
            data = export(results, fmt, lang, target)
        else:
            text = render(results, fmt, lang, target)
        if charts:
            for pth in write_charts(results, charts, lang, target):
                typer.echo(_t("cli_wrote", lang, path=pth), err=True)
    except (WorkspaceError, ValueError) as e:
        _fail(str(e))
    if fmt in BINARY_FORMATS:
        output.write_bytes(data)
        typer.echo(_t("cli_wrote", lang, path=output), err=True)
    elif output:
        output.write_text(text, encoding="utf-8")
        typer.echo(_t("cli_wrote", lang, path=output), err=True)
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
    except Exception as e:  # a reader bug on hostile input: one line naming the file, no traceback
        _fail(f"{file}: cannot be read ({type(e).__name__}: {e})")
    if json_out:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    typer.echo(_t("cli_inspect_head", file=out["file"], pages=out["pages"], sha=out["sha256"][:12]))
    typer.echo(_t("cli_inspect_meta", doc_type=out["doc_type"], number=out["number"], year=out["year"],
                  status=out["status"]))
    typer.echo(_t("cli_inspect_title", title=out["title"], issuer=out["issuer"]))
    typer.echo(_t("cli_inspect_evidence", answer=_t("yes" if out["is_evidence"] else "no"),
                  score=f"{out['evidence_score']:.2f}"))
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
        from .frameworks.pemdi import is_continuous
        if is_continuous(fw):  # Pemdi: values 1.00-5.00 keyed by id, I<n> or code 1.1
            from .score.pemdi import normalize_values
            data = normalize_values(fw, data)
        res = compute_index(fw, data)
    except (FrameworkError, IndexError_, OSError, json.JSONDecodeError, ValueError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(res.to_json()))
    else:
        j = res.to_json()
        typer.echo(fw.name + "\n" + _t("cli_index_head", index=f"{j['index']:.2f}", predicate=j["predicate"]))
        for d in fw.domains:
            typer.echo(_t("cli_index_domain", id=d.id, name=d.name, value=f"{j['domains'][str(d.id)]:.2f}"))
        for a in fw.aspects:
            typer.echo(_t("cli_index_aspect", id=a.id, name=a.name, value=f"{j['aspects'][str(a.id)]:.2f}"))


@app.command()
def lhe(file: Path, framework: Optional[str] = typer.Option(None, help="Instrument the report was scored on (framework or edition id); default: read from the report."),
        json_out: bool = typer.Option(True, "--json/--text", help="JSON (default) or a short summary.")):
    """Read an official evaluation report (Laporan Hasil Evaluasi SPBE): levels, index, check."""
    try:
        out = api.read_lhe_file(file, framework)
    except (IngestError, FrameworkError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    typer.echo(_t("cli_lhe_head", region=out["region"], year=out["year"], index=out["index"],
                  predicate=out["predicate"], recomputed=out["recomputed_index"], n=len(out["levels"])))
    for w in out["warnings"]:
        typer.echo(_t("cli_warning", message=w))


@app.command()
def baseline(workspace: Path, file: Path = typer.Argument(..., help="LHE report (PDF) or its parsed JSON."),
             region: Optional[str] = typer.Option(None, help="Region (default: the report's, else the workspace's)."),
             year: Optional[int] = typer.Option(None, help="Evaluation year (default: the report's)."),
             framework: Optional[str] = typer.Option(None),
             json_out: bool = typer.Option(False, "--json")):
    """Store an official evaluation result (LHE) as the region's baseline in the workspace."""
    from .report.ops import store_baseline
    ws = _open(workspace)
    try:
        out = store_baseline(ws, file, region, year, framework)
    except (WorkspaceError, IngestError, FrameworkError, OSError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    typer.echo(_t("cli_baseline_stored", region=out["region"], year=out["year"], index=out["index"],
                  predicate=out["predicate"], n=len(out["levels"]), sha=str(out["source_sha256"])[:12]))
    for w in out["warnings"]:
        typer.echo(_t("cli_warning", message=w))


@app.command()
def gaps(workspace: Path, target: Optional[int] = typer.Option(None, help="Target level (default: 3)."),
         json_out: bool = typer.Option(False, "--json", help="The documented JSON shape (README)."),
         lang: str = typer.Option("id", help="id or en."), framework: Optional[str] = typer.Option(None),
         top: int = typer.Option(0, help="Show only the first N indicators (text output)."),
         region: Optional[str] = typer.Option(None, "--region", help="Region of a batch workspace (required when it holds several)."),
           year: Optional[int] = typer.Option(None, "--year", help="Assessment year of that region (required when it has several).")):
    """What is missing to reach the target level: unmet criteria, the documents that would
    meet them, ranked by index gain; and the index if the gaps were closed."""
    from .report.ops import gaps as gap_fn
    ws = _open(workspace)
    try:
        g = gap_fn(ws, target, lang, framework, region, year)
    except (WorkspaceError, ValueError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(g, ensure_ascii=False, indent=1))
        return
    from .i18n import t
    typer.echo(t("gaps_head", lang, region=g["region"] or "", level=g["target"]["level"],
                 predicate=g["target"]["predicate"], now=f"{g['current']['index']:.2f}", now_pred=g["current"]["predicate"],
                 after=f"{g['if_closed']['index']:.2f}", after_pred=g["if_closed"]["predicate"]).strip())
    for note in g.get("notes", []):  # Indeks Pemdi: national indices not entered count as 1
        typer.echo(f"  ! {note}")
    rows = g["indicators"][:top] if top else g["indicators"]
    for it in rows:
        if "value" in it:  # Indeks Pemdi: values 1.00-5.00, items by portal code
            typer.echo(_t("cli_gaps_pemdi_row", lang, rank=f"{it['rank']:>3}", code=it["code"], name=it["name"][:70],
                          value=f"{it['value']:.2f}", target=f"{it['target_value']:.2f}", gain=f"{it['gain']:.3f}",
                          cumulative=f"{it['index_if_closed_cumulative']:.2f}"))
            for m in it["missing"]:
                typer.echo(f"       L{m['level']} [{m['criterion_id']}] {m['document']}")
            continue
        name = (it.get("name_en") or it["name"]) if lang == "en" else it["name"]
        typer.echo(t("gaps_row", lang, rank=f"{it['rank']:>3}", id=f"{it['id']:>2}", name=name[:70],
                     level=it["level"] or "-", target=it["target"], gain=f"{it['gain']:.3f}",
                     cumulative=f"{it['index_if_closed_cumulative']:.2f}"))
        for m in it["missing"]:
            typer.echo(f"       L{m['level']} [{m['criterion_id']}] {m['document']}")


@app.command()
def rank(workspaces: list[Path] = typer.Argument(..., help="One or more workspaces (an archive of many regions)."),
         json_out: bool = typer.Option(False, "--json"), framework: Optional[str] = typer.Option(None),
         official: bool = typer.Option(True, "--official/--no-official", help="List stored official results too.")):
    """Regions ranked by index and predicate (each region proposed from its own documents)."""
    from .report.ops import rank as rank_fn
    try:
        rows = rank_fn(workspaces, framework, official)
    except (WorkspaceError, FrameworkError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    typer.echo(_t("cli_rank_head", **dict(zip(("n", "region", "year", "source", "index"), _t("cli_rank_cols").split("|")))))
    for r in rows:
        idx = "-" if r["index"] is None else f"{r['index']:.2f}"
        typer.echo(f"{r['rank']:>3}  {r['region'][:36]:<36} {r['year'] or '-':>5}  {r['source']:<8} {idx:>6}  {r['predicate']}")


@app.command()
def diff(workspace: Path,
         against: str = typer.Option(..., "--against", help="Other workspace, LHE file (PDF/JSON), 'baseline' or 'baseline:YEAR'."),
         json_out: bool = typer.Option(False, "--json"), framework: Optional[str] = typer.Option(None),
         region: Optional[str] = typer.Option(None, "--region", help="Region of a batch workspace (required when it holds several)."),
         year: Optional[int] = typer.Option(None, "--year", help="Assessment year of that region (required when it has several).")):
    """Levels and evidence against a previous submission or an official result; regressions flagged
    (exit status 0; the JSON lists them under 'regressions')."""
    from .report.ops import diff_against
    ws = _open(workspace)
    try:
        d = diff_against(ws, against, framework, region, year)
    except (WorkspaceError, IngestError, FrameworkError, ValueError) as e:
        _fail(str(e))
    if json_out:
        typer.echo(json.dumps(d, ensure_ascii=False, indent=1))
        return
    f, t = d["from"], d["to"]
    typer.echo(f"{f['label']}: {f['index']} {f['predicate']}  ->  {t['label']}: {t['index']} {t['predicate']}"
               f"  ({'+' if (d['index_delta'] or 0) >= 0 else ''}{d['index_delta']})")
    typer.echo(_t("cli_diff_changes", changes=", ".join(f"{k} {v}" for k, v in sorted(d["counts"].items()))))
    for r in d["indicators"]:
        if r["change"] in ("same", "none") and not r.get("evidence_added") and not r.get("evidence_removed"):
            continue
        flag = _t("cli_diff_regression") if r["regression"] else (f"{r['change']} " if d.get("cross_framework") else "")
        typer.echo(f"  {flag}[{r['id']:>2}] {r['name'][:60]}: {r['from'] or '-'} -> {r['to'] or '-'}"
                   + (_t("cli_diff_docs", added=len(r["evidence_added"]), removed=len(r["evidence_removed"]))
                      if "evidence_added" in r else ""))
    if "documents" in d:
        for x in d["documents"]["added"]:
            typer.echo(f"  + {x['title']}")
        for x in d["documents"]["removed"]:
            typer.echo(f"  - {x['title']}")


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
          progress: str = typer.Option("auto", help="auto, rich, plain or none."),
          lang: Optional[str] = typer.Option(None, help="id (Bahasa Indonesia, default) or en.")):
    """Ingest, map and rank whole archives per region: parallel, resumable (re-run the same
    command after an interruption), one writer. Use it instead of `ingest` when the documents
    belong to several regions or years: they come from the folder names."""
    from .batch import BatchOptions, run_batch
    from .batch.run import BatchLocked

    try:
        ws = Workspace(workspace) if (workspace / "workspace.sqlite").exists() else Workspace.init(
            workspace, framework=framework or "spbe-2020")
        rep = run_batch(ws, archives, BatchOptions(framework=framework, engine=engine, workers=workers,
                                                   scheduler=scheduler, max_tasks_per_child=max_tasks_per_child,
                                                   progress=progress, lang=lang),
                        echo=typer.echo)
    except (FrameworkError, WorkspaceError, ValueError, BatchLocked) as e:
        _fail(str(e))
    if report_file:
        report_file.write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
        typer.echo(_t("cli_wrote", lang, path=report_file), err=True)


@fw_app.command("list")
def frameworks_list():
    """The bundled frameworks."""
    for fid in list_frameworks():
        fw = load_framework(fid)
        typer.echo(_t("cli_fw_list", id=fid, n=len(fw.indicators), regulation=fw.regulation, name=fw.name))


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
        typer.echo(_t("cli_fw_indicator", id=ind.id, name=ind.name, weight=ind.weight, aspect=ind.aspect_id, kind=ind.kind))
        typer.echo(f"   {ind.description}")
        for n, lv in sorted(ind.levels.items()):
            typer.echo(_t("cli_fw_level", n=n, name=lv.name, text=lv.text))
            for c in lv.criteria:
                typer.echo(f"    [{c.id}] {c.text}")
                if c.evidence:
                    typer.echo(_t("cli_fw_evidence", evidence=c.evidence))
        return
    typer.echo(_t("cli_fw_head", name=fw.name, regulation=fw.regulation, min=fw.scale_min, max=fw.scale_max))
    for d in fw.domains:
        typer.echo(_t("cli_fw_domain", id=d.id, name=d.name, weight=d.weight))
        for a in (a for a in fw.aspects if a.domain_id == d.id):
            typer.echo(_t("cli_fw_aspect", id=a.id, name=a.name, weight=a.weight))
            for i in (i for i in fw.indicators if i.aspect_id == a.id):
                typer.echo(f"    {i.id:>2}. {i.name} ({i.weight}%)")
    typer.echo(_t("cli_fw_predicates", list=", ".join(f"{p.name} >= {p.min}" for p in fw.predicates)))


@app.command()
def train(corpus: Path = typer.Option(Path("corpus"), help="Folder with training/passages.jsonl and documents.jsonl."),
          out: Optional[Path] = typer.Option(None, help="Where the models go (default: models/, or WS/models "
                                                         "with --from-reviews)."),
          seed: int = typer.Option(0, help="Random seed (the same seed and data give the same model files)."),
          from_reviews: Optional[Path] = typer.Option(None, "--from-reviews", metavar="WS",
                                                      help="Also learn from this workspace's review decisions."),
          real_corpus: Optional[Path] = typer.Option(None, "--real-corpus",
                                                     help="Real labelled corpus (documents.jsonl.gz); default: "
                                                          "$EVIDENCE_MAPPER_REAL_CORPUS, else CORPUS/real."),
          check: bool = typer.Option(False, "--check", help="Rebuild into a temporary folder and compare every "
                                                            "file with the shipped ones (OUT, default models/), "
                                                            "byte for byte; exit status 1 on a difference."),
          card_date: Optional[str] = typer.Option(None, "--date", help="Date written in the cards (YYYY-MM-DD; "
                                                                        "default: today).")):
    """Rebuild every model from corpus/ (and reviewers' decisions), with a model card."""
    from .classify import default_model_dir
    from .classify.train import train_all
    from .classify.modelcard import write_model_card

    if check:
        from .classify.rebuild import check as check_models
        target = out or Path("models")
        diffs, n = check_models(corpus, target, seed=seed, real=real_corpus, log=lambda s: typer.echo(s, err=True))
        for line in diffs:
            typer.echo(line)
        typer.echo(_t("cli_train_check", models=target, n=n, diffs=len(diffs)))
        raise typer.Exit(1 if diffs else 0)

    reviews, base = None, None
    if from_reviews is not None:
        ws = _open(from_reviews)
        reviews = ws.review_examples()
        base = ws.model_dir() or default_model_dir()
        out = out or ws.path / "models"
        ws.close()
        typer.echo(_t("cli_train_reviews", n=len(reviews), ws=from_reviews))
    out = out or Path("models")
    try:
        if reviews is None:
            from .classify.rebuild import rebuild_all
            rebuild_all(corpus, out, seed=seed, real=real_corpus, date=card_date, log=typer.echo)
        else:
            from .classify.rebuild import keep_legacy
            keep_legacy(base, out)
            card = train_all(corpus, out, seed=seed, review_passages=reviews, base_dir=base, log=typer.echo,
                             real=real_corpus, date=card_date)
            write_model_card(out, card)
    except FileNotFoundError as e:
        _fail(str(e))
    typer.echo(_t("cli_train_done", out=out, card=out / "MODEL_CARD.md"))


@app.command()
def evaluate(workspace: Optional[Path] = typer.Argument(None, help="Workspace whose proposals --levels compares."),
             real: Optional[Path] = typer.Option(None, "--real", help="Labelled real documents: labels.csv + files/."),
             levels: Optional[str] = typer.Option(None, "--levels", help="Official result: an LHE file, its "
                                                  "`lhe --json`, or {\"1\": 3, ...} (file or inline)."),
             cache: Path = typer.Option(Path("out/eval-cache"), help="Workspace that caches the ingested documents."),
             models: Optional[Path] = typer.Option(None, help="Model directory (default: models/)."),
             per_indicator: bool = typer.Option(False, "--per-indicator", help="Also print P/R/F1 per indicator."),
             json_out: Optional[Path] = typer.Option(None, "--json", help="Write every figure and row here "
                                                     "('-': print JSON instead of the table)."),
             lang: str = typer.Option("id", "--lang", help="id | en (--levels table)."),
             cv: bool = typer.Option(False, "--cv", help="Grouped cross-validation by issuer of the relevance model "
                                                         "on the training corpus (corpus/ and its real part)."),
             corpus: Path = typer.Option(Path("corpus"), help="Training corpus for --cv."),
             real_corpus: Optional[Path] = typer.Option(None, "--real-corpus", help="Real training corpus for --cv "
                                                        "(default: $EVIDENCE_MAPPER_REAL_CORPUS, else CORPUS/real).")):
    """Baseline vs trained models on labelled real documents (--real); a workspace's proposed
    levels against an official result (--levels OFFICIAL WS); or grouped cross-validation of the
    relevance model on the training corpus (--cv)."""
    if levels is not None:
        _evaluate_levels(levels, workspace, json_out, lang)
        return
    if cv:
        from .classify.cvreport import format_cv
        from .classify.train import grouped_cv

        from .classify import default_model_dir
        mdir = models or default_model_dir()
        m = grouped_cv(corpus, real_corpus, log=lambda s: typer.echo(s, err=True),
                       legacy_dir=(mdir / "legacy") if mdir else None)
        typer.echo(format_cv(m, per_indicator=True))
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(m, ensure_ascii=False, indent=1), encoding="utf-8")
        if real is None:
            return
    if real is None:
        _fail(_t("cli_eval_needs", lang))
    from .classify import get_scorer
    from .classify.evaluate import evaluate_scorer, format_per_indicator, format_table, load_real

    fw = load_framework("spbe-2020")
    docs, errors = load_real(real, cache, progress=lambda p, s: typer.echo(f"  {s:<10} {p}", err=True))
    ids = [i.id for i in fw.indicators]
    scorers = [get_scorer(fw, kind="baseline")]
    try:
        scorers.append(get_scorer(fw, model_dir=models, kind="trained"))
    except FileNotFoundError as e:
        typer.echo(_t("cli_eval_baseline_only", lang, error=e), err=True)
    results = [evaluate_scorer(s, docs, ids) for s in scorers]
    typer.echo(format_table(results))
    if per_indicator:
        typer.echo("")
        typer.echo(format_per_indicator(results))
    for e in errors:
        typer.echo(_t("cli_eval_not_ingested", lang, path=e["path"], kind=e["kind"], detail=e["detail"]), err=True)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _evaluate_levels(levels: str, workspace: Optional[Path], json_out: Optional[Path], lang: str) -> None:
    from .report.ops import evaluate_levels
    from .score.agreement import format_comparison

    if workspace is None:
        _fail(_t("cli_eval_needs_ws", lang))
    ws = _open(workspace)
    try:
        res = evaluate_levels(ws, levels)
    except (WorkspaceError, FrameworkError) as e:
        _fail(str(e))
    if json_out is not None and str(json_out) == "-":
        typer.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    typer.echo(format_comparison(res, lang))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


# -- review: accounts, web app, command-line review, export --------------------------------
users_app = typer.Typer(no_args_is_help=True, help="Review accounts (assessor, region, admin).")
app.add_typer(users_app, name="users")


class _ReviewGroup(typer.core.TyperGroup):
    """``review WS`` walks the queue; ``review export WS`` exports."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["walk", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(cls=_ReviewGroup, no_args_is_help=True,
                         help="Review proposals in the terminal. 'review WS --user NAME' (short for 'review walk WS "
                              "--user NAME') walks the queue; 'review export WS' writes the decisions and final levels. "
                              "The web review is 'serve', accounts are 'users', 'verify' checks the decision log.")
app.add_typer(review_app, name="review")


def _read_password(from_stdin: bool) -> str:
    """One line of standard input, or a hidden prompt asked twice."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt(_t("cli_password"), hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(workspace: Path, username: str,
              role: str = typer.Option(..., help="assessor | region | admin"),
              region: Optional[str] = typer.Option(None, help="For region accounts (default: the workspace's)."),
              password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
              replace: bool = typer.Option(False, help="Replace an existing account's password and role.")):
    """Create a review account (password hashed with argon2id)."""
    from .review import ReviewError, add_user

    ws = _open(workspace)
    password = _read_password(password_stdin)
    try:
        u = add_user(ws, username, password, role, region, replace=replace)
    except ReviewError as e:
        _fail(str(e))
    typer.echo(_t("cli_user_ready", user=u.username, role=u.role))


@users_app.command("list")
def users_list(workspace: Path):
    """The review accounts."""
    from .review import list_users

    for u in list_users(_open(workspace)):
        typer.echo(f"{u['username']:<20} {u['role']:<9} {u['region'] or '-'}")


@users_app.command("disable")
def users_disable(workspace: Path, username: str):
    """Disable an account: it can no longer log in, and every session of it ends at once."""
    from .review import ReviewError
    from .review.users import disable_user

    try:
        disable_user(_open(workspace), username)
    except ReviewError as e:
        _fail(f"{workspace}: {e}")
    typer.echo(_t("cli_user_disabled", user=username))


@users_app.command("enable")
def users_enable(workspace: Path, username: str):
    """Enable a disabled account again."""
    from .review import ReviewError
    from .review.users import disable_user

    try:
        disable_user(_open(workspace), username, active=True)
    except ReviewError as e:
        _fail(f"{workspace}: {e}")
    typer.echo(_t("cli_user_enabled", user=username))


@users_app.command("passwd")
def users_passwd(workspace: Path, username: str,
                 password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin.")):
    """Set a new password; every session of the account ends."""
    from .review import ReviewError
    from .review.users import set_password

    ws = _open(workspace)
    password = _read_password(password_stdin)
    try:
        set_password(ws, username, password)
    except ReviewError as e:
        _fail(f"{workspace}: {e}")
    typer.echo(_t("cli_user_passwd", user=username))


@users_app.command("logout")
def users_logout(workspace: Path, username: str):
    """End every session of an account (it may log in again)."""
    from .review.users import end_sessions, session_version

    ws = _open(workspace)
    if session_version(ws, username, active_only=False) is None:
        _fail(_t("cli_no_user", ws=workspace, user=username))
    end_sessions(ws, username)
    typer.echo(_t("cli_user_logout", user=username))


@app.command()
def serve(workspace: Path, host: str = typer.Option("127.0.0.1", help="Address to bind (default: this machine only)."),
          port: int = typer.Option(8765), secure_cookies: bool = typer.Option(
              False, "--secure-cookies", help="Mark the session cookie Secure (when served behind HTTPS)."),
          dev: bool = typer.Option(False, "--dev", help="Werkzeug's development server instead of waitress."),
          rotate_secret: bool = typer.Option(False, "--rotate-secret",
                                             help="A new session signing key: every session ends."),
          behind_proxy: bool = typer.Option(False, "--behind-proxy",
                                            help="Trust one reverse proxy's X-Forwarded-For/-Proto/-Host."),
          session_hours: float = typer.Option(12.0, help="Idle lifetime of a login, in hours.")):
    """The review web application: board, indicator pages with evidence, queue, audit trail."""
    from .review.web import serve as run_server

    _open(workspace).close()
    if host not in ("127.0.0.1", "localhost", "::1") and not secure_cookies:
        typer.echo(_t("cli_serve_open"), err=True)
    typer.echo(_t("cli_serving", ws=workspace, host=host, port=port, server=_t("cli_server_dev") if dev else "waitress"),
               err=True)
    run_server(workspace, host=host, port=port, secure_cookies=secure_cookies, dev=dev, rotate_secret=rotate_secret,
               behind_proxy=behind_proxy, session_hours=session_hours)


@app.command()
def verify(workspace: Path, head: Optional[str] = typer.Option(
        None, "--head", help="A chain head kept from an earlier export (final.json 'chain'): it must still be there."),
           json_out: bool = typer.Option(False, "--json", help="Print the result as JSON.")):
    """Check tamper evidence: the hash chains over decisions and audit events, the append-only
    triggers and the tables. Exits 1 and says what was altered when anything was."""
    from .store import integrity

    res = integrity.verify(workspace, head)
    if json_out:
        typer.echo(json.dumps(res, indent=1))
    else:
        for t, c in res["chains"].items():
            typer.echo(_t("cli_verify_chain", table=t, rows=c["rows"], head=c["head"]))
        for p in res["problems"]:
            typer.echo(_t("cli_verify_altered", ws=workspace, problem=p), err=True)
        typer.echo(_t("cli_verify_ok") if res["ok"] else _t("cli_verify_problems", ws=workspace, n=len(res["problems"])))
    raise typer.Exit(0 if res["ok"] else 1)


@review_app.command("walk")
def review_walk(workspace: Path, user: str = typer.Option(..., "--user", "-u", help="Assessor account."),
                limit: Optional[int] = typer.Option(None, help="Stop after this many indicators."),
                lang: Optional[str] = typer.Option(None, help="id (Bahasa Indonesia, default) or en.")):
    """Walk the review queue, most uncertain first: accept, reject, override, comment."""
    from .review import core
    from .review.users import get_user
    from .review.walk import walk

    ws = core.open_workspace(workspace) if (workspace / "workspace.sqlite").exists() else _open(workspace)
    actor = get_user(ws, user)
    if actor is None:
        _fail(_t("cli_walk_no_account", lang, user=user, ws=workspace))
    if not actor.can_decide:
        _fail(_t("cli_walk_cannot_decide", lang, user=user, role=actor.role))
    try:
        results = ws.results()
    except WorkspaceError as e:
        _fail(str(e))
    counts = walk(ws, actor, results, prompt=lambda text: typer.prompt(text, default="", show_default=False),
                  echo=typer.echo, limit=limit, lang=lang)
    from .i18n import t
    typer.echo(t("walk_done", lang, **counts))


@review_app.command("export")
def review_export(workspace: Path, output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Folder (default: WS/export).")):
    """Write decisions.csv, decisions.json and final.json (levels after review and the index)."""
    from .review import core

    ws = _open(workspace)
    try:
        results = ws.results()
    except WorkspaceError as e:
        _fail(str(e))
    paths = core.export(ws, results, output or ws.path / "export")
    for p in paths.values():
        typer.echo(_t("cli_wrote", path=p))


from .cli_help import TidyHelpGroup  # noqa: E402


class _Handled(TidyHelpGroup):
    """The one error handler: a failure the user can act on (EvidenceMapperError, or a locked,
    read-only or full disk) is one line on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx):
        import click

        from .errors import error_line, explain
        from .store import db as store_db

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as e:  # noqa: BLE001 - translated, or re-raised as the bug it is
            err = explain(e, store_db.last_opened)
            if err is None:
                raise
            typer.echo(error_line(err), err=True)
            raise typer.Exit(1)


app.info.cls = _Handled


@app.command()
def explore(workspace: Path,
            port: int = typer.Option(8001, help="Port on 127.0.0.1."),
            open_browser: bool = typer.Option(True, "--open/--no-open", help="Open a browser."),
            lang: Optional[str] = typer.Option(None, help="id (Bahasa Indonesia, default) or en."),
            metadata_only: bool = typer.Option(False, "--metadata-only",
                                               help="Write the snapshot and metadata.json, print its path, do not serve.")):
    """Explore the workspace in Datasette (pip install 'evidence-mapper[explore]'): a read-only
    snapshot with table descriptions, facets and canned queries (evidence per indicator,
    decisions per reviewer, documents without evidence, low-confidence OCR pages)."""
    from .explore import ExploreError, explore as run, prepare_explore

    try:
        if metadata_only:
            db, meta = prepare_explore(workspace, lang)
            typer.echo(str(meta))
            return
        code = run(workspace, port, open_browser, lang)
    except ExploreError as e:
        _fail(str(e))
    if code:
        raise typer.Exit(code)


def _one_line_warnings() -> None:
    import warnings

    from .errors import ModelsMissingWarning

    plain = warnings.formatwarning
    warnings.formatwarning = lambda m, c, *a, **k: (f"{m}\n" if issubclass(c, ModelsMissingWarning)
                                                     else plain(m, c, *a, **k))


from . import cli_pemdi  # noqa: E402,F401  (registers `external`, Indeks Pemdi)


def main() -> None:
    _one_line_warnings()
    app()


if __name__ == "__main__":
    main()
