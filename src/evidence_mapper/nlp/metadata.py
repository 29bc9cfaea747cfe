"""Document metadata from text: type, number, year, title, issuer, region, enacted or draft.

Rules read the head of the document (the title block) and its close (the signature block).
Each decision records the cue that made it in ``DocMeta.signals`` so it can be explained.
"""

from __future__ import annotations

import re

from ..types import DocMeta
from ..vocab import REGULATIONS

HEAD_CHARS = 2500
TAIL_CHARS = 3000

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


# Letters OCR confuses in upper-case headings, and what they come out as.
_CONFUSABLE = {"I": "I1l|!", "O": "O0Q", "S": "S5", "B": "B8", "U": "UV", "N": "NM", "M": "MN", "E": "EF",
               "A": "A4", "T": "T7", "G": "G6", "L": "L1I"}


def _fz(word: str) -> str:
    """A regex for an upper-case heading word as OCR may read it: look-alike letters
    (``BUPAT1``, ``KEPUTUSAM``) and one stray space between letters (``TEN TANG``). Words
    written with spaces match with any run of spaces."""
    parts = []
    for w in word.split():
        letters = []
        for ch in w:
            alt = _CONFUSABLE.get(ch.upper())
            letters.append("[" + re.escape(alt + alt.lower() + ch.lower()) + "]" if alt else re.escape(ch))
        parts.append(r"[ ]?".join(letters))
    return r"(?<![A-Za-z])" + r"\s+".join(parts) + r"(?![A-Za-z])"


_OFFICE = r"(?:BUPATI|WALI\s*KOTA|WALIKOTA|GUBERNUR)"
_PLACE = r"([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,3})"

# A news article's dateline at the start of a line: the place and the outlet, then a dash and the
# story's first words ("PATI, Lingkarjateng.id – Pemerintah ...", "Medan (ANTARA) - Dinas ...",
# "BANTENRAYA.COM – Perkuat ...", "Metaranews.co, Kediri – Persamaan ...", "Manokwari, TP – Sejak
# ..."). The outlet is a web address, a name in brackets or a short upper-case abbreviation, and
# prose follows the dash, so a list row ("Laptop, merek - 3 unit") is not one.
_OUTLET_SITE = r"[A-Za-z][\w-]*\.(?i:com|co\.id|co|id|net|news|online)\b"
_PLACE_WORDS = r"[A-Z][A-Za-z'.]+(?:[ \t]+[A-Z][A-Za-z'.]+){0,2}"
_DATELINE = (r"^[ \t]*(?:" + _PLACE_WORDS + r"[ \t]*,[ \t]*(?:" + _OUTLET_SITE + r"|[A-Z]{2,5})"
             + r"|" + _PLACE_WORDS + r"[ \t]*\([A-Za-z]{3,12}\)"
             + r"|" + _OUTLET_SITE + r"(?:[ \t]*,[ \t]*" + _PLACE_WORDS + r")?"
             + r")[ \t]*[–—-][ \t]*[A-Z][a-z]+(?:[ \t]+\(?[A-Za-z][a-z]+\)?){2}")

