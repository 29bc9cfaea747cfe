"""Service levels from the applications a submission shows running.

A service indicator is judged on a running application. The applications catalog
(:mod:`..nlp.applications`) names them per service; a document that shows one (a screenshot's
OCR text, a user manual, an application inventory) evidences the functions it shows: the name
alone is informasi (1), a login or registration page is interaksi (2), input, verification or
approval is transaksi (3), integration with another system is kolaborasi (4). A national shared
application (``shared`` in the catalog: SPSE, SRIKANDI, SIPD ...) offers the same functions in
every region, so a document about it (a screenshot or manual of that application) evidences the
functions the catalog lists. Level 5 (optimalisasi) never follows from an application.

Regulations do not count (the framework's ``kinds`` rule for services), except an enacted decree
adopting a catalogued application by name (its title), which evidences up to transaksi; nor do plans,
recommendations or absences ("akan dibangun aplikasi ..."), nor budget sheets.
"""

from __future__ import annotations

from ..frameworks import Framework, Indicator
from ..nlp.applications import Catalog, apps_in, cues_in, load_catalog, recognize
from ..nlp.modality import satisfies
from ..nlp.terms import normalize, phrase_regex
from .docinfo import REGULATION_TYPES, effective_status, is_image

NOT_SERVICE_EVIDENCE = {"anggaran"}
PLAN_TYPES = {"rencana"}  # a plan lists applications; it earns only the functions it shows
# without a framework rule for service indicators: regulations mandate a service, they do not
# show one running
MAX_SERVICE_LEVEL = 4
# An enacted decree whose title adopts a catalogued application ("Penetapan Pelaksanaan Sistem
# Informasi Perencanaan Pembangunan Daerah ... / E-Planning") shows the service decided and
# described, not its integration: it evidences at most transaksi.
ADOPTION_MAX_LEVEL = 3
# A screenshot naming no catalogued application is recognised by its service's screen cues
# (catalog data); it shows what its cue words show, never integration.
UNNAMED_MIN_CUES = 2
UNNAMED_MAX_LEVEL = 3


def service_evidence(fw: Framework, ind: Indicator, docs: list, ctx, catalog: Catalog | None = None) -> list[dict]:
    """Per document and application mapped to ``ind``: the functions evidenced, the level they
    give and the passages (``passages``: the naming passage first, then the function cues)."""
    c = catalog or load_catalog()
    kind_rule = fw.rule("kinds", {}).get(ind.kind, {})
    excluded = set(kind_rule.get("exclude_doc_types", REGULATION_TYPES)) | NOT_SERVICE_EVIDENCE
    cat_fw, cat_ind = catalog_key(fw.id, ind.id)
    out = []
    for d in docs:
        v = ctx.validity.get(d.sha256)
        if v is not None and not v.ok:
            continue
        # a screenshot is judged by what it shows, whatever type its OCR text suggested
        adoption = not is_image(d) and _adoption_decree(d, c)
        if not is_image(d) and not adoption and (d.meta.doc_type in excluded or d.meta.status == "draft"):
            continue
        ps = [p for p in d.passages if satisfies(d.modality(p))]
        if not ps:
            continue
        evs = recognize([p.text for p in ps], c)
        if not evs and is_image(d):
            unnamed = _unnamed_screen(ps, c, cat_fw, cat_ind, d)
            if unnamed:
                out.append(unnamed)
            continue
        for ev in evs:
            if cat_ind not in c.indicators(ev.app, cat_fw):
                continue
            functions = ev.evidenced(c)
            basis = "shown"
            if ev.app.shared and ev.focused and d.meta.doc_type not in PLAN_TYPES and _about(ev, ps):
                functions = [f for f in c.function_levels if f in ev.app.functions]
                basis = "shared"
            if adoption:
                # an enacted decree adopting the application: the service runs by decision; what
                # its text (and its lampiran: modules, users, steps) describes, up to transaksi
                functions = [f for f in functions if c.function_levels[f] <= ADOPTION_MAX_LEVEL]
                basis = "decree"
            level = min(MAX_SERVICE_LEVEL, c.level(functions))
            top = max(functions, key=lambda f: c.function_levels[f])
            idx = [ev.named_in[0]] + [i for i in ev.functions.get(top, [])[:1] if i != ev.named_in[0]]
            out.append({"app": ev.app.id, "app_name": ev.app.name, "doc_sha256": d.sha256, "doc_path": d.path,
                        "functions": functions, "level": level, "basis": basis,
                        "passages": [ps[i] for i in idx]})
    out.sort(key=lambda e: -e["level"])
    return out


def _unnamed_screen(ps, c: Catalog, cat_fw: str, cat_ind: int, d) -> dict | None:
    """A screenshot that names no catalogued application (a regional application's entry form)
    but shows a service's own screen cues (in two places that do not overlap: "input
    peraturan baru" and "peraturan final" for JDIH): the functions its cue words show, up to transaksi."""
    norms = [normalize(p.text) for p in ps]
    for name, svc in c.services.items():
        if cat_ind not in svc.get("indicators", {}).get(cat_fw, []):
            continue
        spans = sorted((i, m.start(), m.end()) for t in svc.get("screen_cues", ()) for i, n in enumerate(norms)
                       for m in phrase_regex(t).finditer(n))
        hit = []  # cue places that do not overlap ("input peraturan baru" is one place)
        for i, a, b in spans:
            if not hit or hit[-1][0] != i or a >= hit[-1][2]:
                hit.append((i, a, b))
        if len(hit) < UNNAMED_MIN_CUES:
            continue
        cues: dict[str, list[int]] = {}
        for i, n in enumerate(norms):
            for f in cues_in(n, c):
                cues.setdefault(f, []).append(i)
        functions = [f for f in c.function_levels
                     if (f == "informasi" or f in cues) and c.function_levels[f] <= UNNAMED_MAX_LEVEL]
        top = max(functions, key=lambda f: c.function_levels[f])
        idx = [hit[0][0]] + [i for i in cues.get(top, [])[:1] if i != hit[0][0]]
        return {"app": f"unnamed:{name}", "app_name": svc.get("name", name), "doc_sha256": d.sha256,
                "doc_path": d.path, "functions": functions, "level": c.level(functions), "basis": "unnamed",
                "passages": [ps[i] for i in idx]}
    return None


def _adoption_decree(d, c: Catalog) -> bool:
    """An enacted regulation or decree whose title names a catalogued application."""
    if d.meta.doc_type not in REGULATION_TYPES or effective_status(d) != "enacted" or not d.meta.title:
        return False
    return bool(apps_in(normalize(d.meta.title), c))


def catalog_key(framework_id: str, indicator_id: int) -> tuple[str, int]:
    """The catalog lists indicators of bundled frameworks; an edition derived from one uses its
    base's ids (a repeated row, 35-2, is the row it repeats)."""
    from ..frameworks.editions import edition

    e = edition(framework_id)
    if not e or "base" not in e:
        return framework_id, indicator_id
    copies = {int(x["id"]): int(x["copy_of"]) for x in e.get("extra_indicators", [])}
    return e["base"], copies.get(indicator_id, indicator_id)


def _about(ev, passages) -> bool:
    """The document is about this application: it names it early (first passages or a fifth of
    the document) or in most of its passages (a screenshot, a manual, a page of the portal)."""
    n = len(passages)
    first = ev.named_in[0]
    return first < max(3, n // 5) or len(ev.named_in) * 3 >= n
