"""Review logic shared by the web app and the command line.

Machine proposals stay in ``proposals``; every human action is appended to ``audit_events``
(and accept/reject/override also to ``decisions``), each with who, when, what, the state before
and after, the proposal's run id, the model that proposed it and the evidence it saw. Nothing
is ever updated in place: the review state of an indicator is computed from the events.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import EvidenceMapperError
from ..frameworks import load_framework
from ..score import compute_index
from ..store import Workspace, decode_boxes, integrity, now, perms, transaction
from ..vocab import bbox_union

ROLES = ("assessor", "region", "admin")
DECIDE_ROLES = frozenset({"assessor", "admin"})
DECISIONS = ("accept", "reject", "override")
STATES = ("unreviewed", "reviewed", "disagreement", "stale")
# what the board shows: the outcome of the counted decisions
KINDS = ("accepted", "overridden", "rejected", "stale", "disputed", "unreviewed")


def decision_kind(state: str, actions: Iterable[str]) -> str:
    """``accepted`` / ``overridden`` / ``rejected`` for an agreed indicator (an override or a
    rejection by any counted reviewer wins over acceptance), else ``stale``, ``disputed``
    (reviewers disagree) or ``unreviewed``."""
    if state == "disagreement":
        return "disputed"
    if state != "reviewed":
        return state
    acts = set(actions)
    return "overridden" if "override" in acts else "rejected" if "reject" in acts else "accepted"


class ReviewError(ValueError, EvidenceMapperError):
    """A request the review rules refuse (missing reason, level out of range, ...)."""


class PermissionDenied(ReviewError):
    """The account's role may not do this."""


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    region: str | None = None

    @property
    def can_decide(self) -> bool:
        return self.role in DECIDE_ROLES


# -- uncertainty: the order of the queue ---------------------------------------------------

def uncertainty(confidence: float | None, passage_scores: Sequence[float] = ()) -> float:
    """How unsure the model is about an indicator, 0 (sure) .. 1 (coin toss).

    ``1 - |2c - 1|`` of the proposal's confidence, blended (70/30) with the same measure of
    the best passage score when there are passage scores. A trained model can replace this
    function (see :func:`review_queue`'s ``score`` argument)."""
    c = 0.0 if confidence is None else min(1.0, max(0.0, float(confidence)))
    u = 1.0 - abs(2.0 * c - 1.0)
    if passage_scores:
        s = min(1.0, max(0.0, float(max(passage_scores))))
        u = 0.7 * u + 0.3 * (1.0 - abs(2.0 * s - 1.0))
    return round(u, 4)


# -- connections ----------------------------------------------------------------------------

def open_workspace(path: str | Path) -> Workspace:
    return Workspace(path)  # the busy timeout is set when the store opens the file


def evidence_hashes(indicator: dict) -> list[str]:
    """What a reviewer saw: one key per evidence link, ``doc_sha256:page:start-end``."""
    keys = set()
    for c in indicator.get("criteria", []):
        for lk in c.get("links", []):
            keys.add(f"{lk['doc_sha256']}:{lk['page']}:{lk['char_start']}-{lk['char_end']}")
    return sorted(keys)


def _row(r: dict, db=None) -> dict:
    d = dict(r)
    for k in ("before_json", "after_json", "payload_json", "evidence_hashes"):
        try:
            d[k.replace("_json", "")] = json.loads(d.get(k) or "null")
        except json.JSONDecodeError:
            d[k.replace("_json", "")] = None
    return d


def _all_events(ws: Workspace, framework: str, indicator: int | None = None,
                actions: Iterable[str] | None = None) -> list[dict]:
    sql = "select * from audit_events where framework = ?"
    args: list[Any] = [framework]
    if indicator is not None:
        sql += " and indicator = ?"
        args.append(indicator)
    if actions:
        acts = list(actions)
        sql += f" and action in ({','.join('?' * len(acts))})"
        args += acts
    return [_row(r, ws.db) for r in ws.db.query(sql + " order by id", args)]