# (doc_type, pattern) in priority order; the earliest match in the title block wins.
_TYPE_RULES: list[tuple[str, re.Pattern]] = [
    ("perda", re.compile(_fz("PERATURAN DAERAH"), re.I)),
    ("perbup", re.compile(_fz("PERATURAN BUPATI"), re.I)),
    ("perwali", re.compile(_fz("PERATURAN") + r"\s+(?:" + _fz("WALIKOTA") + "|" + _fz("WALI KOTA") + ")", re.I)),
    ("pergub", re.compile(_fz("PERATURAN GUBERNUR"), re.I)),
    ("sk", re.compile(_fz("KEPUTUSAN") + r"\s+(?:" + "|".join(_fz(w) for w in (
        "BUPATI", "WALIKOTA", "WALI KOTA", "GUBERNUR", "KEPALA", "SEKRETARIS", "DIREKTUR", "MENTERI", "DEPUTI")) + ")",
        re.I)),
    ("sk", re.compile(_fz("SURAT KEPUTUSAN"), re.I)),
    ("se", re.compile(_fz("SURAT EDARAN"), re.I)),
    ("sop", re.compile(r"\bSTANDAR(?:D)?\s+OPERASIONAL\s+PROSEDUR\b|\bSTANDARD\s+OPERATING\s+PROCEDURE\b|\bSOP\s+[A-Z]", re.I)),
    ("topologi", re.compile(r"\bTOPOLOGI\b", re.I)),
    ("rencana", re.compile(r"\bRENCANA\s+INDUK\b|\bMASTER\s*PLAN\b|\bPETA\s+RENCANA\b|\bRENCANA\s+STRATEGIS\b|\bARSITEKTUR\s+SPBE\b|\bBLUE\s*PRINT\b", re.I)),
    ("anggaran", re.compile(r"\bDOKUMEN\s+PELAKSANAAN\s+ANGGARAN\b|\bDPA[\s-]+SKPD\b|\bRENCANA\s+KERJA\s+(?:DAN\s+)?ANGGARAN\b|\bRKA[\s-]+SKPD\b|\bREKAPITULASI\s+BELANJA\b", re.I)),
    ("laporan", re.compile(r"\bLAPORAN\b|\bNOTULEN\b|\bBERITA\s+ACARA\b|\bHASIL\s+EVALUASI\b", re.I)),
    ("lainnya", re.compile(r"\bUNDANG-UNDANG\b|\bPERATURAN\s+(?:PEMERINTAH|PRESIDEN|MENTERI|BADAN|KEPALA)\b|\bINSTRUKSI\s+PRESIDEN\b", re.I)),
    ("berita", re.compile(r"\b(?:Jakarta|[A-Z][a-z]+)\s*(?:,|–|-)\s*\(?(?:\d{1,2}/\d{1,2}|\w+ \d{1,2} \w+ \d{4})|\bBerita\b|\bSiaran Pers\b|\bdiakses\b", re.I)),
    ("berita", re.compile(_DATELINE, re.M)),
]

_REGULATION_TYPES = REGULATIONS | {"lainnya"}

# The NOMOR line as OCR may give it: "NOMOR : 188.45 / 123 / 2025", "N0MOR 188.45/    /2025".
_NUMBER_LINE = re.compile(_fz("NOMOR") + r"[ \t]*[:;.]?[ \t]*([^\n]*)(?:\n[ \t]*([^\n]*))?", re.I)
_NUMBER_END = re.compile(r"(?:[ \t]+|(?<=\d))(?:" + _fz("TAHUN") + "|" + _fz("TENTANG") + r")|[ \t]{3,}(?=[A-Za-z]{4})", re.I)
_BLANK_RUN = re.compile(r"[.…_]{2,}|-{3,}")


def number_from_line(rest: str, nxt: str | None = None) -> tuple[str | None, bool]:
    """(number, blank) from the text after NOMOR on its line (and the next line when the
    number stands there alone). Spaces around separators go, stray OCR marks ("(", "|")
    go, and blanks left for a handwritten number come out as "..." (``188.45/.../2025``);
    a number left wholly blank gives (None, True)."""
    line = rest.strip()
    if not line and nxt is not None and re.match(r"\s*[0-9]", nxt) and not re.match(r"\s*" + _fz("TAHUN"), nxt, re.I):
        line = nxt.strip()
    cut = _NUMBER_END.search(" " + line)
    if cut:
        line = (" " + line)[: cut.start()].strip()
    line = re.sub(r"[()\[\]{}|!\"'“”]", "", line).strip(" :;,")
    line = re.sub(r"\s*([/])\s*", r"\1", line)
    line = re.sub(r"(?<=\d)\s*\.\s*(?=\d)", ".", line)
    line = _BLANK_RUN.sub("...", line)
    if " " in line:  # a number is one token; the rest of the line is something else
        segs = line.split("/")
        if len(segs) == 1:
            line = line.split()[0]
    segs = [seg.strip() for seg in line.split("/")]
    if len(segs) > 1:
        segs = [seg if seg else "..." for seg in segs]
    line = "/".join(segs).rstrip(".") if not line.endswith("...") else "/".join(segs)
    if not line or set(line) <= set("./ "):
        return None, True
    if not re.search(r"\d", line):
        return None, False
    return line, False


