"""OSCAL assessment results (JSON) of one mapping run.

Each document is an observation (its sha256 in a back-matter resource), each indicator a
finding with the proposed level, confidence and last official level in namespaced props.
Ids are UUIDv5 derived from the run, the document hashes and the indicator ids, and the
timestamps are the run's own, so exporting the same run twice gives byte-identical files.
:func:`validate_ar` checks the fields the OSCAL assessment-results model requires.
"""

from __future__ import annotations

import json
import re
import uuid

OSCAL_VERSION = "1.1.2"
NS = "urn:evidence-mapper:ns:spbe"
ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:evidence-mapper")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def _u(*parts) -> str:
    return str(uuid.uuid5(ROOT, "/".join(str(p) for p in parts)))


def _prop(name: str, value) -> dict:
    return {"name": name, "ns": NS, "value": str(value)}


def to_oscal(r: dict, lang: str = "id") -> dict:
    """``r`` is a prepared results dict (``report.prepare.prepare``)."""
    run = r["run"]
    rid = run["id"]
    fwid = r["framework"]["id"]
    start = run.get("started_at") or "1970-01-01T00:00:00+00:00"
    end = run.get("finished_at") or start
    docs = sorted(r["documents"], key=lambda d: d["sha256"])
    res_uuid = {d["sha256"]: _u(rid, "resource", d["sha256"]) for d in docs}
    obs_uuid = {d["sha256"]: _u(rid, "observation", d["sha256"]) for d in docs}
    ap_res = _u("framework", fwid)
    resources = [{
        "uuid": ap_res, "title": f"{r['framework']['name']} ({r['framework']['regulation']})",
        "description": "Assessment plan: the evaluation framework the indicators come from.",
        "props": [_prop("framework", fwid)],
    }]
    observations = []
    for d in docs:
        path = (d.get("paths") or [d["sha256"]])[0]
        resources.append({
            "uuid": res_uuid[d["sha256"]], "title": d.get("title") or path,
            "props": [_prop("doc-type", d.get("doc_type") or "lainnya"), _prop("status", d.get("status") or "unknown")],
            "rlinks": [{"href": path, "hashes": [{"algorithm": "SHA-256", "value": d["sha256"]}]}],
        })
        props = [_prop("doc-type", d.get("doc_type") or "lainnya"), _prop("is-evidence", str(bool(d.get("is_evidence"))).lower())]
        for k in ("number", "year"):
            if d.get(k):
                props.append(_prop(f"doc-{k}", d[k]))
        observations.append({
            "uuid": obs_uuid[d["sha256"]], "title": d.get("title") or path,
            "description": f"Document submitted as evidence: {path} ({d.get('pages')} pages).",
            "props": props, "methods": ["EXAMINE"], "types": ["finding"],
            "relevant-evidence": [{"href": f"#{res_uuid[d['sha256']]}", "description": "Submitted document (sha256 in back-matter)."}],
            "collected": end,
        })
    findings = []
    tgt = r["target"]["level"]
    for i in r["indicators"]:
        shas = sorted({f["doc_sha256"] for f in i["narrative"]["fakta"]})
        props = [_prop("proposed-level", i["level"] if i["level"] else "none"),
                 _prop("state", i["state"]), _prop("confidence", f"{i['confidence']:.3f}"),
                 _prop("weight", i["weight"]), _prop("target-level", tgt)]
        if i.get("baseline_level") is not None:
            props.append(_prop("official-level", i["baseline_level"]))
        f = {
            "uuid": _u(rid, "finding", fwid, i["id"]),
            "title": f"{i['id']}. {i['name']}",
            "description": i["narrative"]["text"],
            "props": props,
            "target": {"type": "objective-id", "target-id": f"{fwid}_ind-{i['id']}",
                       "status": {"state": "satisfied" if (i["level"] or 0) >= tgt else "not-satisfied"}},
        }
        if shas:
            f["related-observations"] = [{"observation-uuid": obs_uuid[s]} for s in shas if s in obs_uuid]
        findings.append(f)
    title = ("Hasil pemetaan bukti dukung SPBE" if lang == "id" else "SPBE evidence mapping results")
    return {"assessment-results": {
        "uuid": _u(rid, "assessment-results"),
        "metadata": {
            "title": f"{title} — {r.get('region') or r.get('workspace')}",
            "last-modified": end, "version": rid, "oscal-version": OSCAL_VERSION,
            "props": [_prop("region", r.get("region") or ""), _prop("index", f"{r['index']['index']:.2f}"),
                      _prop("predicate", r["index"]["predicate"]), _prop("model", run.get("model") or "")],
        },
        "import-ap": {"href": f"#{ap_res}"},
        "results": [{
            "uuid": _u(rid, "result"),
            "title": f"{title} ({rid})",
            "description": "Machine proposals for assessor review; not an official evaluation result.",
            "start": start, "end": end,
            "props": [_prop("index", f"{r['index']['index']:.2f}"), _prop("predicate", r["index"]["predicate"])],
            "reviewed-controls": {"control-selections": [{"include-all": {}}]},
            "observations": observations,
            "findings": findings,
        }],
        "back-matter": {"resources": resources},
    }}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def validate_ar(doc: dict) -> list[str]:
    """Problems with the fields the OSCAL assessment-results model requires (empty = fine)."""
    errs: list[str] = []

    def need(obj, key, where):
        if not isinstance(obj, dict) or key not in obj or obj[key] in (None, "", [], {}) and key != "include-all":
            errs.append(f"{where}: missing {key}")
            return None
        return obj[key]

    def uid(obj, where):
        v = need(obj, "uuid", where)
        if v is not None and not _UUID.match(v):
            errs.append(f"{where}: bad uuid {v!r}")

    def dt(obj, key, where):
        v = need(obj, key, where)
        if v is not None and not _DT.match(v):
            errs.append(f"{where}: {key} is not a date-time with zone: {v!r}")

    def props(obj, where):
        for p in obj.get("props", []):
            if not _TOKEN.match(p.get("name", "")) or "value" not in p:
                errs.append(f"{where}: bad prop {p!r}")

    ar = need(doc, "assessment-results", "root")
    if ar is None:
        return errs
    uid(ar, "assessment-results")
    md = need(ar, "metadata", "assessment-results") or {}
    for k in ("title", "version", "oscal-version"):
        need(md, k, "metadata")
    dt(md, "last-modified", "metadata")
    props(md, "metadata")
    need(need(ar, "import-ap", "assessment-results") or {}, "href", "import-ap")
    results = need(ar, "results", "assessment-results") or []
    res_ids = {x["uuid"] for x in ar.get("back-matter", {}).get("resources", [])}
    for n, res in enumerate(results):
        w = f"results[{n}]"
        uid(res, w)
        need(res, "title", w)
        need(res, "description", w)
        dt(res, "start", w)
        rc = need(res, "reviewed-controls", w) or {}
        need(rc, "control-selections", f"{w}.reviewed-controls")
        props(res, w)
        obs_ids = set()
        for k, o in enumerate(res.get("observations", [])):
            ow = f"{w}.observations[{k}]"
            uid(o, ow)
            need(o, "description", ow)
            need(o, "methods", ow)
            dt(o, "collected", ow)
            props(o, ow)
            obs_ids.add(o.get("uuid"))
            for ev in o.get("relevant-evidence", []):
                if ev.get("href", "").startswith("#") and ev["href"][1:] not in res_ids:
                    errs.append(f"{ow}: evidence {ev['href']} not in back-matter")
        for k, f in enumerate(res.get("findings", [])):
            fw_ = f"{w}.findings[{k}]"
            uid(f, fw_)
            need(f, "title", fw_)
            need(f, "description", fw_)
            t = need(f, "target", fw_) or {}
            if t.get("type") not in ("statement-id", "objective-id"):
                errs.append(f"{fw_}: target.type must be statement-id or objective-id")
            need(t, "target-id", f"{fw_}.target")
            st = need(t, "status", f"{fw_}.target") or {}
            if st.get("state") not in ("satisfied", "not-satisfied"):
                errs.append(f"{fw_}: target.status.state must be satisfied or not-satisfied")
            props(f, fw_)
            for ro in f.get("related-observations", []):
                if ro.get("observation-uuid") not in obs_ids:
                    errs.append(f"{fw_}: related observation {ro.get('observation-uuid')} unknown")
    href = ar.get("import-ap", {}).get("href", "")
    if href.startswith("#") and href[1:] not in res_ids:
        errs.append("import-ap: href points to no back-matter resource")
    for k, rs in enumerate(ar.get("back-matter", {}).get("resources", [])):
        uid(rs, f"back-matter.resources[{k}]")
        for rl in rs.get("rlinks", []):
            need(rl, "href", f"back-matter.resources[{k}].rlinks")
            for h in rl.get("hashes", []):
                if h.get("algorithm") not in ("SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-224", "SHA3-256",
                                              "SHA3-384", "SHA3-512") or not h.get("value"):
                    errs.append(f"back-matter.resources[{k}]: bad hash {h!r}")
    return errs
