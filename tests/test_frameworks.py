"""The bundled framework catalogs load, validate and carry the official SPBE 2020 structure."""

import copy
import json

import pytest

from evidence_mapper.frameworks import (
    CHECK_KEYS, DATA_DIR, DOC_TYPES, FrameworkError, list_frameworks, load_framework, parse_framework,
)

REGULATIONS = {"perda", "perbup", "perwali", "pergub", "sk", "se"}


def _raw(fid: str) -> dict:
    return json.loads((DATA_DIR / f"{fid}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fw():
    return load_framework("spbe-2020")


def test_all_bundled_frameworks_load():
    ids = list_frameworks()
    assert {"spbe-2020", "spbe-2018", "pegi"} <= set(ids)
    for fid in ids:
        f = load_framework(fid)
        assert f.id == fid
        assert f.indicators and f.predicates
        total = sum(i.weight for i in f.indicators)
        assert total == pytest.approx(100.0, abs=0.2), fid


def test_framework_sizes():
    assert len(load_framework("spbe-2018").indicators) == 35
    pegi = load_framework("pegi")
    assert (pegi.scale_min, pegi.scale_max) == (1, 4)
    assert len(pegi.domains) == 5 and len(pegi.aspects) == 5


def test_spbe2020_structure_and_weights(fw):
    assert len(fw.indicators) == 47
    assert [d.weight for d in fw.domains] == [13, 25, 16.5, 45.5]
    assert [a.weight for a in sorted(fw.aspects, key=lambda a: a.id)] == [13, 10, 10, 5, 12, 4.5, 27.5, 18]
    assert len(fw.domains) == 4 and len(fw.aspects) == 8
    counts = {a.id: sum(1 for i in fw.indicators if i.aspect_id == a.id) for a in fw.aspects}
    assert counts == {1: 10, 2: 4, 3: 4, 4: 2, 5: 8, 6: 3, 7: 10, 8: 6}
    for ind in fw.indicators:
        expected = 1.3 if ind.id <= 10 else 2.5 if ind.id <= 20 else 1.5 if ind.id <= 31 else 2.75 if ind.id <= 41 else 3.0
        assert ind.weight == expected, ind.id
        assert ind.kind == ("policy" if ind.id <= 10 else "process" if ind.id <= 31 else "service")
        assert ind.scale == ("process" if ind.id <= 31 else "technical_function")


def test_spbe2020_level_names(fw):
    process = ["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"]
    technical = ["Informasi", "Interaksi", "Transaksi", "Kolaborasi", "Optimum"]
    for ind in fw.indicators:
        names = [ind.level_name(n) for n in range(1, 6)]
        assert names == (technical if ind.id >= 32 else process), ind.id


@pytest.mark.parametrize("value,predicate", [
    (1.20, "Kurang"), (2.15, "Cukup"), (2.6, "Baik"), (3.5, "Sangat Baik"), (4.2, "Memuaskan"),
    (1.79, "Kurang"), (1.8, "Cukup"), (2.59, "Cukup"), (4.19, "Sangat Baik"), (5.0, "Memuaskan"),
])
def test_predicates(fw, value, predicate):
    assert fw.predicate_for(value) == predicate


def test_target(fw):
    assert fw.target_level == 3 and fw.target_predicate == "Baik"


def test_every_level_has_criteria_and_valid_checks():
    for fid in list_frameworks():
        f = load_framework(fid)
        for ind in f.indicators:
            assert set(ind.levels) == set(range(f.scale_min, f.scale_max + 1)), (fid, ind.id)
            assert 10 <= len(ind.keywords) <= 30, (fid, ind.id)
            assert all(k == k.lower() for k in ind.keywords), (fid, ind.id)
            ids = set()
            for n, lv in ind.levels.items():
                assert lv.text and len(lv.criteria) >= 1, (fid, ind.id, n)
                for c in lv.criteria:
                    # continuous-value frameworks (Pemdi) name evidence items by the national portal's
                    # codes I{n}-L{l}-{NN}, in Indonesian only
                    pemdi = c.id.startswith(f"I{ind.id}-L{n}-")
                    assert (c.id.startswith(f"{ind.id}-{n}-") or pemdi) and c.id not in ids
                    ids.add(c.id)
                    assert c.text and (c.text_en or pemdi) and c.evidence, c.id
                    assert set(c.check) <= CHECK_KEYS
                    assert set(c.check.get("doc_types", [])) <= DOC_TYPES
                    assert c.check.get("terms_all") or c.check.get("terms_any"), c.id


def test_policy_levels_two_and_up_need_enacted_regulation_or_recent_review(fw):
    """A draft supports level 1 only; review criteria need a review report under 2 years old."""
    for ind in fw.indicators:
        if ind.id > 10:
            continue
        for c in ind.levels[1].criteria:
            assert c.check.get("status", "any") == "any", c.id
        reviews = 0
        for n in range(2, 6):
            for c in ind.levels[n].criteria:
                types = set(c.check.get("doc_types", []))
                if types == {"laporan"}:
                    reviews += 1
                    assert n >= 4 and c.check.get("max_age_years") == 2, c.id
                    continue
                assert c.check.get("status") == "enacted", c.id
                assert types and types <= REGULATIONS, c.id
        assert reviews >= 1, f"indicator {ind.id} has no review criterion"


def test_level_texts_are_official(fw):
    src = fw.indicator(1).levels[3].text
    assert src.startswith("Kriteria tingkat 2 telah terpenuhi dan kebijakan internal Arsitektur SPBE")
    # indicator 3: review only at level 5 (official text; the old paraphrase had it at level 4)
    assert "reviu" not in fw.indicator(3).levels[4].text
    assert "reviu" in fw.indicator(3).levels[5].text


def test_six_architecture_domains_checked_over_the_document(fw):
    crits = fw.indicator(1).levels[3].criteria
    full = [c for c in crits if len(c.check.get("terms_all", [])) >= 6]
    assert full and full[0].check["scope"] == "document"


def _bad(mutate):
    raw = copy.deepcopy(_raw("spbe-2020"))
    mutate(raw)
    return raw


def test_typo_in_check_key_is_rejected():
    def typo(raw):
        chk = raw["indicators"][0]["levels"]["2"]["criteria"][0]["check"]
        chk["term_any"] = chk.pop("terms_any")
    with pytest.raises(FrameworkError, match="unknown check keys"):
        parse_framework(_bad(typo))


def test_unknown_doc_type_is_rejected():
    def bad(raw):
        raw["indicators"][0]["levels"]["2"]["criteria"][0]["check"]["doc_types"] = ["perbub"]
    with pytest.raises(FrameworkError, match="doc_types"):
        parse_framework(_bad(bad))


def test_wrong_indicator_weight_is_rejected():
    def bad(raw):
        raw["indicators"][0]["weight"] = 2.3
    with pytest.raises(FrameworkError, match="aspect 1"):
        parse_framework(_bad(bad))


def test_wrong_aspect_weight_is_rejected():
    def bad(raw):
        raw["aspects"][1]["weight"] = 12.0
    with pytest.raises(FrameworkError):
        parse_framework(_bad(bad))


def test_missing_level_is_rejected():
    def bad(raw):
        del raw["indicators"][5]["levels"]["4"]
    with pytest.raises(FrameworkError, match="missing"):
        parse_framework(_bad(bad))


def test_crosswalk_ids_exist_in_both_frameworks():
    cw = json.loads((DATA_DIR / "crosswalk.json").read_text(encoding="utf-8"))
    pairs = {(p["from"], p["to"]): p for p in cw["pairs"]}
    assert ("spbe-2020", "spbe-2018") in pairs and ("spbe-2020", "pegi") in pairs
    for (src, dst), pair in pairs.items():
        a, b = load_framework(src), load_framework(dst)
        a_ids, b_ids = {i.id for i in a.indicators}, {i.id for i in b.indicators}
        assert {int(k) for k in pair["map"]} == a_ids, (src, dst)
        for k, targets in pair["map"].items():
            assert set(targets) <= b_ids, (src, dst, k)
        assert pair["source"] and pair["confidence"]
    m = pairs[("spbe-2020", "spbe-2018")]["map"]
    for a, b in {32: 27, 33: 28, 34: 29, 35: 31, 36: 26, 37: 25}.items():
        assert b in m[str(a)]