_YEAR_AFTER_NUMBER = re.compile(_fz("TAHUN") + r"\s+((?:19|20)\d{2})\b", re.I)
_YEAR_ANY = re.compile(r"\b((?:19|20)\d{2})\b")
_TITLE_RE = re.compile(r"\bTENTANG\b\s*:?\s*(.+?)(?=\bDENGAN\s+RAHMAT\b|\bMenimbang\b|\bDitetapkan\s+di\b|\n[ \t]*\n|\b" + _OFFICE + r"\s+[A-Z ]+,\s*$|$)", re.I | re.S)
_RANCANGAN = re.compile(r"\bRANCANGAN\b|\bDRAF(?:T)?\b|\bKONSEP\b\s+(?:PERATURAN|KEPUTUSAN)", re.I)
# the same cue written as a title writes it (upper case): found anywhere in the head
_RANCANGAN_TITLE = re.compile(r"\bRANCANGAN\b|\bDRAF(?:T)?\b|\bKONSEP\s+(?:PERATURAN|KEPUTUSAN)\b")
# where the title block ends: "Rancangan Peraturan Daerah" in a consideration (an enacted Perda
# on the APBD recalls that DPRD improved its draft) is not a draft mark
_CONSIDERATIONS = re.compile(r"\bMenimbang\b|\bbahwa\b|\bMengingat\b", re.I)
_DITETAPKAN = re.compile(r"Ditetapkan\s+di\s+[A-Za-z ]+?\s*(?:\n\s*)?pada\s+tanggal\s*:?\s*([^\n]{0,40})", re.I)
_DIUNDANGKAN = re.compile(r"\bDiundangkan\s+di\b", re.I)
_TTD = re.compile(r"\bttd\b|\bTTD\b|\bCap\b|\bSALINAN\b", re.I)
_DATE_DIGITS = re.compile(r"\d{1,2}\s+[A-Za-z]+\s+(?:19|20)\d{2}|\d{1,2}[-/]\d{1,2}[-/](?:19|20)\d{2}")
_ISSUER_RE = re.compile(
    r"\b(?:PERATURAN|KEPUTUSAN|SURAT\s+EDARAN|INSTRUKSI)\s+(BUPATI|WALI\s*KOTA|WALIKOTA|GUBERNUR)\s+" + _PLACE,
)
_ISSUER_HEADER = re.compile(r"^\s*(BUPATI|WALI\s*KOTA|WALIKOTA|GUBERNUR)\s+([A-Z][A-Z'\- ]{2,40}?)\s*,?\s*$", re.M)
_PERDA_ISSUER = re.compile(r"PERATURAN\s+DAERAH\s+(KABUPATEN|KOTA|PROVINSI)\s+" + _PLACE)
_NATIONAL = re.compile(r"\b(PRESIDEN\s+REPUBLIK\s+INDONESIA|MENTERI\s+[A-Z][A-Z ,/]+|KEPALA\s+BADAN\s+[A-Z ]+)\b")
_OPD = re.compile(r"\b(DINAS\s+[A-Z][A-Z ,]+?|BADAN\s+[A-Z][A-Z ]+?|SEKRETARIAT\s+DAERAH|INSPEKTORAT)\s+(KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){0,2})")

# A letterhead or budget sheet naming its government ("PEMERINTAH KABUPATEN X", "Pemerintah Kota X").
_GOVERNMENT = re.compile(r"\b(?:PEMERINTAH|Pemerintah)\s+(KABUPATEN|KOTA|PROVINSI|Kabupaten|Kota|Provinsi)\s+"
                         r"([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){0,2})")
_KEGIATAN = re.compile(r"^\s*Kegiatan\s*:\s*(?:[\d.]+\s*-\s*)?([^\n]{4,160})", re.M)
_SOP_NUMBER = re.compile(r"\bNomor\s+SOP\s*:?\s*([0-9][0-9A-Za-z./\-]*)", re.I)
_DATE_LINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z ]{2,30},\s+\d{1,2}\s+(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|"
    r"Oktober|November|Desember)\s+((?:19|20)\d{2})", re.M)


