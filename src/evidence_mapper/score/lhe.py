"""Official baselines: read a KemenPANRB evaluation report (Laporan Hasil Evaluasi SPBE).

Input is the report's page texts (from ingest); output the published index, predicate,
domain and aspect values, the per-indicator level table (and a previous year's column when
the report prints two), and the index recomputed from that table with the framework's
weights, so a disagreement between the published and the recomputed figures is reported.
"""

from __future__ import annotations

import re

from ..frameworks import Framework
from ..nlp.terms import normalize
from .index import compute_index

_VALUE = r"(\d[,.]\d{2})"
_ROW_START = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_TRAILING_LEVELS = re.compile(r"^(.*?)\s+([1-5])(?:\s+([1-5]))?\s*$")
_LONE_LEVELS = re.compile(r"^\s*([1-5])(?:\s+([1-5]))?\s*$")
# A row's number and level(s) at the end of a line of its wrapped name (cells centred vertically).
_ROW_NUMBER_AT_END = re.compile(r"^(?:(.*\S)\s+)?(\d{1,2})\s*$")  # "... Penerapan SPBE 20" or "20", level below
_ROW_TAIL = re.compile(r"^(.*?)(?:^|\s)(\d{1,2})\s+([1-5])(?:\s+([1-5]))?\s*$")
_VALUE_LINE = re.compile(r"^\s*(.*?)\s*" + _VALUE + r"\s*$")
_PREDICATE = re.compile(r"\((Memuaskan|Sangat Baik|Baik|Cukup|Kurang)\)", re.I)
_REGION = re.compile(r"INDEKS\s+SPBE\s*[–\-]\s*(?:PEMERINTAH\s+)?((?:KABUPATEN|KOTA|PROVINSI)\s+[A-Z][A-Z ]+?)\s*$", re.M)
_YEAR = re.compile(r"\b(20\d{2})\b")


def _num(s: str) -> float:
    return float(s.replace(",", "."))


def _title(s: str) -> str:
    return " ".join(w.capitalize() for w in s.split())


def parse_level_table(pages: list[str], n_indicators: int) -> tuple[dict[int, int], dict[int, int] | None, list[int]]:
    """Levels per indicator from the "Nilai Tingkat Kematangan" table (rows may wrap)."""
    current: dict[int, int] = {}
    previous: dict[int, int] = {}
    years: list[int] = []
    in_table = False
    row: int | None = None
    for text in pages:
        if re.search(r"Tingkat\s+Kematangan\s+Indikator|Nilai\s+Tingkat", text):
            in_table = True
            head = text[: text.find("\n1 ")] if "\n1 " in text else text[:400]
            ys = sorted({int(y) for y in _YEAR.findall(head)})
            if ys:
                years = ys
        if not in_table:
            continue
        for line in text.splitlines():
            m = _ROW_START.match(line)
            if m and 1 <= int(m.group(1)) <= n_indicators and not _VALUE_LINE.match(line) and int(m.group(1)) not in current:
                row = int(m.group(1))
                rest = m.group(2)
                lone = _LONE_LEVELS.match(rest)
                if lone:  # "7 3": number and level on a line of their own, the name wrapped around them
                    _store(row, lone.group(1), lone.group(2), current, previous, len(years))
                    row = None
                    continue
                t = _TRAILING_LEVELS.match(rest)
                if t and re.search(r"[A-Za-z]", t.group(1)):
                    _store(row, t.group(2), t.group(3), current, previous, len(years))
                    row = None
                continue
            tail = _ROW_TAIL.match(line)
            if tail and int(tail.group(2)) in _expected(current, n_indicators) and re.search(r"[A-Za-z]", tail.group(1)):
                # "... Pemerintah Daerah 2 3": the row's number and level closing a wrapped name
                _store(int(tail.group(2)), tail.group(3), tail.group(4), current, previous, len(years))
                row = None
                continue
            num = _ROW_NUMBER_AT_END.match(line) if row is None else None
            if num and int(num.group(2)) in _expected(current, n_indicators) and (
                    num.group(1) is None or re.search(r"[A-Za-z]", num.group(1))):
                row = int(num.group(2))  # its level follows on the next line
                continue
            if row is not None:
                lone = _LONE_LEVELS.match(line)
                if lone:
                    _store(row, lone.group(1), lone.group(2), current, previous, len(years))
                    row = None
                    continue
                t = _TRAILING_LEVELS.match(line)
                if t and re.search(r"[A-Za-z]", t.group(1)):
                    _store(row, t.group(2), t.group(3), current, previous, len(years))
                    row = None
    return current, (previous or None), years


def _expected(current: dict[int, int], n: int) -> set[int]:
    """Row numbers that may come next: the first one without a level, and the one after the
    highest read so far."""
    first = next((i for i in range(1, n + 1) if i not in current), None)
    after = max(current) + 1 if current else 1
    return {x for x in (first, after) if x is not None and x <= n and x not in current}


def _store(row, a, b, current, previous, n_years):
    if b is not None and n_years >= 2:
        previous[row], current[row] = int(a), int(b)
    elif b is not None:
        # "Layanan Publik Sektor 1 1": the first digit belongs to the name.
        current[row] = int(b)
    else:
        current[row] = int(a)


