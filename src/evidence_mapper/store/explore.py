"""The workspace for Datasette (``evidence-mapper explore WS``): a read-only snapshot without
account secrets, and metadata with table and column descriptions, facets and canned queries.

Descriptions come from the string catalogue (``explore`` in ``report/i18n.json``), in
Bahasa Indonesia or English. The canned queries are the only SQL here; they read the latest
``map`` run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..i18n import labels

DB_NAME = "workspace"  # Datasette names a database after its file
LATEST_RUN = "(select id from runs where kind = 'map' order by finished_at desc, started_at desc limit 1)"

FACETS = {
    "documents": ["doc_type", "status", "year", "media_type"],
    "files": [],
    "pages": ["source"],
    "passages": ["section", "source"],
    "proposals": ["state", "level", "run_id"],
    "criterion_results": ["state", "level"],
    "evidence_links": ["level", "criterion_id"],
    "doc_scores": ["is_evidence", "run_id"],
    "decisions": ["action", "user", "indicator"],
    "audit_events": ["action", "user", "role"],
    "ingest_errors": ["kind"],
    "baselines": ["year", "region"],
    "runs": ["kind", "framework"],
}
HIDDEN = {"meta", "stage_results", "submissions"}
SORT = {"evidence_links": "proposal_id", "pages": "doc_sha256", "audit_events": "id", "decisions": "id"}

QUERIES = {
    "evidence_per_indicator": f"""
select p.indicator, p.level, p.level_name, round(p.confidence, 2) as confidence, p.state,
       count(e.id) as links, count(distinct e.doc_sha256) as documents
from proposals p left join evidence_links e on e.proposal_id = p.id
where p.run_id = {LATEST_RUN}
group by p.id order by p.indicator""",
    "decisions_per_reviewer": """
select user, action, count(*) as decisions, count(distinct indicator) as indicators, min(at) as first, max(at) as last
from decisions group by user, action order by user, action""",
    "documents_without_evidence": f"""
select d.sha256, d.title, d.doc_type, d.year, d.status, d.pages, group_concat(f.path, ' | ') as paths
from documents d left join files f on f.sha256 = d.sha256
where d.sha256 not in (select e.doc_sha256 from evidence_links e join proposals p on p.id = e.proposal_id
                       where p.run_id = {LATEST_RUN})
group by d.sha256 order by d.title""",
    "low_confidence_ocr_pages": """
select pg.doc_sha256, d.title, pg.number as page, round(pg.ocr_confidence, 2) as ocr_confidence, pg.source,
       substr(pg.text, 1, 200) as text_start
from pages pg join documents d on d.sha256 = pg.doc_sha256
where pg.source like '%ocr%' and pg.ocr_confidence < coalesce(nullif(:below, ''), 0.6)
order by pg.ocr_confidence""",
}


def tables_of(db_path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' order by name")]
        return {n: [c[1] for c in con.execute(f"pragma table_info([{n}])")] for n in names}
    finally:
        con.close()


def metadata(db_path: Path, lang: str = "id", title: str | None = None) -> dict:
    """Datasette metadata for a workspace database (or its snapshot)."""
    cat = labels()[lang]["explore"]
    tables = tables_of(db_path)
    meta_tables = {}
    for name, cols in tables.items():
        if name.startswith("sqlite_") or "_fts" in name:
            continue
        info = cat["tables"].get(name, {})
        entry: dict = {}
        if info.get("description"):
            entry["description"] = info["description"]
        described = {c: d for c, d in info.get("columns", {}).items() if c in cols}
        described.update({c: cat["common_columns"][c] for c in cols
                          if c in cat["common_columns"] and c not in described})
        if described:
            entry["columns"] = described
        facets = [f for f in FACETS.get(name, []) if f in cols]
        if facets:
            entry["facets"] = facets
        if name in SORT and SORT[name] in cols:
            entry["sort"] = SORT[name]
        if name in HIDDEN:
            entry["hidden"] = True
        meta_tables[name] = entry
    queries = {k: {"title": cat["queries"][k]["title"], "description": cat["queries"][k]["description"],
                   "sql": sql.strip()} for k, sql in QUERIES.items()}
    return {
        "title": title or cat["title"],
        "description": cat["description"],
        "databases": {DB_NAME: {"description": cat["description"], "tables": meta_tables, "queries": queries}},
    }


def snapshot(src: Path, dest: Path) -> Path:
    """A consistent copy of the workspace database for exploring, without the accounts table
    (password hashes stay out of the browser)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    con = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        con.execute("vacuum into ?", [str(dest)])
    finally:
        con.close()
    out = sqlite3.connect(dest)
    try:
        out.execute("drop table if exists users")
        out.commit()
    finally:
        out.close()
    return dest