_LETTERHEAD = re.compile(r"^(PEMERINTAH|DINAS|BADAN|SEKRETARIAT|KANTOR|INSPEKTORAT|KEMENTERIAN|JALAN|JL\.|TELP)\b")


def _heading(block: str, cue: str | None = None) -> str | None:
    """The document's title set in capitals: the upper-case lines starting at the type cue
    (or the first upper-case lines that are not a letterhead), up to the next letterhead or
    lower-case line."""
    lines: list[str] = []
    started = False
    for raw in block.splitlines():
        line = raw.strip()
        letters = [c for c in line if c.isalpha()]
        upper = len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8
        if not started:
            if not upper or (cue and cue.upper() not in _norm(line).upper()) or (not cue and _LETTERHEAD.match(line)):
                continue
            started = True
            lines.append(line)
            continue
        if not upper or _LETTERHEAD.match(line) or line.startswith("BAB ") or len(lines) >= 4:
            break
        lines.append(line)
    title = _norm(" ".join(lines))
    if len(title.split()) < 3:
        return _heading(block, None) if cue else None
    return title[:300]


_STOP_PLACE = {"NOMOR", "NO", "NO.", "TAHUN", "TANGGAL", "TGL", "TGL.", "TENTANG", "PROVINSI", "DENGAN", "REPUBLIK",
               "INDONESIA", "SELAKU", "PADA"}


_PLACELESS = re.compile(r"^\s*(?:bupati|wali\s*kota|gubernur|pemerintah)?\s*(?:kabupaten|kota|provinsi)?\s*$", re.I)


def _place(name: str) -> str:
    words = []
    for w in name.split():
        if w.upper() in _STOP_PLACE:
            break
        words.append(w)
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _office_name(office: str) -> str:
    o = office.upper().replace(" ", "")
    return {"BUPATI": "Bupati", "WALIKOTA": "Wali Kota", "GUBERNUR": "Gubernur"}.get(o, office.title())


def _region_for(office: str, place: str) -> str:
    o = office.upper().replace(" ", "")
    kind = {"BUPATI": "Kabupaten", "WALIKOTA": "Kota", "GUBERNUR": "Provinsi"}.get(o, "")
    return f"{kind} {place}".strip()


_TENTANG = re.compile(_fz("TENTANG") + r"[ \t]*:?", re.I)
_TITLE_STOP = re.compile(r"^(?:DENGAN\s+RAHMAT|MEMUTUSKAN|MENETAPKAN|BAB\s+[IVX1]+\b|Menimbang\s*:?\s*\w.{8,}|"
                         r"Mengingat\s*:?\s*\w.{8,})|" + _OFFICE + r"\s+[A-Z][A-Z ]+,\s*$|:\s*$", re.I)
_TITLE_SKIP = re.compile(r"^(?:Menimbang|Mengingat|Memperhatikan)\s*:?\s*$|^\W*\w{0,2}\W*$|^\d{1,3}$", re.I)


def _upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def caps_title(head: str, start: int) -> str | None:
    """The title set in capitals after TENTANG, read across the blank lines and stray words
    OCR puts inside a title block (a margin "Menimbang", a list letter "a."), up to DENGAN
    RAHMAT, the office line ("BUPATI DONGGALA,"), a heading ending in ":" or running text."""
    lines: list[str] = []
    for raw in head[start:].splitlines():
        line = raw.strip().lstrip("—–-•· ").strip()
        if not line:
            continue
        if _TITLE_STOP.search(line):
            break
        if _TITLE_SKIP.match(line):
            continue
        if not _upper_line(line):
            break
        lines.append(line)
        if len(lines) >= 6:
            break
    title = _norm(" ".join(lines))
    return title if len(title.split()) >= 2 else None


def doc_type_of(head: str) -> tuple[str, str | None]:
    best: tuple[int, str, str] | None = None
    for dtype, rx in _TYPE_RULES:
        m = rx.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), dtype, m.group(0))
    if best is None:
        return "lainnya", None
    return best[1], best[2]


