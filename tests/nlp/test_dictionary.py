"""The dictionary recogniser on spacy.blank with a tiny real lexicon."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tiny_lexicon import ROWS, lexicon_ref


@pytest.fixture()
def recognise(blank, tiny_lex):
    from kg.nlp.tokenizer import create_tokenizer

    blank.tokenizer = create_tokenizer(blank)
    blank.add_pipe("irkg_dictionary_v1", config={"lexicon": lexicon_ref(tiny_lex)})
    return blank


def found(doc):
    return [(s.text, s.label_) for s in doc.spans["irkg_dict"]]


def test_longest_match_and_types(recognise):
    doc = recognise("Patients with non-small cell lung cancer got cisplatin and SBRT.")
    spans = found(doc)
    assert ("non-small cell lung cancer", "Disease") in spans
    assert ("cisplatin", "Chemical") in spans
    assert ("SBRT", "Radiotherapy") in spans
    assert ("patients", "Species") not in spans  # "Patients" is matched case-insensitively
    assert ("Patients", "Species") in spans


def test_inside_hyphenated_and_slashed_tokens_splits_them(recognise):
    doc = recognise(
        "STING-dependent cGAS/STING signalling in MC38-bearing mice with lithium-induced"
        " HeLa-S3 cells"
    )
    spans = found(doc)
    assert ("STING", "Gene") in spans and ("cGAS", "Gene") in spans
    assert ("MC38", "CellLine") in spans and ("lithium", "Chemical") in spans
    assert ("HeLa", "CellLine") in spans
    # irkg's tokenizer splits "STING-dependent" itself; it keeps "HeLa-S3", which is cut
    assert [t.text for t in doc[:3]] == ["STING", "-", "dependent"]
    assert [t.text for t in doc[-3:]] == ["HeLa", "-S3", "cells"]  # cut only where needed
    assert all(s.start_char == doc[s.start].idx for s in doc.spans["irkg_dict"])


def test_case_rules_for_short_symbols(recognise):
    spans = found(recognise("The cat sat. CAT activity. cgas and Cgas and CGAS."))
    assert ("cat", "Gene") not in spans
    assert ("CAT", "Gene") in spans
    assert ("cgas", "Gene") not in spans
    assert ("Cgas", "Gene") in spans and ("CGAS", "Gene") in spans


def test_words_never_glue_into_a_symbol_nor_keep_punctuation(recognise):
    spans = found(recognise("It is a B16 model; cisplatin, naloxone."))
    assert ("cisplatin", "Chemical") in spans and ("cisplatin,", "Chemical") not in spans
    assert ("B16", "CellLine") in spans


def test_a_short_species_name_is_a_word(recognise):
    """MeSH's "Rat" is a name: "rat" matches it, where a short lower-case word never matches a
    symbol ("cat" is not the gene CAT)."""
    spans = found(recognise("The rat liver and the cat."))
    assert ("rat", "Species") in spans and ("cat", "Gene") not in spans


def test_an_underscore_in_the_text_must_be_in_the_term(recognise):
    """ "MC_38" and "C_6+/6+" are codes (a genotype), not the names the key would reach."""
    spans = found(recognise("Genotypes MC_38 and CGAS_1 versus MC38 and CGAS cells."))
    assert ("MC38", "CellLine") in spans and ("CGAS", "Gene") in spans
    assert not any("_" in text for text, _ in spans)


def test_plurals_greek_and_possessives(recognise):
    spans = found(recognise("breast cancers, IFN-β and Hodgkin's lymphoma"))
    assert ("breast cancers", "Disease") in spans
    assert ("IFN-β", "Gene") in spans
    assert ("Hodgkin's lymphoma", "Disease") in spans


def test_species_prefix(recognise):
    doc = recognise("hDaxx binds mDaxx.")
    assert ("hDaxx", "Gene") in found(doc) and ("mDaxx", "Gene") in found(doc)


def test_match_is_read_only(recognise):
    from kg.nlp.dictionary import DictionaryRecognizer

    component = recognise.get_pipe("irkg_dictionary_v1")
    assert isinstance(component, DictionaryRecognizer)
    doc = recognise.make_doc("HeLa-S3")  # one token for irkg's tokenizer
    matches = component.match(doc)
    assert [(m.start, m.end, m.type.value) for m in matches] == [(0, 4, "CellLine")]
    assert len(doc) == 1 and "irkg_dict" not in doc.spans


TERMS = sorted({row[0] for row in ROWS if len(row[0]) >= 4 and row[0][0].isalpha()})


@settings(max_examples=60, deadline=None)
@given(
    term=st.sampled_from(TERMS),
    before=st.sampled_from(["", "In the ", "Data on ", "(", "Low "]),
    after=st.sampled_from(["", " was seen.", ") in vivo", ", then", "-treated"]),
)
def test_every_term_is_found_in_context(tiny_lex, term, before, after):
    """The prefix pruning never loses a lexicon term, whatever surrounds it."""
    from kg.nlp.dictionary import DictionaryRecognizer

    recogniser = DictionaryRecognizer(lexicon=tiny_lex)
    text = before + term + after
    spans = {(m.start, m.end) for m in recogniser.match_text(text)}
    start = len(before)
    assert any(s <= start and start + len(term) <= e for s, e in spans), (text, spans)


def test_site_before_a_bare_tumour_noun_names_the_site(recognise):
    """ "pancreatic tumors" is the lexicon's "pancreatic neoplasms"; a site the lexicon does not
    know ("MC38 tumors") leaves the bare noun."""
    doc = recognise("Human pancreatic tumors grew, unlike MC38 tumors.")
    spans = {s.text: s for s in doc.spans["irkg_dict"]}
    assert spans["pancreatic tumors"].label_ == "Disease"
    assert spans["pancreatic tumors"]._.ids == ("MESH:D010190",)
    assert "tumors" in spans and "MC38 tumors" not in spans
    assert spans["tumors"]._.ids == ()  # the bare noun is left to the normaliser


def test_coordinated_names_share_their_head(recognise):
    doc = recognise("Risk of brain, breast, and lung cancer and of Hodgkin and lung cancer.")
    spans = [s for s in doc.spans["irkg_dict"] if s.label_ == "Disease"]
    by_text = {s.text: s for s in spans}
    phrase = by_text["brain, breast, and lung cancer"]
    assert phrase._.ids == ("MESH:D001932",)  # the first conjunct's concept is the prediction
    assert [c.curie for c in phrase._.candidates] == [
        "MESH:D001932",
        "MESH:D001943",
        "MESH:D008175",
    ]
    assert "lung cancer" in by_text  # "Hodgkin cancer" is no term: the phrase stays
    assert len(spans) == len({(s.start_char, s.end_char) for s in spans})  # one match a phrase


def test_a_site_at_the_start_of_the_text(recognise):
    doc = recognise("Pancreatic tumors grew.")
    (span,) = [s for s in doc.spans["irkg_dict"] if s.label_ == "Disease"]
    assert (span.text, span._.ids) == ("Pancreatic tumors", ("MESH:D010190",))


def test_conjuncts_stop_where_the_lexicon_cannot_complete_them(tiny_lex):
    from kg.nlp.dictionary import DictionaryRecognizer

    text = "In 1990, breast and lung cancer rose."
    matches = DictionaryRecognizer(lexicon=tiny_lex).match_text(text)
    assert "breast and lung cancer" in {text[m.start : m.end] for m in matches}


def test_key_probe_answers_prefix_and_membership_in_one_search(tiny_lex):
    from kg.lexicon import normalize_key
    from kg.nlp.keyindex import KeyPrefixIndex

    index = KeyPrefixIndex(tiny_lex)
    key = normalize_key("cisplatin")
    assert index.probe(key) == (True, True)
    assert index.probe(key[:4]) == (True, key[:4] in tiny_lex)
    assert index.probe(key + "x") == (False, False)
    assert index.probe("~") == (False, False)  # past the last key
    assert index.plural_hit(key + "s") and not index.plural_hit(key)
    assert not index.plural_hit(key + "x")


def test_remembered_surfaces_match_like_fresh_ones(tiny_lex, monkeypatch):
    """The per-surface memo gives the same matches at every offset, also once it is full."""
    from kg.nlp import dictionary
    from kg.nlp.dictionary import DictionaryRecognizer

    text = "cisplatin and STING; then cisplatin, STING and cGAS in MC38 cells."
    fresh = DictionaryRecognizer(lexicon=tiny_lex).match_text(text)
    monkeypatch.setattr(dictionary, "FOUND_CACHE", 2)  # cleared again and again
    recognizer = DictionaryRecognizer(lexicon=tiny_lex)
    assert recognizer.match_text(text) == fresh
    assert recognizer.match_text(text) == fresh
    assert len(recognizer._found) <= 2
    assert [text[m.start : m.end] for m in fresh].count("cisplatin") == 2


def test_a_conjunct_that_names_a_disease_alone_stands_alone():
    """ "ataxia-telangiectasia and Li-Fraumeni syndrome": two diseases, although "ataxia-
    telangiectasia syndrome" is a lexicon term too."""
    from kg.nlp.coordination import Part, conjuncts

    text = "with ataxia-telangiectasia and Li-Fraumeni syndrome"
    start = text.index("Li-")

    def term(phrase: str) -> Part:
        return Part(phrase, ())

    shared = conjuncts(text, start, len(text), term)
    assert shared is not None and shared.start == text.index("ataxia")
    alone = conjuncts(text, start, len(text), term, lambda word: word == "ataxia-telangiectasia")
    assert alone is None