def status_from_events(events: list[dict], current_hashes: list[str] | None) -> dict:
    """The review state of one indicator from its decision events (oldest first).

    Each reviewer's latest decision counts; a decision marked ``resolves`` (reconciliation)
    supersedes everything before it. ``reviewed`` when all count agree on the level,
    ``disagreement`` when they differ, ``stale`` when a counted decision saw other evidence
    than the latest run's, ``unreviewed`` when there is none."""
    decs = [e for e in events if e["action"] in DECISIONS]
    last_res = max((i for i, e in enumerate(decs) if (e.get("payload") or {}).get("resolves")), default=None)
    if last_res is not None:
        decs = decs[last_res:]
    latest: dict[str, dict] = {}
    for e in decs:
        latest[e["user"]] = e
    if not latest:
        return {"state": "unreviewed", "level": None, "reviewers": [], "decisions": [], "kind": "unreviewed"}
    levels = {(e.get("after") or {}).get("level") for e in latest.values()}
    state = "reviewed" if len(levels) == 1 else "disagreement"
    if current_hashes is not None and any(sorted(e.get("evidence_hashes") or []) != sorted(current_hashes)
                                          for e in latest.values()):
        state = "stale"
    return {
        "state": state,
        "level": next(iter(levels)) if state == "reviewed" else None,
        "reviewers": sorted(latest),
        "decisions": [{"user": u, "action": e["action"], "level": (e.get("after") or {}).get("level"),
                       "at": e["at"], "id": e["id"]} for u, e in sorted(latest.items())],
        "kind": decision_kind(state, (e["action"] for e in latest.values())),
    }


# -- reading --------------------------------------------------------------------------------

def baselines(ws: Workspace, framework: str, results: dict | None = None) -> tuple[dict[int, int], int | None]:
    """Official levels beside a run (the report's baseline: the store's one answer), and their
    year: the run's region, its assessment year's result when stored, else the newest."""
    if results is not None and "baseline" in results:
        b = results["baseline"]
    else:
        run = (results or {}).get("run") or {}
        b = ws.latest_baseline(framework, (results or {}).get("region"),
                               run.get("assessment_year") or ws.config.get("assessment_year"))
    if not b:
        return {}, None
    return {int(k): v for k, v in b["levels"].items()}, b["year"]


def passage_score_max(ws: Workspace, run_id: str) -> dict[int, float]:
    return {r["indicator"]: r["s"] for r in ws.db.query(
        "select indicator, max(score) as s from passage_scores where run_id = ? group by indicator", [run_id])}


def board(ws: Workspace, results: dict, score: Callable[[float | None, Sequence[float]], float] = uncertainty
          ) -> list[dict]:
    """One row per indicator: proposal, confidence, baseline, uncertainty and review state."""
    fid = results["framework"]["id"]
    base, _ = baselines(ws, fid, results)
    pmax = passage_score_max(ws, results["run"]["id"])
    events: dict[int, list[dict]] = {}
    for e in _all_events(ws, fid, actions=DECISIONS):
        events.setdefault(e["indicator"], []).append(e)
    rows = []
    for ind in results["indicators"]:
        st = status_from_events(events.get(ind["id"], []), evidence_hashes(ind))
        ps = [pmax[ind["id"]]] if ind["id"] in pmax else []
        rows.append({
            "id": ind["id"], "name": ind["name"], "domain_id": ind["domain_id"], "aspect_id": ind["aspect_id"],
            "level": ind["level"], "level_name": ind["level_name"], "confidence": ind["confidence"],
            "proposal_state": ind["state"], "baseline": base.get(ind["id"]), "uncertainty": score(ind["confidence"], ps),
            "contradiction": bool(ind.get("contradiction")),
            "review": st,
            "value": ind.get("value"), "code": ind.get("code"),  # Indeks Pemdi: value 1.00-5.00
        })
    return rows