# The evaluation's own result (Laporan Hasil Evaluasi): a baseline for comparison, never
# evidence. Either the evaluator's name on the cover with the result's heading, or the
# evaluator's foreword ("kegiatan Evaluasi SPBE Tahun N dapat terlaksana ... hasil evaluasi
# SPBE tahun N dapat digunakan/menggambarkan ...").
_EVALUATOR = re.compile(r"Kementerian\s+Pendayagunaan\s+Aparatur\s+Negara|\bKEMEN\s*PAN\s*-?\s*RB\b"
                        r"|Deputi\s+Bidang\s+Kelembagaan\s+dan\s+Tata\s+Laksana", re.I)
_RESULT_HEADING = re.compile(r"^[ \t]*(?:INDEKS\s+SPBE\b|LAPORAN\s+HASIL\s+EVALUASI\b)", re.M)
_SPBE = r"(?:SPBE|Sistem\s+Pemerintahan\s+Berbasis\s+Elektronik(?:\s*\(SPBE\))?)"
_EVALUATION_FOREWORD = re.compile(
    r"kegiatan\s+(?:pemantauan\s+dan\s+)?evaluasi\s+" + _SPBE + r"\s+Tahun\s+(?:19|20)\d{2}\s+(?:dapat|telah)\s+"
    r"(?:terlaksana|diselesaikan|dilaksanakan)", re.I)
_EVALUATION_USE = re.compile(r"hasil\s+evaluasi\s+" + _SPBE + r"\s+tahun\s+(?:19|20)\d{2}\s+dapat\s+"
                             r"(?:digunakan|menggambarkan|dimanfaatkan)", re.I)


def is_evaluation_result(head: str) -> bool:
    """Is this the evaluation's own report (LHE) rather than the region's evidence?"""
    cover = "\n".join([ln for ln in head[:1000].splitlines() if ln.strip()][:3])  # the evaluator heads the cover
    if _EVALUATOR.search(cover) and _RESULT_HEADING.search(head[:1000]):
        return True
    return bool(_EVALUATION_FOREWORD.search(head) and _EVALUATION_USE.search(head))


