"""Build the training corpus from the project's own templates (deterministic, seeded).

    python corpus/make_training.py [--out corpus/training] [--seed 7]

Writes
  passages.jsonl   {"text", "labels": [indicator ids], "kind", "source"}
  documents.jsonl  {"id", "pages": [text, ...], "doc_type", "is_evidence", "indicators", "kind"}

Everything is fictional and written by this project (see corpus/README.md, "Training data"):
the templates in ``training_templates.py``, the SPBE 2020 framework file's own level texts and
keywords, and synthetic OCR noise. Nothing is copied from real submissions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from training_templates import APPS, DOC_HEADS, NEGATIVE, OPDS, POSITIVE, REGIONS  # noqa: E402

from evidence_mapper.frameworks import load_framework  # noqa: E402

OCR_CONFUSIONS = {"l": "1", "i": "l", "o": "0", "e": "c", "a": "o", "n": "m", "m": "rn", "s": "5", "b": "h",
                  "u": "v", "t": "l", "g": "q", "r": "n", "d": "cl"}
PREFIXES = ["", "", "", "Pasal {n}\n", "({n}) ", "{a}. ", "KESATU : ", "KEDUA : ", "- ", "{n}.{m} ", "BAB {R}\n"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


def fill(tpl: str, rng: random.Random, ind: int | None = None) -> str:
    region, head = rng.choice(REGIONS)
    apps = APPS.get(ind or 0, ["SIMPATIK", "e-Layanan"])
    return (tpl.replace("{D}", region).replace("{KD}", head).replace("{OPD}", rng.choice(OPDS))
            .replace("{Y}", str(rng.randint(2018, 2026))).replace("{N}", str(rng.randint(1, 60)))
            .replace("{APP}", rng.choice(apps)))


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    out = []
    for ch in text:
        r = rng.random()
        if r < rate and ch.lower() in OCR_CONFUSIONS:
            out.append(OCR_CONFUSIONS[ch.lower()])
        elif r < rate * 1.3 and ch == " ":
            continue
        elif r < rate * 1.5:
            out.append(ch + rng.choice(" .,'"))
        else:
            out.append(ch)
    return "".join(out)


def vary(text: str, rng: random.Random) -> str:
    p = rng.choice(PREFIXES).replace("{n}", str(rng.randint(1, 30))).replace("{m}", str(rng.randint(1, 9)))
    p = p.replace("{a}", rng.choice("abcdefg")).replace("{R}", rng.choice(ROMAN))
    t = p + text
    r = rng.random()
    if r < 0.12:
        t = t.upper()
    if rng.random() < 0.35:
        t = ocr_noise(t, rng, rng.choice([0.01, 0.03, 0.06]))
    if rng.random() < 0.2:  # line-wrapped like a PDF text layer
        words = t.split(" ")
        t = "\n".join(" ".join(words[i:i + 9]) for i in range(0, len(words), 9))
    return t


def framework_passages(fw) -> list[tuple[str, list[int], str]]:
    """The framework's own words: level texts, questions, typical evidence, keyword sentences."""
    out = []
    for ind in fw.indicators:
        for lv in ind.levels.values():
            out.append((lv.text, [ind.id], f"fw:{ind.id}:level"))
        if ind.description:
            out.append((ind.description, [ind.id], f"fw:{ind.id}:description"))
        for ev in ind.evidence_typical:
            out.append((ev, [ind.id], f"fw:{ind.id}:evidence"))
        kws = list(ind.keywords)
        for i in range(0, len(kws), 3):
            out.append(("Penyelenggaraan " + ", ".join(kws[i:i + 3]) + " di lingkungan Pemerintah Daerah.",
                        [ind.id], f"fw:{ind.id}:keywords"))
    return out


def positive_labels(ind: int, tpl: str) -> tuple[str, list[int]]:
    if "||" in tpl:
        tpl, extra = tpl.split("||")
        return tpl, [ind] + [int(x) for x in extra.split(";")]
    return tpl, [ind]