def review_queue(ws: Workspace, results: dict, user: str | None = None,
                 score: Callable[[float | None, Sequence[float]], float] = uncertainty) -> dict:
    """Indicators that need a decision, most uncertain first, and the progress so far.

    Needs a decision: nobody decided yet, or the evidence changed since (stale). With ``user``,
    indicators that user already decided on (and that are not stale) are left out."""
    rows = board(ws, results, score)
    todo = []
    for r in rows:
        st = r["review"]
        if st["state"] not in ("unreviewed", "stale"):
            continue
        if user and st["state"] != "stale" and user in st["reviewers"]:
            continue
        todo.append(r)
    todo.sort(key=lambda r: (-r["uncertainty"], r["id"]))
    done = sum(1 for r in rows if r["review"]["state"] in ("reviewed", "disagreement"))
    return {"items": todo, "reviewed": done, "total": len(rows),
            "disagreements": [r for r in rows if r["review"]["state"] == "disagreement"]}


def reconciliation_queue(ws: Workspace, results: dict) -> list[dict]:
    return [r for r in board(ws, results) if r["review"]["state"] == "disagreement"]


def indicator_of(results: dict, indicator: int) -> dict:
    for ind in results["indicators"]:
        if ind["id"] == indicator:
            return ind
    raise ReviewError(f"no indicator {indicator} in run {results['run']['id']}")


def audit_trail(ws: Workspace, framework: str, indicator: int | None = None) -> list[dict]:
    return _all_events(ws, framework, indicator)


def indicator_status(ws: Workspace, results: dict, indicator: int) -> dict:
    ind = indicator_of(results, indicator)
    return status_from_events(_all_events(ws, results["framework"]["id"], indicator, DECISIONS), evidence_hashes(ind))


# -- writing --------------------------------------------------------------------------------

def _append(ws: Workspace, actor: Actor, results: dict, indicator: int | None, action: str, *,
            level: int | None = None, reason: str | None = None, payload: dict | None = None,
            decision: bool = False) -> dict:
    """Append one event (and a ``decisions`` row for decisions) in one immediate transaction,
    with the state before and after computed inside it, so concurrent writers never lose or
    misreport a decision."""
    fid = results["framework"]["id"]
    run = results["run"]
    ind = indicator_of(results, indicator) if indicator is not None else None
    hashes = evidence_hashes(ind) if ind else []
    proposal_id = f"{run['id']}:{indicator}" if ind else None
    conn: sqlite3.Connection = ws.db.conn
    with transaction(ws.db):  # BEGIN IMMEDIATE, or a savepoint inside an upload's transaction
        evs = []
        if ind is not None:
            cur = conn.execute("select * from audit_events where framework = ? and indicator = ? and action in "
                               "('accept','reject','override') order by id", [fid, indicator])
            cols = [c[0] for c in cur.description]
            evs = [_row(dict(zip(cols, r)), ws.db) for r in cur.fetchall()]
        before = status_from_events(evs, hashes) if ind is not None else None
        after_level = None
        if action == "accept":
            after_level = ind["level"]
        elif action == "override":
            after_level = level
        after = {"action": action, "level": after_level, "proposed_level": ind["level"] if ind else None}
        at = now()
        decision_id = None
        if decision:  # chained: each row carries the hash of the one before (store/integrity.py)
            decision_id = integrity.insert(conn, "decisions", {
                "framework": fid, "indicator": indicator, "proposal_id": proposal_id, "action": action,
                "level": after_level, "reason": reason, "user": actor.username, "at": at, "run_id": run["id"],
                "model": run.get("model"), "evidence_hashes": json.dumps(hashes)})["id"]
        row = {"at": at, "user": actor.username, "role": actor.role, "action": action, "framework": fid,
               "indicator": indicator, "proposal_id": proposal_id, "run_id": run["id"], "model": run.get("model"),
               "evidence_hashes": json.dumps(hashes), "before_json": json.dumps(before),
               "after_json": json.dumps(after), "level": after_level if decision else level, "reason": reason,
               "payload_json": json.dumps(payload or {}, ensure_ascii=False), "decision_id": decision_id}
        if decision:
            after["review"] = status_from_events(evs + [_row(dict(row, id=0), ws.db)], hashes)
            row["after_json"] = json.dumps(after)
        row = integrity.insert(conn, "audit_events", row)
    return _row(row, ws.db)


