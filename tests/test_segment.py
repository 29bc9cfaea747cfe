import pytest

from evidence_mapper.nlp.segment import LegalState, segment_page, split_sentences


def test_sentences_keep_indonesian_abbreviations_together():
    text = ("Keputusan ini ditetapkan dengan No. 12 Thn. 2023 tgl. 5 Maret di Kab. Demak oleh Drs. Ahmad. "
            "Kalimat kedua dimulai di sini.")
    sents = [text[a:b].strip() for a, b in split_sentences(text)]
    assert len(sents) == 2
    assert sents[0].endswith("Drs. Ahmad.")
    assert sents[1] == "Kalimat kedua dimulai di sini."


def test_enumerators_do_not_split():
    text = "Menimbang: a. bahwa sesuatu perlu diatur; b. bahwa hal lain juga perlu."
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert not any(s.strip() in ("a.", "b.") for s in sents)


def test_legal_units_and_exact_offsets():
    text = ("BAB II\nARSITEKTUR\n\nPasal 5\n(1) Arsitektur SPBE memuat referensi arsitektur dan domain arsitektur.\n"
            "(2) Arsitektur SPBE direviu secara berkala paling sedikit sekali dalam lima tahun.\n\n"
            "Pasal 6\nPeta Rencana SPBE disusun oleh perangkat daerah yang membidangi urusan komunikasi.\n")
    passages = segment_page(text, 1, "abc", LegalState())
    units = [p.span.legal_unit for p in passages]
    assert "Pasal 5 ayat (1)" in units
    assert "Pasal 5 ayat (2)" in units
    assert "Pasal 6" in units
    for p in passages:
        # The span points at exactly the passage's characters in the page text.
        assert " ".join(text[p.span.char_start:p.span.char_end].split()) == p.text
        assert p.id == f"p1:{p.span.char_start}-{p.span.char_end}"


def test_state_carries_across_pages():
    st = LegalState()
    segment_page("Pasal 9\n(1) Ayat pertama dari pasal sembilan yang cukup panjang untuk jadi passage.\n", 1, "x", st)
    p2 = segment_page("dan lanjutan kalimat dari halaman sebelumnya yang juga cukup panjang isinya.\n", 2, "x", st)
    assert p2[0].span.legal_unit == "Pasal 9 ayat (1)"


def test_long_block_is_split_into_sentence_chunks():
    sentence = "Perangkat daerah wajib menggunakan aplikasi umum yang ditetapkan oleh pemerintah pusat. "
    text = sentence * 20
    passages = segment_page(text, 1, "x", LegalState())
    assert len(passages) > 1
    assert all(len(p.text) <= 700 for p in passages)


def _real_texts() -> list[str]:
    from conftest import CORPUS_REAL

    files = CORPUS_REAL / "files"
    texts = [p.read_text(errors="ignore") for p in sorted(files.glob("*.txt"))]
    import pypdfium2 as pdfium

    for p in sorted(files.glob("*.pdf"))[:25]:
        try:
            pdf = pdfium.PdfDocument(str(p))
        except Exception:
            continue
        pages = []
        for i in range(min(len(pdf), 20)):
            pages.append(pdf[i].get_textpage().get_text_range())
        texts.append("\n".join(pages))
        pdf.close()
    return [t for t in texts if t.strip()]


@pytest.mark.slow
def test_light_tokenizer_keeps_the_full_tokenizers_sentence_boundaries():
    """The pipeline drops spaCy's hyphenated-word exceptions; sentences must not move (real texts)."""
    import spacy

    from conftest import CORPUS_REAL
    from evidence_mapper.nlp.segment import pipeline

    if not (CORPUS_REAL / "files").is_dir():
        pytest.skip("corpus-real not present")
    light = pipeline()
    full = spacy.blank("id")
    full.add_pipe("legal_sentencizer")
    assert len(light.tokenizer.rules) < len(full.tokenizer.rules) / 10
    texts = _real_texts()
    assert len(texts) >= 20
    compared = 0
    for text in texts:
        for i in range(0, len(text), 100_000):
            chunk = text[i:i + 100_000]
            a = [(s.start_char, s.end_char) for s in full(chunk).sents]
            b = [(s.start_char, s.end_char) for s in light(chunk).sents]
            assert a == b
            compared += len(a)
    assert compared > 1000