def make_passages(rng: random.Random, fw, per_template: int = 12) -> list[dict]:
    rows = []
    for ind, tpls in POSITIVE.items():
        for k, raw in enumerate(tpls):
            tpl, labels = positive_labels(ind, raw)
            for _ in range(per_template):
                rows.append({"text": vary(fill(tpl, rng, ind), rng), "labels": labels, "kind": "pos",
                             "source": f"tpl:{ind}:{k}"})
    for text, labels, src in framework_passages(fw):
        for _ in range(3):
            rows.append({"text": vary(text, rng), "labels": labels, "kind": "framework", "source": src})
    for cat, tpls in NEGATIVE.items():
        for k, tpl in enumerate(tpls):
            for _ in range(per_template * 2):
                rows.append({"text": vary(fill(tpl, rng), rng), "labels": [], "kind": "neg", "source": f"neg:{cat}:{k}"})
    # Two related sentences in one passage, as segmentation often packs them.
    pos = [r for r in rows if r["kind"] == "pos"]
    for _ in range(len(pos) // 3):
        a, b = rng.sample(pos, 2)
        rows.append({"text": a["text"] + " " + b["text"], "labels": sorted(set(a["labels"]) | set(b["labels"])),
                     "kind": "pos-pair", "source": a["source"] + "+" + b["source"]})
    negs = [r for r in rows if r["kind"] == "neg"]
    for _ in range(len(pos) // 4):
        a, b = rng.choice(pos), rng.choice(negs)
        rows.append({"text": b["text"] + " " + a["text"], "labels": a["labels"], "kind": "pos-neg",
                     "source": a["source"] + "+" + b["source"]})
    rng.shuffle(rows)
    return rows


TITLES = {
    1: "ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", 2: "PETA RENCANA SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
    3: "SATU DATA {DU}", 4: "PEDOMAN PEMBANGUNAN DAN PENGEMBANGAN APLIKASI", 5: "PENGELOLAAN PUSAT DATA DAERAH",
    6: "PENYELENGGARAAN JARINGAN INTRA PEMERINTAH DAERAH", 7: "SISTEM PENGHUBUNG LAYANAN PEMERINTAH DAERAH",
    8: "MANAJEMEN KEAMANAN INFORMASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", 9: "AUDIT TEKNOLOGI INFORMASI DAN KOMUNIKASI",
    10: "PEMBENTUKAN TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", 21: "PEDOMAN MANAJEMEN RISIKO SPBE",
    42: "PENGELOLAAN PENGADUAN PELAYANAN PUBLIK", 32: "TATA CARA PENGGUNAAN APLIKASI PERENCANAAN PEMBANGUNAN DAERAH",
    44: "JARINGAN DOKUMENTASI DAN INFORMASI HUKUM", 37: "TATA NASKAH DINAS ELEKTRONIK",
}
UMBRELLA = "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK"
NEG_TITLES = {
    "national": ("lainnya", ["PEDOMAN MANAJEMEN RISIKO SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK", "SATU DATA INDONESIA",
                             "SISTEM MANAJEMEN PENGAMANAN INFORMASI", "PEDOMAN PENYUSUNAN PETA PROSES BISNIS"]),
    "news": ("berita", ["SOSIALISASI APLIKASI", "RAPAT KOORDINASI", "LOMBA DESA DIGITAL"]),
    "slides": ("lainnya", ["SMART CITY WITH SMART LIGHTING"]),
    "kinerja": ("perbup", ["INDIKATOR KINERJA UTAMA PERANGKAT DAERAH", "INDIKATOR KINERJA INDIVIDU"]),
    "ppid": ("perwali", ["STANDAR OPERASIONAL PROSEDUR LAYANAN INFORMASI PUBLIK", "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI"]),
    "other_team": ("sk", ["PEMBENTUKAN TIM PERCEPATAN PENURUNAN STUNTING", "PEMBENTUKAN TIM PENCEGAHAN PENYAKIT MENULAR"]),
    "sotk": ("perwali", ["SUSUNAN ORGANISASI, TUGAS DAN FUNGSI SERTA TATA KERJA DINAS KOMUNIKASI DAN INFORMATIKA"]),
    "finance_other": ("perbup", ["PEMBERIAN TAMBAHAN PENGHASILAN PEGAWAI", "SEWA KENDARAAN DINAS", "RETRIBUSI PERSAMPAHAN"]),
    "general_legal": ("perda", ["PENYELENGGARAAN KOPERASI", "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH"]),
    "budget_other": ("anggaran", ["Penyediaan Makanan dan Minuman", "Penyediaan Alat Tulis Kantor",
                                  "Pemeliharaan Rutin Kendaraan Dinas", "Penyediaan Jasa Kebersihan Kantor"]),
}


def head(doc_type: str, title: str, rng: random.Random) -> str:
    region, _ = rng.choice(REGIONS)
    place = region.split(" ", 1)[1].upper()
    t = rng.choice(DOC_HEADS[doc_type])
    return (t.replace("{DU}", region.upper()).replace("{PU}", place).replace("{T}", title.replace("{DU}", region.upper()))
            .replace("{N}", str(rng.randint(1, 120))).replace("{Y}", str(rng.randint(2015, 2026))))


def body(inds: list[int], rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        ind = rng.choice(inds)
        tpl, _ = positive_labels(ind, rng.choice(POSITIVE[ind]))
        out.append(vary(fill(tpl, rng, ind), rng))
    return out


CONSIDER = [
    "Menimbang : a. bahwa dalam rangka mewujudkan tata kelola pemerintahan yang bersih, efektif, transparan dan "
    "akuntabel serta pelayanan publik yang berkualitas dan terpercaya, diperlukan {T}; b. bahwa berdasarkan "
    "pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan tentang {T};",
    "Menimbang : a. bahwa untuk meningkatkan keterpaduan dan efisiensi sistem pemerintahan berbasis elektronik "
    "di lingkungan Pemerintah Daerah perlu pengaturan mengenai {T}; b. bahwa sesuai ketentuan Peraturan Presiden "
    "Nomor 95 Tahun 2018, perlu menetapkan {T};",
]
MENGINGAT = [
    "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah; 2. Peraturan Presiden Nomor 95 "
    "Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
    "Mengingat : 1. Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik; 2. Peraturan "
    "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 59 Tahun 2020;",
]


def make_documents(rng: random.Random, n_pos: int = 500, n_neg: int = 400, n_excerpt: int = 150,
                   n_long: int = 150) -> list[dict]:
    docs = []
    reg_types = ["perbup", "perwali", "perda", "sk", "sop", "rencana", "laporan", "anggaran", "topologi", "se"]
    for i in range(n_pos):
        inds = rng.sample(sorted(POSITIVE), rng.choice([1, 1, 2]))
        dt = rng.choice(reg_types)
        if rng.random() < 0.2:
            title, inds, dt = UMBRELLA, list(range(1, 11)), rng.choice(["perbup", "perwali", "perda"])
        else:
            title = TITLES.get(inds[0], rng.choice(["PELAKSANAAN", "PENGELOLAAN", "LAPORAN"]) + " " +
                               normalize_title(inds[0]))
        text = head(dt, title, rng)
        paras = body(inds, rng, rng.randint(2, 8))
        paras += [vary(fill(rng.choice(NEGATIVE["general_legal"]), rng), rng) for _ in range(rng.randint(0, 3))]
        rng.shuffle(paras)
        pages = [text + "\n" + "\n".join(paras[:3]), "\n".join(paras[3:]) or paras[-1]]
        if rng.random() < 0.3:
            pages = [ocr_noise(p, rng, 0.03) for p in pages]
        docs.append({"id": f"pos{i:04d}", "pages": pages, "doc_type": dt, "is_evidence": True,
                     "indicators": sorted(inds), "kind": "pos"})
    # Excerpts: a title and its considerations only (how regulations are often published).
    for i in range(n_excerpt):
        inds = rng.sample(sorted(POSITIVE), 1)
        dt = rng.choice(["perbup", "perwali", "perda", "pergub"])
        title = UMBRELLA if rng.random() < 0.4 else TITLES.get(inds[0], normalize_title(inds[0]))
        if title == UMBRELLA:
            inds = list(range(1, 11))
        topic = title.lower()
        text = head(dt, title, rng) + "\n" + rng.choice(CONSIDER).replace("{T}", topic) + "\n" + \
            rng.choice(MENGINGAT)
        if rng.random() < 0.5:
            text += "\nPasal 1\nDalam Peraturan ini yang dimaksud dengan:\n" + " ".join(body(inds, rng, rng.randint(1, 2)))
        docs.append({"id": f"exc{i:04d}", "pages": [text], "doc_type": dt, "is_evidence": True,
                     "indicators": sorted(inds), "kind": "pos:excerpt"})
    # Long documents about something else that mention SPBE words in passing.
    cats_long = ["sotk", "finance_other", "general_legal", "kinerja", "ppid", "budget_other"]
    for i in range(n_long):
        cat = cats_long[i % len(cats_long)]
        dt, titles = NEG_TITLES[cat]
        paras = [vary(fill(t, rng), rng) for t in rng.choices(NEGATIVE[cat] + NEGATIVE["general_legal"],
                                                               k=rng.randint(15, 30))]
        paras += body(rng.sample(sorted(POSITIVE), 1), rng, rng.randint(1, 2))
        rng.shuffle(paras)
        hd = head(dt, rng.choice(titles), rng)
        pages = [hd + "\n" + "\n".join(paras[k:k + 6]) if k == 0 else "\n".join(paras[k:k + 6])
                 for k in range(0, len(paras), 6)]
        docs.append({"id": f"long{i:04d}", "pages": pages, "doc_type": dt, "is_evidence": False,
                     "indicators": [], "kind": f"neg:long:{cat}"})
    cats = sorted(NEG_TITLES)
    for i in range(n_neg):
        cat = cats[i % len(cats)]
        dt, titles = NEG_TITLES[cat]
        if cat == "national":
            hd = rng.choice(DOC_HEADS["lainnya"][:2]).replace("{T}", rng.choice(titles))
            hd = hd.replace("{N}", str(rng.randint(1, 60))).replace("{Y}", str(rng.randint(2015, 2024)))
            # National guidelines talk about SPBE topics at length: that is the trap.
            paras = [vary(fill(t, rng), rng) for t in rng.sample(NEGATIVE["national"], 3)]
            paras += body(rng.sample(sorted(POSITIVE), 1), rng, rng.randint(1, 4))
        else:
            hd = head(dt, rng.choice(titles), rng)
            paras = [vary(fill(t, rng), rng) for t in rng.choices(NEGATIVE[cat], k=rng.randint(2, 6))]
            if cat in ("news", "slides", "sotk") and rng.random() < 0.5:
                paras += body(rng.sample(sorted(POSITIVE), 1), rng, 1)
        rng.shuffle(paras)
        pages = [hd + "\n" + "\n".join(paras[:3]), "\n".join(paras[3:]) or paras[-1]]
        if rng.random() < 0.3:
            pages = [ocr_noise(p, rng, 0.03) for p in pages]
        docs.append({"id": f"neg{i:04d}", "pages": pages, "doc_type": dt, "is_evidence": False,
                     "indicators": [], "kind": f"neg:{cat}"})
    rng.shuffle(docs)
    return docs


def normalize_title(ind: int) -> str:
    fw = load_framework("spbe-2020")
    name = fw.indicator(ind).name
    return name.replace("Tingkat Kematangan ", "").upper()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "training")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    fw = load_framework("spbe-2020")
    a.out.mkdir(parents=True, exist_ok=True)
    passages = make_passages(rng, fw)
    docs = make_documents(rng)
    with open(a.out / "passages.jsonl", "w", encoding="utf-8") as f:
        for r in passages:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    with open(a.out / "documents.jsonl", "w", encoding="utf-8") as f:
        for r in docs:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(passages)} passages, {len(docs)} documents -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
