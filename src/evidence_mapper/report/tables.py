"""The self-assessment worksheet as rows (one per indicator), shared by XLSX and CSV."""

from __future__ import annotations

import csv
import io

COLUMNS = {
    "id": ["No", "Domain", "Aspek", "Indikator", "Bobot (%)", "Level usulan", "Nama level", "Keyakinan",
           "Level resmi terakhir", "Target", "Kriteria terpenuhi", "Kriteria belum terpenuhi",
           "Bukti dukung (dokumen, halaman)", "Catatan (justifikasi)"],
    "en": ["No", "Domain", "Aspect", "Indicator", "Weight (%)", "Proposed level", "Level name", "Confidence",
           "Last official level", "Target", "Criteria met", "Criteria not met",
           "Evidence documents (pages)", "Notes (justification)"],
}


def worksheet_rows(r: dict, lang: str = "id") -> list[list]:
    """``r`` is a prepared results dict (``report.prepare.prepare``)."""
    dom = {d["id"]: d["name"] for d in r["domains"]}
    asp = {a["id"]: a["name"] for a in r["aspects"]}
    page = "hal." if lang == "id" else "p."
    rows = []
    for i in r["indicators"]:
        n = i["narrative"]
        rows.append([
            i["id"], dom.get(i["domain_id"]), asp.get(i["aspect_id"]), i["name"], i["weight"],
            i["level"], i["level_name"] or ("bukti tidak cukup" if lang == "id" else "insufficient evidence"),
            i["confidence"], i.get("baseline_level"), r["target"]["level"],
            "\n".join(f"[{c['criterion_id']}] {c['text']}" for c in n["analisis"]["met"]),
            "\n".join(f"[{c['criterion_id']}] {c['text']}" for c in n["analisis"]["not_met"]
                      if i["level"] is None or c["level"] <= i["level"] + 1),
            "\n".join(f"{d['document']} ({page} {', '.join(map(str, d['pages']))})" for d in i["evidence_documents"]),
            n["justifikasi"],
        ])
    return rows


def to_csv(r: dict, lang: str = "id") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS[lang])
    for row in worksheet_rows(r, lang):
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()
