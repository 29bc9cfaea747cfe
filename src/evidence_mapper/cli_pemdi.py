"""Commands of the 2026 Indeks Pemdi (registered on the main CLI app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .cli import _fail, _open, app


@app.command()
def external(workspace: Path,
             sdi: Optional[float] = typer.Option(None, "--sdi", help="Indeks Satu Data Indonesia, 0-100 (indicator 3.1)."),
             sjig: Optional[float] = typer.Option(None, "--sjig", help="Indeks Simpul Jaringan Informasi Geospasial, 1-5 (3.2)."),
             ips: Optional[float] = typer.Option(None, "--ips", help="Indeks Pembangunan Statistik (EPSS), 1-5 (3.3)."),
             sdi_interop: Optional[float] = typer.Option(None, "--sdi-interop", help="SDI, aspect Interoperabilitas Data, 0-100 (6.4)."),
             ikasandi: Optional[float] = typer.Option(None, "--ikasandi", help="IKASANDI 0-5 for every area (4.2, 4.3, 4.4) unless an area is given."),
             ikasandi_siber: Optional[float] = typer.Option(None, "--ikasandi-siber", help="IKASANDI, area Keamanan Siber (4.2)."),
             ikasandi_insiden: Optional[float] = typer.Option(None, "--ikasandi-insiden", help="IKASANDI, area Penanganan Insiden Siber (4.4)."),
             ikasandi_persandian: Optional[float] = typer.Option(None, "--ikasandi-persandian", help="IKASANDI, area Kematangan Persandian (4.3)."),
             framework: str = typer.Option("pemdi-2026"),
             region: Optional[str] = typer.Option(None, "--region", help="Region (default: the workspace's)."),
             year: Optional[int] = typer.Option(None, "--year"),
             json_out: bool = typer.Option(False, "--json")):
    """Store national index values (Indeks Pemdi: SDI, SJIG, IPS, IKASANDI) and show those in
    force with the indicator values they give. Without values: show only. An index not entered
    counts as 1."""
    from .frameworks import FrameworkError, load_framework
    from .frameworks.pemdi import catalog, is_continuous
    from .score.pemdi import OPTION, convert_index
    from .store.external import get_external, set_external

    ws = _open(workspace)
    vals = {"sdi": sdi, "sjig": sjig, "ips": ips, "sdi_interop": sdi_interop}
    for area, v in (("ikasandi_siber", ikasandi_siber), ("ikasandi_insiden", ikasandi_insiden),
                    ("ikasandi_persandian", ikasandi_persandian)):
        vals[area] = v if v is not None else ikasandi
    vals = {k: v for k, v in vals.items() if v is not None}
    try:
        fw = load_framework(framework)
        if not is_continuous(fw):
            _fail(f"{framework} has no national-index indicators (use pemdi-2026)")
        now = (set_external(ws, vals, framework=fw.id, region=region, year=year) if vals
               else get_external(ws, framework=fw.id, region=region))
    except (FrameworkError, ValueError) as e:
        _fail(f"{workspace}: {e}")
    cat = catalog(fw)
    rows = []
    for key, spec in cat["external_indices"].items():
        code = next(i["code"] for i in cat["indicators"] if i["id"] == spec["indicator"])
        x = now.get(key)
        value = convert_index(spec, x)[0] if x is not None else cat.get("external_missing_value", 1.0)
        rows.append({"key": key, "name": spec["name"], "indicator": code, "entered": x, "value": round(value, 2),
                     "counted_as_missing": x is None, "option": "--" + OPTION[key]})
    for key, spec in cat.get("ikasandi", {}).items():
        rows.append({"key": key, "name": spec["name"], "indicator": ", ".join(sorted({c.split("-")[0] for c in spec["items"]})),
                     "entered": now.get(key), "value": None, "counted_as_missing": now.get(key) is None,
                     "option": "--" + OPTION[key]})
    if json_out:
        typer.echo(json.dumps({"framework": fw.id, "values": now, "indices": rows}, ensure_ascii=False, indent=1))
        return
    for r in rows:
        if r["entered"] is None:
            typer.echo(f"  {r['name']:<48} not entered ({r['option']}): counts as 1.00")
        else:
            typer.echo(f"  {r['name']:<48} {r['entered']:g}" + (f" -> indicator {r['indicator']} value {r['value']:.2f}"
                                                              if r["value"] is not None else f" (IKASANDI items of {r['indicator']})"))