def extract_metadata(text: str) -> DocMeta:
    """Metadata from a document's full text (pages joined)."""
    head = text[:HEAD_CHARS]
    tail = text[-TAIL_CHARS:]
    meta = DocMeta()
    sig = meta.signals

    # Only the title block decides the type; skip a leading "SALINAN"/page number.
    title_block = head[:900]
    dtype, cue = doc_type_of(title_block)
    if cue is None:
        dtype, cue = doc_type_of(head)
    meta.doc_type = dtype
    sig["doc_type_cue"] = cue
    if dtype not in REGULATIONS and is_evaluation_result(head):
        sig["evaluation_result"] = True

    # Number and year: the first NOMOR right after the type cue (regulations); "Nomor SOP" (SOP).
    start = max(0, title_block.find(cue)) if cue else 0
    m = _NUMBER_LINE.search(head, start, start + 300) if dtype in _REGULATION_TYPES else None
    if dtype == "sop":
        sm = _SOP_NUMBER.search(head)
        if sm:
            meta.number = sm.group(1).rstrip(".,;")
            yn = re.search(r"((?:19|20)\d{2})$", meta.number)
            if yn:
                meta.year = int(yn.group(1))
    if m:
        number, blank = number_from_line(m.group(1) or "", m.group(2))
        if blank:
            meta.number = None
            sig["number_blank"] = True
        elif number:
            meta.number = number
            if "..." in number:
                sig["number_partly_blank"] = True
        ym = _YEAR_AFTER_NUMBER.search(head, m.start(), m.end() + 40)
        if ym:
            meta.year = int(ym.group(1))
        elif meta.number:
            yn = re.search(r"((?:19|20)\d{2})\s*$", meta.number)
            if yn:
                meta.year = int(yn.group(1))
    if meta.year is None:
        # Non-regulations: a year in the title block ("TAHUN 2024", "2023-2027"), then the
        # document's own date line ("Sukamaju, 10 Juni 2025").
        m2 = _YEAR_AFTER_NUMBER.search(title_block) or _YEAR_ANY.search(_heading(title_block) or "")
        if m2:
            meta.year = int(m2.group(1))
        else:
            dl = _DATE_LINE.search(text)
            if dl:
                meta.year = int(dl.group(1))
    dm = _DITETAPKAN.search(tail)
    if meta.year is None and dm:
        ym = _YEAR_ANY.search(dm.group(1))
        if ym:
            meta.year = int(ym.group(1))
    if meta.year is None:
        ym = _YEAR_ANY.search(head)
        if ym:
            meta.year = int(ym.group(1))

    tm = _TITLE_RE.search(head) if dtype in _REGULATION_TYPES else None
    if tm is None and dtype == "anggaran":
        # Budget documents (DPA/RKA): the subject is the activity, "Kegiatan : <code> - <name>".
        km = _KEGIATAN.search(head)
        meta.title = _norm(km.group(1)) if km else None
    elif tm is None and dtype not in _REGULATION_TYPES:
        meta.title = _heading(title_block, cue)
    ct = None
    if dtype in _REGULATION_TYPES:
        tn = _TENTANG.search(head, start)
        ct = caps_title(head, tn.end()) if tn else None
    if ct:
        meta.title = ct[:300].rstrip(" ,;:.")
    elif tm:
        title = _norm(tm.group(1))
        title = re.split(r"\s+(?:DENGAN RAHMAT|Menimbang|BUPATI [A-Z]+ ?,|WALI ?KOTA [A-Z]+ ?,|GUBERNUR [A-Z]+ ?,)", title)[0]
        meta.title = title[:300].rstrip(" ,;:") or None

    im = _ISSUER_RE.search(head)
    if im:
        place = _place(im.group(2))
        meta.issuer = f"{_office_name(im.group(1))} {place}"
        meta.region = _region_for(im.group(1), place)
    else:
        pm = _PERDA_ISSUER.search(head)
        if pm:
            place = _place(pm.group(2))
            meta.region = f"{pm.group(1).capitalize()} {place}"
            meta.issuer = f"Pemerintah {meta.region}"
        else:
            hm = _ISSUER_HEADER.search(head[:600])
            if hm:
                place = _place(hm.group(2).strip())
                meta.issuer = f"{_office_name(hm.group(1))} {place}"
                meta.region = _region_for(hm.group(1), place)
            else:
                om = _OPD.search(head)
                if om:
                    place = _place(om.group(3))
                    meta.region = f"{om.group(2).capitalize()} {place}"
                    meta.issuer = f"{_norm(om.group(1)).title()} {meta.region}"
                elif (gm := _GOVERNMENT.search(head[:1500])) and _place(gm.group(2)):
                    meta.region = f"{gm.group(1).capitalize()} {_place(gm.group(2))}"
                    meta.issuer = f"Pemerintah {meta.region}"
                else:
                    nm = _NATIONAL.search(head[:800])
                    if nm:
                        meta.issuer = _norm(nm.group(1)).title()
                        sig["national"] = True
    if meta.region and len(meta.region.split()) < 2:  # a kind word without a place ("Kota") names no region
        meta.region = None
        if meta.issuer and _PLACELESS.match(meta.issuer):  # nor an issuer ("Wali Kota", "Pemerintah Kota")
            meta.issuer = None

    # Enacted or draft.
    cut = _CONSIDERATIONS.search(head[:600])
    if _RANCANGAN.search(head[:cut.start() if cut else 600]) or _RANCANGAN_TITLE.search(head[:600]):
        meta.status = "draft"
        sig["status_cue"] = "RANCANGAN/DRAF in title block"
    elif dm and _DATE_DIGITS.search(dm.group(1)):
        meta.status = "enacted"
        sig["status_cue"] = "Ditetapkan di ... pada tanggal <date>"
    elif _DIUNDANGKAN.search(tail) and not sig.get("number_blank"):
        meta.status = "enacted"
        sig["status_cue"] = "Diundangkan di"
    elif dm and sig.get("number_blank"):
        meta.status = "draft"
        sig["status_cue"] = "number and date left blank"
    elif dtype in _REGULATION_TYPES and meta.number and _TTD.search(tail):
        meta.status = "enacted"
        sig["status_cue"] = "numbered and signed"
    return meta
