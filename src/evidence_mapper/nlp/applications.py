"""Applications named in a document, and the service functions the document shows them offer.

The catalog (``nlp/applications.json``, data) lists the applications regions use for each
SPBE service: name, aliases, the service (with its indicator ids per framework), the functions
the application offers (informasi, interaksi, transaksi, kolaborasi) and ``shared``: a national
application whose functions are the same in every region (SPSE, SRIKANDI, SIPD, SP4N-LAPOR!).

Recognition works on passages (OCR text of screenshots, user manuals, inventories, plan
chapters): an alias on word boundaries names the application; function cues ("login",
"registrasi" -> interaksi; "verifikasi", "simpan" -> transaksi; "terintegrasi" -> kolaborasi)
say which functions the document evidences. A cue counts for an application when it is in the
same passage, or anywhere in a document that is about that application alone (a screenshot or a
manual names one application, or applications of one service).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .terms import normalize, phrase_regex

DATA = Path(__file__).parent / "applications.json"


@dataclass(frozen=True)
class Application:
    id: str
    name: str
    aliases: tuple[str, ...]
    services: tuple[str, ...]  # main service first, then "also"
    functions: tuple[str, ...]
    shared: bool


@dataclass(frozen=True)
class Catalog:
    apps: tuple[Application, ...]
    services: dict
    function_levels: dict[str, int]
    function_cues: dict[str, tuple[str, ...]]

    def indicators(self, app: Application, framework: str, policy: bool = False) -> list[int]:
        key = "policy_indicators" if policy else "indicators"
        out: list[int] = []
        for s in app.services:
            for i in self.services.get(s, {}).get(key, {}).get(framework, []):
                if i not in out:
                    out.append(int(i))
        return out

    def level(self, functions) -> int:
        return max((self.function_levels[f] for f in functions if f in self.function_levels), default=0)


@lru_cache(maxsize=4)
def load_catalog(path: str | None = None) -> Catalog:
    raw = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    fl = {k: int(v) for k, v in raw["function_levels"].items()}
    apps = []
    for a in raw["applications"]:
        bad = set(a["functions"]) - set(fl)
        if bad or a["service"] not in raw["services"] or any(s not in raw["services"] for s in a.get("also", [])):
            raise ValueError(f"{path or DATA}: application {a['id']}: unknown function or service")
        apps.append(Application(id=a["id"], name=a["name"], aliases=tuple(a["aliases"]),
                                services=(a["service"], *a.get("also", [])), functions=tuple(a["functions"]),
                                shared=bool(a.get("shared"))))
    return Catalog(apps=tuple(apps), services=raw["services"], function_levels=fl,
                   function_cues={k: tuple(v) for k, v in raw["function_cues"].items()})


def apps_in(norm_text: str, catalog: Catalog | None = None) -> list[Application]:
    """Applications named in already normalised text."""
    c = catalog or load_catalog()
    return [a for a in c.apps if any(phrase_regex(al).search(norm_text) for al in a.aliases)]


def cues_in(norm_text: str, catalog: Catalog | None = None) -> set[str]:
    """Functions whose cue words appear in normalised text (informasi is implied by a name)."""
    c = catalog or load_catalog()
    return {f for f, words in c.function_cues.items() if any(phrase_regex(w).search(norm_text) for w in words)}


@dataclass
class AppEvidence:
    """One application in one document: where it is named, the functions evidenced and where."""

    app: Application
    named_in: list[int] = field(default_factory=list)  # passage indexes
    focused: bool = False  # the document is about this application (one or two named, or one service)
    functions: dict[str, list[int]] = field(default_factory=dict)  # function -> passage indexes

    def evidenced(self, catalog: Catalog) -> list[str]:
        """Functions the document shows for the application (within what it offers)."""
        fs = ["informasi", *self.functions]
        return [f for f in catalog.function_levels if f in fs and f in self.app.functions]


def recognize(texts: list[str], catalog: Catalog | None = None) -> list[AppEvidence]:
    """Applications named in a document's passages (``texts``, in order) and their functions."""
    c = catalog or load_catalog()
    norms = [normalize(t) for t in texts]
    per_passage = [apps_in(n, c) for n in norms]
    found: dict[str, AppEvidence] = {}
    for i, apps in enumerate(per_passage):
        for a in apps:
            found.setdefault(a.id, AppEvidence(app=a)).named_in.append(i)
    if not found:
        return []
    services = {a.app.services[0] for a in found.values()}
    focused = len(found) <= 2 or len(services) == 1  # a screenshot or manual of one application
    cues = [cues_in(n, c) for n in norms]
    for ev in found.values():
        ev.focused = focused
        idx = range(len(norms)) if focused else ev.named_in
        for i in idx:
            for f in cues[i]:
                ev.functions.setdefault(f, []).append(i)
    return list(found.values())