def _need(actor: Actor) -> None:
    if not actor.can_decide:
        raise PermissionDenied(f"role {actor.role!r} may not record review decisions")


def decide(ws: Workspace, actor: Actor, results: dict, indicator: int, action: str, *,
           level: int | None = None, reason: str | None = None, resolves: bool = False) -> dict:
    """Accept the proposal, reject it (reason required) or override its level (level and
    reason required). ``resolves`` marks a reconciliation that supersedes earlier decisions."""
    _need(actor)
    if action not in DECISIONS:
        raise ReviewError(f"unknown decision {action!r} (use {', '.join(DECISIONS)})")
    reason = (reason or "").strip() or None
    ind = indicator_of(results, indicator)
    fw = load_framework(results["framework"]["id"])
    if action in ("reject", "override") and not reason:
        raise ReviewError(f"{action}: a reason is required")
    if action == "override":
        if level is None or not (fw.scale_min <= int(level) <= fw.scale_max):
            raise ReviewError(f"override: level must be {fw.scale_min}..{fw.scale_max}")
        level = int(level)
    if action == "accept" and ind["level"] is None:
        raise ReviewError("accept: there is no proposed level (insufficient evidence); override or reject")
    return _append(ws, actor, results, indicator, action, level=level if action == "override" else None,
                   reason=reason, payload={"resolves": bool(resolves)}, decision=True)


def comment(ws: Workspace, actor: Actor, results: dict, indicator: int, text: str) -> dict:
    _need(actor)
    text = (text or "").strip()
    if not text:
        raise ReviewError("comment: empty")
    return _append(ws, actor, results, indicator, "comment", reason=text[:4000])


def add_evidence(ws: Workspace, actor: Actor, results: dict, indicator: int, *, doc_sha256: str,
                 page: int | None = None, char_start: int | None = None, char_end: int | None = None,
                 passage_id: str | None = None, criterion_id: str | None = None, note: str | None = None) -> dict:
    """Link a passage (or a character span of a page, or a whole document) as evidence."""
    _need(actor)
    if not ws.db["documents"].count_where("sha256 = ?", [doc_sha256]):
        raise ReviewError("add evidence: unknown document")
    quote, bbox = None, None
    if passage_id:
        rows = list(ws.db.query("select * from passages where id = ? and doc_sha256 = ?", [passage_id, doc_sha256]))
        if not rows:
            raise ReviewError("add evidence: unknown passage")
        p = rows[0]
        page, char_start, char_end, quote = p["page"], p["char_start"], p["char_end"], p["text"]
        bbox = [p["x0"], p["y0"], p["x1"], p["y1"]] if p["x0"] is not None else None
    elif page is not None:
        rows = list(ws.db.query("select text, char_boxes from pages where doc_sha256 = ? and number = ?",
                                [doc_sha256, int(page)]))
        if not rows:
            raise ReviewError("add evidence: unknown page")
        text = rows[0]["text"] or ""
        if char_start is not None and char_end is not None:
            char_start, char_end = max(0, int(char_start)), min(len(text), int(char_end))
            if char_end <= char_start:
                raise ReviewError("add evidence: empty selection")
            quote = text[char_start:char_end]
            u = bbox_union((decode_boxes(rows[0]["char_boxes"]) or [])[char_start:char_end], 2)
            if u:
                bbox = list(u)
    payload = {"doc_sha256": doc_sha256, "page": page, "char_start": char_start, "char_end": char_end,
               "passage_id": passage_id, "criterion_id": criterion_id, "quote": quote, "bbox": bbox,
               "note": (note or "").strip() or None}
    return _append(ws, actor, results, indicator, "add_evidence", payload=payload)


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    base = Path(str(name).replace("\\", "/")).name
    base = _SAFE.sub("_", base).strip("._") or "upload"
    return base[:120]


