"""The XLSX workbook, laid out like the self-assessment worksheet assessors fill in: one row
per indicator (frozen header, widths, wrapped text, filter), a summary sheet with the index
and predicate (and the last official figures), and the gap list."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .tables import COLUMNS, worksheet_rows

WIDTHS = [5, 22, 28, 48, 8, 8, 20, 10, 10, 7, 50, 50, 50, 70]
LEVEL_FILL = {None: "D9DDE4", 1: "F2B8B5", 2: "F9D9A6", 3: "BFE3EF", 4: "C3E6C3", 5: "8FCB92"}
S = {
    "id": {"sheet": "Penilaian Mandiri", "summary": "Ringkasan", "gaps": "Kesenjangan", "region": "Instansi",
           "framework": "Kerangka", "run": "Proses pemetaan", "index": "Indeks (perkiraan)", "predicate": "Predikat",
           "official": "Resmi terakhir", "target": "Target", "if_closed": "Jika kesenjangan ditutup",
           "domain": "Domain", "aspect": "Aspek", "value": "Nilai", "note": "Usulan mesin untuk ditinjau asesor; bukan hasil evaluasi resmi.",
           "gap_cols": ["Peringkat", "No", "Indikator", "Level usulan", "Target", "Tambahan indeks", "Level", "Kriteria", "Dokumen yang diperlukan", "Syarat"]},
    "en": {"sheet": "Self-assessment", "summary": "Summary", "gaps": "Gaps", "region": "Institution",
           "framework": "Framework", "run": "Mapping run", "index": "Index (estimate)", "predicate": "Predicate",
           "official": "Last official", "target": "Target", "if_closed": "If the gaps are closed",
           "domain": "Domain", "aspect": "Aspect", "value": "Value", "note": "Machine proposals for assessor review; not an official evaluation result.",
           "gap_cols": ["Rank", "No", "Indicator", "Proposed level", "Target", "Index gain", "Level", "Criterion", "Document needed", "Requirements"]},
}
HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E9C")
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(ws, cols):
    ws.append(cols)
    for c in ws[1]:
        c.font, c.fill, c.alignment = HEAD, HEAD_FILL, Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"


def to_xlsx(r: dict, lang: str = "id") -> bytes:
    s = S[lang]
    wb = Workbook()
    ws = wb.active
    ws.title = s["sheet"]
    _header(ws, COLUMNS[lang])
    for row in worksheet_rows(r, lang):
        ws.append(row)
        for c in ws[ws.max_row]:
            c.alignment = WRAP
        ws.cell(ws.max_row, 6).fill = PatternFill("solid", fgColor=LEVEL_FILL.get(row[5], "FFFFFF"))
    for n, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(n)].width = w
    ws.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{ws.max_row}"

    sm = wb.create_sheet(s["summary"])
    base = r.get("baseline") or {}
    g = r["gap_report"]
    sm.append([s["region"], r.get("region") or ""])
    sm.append([s["framework"], f"{r['framework']['name']} ({r['framework']['regulation']})"])
    sm.append([s["run"], r["run"]["id"]])
    sm.append([s["index"], r["index"]["index"], r["index"]["predicate"]])
    if base:
        sm.append([f"{s['official']} ({base.get('year')})", base.get("index"), base.get("predicate")])
    sm.append([s["target"], r["target"]["level"], r["target"]["predicate"]])
    sm.append([s["if_closed"], g["if_closed"]["index"], g["if_closed"]["predicate"]])
    sm.append([s["note"]])
    sm.append([])
    hdr = [f"{s['domain']} / {s['aspect']}", s["value"]] + ([f"{s['official']} ({base.get('year')})"] if base else [])
    sm.append(hdr)
    for c in sm[sm.max_row]:
        c.font, c.fill = HEAD, HEAD_FILL
    for d in r["domains"]:
        sm.append([d["name"], r["index"]["domains"].get(str(d["id"]))]
                  + ([base.get("domains", {}).get(str(d["id"]))] if base else []))
        sm.cell(sm.max_row, 1).font = Font(bold=True)
        for a in (a for a in r["aspects"] if a["domain_id"] == d["id"]):
            sm.append(["   " + a["name"], r["index"]["aspects"].get(str(a["id"]))]
                      + ([base.get("aspects", {}).get(str(a["id"]))] if base else []))
    for n, w in enumerate([55, 14, 18], 1):
        sm.column_dimensions[get_column_letter(n)].width = w
    for row in sm.iter_rows(min_row=1, max_row=7):
        row[0].font = Font(bold=True)

    gs = wb.create_sheet(s["gaps"])
    _header(gs, s["gap_cols"])
    for it in g["indicators"]:
        for m in it["missing"]:
            gs.append([it["rank"], it["id"], it["name"], it["level"], it["target"], it["gain"], m["level"],
                       f"[{m['criterion_id']}] {m['criterion']}", m["document"], "; ".join(m["requirements"])])
            for c in gs[gs.max_row]:
                c.alignment = WRAP
    for n, w in enumerate([8, 5, 45, 8, 7, 10, 6, 50, 50, 60], 1):
        gs.column_dimensions[get_column_letter(n)].width = w

    stamp = _stamp(r)
    if stamp:
        wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "evidence-mapper"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _stamp(r: dict):
    ts = (r.get("run") or {}).get("finished_at") or (r.get("run") or {}).get("started_at")
    try:
        return datetime.fromisoformat(ts).replace(tzinfo=None) if ts else None
    except ValueError:
        return None
