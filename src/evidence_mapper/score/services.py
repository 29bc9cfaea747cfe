"""Service levels from the applications a submission shows running.

A service indicator is judged on a running application. The applications catalog
(:mod:`..nlp.applications`) names them per service; a document that shows one (a screenshot's
OCR text, a user manual, an application inventory) evidences the functions it shows: the name
alone is informasi (1), a login or registration page is interaksi (2), input, verification or
approval is transaksi (3), integration with another system is kolaborasi (4). A national shared
application (``shared`` in the catalog: SPSE, SRIKANDI, SIPD ...) offers the same functions in
every region, so a document about it (a screenshot or manual of that application) evidences the
functions the catalog lists. Level 5 (optimalisasi) never follows from an application.

Regulations do not count (the framework's ``kinds`` rule for services), nor do plans,
recommendations or absences ("akan dibangun aplikasi ..."), nor budget sheets.
"""

from __future__ import annotations

from ..frameworks import Framework, Indicator
from ..nlp.applications import Catalog, load_catalog, recognize
from ..nlp.modality import satisfies
from .docinfo import REGULATION_TYPES, is_image

NOT_SERVICE_EVIDENCE = {"anggaran"}
PLAN_TYPES = {"rencana"}  # a plan lists applications; it earns only the functions it shows
# without a framework rule for service indicators: regulations mandate a service, they do not
# show one running
MAX_SERVICE_LEVEL = 4


def service_evidence(fw: Framework, ind: Indicator, docs: list, ctx, catalog: Catalog | None = None) -> list[dict]:
    """Per document and application mapped to ``ind``: the functions evidenced, the level they
    give and the passages (``passages``: the naming passage first, then the function cues)."""
    c = catalog or load_catalog()
    kind_rule = fw.rule("kinds", {}).get(ind.kind, {})
    excluded = set(kind_rule.get("exclude_doc_types", REGULATION_TYPES)) | NOT_SERVICE_EVIDENCE
    out = []
    for d in docs:
        v = ctx.validity.get(d.sha256)
        if v is not None and not v.ok:
            continue
        # a screenshot is judged by what it shows, whatever type its OCR text suggested
        if not is_image(d) and (d.meta.doc_type in excluded or d.meta.status == "draft"):
            continue
        ps = [p for p in d.passages if satisfies(d.modality(p))]
        if not ps:
            continue
        for ev in recognize([p.text for p in ps], c):
            if ind.id not in c.indicators(ev.app, fw.id):
                continue
            functions = ev.evidenced(c)
            basis = "shown"
            if ev.app.shared and ev.focused and d.meta.doc_type not in PLAN_TYPES and _about(ev, ps):
                functions = [f for f in c.function_levels if f in ev.app.functions]
                basis = "shared"
            level = min(MAX_SERVICE_LEVEL, c.level(functions))
            top = max(functions, key=lambda f: c.function_levels[f])
            idx = [ev.named_in[0]] + [i for i in ev.functions.get(top, [])[:1] if i != ev.named_in[0]]
            out.append({"app": ev.app.id, "app_name": ev.app.name, "doc_sha256": d.sha256, "doc_path": d.path,
                        "functions": functions, "level": level, "basis": basis,
                        "passages": [ps[i] for i in idx]})
    out.sort(key=lambda e: -e["level"])
    return out


def _about(ev, passages) -> bool:
    """The document is about this application: it names it early (first passages or a fifth of
    the document) or in most of its passages (a screenshot, a manual, a page of the portal)."""
    n = len(passages)
    first = ev.named_in[0]
    return first < max(3, n // 5) or len(ev.named_in) * 3 >= n