def upload(ws: Workspace, actor: Actor, results: dict | None, filename: str, data: bytes,
           indicator: int | None = None) -> dict:
    """Store an uploaded document under ``uploads/`` and ingest it; every role may upload.
    With ``indicator`` (assessors), the document is also added as evidence for it."""
    if actor.role not in ROLES:
        raise PermissionDenied("unknown role")
    if not data:
        raise ReviewError("upload: empty file")
    import hashlib
    sha = hashlib.sha256(data).hexdigest()
    dest_dir = perms.private_dir(ws.path / "uploads" / sha[:16], ws.path)
    dest = dest_dir / safe_filename(filename)
    perms.write_private(dest, data)
    out: dict = {}

    def record(summary) -> None:  # inside the ingest's transaction: documents and audit rows together
        info = {"file": dest.name, "sha256": sha, "added": len(summary.added),
                "duplicates": len(summary.duplicates),
                "errors": [{"kind": k, "error": m} for _, k, m in summary.errors]}
        out["ev"] = _append(ws, actor, results, None, "upload", payload=info) if results is not None \
            else {"payload": info}
        if indicator is not None and results is not None and actor.can_decide and not summary.errors \
                and ws.db["documents"].count_where("sha256 = ?", [sha]):  # a single document, not a ZIP
            add_evidence(ws, actor, results, indicator, doc_sha256=sha, note=f"upload {dest.name}")

    ws.ingest([dest], then=record)
    return out["ev"]


def added_evidence(ws: Workspace, framework: str, indicator: int) -> list[dict]:
    return _all_events(ws, framework, indicator, ["add_evidence"])


def comments(ws: Workspace, framework: str, indicator: int) -> list[dict]:
    return _all_events(ws, framework, indicator, ["comment"])


# -- export ---------------------------------------------------------------------------------

def final_levels(ws: Workspace, results: dict) -> list[dict]:
    """The level per indicator after review: the agreed decision where there is one (a
    rejection without a level counts as no level), else the proposal, with its source."""
    out = []
    for r in board(ws, results):
        st = r["review"]
        if st["state"] == "reviewed":
            lvl, src = st["level"], "review"
        else:
            lvl, src = r["level"], "proposal"
        out.append({"indicator": r["id"], "name": r["name"], "proposed_level": r["level"],
                    "confidence": r["confidence"], "review_state": st["state"], "final_level": lvl, "source": src,
                    "reviewers": st["reviewers"]})
    return out


def export(ws: Workspace, results: dict, out_dir: str | Path) -> dict[str, Path]:
    """Write ``decisions.csv``, ``decisions.json`` (every audit event) and ``final.json``
    (levels after review and the index computed from them) into ``out_dir``."""
    import csv

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fid = results["framework"]["id"]
    events = audit_trail(ws, fid)
    cols = ["id", "at", "user", "role", "action", "framework", "indicator", "level", "reason", "proposal_id",
            "run_id", "model", "evidence_hashes", "before_json", "after_json", "payload_json"]
    with open(out / "decisions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for e in events:
            w.writerow(["" if e.get(c) is None else (json.dumps(e[c]) if isinstance(e[c], list) else e[c])
                        for c in cols])
    clean = [{k: v for k, v in e.items() if not k.endswith("_json")} for e in events]
    (out / "decisions.json").write_text(json.dumps(clean, ensure_ascii=False, indent=1), encoding="utf-8")
    fw = load_framework(fid)
    levels = final_levels(ws, results)
    idx = compute_index(fw, {r["indicator"]: r["final_level"] for r in levels}, missing_as=fw.scale_min)
    final = {"framework": fid, "region": ws.config.get("region"), "run_id": results["run"]["id"],
             "model": results["run"].get("model"), "exported_at": now(),
             "reviewed": sum(1 for r in levels if r["source"] == "review"), "total": len(levels),
             "levels": levels, "index": idx.to_json() | {"missing_counted_at": fw.scale_min},
             "chain": integrity.heads(ws.db)}  # the hash-chain heads: 'evidence-mapper verify WS --head HASH'
    (out / "final.json").write_text(json.dumps(final, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"csv": out / "decisions.csv", "json": out / "decisions.json", "final": out / "final.json"}