def parse_index_table(pages: list[str], fw: Framework) -> tuple[float | None, dict[int, float], dict[int, float]]:
    """The published index, domain and aspect values ("Nama Indeks Nilai" table)."""
    index: float | None = None
    domains: dict[int, float] = {}
    aspects: dict[int, float] = {}
    for text in pages:
        if not re.search(r"Nama\s+Indeks", text):
            continue
        body = text[text.find("Nama Indeks"):] if "Nama Indeks" in text else text
        pending: list[str] = []
        for line in body.splitlines()[1:]:
            m = _VALUE_LINE.match(line)
            if not m:
                if line.strip():
                    pending.append(line.strip())
                continue
            # A wrapped label: its earlier lines are pending, the value ends the last one.
            label = " ".join(pending + [m.group(1)]).strip()
            pending = []
            value = _num(m.group(2))
            kind, ident = _match_label(label, fw)
            if kind == "index" and index is None:
                index = value
            elif kind == "domain" and ident not in domains:
                domains[ident] = value
            elif kind == "aspect" and ident not in aspects:
                aspects[ident] = value
        if index is not None and domains:
            break
    return index, domains, aspects


def _match_label(label: str, fw: Framework) -> tuple[str | None, int | None]:
    lab = normalize(label)
    if not lab:
        return None, None
    if lab in ("spbe", "indeks spbe"):
        return "index", None
    is_domain = lab.startswith("domain ")
    lab_words = set(re.findall(r"\w+", lab.removeprefix("domain ")))
    best, best_score = None, 0.0
    pool = fw.domains if is_domain else fw.aspects
    for item in pool:
        words = set(re.findall(r"\w+", normalize(item.name)))
        score = len(words & lab_words) / max(1, len(words | lab_words))
        if score > best_score:
            best, best_score = item.id, score
    if best is None or best_score < 0.3:
        return None, None
    return ("domain" if is_domain else "aspect"), best


def read_lhe(pages: list[str], fw: Framework) -> dict:
    """The contract of ``evidence-mapper lhe FILE --json``."""
    full = "\n".join(pages)
    levels, previous, years = parse_level_table(pages, len(fw.indicators))
    index, domains, aspects = parse_index_table(pages, fw)
    pm = _PREDICATE.search(full)
    rm = _REGION.search(full)
    year = years[-1] if years else None
    if year is None:
        ym = re.search(r"(?:Tahun|TAHUN)\s+(20\d{2})", full)
        year = int(ym.group(1)) if ym else None
    warnings: list[str] = []
    missing = [i.id for i in fw.indicators if i.id not in levels]
    recomputed = None
    if missing:
        warnings.append(f"level table incomplete: no level for indicator(s) {missing}")
    else:
        res = compute_index(fw, levels)
        recomputed = round(res.index, 4)
        if index is not None and abs(round(res.index, 2) - index) > 0.005:
            warnings.append(f"published index {index:.2f} differs from the index recomputed from the level table "
                            f"({res.index:.2f})")
        for k, v in aspects.items():
            if abs(round(res.aspects[k], 2) - v) > 0.005:
                warnings.append(f"aspect {k}: published {v:.2f}, recomputed {res.aspects[k]:.2f}")
        for k, v in domains.items():
            if abs(round(res.domains[k], 2) - v) > 0.005:
                warnings.append(f"domain {k}: published {v:.2f}, recomputed {res.domains[k]:.2f}")
    predicate = pm.group(1).title() if pm else (fw.predicate_for(index) if index is not None else None)
    if predicate and predicate.lower() == "sangat baik":
        predicate = "Sangat Baik"
    return {
        "framework": fw.id,
        "region": _title(rm.group(1)) if rm else None,
        "year": year,
        "index": index,
        "predicate": predicate,
        "levels": {str(k): v for k, v in sorted(levels.items())},
        "aspects": {str(k): v for k, v in sorted(aspects.items())},
        "domains": {str(k): v for k, v in sorted(domains.items())},
        "recomputed_index": recomputed,
        "consistent": not warnings,
        "warnings": warnings,
        "previous": {"year": years[0], "levels": {str(k): v for k, v in sorted(previous.items())}}
        if previous and len(years) >= 2 else None,
    }


def read_lhe_any(pages: list[str], frameworks: list[Framework], year_of: dict[str, list[int]] | None = None) -> dict:
    """:func:`read_lhe` with the instrument the report itself was scored on, among ``frameworks``
    (the SPBE editions): the one whose level table the report fills completely with the most
    rows (a 47-row table is read as 47 levels, not as its first 35); between editions of the
    same shape, the one evaluated in the report's year (``year_of``: edition id -> years), then
    the one whose published index its table reproduces. When no edition's table is complete,
    the edition of the report's year, else the first. ``framework`` in the result names it and
    ``framework_read_from_report`` is true."""
    reads = [(fw, read_lhe(pages, fw)) for fw in frameworks]
    year = next((out["year"] for _, out in reads if out["year"]), None)
    in_year = {fw.id for fw in frameworks if year is not None and year in (year_of or {}).get(fw.id, [])}

    def gap(out: dict) -> float:
        if out["index"] is None or out["recomputed_index"] is None:
            return 9.0
        return abs(out["recomputed_index"] - out["index"])

    complete = [(fw, out) for fw, out in reads if out["levels"] and out["recomputed_index"] is not None]
    if complete:
        fw, out = max(complete, key=lambda r: (len(r[0].indicators), r[0].id in in_year, -gap(r[1])))
    else:
        fw, out = next(((fw, out) for fw, out in reads if fw.id in in_year), reads[0])
    out["framework_read_from_report"] = True
    return out
