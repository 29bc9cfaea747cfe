"""What a submission's folders say: region, year and the indicator folder a file was filed under.

Archives are laid out the way regions hand them in, e.g.
``2024/Kota Bandar Lampung/Indikator 08/SK Tim SPBE.pdf`` or
``Kabupaten Demak/2023/I-8 Arsitektur/arsitektur.zip/...``. Folder names vary, so each part
of the path is looked at on its own:

* a year is a part that is a four-digit year (``2024``) or names one (``Tahun 2024``,
  ``SPBE 2024``);
* a region is a part that starts with an administrative word (Kabupaten, Kab., Kota,
  Provinsi, Pemkab, Pemkot, Pemprov);
* an indicator folder is a part such as ``Indikator 08``, ``Ind 8``, ``I-08`` or ``08 Kebijakan
  Internal ...`` under a region or year.

When no part names a region, the first folder that is neither a year nor an indicator is
taken as the region (fictional and unusual names stay usable); a file at the archive root
has no region (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(?:(?:tahun|th\.?|spbe|evaluasi|eval)[\s_-]*)?((?:19|20)\d\d)$", re.I)
_REGION = re.compile(r"^(?:kabupaten|kab\.?|kota|provinsi|prov\.?|pemkab|pemkot|pemprov|pemerintah)[\s_.-]+\S", re.I)
_INDICATOR = re.compile(r"^(?:indikator|ind\.?|i)[\s_.-]*0*(\d{1,2})(?!\d)", re.I)
_NUMBERED = re.compile(r"^0*(\d{1,2})[\s_.-]+[A-Za-z]")

_ABBREV = {"kab": "Kabupaten", "kab.": "Kabupaten", "prov": "Provinsi", "prov.": "Provinsi",
           "pemkab": "Kabupaten", "pemkot": "Kota", "pemprov": "Provinsi"}


@dataclass(frozen=True)
class Filing:
    region: str | None
    year: int | None
    indicator: int | None  # the indicator folder the region filed the document under


def normalize_region(name: str) -> str:
    """``KAB. DEMAK`` / ``kabupaten_demak`` -> ``Kabupaten Demak`` (one name per region)."""
    words = re.split(r"[\s_]+", name.strip())
    if not words or not words[0]:
        return name.strip()
    first = _ABBREV.get(words[0].lower())
    if first is None and words[0].lower().startswith("kab."):
        first, words = "Kabupaten", ["Kab."] + [words[0][4:]] + words[1:]
    rest = words[1:] if first else words
    out = [first] if first else []
    for w in rest:
        if not w:
            continue
        out.append(w if (w.isupper() and len(w) <= 3 and w not in {"KAB", "KOTA"}) else w[:1].upper() + w[1:].lower())
    return " ".join(out)


def read_filing(parts: list[str] | tuple[str, ...], max_indicator: int = 47) -> Filing:
    """Region, year and indicator folder from the folder parts of a path (file name excluded),
    relative to the archive root."""
    region = year = indicator = None
    fallback = None
    for part in parts:
        part = part.strip()
        if not part:
            continue
        stem = re.sub(r"\.zip$", "", part, flags=re.I)
        m = _YEAR.match(stem)
        if m:
            year = year or int(m.group(1))
            continue
        if _REGION.match(stem):
            region = region or normalize_region(stem)
            continue
        m = _INDICATOR.match(stem) or (_NUMBERED.match(stem) if (region or fallback) else None)
        if m and 1 <= int(m.group(1)) <= max_indicator:
            indicator = int(m.group(1))
            continue
        if fallback is None and region is None:
            fallback = stem
    if region is None and fallback is not None:
        region = normalize_region(fallback)
    return Filing(region=region, year=year, indicator=indicator)


def filing_of(label: str, root_label: str) -> Filing:
    """Filing of a submitted document ``label`` (``root/2024/Kota X/Indikator 08/a.pdf`` or a
    member ``.../b.zip/c.pdf``) read below the archive root ``root_label``."""
    rel = label[len(root_label):] if label.startswith(root_label) else label
    parts = [p for p in rel.replace("\\", "/").split("/") if p]
    return read_filing(parts[:-1])
